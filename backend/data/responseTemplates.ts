/**
 * issue 11: `responseTemplates` (常用回复). `owner` is 'station' for the station's shared set or the
 * OPENID of the officer who wrote it, so both lists are one equality on the index
 * station_owner_updated (stationId, owner, updatedAt desc).
 */
import { coll, collections, docsOf, getById, putById, rt } from './db';

export const STATION_OWNER = 'station';

export interface ResponseTemplateDoc {
  _id: string;
  stationId: string;
  /** 'station' (shared; the admin manages it) or the author's OPENID. */
  owner: string;
  title: string;
  text: string;
  createdAt: Date;
  updatedAt: Date;
}

export const getTemplate = (id: string) => getById<ResponseTemplateDoc>(collections.responseTemplates, id);
export const putTemplate = (doc: ResponseTemplateDoc) => putById(collections.responseTemplates, doc);

/** One owner's templates of a station, most recently changed first. */
export async function templatesOf(stationId: string, owner: string, limit: number): Promise<ResponseTemplateDoc[]> {
  return docsOf<ResponseTemplateDoc>(
    await rt(() => coll(collections.responseTemplates).where({ stationId, owner }).orderBy('updatedAt', 'desc').limit(limit).get()),
  );
}

/** Removes the template if it is still this owner's; answers whether one was removed. */
export async function removeTemplate(id: string, owner: string): Promise<boolean> {
  const res = (await rt(() => coll(collections.responseTemplates).where({ _id: id, owner }).remove())) as { stats?: { removed?: number } };
  return (res.stats?.removed ?? 0) > 0;
}
