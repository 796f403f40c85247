/** The `notify` function: in-app notifications (the source of truth) and subscribe-message grants. */
import { z } from './zod';
import { docId, isoDateTime, pageInput, pageOf } from './common';
import { notificationKinds } from './enums';

export { notificationKinds, notificationKindLabels, type NotificationKind } from './enums';
export const notificationKindSchema = z.enum(notificationKinds);

export const notificationView = z.object({
  id: z.string(),
  kind: notificationKindSchema,
  title: z.string(),
  body: z.string(),
  caseId: docId.nullable(),
  createdAt: isoDateTime,
  read: z.boolean(),
});
export type NotificationView = z.infer<typeof notificationView>;

/** The template ids the user accepted in `wx.requestSubscribeMessage` at one tap (≤ 5 a call). */
export const recordSubscriptionsInput = z
  .object({ templateIds: z.array(z.string().trim().min(1).max(64)).min(1).max(5) })
  .strict();
export const recordSubscriptionsOutput = z.object({
  /** Template ids recorded as granted (unknown ids are ignored). */
  granted: z.array(z.string()),
});

export const myNotificationsInput = pageInput.extend({ unreadOnly: z.boolean().default(false) }).strict();
export const myNotificationsOutput = pageOf(notificationView);

export const badgeInput = z.object({}).strict();
export const badgeOutput = z.object({
  /**
   * 消息: what I was told and have not read. For staff it is the one unread count (issue 11): case
   * news is a message too, read by opening 消息 or the case itself.
   */
  unreadNotifications: z.number().int(),
  /** My cases with something new since I last looked. */
  myCasesWithNews: z.number().int(),
});
export type Badge = z.infer<typeof badgeOutput>;

export const markReadInput = z
  .union([
    z.object({ ids: z.array(z.string().min(1).max(80)).min(1).max(50) }).strict(),
    z.object({ all: z.literal(true) }).strict(),
  ]);
export const markReadOutput = z.object({ updated: z.number().int() });
