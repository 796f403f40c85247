/**
 * Routing: the building decides the grid, the grid decides the officer. A grid without an officer
 * (or a case with only a map point in a community without a default grid) goes to the station admin.
 * The grid is read fresh (its officer changes); the rest comes from the organisation cache.
 */
import type { BuildingDoc } from '../data/buildings';
import type { CommunityDoc } from '../data/communities';
import { getGrid, type GridDoc } from '../data/grids';
import { AppError } from '../platform/errors';
import type { Organisation } from './organisation';

export interface Route {
  gridId: string;
  gridName: string;
  assigneeId: string | null;
  assigneeName: string | null;
  assigneeTitle: string | null;
  /** true when the station admin stands in for a missing officer. */
  viaStation: boolean;
}

export function routeToGrid(grid: GridDoc, org: Organisation): Route {
  if (grid.officerId && grid.officer) {
    return { gridId: grid._id, gridName: grid.name, assigneeId: grid.officerId, assigneeName: grid.officer.name, assigneeTitle: grid.officer.title, viaStation: false };
  }
  const station = org.station(grid.stationId);
  return {
    gridId: grid._id, gridName: grid.name, assigneeId: station?.adminIds[0] ?? null,
    assigneeName: station?.name ?? '派出所', assigneeTitle: '派出所', viaStation: true,
  };
}

export async function routeCase(org: Organisation, community: CommunityDoc, building: BuildingDoc | null): Promise<Route> {
  const gridId = building?.gridId ?? community.defaultGridId;
  if (!gridId) throw new AppError('INVALID_INPUT', '请选择问题所在的楼栋', 'location.buildingId');
  const grid = await getGrid(gridId);
  if (!grid) throw new AppError('INTERNAL', '该楼栋尚未划分网格，请联系派出所');
  return routeToGrid(grid, org);
}
