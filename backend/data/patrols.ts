/**
 * `patrols`: one document per 和苑家人 patrol (issue 11): who walks it, the buildings passed, location
 * points and the findings (each a report case). Route, points and findings are embedded because they
 * are bounded (types/limits.ts patrolLimits) and always read with the patrol; changes compare-and-set
 * on `version`, and ending is a compare-and-set on `status` so concurrent ends apply once.
 * Indexes: volunteer_status (my running patrol), volunteer_started (my history),
 * community_started (a community's history), station_started (the monthly figures).
 */
import type { MapPoint } from '../../types/common';
import type { PatrolStatus, ReportCategory } from '../../types/enums';
import { cmd, coll, collections, db, docsOf, getById, insertWithId, placeWhere, rt, setFields, subPipeline, updatedCount, type PlaceNarrowing, type SubPipeline } from './db';
import { afterCursor, CURSOR_SLACK, dropSeen, type PageCursor } from './paging';

export interface PatrolRouteStop {
  buildingId: string;
  buildingName: string;
  at: Date;
}

export interface PatrolPoint extends MapPoint {
  at: Date;
}

export interface PatrolFindingDoc {
  caseId: string;
  category: ReportCategory;
  buildingName: string | null;
  description: string;
  at: Date;
}

export interface PatrolDoc {
  _id: string;
  stationId: string;
  communityId: string;
  communityName: string;
  /** The volunteer who started it (their openid); only they record, pass and end. */
  volunteerId: string;
  volunteerName: string;
  /** Everyone who walked (the seed's teams); the starter first. */
  memberIds: string[];
  status: PatrolStatus;
  startedAt: Date;
  endedAt: Date | null;
  /** `YYYY-MM` in China time, for the station's monthly figures. */
  month: string;
  plannedBuildings: { id: string; name: string }[];
  route: PatrolRouteStop[];
  points: PatrolPoint[];
  findings: PatrolFindingDoc[];
  findingCount: number;
  endNote: string | null;
  /** A route described in words (the demo seed's patrols), when no buildings were recorded. */
  routeNote: string | null;
  version: number;
  /** Named `createdAt` by the shared keyset paging's convention: equals `startedAt`. */
  createdAt: Date;
}

export const getPatrol = (id: string) => getById<PatrolDoc>(collections.patrols, id);
export const insertPatrol = (doc: PatrolDoc) => insertWithId(collections.patrols, doc);

/** The volunteer's running patrol, if any. */
export async function activePatrolOf(volunteerId: string): Promise<PatrolDoc | null> {
  const rows = docsOf<PatrolDoc>(await rt(() => coll(collections.patrols).where({ volunteerId, status: 'active' }).limit(1).get()));
  return rows[0] ?? null;
}

/** Replace the changing parts when the patrol is still at `version` (and running); false when it moved on. */
export async function updatePatrolIf(id: string, version: number, patch: Partial<Pick<PatrolDoc, 'route' | 'points' | 'findings' | 'findingCount'>>): Promise<boolean> {
  const res = await rt(() =>
    coll(collections.patrols).where({ _id: id, version, status: 'active' }).update({ data: setFields({ ...patch, version: version + 1 }) }),
  );
  return updatedCount(res) === 1;
}

/** Ends a running patrol; exactly one of concurrent calls gets true. */
export async function endPatrolIfActive(id: string, endedAt: Date, endNote: string | null): Promise<boolean> {
  const res = await rt(() =>
    coll(collections.patrols).where({ _id: id, status: 'active' }).update({ data: { status: 'ended', endedAt, endNote, version: cmd().inc(1) } }),
  );
  return updatedCount(res) === 1;
}

async function page(where: Record<string, unknown>, q: { after?: PageCursor; limit: number }): Promise<PatrolDoc[]> {
  const limit = q.limit + (q.after ? CURSOR_SLACK : 0);
  const rows = docsOf<PatrolDoc>(
    await rt(() =>
      coll(collections.patrols).where({ ...where, ...afterCursor('createdAt', q.after) }).orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(limit).get(),
    ),
  );
  return dropSeen(rows, (r) => r.createdAt, q.after).slice(0, q.limit);
}

/** A volunteer's patrols, newest first. */
export const patrolsOfVolunteer = (volunteerId: string, q: { after?: PageCursor; limit: number }) => page({ volunteerId }, q);
/** A community's patrols, newest first. */
export const patrolsOfCommunity = (communityId: string, q: { after?: PageCursor; limit: number }) => page({ communityId }, q);

export interface PatrolMonthRow {
  communityId: string;
  month: string;
  patrols: number;
  findings: number;
}

/** Patrols and findings per community and month of a station's patrols started in [from, to): one aggregation, `$match` first on station_started. */
export async function patrolMonthGroups(stationId: string, from: Date, to: Date): Promise<PatrolMonthRow[]> {
  const _ = cmd();
  const $ = db().command.aggregate;
  const res = await rt(() =>
    coll(collections.patrols).aggregate()
      .match({ stationId, startedAt: _.gte(from).and(_.lt(to)) })
      .group({ _id: { communityId: '$communityId', month: '$month' }, patrols: $.sum(1), findings: $.sum('$findingCount') })
      .limit(1000)
      .end(),
  );
  return ((res as { list?: unknown[] }).list ?? []).map((r) => {
    const o = r as { _id: { communityId: string; month: string }; patrols: number; findings: number };
    return { communityId: o._id.communityId, month: o._id.month, patrols: o.patrols, findings: o.findings };
  });
}

/** issue 12: patrols and findings per (community, month) started in [from, to), as a desk sub-pipeline (index station_started). */
export function patrolMonthPipeline(stationId: string, from: Date, to: Date, narrow: Pick<PlaceNarrowing, 'communityIds'>): SubPipeline {
  const _ = cmd();
  const $ = _.aggregate;
  return subPipeline(collections.patrols, (p) =>
    p.match({ stationId, startedAt: _.gte(from).and(_.lt(to)), ...placeWhere(narrow) })
      .group({ _id: { communityId: '$communityId', month: '$month' }, patrols: $.sum(1), findings: $.sum('$findingCount') })
      .limit(1000));
}

export function patrolMonthRows(list: unknown[]): PatrolMonthRow[] {
  return list.map((r) => {
    const o = r as { _id: { communityId: string; month: string }; patrols: number; findings: number };
    return { communityId: o._id.communityId, month: o._id.month, patrols: o.patrols, findings: o.findings };
  });
}
