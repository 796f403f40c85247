/**
 * @jest-environment jsdom
 *
 * The built mini-program for a 和苑家人 volunteer (issue 11): the patrols page (pkg-volunteer) shows
 * the running patrol and the history, and the patrol page renders a running patrol — the buildings
 * passed, the finding recorded and the 记录发现 / 结束巡逻 actions — from the built weapp.
 * Its own file: the app keeps the session in module state, and each jest file loads the app afresh.
 */
import { routePath } from '../../types/routes';
import type { PatrolView } from '../../types/patrol';
import { residentFixtures, type Fixtures } from './support/cloud-fixtures';
import { fixtureApp } from './support/fixture-app';
import type { RenderedComponent } from './support/mini-program';
import { settle, textOf } from './support/render';

jest.setTimeout(30_000);

const MENGHE = residentFixtures['session.listCommunities']!.communities[0]!;
const started = new Date(Date.now() - 40 * 60_000).toISOString();
const running: PatrolView = {
  id: 'patrol-1',
  communityId: MENGHE.id,
  communityName: MENGHE.name,
  volunteerName: '王秀萍',
  status: 'active',
  startedAt: started,
  endedAt: null,
  routeText: '3号楼',
  buildingCount: 1,
  findingCount: 1,
  plannedBuildings: [{ id: 'building-menghe-3', name: '3号楼' }],
  route: [{ buildingId: 'building-menghe-3', buildingName: '3号楼', at: started }],
  pointCount: 0,
  findings: [{ caseId: 'case-ebike', category: 'ebike_indoor_charging', buildingName: '3号楼', description: '2单元楼梯间有两辆电动车在充电', at: started }],
  endNote: null,
  mine: true,
};
const { plannedBuildings: _p, route: _r, pointCount: _c, findings: _f, endNote: _e, mine: _m, ...summary } = running;

const volunteerFixtures: Fixtures = {
  ...residentFixtures,
  'session.whoami': { ...residentFixtures['session.whoami']!, roles: ['resident', 'volunteer'], name: '王秀萍' },
  'patrols.listMine': {
    active: summary,
    items: [summary, { ...summary, id: 'patrol-0', status: 'ended', endedAt: started, routeText: '小区主干道—各楼门—充电棚—东门', findingCount: 0 }],
    nextCursor: null,
  },
  'patrols.get': { patrol: running },
};

// Every call the pages make must be in the contract, with a valid input and a fixture.
const app = fixtureApp(volunteerFixtures);

describe('the volunteer\'s patrols', () => {
  let page: RenderedComponent;
  beforeAll(async () => {
    page = app().openPage(routePath('patrols'));
    await settle(page, (text) => text.includes('继续巡逻') && text.includes('我的巡逻记录'));
  });

  it('offers to continue the running patrol instead of starting another', () => {
    const text = textOf(page);
    expect(text).toContain(`正在巡逻：${MENGHE.name}`);
    expect(text).not.toContain('开始巡逻 · ');
  });

  it('lists the history with route and findings', () => {
    const text = textOf(page);
    for (const part of ['小区主干道—各楼门—充电棚—东门', '未发现隐患', '发现 1 处隐患', '已结束', '巡逻中']) expect(text).toContain(part);
  });
});

describe('a running patrol', () => {
  let page: RenderedComponent;
  beforeAll(async () => {
    page = app().openPage(routePath('patrol'), { id: 'patrol-1' });
    await settle(page, (text) => text.includes('记录发现') && text.includes('途经楼栋'));
  });

  it('shows the buildings, the finding and the actions', () => {
    const text = textOf(page);
    for (const part of [`${MENGHE.name} · 巡逻中`, '王秀萍', '3号楼', '发现的隐患（1）', '电动车入户充电', '2单元楼梯间有两辆电动车在充电', '查看处理进展', '结束巡逻']) {
      expect(text).toContain(part);
    }
    const get = app().calls.filter((c) => c.name === 'patrols' && (c.data as { action: string }).action === 'get');
    expect(get.map((c) => (c.data as { input: unknown }).input)).toEqual([{ patrolId: 'patrol-1' }]);
  });
});
