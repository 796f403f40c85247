/**
 * "下月问卷提醒" (issue 10): a resident asks to be told when their community's next survey is
 * published. The page first asks WeChat for the one-time subscribe message (scene
 * `onSurveyReminder`), then records the opt-in here. Publishing the survey tells every waiting
 * resident once (subscribe message + in-app, through the notifier) and consumes the opt-in.
 *
 * Tell, then mark: a run takes a batch under its own claim (waiting → telling), tells it, and only
 * then marks it sent. A run that stops between any two steps leaves its batch `telling`, or still
 * waiting; the scheduler finishes it (`finishReminderRuns`). Each resident is told by the one run
 * holding their claim, and a finisher that takes over a stopped run's claim first asks the
 * notifier's records (ids derived from the event) whether that run told them already.
 */
import type { FnOutput, FnParsedInput } from '../../types/registry';
import { existingNotificationIds } from '../data/notifications';
import {
  armReminder, claimedBy, claimReminders, markTold, releaseClaims, reminderId, retakeStaleClaims, unfinishedReminders, waitingReminders, type SurveyReminderDoc,
} from '../data/surveyReminders';
import { clearRemindersPending, surveysWithPendingReminders, type SurveyDoc } from '../data/surveys';
import { randomId } from '../platform/ids';
import { minutesLater } from '../platform/time';
import type { CallContext } from './callContext';
import { notificationId, notifyAll, type NotificationDraft } from './notifier';
import { organisation } from './organisation';
import { pages } from './pages';
import { monthLabel } from './surveyCalendar';

/** Waiting reminders read per batch at publish; a community has at most a few thousand residents. */
const BATCH = 100;
const MAX_BATCHES = 30;
/**
 * A claim older than this belongs to a run that stopped: the platform ends every function that
 * tells (surveys 15 s, scheduler 60 s: cloudfunctions/<name>/config.json) long before.
 */
export const CLAIM_LEASE_MINUTES = 5;
/** The scheduler's bound: surveys finished per tick, and their reminders read per survey. */
const FINISH_SURVEYS = 5;
const FINISH_BATCH = 50;

export async function remindMe(_input: FnParsedInput<'surveys.remindMe'>, ctx: CallContext): Promise<FnOutput<'surveys.remindMe'>> {
  const communityId = ctx.user!.communityId!;
  await armReminder({ _id: reminderId(ctx.openid, communityId), openid: ctx.openid, communityId, status: 'waiting', requestedAt: ctx.now, surveyId: null, sentAt: null });
  return { remindNext: true };
}

const eventKeyOf = (surveyId: string) => `survey:${surveyId}:published`;

/** Which of `rows` this run's `claim` holds, after a compare-and-set that took `taken` of them. */
async function heldBy(rows: SurveyReminderDoc[], taken: number, claim: string): Promise<SurveyReminderDoc[]> {
  if (taken === rows.length) return rows;
  return taken === 0 ? [] : claimedBy(rows.map((r) => r._id), claim);
}

/** Tells what `claim` holds, then marks it told; stopping in between leaves it for the scheduler. */
async function tellAndMark(s: SurveyDoc, communityName: string, held: SurveyReminderDoc[], claim: string, now: Date): Promise<void> {
  await notifyAll(held.map((r) => reminderDraft(s, communityName, r.openid)), now);
  await markTold(held.map((r) => r._id), claim, now);
}

/** Takes these waiting reminders under a claim of this run's own, tells and marks what it took. */
async function tellWaiting(s: SurveyDoc, communityName: string, waiting: SurveyReminderDoc[], now: Date): Promise<number> {
  const claim = randomId();
  const held = await heldBy(waiting, await claimReminders(waiting.map((r) => r._id), s._id, claim, now), claim);
  await tellAndMark(s, communityName, held, claim, now);
  return held.length;
}

/**
 * The survey is published: tell the community's residents who were waiting by then (later opt-ins
 * wait for the next survey), a batch at a time. A concurrent or repeated run tells nobody twice:
 * each takes only what is still waiting. Publish runs it again on a re-publish; the scheduler
 * finishes what a stopped run left (`finishReminderRuns`).
 */
export async function remindWaiting(s: SurveyDoc, communityName: string, now: Date): Promise<number> {
  const cutoff = s.publishedAt ?? now;
  let told = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const waiting = await waitingReminders(s.communityId, cutoff, BATCH);
    if (waiting.length === 0) break;
    told += await tellWaiting(s, communityName, waiting, now);
    if (waiting.length < BATCH) break;
  }
  return told;
}

/**
 * Claims of a stopped run (older than the lease): taken over under a new claim (a concurrent
 * finisher gets none of the same), then those the stopped run had told already (their records
 * exist) are only marked; the others are told, or, when the survey has closed meanwhile, wait for
 * the next one.
 */
async function finishStale(s: SurveyDoc, communityName: string, stale: SurveyReminderDoc[], now: Date, open: boolean): Promise<number> {
  const claim = randomId();
  const staleBefore = minutesLater(now, -CLAIM_LEASE_MINUTES);
  const held = await heldBy(stale, await retakeStaleClaims(stale.map((r) => r._id), staleBefore, claim, now), claim);
  const idOf = (r: SurveyReminderDoc) => notificationId({ eventKey: eventKeyOf(s._id), openid: r.openid });
  const recorded = await existingNotificationIds(held.map(idOf));
  const untold = held.filter((r) => !recorded.has(idOf(r)));
  if (open) {
    await notifyAll(untold.map((r) => reminderDraft(s, communityName, r.openid)), now);
    await markTold(held.map((r) => r._id), claim, now);
    return untold.length;
  }
  await markTold(held.filter((r) => recorded.has(idOf(r))).map((r) => r._id), claim, now);
  await releaseClaims(untold.map((r) => r._id), claim);
  return 0;
}

/** One survey's unfinished run: one batch this tick; once nothing is left, the survey's mark is cleared. */
async function finishSurvey(s: SurveyDoc, communityName: string, now: Date): Promise<number> {
  const open = s.status === 'published' && s.closesAt.getTime() > now.getTime();
  const rows = await unfinishedReminders(s.communityId, s.publishedAt ?? now, FINISH_BATCH);
  // A closed survey tells nobody more: its waiting reminders wait for the next one.
  const waiting = open ? rows.filter((r) => r.status === 'waiting') : [];
  // Another survey's claims are that survey's to finish (its own mark stays until they are).
  const claims = rows.filter((r) => r.status === 'telling' && r.surveyId === s._id);
  if (waiting.length === 0 && claims.length === 0) {
    await clearRemindersPending(s._id);
    return 0;
  }
  const staleBefore = minutesLater(now, -CLAIM_LEASE_MINUTES).getTime();
  // Younger claims belong to a run still going (a publish at this moment): left to it.
  const stale = claims.filter((r) => r.claimedAt && r.claimedAt.getTime() <= staleBefore);
  let told = waiting.length > 0 ? await tellWaiting(s, communityName, waiting, now) : 0;
  if (stale.length > 0) told += await finishStale(s, communityName, stale, now, open);
  return told;
}

/**
 * The scheduler's step: publishes whose reminder run may not have finished (the survey's
 * `remindersPending`, set by the publish) are finished, a bounded batch per tick: one indexed read
 * when there are none. Running it beside a publish, or twice at once, tells nobody twice.
 */
export async function finishReminderRuns(now: Date): Promise<number> {
  const pending = await surveysWithPendingReminders(FINISH_SURVEYS);
  if (pending.length === 0) return 0;
  const org = await organisation(now);
  let told = 0;
  for (const s of pending) told += await finishSurvey(s, org.community(s.communityId)?.name ?? '', now);
  return told;
}

function reminderDraft(s: SurveyDoc, communityName: string, openid: string): NotificationDraft {
  const name = `${monthLabel(s.month)}${s.title}`;
  return {
    openid, kind: 'survey_ready', title: `${communityName} · ${monthLabel(s.month)}问卷已发布`,
    body: '您订阅的社区群众意见问卷已发布，欢迎填写，每人一份', caseId: null, eventKey: eventKeyOf(s._id),
    message: { template: 'surveyReminder', page: pages.surveyAnswer(s._id), values: { thing1: name, thing2: communityName, time3: s.closesAt, thing4: '问卷已发布，点击填写' } },
  };
}
