/**
 * `surveyReminders` (issue 10): a resident's "下月问卷提醒", one per resident per community
 * (`_id` derives from both), so asking twice keeps one. `waiting` until the community's next survey
 * is published, then `sent` with the survey that consumed it. Indexes: community_status_requested
 * (the waiting ones at publish), openid (a person's export and deletion).
 */
import { derivedId } from '../platform/ids';
import { cmd, coll, collections, docsOf, getById, putById, removeAllOf, rt, updatedCount } from './db';

export type SurveyReminderStatus = 'waiting' | 'sent';

export interface SurveyReminderDoc {
  _id: string;
  openid: string;
  communityId: string;
  status: SurveyReminderStatus;
  requestedAt: Date;
  /** The survey whose publication consumed it (null while waiting). */
  surveyId: string | null;
  /** The run that consumed it (each run tells only what it took). */
  claim?: string | null;
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

/**
 * Marks these as consumed by `surveyId` under this run's `claim`, only those still waiting (one round
 * trip); answers how many it took.
 */
export async function consumeReminders(ids: string[], surveyId: string, claim: string, now: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const res = await rt(() =>
    coll(collections.surveyReminders).where({ _id: cmd().in(ids), status: 'waiting' }).update({ data: { status: 'sent', surveyId, claim, sentAt: now } }),
  );
  return updatedCount(res);
}

/** Which of these a run's `claim` took (when another run took some of the same batch). */
export async function claimedBy(ids: string[], claim: string): Promise<SurveyReminderDoc[]> {
  if (ids.length === 0) return [];
  return docsOf<SurveyReminderDoc>(await rt(() => coll(collections.surveyReminders).where({ _id: cmd().in(ids), claim }).limit(ids.length).get()));
}

export const removeRemindersOf = (openid: string) => removeAllOf(collections.surveyReminders, openid);
