import { getGrid } from '../../backend/data/grids';
import { stationInfoOf } from '../../backend/domain/session';
import { PRIVACY_VERSION } from '../../types/privacy';
import { ids, joinResident, stationSuite, unwrap } from './station';

const stack = stationSuite();

describe('session.whoami', () => {
  it('tells a first-time visitor they are not registered yet', async () => {
    const me = unwrap(await stack.call('session.whoami', {}, 'o-new-visitor'));
    expect(me).toMatchObject({ registered: false, roles: [], privacyConsented: false, community: null, officer: null, currentPrivacyVersion: PRIVACY_VERSION });
    expect(me.subscribeTemplates.onSubmit.length).toBeGreaterThan(0);
  });

  it('shows a joined resident their community, building, grid and officer card', async () => {
    await joinResident(stack, 'o-who-1', { communityId: ids.c1, buildingId: ids.b1, unit: '2单元' });
    const me = unwrap(await stack.call('session.whoami', {}, 'o-who-1'));
    expect(me).toMatchObject({
      registered: true,
      roles: ['resident'],
      community: { id: ids.c1, name: '夢和园' },
      building: { id: ids.b1, name: '3号楼' },
      unit: '2单元',
      privacyConsented: true,
      privacyVersion: PRIVACY_VERSION,
      currentPrivacyVersion: PRIVACY_VERSION,
      grid: { id: ids.g1 },
      officer: { name: '周建军', title: '社区民警', phone: '022-12345678', isStationFallback: false },
    });
  });

  it('falls back to the station when the grid has no officer', async () => {
    await joinResident(stack, 'o-who-2', { communityId: ids.c1, buildingId: ids.b2 });
    const me = unwrap(await stack.call('session.whoami', {}, 'o-who-2'));
    expect(me.officer).toMatchObject({ name: '和苑派出所', isStationFallback: true, phone: '022-88886666' });
  });

  it('names the station from its document, before joining and after, so no page hard-codes it', async () => {
    // The test station has no short name, brand or hotline: the fallbacks keep older documents working.
    const expected = { name: '和苑派出所', shortName: '和苑派出所', volunteerBrand: null, hotline: '022-88886666' };
    expect(unwrap(await stack.call('session.whoami', {}, 'o-station-visitor')).station).toEqual(expected);
    await joinResident(stack, 'o-station-resident', { communityId: ids.c1, buildingId: ids.b1 });
    expect(unwrap(await stack.call('session.whoami', {}, 'o-station-resident')).station).toEqual(expected);
  });

  it('takes the short name, volunteer brand and hotline from the station document when set', () => {
    const doc = { _id: 's', name: '天津市公安局红桥分局和苑派出所', adminIds: [], phone: '022-1', dutyHours: '24 小时', createdAt: new Date() };
    expect(stationInfoOf({ ...doc, shortName: '和苑派出所', volunteerBrand: '和苑家人', hotline: '022-2' })).toEqual({
      name: '天津市公安局红桥分局和苑派出所', shortName: '和苑派出所', volunteerBrand: '和苑家人', hotline: '022-2',
    });
  });

  it('refuses a call without a WeChat identity', async () => {
    const r = await stack.call('session.whoami', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});

describe('session.listCommunities', () => {
  it('lists communities in order, and the buildings with units of the one asked for', async () => {
    const all = unwrap(await stack.call('session.listCommunities', {}, 'o-anyone'));
    expect(all.communities.map((c) => c.name)).toEqual(['夢和园', '欣和园']);
    expect(all.buildings).toEqual([]);
    const one = unwrap(await stack.call('session.listCommunities', { communityId: ids.c1 }, 'o-anyone'));
    expect(one.buildings.map((b) => [b.name, b.units])).toEqual([['3号楼', ['1单元', '2单元']], ['9号楼', ['1单元']]]);
  });
});

describe('session.bindCommunity', () => {
  it('requires the privacy consent first', async () => {
    const r = await stack.call('session.bindCommunity', { communityId: ids.c1 }, 'o-no-consent');
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('names the wrong field in Chinese and changes nothing', async () => {
    await stack.call('session.consentPrivacy', { version: PRIVACY_VERSION }, 'o-bind-bad');
    const wrongUnit = await stack.call('session.bindCommunity', { communityId: ids.c1, buildingId: ids.b1, unit: '8单元' }, 'o-bind-bad');
    expect(wrongUnit).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '所选单元不属于该楼栋', field: 'unit' } });
    const otherCommunity = await stack.call('session.bindCommunity', { communityId: ids.c2, buildingId: ids.b1 }, 'o-bind-bad');
    expect(otherCommunity).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'buildingId', message: '所选楼栋不属于该社区' } });
    const badPhone = await stack.call('session.bindCommunity', { communityId: ids.c1, phone: '123' }, 'o-bind-bad');
    expect(badPhone).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'phone', message: '手机号应为 11 位数字' } });
    const me = unwrap(await stack.call('session.whoami', {}, 'o-bind-bad'));
    expect(me.community).toBeNull();
    expect(me.roles).toEqual([]);
  });

  it('never lets a client claim a role', async () => {
    await stack.call('session.consentPrivacy', { version: PRIVACY_VERSION }, 'o-claimer');
    const r = await stack.invoke('session', { action: 'bindCommunity', input: { communityId: ids.c1, roles: ['admin'] } }, { openid: 'o-claimer' });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('roles') } });
    const me = unwrap(await stack.call('session.whoami', {}, 'o-claimer'));
    expect(me.roles).toEqual([]);
  });

  it('lets a resident move to another community later', async () => {
    await joinResident(stack, 'o-mover', { communityId: ids.c1, buildingId: ids.b1 });
    const moved = unwrap(await stack.call('session.bindCommunity', { communityId: ids.c2, buildingId: ids.b3, unit: '1单元' }, 'o-mover'));
    expect(moved).toMatchObject({ community: { id: ids.c2 }, officer: { name: '王卫东' }, roles: ['resident'] });
  });
});

describe('invites', () => {
  it('an admin issues an officer invite; the person who redeems it owns the grid', async () => {
    const invite = unwrap(await stack.call('session.issueInvite', { role: 'officer', gridId: ids.g2, name: '赵刚', phone: '022-66668888' }, ids.admin));
    expect(invite.code).toMatch(/^[A-Z0-9]{8}$/);
    await stack.call('session.consentPrivacy', { version: PRIVACY_VERSION }, 'o-new-officer');
    const redeemed = unwrap(await stack.call('session.redeemInvite', { code: invite.code.toLowerCase() }, 'o-new-officer'));
    expect(redeemed).toEqual({ roles: ['officer'], granted: 'officer' });
    stack.database();
    expect((await getGrid(ids.g2))?.officerId).toBe('o-new-officer');
    const me = unwrap(await stack.call('session.whoami', {}, 'o-new-officer'));
    expect(me.staffGrids).toEqual([{ id: ids.g2, name: '夢和园第二网格', communityId: ids.c1 }]);

    await stack.call('session.consentPrivacy', { version: PRIVACY_VERSION }, 'o-latecomer');
    const again = await stack.call('session.redeemInvite', { code: invite.code }, 'o-latecomer');
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '该邀请码已被使用' } });
  });

  it('only an admin may issue invites, and a made-up code grants nothing', async () => {
    await joinResident(stack, 'o-invite-res', { communityId: ids.c1, buildingId: ids.b1 });
    const r = await stack.call('session.issueInvite', { role: 'admin', name: '冒充者' }, 'o-invite-res');
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const officerTry = await stack.call('session.issueInvite', { role: 'admin', name: '冒充者' }, ids.officer1);
    expect(officerTry).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const fake = await stack.call('session.redeemInvite', { code: 'ZZZZ9999' }, 'o-invite-res');
    expect(fake).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'code' } });
    expect(unwrap(await stack.call('session.whoami', {}, 'o-invite-res')).roles).toEqual(['resident']);
  });

  it('an officer invite must name a grid', async () => {
    const r = await stack.call('session.issueInvite', { role: 'officer', name: '钱进' }, ids.admin);
    expect(r).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '请为社区民警选择负责的网格', field: 'gridId' } });
  });
});

describe('the request envelope', () => {
  it('rejects an unknown action by name', async () => {
    const r = await stack.invoke('session', { action: 'becomeAdmin', input: {} }, { openid: 'o-x' });
    expect(r).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '不支持的操作：becomeAdmin', field: 'action' } });
  });

  it('ignores the userInfo CloudBase adds to client calls', async () => {
    const r = await stack.invoke('session', { action: 'whoami', input: {}, userInfo: { appId: 'wx', openId: 'o-y' } }, { openid: 'o-y' });
    expect(r).toMatchObject({ ok: true });
  });
});
