/**
 * @jest-environment jsdom
 *
 * The built mini-program for an officer (issue 11): the 常用回复 page in pkg-staff explains the
 * placeholders, lists his own replies (editable) and the station's shared set (read-only for him);
 * his workbench (the inbox) links to it. Its own file: the app keeps the session in module state.
 */
import { routePath } from '../../types/routes';
import { residentFixtures, type Fixtures } from './support/cloud-fixtures';
import { fixtureApp } from './support/fixture-app';
import type { RenderedComponent } from './support/mini-program';
import { findByText, settle, tap, textOf } from './support/render';

jest.setTimeout(30_000);

const at = '2026-11-30T09:00:00+08:00';
const fixtures: Fixtures = {
  ...residentFixtures,
  'session.whoami': { ...residentFixtures['session.whoami']!, roles: ['officer'], name: '周建军' },
  'notify.badge': { unreadNotifications: 0, myCasesWithNews: 0 },
  'cases.templates': {
    mine: [{ id: 'tpl-mine-1', title: '上门看看', text: '今天下午到{楼栋}看看', shared: false, updatedAt: at }],
    station: [{ id: 'tpl-station-1', title: '已联系物业', text: '{居民称呼}您好，已联系{小区}物业处理{楼栋}的问题。', shared: true, updatedAt: at }],
    canManageStation: false,
  },
  'cases.inbox': { overdue: [], overdueCount: 0, scope: 'assigned', items: [], nextCursor: null },
};

const app = fixtureApp(fixtures);

it('his workbench (the inbox) links the officer to 常用回复', async () => {
  const inbox: RenderedComponent = app().openPage(routePath('staffInbox'));
  await settle(inbox, (text) => text.includes('常用回复'));
  expect(textOf(inbox)).toContain('待办');
});

it('explains the placeholders and lists his own replies, then the station\'s, read-only for him', async () => {
  const page = app().openPage(routePath('staffTemplates'));
  await settle(page, (text) => text.includes('上门看看'));
  for (const part of ['{楼栋}', '{小区}', '{居民称呼}', '匿名上报时为“居民”', '我的（1）', '全所共用（1）', '新增我的回复', '编辑', '删除']) expect(textOf(page)).toContain(part);
  tap(findByText(page, '全所共用（1）', 'fq-list__tab'));
  await settle(page, (text) => text.includes('已联系物业'));
  expect(textOf(page)).toContain('全所共用的回复由派出所管理员维护');
  expect(textOf(page)).not.toContain('新增全所共用回复');
});
