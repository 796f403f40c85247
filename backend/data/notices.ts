/**
 * `notices`: the station's notices. `scope` is "station:<id>" or "community:<id>", one equality
 * field so each stream is a plain indexed query. Index: scope+publishedAt.
 */
import type { NoticeCategory } from '../../types/notice';
import { cmd, coll, collections, docsOf, getById, insertWithId, putById, rt, setFields, updatedCount } from './db';
import { afterCursor, CURSOR_SLACK, dropSeen, type PageCursor } from './paging';

export interface NoticeDoc {
  _id: string;
  stationId: string;
  communityId: string | null;
  scope: string;
  category: NoticeCategory;
  title: string;
  summary: string;
  body: string;
  publishedAt: Date;
  readCount: number;
  createdAt: Date;
  // issue 11: published from the app (the seed's and older notices have none of these).
  authorId?: string | null;
  authorName?: string | null;
  coverFileId?: string | null;
  /**
   * The cover's media check (issue 11, as case photos): readers see a cover only once `approved`;
   * a `rejected` one is hidden. Absent on covers from before the check (they count as approved).
   */
  coverReview?: 'pending' | 'approved' | 'rejected' | null;
  coverCheckTraceId?: string | null;
  editedAt?: Date | null;
  /** Set when withdrawn; `scope` then becomes `withdrawn:<scope>` so no reader's stream finds it. */
  withdrawnAt?: Date | null;
}

export const stationScope = (stationId: string) => `station:${stationId}`;
export const communityScope = (communityId: string) => `community:${communityId}`;

export const getNotice = (id: string) => getById<NoticeDoc>(collections.notices, id);

/** Applies a cover verdict only to the cover it was asked for, and only from `pending`. */
export async function setCoverReview(id: string, fileId: string, traceId: string, review: 'approved' | 'rejected'): Promise<boolean> {
  const res = await rt(() =>
    coll(collections.notices).where({ _id: id, coverFileId: fileId, coverCheckTraceId: traceId, coverReview: 'pending' }).update({ data: { coverReview: review } }),
  );
  return updatedCount(res) === 1;
}
export const putNotice = (doc: NoticeDoc) => putById(collections.notices, doc);

export async function latestInScope(scope: string, now: Date, limit: number): Promise<NoticeDoc[]> {
  return docsOf<NoticeDoc>(
    await rt(() =>
      coll(collections.notices).where({ scope, publishedAt: cmd().lte(now) }).orderBy('publishedAt', 'desc').limit(limit).get(),
    ),
  );
}

export async function incrementReadCount(id: string): Promise<void> {
  await rt(() => coll(collections.notices).doc(id).update({ data: { readCount: cmd().inc(1) } }));
}

// issue 11: the full list, publishing, editing, withdrawing.
export const withdrawnScope = (scope: string) => `withdrawn:${scope}`;
export const insertNotice = (doc: NoticeDoc) => insertWithId(collections.notices, doc);

export async function updateNotice(id: string, patch: Partial<Omit<NoticeDoc, '_id'>>): Promise<void> {
  await rt(() => coll(collections.notices).doc(id).update({ data: setFields(patch) }));
}

/** One page of a scope's published notices (optionally one category), newest first, keyset on publishedAt. */
export async function pageInScope(scope: string, q: { now: Date; category?: NoticeCategory; after?: PageCursor; limit: number }): Promise<NoticeDoc[]> {
  const limit = q.limit + (q.after ? CURSOR_SLACK : 0);
  const upTo = q.after && q.after.at.getTime() < q.now.getTime() ? q.after.at : q.now;
  const where = { scope, ...(q.category ? { category: q.category } : {}), publishedAt: cmd().lte(upTo) };
  const rows = docsOf<NoticeDoc>(await rt(() => coll(collections.notices).where(where).orderBy('publishedAt', 'desc').limit(limit).get()));
  return dropSeen(rows, (r) => r.publishedAt, q.after);
}

/** The notices a publisher manages, newest first: their own (`authorId`) or the whole station's (the admin). */
export async function pageForPublisher(by: { authorId: string } | { stationId: string }, q: { after?: PageCursor; limit: number }): Promise<NoticeDoc[]> {
  const limit = q.limit + (q.after ? CURSOR_SLACK : 0);
  const where = { ...by, ...afterCursor('publishedAt', q.after) };
  const rows = docsOf<NoticeDoc>(
    await rt(() => coll(collections.notices).where(where).orderBy('publishedAt', 'desc').orderBy('_id', 'desc').limit(limit).get()),
  );
  return dropSeen(rows, (r) => r.publishedAt, q.after).slice(0, q.limit);
}
