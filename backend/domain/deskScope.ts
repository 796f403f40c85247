/**
 * Who sees which cases on the station desk (dashboard and exports): the station admin every case of
 * their station, narrowed at will to a community, a grid or an officer; an officer only the cases of
 * their own grids (and may narrow within them). Anything outside answers FORBIDDEN.
 */
import type { DeskScope } from '../data/cases';
import { getGrid, gridsOfOfficer } from '../data/grids';
import { AppError } from '../platform/errors';
import { hasRole, type CallContext } from './callContext';
import type { Organisation } from './organisation';

export interface DeskFilter {
  communityId?: string;
  gridId?: string;
  officerId?: string;
}

/**
 * The places the numbers cover, for the sections counted per grid or community (visits, patrols,
 * surveys): the communities (every one of the station's when not narrowed) and, when narrowed to
 * grids (a grid, an officer's grids), those grids.
 */
export interface DeskPlaces {
  wholeStation: boolean;
  communityIds: string[];
  gridIds: string[] | null;
}

/** The places as a query narrowing: nothing for the whole station, else the grids or the communities. */
export function placeNarrowing(p: DeskPlaces): { gridIds?: string[]; communityIds?: string[] } {
  if (p.wholeStation) return {};
  return p.gridIds ? { gridIds: p.gridIds } : { communityIds: p.communityIds };
}

const gridPlaces = (grids: Array<{ _id: string; communityId: string }>): DeskPlaces => ({
  wholeStation: false, communityIds: [...new Set(grids.map((g) => g.communityId))], gridIds: grids.map((g) => g._id),
});

export interface ResolvedScope {
  scope: DeskScope;
  places: DeskPlaces;
  ownGridsOnly: boolean;
  filter: { communityId: string | null; gridId: string | null; officerId: string | null };
  /** For texts (exports, the audit log): 全所 / 梦和园 / 梦和园第一网格 / 周建军. */
  label: string;
}

const notYours = () => new AppError('FORBIDDEN', '只能查看本人负责网格的数据');

export async function resolveDeskScope(ctx: CallContext, org: Organisation, f: DeskFilter): Promise<ResolvedScope> {
  const stationId = ctx.user?.stationId;
  if (!stationId) throw new AppError('FORBIDDEN', '您的账号未关联派出所');
  if ([f.communityId, f.gridId, f.officerId].filter(Boolean).length > 1) throw new AppError('INVALID_INPUT', '社区、网格、民警只能选一项筛选', 'gridId');
  const filter = { communityId: f.communityId ?? null, gridId: f.gridId ?? null, officerId: f.officerId ?? null };
  if (f.communityId) {
    const c = org.community(f.communityId);
    if (!c || c.stationId !== stationId) throw new AppError('FORBIDDEN', '该社区不属于本派出所');
  }
  const admin = hasRole(ctx, 'admin');
  if (admin) {
    if (f.gridId) {
      const g = await getGrid(f.gridId);
      if (!g || g.stationId !== stationId) throw new AppError('FORBIDDEN', '该网格不属于本派出所');
      return { scope: { stationId, narrow: { gridId: g._id } }, places: gridPlaces([g]), ownGridsOnly: false, filter, label: g.name };
    }
    if (f.communityId) {
      const places = { wholeStation: false, communityIds: [f.communityId], gridIds: null };
      return { scope: { stationId, narrow: { communityId: f.communityId } }, places, ownGridsOnly: false, filter, label: org.community(f.communityId)!.name };
    }
    if (f.officerId) {
      // Cases follow the assignee; visits, patrols and surveys the officer's grids (one more read).
      const grids = (await gridsOfOfficer(f.officerId)).filter((g) => g.stationId === stationId);
      return { scope: { stationId, narrow: { assigneeId: f.officerId } }, places: gridPlaces(grids), ownGridsOnly: false, filter, label: '所选民警' };
    }
    const all = org.communities.filter((c) => c.stationId === stationId).map((c) => c._id);
    return { scope: { stationId, narrow: {} }, places: { wholeStation: true, communityIds: all, gridIds: null }, ownGridsOnly: false, filter, label: '全所' };
  }
  // An officer: their own grids only.
  if (f.officerId && f.officerId !== ctx.openid) throw notYours();
  const mine = await gridsOfOfficer(ctx.openid);
  if (mine.length === 0) throw new AppError('FORBIDDEN', '您目前没有负责的网格');
  let grids = mine;
  if (f.gridId) grids = mine.filter((g) => g._id === f.gridId);
  if (f.communityId) grids = mine.filter((g) => g.communityId === f.communityId);
  if (grids.length === 0) throw notYours();
  const gridId = grids.length === 1 ? grids[0]!._id : { $in: grids.map((g) => g._id) };
  return { scope: { stationId, narrow: { gridId } }, places: gridPlaces(grids), ownGridsOnly: true, filter, label: grids.map((g) => g.name).join('、') };
}
