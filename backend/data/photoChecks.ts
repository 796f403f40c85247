/**
 * `photoChecks`: one record per `mediaCheckAsync` request, keyed by WeChat's trace id, so the
 * verdict push (which carries only the trace id) finds its case and photo in one read by `_id`.
 * No indexes: read by `_id` only.
 */
import { coll, collections, getById, insertMany, rt, updatedCount, removeAllOf } from './db';

export type PhotoVerdict = 'pass' | 'risky' | 'review';

export interface PhotoCheckDoc {
  /** WeChat's trace id. */
  _id: string;
  /** The case the photo belongs to; null for a notice's cover (issue 11). */
  caseId: string | null;
  /** issue 11: the notice whose cover this is. */
  noticeId?: string | null;
  fileId: string;
  /** The reporter (the notice's publisher), told when a photo fails review. */
  openid: string;
  requestedAt: Date;
  verdict: PhotoVerdict | null;
  label: number | null;
  decidedAt: Date | null;
}

export const getPhotoCheck = (traceId: string) => getById<PhotoCheckDoc>(collections.photoChecks, traceId);

/** All checks of one action in one round trip. */
export const insertPhotoChecks = (docs: PhotoCheckDoc[]) => insertMany(collections.photoChecks, docs);

/**
 * Records the verdict once and answers the verdict in force: the one given when this call recorded
 * it, else the one recorded before (a repeated push, or a later different one that must not win).
 */
export async function recordVerdict(traceId: string, verdict: PhotoVerdict, label: number | null, now: Date): Promise<PhotoVerdict | null> {
  const res = await rt(() => coll(collections.photoChecks).where({ _id: traceId, verdict: null }).update({ data: { verdict, label, decidedAt: now } }));
  if (updatedCount(res) === 1) return verdict;
  return (await getPhotoCheck(traceId))?.verdict ?? null;
}

/** A deleted account's pending checks: the trace records name its OPENID (index `openid`). */
export const removePhotoChecksOf = (openid: string) => removeAllOf(collections.photoChecks, openid);
