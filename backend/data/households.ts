/**
 * `households` (issue 11): the grid's roster — households with tags, members, a contact, notes, the
 * officer paired with them (结对帮扶) and when the next visit is due. Indexes: grid_created (the
 * roster, newest first), grid_due (due and overdue visits, earliest first), paired (an officer's
 * paired households), remind_due (the scheduler's visit reminders), station_due (visits due per month).
 */
import { cmd, coll, collections, docsOf, getById, insertMany, insertWithId, placeWhere, rt, setFields, subPipeline, updatedCount, type PlaceNarrowing, type SubPipeline } from './db';
import { afterCursor, CURSOR_SLACK, dropSeen, type PageCursor } from './paging';

export interface HouseholdDoc {
  _id: string;
  stationId: string;
  communityId: string;
  gridId: string;
  buildingId: string;
  buildingName: string;
  unit: string;
  room: string;
  headName: string;
  callName: string | null;
  members: number;
  /** Full number; only `roster.revealContact` answers it (and records the read). */
  phone: string | null;
  tags: string[];
  note: string;
  pairedOfficerId: string | null;
  pairedOfficerName: string | null;
  /** The head's own account, when they use the mini-program. */
  residentOpenid: string | null;
  /** From the station's visit rules when the last visit was logged; null = no scheduled visits. */
  visitIntervalDays: number | null;
  lastVisitAt: Date | null;
  nextVisitDue: Date | null;
  /** When the scheduler reminds the officer of `nextVisitDue` (the due day's morning); null once done. */
  remindAt: Date | null;
  /** Bumped by every visit logged: visits compare-and-set on it. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export const getHousehold = (id: string) => getById<HouseholdDoc>(collections.households, id);

export async function householdsByIds(ids: string[]): Promise<HouseholdDoc[]> {
  if (ids.length === 0) return [];
  return docsOf<HouseholdDoc>(await rt(() => coll(collections.households).where({ _id: cmd().in(ids) }).limit(ids.length).get()));
}

/** issue 11: a household added in the app; false when that id exists (a retried add). */
export const insertHousehold = (doc: HouseholdDoc) => insertWithId(collections.households, doc);

export type HouseholdEdit = Partial<Pick<HouseholdDoc,
  'gridId' | 'communityId' | 'buildingId' | 'buildingName' | 'unit' | 'room' | 'headName' | 'callName' | 'members' | 'phone' | 'tags' | 'note' |
  'pairedOfficerId' | 'pairedOfficerName' | 'nextVisitDue' | 'remindAt'>> & { updatedAt: Date };

/** issue 11: an edit, compare-and-set on `version` like a visit: false when a visit or edit came first. */
export async function editHouseholdAtVersion(id: string, version: number, patch: HouseholdEdit): Promise<boolean> {
  const res = await rt(() => coll(collections.households).where({ _id: id, version }).update({ data: { ...setFields(patch), version: cmd().inc(1) } }));
  return updatedCount(res) === 1;
}

/** Seeds: many at once (500 per round trip). */
export const insertHouseholds = (docs: HouseholdDoc[]) => insertMany(collections.households, docs);

/** One page of a grid's roster, newest first. */
export async function householdsOfGrid(gridId: string, q: { after?: PageCursor; limit: number }): Promise<HouseholdDoc[]> {
  const limit = q.limit + (q.after ? CURSOR_SLACK : 0);
  const where = { gridId, ...afterCursor('createdAt', q.after) };
  const rows = docsOf<HouseholdDoc>(
    await rt(() => coll(collections.households).where(where).orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(limit).get()),
  );
  return dropSeen(rows, (h) => h.createdAt, q.after).slice(0, q.limit);
}

/** Households of a grid whose visit is due by `until`, earliest first; keyset on (nextVisitDue, _id) ascending. */
export async function dueHouseholdsOfGrid(gridId: string, until: Date, q: { after?: PageCursor; limit: number }): Promise<HouseholdDoc[]> {
  const limit = q.limit + (q.after ? CURSOR_SLACK : 0);
  const due = q.after
    ? { gridId, nextVisitDue: cmd().gte(q.after.at).and(cmd().lte(until)) }
    : { gridId, nextVisitDue: cmd().lte(until) };
  const rows = docsOf<HouseholdDoc>(
    await rt(() => coll(collections.households).where(due).orderBy('nextVisitDue', 'asc').orderBy('_id', 'asc').limit(limit).get()),
  );
  if (!q.after) return rows.slice(0, q.limit);
  const t = q.after.at.getTime();
  const after = q.after.id;
  return rows.filter((h) => h.nextVisitDue!.getTime() > t || (h.nextVisitDue!.getTime() === t && h._id > after)).slice(0, q.limit);
}

/** An officer's paired households (结对帮扶: one or a few). */
export async function pairedWith(officerId: string): Promise<HouseholdDoc[]> {
  return docsOf<HouseholdDoc>(await rt(() => coll(collections.households).where({ pairedOfficerId: officerId }).limit(20).get()));
}

/** Households whose reminder time has come (the scheduler's batch). */
export async function remindersDue(now: Date, limit: number): Promise<HouseholdDoc[]> {
  return docsOf<HouseholdDoc>(
    await rt(() => coll(collections.households).where({ remindAt: cmd().lte(now) }).orderBy('remindAt', 'asc').limit(limit).get()),
  );
}

/** The reminder for this due time was sent: clear it unless a visit moved it meanwhile. */
export async function clearReminder(id: string, remindAt: Date): Promise<void> {
  await rt(() => coll(collections.households).where({ _id: id, remindAt }).update({ data: { remindAt: null } }));
}

export type VisitPatch = Pick<HouseholdDoc, 'lastVisitAt' | 'nextVisitDue' | 'remindAt' | 'visitIntervalDays' | 'updatedAt'>;

/** Compare-and-set on `version`: false when another visit was recorded first (re-read and decide again). */
export async function updateHouseholdAtVersion(id: string, version: number, patch: VisitPatch): Promise<boolean> {
  const res = await rt(() => coll(collections.households).where({ _id: id, version }).update({ data: { ...setFields(patch), version: cmd().inc(1) } }));
  return updatedCount(res) === 1;
}

/** Per grid, households whose next visit fell due in [from, to) and is still open (not visited since). */
export async function openDuesPerGrid(stationId: string, from: Date, to: Date): Promise<{ gridId: string; count: number }[]> {
  const $ = cmd();
  const res = await rt(() =>
    coll(collections.households)
      .aggregate()
      .match({ stationId, nextVisitDue: $.gte(from).and($.lt(to)) })
      .group({ _id: '$gridId', count: { $sum: 1 } })
      .end(),
  );
  const rows = ((res as { list?: unknown }).list ?? []) as { _id: string; count: number }[];
  return rows.map((r) => ({ gridId: r._id, count: r.count }));
}

/** issue 12: open due dates per grid in [from, to) as a desk sub-pipeline (index station_due). */
export function openDuesPerGridPipeline(stationId: string, from: Date, to: Date, narrow: PlaceNarrowing): SubPipeline {
  const $ = cmd();
  return subPipeline(collections.households, (p) =>
    p.match({ stationId, nextVisitDue: $.gte(from).and($.lt(to)), ...placeWhere(narrow) }).group({ _id: '$gridId', count: $.aggregate.sum(1) }));
}
