/**
 * `householdKeys` (issue 11): the roster's search index — one record per (household, search key):
 * its building (`b:<id>`), each tag (`t:独居`) and each beginning of its names (`n:邢`, `n:邢奶奶`).
 * Local cloud's indexes (like CloudBase's for our purposes) are not multikey, so searching a tag or
 * a name inside the household would scan; here it is one equality on (gridId, key) in index order
 * (grid_key_created), then the households by id. Rewritten with the household; never edited alone.
 */
import { cmd, coll, collections, docsOf, insertMany, rt } from './db';
import { afterCursor, CURSOR_SLACK, type PageCursor } from './paging';

export interface HouseholdKeyDoc {
  /** `${householdId}~${key}`: writing it again is a no-op. */
  _id: string;
  gridId: string;
  key: string;
  householdId: string;
  /** The household's creation time: results come in the roster's order. */
  createdAt: Date;
}

export const householdKeyId = (householdId: string, key: string) => `${householdId}~${key}`;

export const insertHouseholdKeys = (docs: HouseholdKeyDoc[]) => insertMany(collections.householdKeys, docs);

/** issue 11: a household's keys before an edit rewrites them (by id: the primary key). */
export async function removeHouseholdKeys(ids: string[]): Promise<void> {
  if (ids.length > 0) await rt(() => coll(collections.householdKeys).where({ _id: cmd().in(ids) }).remove());
}

/** Household ids of a grid with this key, newest first, after the cursor. */
export async function householdIdsWithKey(gridId: string, key: string, q: { after?: PageCursor; limit: number }): Promise<HouseholdKeyDoc[]> {
  const slack = q.after ? CURSOR_SLACK : 0;
  const where = { gridId, key, ...afterCursor('createdAt', q.after) };
  const rows = docsOf<HouseholdKeyDoc>(
    await rt(() => coll(collections.householdKeys).where(where).orderBy('createdAt', 'desc').orderBy('householdId', 'desc').limit(q.limit + slack).get()),
  );
  if (!q.after) return rows.slice(0, q.limit);
  const t = q.after.at.getTime();
  const seen = q.after.id;
  return rows.filter((r) => r.createdAt.getTime() < t || (r.createdAt.getTime() === t && r.householdId < seen)).slice(0, q.limit);
}
