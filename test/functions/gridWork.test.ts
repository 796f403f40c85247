/**
 * issue 11: the grid worker's cases (their grid, helpers), notes internal by default, pressing an
 * overdue case, and an inbox that shows each case once with the viewer's overdue count, in deadline
 * order. Every action is tried from the wrong roles; another station's cases are in the matrix.
 */
import type { StaffCaseView } from '../../types/case';
import { startTestStack, type TestStack } from '../support/stack';
import { arrangeGridWorkers, grid, makeOverdue } from './gridStation';
import { arrangeStation, fireLaneReport, ids, joinResident, requestId, unwrap } from './station';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
  await arrangeStation(stack);
  await arrangeGridWorkers();
  await joinResident(stack, 'o-zhang', { communityId: ids.c1, buildingId: ids.b1, unit: '1单元' }, '张阿姨');
  await joinResident(stack, 'o-xin', { communityId: ids.c2, buildingId: ids.b3 }, '欣和园居民');
}, 120_000);
afterAll(() => stack?.close());

const report = async (overrides: Parameters<typeof fireLaneReport>[0] = {}, who = 'o-zhang') =>
  unwrap(await stack.call('cases.create', fireLaneReport(overrides), who)).case.id;

function staffOf(v: unknown): StaffCaseView {
  const view = v as StaffCaseView;
  if (view.viewer !== 'staff') throw new Error('expected the staff view');
  return view;
}

const notes = async (openid: string) => unwrap(await stack.call('notify.myNotifications', { pageSize: 20 }, openid)).items;
const refusedByRule = { ok: false, error: { code: 'FORBIDDEN', message: '您没有进行此操作的权限' } };

describe('the grid worker', () => {
  it('sees the cases of their grid, never an anonymous reporter, and not another grid\'s', async () => {
    const named = await report();
    const anonymous = await report({ anonymous: true, description: '楼道里有人堆了很多纸箱，挡住了消防通道' });
    const elsewhere = await report({ location: { buildingId: ids.b3, unit: '1单元' } }, 'o-xin');

    const inbox = unwrap(await stack.call('cases.inbox', { filter: 'all', pageSize: 20 }, grid.worker));
    expect(inbox.scope).toBe('grid');
    const ids_ = inbox.items.map((i) => i.id);
    expect(ids_).toEqual(expect.arrayContaining([named, anonymous]));
    expect(ids_).not.toContain(elsewhere);
    expect(inbox.items.find((i) => i.id === anonymous)?.reporterLabel).toBe('匿名');
    // Unread marks are the assignee's: the grid worker's list has none.
    expect(inbox.items.every((i) => !i.unread)).toBe(true);

    const view = staffOf(unwrap(await stack.call('cases.get', { caseId: anonymous }, grid.worker)));
    expect(view.reporter).toEqual({ anonymous: true });
    expect(JSON.stringify(view)).not.toContain('张阿姨');
    expect(view.can).toEqual({ accept: false, note: true, startProgress: false, resolve: false, reject: false, transfer: false });
    expect(view.work).toMatchObject({ manageHelpers: false, press: false });

    expect(await stack.call('cases.get', { caseId: elsewhere }, grid.worker)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await stack.call('cases.note', { caseId: elsewhere, text: '看一下' }, grid.worker)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('notes internally by default; the officer is told, the resident sees nothing', async () => {
    const c = await report();
    const noted = unwrap(await stack.call('cases.note', { caseId: c, text: '上门看过，车主是 6 号楼租户' }, grid.worker));
    expect(noted.case.timeline.at(-1)).toMatchObject({ type: 'note', visibility: 'internal', actor: { name: '马丽娜（网格员）' } });
    const resident = unwrap(await stack.call('cases.get', { caseId: c }, 'o-zhang'));
    expect(JSON.stringify(resident)).not.toContain('6 号楼租户');
    expect((await notes(ids.officer1)).find((n) => n.caseId === c && n.body.includes('马丽娜添加了备注'))).toBeDefined();
  });

  it('acts on nothing: accept, resolve, helpers and pressing are refused by the rule', async () => {
    const c = await report();
    for (const [name, input] of [
      ['cases.accept', { caseId: c }],
      ['cases.resolve', { caseId: c, whatWasDone: '已处理' }],
      ['cases.transfer', { caseId: c, toGridId: ids.g3, reason: '不是本网格' }],
      ['cases.addHelper', { caseId: c, helperId: grid.worker }],
      ['cases.helperOptions', { caseId: c }],
      ['cases.press', { caseId: c }],
    ] as const) {
      expect(await stack.call(name, input as never, grid.worker)).toMatchObject(refusedByRule);
    }
  });
});

describe('helpers (协办)', () => {
  it('the officer adds a grid worker of another grid: they read the case and are told; removing them ends it', async () => {
    const c = await report();
    expect(await stack.call('cases.get', { caseId: c }, grid.otherWorker)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const options = unwrap(await stack.call('cases.helperOptions', { caseId: c }, ids.officer1));
    expect(options.workers).toEqual([{ id: grid.worker, name: '马丽娜', isHelper: false }]);

    const added = unwrap(await stack.call('cases.addHelper', { caseId: c, helperId: grid.otherWorker }, ids.officer1));
    expect(added.case.work.helpers).toEqual([{ id: grid.otherWorker, name: '孙红' }]);
    expect(added.case.timeline.at(-1)).toMatchObject({ type: 'helper_added', visibility: 'internal', text: '孙红协办' });
    // Twice is once.
    const again = unwrap(await stack.call('cases.addHelper', { caseId: c, helperId: grid.otherWorker }, ids.officer1));
    expect(again.case.timeline.filter((e) => e.type === 'helper_added')).toHaveLength(1);
    expect((await notes(grid.otherWorker)).filter((n) => n.caseId === c && n.kind === 'case_helper')).toHaveLength(1);

    expect(staffOf(unwrap(await stack.call('cases.get', { caseId: c }, grid.otherWorker))).can.note).toBe(true);
    const resident = unwrap(await stack.call('cases.get', { caseId: c }, 'o-zhang'));
    expect(JSON.stringify(resident)).not.toContain('孙红');

    const removed = unwrap(await stack.call('cases.removeHelper', { caseId: c, helperId: grid.otherWorker }, ids.officer1));
    expect(removed.case.work.helpers).toEqual([]);
    expect(await stack.call('cases.get', { caseId: c }, grid.otherWorker)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('only a grid worker of the station can help; other officers and residents cannot add anyone', async () => {
    const c = await report();
    expect(await stack.call('cases.addHelper', { caseId: c, helperId: ids.officer2 }, ids.officer1)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await stack.call('cases.addHelper', { caseId: c, helperId: 'o-nobody-here' }, ids.officer1)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await stack.call('cases.addHelper', { caseId: c, helperId: grid.worker }, ids.officer2)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await stack.call('cases.removeHelper', { caseId: c, helperId: grid.worker }, ids.officer2)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await stack.call('cases.addHelper', { caseId: c, helperId: grid.worker }, 'o-zhang')).toMatchObject(refusedByRule);
    expect(await stack.call('cases.helperOptions', { caseId: c }, 'o-zhang')).toMatchObject(refusedByRule);
    // The admin may.
    unwrap(await stack.call('cases.addHelper', { caseId: c, helperId: grid.worker }, ids.admin));
  });
});

describe('pressing an overdue case (督办)', () => {
  it('the admin presses the officer once a day: an internal entry and one notification', async () => {
    const c = await report();
    expect(await stack.call('cases.press', { caseId: c }, ids.admin)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await makeOverdue(stack, c);
    const view = staffOf(unwrap(await stack.call('cases.get', { caseId: c }, ids.admin)));
    expect(view.work).toMatchObject({ press: true, pressedToday: false });

    const pressed = unwrap(await stack.call('cases.press', { caseId: c, text: '老人等着回复' }, ids.admin));
    expect(pressed.alreadyPressed).toBe(false);
    expect(pressed.case.work.pressedToday).toBe(true);
    expect(pressed.case.timeline.at(-1)).toMatchObject({ type: 'pressed', visibility: 'internal', text: '督办：老人等着回复' });
    const twice = unwrap(await stack.call('cases.press', { caseId: c }, ids.admin));
    expect(twice.alreadyPressed).toBe(true);
    expect(twice.case.timeline.filter((e) => e.type === 'pressed')).toHaveLength(1);

    const officer = (await notes(ids.officer1)).filter((n) => n.caseId === c && n.kind === 'case_pressed');
    expect(officer).toHaveLength(1);
    expect(officer[0]!.body).toContain('老人等着回复');
    const row = unwrap(await stack.call('cases.inbox', {}, ids.officer1)).overdue.find((i) => i.id === c);
    expect(row).toMatchObject({ pressed: true, unread: true });
    const resident = unwrap(await stack.call('cases.get', { caseId: c }, 'o-zhang'));
    expect(JSON.stringify(resident)).not.toContain('督办');
  });

  it('only the admin presses, and not their own case', async () => {
    const c = await report();
    await makeOverdue(stack, c);
    for (const who of [ids.officer1, ids.officer2, grid.worker, 'o-zhang']) {
      expect(await stack.call('cases.press', { caseId: c }, who)).toMatchObject(refusedByRule);
    }
    const own = await report({ location: { buildingId: ids.b2, unit: '1单元' } });
    await makeOverdue(stack, own);
    expect(await stack.call('cases.press', { caseId: own }, ids.admin)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});

describe('an inbox that is right', () => {
  it('shows an overdue case once, also across pages, and counts what the viewer sees', async () => {
    const late = await report();
    await makeOverdue(stack, late, 120);
    const lateOfAdmin = await report({ location: { buildingId: ids.b2, unit: '1单元' } });
    await makeOverdue(stack, lateOfAdmin, 90);
    // The scheduler escalates the officer's late case to the admin.
    unwrap(await stack.call('scheduler.tick', {}, ids.admin));

    const seen = async (openid: string) => {
      const first = unwrap(await stack.call('cases.inbox', { pageSize: 3 }, openid));
      const all = [...first.overdue, ...first.items].map((i) => i.id);
      let cursor = first.nextCursor;
      while (cursor) {
        const next = unwrap(await stack.call('cases.inbox', { pageSize: 3, cursor }, openid));
        expect(next.overdue).toEqual([]);
        all.push(...next.items.map((i) => i.id));
        cursor = next.nextCursor;
      }
      return { first, all };
    };
    const officer = await seen(ids.officer1);
    expect(new Set(officer.all).size).toBe(officer.all.length);
    expect(officer.first.overdue.map((i) => i.id)).toContain(late);
    expect(officer.first.overdueCount).toBe(officer.first.overdue.length);

    const admin = await seen(ids.admin);
    expect(new Set(admin.all).size).toBe(admin.all.length);
    expect(admin.first.scope).toBe('station');
    // The admin's own late case and the officer's escalated one are both counted and both shown.
    expect(admin.first.overdue.map((i) => i.id)).toEqual(expect.arrayContaining([late, lateOfAdmin]));
    expect(admin.first.overdueCount).toBe(admin.first.overdue.length);
  });

  it('待办 is in deadline order: an urgent help request first, then the nearest deadline', async () => {
    const older = await report();
    const urgent = unwrap(await stack.call('cases.create', {
      kind: 'help', helpType: 'elderly_care', urgency: 'urgent', callbackAllowed: true, description: '独居老人摔倒了，需要有人去看看',
      clientRequestId: requestId(), location: { buildingId: ids.b1, unit: '1单元' },
    }, 'o-zhang')).case.id;
    const newer = await report();
    const inbox = unwrap(await stack.call('cases.inbox', { pageSize: 20 }, ids.officer1));
    const order = inbox.items.map((i) => i.id);
    expect(order.indexOf(urgent)).toBeLessThan(order.indexOf(older));
    expect(order.indexOf(older)).toBeLessThan(order.indexOf(newer));
    const accepted = await report();
    unwrap(await stack.call('cases.accept', { caseId: accepted }, ids.officer1));
    const after = unwrap(await stack.call('cases.inbox', { pageSize: 20 }, ids.officer1)).items.map((i) => i.id);
    // Accepted work comes after everything still waiting to be accepted.
    expect(after.indexOf(accepted)).toBeGreaterThan(after.indexOf(newer));
  });

  it('an officer\'s note is internal unless they choose to show it', async () => {
    const c = await report();
    unwrap(await stack.call('cases.note', { caseId: c, text: '车主电话 139 已记下' }, ids.officer1));
    unwrap(await stack.call('cases.note', { caseId: c, text: '明天上午处理', visibility: 'resident' }, ids.officer1));
    const resident = JSON.stringify(unwrap(await stack.call('cases.get', { caseId: c }, 'o-zhang')));
    expect(resident).not.toContain('车主电话');
    expect(resident).toContain('明天上午处理');
  });

  it('the transfer targets name the receiving officer, or none when the station takes the case', async () => {
    const targets = unwrap(await stack.call('cases.transferTargets', {}, ids.officer1)).grids;
    expect(targets.find((g) => g.id === ids.g3)?.officerName).toBe('王卫东');
    expect(targets.find((g) => g.id === ids.g2)?.officerName).toBeNull();
  });
});
