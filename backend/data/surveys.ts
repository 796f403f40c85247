/**
 * `surveys`: one per community per month, `_id` = `{communityId}:{YYYY-MM}` (domain/surveyCalendar),
 * so the monthly timer is idempotent. Indexes: community_month (a community's surveys, the
 * resident's current one), station_month (the admin's list), status_closes (closing at month end),
 * card_dirty (the throttled live-card update), reminders_pending (the scheduler finishing a publish's
 * "下月问卷提醒" run).
 */
import type { SurveyQuestion, SurveyStatus } from '../../types/survey';
import { cmd, coll, collections, docsOf, getById, insertWithId, rt, setFields, subPipeline, updatedCount, type SubPipeline } from './db';

/** One shared card (an updatable message); WeChat lets an activity id live 24 hours. */
export interface SurveyShareDoc {
  activityId: string;
  expiresAt: Date;
  sharedBy: string;
  sharedAt: Date;
}

export interface SurveyDoc {
  _id: string;
  stationId: string;
  communityId: string;
  month: string;
  templateId: string;
  title: string;
  intro: string;
  status: SurveyStatus;
  questions: SurveyQuestion[];
  localQuestionIds: string[];
  answerCount: number;
  createdAt: Date;
  publishedAt: Date | null;
  publishedBy: string | null;
  closesAt: Date;
  closedAt: Date | null;
  /** Cards shared into groups, newest last (≤ 20 kept). */
  shares: SurveyShareDoc[];
  /** An answer came in since the cards were last updated (the scheduler updates them, throttled). */
  cardDirty: boolean;
  cardUpdatedAt: Date | null;
  /** The count the cards show, as last pushed. */
  cardCount: number;
  cardEnded: boolean;
  version: number;
  /**
   * The community's verified members when published, refreshed (never lowered) when it closes: the
   * denominator of this survey's answer rate, kept here because the users collection keeps no
   * history. Absent on surveys written before it existed.
   */
  memberCount?: number | null;
  /** Set by the publish; cleared by the scheduler once every reminder waiting by then was told. */
  remindersPending?: boolean;
}

export const getSurvey = (id: string) => getById<SurveyDoc>(collections.surveys, id);

/** False when the month's survey exists already (the timer fired twice). */
export const insertSurvey = (doc: SurveyDoc) => insertWithId(collections.surveys, doc);

export async function insertSurveys(docs: SurveyDoc[]): Promise<void> {
  if (docs.length > 0) await rt(() => coll(collections.surveys).add({ data: docs as unknown as object }));
}

/** Surveys of several communities, newest month first (one round trip per community, in parallel). */
export async function surveysOfCommunities(communityIds: string[], limit: number): Promise<SurveyDoc[]> {
  const rows = await Promise.all(
    communityIds.map((communityId) => rt(() => coll(collections.surveys).where({ communityId }).orderBy('month', 'desc').limit(limit).get())),
  );
  return rows.flatMap((r) => docsOf<SurveyDoc>(r)).sort((a, b) => (a.month < b.month ? 1 : a.month > b.month ? -1 : a.communityId.localeCompare(b.communityId)));
}

export async function surveysOfStation(stationId: string, limit: number): Promise<SurveyDoc[]> {
  return docsOf<SurveyDoc>(await rt(() => coll(collections.surveys).where({ stationId }).orderBy('month', 'desc').limit(limit).get()));
}

/** A community's latest survey (the resident's current one, when published). */
export async function latestOfCommunity(communityId: string): Promise<SurveyDoc | null> {
  return docsOf<SurveyDoc>(await rt(() => coll(collections.surveys).where({ communityId }).orderBy('month', 'desc').limit(1).get()))[0] ?? null;
}

/** Compare-and-set on `version`; false when someone else changed it first. */
export async function updateSurveyAt(id: string, version: number, patch: Partial<Omit<SurveyDoc, '_id' | 'version'>>): Promise<boolean> {
  const res = await rt(() => coll(collections.surveys).where({ _id: id, version }).update({ data: { ...setFields(patch), version: cmd().inc(1) } }));
  return updatedCount(res) === 1;
}

/** One more answer: the count and the card's dirty mark, in one write. */
export async function countAnswer(id: string): Promise<void> {
  await rt(() => coll(collections.surveys).doc(id).update({ data: { answerCount: cmd().inc(1), cardDirty: true } }));
}

/** Surveys whose cards must change: answers they do not show yet, or the end (batch). */
export async function dirtyCards(limit: number): Promise<SurveyDoc[]> {
  return docsOf<SurveyDoc>(await rt(() => coll(collections.surveys).where({ cardDirty: true, status: cmd().in(['published', 'closed']) }).limit(limit).get()));
}

/**
 * The cards now show `count`. The dirty mark is cleared only if no answer came in meanwhile (the
 * count is unchanged); otherwise it stays for the next run.
 */
export async function markCardShown(id: string, count: number, now: Date, ended: boolean): Promise<void> {
  const res = await rt(() => coll(collections.surveys).where({ _id: id, answerCount: count }).update({ data: { cardDirty: false, cardCount: count, cardUpdatedAt: now, cardEnded: ended } }));
  if (updatedCount(res) === 0) await rt(() => coll(collections.surveys).doc(id).update({ data: { cardCount: count, cardUpdatedAt: now, cardEnded: ended } }));
}

/** How many surveys a month has (the timer creates the missing ones only). */
export async function countOfMonth(month: string): Promise<number> {
  const res = await rt(() => coll(collections.surveys).where({ month }).count());
  const total = (res as { total?: unknown }).total;
  return typeof total === 'number' ? total : 0;
}

/** The months' ids that exist among `ids` (one round trip). */
export async function existingIds(ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = docsOf<{ _id: string }>(await rt(() => coll(collections.surveys).where({ _id: cmd().in(ids) }).field({ _id: true }).limit(ids.length).get()));
  return new Set(rows.map((r) => r._id));
}

/** Surveys by id (a person's export names the questions they answered; one round trip). */
export async function surveysByIds(ids: string[]): Promise<SurveyDoc[]> {
  if (ids.length === 0) return [];
  return docsOf<SurveyDoc>(await rt(() => coll(collections.surveys).where({ _id: cmd().in(ids) }).limit(ids.length).get()));
}

/** Open surveys (draft or published) whose month is over (batch). */
export async function openPastClose(now: Date, limit: number): Promise<SurveyDoc[]> {
  return docsOf<SurveyDoc>(await rt(() => coll(collections.surveys).where({ status: cmd().in(['draft', 'published']), closesAt: cmd().lte(now) }).limit(limit).get()));
}

/** Closed; a published survey's member count refreshed with it (`memberCount`, when given). */
export async function closeSurvey(id: string, now: Date, memberCount?: number): Promise<void> {
  const members = memberCount === undefined ? {} : { memberCount };
  await rt(() => coll(collections.surveys).doc(id).update({ data: { status: 'closed', closedAt: now, cardDirty: true, ...members, version: cmd().inc(1) } }));
}

/** Published surveys whose "下月问卷提醒" run may not have finished (batch; index reminders_pending). */
export async function surveysWithPendingReminders(limit: number): Promise<SurveyDoc[]> {
  return docsOf<SurveyDoc>(await rt(() => coll(collections.surveys).where({ remindersPending: true }).limit(limit).get()));
}

/** Every reminder of the survey's publication is told (no version bump: staff edits are not raced). */
export async function clearRemindersPending(id: string): Promise<void> {
  await rt(() => coll(collections.surveys).doc(id).update({ data: { remindersPending: false } }));
}

/**
 * issue 12: the station's published surveys of some months with their answer counts, per
 * (community, month), as a desk sub-pipeline (index station_month). Drafts were never answered.
 * A (community, month) holds one survey, so `max` is that survey's status and member count (null
 * when it has none).
 */
export function surveyCountsPipeline(stationId: string, months: string[], communityIds?: string[]): SubPipeline {
  const _ = cmd();
  const narrow = communityIds ? { communityId: _.in(communityIds) } : {};
  return subPipeline(collections.surveys, (p) =>
    p.match({ stationId, month: _.in(months), status: _.neq('draft'), ...narrow })
      .group({
        _id: { communityId: '$communityId', month: '$month' }, answers: _.aggregate.sum('$answerCount'),
        status: _.aggregate.max('$status'), memberCount: _.aggregate.max('$memberCount'),
      })
      .limit(1000));
}

/** issue 12: a station's surveys of some months (the desk's answer export), oldest month first (index station_month). */
export async function surveysOfStationMonths(stationId: string, months: string[]): Promise<SurveyDoc[]> {
  return docsOf<SurveyDoc>(await rt(() =>
    coll(collections.surveys).where({ stationId, month: cmd().in(months) }).orderBy('month', 'asc').limit(200).get()));
}
