/** `grids` (网格): each owned by one officer. Indexes: officerId; stationId+order. */
import type { StaffProfile } from './users';
import { coll, collections, docsOf, getById, putById, rt, setFields, subPipeline, type SubPipeline } from './db';

export interface GridDoc {
  _id: string;
  stationId: string;
  communityId: string;
  name: string;
  /** OPENID of the grid's officer; null → the station admin handles its cases. */
  officerId: string | null;
  /**
   * The officer's card as residents see it, copied from their staff profile when they take the
   * grid: routing a case and the resident's home page then need this one read, not two.
   */
  officer: StaffProfile | null;
  order: number;
  createdAt: Date;
}

export const getGrid = (id: string) => getById<GridDoc>(collections.grids, id);
export const putGrid = (doc: GridDoc) => putById(collections.grids, doc);

/** The grids an officer owns (a few at most). */
export async function gridsOfOfficer(officerId: string): Promise<GridDoc[]> {
  return docsOf<GridDoc>(await rt(() => coll(collections.grids).where({ officerId }).limit(20).get()));
}

/** Every grid of a station, for transfers and the organisation cache (a station has tens). */
export async function gridsOfStation(stationId: string): Promise<GridDoc[]> {
  return docsOf<GridDoc>(await rt(() => coll(collections.grids).where({ stationId }).orderBy('order', 'asc').limit(200).get()));
}

export async function setGridOfficer(gridId: string, officerId: string | null, officer: StaffProfile | null): Promise<void> {
  await rt(() => coll(collections.grids).doc(gridId).update({ data: setFields({ officerId, officer }) }));
}

export interface GridRow {
  _id: string;
  name: string;
  communityId: string;
  officerId: string | null;
  order: number;
}

/** issue 12: the station's grids as a desk sub-pipeline (index station_order). */
export function stationGridsPipeline(stationId: string): SubPipeline {
  return subPipeline(collections.grids, (p) =>
    p.match({ stationId }).project({ _id: 1, name: 1, communityId: 1, officerId: 1, order: 1 }).limit(200));
}
