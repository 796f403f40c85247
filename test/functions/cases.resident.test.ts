import { PRIVACY_VERSION } from '../../types/privacy';
import { dataOf, fireLaneReport, ids, joinNeighbours, joinResident, requestId, stationSuite, unwrap } from './station';

const stack = stationSuite(async (stack) => {
  await joinNeighbours(stack);
});

async function myCaseCount(openid: string): Promise<number> {
  return unwrap(await stack.call('cases.listMine', { pageSize: 20 }, openid)).items.length;
}

describe('cases.create', () => {
  it('files a report, routes it to the grid officer and opens its timeline', async () => {
    const { case: c, duplicate } = unwrap(await stack.call('cases.create', fireLaneReport(), 'o-zhang'));
    expect(duplicate).toBe(false);
    expect(c).toMatchObject({
      viewer: 'resident', kind: 'report', status: 'submitted', title: '消防通道堵塞 · 3号楼', isReporter: true,
      handler: { name: '周建军', title: '社区民警' },
      location: { communityName: '夢和园', buildingName: '3号楼', unit: '1单元' },
      can: { addInfo: true, withdraw: true, reopen: false, rate: false },
    });
    expect(c.timeline).toEqual([expect.objectContaining({ type: 'created', toStatus: 'submitted', actor: { kind: 'resident', name: '张阿姨' } })]);
    const inbox = unwrap(await stack.call('cases.inbox', {}, ids.officer1));
    expect(inbox.items.map((i) => i.id)).toContain(c.id);
  });

  it('asks for help with urgency and a call-back number; urgent help must be accepted within 30 minutes', async () => {
    const { case: c } = unwrap(await stack.call('cases.create', {
      kind: 'help', helpType: 'elderly_care', urgency: 'urgent', callbackAllowed: true, phone: '13900001111',
      description: '独居的母亲在家摔倒了，需要有人上门看看', clientRequestId: requestId(), location: { buildingId: ids.b1, unit: '2单元' },
    }, 'o-li'));
    expect(c).toMatchObject({ kind: 'help', detail: { kind: 'help', urgency: 'urgent', callbackAllowed: true }, title: '独居老人照护求助 · 3号楼' });
    const staff = unwrap(await stack.call('cases.get', { caseId: c.id }, ids.officer1));
    if (staff.viewer !== 'staff') throw new Error('expected staff view');
    expect(staff.reporter).toEqual({ anonymous: false, name: '李师傅', phone: '13900001111' });
    const minutes = (Date.parse(staff.slaDueAt!) - Date.parse(c.createdAt)) / 60_000;
    expect(minutes).toBe(30);
  });

  it('asks for mediation, which starts in the first tier (警民联调)', async () => {
    const { case: c } = unwrap(await stack.call('cases.create', {
      kind: 'mediation', mediationType: 'neighbor', otherParty: '楼上 502 住户', wants: '晚上十点后不要再装修',
      description: '楼上每天晚上装修到十一点，沟通过两次没有改善', clientRequestId: requestId(), location: { buildingId: ids.b1 },
    }, 'o-zhang'));
    expect(c.detail).toEqual({
      kind: 'mediation', mediationType: 'neighbor', otherParty: '楼上 502 住户', wants: '晚上十点后不要再装修',
      tier: 'police_community', outcome: null, agreement: null,
    });
  });

  it('sends a case from a grid without an officer to the station admin', async () => {
    const { case: c } = unwrap(await stack.call('cases.create', fireLaneReport({ location: { buildingId: ids.b2 } }), 'o-zhang'));
    expect(c.handler).toEqual({ name: '和苑派出所', title: '派出所' });
    const adminInbox = unwrap(await stack.call('cases.inbox', {}, ids.admin));
    expect(adminInbox.items.map((i) => i.id)).toContain(c.id);
  });

  it('routes a case placed only on the map to the community\'s default grid', async () => {
    const { case: c } = unwrap(await stack.call('cases.create', fireLaneReport({
      category: 'illegal_parking', location: { point: { latitude: 39.12, longitude: 117.2, address: '夢和园南门' } },
    }), 'o-zhang'));
    expect(c).toMatchObject({ title: '车辆乱停 · 地图位置', handler: { name: '周建军' }, location: { buildingId: null, point: { address: '夢和园南门' } } });
  });

  it('gives a retry with the same request id the same case', async () => {
    const input = fireLaneReport({ category: 'noise', description: '楼下棋牌室每晚吵闹到凌晨' });
    const first = unwrap(await stack.call('cases.create', input, 'o-li'));
    const again = unwrap(await stack.call('cases.create', input, 'o-li'));
    expect(again).toMatchObject({ duplicate: true, case: { id: first.case.id } });
  });

  it('a retry repairs a first attempt that stopped before recording the follow', async () => {
    await joinResident(stack, 'o-crash', { communityId: ids.c1, buildingId: ids.b1 });
    const input = fireLaneReport();
    const { case: c } = unwrap(await stack.call('cases.create', input, 'o-crash'));
    await stack.database().collection('caseFollows').where({ caseId: c.id }).remove();
    expect(await myCaseCount('o-crash')).toBe(0);
    expect(unwrap(await stack.call('cases.create', input, 'o-crash')).duplicate).toBe(true);
    expect(await myCaseCount('o-crash')).toBe(1);
  });

  it('gives 20 concurrent retries one case, one follow, one message to the officer', async () => {
    await joinResident(stack, 'o-retry', { communityId: ids.c1, buildingId: ids.b1 }, '赵先生');
    const input = fireLaneReport({ category: 'shaft_clutter', description: '2单元管道井里堆满了纸箱和旧家具' });
    const before = (await stack.outbox({ touser: ids.officer1 })).length;
    const results = await Promise.all(Array.from({ length: 20 }, () => stack.call('cases.create', input, 'o-retry')));
    const caseIds = new Set(results.map((r) => unwrap(r).case.id));
    expect(caseIds.size).toBe(1);
    expect(results.filter((r) => r.ok && !r.data.duplicate)).toHaveLength(1);
    expect(await myCaseCount('o-retry')).toBe(1);
    expect((await stack.outbox({ touser: ids.officer1 })).length).toBe(before + 1);
  });

  it('a different request id is a different case', async () => {
    await joinResident(stack, 'o-two', { communityId: ids.c1, buildingId: ids.b1 });
    await stack.call('cases.create', fireLaneReport(), 'o-two');
    await stack.call('cases.create', fireLaneReport(), 'o-two');
    expect(await myCaseCount('o-two')).toBe(2);
  });

  describe('refuses bad input with a Chinese message naming the field, and creates nothing', () => {
    const cases: Array<[string, Record<string, unknown>, { field: string; message: RegExp }]> = [
      ['a too-short description', { description: '堵' }, { field: 'description', message: /问题描述至少需要 5 个字/ }],
      ['an unknown category', { category: 'ufo' }, { field: 'category', message: /问题类别不是有效的选项/ }],
      ['ten photos', { photos: Array.from({ length: 10 }, (_, i) => `cloud://env.x/p${i}.jpg`) }, { field: 'photos', message: /照片最多 9 项/ }],
      ['a photo that is not a cloud file', { photos: ['http://evil.example/x.jpg'] }, { field: 'photos.0', message: /照片文件编号格式不正确/ }],
      ['no location', { location: {} }, { field: 'location.buildingId', message: /请选择楼栋或在地图上选择位置/ }],
      ['a building of another community', { location: { buildingId: ids.b3 } }, { field: 'location.buildingId', message: /只能选择本社区的楼栋/ }],
      ['a unit the building does not have', { location: { buildingId: ids.b1, unit: '7单元' } }, { field: 'location.unit', message: /所选单元不属于该楼栋/ }],
      ['a missing request id', { clientRequestId: undefined }, { field: 'clientRequestId', message: /请求编号/ }],
    ];
    it.each(cases)('%s', async (_name, override, expected) => {
      await joinResident(stack, 'o-bad', { communityId: ids.c1, buildingId: ids.b1 });
      const before = await myCaseCount('o-bad');
      const r = await stack.call('cases.create', { ...fireLaneReport(), ...override } as never, 'o-bad');
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: expected.field, message: expect.stringMatching(expected.message) } });
      expect(await myCaseCount('o-bad')).toBe(before);
    });

    it('a help request that allows a call back needs a phone', async () => {
      await stack.call('session.consentPrivacy', { version: PRIVACY_VERSION }, 'o-nophone');
      await stack.call('session.bindCommunity', { communityId: ids.c1, buildingId: ids.b1 }, 'o-nophone');
      const r = await stack.call('cases.create', {
        kind: 'help', helpType: 'repair', urgency: 'normal', callbackAllowed: true, description: '楼道灯坏了一个星期了',
        clientRequestId: requestId(), location: { buildingId: ids.b1 },
      }, 'o-nophone');
      expect(r).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '允许回电时请填写手机号', field: 'phone' } });
      expect(await myCaseCount('o-nophone')).toBe(0);
    });
  });

  it('refuses risky text with a clear message and creates nothing', async () => {
    await joinResident(stack, 'o-risky', { communityId: ids.c1, buildingId: ids.b1 });
    const r = await stack.call('cases.create', fireLaneReport({ description: '楼下有人聚众赌博，声音很大' }), 'o-risky');
    expect(r).toEqual({ ok: false, error: { code: 'CONTENT_RISKY', message: '问题描述中含有不适宜公开的内容，请修改后再提交', field: 'description' } });
    expect(await myCaseCount('o-risky')).toBe(0);
  });

  it('needs a joined community', async () => {
    await stack.call('session.consentPrivacy', { version: PRIVACY_VERSION }, 'o-unbound');
    const r = await stack.call('cases.create', fireLaneReport(), 'o-unbound');
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '请先加入所在社区' } });
  });
});

describe('我也遇到了 (findSimilar / joinSimilar)', () => {
  it('offers an open report of the same category in the same building, and joining follows it', async () => {
    const { case: original } = unwrap(await stack.call('cases.create', fireLaneReport({ category: 'ebike_indoor_charging', description: '有人把电动车推进楼道里充电' }), 'o-zhang'));
    const similar = unwrap(await stack.call('cases.findSimilar', { category: 'ebike_indoor_charging', buildingId: ids.b1 }, 'o-li'));
    expect(similar.items.map((s) => s.id)).toContain(original.id);
    // The reporter is not offered their own report, and the offer names no one.
    const own = unwrap(await stack.call('cases.findSimilar', { category: 'ebike_indoor_charging', buildingId: ids.b1 }, 'o-zhang'));
    expect(own.items.map((s) => s.id)).not.toContain(original.id);
    expect(JSON.stringify(similar)).not.toContain('张阿姨');

    const joined = unwrap(await stack.call('cases.joinSimilar', { caseId: original.id }, 'o-li'));
    expect(joined).toMatchObject({ alreadyJoined: false, case: { isReporter: false, supporterCount: 1, can: { withdraw: false, rate: false } } });
    expect(JSON.stringify(joined.case)).not.toContain('张阿姨');
    const twice = unwrap(await stack.call('cases.joinSimilar', { caseId: original.id }, 'o-li'));
    expect(twice).toMatchObject({ alreadyJoined: true, case: { supporterCount: 1 } });
    const mine = unwrap(await stack.call('cases.listMine', {}, 'o-li'));
    expect(mine.items.map((i) => i.id)).toContain(original.id);
    // A joiner may not act for the reporter.
    const w = await stack.call('cases.withdraw', { caseId: original.id }, 'o-li');
    expect(w).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('is limited to my own community', async () => {
    const r = await stack.call('cases.findSimilar', { category: 'noise', buildingId: ids.b1 }, 'o-xinhe');
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const { case: c } = unwrap(await stack.call('cases.create', fireLaneReport({ category: 'noise', description: '夜里有人在楼下大声喧哗' }), 'o-zhang'));
    const join = await stack.call('cases.joinSimilar', { caseId: c.id }, 'o-xinhe');
    expect(join).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('my cases', () => {
  it('pages newest first with a cursor', async () => {
    await joinResident(stack, 'o-pager', { communityId: ids.c1, buildingId: ids.b1 });
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push(unwrap(await stack.call('cases.create', fireLaneReport({ description: `第${i + 1}次反映：车辆乱停` }), 'o-pager')).case.id);
    const p1 = unwrap(await stack.call('cases.listMine', { pageSize: 2 }, 'o-pager'));
    const p2 = unwrap(await stack.call('cases.listMine', { pageSize: 2, cursor: p1.nextCursor! }, 'o-pager'));
    const p3 = unwrap(await stack.call('cases.listMine', { pageSize: 2, cursor: p2.nextCursor! }, 'o-pager'));
    expect([...p1.items, ...p2.items, ...p3.items].map((i) => i.id)).toEqual([...created].reverse());
    expect(p3.nextCursor).toBeNull();
    const bad = await stack.call('cases.listMine', { cursor: 'not-a-date' }, 'o-pager');
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'cursor' } });
  });

  it('a resident sees only their own cases', async () => {
    const { case: c } = unwrap(await stack.call('cases.create', fireLaneReport(), 'o-zhang'));
    for (const other of ['o-li', 'o-xinhe']) {
      const r = await stack.call('cases.get', { caseId: c.id }, other);
      expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    const missing = await stack.call('cases.get', { caseId: 'no-such-case' }, 'o-zhang');
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('a resident cannot use staff actions', async () => {
    const { case: c } = unwrap(await stack.call('cases.create', fireLaneReport(), 'o-zhang'));
    for (const [name, input] of [['cases.inbox', {}], ['cases.accept', { caseId: c.id }], ['cases.resolve', { caseId: c.id, whatWasDone: '已处理' }]] as const) {
      const r = await stack.call(name, input as never, 'o-zhang');
      expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });
});

describe('add information, withdraw', () => {
  it('adds text and photos to an open case, then withdraws it', async () => {
    const { case: c } = unwrap(await stack.call('cases.create', fireLaneReport({ photos: ['cloud://local.x/case-photos/a.jpg'] }), 'o-zhang'));
    const added = unwrap(await stack.call('cases.addInfo', { caseId: c.id, text: '今天早上车还在', photos: ['cloud://local.x/case-photos/b.jpg'] }, 'o-zhang'));
    expect(added.case.photos.map((p) => [p.fileId, p.review])).toEqual([
      ['cloud://local.x/case-photos/a.jpg', 'pending'],
      ['cloud://local.x/case-photos/b.jpg', 'pending'],
    ]);
    expect(added.case.timeline.at(-1)).toMatchObject({ type: 'info_added', text: '今天早上车还在' });
    const tooMany = await stack.call('cases.addInfo', { caseId: c.id, text: '再补充', photos: Array.from({ length: 8 }, (_, i) => `cloud://local.x/case-photos/m${i}.jpg`) }, 'o-zhang');
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'photos', message: '照片总数不能超过 9 张' } });

    const withdrawn = unwrap(await stack.call('cases.withdraw', { caseId: c.id, reason: '车已经挪走了' }, 'o-zhang'));
    expect(withdrawn.case).toMatchObject({ status: 'withdrawn', can: { addInfo: false, withdraw: false } });
    const again = await stack.call('cases.withdraw', { caseId: c.id }, 'o-zhang');
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const late = await stack.call('cases.addInfo', { caseId: c.id, text: '补充' }, 'o-zhang');
    expect(late).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '该案件已结束，不能再补充信息' } });
  });

  it('keeps a case\'s history bounded', async () => {
    const { case: c } = unwrap(await stack.call('cases.create', fireLaneReport(), 'o-zhang'));
    const full = await dataOf<{ timeline: unknown[] }>(stack.database().collection('cases').doc(c.id).get());
    await stack.database().collection('cases').doc(c.id).update({ data: { timeline: Array.from({ length: 300 }, () => full.timeline[0]) } });
    const r = await stack.call('cases.addInfo', { caseId: c.id, text: '再补充一句' }, 'o-zhang');
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '该案件的记录已满，请直接联系派出所' } });
  });

  it('cannot rate or reopen before the case is resolved', async () => {
    const { case: c } = unwrap(await stack.call('cases.create', fireLaneReport(), 'o-zhang'));
    const rate = await stack.call('cases.rate', { caseId: c.id, satisfaction: 5, safety: 5 }, 'o-zhang');
    expect(rate).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '案件解决后才能评价' } });
    const reopen = await stack.call('cases.reopen', { caseId: c.id, reason: '还没修好' }, 'o-zhang');
    expect(reopen).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const badRate = await stack.call('cases.rate', { caseId: c.id, satisfaction: 0, safety: 6 }, 'o-zhang');
    expect(badRate).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'satisfaction', message: '满意度不能小于 1' } });
  });
});
