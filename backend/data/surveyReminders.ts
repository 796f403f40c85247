/**
 * `surveyReminders` (issue 10): a resident's "下月问卷提醒", one per resident per community
 * (`_id` derives from both), so asking twice keeps one. `waiting` until the community's next survey
 * is published, then `sent` with the survey that consumed it. Indexes: community_status (the
 * waiting ones at publish), openid (a person's export and deletion).
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
  sentAt: Date | null;
}

export const reminderId = (openid: string, communityId: string) => derivedId('survey-reminder', openid, communityId);

export const getReminder = (openid: string, communityId: string) => getById<SurveyReminderDoc>(collections.surveyReminders, reminderId(openid, communityId));

/** Waiting (again): a reminder consumed by an earlier month is armed anew. */
export const armReminder = (doc: SurveyReminderDoc) => putById(collections.surveyReminders, doc);

/** A batch of a community's waiting reminders. */
export async function waitingReminders(communityId: string, limit: number): Promise<SurveyReminderDoc[]> {
  return docsOf<SurveyReminderDoc>(await rt(() => coll(collections.surveyReminders).where({ communityId, status: 'waiting' }).limit(limit).get()));
}

/** Marks these as consumed by `surveyId`, only those still waiting (one round trip); answers how many. */
export async function consumeReminders(ids: string[], surveyId: string, now: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const res = await rt(() =>
    coll(collections.surveyReminders).where({ _id: cmd().in(ids), status: 'waiting' }).update({ data: { status: 'sent', surveyId, sentAt: now } }),
  );
  return updatedCount(res);
}

export const removeRemindersOf = (openid: string) => removeAllOf(collections.surveyReminders, openid);
