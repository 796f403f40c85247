/**
 * @jest-environment jsdom
 *
 * The built mini-program's station desk (issue 12, pkg-desk): the station admin's home offers the
 * dashboard, which renders last month's numbers — the 12345 rates, the durations, the mediation
 * success rate per tier with the one near its limit, and the ratings — from `station.dashboard`.
 */
import { routePath } from '../../types/routes';
import { residentFixtures, type Fixtures } from './support/cloud-fixtures';
import { fixtureApp } from './support/fixture-app';
import type { RenderedComponent } from './support/mini-program';
import { settle, textOf } from './support/render';

jest.setTimeout(30_000);

const bucket = (closed: number, success: number, days: number) => ({ closed, success, failed: closed - success, referred: 0, successRate: success / closed, medianDaysToClose: days });

const fixtures: Fixtures = {
  ...residentFixtures,
  'session.whoami': { ...residentFixtures['session.whoami']!, roles: ['admin'], name: '赵明远', community: null, building: null, unit: null, grid: null, officer: null },
  'notify.badge': { unreadNotifications: 0, myCasesWithNews: 0 },
  'station.organisation': {
    station: { id: 'st', name: '和苑派出所', auditRetentionDays: 1095 },
    communities: [{ id: 'c1', name: '梦和园', grids: [] }, { id: 'c2', name: '雅和园', grids: [] }],
    staff: [],
    invites: [],
  },
  'station.dashboard': {
    from: '2026-10-31T16:00:00.000Z',
    to: '2026-11-30T16:00:00.000Z',
    scope: { communityId: null, gridId: null, officerId: null, ownGridsOnly: false },
    serviceLevels: { urgentAcceptMinutes: 30, normalAcceptHours: 24, mediationLimitDays: 30 },
    sections: {
      cases: {
        total: 57,
        byKind: [{ kind: 'report', count: 30 }, { kind: 'help', count: 17 }, { kind: 'mediation', count: 10 }],
        byCategory: [{ kind: 'report', category: 'ebike_indoor_charging', count: 12 }, { kind: 'mediation', category: 'parking', count: 6 }],
        byCommunity: [{ communityId: 'c1', communityName: '梦和园', count: 20 }],
        acceptMinutes: { n: 50, median: 42, p90: 300 },
        resolveHours: { n: 45, median: 20.5, p90: 96 },
        responseRate: { numerator: 47, denominator: 50, rate: 0.94 },
        resolutionRate: { numerator: 44, denominator: 45, rate: 0.978 },
        satisfactionRate: { numerator: 36, denominator: 40, rate: 0.9 },
      },
      mediations: {
        overall: bucket(10, 9, 6),
        byTier: [{ tier: 'police_community', ...bucket(8, 8, 5) }, { tier: 'professional', ...bucket(2, 1, 12) }],
        nearLimit: [{ caseId: 'case-camera', title: '摄像头纠纷', communityName: '雅和园', tier: 'professional', deadlineAt: '2026-12-04T09:00:00+08:00', daysLeft: 3 }],
      },
      ratings: {
        rateable: 45, rated: 40, unratedShare: 0.111,
        satisfaction: { average: 4.4, distribution: [0, 1, 3, 14, 22] },
        safety: { average: 4.5, distribution: [0, 0, 4, 12, 24] },
      },
      surveys: {
        months: ['2026-11'], members: 120, answers: 78, answerRate: { numerator: 78, denominator: 120, rate: 0.65 },
        byCommunity: [{ communityId: 'c1', communityName: '梦和园', members: 120, surveys: 1, answers: 78, answerRate: { numerator: 78, denominator: 120, rate: 0.65 } }],
        trend: [
          { month: '2026-10', answers: 70, answerRate: 0.583, satisfaction: 4.2, safety: 4.3 },
          { month: '2026-11', answers: 78, answerRate: 0.65, satisfaction: 4.4, safety: 4.6 },
        ],
      },
      visits: {
        done: 31, due: 28, dueMet: 25,
        byGrid: [{ gridId: 'g1', gridName: '梦和园第一网格', communityName: '梦和园', done: 31, due: 28, dueMet: 25 }],
      },
      patrols: {
        patrols: 12, findings: 5,
        byCommunity: [{ communityId: 'c1', communityName: '梦和园', patrols: 12, findings: 5 }],
        byMonth: [{ month: '2026-11', patrols: 12, findings: 5 }],
      },
    },
  },
};

const app = fixtureApp(fixtures);

it('offers the station admin the dashboard on home', async () => {
  const home: RenderedComponent = app().openPage(routePath('home'));
  await settle(home, (text) => text.includes('赵明远'));
  expect(textOf(home)).toContain('数据看板');
});

it('renders last month’s numbers from station.dashboard', async () => {
  const page = app().openPage(routePath('deskDashboard'));
  await settle(page, (text) => text.includes('案件 57 件') && text.includes('梦和园'));
  const text = textOf(page);
  for (const part of [
    '响应率', '94%', '47/50', '解决率', '97.8%', '满意率', '90%', '42 / 300 分钟', '20.5 / 96 小时',
    '调解成功率', '警民联调', '专业助调', '摄像头纠纷', '剩 3 天', '群众评价', '4.4', '4.5', '11.1%',
    '导出案件明细', '导出调解台账', '组织与人员', '审计日志',
    // issue 12 (d2): surveys, visits, patrols, and their exports
    '月度问卷', '答卷率', '65%', '78/120', '11月', '满意度 4.4', '入户走访', '已走访 31 · 应走访 28（按期 25）', '志愿巡逻', '巡逻 12 次 · 发现问题 5 件',
    '导出走访记录', '导出问卷答卷',
  ]) expect(text).toContain(part);
});
