/**
 * Who may do what with a survey (issue 10): the community's officer (an officer of one of its grids)
 * and the station admin manage it; residents bound to the community answer it.
 */
import { gridsOfOfficer } from '../data/grids';
import { getSurvey, type SurveyDoc } from '../data/surveys';
import { AppError } from '../platform/errors';
import { hasRole, type CallContext } from './callContext';

export const NOT_YOUR_COMMUNITY = '只能管理本社区的问卷';

export async function loadSurvey(id: string): Promise<SurveyDoc> {
  const s = await getSurvey(id);
  if (!s) throw new AppError('NOT_FOUND', '问卷不存在');
  return s;
}

/** The communities the caller manages surveys of: null = every community of their station (admin). */
export async function managedCommunities(ctx: CallContext): Promise<{ stationId: string | null; communityIds: string[] | null }> {
  if (hasRole(ctx, 'admin')) return { stationId: ctx.user?.stationId ?? null, communityIds: null };
  const grids = await gridsOfOfficer(ctx.openid);
  return { stationId: null, communityIds: [...new Set(grids.map((g) => g.communityId))] };
}

export async function canManageCommunity(ctx: CallContext, communityId: string, stationId: string): Promise<boolean> {
  if (hasRole(ctx, 'admin') && ctx.user?.stationId === stationId) return true;
  if (!hasRole(ctx, 'officer')) return false;
  return (await gridsOfOfficer(ctx.openid)).some((g) => g.communityId === communityId);
}

/** The survey, when the caller manages its community; FORBIDDEN otherwise. */
export async function loadManagedSurvey(id: string, ctx: CallContext): Promise<SurveyDoc> {
  const [s, officerGrids] = await Promise.all([
    loadSurvey(id),
    hasRole(ctx, 'officer') && !hasRole(ctx, 'admin') ? gridsOfOfficer(ctx.openid) : Promise.resolve(null),
  ]);
  const byAdmin = hasRole(ctx, 'admin') && ctx.user?.stationId === s.stationId;
  const byOfficer = !!officerGrids?.some((g) => g.communityId === s.communityId);
  if (!byAdmin && !byOfficer) throw new AppError('FORBIDDEN', NOT_YOUR_COMMUNITY);
  return s;
}

/** A resident's own community's survey; FORBIDDEN for any other. */
export async function loadResidentSurvey(id: string, ctx: CallContext): Promise<SurveyDoc> {
  const s = await loadSurvey(id);
  if (s.communityId !== ctx.user?.communityId) throw new AppError('FORBIDDEN', '只能参与本社区的问卷');
  return s;
}
