/** Small shared building blocks of the contracts. */
import { z } from './zod';
import { photoReviews } from './enums';
import { phonePattern, textLimits } from './limits';

export { photoReviewLabels, optionsOf, type PhotoReview } from './enums';

/** Dates cross the wire as ISO-8601 strings with a zone (`Date#toISOString()`). */
export const isoDateTime = z.iso.datetime({ offset: true });
export type IsoDateTime = z.infer<typeof isoDateTime>;

/** Document ids: CloudBase ids, our derived hashes, and seed ids are all plain tokens. */
export const docId = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_:.-]+$/);

/** A file stored in cloud storage, as `wx.cloud.uploadFile` returns it. */
export const fileId = z.string().max(512).regex(/^cloud:\/\/\S+$/, { error: '照片文件编号格式不正确' });

export const phone = z.string().trim().regex(phonePattern, { error: '手机号应为 11 位数字' });

/** Cursor paging: pass back `nextCursor` to get the next page; `null` means no more. */
export const pageInput = z.object({
  pageSize: z.number().int().min(1).max(20).default(10),
  cursor: z.string().max(200).optional(),
});
export type PageInput = z.input<typeof pageInput>;

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
export type Page<T> = { items: T[]; nextCursor: string | null };

/** A place the user tapped on a map (GCJ-02, as `wx.chooseLocation` returns it). */
export const mapPoint = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  address: z.string().trim().max(textLimits.address.max).optional(),
});
export type MapPoint = z.infer<typeof mapPoint>;

/** A picture as a page can show it: the URL is present only when the viewer may see it. */
export const photoView = z.object({
  fileId: z.string().nullable(),
  url: z.string().nullable(),
  review: z.enum(photoReviews),
});
export type PhotoView = z.infer<typeof photoView>;
