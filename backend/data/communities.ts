/** `communities`: the station's communities. Index: order (list for the join flow). */
import { coll, collections, docsOf, putById, rt } from './db';

export interface CommunityDoc {
  _id: string;
  stationId: string;
  name: string;
  address: string | null;
  /** Display order in pickers. */
  order: number;
  /** Where cases located only by a map point go. */
  defaultGridId: string | null;
  /** Community mediators who may join its 警民联调 mediations (user ids). */
  mediatorIds?: string[];
  createdAt: Date;
}

export const putCommunity = (doc: CommunityDoc) => putById(collections.communities, doc);

/** All communities in display order; a station has a handful, 100 is a generous bound. */
export async function listCommunities(): Promise<CommunityDoc[]> {
  return docsOf<CommunityDoc>(await rt(() => coll(collections.communities).orderBy('order', 'asc').limit(100).get()));
}
