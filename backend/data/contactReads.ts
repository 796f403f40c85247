/**
 * `contactReads`: the audit of staff reading a mediation's party contacts in full (who, when, which
 * case), for the station's desk. Append-only. Index: station_at (the station's audit list).
 */
import { coll, collections, docsOf, rt } from './db';
import { afterCursor, CURSOR_SLACK, dropSeen, type PageCursor } from './paging';

export interface ContactReadDoc {
  _id: string;
  stationId: string;
  caseId: string;
  caseTitle: string;
  readerId: string;
  readerName: string;
  /** Named `createdAt` so the shared keyset paging applies. */
  createdAt: Date;
}

export async function insertContactRead(doc: ContactReadDoc): Promise<void> {
  await rt(() => coll(collections.contactReads).add({ data: doc }));
}

/** One page of a station's audit, newest first. */
export async function contactReadsOfStation(stationId: string, q: { after?: PageCursor; limit: number }): Promise<ContactReadDoc[]> {
  const limit = q.limit + (q.after ? CURSOR_SLACK : 0);
  const where = { stationId, ...afterCursor('createdAt', q.after) };
  const rows = docsOf<ContactReadDoc>(
    await rt(() => coll(collections.contactReads).where(where).orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(limit).get()),
  );
  return dropSeen(rows, (r) => r.createdAt, q.after).slice(0, q.limit);
}
