/**
 * The desk's survey-answer export (issue 12): every answer to the published surveys of the period's
 * months in scope, one row per answer and question (surveys differ in their local questions, so a
 * long table is what a spreadsheet can pivot). No OPENID, no names: an answer is its survey, its
 * number within the survey and its time.
 */
import type { SurveyQuestion } from '../../types/survey';
import { answersPage } from '../data/surveyAnswers';
import { surveysOfStationMonths, type SurveyDoc } from '../data/surveys';
import { toCsv, type CsvColumn } from '../platform/csv';
import { AppError } from '../platform/errors';
import { chinaTime } from '../platform/time';
import type { DeskPlaces } from './deskScope';
import type { ExportPart } from './deskVisitExport';
import type { Organisation } from './organisation';
import { answerCell } from './surveyResults';

/** Answers per part (each read in pages of this size per survey). */
export const SURVEY_PART_ANSWERS = 1000;

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
  afterId: string | null;
  seq: number;
}

const encode = (p: Position) => `${p.surveyId}|${p.afterId ?? ''}|${p.seq}`;

function decode(cursor: string | undefined): Position | null {
  if (cursor === undefined) return null;
  const [surveyId, afterId, seq] = cursor.split('|');
  if (!surveyId || afterId === undefined || !/^\d+$/.test(seq ?? '')) throw new AppError('INVALID_INPUT', '导出位置无效，请重新导出', 'cursor');
  return { surveyId, afterId: afterId || null, seq: Number(seq) };
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
  const surveys = (await surveysOfStationMonths(stationId, months))
    .filter((s) => s.status !== 'draft' && inScope.has(s.communityId))
    .sort((a, b) => a.month.localeCompare(b.month) || (org.community(a.communityId)?.order ?? 0) - (org.community(b.communityId)?.order ?? 0));
  let at = decode(cursor);
  const start = at ? surveys.findIndex((s) => s._id === at!.surveyId) : 0;
  if (start < 0) throw new AppError('INVALID_INPUT', '导出位置无效，请重新导出', 'cursor');
  const rows: Row[] = [];
  let answers = 0;
  let next: Position | null = null;
  for (let i = start; i < surveys.length; i++) {
    const survey = surveys[i]!;
    let afterId = at?.surveyId === survey._id ? at.afterId : null;
    let seq = at?.surveyId === survey._id ? at.seq : 0;
    for (;;) {
      const room = SURVEY_PART_ANSWERS - answers;
      if (room === 0) {
        next = { surveyId: survey._id, afterId, seq };
        break;
      }
      const page = await answersPage(survey._id, afterId, room);
      for (const a of page) {
        seq++;
        survey.questions.forEach((question, index) => rows.push({ survey, seq, at: a.createdAt, index: index + 1, question, answer: answerCell(question, a) }));
        afterId = a._id;
      }
      answers += page.length;
      if (page.length < room) break;
    }
    if (next) break;
    at = null;
  }
  return { csv: toCsv(columns(org), rows), rows: rows.length, answers, nextCursor: next ? encode(next) : null };
}
