/**
 * `notices`: the station's notices. `scope` is "station:<id>" or "community:<id>", one equality
 * field so each stream is a plain indexed query. Index: scope+publishedAt.
 */
import type { NoticeCategory } from '../../types/notice';
import { cmd, coll, collections, docsOf, getById, putById, rt } from './db';

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
}

export const stationScope = (stationId: string) => `station:${stationId}`;
export const communityScope = (communityId: string) => `community:${communityId}`;

export const getNotice = (id: string) => getById<NoticeDoc>(collections.notices, id);
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
