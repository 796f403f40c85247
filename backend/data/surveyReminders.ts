/**
 * `surveyReminders` (issue 10): a resident's "下月问卷提醒", one per resident per community
 * (`_id` derives from both), so asking twice keeps one. `waiting` until the community's next survey
 * is published; then `telling` under the claim of the run that tells it, and `sent` once told. A
 * claim left `telling` (the run stopped) is finished by the scheduler (domain/surveyReminders.ts).
 * Indexes: community_status_requested (the waiting ones at publish, the unfinished ones of a
 * survey), openid (a person's export and deletion).
 */
import { derivedId } from '../platform/ids';
import { cmd, coll, collections, docsOf, getById, putById, removeAllOf, rt, updatedCount } from './db';

export type SurveyReminderStatus = 'waiting' | 'telling' | 'sent';

export interface SurveyReminderDoc {
  _id: string;
  openid: string;
  communityId: string;
  status: SurveyReminderStatus;
  requestedAt: Date;
  /** The survey whose publication consumed it (null while waiting). */
  surveyId: string | null;
  /** The run that took it (each run tells only what it took). */
  claim?: string | null;
  /** When that run took it; a `telling` claim older than the lease belongs to a run that stopped. */
  claimedAt?: Date | null;
  sentAt: Date | null;
}

export const reminderId = (openid: string, communityId: string) => derivedId('survey-reminder', openid, communityId);

export const getReminder = (openid: string, communityId: string) => getById<SurveyReminderDoc>(collections.surveyReminders, reminderId(openid, communityId));

/** Waiting (again): a reminder consumed by an earlier month is armed anew. */
export const armReminder = (doc: SurveyReminderDoc) => putById(collections.surveyReminders, doc);

/** A batch of a community's reminders waiting since `requestedBy` or earlier. */
export async function waitingReminders(communityId: string, requestedBy: Date, limit: number): Promise<SurveyReminderDoc[]> {
  return docsOf<SurveyReminderDoc>(
    await rt(() => coll(collections.surveyReminders).where({ communityId, status: 'waiting', requestedAt: cmd().lte(requestedBy) }).limit(limit).get()),
  );
}

/** A community's reminders since `requestedBy` or earlier not told yet: waiting, or taken by a run (the scheduler's finishing read). */
export async function unfinishedReminders(communityId: string, requestedBy: Date, limit: number): Promise<SurveyReminderDoc[]> {
  return docsOf<SurveyReminderDoc>(
    await rt(() =>
      coll(collections.surveyReminders).where({ communityId, status: cmd().in(['waiting', 'telling']), requestedAt: cmd().lte(requestedBy) }).limit(limit).get()),
  );
}

/**
 * Takes these for `surveyId` under this run's `claim` (waiting → telling), only those still
 * waiting (one round trip); answers how many it took.
 */
export async function claimReminders(ids: string[], surveyId: string, claim: string, now: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const res = await rt(() =>
    coll(collections.surveyReminders).where({ _id: cmd().in(ids), status: 'waiting' }).update({ data: { status: 'telling', surveyId, claim, claimedAt: now, sentAt: null } }),
  );
  return updatedCount(res);
}

/**
 * Takes over claims older than `staleBefore` (their run stopped) under a new `claim`; a claim
 * another finisher took over meanwhile is newer and stays theirs. One round trip.
 */
export async function retakeStaleClaims(ids: string[], staleBefore: Date, claim: string, now: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const res = await rt(() =>
    coll(collections.surveyReminders).where({ _id: cmd().in(ids), status: 'telling', claimedAt: cmd().lte(staleBefore) }).update({ data: { claim, claimedAt: now } }),
  );
  return updatedCount(res);
}

/** Which of these a run's `claim` took (when another run took some of the same batch). */
export async function claimedBy(ids: string[], claim: string): Promise<SurveyReminderDoc[]> {
  if (ids.length === 0) return [];
  return docsOf<SurveyReminderDoc>(await rt(() => coll(collections.surveyReminders).where({ _id: cmd().in(ids), claim }).limit(ids.length).get()));
}

/** Told: telling → sent, only what this `claim` still holds (one round trip). */
export async function markTold(ids: string[], claim: string, now: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const res = await rt(() => coll(collections.surveyReminders).where({ _id: cmd().in(ids), claim, status: 'telling' }).update({ data: { status: 'sent', sentAt: now } }));
  return updatedCount(res);
}

/** Back to waiting (their survey closed before anyone told them): they wait for the next one. */
export async function releaseClaims(ids: string[], claim: string): Promise<number> {
  if (ids.length === 0) return 0;
  const res = await rt(() =>
    coll(collections.surveyReminders).where({ _id: cmd().in(ids), claim, status: 'telling' }).update({ data: { status: 'waiting', surveyId: null, claim: null, claimedAt: null } }),
  );
  return updatedCount(res);
}

export const removeRemindersOf = (openid: string) => removeAllOf(collections.surveyReminders, openid);
