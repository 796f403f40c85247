/** `users`: one document per person, `_id` = OPENID. Index station_staff (the desk's staff list). */
import type { Role } from '../../types/user';
import { cmd, coll, collections, docsOf, getById, putById, rt, setFields, subPipeline, type SubPipeline } from './db';

export interface StaffProfile {
  /** Name as residents see it, e.g. 周建军. */
  name: string;
  /** e.g. 社区民警. */
  title: string;
  dutyHours: string;
  /** Duty phone residents may call. */
  phone: string;
  photoFileId: string | null;
}

export interface UserDoc {
  _id: string;
  roles: Role[];
  /** What the resident asked to be called (optional). */
  name: string | null;
  phone: string | null;
  communityId: string | null;
  buildingId: string | null;
  unit: string | null;
  privacyVersion: string | null;
  privacyConsentAt: Date | null;
  /** Staff only; station-level staff (admins, judicial mediator) have their station here. */
  staff: StaffProfile | null;
  stationId: string | null;
  /**
   * issue 10: the binding to `communityId` is verified (arrived from the community's WeChat group,
   * or approved by its officer). false: self-declared, cannot read the community's open reports.
   * Absent on records older than this rule: treated as verified.
   */
  memberVerified?: boolean;
  /** Communities this person was verified for (a move back keeps the verification). */
  verifiedCommunityIds?: string[];
  /** issue 11: a grid worker's grid (from their invite); index worker_grid lists a grid's workers. */
  workerGridId?: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const getUser = (openid: string) => getById<UserDoc>(collections.users, openid);
export const putUser = (doc: UserDoc) => putById(collections.users, doc);

/** Several people by id, one round trip (e.g. a community's mediators). */
export async function usersByIds(ids: string[]): Promise<UserDoc[]> {
  if (ids.length === 0) return [];
  return docsOf<UserDoc>(await rt(() => coll(collections.users).where({ _id: cmd().in(ids) }).limit(ids.length).get()));
}

export function newUser(openid: string, now: Date): UserDoc {
  return {
    _id: openid, roles: [], name: null, phone: null, communityId: null, buildingId: null, unit: null,
    privacyVersion: null, privacyConsentAt: null, staff: null, stationId: null, createdAt: now, updatedAt: now,
  };
}

export type UserPatch = Partial<Omit<UserDoc, '_id' | 'createdAt'>>;

export async function updateUser(openid: string, patch: UserPatch): Promise<void> {
  await rt(() => coll(collections.users).doc(openid).update({ data: setFields(patch) }));
}

/** The account is deleted at the person's request (domain/residentRights.ts). */
export async function removeUser(openid: string): Promise<void> {
  await rt(() => coll(collections.users).doc(openid).remove());
}

/** issue 10: a community's members, verified or not (index community_verified). */
export async function countMembers(communityId: string, verified: boolean): Promise<number> {
  const res = await rt(() => coll(collections.users).where({ communityId, memberVerified: verified }).count());
  const total = (res as { total?: unknown }).total;
  return typeof total === 'number' ? total : 0;
}

export async function unverifiedMembers(communityId: string, limit: number): Promise<UserDoc[]> {
  return docsOf<UserDoc>(await rt(() => coll(collections.users).where({ communityId, memberVerified: false }).limit(limit).get()));
}

/** issue 11: the grid workers of a grid (a handful), for adding a helper to a case. */
export async function workersOfGrid(gridId: string): Promise<UserDoc[]> {
  return docsOf<UserDoc>(await rt(() => coll(collections.users).where({ workerGridId: gridId }).limit(50).get()));
}

/** The staff of a station (people with a staff profile), by name, at most 300 (index station_staff: residents have none). */
export async function staffOfStation(stationId: string): Promise<UserDoc[]> {
  return docsOf<UserDoc>(await rt(() => coll(collections.users).where({ stationId, 'staff.name': cmd().gt('') }).orderBy('staff.name', 'asc').limit(300).get()));
}

/** issue 12: verified members per community as a desk sub-pipeline (index community_verified). */
export function verifiedMembersPipeline(communityIds: string[]): SubPipeline {
  const _ = cmd();
  return subPipeline(collections.users, (p) =>
    p.match({ communityId: _.in(communityIds), memberVerified: true }).group({ _id: '$communityId', count: _.aggregate.sum(1) }));
}
