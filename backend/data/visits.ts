/**
 * `visits` (issue 11): one record per visit to a household (走访). `_id` derives from who logged it
 * and their request id, so a retried or doubled submit writes one visit. Indexes: household_at (a
 * household's visits, newest first), station_at and station_due (visits done vs due per month),
 * station_at_id (issue 12: the desk's visit export, newest first).
 */
import type { VisitMethod } from '../../types/rosterLimits';
import { cmd, coll, collections, docsOf, getById, insertMany, insertWithId, placeWhere, rt, subPipeline, type PlaceNarrowing, type SubPipeline } from './db';
import { CURSOR_SLACK, dropSeen, type PageCursor } from './paging';

export interface VisitDoc {
  _id: string;
  stationId: string;
  communityId: string;
  gridId: string;
  householdId: string;
  at: Date;
  method: VisitMethod;
  visitors: string;
  found: string;
  helpNeeded: string | null;
  /** The help case opened from this visit, once it exists. */
  caseId: string | null;
  loggedById: string;
  loggedByName: string;
  /** The due date this visit answered (the household's `nextVisitDue` when it was logged), if any. */
  dueAt: Date | null;
  clientRequestId: string;
  createdAt: Date;
}

export const getVisit = (id: string) => getById<VisitDoc>(collections.visits, id);

/** false when the visit already exists (a retry). */
export const insertVisit = (doc: VisitDoc) => insertWithId(collections.visits, doc);

export const insertVisits = (docs: VisitDoc[]) => insertMany(collections.visits, docs);

export async function setVisitCase(id: string, caseId: string): Promise<void> {
  await rt(() => coll(collections.visits).doc(id).update({ data: { caseId } }));
}

/** A household's latest visits. */
export async function visitsOfHousehold(householdId: string, limit: number): Promise<VisitDoc[]> {
  return docsOf<VisitDoc>(await rt(() => coll(collections.visits).where({ householdId }).orderBy('at', 'desc').limit(limit).get()));
}

interface GridCount {
  gridId: string;
  count: number;
}

async function countPerGrid(match: Record<string, unknown>): Promise<GridCount[]> {
  const res = await rt(() => coll(collections.visits).aggregate().match(match).group({ _id: '$gridId', count: { $sum: 1 } }).end());
  const rows = ((res as { list?: unknown }).list ?? []) as { _id: string; count: number }[];
  return rows.map((r) => ({ gridId: r._id, count: r.count }));
}

/** Per grid: visits made in [from, to) (station_at) and visits that answered a due date in [from, to) (station_due). */
export async function visitCountsPerGrid(stationId: string, from: Date, to: Date): Promise<{ done: GridCount[]; dueMet: GridCount[] }> {
  const $ = cmd();
  const [done, dueMet] = await Promise.all([
    countPerGrid({ stationId, at: $.gte(from).and($.lt(to)) }),
    countPerGrid({ stationId, dueAt: $.gte(from).and($.lt(to)) }),
  ]);
  return { done, dueMet };
}

/**
 * issue 12: visits per grid as a desk sub-pipeline — `at` in [from, to) (made in the period, index
 * station_at) or `dueAt` in it (answered a due date of the period, index station_due).
 */
export function visitsPerGridPipeline(stationId: string, field: 'at' | 'dueAt', from: Date, to: Date, narrow: PlaceNarrowing): SubPipeline {
  const $ = cmd();
  return subPipeline(collections.visits, (p) =>
    p.match({ stationId, [field]: $.gte(from).and($.lt(to)), ...placeWhere(narrow) }).group({ _id: '$gridId', count: $.aggregate.sum(1) }));
}

/** issue 12: one page of the desk's visit export, newest first (keyset on at, _id; index station_at_id). */
export async function deskVisitPage(stationId: string, narrow: PlaceNarrowing, from: Date, to: Date, q: { after?: PageCursor; limit: number }): Promise<VisitDoc[]> {
  const _ = cmd();
  const at = q.after ? _.gte(from).and(_.lte(q.after.at)) : _.gte(from).and(_.lt(to));
  const limit = q.limit + (q.after ? CURSOR_SLACK : 0);
  const rows = docsOf<VisitDoc>(await rt(() =>
    coll(collections.visits).where({ stationId, at, ...placeWhere(narrow) }).orderBy('at', 'desc').orderBy('_id', 'desc').limit(limit).get()));
  return dropSeen(rows, (v) => v.at, q.after).slice(0, q.limit);
}
