/**
 * Photo review (product: "Content security"). A case's photos start `pending`; the function asks
 * WeChat to check each one (`security.mediaCheckAsync`, by a temporary URL) and remembers the trace
 * id, both on the photo and in `photoChecks`. WeChat later pushes a `wxa_media_check` event to the
 * function configured as the message-push receiver (`cases`), which approves or rejects the photo.
 *
 * The push carries nothing but the trace id and the verdict; trace ids never leave the backend,
 * so a forged push cannot name a photo.
 */
import { z } from '../../types/zod';
import { getCase, setPhotoReview, type CasePhoto } from '../data/cases';
import { getPhotoCheck, insertPhotoChecks, recordVerdict, type PhotoCheckDoc, type PhotoVerdict } from '../data/photoChecks';
import { applyCoverVerdict } from './noticeCoverReview';
import { requestMediaCheck, tempFileUrls } from '../platform/openapi';
import { notificationTitle } from './caseNotifications';
import { notifyAll } from './notifier';

/**
 * New photos of a case, with a check requested for each. Written to `photoChecks` before the case
 * itself, so a verdict that arrives quickly always finds its record. Costs 1 storage call,
 * 1 openapi call per photo and 1 database write; nothing when there are no photos.
 */
export async function photosWithChecks(caseId: string, reporter: string, fileIds: string[], now: Date): Promise<CasePhoto[]> {
  if (fileIds.length === 0) return [];
  const urls = await tempFileUrls(fileIds);
  const traceIds = await Promise.all(
    fileIds.map((fileId) => {
      const url = urls.get(fileId);
      return url ? requestMediaCheck(reporter, url) : Promise.resolve(null);
    }),
  );
  const checks: PhotoCheckDoc[] = [];
  fileIds.forEach((fileId, i) => {
    const traceId = traceIds[i];
    if (traceId) checks.push({ _id: traceId, caseId, fileId, openid: reporter, requestedAt: now, verdict: null, label: null, decidedAt: null });
  });
  if (checks.length > 0) await insertPhotoChecks(checks);
  return fileIds.map((fileId, i): CasePhoto => ({ fileId, review: 'pending', addedAt: now, checkTraceId: traceIds[i] ?? null }));
}

/** issue 11: a verdict for a notice's cover (domain/noticeCoverReview.ts). */
async function applyToCover(push: z.infer<typeof mediaCheckPushEvent>, check: PhotoCheckDoc, now: Date): Promise<MediaCheckOutcome> {
  const suggest = verdictOf(push);
  if (!suggest) return { traceId: check._id, review: 'pending', changed: false };
  const outcome = await applyCoverVerdict(check, suggest, push.result?.label ?? null, now);
  if (outcome === 'unknown') throw new UnknownMediaCheckError(check._id, 'its notice is not stored yet');
  return { traceId: check._id, ...outcome };
}

/** The verdict a push carries; null when WeChat could not check the media (logged). */
function verdictOf(push: z.infer<typeof mediaCheckPushEvent>): PhotoVerdict | null {
  const suggest = push.errcode === undefined || push.errcode === 0 ? push.result?.suggest ?? null : null;
  if (!suggest) console.error(JSON.stringify({ msg: 'media check without a verdict', traceId: push.trace_id, errcode: push.errcode ?? null }));
  return suggest;
}

/** WeChat's message push for an asynchronous media check (v2). */
export const mediaCheckPushEvent = z.object({
  MsgType: z.literal('event'),
  Event: z.literal('wxa_media_check'),
  trace_id: z.string().min(1).max(128),
  errcode: z.number().optional(),
  result: z.object({ suggest: z.enum(['pass', 'risky', 'review']), label: z.number().optional() }).optional(),
});

export function isMediaCheckPush(event: unknown): boolean {
  if (!event || typeof event !== 'object') return false;
  const e = event as { MsgType?: unknown; Event?: unknown };
  return e.MsgType === 'event' && e.Event === 'wxa_media_check';
}

export interface MediaCheckOutcome {
  traceId: string;
  /** The photo's review now: `pending` when WeChat asks for a human review or could not check it. */
  review: CasePhoto['review'];
  changed: boolean;
}

/** Thrown when the push names a check this backend has not recorded (yet): the push is retried. */
export class UnknownMediaCheckError extends Error {
  constructor(traceId: string, what: string) {
    super(`media check ${traceId}: ${what}`);
    this.name = 'UnknownMediaCheckError';
  }
}

/**
 * Applies one verdict. `pass` approves, `risky` rejects (and tells the reporter, in-app); `review`
 * (WeChat wants a human to look) and a failed check leave the photo pending, visible only to the
 * reporter and the assignee. A verdict only moves a photo forward from `pending`, and only the first
 * verdict recorded for a check counts. Repeated pushes change nothing.
 */
export async function applyMediaCheck(event: unknown, now: Date): Promise<MediaCheckOutcome> {
  const push = mediaCheckPushEvent.parse(event);
  const traceId = push.trace_id;
  const check = await getPhotoCheck(traceId);
  if (!check) throw new UnknownMediaCheckError(traceId, 'no such check');
  if (check.noticeId) return applyToCover(push, check, now);
  const c = check.caseId ? await getCase(check.caseId) : null;
  if (!c || !c.photos.some((p) => p.fileId === check.fileId)) throw new UnknownMediaCheckError(traceId, 'its photo is not stored yet');
  const index = c.photos.findIndex((p) => p.fileId === check.fileId && (p.checkTraceId ?? traceId) === traceId);
  // A concurrent retry of the same create lost the race: its check is not the one the photo keeps.
  if (index < 0) return { traceId, review: 'pending', changed: false };

  const suggest = verdictOf(push);
  if (!suggest) return { traceId, review: c.photos[index]!.review, changed: false };
  const current = c.photos[index]!.review;
  // The first verdict stands: a later, different push (a forged "pass" after a genuine "review" or
  // "risky") changes nothing. The same verdict again is applied again, so a push retried after a
  // failure between the two writes still finishes the job.
  const inForce = check.verdict ?? (await recordVerdict(traceId, suggest, push.result?.label ?? null, now));
  if (inForce !== suggest) {
    console.error(JSON.stringify({ msg: 'media check verdict ignored: another one was recorded first', traceId, inForce, pushed: suggest }));
    return { traceId, review: current, changed: false };
  }
  if (suggest === 'review') return { traceId, review: current, changed: false };

  const review = suggest === 'pass' ? 'approved' : 'rejected';
  const changed = await setPhotoReview(c._id, index, check.fileId, review);
  if (changed && review === 'rejected') {
    await notifyAll([{
      openid: c.reporterId,
      kind: 'photo_rejected',
      title: notificationTitle(c),
      body: '您上传的一张照片未通过内容安全审核，其他人看不到这张照片。如需补充，请重新上传合适的照片。',
      caseId: c._id,
      eventKey: `${c._id}:photo:${traceId}`,
    }], now);
  }
  return { traceId, review: changed ? review : current, changed };
}

