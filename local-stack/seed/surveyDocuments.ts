/**
 * The demo station's surveys (issue 10): the station's template (the built-in questions), six past
 * months of closed surveys per community with plausible answers from its residents (so the trend
 * chart has data on first start: satisfaction and sense of safety drifting up with some noise), and
 * this month's survey of every community in draft, as the timer leaves it for the officer to publish.
 */
import type { SurveyAnswerDoc, AnswerItemDoc } from '../../backend/data/surveyAnswers';
import { answerId } from '../../backend/data/surveyAnswers';
import type { SurveyDoc } from '../../backend/data/surveys';
import type { SurveyTemplateDoc } from '../../backend/data/surveyTemplates';
import { monthEnd, monthOf, monthsEndingWith, monthStart, surveyIdOf } from '../../backend/domain/surveyCalendar';
import { defaultTemplate } from '../../backend/domain/surveyTemplates';
import { SURVEY_INTRO } from '../../backend/domain/surveyTimer';
import type { SeedDocuments } from './documents';

export interface SurveySeed {
  surveyTemplates: SurveyTemplateDoc[];
  surveys: SurveyDoc[];
  surveyAnswers: SurveyAnswerDoc[];
}

const PAST_MONTHS = 6;

/** A repeatable number in [0, 1) from a text (FNV-1a), so the demo is the same on every start. */
function unit(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0) / 2 ** 32;
}

const clampScore = (x: number) => Math.min(5, Math.max(1, Math.round(x)));

const SUGGESTIONS = [
  '晚上小区门口的路灯坏了，希望尽快修好',
  '电动车在楼道充电的还是有，建议多检查',
  '民警来得勤了，感觉安心不少',
  '希望多开展防诈骗宣传，老人容易上当',
  '停车位太少，消防通道经常被占',
  '快递柜附近有人乱停车',
  '建议在东门加装监控',
  '感谢民警帮忙调解邻里矛盾',
];

function answerItems(key: string, progress: number): AnswerItemDoc[] {
  // progress 0 → 1 over the six months: the station's numbers improve, with each person's own bias.
  const bias = unit(`${key}:bias`) - 0.5;
  const satisfaction = clampScore(3.5 + progress * 0.8 + bias * 1.6 + (unit(`${key}:s`) - 0.5));
  const safety = clampScore(3.3 + progress * 0.9 + bias * 1.4 + (unit(`${key}:f`) - 0.5));
  const concerns = [0, 1, 2, 3, 4, 5].filter((i) => unit(`${key}:c${i}`) < [0.45, 0.55, 0.2, 0.3, 0.4, 0.15][i]!);
  const patrol = unit(`${key}:p`) < 0.5 + progress * 0.3 ? 0 : unit(`${key}:p2`) < 0.6 ? 1 : 2;
  const items: AnswerItemDoc[] = [
    { questionId: 'satisfaction', choices: null, rating: satisfaction, text: null, topic: 'satisfaction' },
    { questionId: 'safety', choices: null, rating: safety, text: null, topic: 'safety' },
    { questionId: 'patrol', choices: [patrol], rating: null, text: null, topic: null },
  ];
  if (concerns.length > 0) items.push({ questionId: 'concerns', choices: concerns, rating: null, text: null, topic: null });
  if (unit(`${key}:t`) < 0.25) items.push({ questionId: 'suggestion', choices: null, rating: null, text: SUGGESTIONS[Math.floor(unit(`${key}:tt`) * SUGGESTIONS.length)]!, topic: null });
  return items;
}

export function surveyDocuments(docs: Pick<SeedDocuments, 'stations' | 'communities' | 'users'>, now: Date): SurveySeed {
  const templates = docs.stations.map((s) => defaultTemplate(s._id, now));
  const template = (stationId: string) => templates.find((t) => t.stationId === stationId) ?? defaultTemplate(stationId, now);
  const current = monthOf(now);
  const past = monthsEndingWith(current, PAST_MONTHS + 1).slice(0, PAST_MONTHS);
  const surveys: SurveyDoc[] = [];
  const answers: SurveyAnswerDoc[] = [];
  for (const c of docs.communities) {
    const t = template(c.stationId);
    const residents = docs.users.filter((u) => u.communityId === c._id && u.roles.includes('resident'));
    const base = (month: string, status: SurveyDoc['status']): SurveyDoc => ({
      _id: surveyIdOf(c._id, month), stationId: c.stationId, communityId: c._id, month, templateId: t._id, title: t.name, intro: SURVEY_INTRO,
      status, questions: t.questions, localQuestionIds: [], answerCount: 0, createdAt: monthStart(month),
      publishedAt: status === 'draft' ? null : new Date(monthStart(month).getTime() + 2 * 86_400_000), publishedBy: null,
      closesAt: monthEnd(month), closedAt: status === 'closed' ? monthEnd(month) : null, shares: [],
      cardDirty: false, cardUpdatedAt: null, cardCount: 0, cardEnded: status === 'closed', version: 0,
    });
    past.forEach((month, index) => {
      const s = base(month, 'closed');
      const progress = index / (PAST_MONTHS - 1);
      // About half to three quarters of the residents answer each month.
      const rate = 0.45 + 0.3 * unit(`${c._id}:${month}:rate`);
      const who = residents.filter((u) => unit(`${u._id}:${month}:answers`) < rate);
      for (const u of who) {
        const day = 3 + Math.floor(unit(`${u._id}:${month}:day`) * 20);
        answers.push({
          _id: answerId(s._id, u._id), surveyId: s._id, communityId: c._id, month, openid: u._id,
          items: answerItems(`${u._id}:${month}`, progress), createdAt: new Date(monthStart(month).getTime() + day * 86_400_000 + 11 * 3_600_000),
        });
      }
      s.answerCount = who.length;
      s.cardCount = who.length;
      surveys.push(s);
    });
    surveys.push(base(current, 'draft'));
  }
  return { surveyTemplates: templates, surveys, surveyAnswers: answers };
}
