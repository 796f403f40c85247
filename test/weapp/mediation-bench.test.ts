/**
 * @jest-environment jsdom
 *
 * The built mini-program for a judicial mediator (issue 9): home offers her the mediation workbench
 * without asking her to join a community or for an invite code, and the workbench (pkg-mediation)
 * renders her mediations by tier and stage, this week's session, the follow-up due and her own stats.
 * Its own file: the app keeps the session in module state, and each jest file loads the app afresh.
 */
import { routePath } from '../../types/routes';
import { residentFixtures, type Fixtures } from './support/cloud-fixtures';
import { fixtureApp } from './support/fixture-app';
import type { RenderedComponent } from './support/mini-program';
import { settle, textOf } from './support/render';

jest.setTimeout(30_000);

const now = new Date().toISOString();
const bucket = { closed: 0, success: 0, failed: 0, referred: 0, successRate: null, medianDaysToClose: null };

const judicialFixtures: Fixtures = {
  ...residentFixtures,
  'session.whoami': {
    ...residentFixtures['session.whoami']!,
    roles: ['judicial_mediator'],
    name: '王志华',
    community: null,
    building: null,
    unit: null,
    grid: null,
    officer: null,
  },
  'notify.badge': { unreadNotifications: 0, myCasesWithNews: 0 },
  'mediations.listMine': {
    items: [
      {
        caseId: 'case-parking',
        kind: 'mediation',
        title: '车位纠纷调解',
        status: 'in_progress',
        tier: 'professional',
        stage: 'active',
        partiesLabel: '刘** / 钱**',
        daysLeft: 5,
        // Now is always within this week: the session shows under 本周调解.
        nextSessionAt: now,
        followUpDueAt: null,
        createdAt: '2026-11-20T09:00:00+08:00',
      },
      {
        caseId: 'case-family',
        kind: 'mediation',
        title: '家庭纠纷调解',
        status: 'resolved',
        tier: 'joint_office',
        stage: 'follow_up_due',
        partiesLabel: '许** / 哥**',
        daysLeft: null,
        nextSessionAt: null,
        followUpDueAt: '2026-11-28T09:00:00+08:00',
        createdAt: '2026-10-20T09:00:00+08:00',
      },
    ],
    nextCursor: null,
  },
  'mediations.stats': {
    from: '2026-06-01T00:00:00+08:00',
    to: '2026-12-01T00:00:00+08:00',
    ownOnly: false,
    overall: { closed: 48, success: 46, failed: 1, referred: 1, successRate: 46 / 48, medianDaysToClose: 6 },
    byTier: [],
    byMediator: [
      { name: '王志华', isMe: true, closed: 24, success: 22, failed: 1, referred: 1, successRate: 22 / 24, medianDaysToClose: 5.5 },
      { name: '陈玉梅', isMe: false, ...bucket },
    ],
    byCommunity: [],
  },
};

// Every call the pages make must be in the contract, with a valid input and a fixture.
const app = fixtureApp(judicialFixtures);

describe('home for a judicial mediator', () => {
  let home: RenderedComponent;

  beforeAll(async () => {
    home = app().openPage(routePath('home'));
    await settle(home, (text) => text.includes('王志华，您好'));
  });

  it('offers the mediation workbench and greets her by her role', () => {
    const text = textOf(home);
    expect(text).toContain('调解工作台');
    expect(text).toContain('专职人民调解员');
  });

  it('neither asks her to choose a community nor offers the invite code', () => {
    const text = textOf(home);
    expect(text).not.toContain('先选择您住的社区');
    expect(text).not.toContain('工作人员入口');
    // The case inbox is for officers and admins.
    expect(text).not.toContain('民警工作台');
  });
});

describe('the mediation workbench', () => {
  let bench: RenderedComponent;

  beforeAll(async () => {
    bench = app().openPage(routePath('mediationBench'));
    await settle(bench, (text) => text.includes('车位纠纷调解') && text.includes('近6个月调解成效'));
  });

  it('lists her mediations with tier, stage, parties and days left', () => {
    const text = textOf(bench);
    for (const part of ['专业助调', '调解中', '刘** / 钱**', '距调解期限还有 5 天', '公调对接', '待回访', '家庭纠纷调解']) expect(text).toContain(part);
  });

  it("shows this week's session and the follow-up due", () => {
    const text = textOf(bench);
    expect(text).toContain('本周调解 1 场');
    expect(text).toContain('待回访 1 件');
  });

  it('shows her own success rate beside the station', () => {
    const text = textOf(bench);
    expect(text).toContain('24 件');
    expect(text).toContain('91.7%');
    expect(text).toContain('全所调结 48 件 · 成功率 95.8%');
  });

  it('asked for her mediations and stats through wx.cloud.callFunction', () => {
    const actions = app().calls.map((c) => `${c.name}.${(c.data as { action: string }).action}`);
    expect(actions).toContain('mediations.listMine');
    expect(actions).toContain('mediations.stats');
  });
});
