/**
 * The desk's survey-answer export (issue 12): every answer to the published surveys of the period's
 * months in scope, one row per answer and question (surveys differ in their local questions, so a
 * long table is what a spreadsheet can pivot). No OPENID, no names: an answer is its survey, its
 * number within the survey and its time.
 */
import type { SurveyQuestion } from '../../types/survey';
import { answersOfSurveys } from '../data/surveyAnswers';
import { surveysOfStationMonths, type SurveyDoc } from '../data/surveys';
import { toCsv, type CsvColumn } from '../platform/csv';
import { AppError } from '../platform/errors';
import { chinaTime } from '../platform/time';
import type { DeskPlaces } from './deskScope';
import type { ExportPart } from './deskVisitExport';
import type { Organisation } from './organisation';
import { answerCell } from './surveyResults';

/** Answers per part (a read answers at most 1000 documents). */
export const SURVEY_PART_ANSWERS = 500;

interface Row {
  survey: SurveyDoc;
  seq: number;
  at: Date;
  index: number;
  question: SurveyQuestion;
  answer: string | number | null;
}

/** Where a part stopped: the survey, the last answer's id, and the answers numbered so far in it. */
interface Position {
  surveyId: string;
  afterId: string;
  seq: number;
}

const encode = (p: Position) => `${p.surveyId}|${p.afterId}|${p.seq}`;

function decode(cursor: string | undefined): Position | null {
  if (cursor === undefined) return null;
  const [surveyId, afterId, seq] = cursor.split('|');
  if (!surveyId || !afterId || !/^\d+$/.test(seq ?? '')) throw new AppError('INVALID_INPUT', '导出位置无效，请重新导出', 'cursor');
  return { surveyId, afterId, seq: Number(seq) };
}

function columns(org: Organisation): CsvColumn<Row>[] {
  return [
    { header: '月份', value: (r) => r.survey.month },
    { header: '小区', value: (r) => org.community(r.survey.communityId)?.name ?? '' },
    { header: '问卷', value: (r) => r.survey.title },
    { header: '答卷序号', value: (r) => r.seq },
    { header: '提交时间', value: (r) => chinaTime(r.at) },
    { header: '题号', value: (r) => r.index },
    { header: '题目', value: (r) => r.question.title },
    { header: '回答', value: (r) => r.answer },
  ];
}

export async function surveyAnswerExportPart(stationId: string, places: DeskPlaces, months: string[], cursor: string | undefined, org: Organisation): Promise<ExportPart & { answers: number }> {
  const inScope = new Set(places.communityIds);
  const surveys = new Map((await surveysOfStationMonths(stationId, months)).filter((s) => s.status !== 'draft' && inScope.has(s.communityId)).map((s) => [s._id, s]));
  const ids = [...surveys.keys()].sort();
  const at = decode(cursor);
  if (at && !surveys.has(at.surveyId)) throw new AppError('INVALID_INPUT', '导出位置无效，请重新导出', 'cursor');
  // At most two reads: the rest of the survey the last part stopped in, then the surveys after it.
  const want = SURVEY_PART_ANSWERS + 1;
  const page = at ? await answersOfSurveys([at.surveyId], at.afterId, want) : [];
  const rest = at ? ids.filter((id) => id > at.surveyId) : ids;
  if (page.length < want && rest.length > 0) page.push(...(await answersOfSurveys(rest, null, want - page.length)));
  const taken = page.slice(0, SURVEY_PART_ANSWERS);
  const rows: Row[] = [];
  let current: string | null = at?.surveyId ?? null;
  let seq = at?.seq ?? 0;
  for (const a of taken) {
    if (a.surveyId !== current) {
      current = a.surveyId;
      seq = 0;
    }
    seq++;
    const survey = surveys.get(a.surveyId)!;
    survey.questions.forEach((question, index) => rows.push({ survey, seq, at: a.createdAt, index: index + 1, question, answer: answerCell(question, a) }));
  }
  const last = taken[taken.length - 1];
  const next = page.length > SURVEY_PART_ANSWERS && last ? encode({ surveyId: last.surveyId, afterId: last._id, seq }) : null;
  return { csv: toCsv(columns(org), rows), rows: rows.length, answers: taken.length, nextCursor: next };
}
