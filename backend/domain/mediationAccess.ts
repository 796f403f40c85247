/**
 * Who may see and act on a mediation (or a legal-advice request), from the caller's roles and the
 * case's assignment:
 * - the applicant (the reporter): a party;
 * - the grid's officer (or the assignee) and the station admin, as for any case;
 * - a community mediator: only mediations they are assigned to;
 * - the judicial mediator of the station: mediations at 专业助调 or above, any they were assigned
 *   to, and legal-advice requests routed to them.
 * Nobody else learns that the mediation exists (FORBIDDEN without details).
 */
import type { MediationViewerRole } from '../../types/mediation';
import type { CaseDoc } from '../data/cases';
import { AppError } from '../platform/errors';
import { hasRole, type CallContext } from './callContext';
import { hasStaffAccess, loadCase, mediatorShare } from './caseAccess';
import { facts, type FullMediation } from './mediationFacts';

export type MediationRole = MediationViewerRole;

export function isLegalAdvice(c: Pick<CaseDoc, 'kind' | 'help'>): boolean {
  return c.kind === 'help' && c.help?.helpType === 'legal_advice';
}

/** What a mediator role alone lets the caller see (no read): the judicial mediator's and a community mediator's share. */
export function mediatorSees(ctx: CallContext, c: CaseDoc): MediationRole | null {
  if (!hasRole(ctx, 'mediator', 'judicial_mediator') || !mediatorShare(ctx, c)) return null;
  return hasRole(ctx, 'judicial_mediator') ? 'judicial_mediator' : 'mediator';
}

export async function mediationRoleOf(ctx: CallContext, c: CaseDoc): Promise<MediationRole | null> {
  if (c.reporterId === ctx.openid) return 'party';
  if (hasRole(ctx, 'admin') && ctx.user?.stationId === c.stationId) return 'admin';
  const viaMediator = mediatorSees(ctx, c);
  if (viaMediator) return viaMediator;
  if (hasRole(ctx, 'officer') && (await hasStaffAccess(ctx, c))) return 'officer';
  return null;
}

export interface MediationAccess {
  c: CaseDoc;
  role: MediationRole;
  /** The mediation's facts (null for a legal-advice request). */
  m: FullMediation | null;
}

/** Load a mediation or legal-advice case the caller may see, with how they relate to it. */
export async function loadMediation(ctx: CallContext, caseId: string, allowed?: readonly MediationRole[]): Promise<MediationAccess> {
  const c = await loadCase(caseId);
  if (c.kind !== 'mediation' && !isLegalAdvice(c)) throw new AppError('NOT_FOUND', '该案件不是调解或法律咨询', 'caseId');
  const role = await mediationRoleOf(ctx, c);
  if (!role) throw new AppError('FORBIDDEN', '您不是该调解的当事人或经办人员');
  if (allowed && !allowed.includes(role)) throw new AppError('FORBIDDEN', role === 'party' ? '该操作只能由调解人员进行' : '您在该调解中不能进行此操作');
  return { c, role, m: c.mediation ? facts(c.mediation) : null };
}

export const STAFF: readonly MediationRole[] = ['officer', 'admin', 'mediator', 'judicial_mediator'];
/** Those who lead a mediation: the officer and the admin always, the judicial mediator from 专业助调 on. */
export const LEADS: readonly MediationRole[] = ['officer', 'admin', 'judicial_mediator'];

/** The lead roles at a tier: at 警民联调 the officer's (and admin's); above it the judicial mediator's too. */
export function leadsAt(m: FullMediation): readonly MediationRole[] {
  return m.tier === 'police_community' ? ['officer', 'admin'] : LEADS;
}

/** Who is reminded of the limit and the follow-up: the judicial mediator from 专业助调 on, else the assignee. */
export function handlerIdOf(c: CaseDoc): string | null {
  const m = c.mediation;
  if (m && m.tier !== 'police_community' && m.handlerId) return m.handlerId;
  return c.assigneeId;
}
