import { PRIVACY_VERSION } from '../../types/privacy';
import type { Role } from '../../types/user';
import type { UserDoc } from '../data/users';

/** Who is calling and when; built by the wrapper, passed to every handler. */
export interface CallContext {
  /** From `getWXContext().OPENID`, never from the request. */
  openid: string;
  /** null before the person's first write (privacy consent). */
  user: UserDoc | null;
  now: Date;
  /**
   * issue 10: the top-level `groupInfo` of the event, where CloudBase puts the resolved
   * `wx.cloud.CloudID` of `wx.getGroupEnterInfo` (`{ cloudID, data: { opengid } }`). Untrusted
   * until domain/groupArrival.ts checked its shape.
   */
  groupInfo?: unknown;
}

export function hasRole(ctx: CallContext, ...roles: Role[]): boolean {
  const mine = ctx.user?.roles ?? [];
  return roles.some((r) => mine.includes(r));
}

/**
 * Who may call an action:
 * - 'anyone': any WeChat user (even before consent);
 * - 'registered': has a user record;
 * - 'resident': has joined a community;
 * - a list of roles: holds at least one of them.
 */
export type AuthRule = 'anyone' | 'registered' | 'resident' | readonly Role[];

/** Consented to the privacy guide in force (an older version's consent does not count). */
export function consentIsCurrent(user: Pick<UserDoc, 'privacyConsentAt' | 'privacyVersion'> | null): boolean {
  return !!user?.privacyConsentAt && user.privacyVersion === PRIVACY_VERSION;
}
