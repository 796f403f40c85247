/**
 * Who may see and act on a case. A resident: only cases they reported or joined. Staff: an officer
 * the cases assigned to them or in their grids (transfers move the grid, so transferred-in cases
 * are theirs too); a station admin every case of their station; a grid worker their grid's cases and
 * the ones they help on (issue 11). Anything else is FORBIDDEN.
 */
import { getCase, type CaseDoc } from '../data/cases';
import { getFollow, type CaseFollowDoc } from '../data/caseFollows';
import { gridsOfOfficer } from '../data/grids';
import { hasRole, type CallContext } from './callContext';
import { AppError } from '../platform/errors';

/** A mediator's share of cases: assigned mediations; the judicial mediator's 专业助调+ and routed legal advice. */
export function mediatorShare(ctx: CallContext, c: CaseDoc): boolean {
  if (ctx.user?.stationId !== c.stationId) return false;
  if (c.mediation?.mediatorIds?.includes(ctx.openid)) return true;
  if (!hasRole(ctx, 'judicial_mediator')) return false;
  return (c.kind === 'mediation' && c.mediation?.tier !== 'police_community') || c.help?.legalAdvice?.advisorId === ctx.openid;
}

export async function loadCase(caseId: string): Promise<CaseDoc> {
  const c = await getCase(caseId);
  if (!c) throw new AppError('NOT_FOUND', '案件不存在或已被删除', 'caseId');
  return c;
}

/**
 * issue 11: a grid worker reads (and notes on) the cases of the grid they work in, and the cases an
 * officer added them to as a helper (协办); never another station's. No read: both are on the user
 * and the case.
 */
export function gridWorkerShare(ctx: CallContext, c: CaseDoc): boolean {
  if (!hasRole(ctx, 'grid_worker') || ctx.user?.stationId !== c.stationId) return false;
  return (!!ctx.user.workerGridId && ctx.user.workerGridId === c.gridId) || (c.helpers ?? []).some((h) => h.id === ctx.openid);
}

export async function hasStaffAccess(ctx: CallContext, c: CaseDoc): Promise<boolean> {
  if (!ctx.user) return false;
  if (hasRole(ctx, 'admin') && ctx.user.stationId === c.stationId) return true;
  if (gridWorkerShare(ctx, c)) return true;
  // Mediators see the mediations (and legal-advice requests) they work on; the rules are in mediationAccess.ts.
  if (hasRole(ctx, 'mediator', 'judicial_mediator') && mediatorShare(ctx, c)) return true;
  if (!hasRole(ctx, 'officer')) return false;
  if (c.assigneeId === ctx.openid) return true;
  const grids = await gridsOfOfficer(ctx.openid);
  return grids.some((g) => g._id === c.gridId);
}

/** For staff actions: the case, or FORBIDDEN. */
export async function loadForStaff(ctx: CallContext, caseId: string): Promise<CaseDoc> {
  const c = await loadCase(caseId);
  if (!(await hasStaffAccess(ctx, c))) throw new AppError('FORBIDDEN', '该案件不在您负责的网格内');
  return c;
}

/** For the reporter's own actions (add info, withdraw, reopen, rate). */
export async function loadForReporter(ctx: CallContext, caseId: string): Promise<CaseDoc> {
  const c = await loadCase(caseId);
  if (c.reporterId !== ctx.openid) throw new AppError('FORBIDDEN', '只能操作自己提交的案件');
  return c;
}

/**
 * The caller follows the case: its reporter (no read needed) or a resident who joined it. Answers
 * whether, and the joiner's follow record. Membership (issue 13): a joiner's access follows their
 * current binding, so a resident who moved to another community no longer reads that one's cases.
 */
export async function followerAccess(ctx: CallContext, c: CaseDoc): Promise<{ follows: boolean; follow: CaseFollowDoc | null }> {
  if (c.reporterId === ctx.openid) return { follows: true, follow: null };
  const follow = await getFollow(c._id, ctx.openid);
  if (follow && c.communityId !== ctx.user?.communityId) return { follows: false, follow: null };
  return { follows: follow !== null, follow };
}
