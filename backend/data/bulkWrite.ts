/**
 * Bulk, idempotent writes for loading a prepared data set (the local demo station's seed), so that
 * code outside backend/data never touches the database handle. Collections are named by their key
 * in `collections` (e.g. 'caseFollows').
 */
import { cmd, coll, collections, db, docsOf, insertMany, isDuplicateKey, putById, rt } from './db';

export type CollectionKey = keyof typeof collections;

/** Create the collection unless it exists (declared in collections.json, or an earlier run). */
export async function ensureCollection(key: CollectionKey): Promise<void> {
  try {
    await rt(() => db().createCollection(collections[key]));
  } catch {
    // Already there: nothing to do.
  }
}

/** Which of these ids are already stored (by `_id`, 500 per round trip). */
export async function existingIds(key: CollectionKey, ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const res = await rt(() => coll(collections[key]).where({ _id: cmd().in(chunk) }).field({ _id: true }).limit(500).get());
    for (const doc of docsOf<{ _id: string }>(res)) found.add(doc._id);
  }
  return found;
}

/**
 * Insert many documents with fixed ids, creating the collection first. After an interrupted earlier
 * run some ids exist: those are replaced and only the missing ones inserted, so a rerun converges.
 */
export async function insertOrReplaceMany(key: CollectionKey, docs: { _id: string }[]): Promise<void> {
  if (docs.length === 0) return;
  await ensureCollection(key);
  const name = collections[key];
  try {
    await insertMany(name, docs);
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    const present = await existingIds(key, docs.map((d) => d._id));
    for (const doc of docs.filter((d) => present.has(d._id))) await putById(name, doc);
    await insertMany(name, docs.filter((d) => !present.has(d._id)));
  }
}
