import type { StaffCaseView } from '../../types/case';
import { fireLaneReport, ids, joinNeighbours, joinResident, requestId, stationSuite, unwrap } from './station';

const stack = stationSuite(async (stack) => {
  await joinNeighbours(stack, ['o-zhang']);
});

function asStaff(v: unknown): StaffCaseView {
  const view = v as StaffCaseView;
  if (view.viewer !== 'staff') throw new Error('expected the staff view');
  return view;
}

async function newReport(overrides: Parameters<typeof fireLaneReport>[0] = {}) {
  return unwrap(await stack.call('cases.create', fireLaneReport(overrides), 'o-zhang')).case;
}

describe('the officer closes the loop', () => {
  it('accept → internal note → note for the resident → in progress → resolve → resident rates 5/5', async () => {
    const c = await newReport();
    const inbox = unwrap(await stack.call('cases.inbox', {}, ids.officer1));
    expect(inbox.items.find((i) => i.id === c.id)).toMatchObject({ unread: true, reporterLabel: '张阿姨', overdue: false });

    const opened = asStaff(unwrap(await stack.call('cases.get', { caseId: c.id }, ids.officer1)));
    expect(opened).toMatchObject({ status: 'submitted', can: { accept: true, resolve: false }, assignee: { name: '周建军', isMe: true } });
    const after = unwrap(await stack.call('cases.inbox', {}, ids.officer1));
    expect(after.items.find((i) => i.id === c.id)?.unread).toBe(false);

    unwrap(await stack.call('cases.accept', { caseId: c.id }, ids.officer1));
    unwrap(await stack.call('cases.note', { caseId: c.id, text: '车主是 6 号楼的，已电话联系', visibility: 'internal' }, ids.officer1));
    unwrap(await stack.call('cases.note', { caseId: c.id, text: '已联系车主，今天下午挪车', visibility: 'resident' }, ids.officer1));
    unwrap(await stack.call('cases.startProgress', { caseId: c.id }, ids.officer1));
    const resolved = unwrap(await stack.call('cases.resolve', { caseId: c.id, whatWasDone: '车主已挪车，并在通道口设置了禁停标志' }, ids.officer1));
    expect(resolved.case.status).toBe('resolved');
    expect(resolved.case.timeline.map((e) => e.type)).toEqual(['created', 'accepted', 'note', 'note', 'in_progress', 'resolved']);

    const mine = unwrap(await stack.call('cases.listMine', {}, 'o-zhang'));
    expect(mine.items.find((i) => i.id === c.id)).toMatchObject({ status: 'resolved', unread: true });
    const seen = unwrap(await stack.call('cases.get', { caseId: c.id }, 'o-zhang'));
    expect(seen.viewer).toBe('resident');
    // The resident sees who did what and when, and the note meant for them, never the internal one.
    expect(seen.timeline.map((e) => e.type)).toEqual(['created', 'accepted', 'note', 'in_progress', 'resolved']);
    expect(JSON.stringify(seen)).not.toContain('6 号楼');
    expect(seen.timeline[1]).toMatchObject({ actor: { kind: 'staff', name: '周建军（社区民警）' }, toStatus: 'accepted' });
    expect(seen).toMatchObject({ can: { rate: true, reopen: true } });

    const rated = unwrap(await stack.call('cases.rate', { caseId: c.id, satisfaction: 5, safety: 5, comment: '处理得很快，谢谢周警官' }, 'o-zhang'));
    expect(rated.case).toMatchObject({ status: 'closed', rating: { satisfaction: 5, safety: 5, comment: '处理得很快，谢谢周警官' }, can: { rate: false } });
    const twice = await stack.call('cases.rate', { caseId: c.id, satisfaction: 1, safety: 1 }, 'o-zhang');
    expect(twice).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '该案件已评价过了' } });
  });

  it('every state change notifies the resident in the app', async () => {
    const c = await newReport();
    await stack.call('cases.accept', { caseId: c.id }, ids.officer1);
    const list = unwrap(await stack.call('notify.myNotifications', {}, 'o-zhang'));
    expect(list.items[0]).toMatchObject({ kind: 'case_update', caseId: c.id, read: false, title: c.title, body: '已受理' });
  });

  it('"not fixed" reopens a resolved case and puts it back in the officer\'s queue', async () => {
    const c = await newReport();
    await stack.call('cases.accept', { caseId: c.id }, ids.officer1);
    await stack.call('cases.resolve', { caseId: c.id, whatWasDone: '已清理' }, ids.officer1);
    const reopened = unwrap(await stack.call('cases.reopen', { caseId: c.id, reason: '第二天又堵上了' }, 'o-zhang'));
    expect(reopened.case).toMatchObject({ status: 'reopened', can: { rate: false } });
    const view = asStaff(unwrap(await stack.call('cases.get', { caseId: c.id }, ids.officer1)));
    expect(view).toMatchObject({ status: 'reopened', can: { accept: true } });
    expect(view.slaDueAt).not.toBeNull();
  });

  it('rejects with a reason', async () => {
    const c = await newReport();
    const r = asStaff(unwrap(await stack.call('cases.reject', { caseId: c.id, reason: '属于物业管理范围，已转告物业' }, ids.officer1)).case);
    expect(r).toMatchObject({ status: 'rejected', can: { accept: false, resolve: false } });
    const short = await stack.call('cases.reject', { caseId: c.id, reason: '' }, ids.officer1);
    expect(short).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'reason', message: '请填写原因' } });
  });

  it('refuses an action the state does not allow', async () => {
    const c = await newReport();
    const r = await stack.call('cases.resolve', { caseId: c.id, whatWasDone: '已处理' }, ids.officer1);
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '该案件当前不能标记为已解决' } });
  });

  it('a mediation is resolved with its outcome and tier', async () => {
    const { case: m } = unwrap(await stack.call('cases.create', {
      kind: 'mediation', mediationType: 'parking', otherParty: '对门邻居', wants: '按先来后到停车',
      description: '为了楼下的车位天天吵架', clientRequestId: requestId(), location: { buildingId: ids.b1 },
    }, 'o-zhang'));
    await stack.call('cases.accept', { caseId: m.id }, ids.officer1);
    const missing = await stack.call('cases.resolve', { caseId: m.id, whatWasDone: '双方达成协议' }, ids.officer1);
    expect(missing).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'mediation.outcome', message: '请选择调解结果' } });
    const done = unwrap(await stack.call('cases.resolve', {
      caseId: m.id, whatWasDone: '双方达成协议', mediation: { outcome: 'success', tier: 'professional', agreement: '车位轮流使用' },
    }, ids.officer1));
    expect(done.case.detail).toMatchObject({ kind: 'mediation', outcome: 'success', tier: 'professional', agreement: '车位轮流使用' });
  });
});

describe('access rules for staff', () => {
  it('an officer of another community cannot see or act on the case', async () => {
    const c = await newReport();
    const get = await stack.call('cases.get', { caseId: c.id }, ids.officer2);
    expect(get).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const accept = await stack.call('cases.accept', { caseId: c.id }, ids.officer2);
    expect(accept).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '该案件不在您负责的网格内' } });
    const inbox = unwrap(await stack.call('cases.inbox', { filter: 'all' }, ids.officer2));
    expect(inbox.items.map((i) => i.id)).not.toContain(c.id);
    const view = unwrap(await stack.call('cases.get', { caseId: c.id }, 'o-zhang'));
    expect(view.status).toBe('submitted');
  });

  it('the station admin may act on any case of the station', async () => {
    const c = await newReport();
    const view = asStaff(unwrap(await stack.call('cases.get', { caseId: c.id }, ids.admin)));
    expect(view.assignee).toEqual({ name: '周建军', isMe: false });
  });

  it('a transfer moves the case to the other grid\'s officer', async () => {
    const c = await newReport();
    const targets = unwrap(await stack.call('cases.transferTargets', {}, ids.officer1));
    expect(targets.grids.map((g) => g.id)).toEqual([ids.g1, ids.g2, ids.g3]);
    const moved = asStaff(unwrap(await stack.call('cases.transfer', { caseId: c.id, toGridId: ids.g3, reason: '车辆属于欣和园住户' }, ids.officer1)).case);
    expect(moved).toMatchObject({ status: 'submitted', grid: { id: ids.g3 }, assignee: { name: '王卫东', isMe: false } });
    const theirs = unwrap(await stack.call('cases.inbox', {}, ids.officer2));
    expect(theirs.items.map((i) => i.id)).toContain(c.id);
    const gone = await stack.call('cases.get', { caseId: c.id }, ids.officer1);
    expect(gone).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const same = await stack.call('cases.transfer', { caseId: c.id, toGridId: ids.g3, reason: '再转一次' }, ids.officer2);
    expect(same).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'toGridId' } });
    const resident = unwrap(await stack.call('cases.get', { caseId: c.id }, 'o-zhang'));
    expect(resident.timeline.at(-1)).toMatchObject({ type: 'transferred', text: '已转由欣和园第一网格处理' });
    expect(JSON.stringify(resident)).not.toContain('车辆属于欣和园住户');
  });
});

describe('anonymous reports', () => {
  it('never show the reporter to staff, anywhere', async () => {
    await joinResident(stack, 'o-anon', { communityId: ids.c1, buildingId: ids.b1 }, '孙女士');
    const { case: c } = unwrap(await stack.call('cases.create', fireLaneReport({
      anonymous: true, category: 'ebike_indoor_charging', description: '5楼住户每晚把电动车推进家里充电',
    }), 'o-anon'));
    await stack.call('cases.addInfo', { caseId: c.id, text: '今晚又推进去了' }, 'o-anon');
    const inbox = unwrap(await stack.call('cases.inbox', {}, ids.officer1));
    expect(inbox.items.find((i) => i.id === c.id)?.reporterLabel).toBe('匿名');
    const view = asStaff(unwrap(await stack.call('cases.get', { caseId: c.id }, ids.officer1)));
    expect(view.reporter).toEqual({ anonymous: true });
    const accepted = unwrap(await stack.call('cases.accept', { caseId: c.id }, ids.officer1));
    const adminView = unwrap(await stack.call('cases.get', { caseId: c.id }, ids.admin));
    const officerNotes = unwrap(await stack.call('notify.myNotifications', { pageSize: 20 }, ids.officer1));
    for (const json of [inbox, view, accepted, adminView, officerNotes].map((x) => JSON.stringify(x))) {
      expect(json).not.toContain('孙女士');
      expect(json).not.toContain('o-anon');
      expect(json).not.toContain('13812345678');
    }
    expect(view.timeline.filter((e) => e.actor.kind === 'resident').map((e) => e.actor.name)).toEqual(['匿名居民', '匿名居民']);
    // The reporter still sees their own case.
    const own = unwrap(await stack.call('cases.get', { caseId: c.id }, 'o-anon'));
    expect(own).toMatchObject({ isReporter: true, detail: { anonymous: true } });
  });
});

describe('photos under review', () => {
  it('are visible to the reporter and the assigned officer, pending for anyone else', async () => {
    const c = await newReport({ photos: ['cloud://local.x/case-photos/p1.jpg'] });
    const own = unwrap(await stack.call('cases.get', { caseId: c.id }, 'o-zhang'));
    expect(own.photos[0]).toMatchObject({ fileId: 'cloud://local.x/case-photos/p1.jpg', review: 'pending' });
    const officer = unwrap(await stack.call('cases.get', { caseId: c.id }, ids.officer1));
    expect(officer.photos[0]).toMatchObject({ fileId: 'cloud://local.x/case-photos/p1.jpg', review: 'pending' });
    const admin = unwrap(await stack.call('cases.get', { caseId: c.id }, ids.admin));
    expect(admin.photos[0]).toEqual({ fileId: null, url: null, review: 'pending' });
  });
});
