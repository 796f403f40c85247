/**
 * @jest-environment jsdom
 *
 * The built mini-program for an officer (issue 11): home offers 网格住户与走访, and the roster page
 * (pkg-grid) renders his paired household (结对帮扶), the grid's households with tags, masked phones
 * and when the next visit is due; the household form (add / edit, issue 11) renders the grid's buildings,
 * tags and pairing, and sends an edit the contract accepts. Its own file: the app keeps the session in module state.
 */
import { routePath } from '../../types/routes';
import { ensureTaroBuild } from '../../scripts/taro-build';
import { answerFromFixtures, residentFixtures, type ContractAnswerer, type Fixtures } from './support/cloud-fixtures';
import { launchMiniProgram, type MiniProgram, type RenderedComponent } from './support/mini-program';
import { findByText, settle, tap, textOf } from './support/render';
import type { CloudCall } from './support/mini-program';

jest.setTimeout(30_000);

const grid = { id: 'grid-menghe-1', name: '梦和园第一网格', communityId: 'community-menghe', communityName: '梦和园', officerName: '周建军' };
const row = (id: string, over: object) => ({
  id, gridId: grid.id, gridName: grid.name, buildingId: 'building-menghe-3', buildingName: '3号楼', unit: '1单元', room: '202',
  headName: '邢桂珍', callName: '邢奶奶', members: 1, tags: ['独居'], phoneMasked: '138****1001', pairedOfficerName: '周建军', pairedWithMe: true,
  visitIntervalDays: 7, lastVisitAt: '2026-11-23T10:00:00+08:00', nextVisitDue: '2026-11-30T00:00:00+08:00', overdueDays: 1, ...over,
});
const xing = row('household-001', {});
const yang = row('household-002', {
  headName: '杨树林', callName: '杨大爷', room: '101', buildingName: '5号楼', tags: ['残疾'], members: 2, phoneMasked: '138****1002',
  pairedOfficerName: null, pairedWithMe: false, visitIntervalDays: 30, overdueDays: null, nextVisitDue: '2026-12-20T00:00:00+08:00',
});

const officerFixtures: Fixtures = {
  ...residentFixtures,
  'session.whoami': { ...residentFixtures['session.whoami']!, roles: ['officer'], name: '周建军' },
  'notify.badge': { unreadNotifications: 0, myCasesWithNews: 0 },
  'roster.list': { items: [yang, xing], nextCursor: null, grid, grids: [grid], buildings: [{ id: 'building-menghe-3', name: '3号楼' }], paired: [xing] },
  // issue 11: the household form
  'roster.get': { ...xing, note: '独居老人，女儿在外地', communityName: '梦和园', recentVisits: [] },
  'roster.editHousehold': { household: xing, duplicate: false },
  'roster.addHousehold': { household: xing, duplicate: false },
};
const calls: CloudCall[] = [];

let mp: MiniProgram;
let backend: ContractAnswerer;

beforeAll(async () => {
  const dist = await ensureTaroBuild('weapp');
  backend = answerFromFixtures(officerFixtures);
  mp = launchMiniProgram(dist, (call) => {
    calls.push(call);
    return backend.answer(call);
  });
}, 600_000);

afterEach(() => {
  expect(backend.problems).toEqual([]);
});

it('home offers the officer the roster and visits', async () => {
  const home: RenderedComponent = mp.openPage(routePath('home'));
  await settle(home, (text) => text.includes('网格住户与走访'));
  expect(textOf(home)).toContain('结对帮扶、待走访、住户档案');
});

describe('the roster page', () => {
  let roster: RenderedComponent;

  beforeAll(async () => {
    roster = mp.openPage(routePath('gridRoster'));
    await settle(roster, (text) => text.includes('杨大爷') && text.includes('我的结对帮扶'));
  });

  it('shows his paired household first, overdue, with the masked phone', () => {
    const text = textOf(roster);
    for (const part of ['我的结对帮扶', '邢奶奶（邢桂珍）', '结对帮扶', '独居', '138****1001', '走访已超期 1 天']) expect(text).toContain(part);
    expect(text.indexOf('我的结对帮扶')).toBeLessThan(text.indexOf('杨大爷'));
  });

  it('lists the grid with tags, filters and the due list link', () => {
    const text = textOf(roster);
    for (const part of ['梦和园 · 梦和园第一网格', '杨大爷（杨树林）', '残疾', '138****1002', '待走访', '全部楼栋', '重点关注', '查找']) expect(text).toContain(part);
    expect(text).not.toContain('13800001001');
  });
});

describe('the household form (issue 11)', () => {
  // One route opens once per mini-program here: the edit form, which has every field the add form has.
  it('edits a household without ever loading its full number, and sends an edit the contract accepts', async () => {
    const page = mp.openPage(routePath('gridHouseholdEdit'), { id: xing.id });
    await settle(page, (text) => text.includes('现为 138****1001') && text.includes('保存修改') && text.includes('与周建军结对'));
    for (const part of ['楼栋', '3号楼', '单元和门牌号', '户主姓名', '家庭人数', '联系电话', '独居', '困难', '残疾', '重点关注', '添加', '结对帮扶']) {
      expect(textOf(page)).toContain(part);
    }
    expect(textOf(page)).not.toContain('13800001001');
    expect(calls.some((c) => (c.data as { action?: string }).action === 'revealContact')).toBe(false);
    const before = calls.length;
    tap(findByText(page, '保存修改', 'nut-button'));
    await settle(page, () => calls.slice(before).some((c) => (c.data as { action?: string }).action === 'editHousehold'));
    const sent = calls.slice(before).find((c) => (c.data as { action?: string }).action === 'editHousehold')!;
    expect((sent.data as { input: Record<string, unknown> }).input).toMatchObject({ householdId: xing.id, buildingId: 'building-menghe-3', headName: '邢桂珍', tags: ['独居'], paired: true });
    expect((sent.data as { input: Record<string, unknown> }).input).not.toHaveProperty('phone');
  });
});
