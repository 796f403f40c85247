/**
 * Writes the demo station through the backend's data modules. Runs in its own process (see index.ts)
 * whose environment points wx-server-sdk at local cloud, so the SDK's one-per-process initialisation
 * never binds the caller's process to a particular local cloud.
 */
import { ensureCollection, insertOrReplaceMany } from '../../backend/data/bulkWrite';
import { getStation, putStation } from '../../backend/data/stations';
import { getCloud } from '../../backend/platform/cloud';
import { buildSeedContent } from './content';
import { STATION } from './content/places';
import { toDocuments, type PictureFiles, type SeedDocuments } from './documents';
import { drawPictures } from './pictures';
import { surveyDocuments, type SurveySeed } from './surveyDocuments';
import { responseTemplateDocs } from './responseTemplates';
import { writeRoster } from './rosterDocuments';
import { writePatrols } from './patrolDocuments';

export interface SeedOutcome {
  seeded: boolean;
  counts: Record<string, number>;
}

/** Collections written, in order; the station goes last because its presence means "seeded". */
const ORDER: (keyof Omit<SeedDocuments, 'stations'>)[] = [
  'communities', 'grids', 'buildings', 'users', 'invites', 'notices', 'cases', 'caseFollows', 'notifications', 'mediationMembers', 'caseCounters',
];

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
  await ensureCollection('stations');
  if (await getStation(STATION.id)) return { seeded: false, counts: {} };
  const content = buildSeedContent(now);
  const pictures = await uploadPictures();
  const docs = toDocuments(content, pictures);
  const counts: Record<string, number> = { pictures: Object.values(pictures).reduce((n, ids) => n + (ids?.length ?? 0), 0) };
  for (const name of ORDER) {
    await insertOrReplaceMany(name, docs[name]);
    counts[name] = docs[name].length;
  }
  for (const [name, list] of Object.entries(surveyDocuments(docs, now)) as [keyof SurveySeed, { _id: string }[]][]) { await insertOrReplaceMany(name, list); counts[name] = list.length; } // issue 10
  await insertOrReplaceMany('responseTemplates', responseTemplateDocs(STATION.id, now)); // issue 11
  Object.assign(counts, await writeRoster(content)); // issue 11: roster and visits
  counts.patrols = await writePatrols(content, docs.cases); // issue 11
  for (const station of docs.stations) await putStation(station);
  counts.stations = docs.stations.length;
  return { seeded: true, counts };
}
