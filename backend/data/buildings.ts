/** `buildings`: buildings and their units; the building decides the grid. Index: communityId+order. */
import { cmd, coll, collections, docsOf, putById, rt } from './db';

export interface BuildingDoc {
  _id: string;
  communityId: string;
  gridId: string;
  name: string;
  units: string[];
  order: number;
  createdAt: Date;
}

export const putBuilding = (doc: BuildingDoc) => putById(collections.buildings, doc);

/** Buildings of several communities (the organisation cache: a station has a few hundred). */
export async function buildingsOfCommunities(communityIds: string[]): Promise<BuildingDoc[]> {
  if (communityIds.length === 0) return [];
  return docsOf<BuildingDoc>(
    await rt(() => coll(collections.buildings).where({ communityId: cmd().in(communityIds) }).limit(1000).get()),
  );
}
