/**
 * Seeding the demo station into a fresh local cloud through the real wx-server-sdk: the expected
 * documents arrive, a second start seeds nothing, every case reads as the functions' zod schemas
 * expect, the mediation success rate is the article's ~95%, and the demo people have their roles.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CaseDoc } from '../../backend/data/cases';
import type { UserDoc } from '../../backend/data/users';
import { residentView, staffView } from '../../backend/domain/caseViews';
import { ESCALATION_TEXT, escalationNotifications } from '../../backend/domain/scheduler';
import { autoCloseText } from '../../backend/domain/serviceLevels';
import { PRIVACY_VERSION } from '../../types/privacy';
import { startLocalCloud, type LocalCloud } from '../../local-cloud/src/index';
import { buildSeedContent, DEMO_PEOPLE, seedDemoStationIfEmpty, type SeedOutcome } from '../../local-stack/seed';
import { DEMO_PRIVACY_VERSION, toDocuments } from '../../local-stack/seed/documents';
import { residentCaseView, staffCaseView } from '../../types/case';
import { loadSdk, type Loose } from '../local-cloud/helpers';

const NOW = new Date('2026-11-29T04:00:00.000Z');
const REPO_ROOT = path.resolve(__dirname, '..', '..');
const COLLECTIONS_FILE = path.join(REPO_ROOT, 'cloudfunctions', 'collections.json');

let cloud: LocalCloud;
let dataDir: string;
let first: SeedOutcome;
let sdk: Loose;
let db: Loose;
let content: ReturnType<typeof buildSeedContent>;
let cases: CaseDoc[];

async function all<T>(collection: string): Promise<T[]> {
  const res = await db.collection(collection).where({}).limit(1000).get();
  return res.data as T[];
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-test-'));
  cloud = await startLocalCloud({
    port: 0,
    dataDir,
    // The app's declared collections and indexes when they exist; the seed creates what is missing.
    collectionsFile: fs.existsSync(COLLECTIONS_FILE) ? COLLECTIONS_FILE : undefined,
    log: () => {},
  });
  first = await seedDemoStationIfEmpty(cloud.env, { now: NOW });
  sdk = loadSdk(cloud);
  db = sdk.database();
  content = buildSeedContent(NOW);
  cases = await all<CaseDoc>('cases');
});

afterAll(async () => {
  await cloud?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('seedDemoStationIfEmpty', () => {
  it('seeds a fresh local cloud with the whole station', async () => {
    const expected = toDocuments(content);
    expect(first.seeded).toBe(true);
    for (const [name, docs] of Object.entries(expected)) {
      expect({ name, reported: first.counts[name] }).toEqual({ name, reported: docs.length });
      const { total } = await db.collection(name).count();
      expect({ name, total }).toEqual({ name, total: docs.length });
    }
    expect(first.counts.communities).toBe(7);
    expect(first.counts.cases).toBeGreaterThan(250);
    expect(first.counts.users).toBeGreaterThan(150);
  });

  it('seeds nothing when the station is already there', async () => {
    const before = (await db.collection('cases').count()).total;
    const second = await seedDemoStationIfEmpty(cloud.env, { now: new Date(NOW.getTime() + 3_600_000) });
    expect(second).toEqual({ seeded: false, counts: {} });
    expect((await db.collection('cases').count()).total).toBe(before);
    expect((await db.collection('users').count()).total).toBe(first.counts.users);
  });

  it('stores every case so that both the resident’s and the staff view parse with the case schemas', async () => {
    expect(cases).toHaveLength(first.counts.cases ?? -1);
    for (const doc of cases) {
      expect(doc.createdAt).toBeInstanceOf(Date);
      const asResident = residentCaseView.safeParse(residentView(doc, doc.reporterId, new Map()));
      // `work` (helpers, pressing) depends on the caller and `source` (a patrol's finding) on another read: both are added by caseStaff.staffCaseView.
      const work = { helpers: [], manageHelpers: false, press: false, pressedToday: false };
      const asStaff = staffCaseView.safeParse({ ...staffView(doc, doc.assigneeId ?? '', NOW, new Map()), work, source: null });
      expect({ id: doc._id, resident: asResident.error?.issues ?? null, staff: asStaff.error?.issues ?? null }).toEqual({ id: doc._id, resident: null, staff: null });
    }
  });

  it('puts photos on most reports, stored in cloud storage', async () => {
    const withPhotos = cases.filter((c) => c.photos.length > 0);
    expect(withPhotos.length).toBeGreaterThan(first.counts.cases! / 5);
    expect(withPhotos.every((c) => c.kind === 'report')).toBe(true);
    expect(new Set(withPhotos.map((c) => c.photos[0]?.review))).toEqual(new Set(['approved', 'pending']));
    const res = await sdk.getTempFileURL({ fileList: [withPhotos[0]?.photos[0]?.fileId] });
    const body = Buffer.from(await (await fetch(res.fileList[0].tempFileURL)).arrayBuffer());
    expect(body.subarray(1, 4).toString('ascii')).toBe('PNG');
  });

  it('never names an anonymous reporter in what staff see', () => {
    const anonymous = cases.filter((c) => c.anonymous);
    expect(anonymous.length).toBeGreaterThan(0);
    for (const doc of anonymous) {
      const view = staffView(doc, doc.assigneeId ?? '', NOW, new Map());
      expect(view.reporter).toEqual({ anonymous: true });
      const reporterName = content.people.find((p) => p.openid === doc.reporterId)?.name ?? '';
      expect(JSON.stringify(view)).not.toContain(reporterName);
    }
  });

  it('has a mediation success rate near 95% among decided mediations', () => {
    const mediations = cases.filter((c) => c.kind === 'mediation' && c.mediation?.outcome);
    const success = mediations.filter((c) => c.mediation?.outcome === 'success').length;
    const rate = success / mediations.length;
    expect(rate).toBeGreaterThanOrEqual(0.93);
    expect(rate).toBeLessThanOrEqual(0.97);
    expect(new Set(mediations.map((c) => c.mediation?.tier))).toEqual(new Set(['police_community', 'professional', 'joint_office']));
  });

  it('creates the demo people with their roles, already past the privacy step', async () => {
    const expectedRole: Record<string, string> = {
      刘玉芬: 'resident',
      孙立新: 'resident',
      周建军: 'officer',
      王卫东: 'officer',
      王志华: 'judicial_mediator',
      陈玉梅: 'mediator',
      王秀萍: 'volunteer',
      马丽娜: 'grid_worker',
      赵明远: 'admin',
    };
    for (const person of DEMO_PEOPLE) {
      const { data: user } = (await db.collection('users').doc(person.openid).get()) as { data: UserDoc };
      expect(user.name).toBe(person.name);
      expect(user.roles).toContain(expectedRole[person.name]);
      expect(user.privacyVersion).toBe(DEMO_PRIVACY_VERSION);
      if (!user.roles.every((r) => r === 'resident')) expect(user.staff?.name).toBe(person.name);
    }
    const zhou = DEMO_PEOPLE.find((p) => p.name === '周建军');
    const { data: grids } = await db.collection('grids').where({ officerId: zhou?.openid }).get();
    expect(grids.length).toBeGreaterThan(0);
    expect(grids.every((g: { communityId: string }) => g.communityId === 'community-menghe')).toBe(true);
    const { data: orphan } = await db.collection('grids').where({ officerId: null }).get();
    expect(orphan).toHaveLength(1);
  });

  it('lets the demo resident follow her own cases, with something new to read', async () => {
    const liu = DEMO_PEOPLE.find((p) => p.name === '刘玉芬');
    const { data: follows } = await db.collection('caseFollows').where({ openid: liu?.openid }).get();
    expect(follows.length).toBeGreaterThanOrEqual(5);
    expect(follows.some((f: { unread: boolean }) => f.unread)).toBe(true);
    const { data: notes } = await db.collection('notifications').where({ openid: liu?.openid }).get();
    expect(notes.length).toBeGreaterThan(0);
  });

  it('uses the privacy version the mini-program asks for', () => {
    expect(DEMO_PRIVACY_VERSION).toBe(PRIVACY_VERSION);
    const source = fs.readFileSync(path.join(REPO_ROOT, 'src', 'services', 'privacy.ts'), 'utf8');
    // Either the page re-exports the shared constant or (until it does) states the same value.
    expect(source.includes('PRIVACY_VERSION') || source.includes(`privacyGuideVersion = '${PRIVACY_VERSION}'`)).toBe(true);
  });

  it('writes history in the backend\'s own words: escalations and auto-closes', () => {
    const escalations = cases.flatMap((c) => c.timeline.filter((e) => e.type === 'escalated'));
    expect(escalations.length).toBeGreaterThan(0);
    expect(escalations.every((e) => e.text === ESCALATION_TEXT && e.visibility === 'internal')).toBe(true);
    const autoClosed = cases.flatMap((c) => c.timeline.filter((e) => e.type === 'closed' && e.actorKind === 'system'));
    expect(autoClosed.length).toBeGreaterThan(0);
    expect(autoClosed.every((e) => e.text === autoCloseText())).toBe(true);
  });

  it('writes escalation notifications as the scheduler builds them', async () => {
    // Notifications are seeded for the last 30 days only.
    const recent = (c: CaseDoc) => c.timeline.some((e) => e.type === 'escalated' && NOW.getTime() - e.at.getTime() < 30 * 24 * 3600_000);
    const escalated = cases.find((c) => c.assigneeId && recent(c));
    expect(escalated).toBeDefined();
    const e = escalated!.timeline.find((t) => t.type === 'escalated')!;
    const expected = escalationNotifications(escalated!, { adminIds: content.station.adminOpenids }, e.id);
    expect(expected.map((n) => n.kind).sort()).toEqual(['case_escalated', 'case_overdue']);
    const { data: notes } = await db.collection('notifications').where({ caseId: escalated!._id }).limit(100).get();
    for (const n of expected) {
      expect(notes).toEqual(expect.arrayContaining([expect.objectContaining({ openid: n.openid, kind: n.kind, title: n.title, body: n.body })]));
    }
  });
});
