/**
 * Who may open which part of the roster (issue 11): the grid's officer (their grids), grid workers
 * (the grids of their community) and the station admin (every grid of the station); an officer also
 * their paired household (结对帮扶) wherever it is. Another community, another station, residents,
 * volunteers and mediators: nothing.
 */
import { gridsOfOfficer, gridsOfStation, type GridDoc } from '../data/grids';
import type { HouseholdDoc } from '../data/households';
import { AppError } from '../platform/errors';
import { hasRole, type CallContext } from './callContext';
import { organisation } from './organisation';

export interface RosterScope {
  grids: GridDoc[];
  /** The station the caller works for (the visit rules and stats). */
  stationId: string | null;
}

export const NOT_YOUR_GRID = '只能查看本人负责网格的住户';

export async function rosterScope(ctx: CallContext): Promise<RosterScope> {
  const user = ctx.user!;
  const org = await organisation(ctx.now);
  const workerCommunity = hasRole(ctx, 'grid_worker') ? org.community(user.communityId) : null;
  const stationForAll = hasRole(ctx, 'admin') ? user.stationId : workerCommunity?.stationId ?? null;
  const [own, ofStation] = await Promise.all([
    hasRole(ctx, 'officer') ? gridsOfOfficer(ctx.openid) : Promise.resolve([]),
    stationForAll ? gridsOfStation(stationForAll) : Promise.resolve([]),
  ]);
  const fromStation = hasRole(ctx, 'admin') ? ofStation : ofStation.filter((g) => g.communityId === workerCommunity?._id);
  const byId = new Map<string, GridDoc>();
  for (const g of [...own, ...fromStation]) byId.set(g._id, g);
  const grids = [...byId.values()].sort((a, b) => a.order - b.order);
  return { grids, stationId: user.stationId ?? grids[0]?.stationId ?? null };
}

/** The grid asked for (default the first one), if the caller may open it. */
export function pickGrid(scope: RosterScope, gridId: string | undefined): GridDoc {
  const grid = gridId ? scope.grids.find((g) => g._id === gridId) : scope.grids[0];
  if (!grid) throw new AppError('FORBIDDEN', scope.grids.length === 0 ? '您还没有负责的网格' : NOT_YOUR_GRID);
  return grid;
}

export function canOpenHousehold(scope: RosterScope, h: HouseholdDoc, openid: string): boolean {
  return h.pairedOfficerId === openid || scope.grids.some((g) => g._id === h.gridId);
}

export function ensureHouseholdAccess(scope: RosterScope, h: HouseholdDoc | null, openid: string): HouseholdDoc {
  if (!h || !canOpenHousehold(scope, h, openid)) throw new AppError(h ? 'FORBIDDEN' : 'NOT_FOUND', h ? NOT_YOUR_GRID : '没有找到该住户');
  return h;
}
