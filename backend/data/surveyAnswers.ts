/**
 * `surveyAnswers`: one per resident per survey. `_id` derives from (survey, OPENID) and the
 * declared unique index survey_openid says the same, so concurrent submits leave one answer.
 * `openid` is kept for "my answer" only: staff read aggregates (`aggregate` below) and exports
 * that never carry it. Indexes: survey_openid (unique), community_month (the trend), openid (a
 * person's export and deletion).
 */
import type { SurveyTopic } from '../../types/survey';
import { derivedId } from '../platform/ids';
import { cmd, coll, collections, db, docsOf, getById, insertWithId, removeAllOf, rt, subPipeline, type SubPipeline } from './db';

export interface AnswerItemDoc {
  questionId: string;
  /** Chosen option indexes (single: one); absent for ratings and texts. */
  choices: number[] | null;
  rating: number | null;
  text: string | null;
  /** Copied from a rating question so the trend aggregates without the survey. */
  topic: SurveyTopic | null;
}

export interface SurveyAnswerDoc {
  _id: string;
  surveyId: string;
  communityId: string;
  month: string;
  openid: string;
  items: AnswerItemDoc[];
  createdAt: Date;
}

export const answerId = (surveyId: string, openid: string) => derivedId('survey-answer', surveyId, openid);

export const getAnswer = (surveyId: string, openid: string) => getById<SurveyAnswerDoc>(collections.surveyAnswers, answerId(surveyId, openid));

/** issue 10: which of these surveys this resident answered (by the derived ids: one round trip). */
export async function answeredAmong(surveyIds: string[], openid: string): Promise<Set<string>> {
  if (surveyIds.length === 0) return new Set();
  const ids = surveyIds.map((id) => answerId(id, openid));
  const rows = docsOf<{ surveyId: string }>(await rt(() => coll(collections.surveyAnswers).where({ _id: cmd().in(ids) }).field({ surveyId: true }).limit(ids.length).get()));
  return new Set(rows.map((r) => r.surveyId));
}

/** False when this resident already answered (the unique id / index refused the second one). */
export const insertAnswer = (doc: SurveyAnswerDoc) => insertWithId(collections.surveyAnswers, doc);

/** Seed history: many at once, idempotent by id is not needed (fresh store). */
export async function insertAnswers(docs: SurveyAnswerDoc[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 500) await rt(() => coll(collections.surveyAnswers).add({ data: docs.slice(i, i + 500) as unknown as object }));
}

export interface OptionCountRow {
  _id: { q: string; c: number | null; r: number | null };
  n: number;
  texts: Array<string | null>;
}

/** Per question: how many answered it (one round trip). */
export async function respondentsPerQuestion(surveyId: string): Promise<Array<{ _id: string; n: number }>> {
  const $ = db().command.aggregate;
  const res = await rt(() =>
    coll(collections.surveyAnswers).aggregate().match({ surveyId }).unwind('$items').group({ _id: '$items.questionId', n: $.sum(1) }).limit(100).end(),
  );
  return ((res as { list?: unknown[] }).list ?? []) as Array<{ _id: string; n: number }>;
}

/** Per (question, chosen option, rating): a count; text answers pushed (one round trip). */
export async function countsPerValue(surveyId: string): Promise<OptionCountRow[]> {
  const $ = db().command.aggregate;
  const res = await rt(() =>
    coll(collections.surveyAnswers)
      .aggregate()
      .match({ surveyId })
      .sort({ createdAt: -1 })
      .unwind('$items')
      .unwind({ path: '$items.choices', preserveNullAndEmptyArrays: true })
      .group({ _id: { q: '$items.questionId', c: '$items.choices', r: '$items.rating' }, n: $.sum(1), texts: $.push('$items.text') })
      .limit(1000)
      .end(),
  );
  return ((res as { list?: unknown[] }).list ?? []) as OptionCountRow[];
}

/** Average of each topic's rating per month over a community's months (one round trip). */
export async function topicAverages(communityId: string, months: string[]): Promise<Array<{ _id: { m: string; t: SurveyTopic }; avg: number; n: number }>> {
  const _ = db().command;
  const $ = _.aggregate;
  const res = await rt(() =>
    coll(collections.surveyAnswers)
      .aggregate()
      .match({ communityId, month: _.in(months) })
      .unwind('$items')
      .match({ 'items.topic': _.in(['satisfaction', 'safety']), 'items.rating': _.gte(1) })
      .group({ _id: { m: '$month', t: '$items.topic' }, avg: $.avg('$items.rating'), n: $.sum(1) })
      .limit(100)
      .end(),
  );
  return ((res as { list?: unknown[] }).list ?? []) as Array<{ _id: { m: string; t: SurveyTopic }; avg: number; n: number }>;
}

/** Answers per month for the trend (answers, not items). */
export async function answersPerMonth(communityId: string, months: string[]): Promise<Array<{ _id: string; n: number }>> {
  const _ = db().command;
  const res = await rt(() =>
    coll(collections.surveyAnswers).aggregate().match({ communityId, month: _.in(months) }).group({ _id: '$month', n: _.aggregate.sum(1) }).limit(100).end(),
  );
  return ((res as { list?: unknown[] }).list ?? []) as Array<{ _id: string; n: number }>;
}

/** One page of a survey's answers for the export, in insertion order of `_id` (≤ 1000 per round trip). */
export async function answersPage(surveyId: string, afterId: string | null, limit: number): Promise<SurveyAnswerDoc[]> {
  const _ = db().command;
  const where = afterId ? { surveyId, _id: _.gt(afterId) } : { surveyId };
  return docsOf<SurveyAnswerDoc>(await rt(() => coll(collections.surveyAnswers).where(where).orderBy('_id', 'asc').limit(limit).get()));
}

/** A person's answers (index openid): their own export ("我的信息"). */
export async function answersOfPerson(openid: string, limit: number): Promise<SurveyAnswerDoc[]> {
  return docsOf<SurveyAnswerDoc>(await rt(() => coll(collections.surveyAnswers).where({ openid }).limit(limit).get()));
}

export const removeAnswersOf = (openid: string) => removeAllOf(collections.surveyAnswers, openid);

/**
 * issue 12: per (community, month, topic) the sum and number of the tracked ratings (satisfaction,
 * sense of safety), as a desk sub-pipeline (index community_month).
 */
export function topicSumsPipeline(communityIds: string[], months: string[]): SubPipeline {
  const _ = db().command;
  const $ = _.aggregate;
  return subPipeline(collections.surveyAnswers, (p) =>
    p.match({ communityId: _.in(communityIds), month: _.in(months) })
      .unwind('$items')
      .match({ 'items.topic': _.in(['satisfaction', 'safety']), 'items.rating': _.gte(1) })
      .group({ _id: { c: '$communityId', m: '$month', t: '$items.topic' }, sum: $.sum('$items.rating'), n: $.sum(1) })
      .limit(1000));
}

/**
 * issue 12: answers of several surveys in (surveyId, _id) order, one round trip (index survey_id):
 * every answer of `surveyIds`, or with `afterId` those of the first survey after that answer.
 */
export async function answersOfSurveys(surveyIds: string[], afterId: string | null, limit: number): Promise<SurveyAnswerDoc[]> {
  const _ = db().command;
  const where = afterId ? { surveyId: surveyIds[0], _id: _.gt(afterId) } : { surveyId: _.in(surveyIds) };
  return docsOf<SurveyAnswerDoc>(await rt(() => coll(collections.surveyAnswers).where(where).orderBy('surveyId', 'asc').orderBy('_id', 'asc').limit(limit).get()));
}
