/**
 * `groupBindings`: a WeChat group (its opengid, learnt from a card opened there) belongs to one
 * community. `_id` = opengid, so the first binding stands and a second officer cannot move a group.
 * Index: community (a community's groups).
 */
import { coll, collections, docsOf, getById, insertWithId, rt } from './db';

export interface GroupBindingDoc {
  _id: string;
  communityId: string;
  stationId: string;
  boundBy: string;
  boundAt: Date;
}

export const getGroupBinding = (opengid: string) => getById<GroupBindingDoc>(collections.groupBindings, opengid);

/** False when the group is already bound (to whichever community the existing record says). */
export const insertGroupBinding = (doc: GroupBindingDoc) => insertWithId(collections.groupBindings, doc);

/** Whether any group is bound to the community yet (the officer's first share binds it). */
export async function communityHasGroup(communityId: string): Promise<boolean> {
  return docsOf<GroupBindingDoc>(await rt(() => coll(collections.groupBindings).where({ communityId }).limit(1).get())).length > 0;
}
