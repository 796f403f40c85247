/** `stations`: a police station and who administers it. Read by id only. */
import { cmd, coll, collections, docsOf, getById, putById, rt } from './db';

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
