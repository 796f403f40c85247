/**
 * A first start interrupted half-way (Ctrl-C during the seed) leaves some demo documents but no
 * station: the next start completes the station instead of failing on duplicate ids.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud, type LocalCloud } from '../../local-cloud/src/index';
import { buildSeedContent, seedDemoStationIfEmpty } from '../../local-stack/seed';
import { toDocuments } from '../../local-stack/seed/documents';
import { loadSdk, type Loose } from '../local-cloud/helpers';

const NOW = new Date('2026-11-29T04:00:00.000Z');

let cloud: LocalCloud;
let dataDir: string;
let db: Loose;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-repair-'));
  cloud = await startLocalCloud({ port: 0, dataDir, log: () => {} });
  db = loadSdk(cloud).database();
});

afterAll(async () => {
  await cloud?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('completes a seed that an earlier start left half-done', async () => {
  const expected = toDocuments(buildSeedContent(NOW));
  const [firstUser] = expected.users;
  const [firstCase] = expected.cases;
  await db.createCollection('users');
  await db.createCollection('cases');
  await db.collection('users').add({ data: { ...firstUser, name: '写了一半' } });
  await db.collection('cases').add({ data: firstCase });

  const outcome = await seedDemoStationIfEmpty(cloud.env, { now: NOW });

  expect(outcome.seeded).toBe(true);
  expect((await db.collection('users').count()).total).toBe(expected.users.length);
  expect((await db.collection('cases').count()).total).toBe(expected.cases.length);
  const { data: user } = await db.collection('users').doc(firstUser?._id).get();
  expect(user.name).toBe(firstUser?.name);
  expect((await seedDemoStationIfEmpty(cloud.env, { now: NOW })).seeded).toBe(false);
});
