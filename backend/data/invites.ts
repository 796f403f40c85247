/** `invites`: staff invite codes issued by an admin; `_id` = the code. Read by id only. */
import type { StaffRole } from '../../types/user';
import { coll, collections, getById, insertWithId, rt, updatedCount } from './db';

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
