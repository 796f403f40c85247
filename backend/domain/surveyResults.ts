/**
 * Results of a survey (issue 10), computed by the database: per question the people who answered
 * it, per option / score a count, the texts (without names); the answer rate against the
 * community's verified members; the month-over-month trend of the two tracked ratings. Three
 * aggregations in parallel, each opening with an indexed `$match`. And the CSV export.
 */
import type { FnOutput, FnParsedInput } from '../../types/registry';
import type { QuestionResult, SurveyQuestion, SurveyResults, TrendPoint } from '../../types/survey';
import { answersPage, answersPerMonth, countsPerValue, respondentsPerQuestion, topicAverages, type SurveyAnswerDoc } from '../data/surveyAnswers';
import type { SurveyDoc } from '../data/surveys';
import { countMembers } from '../data/users';
import { toCsv, type CsvColumn } from '../platform/csv';
import { AppError } from '../platform/errors';
import { chinaTime, iso } from '../platform/time';
import type { CallContext } from './callContext';
import { writeExport } from './exportFile';
import { organisation } from './organisation';
import { loadManagedSurvey } from './surveyAccess';
import { needsTodaysMembers, surveyInvited } from './surveyAudience';
import { monthsEndingWith } from './surveyCalendar';
import { surveySummary } from './surveyViews';

const percent = (n: number, of: number): number => (of > 0 ? Math.round((n / of) * 1000) / 10 : 0);
const oneDecimal = (x: number): number => Math.round(x * 10) / 10;
const MAX_TEXTS = 200;

/** Pure: the per-question results from the aggregation rows (exported for the fixture test). */
export function questionResults(
  questions: SurveyQuestion[],
  respondents: Array<{ _id: string; n: number }>,
  counts: Array<{ _id: { q: string; c: number | null; r: number | null }; n: number; texts: Array<string | null> }>,
): QuestionResult[] {
  const answeredBy = new Map(respondents.map((r) => [r._id, r.n]));
  return questions.map((q): QuestionResult => {
    const answered = answeredBy.get(q.id) ?? 0;
    const rows = counts.filter((c) => c._id.q === q.id);
    const base: QuestionResult = { questionId: q.id, type: q.type, title: q.title, topic: q.type === 'rating' ? q.topic : null, answered, options: [], distribution: [], average: null, texts: [] };
    if (q.type === 'single' || q.type === 'multiple') {
      base.options = q.options.map((label, i) => {
        const count = rows.filter((r) => r._id.c === i).reduce((sum, r) => sum + r.n, 0);
        return { label, count, percent: percent(count, answered) };
      });
    } else if (q.type === 'rating') {
      let total = 0;
      let sum = 0;
      base.distribution = [1, 2, 3, 4, 5].map((score) => {
        const count = rows.filter((r) => r._id.r === score).reduce((acc, r) => acc + r.n, 0);
        total += count;
        sum += count * score;
        return { score, count, percent: 0 };
      });
      base.distribution = base.distribution.map((d) => ({ ...d, percent: percent(d.count, total) }));
      base.average = total > 0 ? oneDecimal(sum / total) : null;
    } else {
      base.texts = rows.flatMap((r) => r.texts).filter((t): t is string => typeof t === 'string' && t.length > 0).slice(0, MAX_TEXTS);
    }
    return base;
  });
}

export async function computeResults(s: SurveyDoc): Promise<SurveyResults> {
  const [respondents, counts, todays] = await Promise.all([
    respondentsPerQuestion(s._id), countsPerValue(s._id), needsTodaysMembers(s) ? countMembers(s.communityId, true) : 0,
  ]);
  // The same denominator as the station desk's: a closed month keeps the members it was put to.
  const memberCount = surveyInvited(s, todays);
  return {
    surveyId: s._id,
    answerCount: s.answerCount,
    memberCount,
    answerRate: memberCount > 0 ? percent(s.answerCount, memberCount) : null,
    questions: questionResults(s.questions, respondents, counts),
  };
}

export const TREND_MONTHS = 12;

export async function trendOf(communityId: string, month: string): Promise<TrendPoint[]> {
  const months = monthsEndingWith(month, TREND_MONTHS);
  const [averages, answers] = await Promise.all([topicAverages(communityId, months), answersPerMonth(communityId, months)]);
  const points = months.map((m): TrendPoint => {
    const avg = (t: 'satisfaction' | 'safety') => {
      const row = averages.find((a) => a._id.m === m && a._id.t === t);
      return row ? oneDecimal(row.avg) : null;
    };
    return { month: m, satisfaction: avg('satisfaction'), safety: avg('safety'), answers: answers.find((a) => a._id === m)?.n ?? 0 };
  });
  // Months before the first survey are not part of the trend.
  const first = points.findIndex((p) => p.answers > 0);
  return first < 0 ? points.slice(-1) : points.slice(first);
}

export async function results(input: FnParsedInput<'surveys.results'>, ctx: CallContext): Promise<FnOutput<'surveys.results'>> {
  const s = await loadManagedSurvey(input.surveyId, ctx);
  if (s.status === 'draft') throw new AppError('CONFLICT', '问卷尚未发布，还没有结果');
  const [r, trend, org] = await Promise.all([computeResults(s), trendOf(s.communityId, s.month), organisation(ctx.now)]);
  return { ...r, survey: surveySummary(s, org), trend };
}

/** Export rows: at most this many answers (a community has a few thousand households). */
const EXPORT_MAX = 5000;
const EXPORT_PAGE = 1000;

export function answerCell(q: SurveyQuestion, a: SurveyAnswerDoc): string | number | null {
  const item = a.items.find((i) => i.questionId === q.id);
  if (!item) return null;
  if (q.type === 'rating') return item.rating;
  if (q.type === 'text') return item.text;
  return (item.choices ?? []).map((c) => q.options[c] ?? '').join('；');
}

/** The CSV of a survey's answers: one row per answer, a column per question; no OPENID, no names. */
export function answersCsv(s: Pick<SurveyDoc, 'questions'>, answers: SurveyAnswerDoc[]): string {
  const columns: CsvColumn<SurveyAnswerDoc & { seq: number }>[] = [
    { header: '序号', value: (a) => a.seq },
    { header: '提交时间', value: (a) => chinaTime(a.createdAt) },
    ...s.questions.map((q): CsvColumn<SurveyAnswerDoc & { seq: number }> => ({ header: q.title, value: (a) => answerCell(q, a) })),
  ];
  const ordered = [...answers].sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime());
  return toCsv(columns, ordered.map((a, i) => ({ ...a, seq: i + 1 })));
}

export async function exportCsv(input: FnParsedInput<'surveys.exportCsv'>, ctx: CallContext): Promise<FnOutput<'surveys.exportCsv'>> {
  const s = await loadManagedSurvey(input.surveyId, ctx);
  if (s.status === 'draft') throw new AppError('CONFLICT', '问卷尚未发布，没有可导出的回答');
  const answers: SurveyAnswerDoc[] = [];
  let after: string | null = null;
  while (answers.length < EXPORT_MAX) {
    const page = await answersPage(s._id, after, EXPORT_PAGE);
    answers.push(...page);
    if (page.length < EXPORT_PAGE) break;
    after = page[page.length - 1]!._id;
  }
  const org = await organisation(ctx.now);
  const community = org.community(s.communityId)?.name ?? s.communityId;
  const file = await writeExport({
    kind: 'survey_answers',
    fileName: `${community}-${s.month}-问卷回答.csv`,
    csv: answersCsv(s, answers),
    actor: ctx,
    detail: `导出${community} ${s.month} 问卷回答，共 ${answers.length} 行`,
  });
  return { fileId: file.fileId, url: file.url, expiresAt: file.expiresAt, rows: answers.length };
}
