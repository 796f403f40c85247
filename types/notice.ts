/** The `notices` function: the station's notices for my community. */
import { z } from './zod';
import { docId, fileId, isoDateTime, pageInput, pageOf } from './common';
import { clientRequestId } from './case';
import { noticeLimits } from './limits';
import { noticeCategories } from './enums';

export { noticeCategories, noticeCategoryLabels, type NoticeCategory } from './enums';
export const noticeCategorySchema = z.enum(noticeCategories);

export const noticeSummary = z.object({
  id: docId,
  category: noticeCategorySchema,
  title: z.string(),
  summary: z.string(),
  publishedAt: isoDateTime,
  readCount: z.number().int(),
});
export type NoticeSummary = z.infer<typeof noticeSummary>;

export const noticeView = noticeSummary.extend({ body: z.string(), communityName: z.string().nullable(), coverUrl: z.string().nullable().default(null) });
export type NoticeView = z.infer<typeof noticeView>;

export const latestNoticesInput = z.object({ limit: z.number().int().min(1).max(20).default(5) }).strict();
export const latestNoticesOutput = z.object({ items: z.array(noticeSummary) });

export const getNoticeInput = z.object({ noticeId: docId }).strict();
export const getNoticeOutput = noticeView;

// issue 11: publishing, editing, withdrawing; the full list; read counts for the publisher.

const noticeTitle = z.string().trim().min(noticeLimits.title.min).max(noticeLimits.title.max);
const noticeText = z.string().trim().min(noticeLimits.text.min).max(noticeLimits.text.max);

export const listNoticesInput = pageInput.extend({ category: noticeCategorySchema.optional() }).strict();
export const listNoticesOutput = pageOf(noticeSummary);

export const noticeStatuses = ['published', 'withdrawn'] as const;
/** What the publisher sees: the text, where it went, whether it is still up, and how many read it. */
export const managedNotice = noticeSummary.extend({
  body: z.string(),
  status: z.enum(noticeStatuses),
  scopeName: z.string(),
  authorName: z.string(),
  coverFileId: z.string().nullable(),
  coverUrl: z.string().nullable(),
  /** issue 11: the cover's content check; readers see it only once approved. Null without a cover. */
  coverReview: z.enum(['pending', 'approved', 'rejected']).nullable(),
  editedAt: isoDateTime.nullable(),
  /** The caller may edit and withdraw it. */
  canEdit: z.boolean(),
});
export type ManagedNotice = z.infer<typeof managedNotice>;

export const publishNoticeInput = z
  .object({
    clientRequestId,
    /** An officer: a community of their grids. The admin: a community of the station, or absent for the whole station. */
    communityId: docId.optional(),
    category: noticeCategorySchema,
    title: noticeTitle,
    text: noticeText,
    coverFileId: fileId.optional(),
  })
  .strict();
export const noticeOutput = z.object({ notice: managedNotice });

export const editNoticeInput = z
  .object({
    noticeId: docId,
    category: noticeCategorySchema.optional(),
    title: noticeTitle.optional(),
    text: noticeText.optional(),
    coverFileId: fileId.nullable().optional(),
  })
  .strict();
export const withdrawNoticeInput = z.object({ noticeId: docId }).strict();

export const manageNoticesInput = pageInput.strict();
export const manageNoticesOutput = z.object({
  items: z.array(managedNotice),
  nextCursor: z.string().nullable(),
  /** Where the caller may publish: `null` id = the whole station (admin only). */
  scopes: z.array(z.object({ communityId: docId.nullable(), name: z.string() })),
});
