/**
 * issue 11: response templates (常用回复): the station's shared set (admin) and each officer's own,
 * from every wrong role; and filling the placeholders from a case.
 */
import { putUser, newUser } from '../../backend/data/users';
import { PRIVACY_VERSION } from '../../types/privacy';
import { caseTemplateValues, fillTemplate } from '../../types/templateText';
import { startTestStack, type TestStack } from '../support/stack';
import { arrangeGridWorkers, grid } from './gridStation';
import { arrangeStation, ids, joinResident, unwrap } from './station';

let stack: TestStack;
const otherAdmin = 'o-admin-elsewhere';
beforeAll(async () => {
  stack = await startTestStack();
  await arrangeStation(stack);
  await arrangeGridWorkers();
  await joinResident(stack, 'o-zhang', { communityId: ids.c1, buildingId: ids.b1 }, '张阿姨');
  const now = new Date();
  await putUser({
    ...newUser(otherAdmin, now), roles: ['admin'], stationId: 'st-elsewhere', privacyVersion: PRIVACY_VERSION, privacyConsentAt: now,
    staff: { name: '外所', title: '派出所管理员', dutyHours: '24 小时', phone: '022-1', photoFileId: null },
  });
}, 120_000);
afterAll(() => stack?.close());

const reply = { title: '已联系物业', text: '{居民称呼}您好，已联系{小区}物业处理{楼栋}的问题。' };

it('the admin keeps the shared set; each officer keeps their own and reads both', async () => {
  const shared = unwrap(await stack.call('cases.saveTemplate', { ...reply, shared: true }, ids.admin)).template;
  expect(shared).toMatchObject({ shared: true, title: '已联系物业' });
  const own = unwrap(await stack.call('cases.saveTemplate', { title: '上门看看', text: '今天下午到{楼栋}看看' }, ids.officer1)).template;
  expect(own.shared).toBe(false);

  const zhou = unwrap(await stack.call('cases.templates', {}, ids.officer1));
  expect(zhou.station.map((t) => t.id)).toContain(shared.id);
  expect(zhou.mine.map((t) => t.id)).toEqual([own.id]);
  expect(zhou.canManageStation).toBe(false);
  // Another officer reads the shared set, not 周建军's own.
  const wang = unwrap(await stack.call('cases.templates', {}, ids.officer2));
  expect(wang.station.map((t) => t.id)).toContain(shared.id);
  expect(wang.mine).toEqual([]);
  // Another station sees none of it.
  const elsewhere = unwrap(await stack.call('cases.templates', {}, otherAdmin));
  expect(elsewhere.station).toEqual([]);

  const edited = unwrap(await stack.call('cases.saveTemplate', { id: own.id, title: '上门看望', text: '今天下午到{楼栋}看望老人' }, ids.officer1)).template;
  expect(edited).toMatchObject({ id: own.id, title: '上门看望' });
  expect(unwrap(await stack.call('cases.removeTemplate', { id: own.id }, ids.officer1)).removed).toBe(true);
  expect(unwrap(await stack.call('cases.templates', {}, ids.officer1)).mine).toEqual([]);
});

it('refuses the shared set to officers, someone else\'s template to anyone, and every other role', async () => {
  const shared = unwrap(await stack.call('cases.saveTemplate', { ...reply, title: '共用', shared: true }, ids.admin)).template;
  const own = unwrap(await stack.call('cases.saveTemplate', { title: '我的', text: '好的' }, ids.officer1)).template;

  expect(await stack.call('cases.saveTemplate', { ...reply, shared: true }, ids.officer1)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(await stack.call('cases.removeTemplate', { id: shared.id }, ids.officer1)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(await stack.call('cases.saveTemplate', { id: shared.id, ...reply }, ids.officer1)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  expect(await stack.call('cases.removeTemplate', { id: own.id }, ids.officer2)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(await stack.call('cases.saveTemplate', { id: own.id, ...reply }, ids.officer2)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  expect(await stack.call('cases.removeTemplate', { id: shared.id }, otherAdmin)).toMatchObject({ ok: true, data: { removed: false } });
  for (const who of ['o-zhang', grid.worker]) {
    for (const [name, input] of [['cases.templates', {}], ['cases.saveTemplate', reply], ['cases.removeTemplate', { id: own.id }]] as const) {
      expect(await stack.call(name, input as never, who)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '您没有进行此操作的权限' } });
    }
  }
  expect(await stack.call('cases.saveTemplate', { title: '', text: '好' }, ids.officer1)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '请填写标题' } });
  // Still there.
  expect(unwrap(await stack.call('cases.templates', {}, ids.officer1)).mine.map((t) => t.id)).toEqual([own.id]);
});

it('refuses text that fails the content check, naming the field, and a 51st own template', async () => {
  const risky = await stack.call('cases.saveTemplate', { title: '回复', text: '{居民称呼}您好，欢迎参加赌博' }, ids.officer2);
  expect(risky).toEqual({ ok: false, error: { code: 'CONTENT_RISKY', message: '内容中含有不适宜公开的内容，请修改后再提交', field: 'text' } });
  expect(await stack.call('cases.saveTemplate', { title: 'x'.repeat(21), text: '好的' }, ids.officer2)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '标题最多 20 个字' } });
  for (let i = 0; i < 50; i++) unwrap(await stack.call('cases.saveTemplate', { title: `回复${i}`, text: '已收到，会尽快处理' }, ids.officer2));
  expect(await stack.call('cases.saveTemplate', { title: '第51条', text: '已收到' }, ids.officer2)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '常用回复最多 50 条，请先删除不用的' } });
  expect(unwrap(await stack.call('cases.templates', {}, ids.officer2)).mine).toHaveLength(50);
}, 120_000);

it('fills the placeholders from the case, never naming an anonymous reporter', () => {
  const location = { communityName: '梦和园', buildingName: '5号楼' };
  expect(fillTemplate(reply.text, caseTemplateValues({ location, reporter: { anonymous: false, name: '刘玉芬' } }))).toBe('刘玉芬您好，已联系梦和园物业处理5号楼的问题。');
  expect(fillTemplate(reply.text, caseTemplateValues({ location, reporter: { anonymous: true } }))).toBe('居民您好，已联系梦和园物业处理5号楼的问题。');
  expect(fillTemplate('{单元}见', {})).toBe('{单元}见');
});
