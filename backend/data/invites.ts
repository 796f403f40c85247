/** `invites`: staff invite codes issued by an admin; `_id` = the code. Index station_created (the desk's list). */
import type { StaffRole } from '../../types/user';
import { coll, collections, docsOf, getById, insertWithId, rt, updatedCount } from './db';

export interface InviteDoc {
  _id: string;
  role: StaffRole;
  stationId: string;
  communityId: string | null;
  /** For officers: the grid they will own. */
  gridId: string | null;
  name: string;
  title: string;
  dutyHours: string;
  phone: string;
  status: 'active' | 'used' | 'revoked';
  issuedBy: string;
  expiresAt: Date;
  usedBy: string | null;
  usedAt: Date | null;
  createdAt: Date;
}

export const getInvite = (code: string) => getById<InviteDoc>(collections.invites, code);
export const insertInvite = (doc: InviteDoc) => insertWithId(collections.invites, doc);

/** Marks an active invite used; false if someone else used it first (atomic, one round trip). */
export async function claimInvite(code: string, openid: string, now: Date): Promise<boolean> {
  const res = await rt(() =>
    coll(collections.invites).where({ _id: code, status: 'active' }).update({ data: { status: 'used', usedBy: openid, usedAt: now } }),
  );
  return updatedCount(res) === 1;
}

/** A station's latest invites, newest first (the desk's organisation page). */
export async function invitesOfStation(stationId: string, limit: number): Promise<InviteDoc[]> {
  return docsOf<InviteDoc>(await rt(() => coll(collections.invites).where({ stationId }).orderBy('createdAt', 'desc').limit(limit).get()));
}

/** Revokes an invite nobody has used yet; false if it was used (or revoked) first. */
export async function revokeActiveInvite(code: string, stationId: string): Promise<boolean> {
  const res = await rt(() => coll(collections.invites).where({ _id: code, stationId, status: 'active' }).update({ data: { status: 'revoked' } }));
  return updatedCount(res) === 1;
}
