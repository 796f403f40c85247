/**
 * Writes the demo station through the backend's data modules. Runs in its own process (see index.ts)
 * whose environment points wx-server-sdk at local cloud, so the SDK's one-per-process initialisation
 * never binds the caller's process to a particular local cloud.
 */
import { cmd, coll, collections, db, docsOf, insertMany, isDuplicateKey, putById, rt, type CollectionName } from '../../backend/data/db';
import { getStation, putStation } from '../../backend/data/stations';
import { buildSeedContent } from './content';
import { STATION } from './content/places';
import { getCloud } from '../../backend/platform/cloud';
import { toDocuments, type PictureFiles, type SeedDocuments } from './documents';
import { drawPictures } from './pictures';

export interface SeedOutcome {
  seeded: boolean;
  counts: Record<string, number>;
}

/** Collections written, in order; the station goes last because its presence means "seeded". */
const ORDER: (keyof Omit<SeedDocuments, 'stations'>)[] = [
  'communities', 'grids', 'buildings', 'users', 'invites', 'notices', 'cases', 'caseFollows', 'notifications',
];

async function ensureCollection(name: CollectionName): Promise<void> {
  try {
    await db().createCollection(name);
  } catch {
    // Already there (declared in collections.json, or an earlier run): nothing to do.
  }
}

/** Which of these ids are already stored (by `_id`, 500 at a time). */
async function existingIds(name: CollectionName, ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const res = await rt(() => coll(name).where({ _id: cmd().in(chunk) }).field({ _id: true }).limit(500).get());
    for (const doc of docsOf<{ _id: string }>(res)) found.add(doc._id);
  }
  return found;
}

/**
 * Bulk insert. After an interrupted earlier run some ids exist: those are replaced (idempotent) and
 * only the missing ones inserted.
 */
async function write(name: CollectionName, docs: { _id: string }[]): Promise<void> {
  if (docs.length === 0) return;
  await ensureCollection(name);
  try {
    await insertMany(name, docs);
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    const present = await existingIds(name, docs.map((d) => d._id));
    for (const doc of docs.filter((d) => present.has(d._id))) await putById(name, doc);
    await insertMany(name, docs.filter((d) => !present.has(d._id)));
  }
}

/** Draws the report pictures and uploads them to cloud storage (same paths every time). */
async function uploadPictures(): Promise<PictureFiles> {
  const files: PictureFiles = {};
  const uploads = drawPictures().map(async (picture, index) => {
    const res = (await getCloud().uploadFile({ cloudPath: `seed/reports/picture-${String(index + 1).padStart(2, '0')}.png`, fileContent: picture.png })) as { fileID: string };
    (files[picture.category] ??= [])[picture.variant] = res.fileID;
  });
  await Promise.all(uploads);
  return files;
}

export async function seedIfEmpty(now: Date): Promise<SeedOutcome> {
  await ensureCollection(collections.stations);
  if (await getStation(STATION.id)) return { seeded: false, counts: {} };
  const content = buildSeedContent(now);
  const pictures = await uploadPictures();
  const docs = toDocuments(content, pictures);
  const counts: Record<string, number> = { pictures: Object.values(pictures).reduce((n, ids) => n + (ids?.length ?? 0), 0) };
  for (const name of ORDER) {
    await write(collections[name], docs[name]);
    counts[name] = docs[name].length;
  }
  for (const station of docs.stations) await putStation(station);
  counts.stations = docs.stations.length;
  return { seeded: true, counts };
}
