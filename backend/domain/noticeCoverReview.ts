/**
 * issue 11: a notice's cover goes through the same media check as case photos
 * (`security.mediaCheckAsync`, the verdict pushed to `cases`, domain/photoReview.ts). Readers see a
 * cover only once approved; a rejected one stays hidden from them and the publisher is told in-app.
 */
import { insertPhotoChecks, recordVerdict, type PhotoCheckDoc, type PhotoVerdict } from '../data/photoChecks';
import { getNotice, setCoverReview, type NoticeDoc } from '../data/notices';
import { requestMediaCheck, tempFileUrls } from '../platform/openapi';
import { notifyAll } from './notifier';

export type CoverReview = 'pending' | 'approved' | 'rejected';
type CoverFields = Pick<NoticeDoc, 'coverFileId' | 'coverReview' | 'coverCheckTraceId'>;

/** Readers see the cover once approved; a cover from before the check counts as approved. */
export function coverVisibleToReaders(n: CoverFields): boolean {
  return !!n.coverFileId && (n.coverReview ?? 'approved') === 'approved';
}

/**
 * The cover fields of a notice being published or edited. A new cover asks for a check, recorded in
 * `photoChecks` before the notice is written (a quick verdict then always finds it); the same cover
 * again keeps its review; no cover clears them. Costs 1 storage + 1 openapi call + 1 write per new cover.
 */
export async function coverFields(noticeId: string, publisher: string, fileId: string | null, current: CoverFields | null, now: Date): Promise<CoverFields> {
  if (!fileId) return { coverFileId: null, coverReview: null, coverCheckTraceId: null };
  if (current?.coverFileId === fileId) return { coverFileId: fileId, coverReview: current.coverReview ?? null, coverCheckTraceId: current.coverCheckTraceId ?? null };
  const url = (await tempFileUrls([fileId])).get(fileId);
  const traceId = url ? await requestMediaCheck(publisher, url) : null;
  if (traceId) {
    const check: PhotoCheckDoc = { _id: traceId, caseId: null, noticeId, fileId, openid: publisher, requestedAt: now, verdict: null, label: null, decidedAt: null };
    await insertPhotoChecks([check]);
  }
  // No check could be asked: the cover waits (hidden from readers) rather than going out unchecked.
  return { coverFileId: fileId, coverReview: 'pending', coverCheckTraceId: traceId };
}

export type CoverVerdictOutcome = { review: CoverReview; changed: boolean } | 'unknown';

/**
 * One verdict for a cover: the first verdict recorded stands (as for case photos); `review` leaves it
 * pending; a verdict for a cover since replaced changes nothing. 'unknown': the notice is not written
 * yet, so the push is retried.
 */
export async function applyCoverVerdict(check: PhotoCheckDoc, suggest: PhotoVerdict, label: number | null, now: Date): Promise<CoverVerdictOutcome> {
  const n = check.noticeId ? await getNotice(check.noticeId) : null;
  if (!n) return 'unknown';
  const current: CoverReview = n.coverReview ?? 'approved';
  if (n.coverFileId !== check.fileId || n.coverCheckTraceId !== check._id) return { review: current, changed: false };
  const inForce = check.verdict ?? (await recordVerdict(check._id, suggest, label, now));
  if (inForce !== suggest || suggest === 'review') return { review: current, changed: false };
  const review = suggest === 'pass' ? 'approved' : 'rejected';
  const changed = await setCoverReview(n._id, check.fileId, check._id, review);
  if (changed && review === 'rejected' && n.authorId) {
    await notifyAll([{
      openid: n.authorId,
      kind: 'photo_rejected',
      title: n.title,
      body: '公告的封面图片未通过内容安全审核，居民看不到这张图片。如需封面，请编辑公告换一张。',
      caseId: null,
      eventKey: `${n._id}:cover:${check._id}`,
    }], now);
  }
  return { review: changed ? review : current, changed };
}
