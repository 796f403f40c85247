/** The `notices` function: the station's notices for my community. */
import { z } from './zod';
import { docId, isoDateTime } from './common';
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

export const noticeView = noticeSummary.extend({ body: z.string(), communityName: z.string().nullable() });
export type NoticeView = z.infer<typeof noticeView>;

export const latestNoticesInput = z.object({ limit: z.number().int().min(1).max(20).default(5) }).strict();
export const latestNoticesOutput = z.object({ items: z.array(noticeSummary) });

export const getNoticeInput = z.object({ noticeId: docId }).strict();
export const getNoticeOutput = noticeView;
