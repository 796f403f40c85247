/**
 * The demo station's dashboard comes out as its seed made it: six months of cases by kind, the
 * mediations' ~95% success (mediationClosedAt as local-stack/seed/mediationDocuments.ts sets it),
 * ratings around 4.4 — each recomputed here from the generator's own content.
 */
import { buildSeedContent, DEMO_PEOPLE, seedDemoStationIfEmpty } from '../../local-stack/seed';
import { toDocuments } from '../../local-stack/seed/documents';
import { mediationClosedAt } from '../../local-stack/seed/mediationDocuments';
import { patrolDocuments } from '../../local-stack/seed/patrolDocuments';
import { rosterDocuments } from '../../local-stack/seed/rosterDocuments';
import { surveyDocuments } from '../../local-stack/seed/surveyDocuments';
import { inChina } from '../../backend/platform/time';
import { startTestStack, type TestStack } from '../support/stack';

const NOW = new Date();
const content = buildSeedContent(NOW);
const ADMIN = DEMO_PEOPLE.find((p) => p.name === '赵明远')!.openid;
const ZHOU = DEMO_PEOPLE.find((p) => p.name === '周建军')!.openid;
const range = { from: new Date(NOW.getTime() - 200 * 86_400_000).toISOString(), to: new Date(NOW.getTime() + 60_000).toISOString() };

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
  expect((await seedDemoStationIfEmpty(stack.cloud.env, { now: NOW, timeoutMs: 240_000 })).seeded).toBe(true);
}, 300_000);
afterAll(() => stack?.close());

function ok<T>(res: { ok: true; data: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
  return res.data;
}

const round1 = (v: number) => Math.round(v * 10) / 10;

it('shows the seed’s six months: cases by kind, mediation success, ratings', async () => {
  const d = ok(await stack.call('station.dashboard', range, ADMIN));
  const cases = content.cases;
  expect(d.sections.cases.total).toBe(cases.length);
  for (const { kind, count } of d.sections.cases.byKind) expect(count).toBe(cases.filter((c) => c.kind === kind).length);
  const months = new Set(cases.map((c) => inChina(c.createdAt).format('YYYY-MM')));
  expect(months.size).toBeGreaterThanOrEqual(6);

  const closed = cases.filter((c) => c.kind === 'mediation' && mediationClosedAt(c, c.mediation));
  const success = closed.filter((c) => c.mediation!.outcome === 'success').length;
  expect(d.sections.mediations.overall.closed).toBe(closed.length);
  expect(d.sections.mediations.overall.success).toBe(success);
  expect(d.sections.mediations.overall.successRate).toBeGreaterThanOrEqual(0.9);
  // The same rate as the mediation workbench's stats (the dashboard reuses them).
  expect(ok(await stack.call('mediations.stats', range, ADMIN)).overall).toEqual(d.sections.mediations.overall);

  const rateable = cases.filter((c) => c.status === 'resolved' || c.status === 'closed');
  const rated = rateable.filter((c) => c.rating);
  const mean = rated.reduce((n, c) => n + c.rating!.satisfaction, 0) / rated.length;
  expect(d.sections.ratings).toMatchObject({ rateable: rateable.length, rated: rated.length });
  expect(d.sections.ratings.satisfaction.average).toBe(round1(mean));
  expect(Math.abs(d.sections.ratings.satisfaction.average! - 4.4)).toBeLessThanOrEqual(0.3);
  expect(d.sections.ratings.satisfaction.distribution).toEqual([1, 2, 3, 4, 5].map((s) => rated.filter((c) => c.rating!.satisfaction === s).length));
});

it('shows 周建军 his own grids only', async () => {
  const mine = new Set(content.grids.filter((g) => g.officerOpenid === ZHOU).map((g) => g.id));
  const d = ok(await stack.call('station.dashboard', range, ZHOU));
  expect(d.scope.ownGridsOnly).toBe(true);
  expect(d.sections.cases.total).toBe(content.cases.filter((c) => mine.has(c.gridId)).length);
});

it('exports the station’s mediation register for the six months', async () => {
  const out = ok(await stack.call('station.export', { kind: 'mediations', ...range }, ADMIN));
  expect(out.rows).toBe(content.cases.filter((c) => c.kind === 'mediation').length);
  expect(out.nextCursor).toBeNull();
});

/** issue 12 (d2): the surveys, visits and patrols the seed wrote, recomputed from its generators. */
it('shows the seed’s surveys, visits and patrols', async () => {
  const from = new Date(range.from);
  const to = new Date(range.to);
  const inRange = (d: Date | null) => !!d && d >= from && d < to;
  const d = ok(await stack.call('station.dashboard', range, ADMIN)).sections;
  const docs = toDocuments(content);

  const patrols = patrolDocuments(content, docs.cases).filter((p) => inRange(p.startedAt));
  expect(d.patrols.patrols).toBe(patrols.length);
  expect(d.patrols.patrols).toBeGreaterThan(0);
  expect(d.patrols.findings).toBe(patrols.reduce((n, p) => n + p.findingCount, 0));

  const roster = rosterDocuments(content);
  const callTime = new Date();
  expect(d.visits.done).toBe(roster.visits.filter((v) => inRange(v.at)).length);
  expect(d.visits.done).toBeGreaterThan(0);
  expect(d.visits.dueMet).toBe(roster.visits.filter((v) => inRange(v.dueAt)).length);
  const open = roster.households.filter((h) => h.nextVisitDue && h.nextVisitDue >= from && h.nextVisitDue < callTime).length;
  expect(d.visits.due).toBe(d.visits.dueMet + open);

  const seeded = surveyDocuments(docs, NOW);
  const months = new Set(d.surveys.months);
  const held = seeded.surveys.filter((s) => s.status !== 'draft' && months.has(s.month));
  const members = (communityId: string) => docs.users.filter((u) => u.communityId === communityId && u.memberVerified === true).length;
  const answers = held.reduce((n, s) => n + s.answerCount, 0);
  expect(d.surveys.answers).toBe(answers);
  expect(d.surveys.answerRate.denominator).toBe(held.reduce((n, s) => n + members(s.communityId), 0));
  // Each month's satisfaction is the mean of that month's satisfaction ratings.
  const last = d.surveys.trend.filter((t) => t.answers > 0).at(-1)!;
  const ratings = seeded.surveyAnswers.filter((a) => a.month === last.month).flatMap((a) => a.items.filter((i) => i.topic === 'satisfaction' && i.rating).map((i) => i.rating!));
  expect(last.satisfaction).toBe(round1(ratings.reduce((n, r) => n + r, 0) / ratings.length));
});
