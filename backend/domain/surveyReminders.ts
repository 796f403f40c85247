/**
 * "下月问卷提醒" (issue 10): a resident asks to be told when their community's next survey is
 * published. The page first asks WeChat for the one-time subscribe message (scene
 * `onSurveyReminder`), then records the opt-in here. Publishing the survey tells every waiting
 * resident once (subscribe message + in-app, through the notifier) and consumes the opt-in.
 */
import type { FnOutput, FnParsedInput } from '../../types/registry';
import { armReminder, claimedBy, consumeReminders, reminderId, waitingReminders } from '../data/surveyReminders';
import { randomId } from '../platform/ids';
import type { SurveyDoc } from '../data/surveys';
import type { CallContext } from './callContext';
import { notifyAll, type NotificationDraft } from './notifier';
import { pages } from './pages';
import { monthLabel } from './surveyCalendar';

/** Waiting reminders read per batch at publish; a community has at most a few thousand residents. */
const BATCH = 100;
const MAX_BATCHES = 30;

export async function remindMe(_input: FnParsedInput<'surveys.remindMe'>, ctx: CallContext): Promise<FnOutput<'surveys.remindMe'>> {
  const communityId = ctx.user!.communityId!;
  await armReminder({ _id: reminderId(ctx.openid, communityId), openid: ctx.openid, communityId, status: 'waiting', requestedAt: ctx.now, surveyId: null, sentAt: null });
  return { remindNext: true };
}

/**
 * The survey is published: tell the community's residents who were waiting by then (later opt-ins
 * wait for the next survey). Each batch is consumed under a claim of its own before it is told,
 * and only what this run took is told, so a concurrent or repeated run tells nobody twice; the
 * in-app records' ids derive from the survey besides. Publish runs it again on a re-publish, which
 * finishes a run that stopped half-way.
 */
export async function remindWaiting(s: SurveyDoc, communityName: string, now: Date): Promise<number> {
  const cutoff = s.publishedAt ?? now;
  let told = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const waiting = await waitingReminders(s.communityId, cutoff, BATCH);
    if (waiting.length === 0) break;
    const ids = waiting.map((r) => r._id);
    const claim = randomId();
    const consumed = await consumeReminders(ids, s._id, claim, now);
    const mine = consumed === waiting.length ? waiting : consumed === 0 ? [] : await claimedBy(ids, claim);
    await notifyAll(mine.map((r) => reminderDraft(s, communityName, r.openid)), now);
    told += mine.length;
    if (waiting.length < BATCH) break;
  }
  return told;
}

function reminderDraft(s: SurveyDoc, communityName: string, openid: string): NotificationDraft {
  const name = `${monthLabel(s.month)}${s.title}`;
  return {
    openid, kind: 'survey_ready', title: `${communityName} · ${monthLabel(s.month)}问卷已发布`,
    body: '您订阅的社区群众意见问卷已发布，欢迎填写，每人一份', caseId: null, eventKey: `survey:${s._id}:published`,
    message: { template: 'surveyReminder', page: pages.surveyAnswer(s._id), values: { thing1: name, thing2: communityName, time3: s.closesAt, thing4: '问卷已发布，点击填写' } },
  };
}
