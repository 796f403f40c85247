/**
 * @jest-environment jsdom
 *
 * Issue 10, the resident's side rendered from the built weapp (pkg-resident) by miniprogram-simulate,
 * with callFunction answered from contract-checked fixtures: a self-declared resident opening the
 * survey is told how to get verified (no form), and "通知与问卷" lists this month's and past months'
 * surveys with the waiting "下月问卷提醒". Its own file: the app keeps the session in module state,
 * and a page route renders once per launch.
 */
import { routePath } from '../../types/routes';
import type { MySurveys, SurveyResidentView } from '../../types/survey';
import { residentFixtures, type Fixtures } from './support/cloud-fixtures';
import { fixtureApp } from './support/fixture-app';
import type { RenderedComponent } from './support/mini-program';
import { settle, textOf } from './support/render';

jest.setTimeout(30_000);

const unverifiedView: SurveyResidentView = {
  id: 'survey-menghe-2026-12',
  month: '2026-12',
  title: '梦和园12月群众意见征求',
  intro: '每月征求一次群众意见建议，约需2分钟。',
  status: 'published',
  closesAt: '2026-12-31T23:59:59+08:00',
  questions: [{ id: 'satisfaction', type: 'rating', title: '您对社区民警工作的满意程度', required: true, topic: 'satisfaction' }],
  answerCount: 2,
  myAnswer: null,
  summary: null,
  canAnswer: false,
  verified: false,
  remindNext: false,
};

const mine: MySurveys = {
  current: { id: 'survey-menghe-2026-12', month: '2026-12', title: '群众意见征求', status: 'published', closesAt: '2026-12-31T23:59:59+08:00', answerCount: 12, answered: false },
  past: [
    { id: 'survey-menghe-2026-11', month: '2026-11', title: '群众意见征求', status: 'closed', closesAt: '2026-11-30T23:59:59+08:00', answerCount: 31, answered: true },
    { id: 'survey-menghe-2026-10', month: '2026-10', title: '群众意见征求', status: 'closed', closesAt: '2026-10-31T23:59:59+08:00', answerCount: 28, answered: false },
  ],
  verified: true,
  remindNext: true,
};

const whoami = residentFixtures['session.whoami']!;
const fixtures: Fixtures = {
  ...residentFixtures,
  // whoami hands the "下月问卷提醒" template, so the opt-in shows.
  'session.whoami': { ...whoami, subscribeTemplates: { ...whoami.subscribeTemplates, onSurveyReminder: ['TPL_SURVEY_REMINDER'] } },
  'surveys.getForMe': unverifiedView,
  'surveys.listForMe': mine,
  'notices.list': { items: [], nextCursor: null },
};

const app = fixtureApp(fixtures);

describe('a self-declared resident opening the survey (only verified members answer)', () => {
  let page: RenderedComponent;

  beforeAll(async () => {
    page = app().openPage(routePath('surveyAnswer'), { id: unverifiedView.id });
    await settle(page, (text) => text.includes('请先核实社区居民身份'));
  });

  it('is told how to become verified, instead of a form that would fail on submit', () => {
    const text = textOf(page);
    expect(text).toContain('在您所住小区的居民微信群里，点开社区民警分享的问卷卡片');
    expect(text).toContain('请社区民警在走访或到警务室时为您核实');
    expect(text).not.toContain('提交问卷');
    expect(text).not.toContain('您对社区民警工作的满意程度');
  });
});

describe('通知与问卷 (the notices page with the surveys)', () => {
  let page: RenderedComponent;

  beforeAll(async () => {
    page = app().openPage(routePath('noticeList'));
    await settle(page, (text) => text.includes('往期问卷') && text.includes('已订阅'));
  });

  it("shows this month's survey with the way to answer, and past months with whether I took part", () => {
    const text = textOf(page);
    expect(text).toMatch(/本月问卷\s*2026年12月群众意见征求/);
    expect(text).toContain('已有 12 位居民参与');
    expect(text).toContain('去填写');
    expect(text).toMatch(/2026年11月群众意见征求\s*已结束 · 31 位居民参与\s*我已参与/);
    expect(text).toMatch(/2026年10月群众意见征求\s*已结束 · 28 位居民参与\s*未参与/);
  });

  it('shows the waiting "下月问卷提醒", then the notices', () => {
    const text = textOf(page);
    expect(text).toContain('已订阅：下月问卷发布时会提醒您');
    expect(text).toContain('社区通知');
    expect(app().calls.map((c) => `${c.name}.${(c.data as { action: string }).action}`)).toContain('surveys.listForMe');
  });
});
