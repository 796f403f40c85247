/**
 * `caseFollows`: who follows which case (the reporter, and residents who joined it with
 * "我也遇到了"), with the case's summary copied in so "my cases" and its badge are one query each.
 * Indexes: openid+caseCreatedAt, openid+open+caseCreatedAt, openid+unread, caseId, openid+role.
 */
import type { CaseKind, CaseStatus } from '../../types/case';
import { derivedId } from '../platform/ids';
import { cmd, coll, collections, docsOf, insertMany, insertWithId, putById, removeAllOf, rt } from './db';
import { afterCursor, CURSOR_SLACK, dropSeen, type PageCursor } from './paging';

export interface CaseFollowDoc {
  _id: string;
  caseId: string;
  openid: string;
  role: 'reporter' | 'joiner';
  kind: CaseKind;
  status: CaseStatus;
  title: string;
  urgent: boolean;
  open: boolean;
  /** Something happened that this follower has not seen. */
  unread: boolean;
  caseCreatedAt: Date;
  updatedAt: Date;
  /** 受理编号 and the start of the description, for the row (absent on older records). */
  caseNo?: string | null;
  snippet?: string;
}

export const followId = (caseId: string, openid: string) => derivedId('follow', caseId, openid);

/** Idempotent: a retried create rewrites the same record. */
export const putFollow = (doc: CaseFollowDoc) => putById(collections.caseFollows, doc);
/** false when already following. */
export const insertFollow = (doc: CaseFollowDoc) => insertWithId(collections.caseFollows, doc);
export const insertFollows = (docs: CaseFollowDoc[]) => insertMany(collections.caseFollows, docs);

export async function getFollow(caseId: string, openid: string): Promise<CaseFollowDoc | null> {
  const res = await rt(() => coll(collections.caseFollows).doc(followId(caseId, openid)).get());
  return ((res as { data?: unknown }).data ?? null) as CaseFollowDoc | null;
}

/** Copy a case's new state to all its followers; the actor's own record is not marked unread. */
export async function syncFollows(
  caseId: string,
  summary: { status: CaseStatus; open: boolean; title?: string },
  now: Date,
  exceptOpenid: string | null,
): Promise<void> {
  const data: Record<string, unknown> = { status: summary.status, open: summary.open, updatedAt: now, unread: true };
  if (summary.title) data.title = summary.title;
  const where: Record<string, unknown> = { caseId };
  if (exceptOpenid) where.openid = cmd().neq(exceptOpenid);
  await rt(() => coll(collections.caseFollows).where(where).update({ data }));
  if (exceptOpenid) {
    // The actor saw the change happen: keep their summary current without an unread mark.
    await rt(() =>
      coll(collections.caseFollows).doc(followId(caseId, exceptOpenid)).update({ data: { status: summary.status, open: summary.open, updatedAt: now } }),
    );
  }
}

/** Clears the follower's unread mark if set (a no-op write otherwise). */
export async function markFollowRead(caseId: string, openid: string): Promise<void> {
  await rt(() => coll(collections.caseFollows).where({ _id: followId(caseId, openid), unread: true }).update({ data: { unread: false } }));
}

export async function followsOf(openid: string, filter: 'all' | 'open' | 'done', after: PageCursor | undefined, limit: number): Promise<CaseFollowDoc[]> {
  const where: Record<string, unknown> = { openid, ...afterCursor('caseCreatedAt', after) };
  if (filter !== 'all') where.open = filter === 'open';
  const rows = docsOf<CaseFollowDoc>(
    await rt(() => coll(collections.caseFollows).where(where).orderBy('caseCreatedAt', 'desc').orderBy('_id', 'desc').limit(limit + (after ? CURSOR_SLACK : 0)).get()),
  );
  return dropSeen(rows, (f) => f.caseCreatedAt, after).slice(0, limit);
}

export async function countUnreadFollows(openid: string): Promise<number> {
  const res = await rt(() => coll(collections.caseFollows).where({ openid, unread: true }).count());
  return Number((res as { total?: number }).total ?? 0);
}

/**
 * Drop every case a resident only joined ("我也遇到了"): they moved to another community, and
 * access follows the current binding. One multi-document write on the openid_role index.
 */
export async function removeJoinedFollows(openid: string): Promise<void> {
  await rt(() => coll(collections.caseFollows).where({ openid, role: 'joiner' }).remove());
}

/** Every case a person follows (reporter or joiner), newest first, at most `limit` (export, deletion). */
export async function allFollowsOf(openid: string, limit: number): Promise<CaseFollowDoc[]> {
  return docsOf<CaseFollowDoc>(await rt(() => coll(collections.caseFollows).where({ openid }).orderBy('caseCreatedAt', 'desc').limit(limit).get()));
}

export const removeFollowsOf = (openid: string) => removeAllOf(collections.caseFollows, openid);

/** A case's followers are dropped when its personal data is anonymised after the retention period (index `case`). */
export async function removeFollowsOfCase(caseId: string): Promise<void> {
  await rt(() => coll(collections.caseFollows).where({ caseId }).remove());
}
