/** `stations`: a police station and who administers it. Read by id only. */
import { cmd, coll, collections, docsOf, getById, putById, rt, type SubPipeline } from './db';

export type { SubPipeline } from './db';

export interface StationDoc {
  _id: string;
  name: string;
  /** OPENIDs of station admins: cases of grids without an officer and escalations go to them. */
  adminIds: string[];
  /** The station's full-time judicial mediator (专业助调, legal advice), as cases name them; absent: none yet. */
  judicialMediator?: { id: string; name: string; title: string } | null;
  phone: string;
  dutyHours: string;
  /** What residents call it (和苑派出所); absent: `name`. */
  shortName?: string;
  /** The station's volunteer team as residents know it (和苑家人); absent: none. */
  volunteerBrand?: string | null;
  /** The number residents call for non-emergencies; absent: `phone`. */
  hotline?: string;
  /** Prefix of its case numbers (受理编号), e.g. HY; absent: domain/caseNumbers.ts DEFAULT_STATION_CODE. */
  code?: string | null;
  /** How long audit-log entries are kept (days); absent: domain/audit.ts DEFAULT_AUDIT_RETENTION_DAYS. */
  auditRetentionDays?: number;
  createdAt: Date;
}

export const getStation = (id: string) => getById<StationDoc>(collections.stations, id);
/** Several stations by id, one round trip. */
export async function stationsByIds(ids: string[]): Promise<StationDoc[]> {
  if (ids.length === 0) return [];
  return docsOf<StationDoc>(await rt(() => coll(collections.stations).where({ _id: cmd().in(ids) }).limit(100).get()));
}

export const putStation = (doc: StationDoc) => putById(collections.stations, doc);

/** Add an admin (idempotent: `addToSet`). */
export async function addStationAdmin(stationId: string, openid: string): Promise<void> {
  await rt(() => coll(collections.stations).doc(stationId).update({ data: { adminIds: cmd().addToSet(openid) } }));
}

export async function setAuditRetentionDays(stationId: string, days: number): Promise<void> {
  await rt(() => coll(collections.stations).doc(stationId).update({ data: { auditRetentionDays: days } }));
}

/** Remove an admin (their admin role was taken away). */
export async function removeStationAdmin(stationId: string, openid: string): Promise<void> {
  await rt(() => coll(collections.stations).doc(stationId).update({ data: { adminIds: cmd().pull(openid) } }));
}

/**
 * Several figures in one round trip (issue 12, the desk): an aggregate over the station's own
 * document (`_id`) with one uncorrelated `$lookup` per part, each opening with its indexed `$match`.
 * Answers each part's rows by its key; a missing station answers empty parts.
 */
export async function stationFigures<K extends string>(stationId: string, parts: Record<K, SubPipeline>): Promise<Record<K, unknown[]>> {
  const keys = Object.keys(parts) as K[];
  let agg = coll(collections.stations).aggregate().match({ _id: stationId });
  for (const as of keys) agg = agg.lookup({ from: parts[as].from, pipeline: parts[as].pipeline, as });
  const project = Object.fromEntries([['_id', 0], ...keys.map((k) => [k, 1])]);
  const res = await rt(() => agg.project(project).end());
  const row = (((res as { list?: unknown[] }).list ?? [])[0] ?? {}) as Record<string, unknown>;
  return Object.fromEntries(keys.map((k) => [k, Array.isArray(row[k]) ? row[k] : []])) as Record<K, unknown[]>;
}
