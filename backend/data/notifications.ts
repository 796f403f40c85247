/**
 * `notifications`: the in-app inbox, the source of truth for "what happened" (subscribe messages
 * are only a nudge). Indexes: openid+createdAt, openid+read+createdAt.
 */
import type { NotificationKind } from '../../types/notify';
import { cmd, coll, collections, docsOf, insertMany, putById, rt, updatedCount } from './db';

export interface NotificationDoc {
  _id: string;
  openid: string;
  kind: NotificationKind;
  title: string;
  body: string;
  caseId: string | null;
  createdAt: Date;
  read: boolean;
}

/** Idempotent by id (ids are derived from the event), so a retried action never duplicates. */
export const putNotification = (doc: NotificationDoc) => putById(collections.notifications, doc);
export const insertNotifications = (docs: NotificationDoc[]) => insertMany(collections.notifications, docs);

export async function notificationsOf(openid: string, unreadOnly: boolean, before: Date | undefined, limit: number): Promise<NotificationDoc[]> {
  const where: Record<string, unknown> = { openid };
  if (unreadOnly) where.read = false;
  if (before) where.createdAt = cmd().lt(before);
  return docsOf<NotificationDoc>(
    await rt(() => coll(collections.notifications).where(where).orderBy('createdAt', 'desc').limit(limit).get()),
  );
}

export async function countUnreadNotifications(openid: string): Promise<number> {
  const res = await rt(() => coll(collections.notifications).where({ openid, read: false }).count());
  return Number((res as { total?: number }).total ?? 0);
}

/** Mark some (≤ 50, by id) or all of my notifications read; one round trip either way. */
export async function markNotificationsRead(openid: string, ids: string[] | 'all'): Promise<number> {
  const where: Record<string, unknown> = ids === 'all' ? { openid, read: false } : { _id: cmd().in(ids), openid };
  const res = await rt(() => coll(collections.notifications).where(where).update({ data: { read: true } }));
  return updatedCount(res);
}
