/** `session`: the action table; rules live in backend/domain/session.ts. */
import * as rights from '../domain/residentRights';
import * as session from '../domain/session';
import type { FunctionHandlers } from '../request/defineFunction';

export const sessionHandlers: FunctionHandlers<'session'> = {
  whoami: { auth: 'anyone', handle: (_input, ctx) => session.whoamiOf(ctx.user, ctx.now) },
  listCommunities: { auth: 'anyone', handle: session.listCommunities },
  consentPrivacy: { auth: 'anyone', handle: session.consentPrivacy },
  bindCommunity: { auth: 'registered', collectsPersonalData: true, handle: session.bindCommunity },
  redeemInvite: { auth: 'registered', handle: session.redeemInvite },
  issueInvite: { auth: ['admin'], handle: session.issueInvite },
  // The resident's rights over their data (PIPL): see domain/residentRights.ts.
  myData: { auth: 'registered', handle: (_input, ctx) => rights.myData(ctx) },
  deleteAccount: { auth: 'registered', handle: rights.deleteAccount },
};
