/**
 * @jest-environment jsdom
 *
 * The built mini-program's survey pages (issue 10): the resident's answer page (pkg-resident) and the
 * results page of the survey subpackage (pkg-survey), rendered from dist/weapp by miniprogram-simulate
 * with the platform's callFunction answered from contract-checked fixtures.
 * Its own file: the app keeps the session in module state, and each jest file loads the app afresh.
 */
import { routePath } from '../../types/routes';
import type { SurveyResidentView, SurveyResultsView } from '../../types/survey';
import { residentFixtures } from './support/cloud-fixtures';
import { fixtureApp } from './support/fixture-app';
import type { RenderedComponent } from './support/mini-program';
import { findByText, settle, tap, textOf } from './support/render';

jest.setTimeout(30_000);

const questions: SurveyResidentView['questions'] = [
  { id: 'satisfaction', type: 'rating', title: '您对社区民警工作的满意程度', required: true, topic: 'satisfaction' },
  { id: 'safety', type: 'rating', title: '您在小区里的安全感', required: true, topic: 'safety' },
  { id: 'concern', type: 'multiple', title: '您最关心哪些问题', required: true, options: ['电动车充电', '楼道堆物', '噪音扰民'] },
  { id: 'lift', type: 'single', title: '您是否支持5号楼加装电梯', required: false, options: ['支持', '不支持', '无所谓'] },
  { id: 'advice', type: 'text', title: '您的意见和建议', required: false },
];

const openSurvey: SurveyResidentView = {
  id: 'survey-menghe-2026-12',
  month: '2026-12',
  title: '梦和园12月群众意见征求',
  intro: '每月征求一次群众意见建议，约需2分钟。',
  status: 'published',
  closesAt: '2026-12-31T23:59:59+08:00',
  questions,
  answerCount: 2,
  myAnswer: null,
  summary: null,
  canAnswer: true,
};

const results: SurveyResultsView = {
  surveyId: 'survey-menghe-2026-12',
  survey: {
    id: 'survey-menghe-2026-12',
    communityId: 'community-menghe',
    communityName: '梦和园',
    month: '2026-12',
    title: '梦和园12月群众意见征求',
    status: 'published',
    questionCount: 5,
    answerCount: 2,
    publishedAt: '2026-12-01T09:00:00+08:00',
    closesAt: '2026-12-31T23:59:59+08:00',
  },
  answerCount: 2,
  memberCount: 8,
  answerRate: 25,
  questions: [
    {
      questionId: 'satisfaction',
      type: 'rating',
      title: '您对社区民警工作的满意程度',
      topic: 'satisfaction',
      answered: 2,
      options: [],
      distribution: [1, 2, 3, 4, 5].map((score) => ({ score, count: score >= 4 ? 1 : 0, percent: score >= 4 ? 50 : 0 })),
      average: 4.5,
      texts: [],
    },
    {
      questionId: 'concern',
      type: 'multiple',
      title: '您最关心哪些问题',
      topic: null,
      answered: 2,
      options: [
        { label: '电动车充电', count: 2, percent: 100 },
        { label: '楼道堆物', count: 1, percent: 50 },
        { label: '噪音扰民', count: 0, percent: 0 },
      ],
      distribution: [],
      average: null,
      texts: [],
    },
    {
      questionId: 'advice',
      type: 'text',
      title: '您的意见和建议',
      topic: null,
      answered: 1,
      options: [],
      distribution: [],
      average: null,
      texts: ['希望晚上多巡逻几次'],
    },
  ],
  trend: [
    { month: '2026-10', satisfaction: 4.2, safety: 4.0, answers: 31 },
    { month: '2026-11', satisfaction: 4.4, safety: null, answers: 28 },
    { month: '2026-12', satisfaction: 4.5, safety: 4.6, answers: 2 },
  ],
};

// Every call the pages make must be in the contract, with a valid input and a fixture.
const app = fixtureApp({
    ...residentFixtures,
    'surveys.getForMe': openSurvey,
    'surveys.results': results,
  });

function actions(): string[] {
  return app().calls.map((c) => `${c.name}.${(c.data as { action: string }).action}`);
}

describe('the answer page (opened outside a group)', () => {
  let page: RenderedComponent;

  beforeAll(async () => {
    page = app().openPage(routePath('surveyAnswer'), { id: openSurvey.id });
    await settle(page, (text) => text.includes('您最关心哪些问题'));
  });

  it('shows the survey with its questions, required ones marked', () => {
    const text = textOf(page);
    for (const part of ['梦和园12月群众意见征求', '已有 2 位居民参与', '1. 您对社区民警工作的满意程度', '可以选多项', '电动车充电', '支持']) expect(text).toContain(part);
  });

  it('names the required questions still missing, and fewer as they are answered', async () => {
    expect(textOf(page)).toContain('还有 3 道必答题没有回答：第 1、2、3 题');
    tap(findByText(page, '电动车充电', 'survey-q__option'));
    await settle(page, (text) => text.includes('还有 2 道必答题没有回答：第 1、2 题'));
    const stars = page.dom.querySelectorAll<HTMLElement>('[class*="rate__star"]');
    // The first rating's fourth star, the second rating's fifth.
    tap(stars[3]!);
    await settle(page, (text) => text.includes('第 2 题「您在小区里的安全感」是必答题，请先回答'));
    tap(stars[9]!);
    await settle(page, (text) => !text.includes('必答题'));
    expect(textOf(page)).toContain('4 分 · 比较满意');
    expect(textOf(page)).toContain('5 分 · 很安全');
  });

  it('counts the text answer in Chinese against its 200 characters', () => {
    expect(textOf(page)).toContain('已输入 0 字，还可以输入 200 字');
  });

  it('asked for the survey through wx.cloud.callFunction, with no group arrival (no shareTicket)', () => {
    expect(actions()).toContain('surveys.getForMe');
    expect(actions()).not.toContain('surveys.arrive');
    expect(actions()).not.toContain('surveys.bindGroup');
  });
});

describe('the results page (pkg-survey)', () => {
  let page: RenderedComponent;

  beforeAll(async () => {
    page = app().openPage(routePath('surveyResults'), { id: results.surveyId });
    await settle(page, (text) => text.includes('满意度和安全感走势'));
  });

  it('shows answers, verified members and the answer rate', () => {
    const text = textOf(page);
    expect(text).toContain('梦和园 · 2026年12月 · 进行中');
    expect(text).toMatch(/2\s*份答卷/);
    expect(text).toMatch(/8\s*已核实居民/);
    expect(text).toMatch(/25%\s*作答率/);
  });

  it('shows each question with counts and percentages, the rating average and the texts', () => {
    const text = textOf(page);
    for (const part of ['平均 4.5 分', '电动车充电', '100%', '楼道堆物', '50%', '希望晚上多巡逻几次', '多选题 · 2 人作答']) expect(text).toContain(part);
  });

  it('shows the trend month by month, a month without a figure as a dash', () => {
    const text = textOf(page);
    expect(text).toContain('2026年10月（31 份）');
    expect(text).toMatch(/2026年11月（28 份）\s*4\.4\s*—/);
  });

  it('renders the charts on Canvas 2D nodes', () => {
    // One per choice or rating question plus the trend.
    expect(page.dom.querySelectorAll('canvas, [class*="fq-chart__canvas"]').length).toBe(3);
  });

  it('offers the CSV export', () => {
    expect(textOf(page)).toContain('下载 CSV');
  });
});
