/**
 * The seeded demo station as the real cloud functions see it (strict local cloud with the declared
 * indexes, built function bundles): the demo people's home pages, "my cases", the officers' inboxes,
 * notices, and state changes on seeded cases all work.
 */
import { buildSeedContent, DEMO_PEOPLE, seedDemoStationIfEmpty } from '../../local-stack/seed';
import { inChina } from '../../backend/platform/time';
import { startTestStack, type TestStack } from '../support/stack';

const NOW = new Date();
const content = buildSeedContent(NOW);
const openidOf = (name: string): string => {
  const person = DEMO_PEOPLE.find((p) => p.name === name);
  if (!person) throw new Error(`no demo person ${name}`);
  return person.openid;
};
const LIU = openidOf('刘玉芬');
const ZHOU = openidOf('周建军');
const ADMIN = openidOf('赵明远');
const WANG_ZHIHUA = openidOf('王志华');
const CHEN_YUMEI = openidOf('陈玉梅');

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
  const outcome = await seedDemoStationIfEmpty(stack.cloud.env, { now: NOW });
  expect(outcome.seeded).toBe(true);
});

afterAll(() => stack?.close());

function ok<T>(res: { ok: true; data: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
  return res.data;
}

describe('the seeded station through the cloud functions', () => {
  it('shows the 梦和园 resident her community, officer 周建军 and no privacy step', async () => {
    const me = ok(await stack.call('session.whoami', {}, LIU));
    expect(me.community?.name).toBe('梦和园');
    expect(me.officer?.name).toBe('周建军');
    expect(me.officer?.isStationFallback).toBe(false);
    expect(me.privacyConsented).toBe(true);
    expect(me.roles).toContain('resident');
  });

  it('answers for the grid without an officer with the station', async () => {
    const orphan = content.grids.find((g) => g.officerOpenid === null);
    const resident = content.people.find((p) => p.gridId === orphan?.id && p.roles.length === 1 && p.roles[0] === 'resident');
    const me = ok(await stack.call('session.whoami', {}, resident?.openid));
    expect(me.officer?.isStationFallback).toBe(true);
  });

  it('lists the resident’s cases and opens each one', async () => {
    const page = ok(await stack.call('cases.listMine', { pageSize: 20 }, LIU));
    expect(page.items.length).toBeGreaterThanOrEqual(5);
    expect(new Set(page.items.map((c) => c.kind))).toEqual(new Set(['report', 'help', 'mediation']));
    for (const item of page.items) {
      const view = ok(await stack.call('cases.get', { caseId: item.id }, LIU));
      expect(view.viewer).toBe('resident');
      expect(view.timeline.length).toBeGreaterThan(0);
    }
  });

  it('fills 周建军’s inbox and the admin’s, with overdue work for the admin', async () => {
    const zhou = ok(await stack.call('cases.inbox', { filter: 'open' }, ZHOU));
    expect(zhou.items.length + zhou.overdue.length).toBeGreaterThan(0);
    const all = ok(await stack.call('cases.inbox', { filter: 'all', pageSize: 20 }, ZHOU));
    // A full page of 20 cases; the overdue among them show in their own section only (issue 11).
    expect(all.items.length).toBeGreaterThan(10);
    expect(all.items.length).toBeLessThanOrEqual(20);
    expect(all.nextCursor).not.toBeNull();
    const admin = ok(await stack.call('cases.inbox', { filter: 'open' }, ADMIN));
    expect(admin.items.length + admin.overdue.length).toBeGreaterThan(0);
    const firstCase = all.items[0];
    const staffView = ok(await stack.call('cases.get', { caseId: firstCase?.id ?? '', as: 'staff' }, ZHOU));
    expect(staffView.viewer).toBe('staff');
  });

  it('shows the officer the photos of his grid’s reports', async () => {
    const all = ok(await stack.call('cases.inbox', { filter: 'all', pageSize: 20 }, ZHOU));
    const views = await Promise.all(all.items.map(async (item) => ok(await stack.call('cases.get', { caseId: item.id, as: 'staff' }, ZHOU))));
    const photos = views.flatMap((v) => v.photos);
    expect(photos.length).toBeGreaterThan(0);
    for (const photo of photos) expect(photo.url).toMatch(/^http/);
  });

  it('shows notices to residents', async () => {
    const notices = ok(await stack.call('notices.latest', { limit: 5 }, LIU));
    expect(notices.items.length).toBe(5);
    expect(notices.items.map((n) => n.category)).toContain('anti_fraud');
  });

  it('runs the scheduler over the seeded cases without re-escalating the history', async () => {
    const tick = (await stack.fireTrigger('scheduler')) as { ok: boolean; data?: { escalated: number } };
    expect(tick.ok).toBe(true);
    // Everything overdue was escalated when it happened; only what fell due since seeding may be new.
    expect(tick.data?.escalated ?? 0).toBeLessThanOrEqual(1);
  });

  it('lets the resident rate her resolved case and the officer accept a new one', async () => {
    const page = ok(await stack.call('cases.listMine', { pageSize: 20 }, LIU));
    const resolved = page.items.find((c) => c.status === 'resolved');
    const rated = ok(await stack.call('cases.rate', { caseId: resolved?.id ?? '', satisfaction: 5, safety: 5, comment: '清理得很干净' }, LIU));
    expect(rated.case.status).toBe('closed');

    const inbox = ok(await stack.call('cases.inbox', { filter: 'open', pageSize: 20 }, ZHOU));
    const waiting = [...inbox.overdue, ...inbox.items].find((c) => c.status === 'submitted');
    const accepted = ok(await stack.call('cases.accept', { caseId: waiting?.id ?? '' }, ZHOU));
    expect(accepted.case.status).toBe('accepted');
  });

  it('gives the demo station’s six months of mediations the seed’s success rate (about 95%) through mediations.stats', async () => {
    const period = { from: new Date(NOW.getTime() - 200 * 86_400_000).toISOString(), to: new Date(NOW.getTime() + 60_000).toISOString() };
    const stats = ok(await stack.call('mediations.stats', period, ADMIN));
    // The same count by hand from the seed content: decided mediations that are resolved or closed.
    const decided = content.cases.filter((c) => c.kind === 'mediation' && c.mediation?.outcome && c.resolvedAt && (c.status === 'resolved' || c.status === 'closed'));
    const success = decided.filter((c) => c.mediation?.outcome === 'success').length;
    expect(stats.overall.closed).toBe(decided.length);
    expect(stats.overall.success).toBe(success);
    expect(stats.overall.successRate!).toBeGreaterThanOrEqual(0.93);
    expect(stats.overall.successRate!).toBeLessThanOrEqual(0.97);
    expect(stats.byTier.map((t) => t.tier).sort()).toEqual(['joint_office', 'police_community', 'professional']);
    expect(stats.byMediator.some((m) => m.name === '王志华')).toBe(true);
    expect(ok(await stack.call('mediations.stats', period, WANG_ZHIHUA)).ownOnly).toBe(false);
    expect(ok(await stack.call('mediations.stats', period, CHEN_YUMEI)).ownOnly).toBe(true);
  });

  it('gives the demo mediators their workbench: 王志华 and 陈玉梅 list and open their mediations', async () => {
    for (const who of [WANG_ZHIHUA, CHEN_YUMEI]) {
      const mine = ok(await stack.call('mediations.listMine', { filter: 'all', pageSize: 20 }, who));
      expect(mine.items.length).toBeGreaterThan(0);
      const view = ok(await stack.call('mediations.get', { caseId: mine.items[0]!.caseId }, who));
      expect(['mediator', 'judicial_mediator']).toContain(view.mediation.viewerRole);
    }
  });

  // issue 11: roster and visits
  it('gives 周建军 his roster: 邢奶奶 paired with him and due, 马丽娜 her community\'s grids, the admin the station', async () => {
    const roster = ok(await stack.call('roster.list', { pageSize: 20 }, ZHOU));
    expect(roster.paired.map((h) => h.callName)).toEqual(['邢奶奶']);
    expect(roster.items.length).toBe(20);
    expect(roster.nextCursor).not.toBeNull();
    const due = ok(await stack.call('roster.due', { pageSize: 20, gridId: roster.paired[0]!.gridId }, ZHOU));
    expect(due.items.map((h) => h.callName)).toContain('邢奶奶');
    const record = ok(await stack.call('roster.get', { householdId: roster.paired[0]!.id }, ZHOU));
    expect(record.recentVisits.length).toBe(10);
    expect(record.note).toContain('周警官');
    const alone = ok(await stack.call('roster.list', { tag: '独居', pageSize: 20 }, ZHOU));
    expect(alone.items.length).toBeGreaterThan(0);
    expect(alone.items.every((h) => h.tags.includes('独居'))).toBe(true);
    const malina = ok(await stack.call('roster.list', {}, openidOf('马丽娜')));
    expect(malina.grids.map((g) => g.communityName)).toEqual(['梦和园', '梦和园']);
    expect(ok(await stack.call('roster.list', {}, ADMIN)).grids.length).toBe(content.grids.length);
    // Last month (China time): a whole month of the seed's visits, whatever day the suite runs on
    // (20 days back, as this was, is this month from the 21st on).
    const month = inChina(NOW).startOf('month').subtract(1, 'month').format('YYYY-MM');
    const stats = ok(await stack.call('roster.visitStats', { month }, ADMIN));
    expect(stats.grids.reduce((n, g) => n + g.done, 0)).toBeGreaterThan(50);
  });
});
