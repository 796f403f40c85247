/**
 * One scheduler run (timer trigger, every minute): one sweep over the cases whose `sweepAt` has come
 * (escalate those not accepted in time, remind residents to rate, close resolved cases left
 * unrated, a mediation's one-month limit and follow-up: domain/mediationSweep.ts, anonymise finished
 * cases past the retention period), the surveys' timer work and any "下月问卷提醒" run a publish left
 * half-way, then retry the subscribe messages that are due. Each sweep takes a bounded batch, so a
 * run costs the same whatever the size of the data; what is left waits for the next minute. Every
 * case change is a transition of domain/caseLifecycle.ts.
 */
import type { TickOutput } from '../../types/scheduler';
import { dueForSweep, type CaseDoc } from '../data/cases';
import { duePushes } from '../data/notifications';
import type { StationDoc } from '../data/stations';
import { AppError } from '../platform/errors';
import { applyTransition, resyncSweep, type Transition } from './caseLifecycle';
import { notificationTitle } from './caseNotifications';
import type { NotificationDraft } from './notifier';
import { mediationSweepTransition } from './mediationSweep';
import { organisation } from './organisation';
import { pages } from './pages';
import { retryPush } from './pushSender';
import { anonymiseExpired, retentionDue } from './residentRights';
import { auditSweepDue, sweepAuditRetention } from './audit';
import { autoCloseAt, autoCloseText, serviceLevels } from './serviceLevels';
import { entry, systemActor } from './timeline';
import { surveySweep } from './surveyTimer';
import { sweepVisitReminders } from './visitReminders';
import { backfillQueueAt } from './queueBackfill';
import { finishReminderRuns } from './surveyReminders';

export const BATCH = 50;

async function retryPushes(now: Date): Promise<TickOutput['outbox']> {
  const due = await duePushes(now, BATCH);
  const result = { attempted: 0, sent: 0, failed: 0, gaveUp: 0 };
  // A few at a time: WeChat rate-limits sends, and the instance has one CPU.
  for (let i = 0; i < due.length; i += 5) {
    const outcomes = await Promise.all(due.slice(i, i + 5).map((n) => retryPush(n, now)));
    for (const o of outcomes) {
      // Taken by another sweep meanwhile: not ours to count.
      if (o === 'taken') continue;
      result.attempted++;
      if (o === 'sent') result.sent++;
      else if (o === 'failed') result.gaveUp++;
      else result.failed++;
    }
  }
  return result;
}

/** The internal timeline text of an escalation (the seed writes the same words into its history). */
export const ESCALATION_TEXT = '超过受理时限，已报派出所督办';

/**
 * Who hears about an escalation and what they read: every station admin (督办) and the assignee.
 * `eventId` is the escalation's timeline entry id. Exported for the demo seed's history.
 */
export function escalationNotifications(
  c: Pick<CaseDoc, '_id' | 'title' | 'gridName' | 'assigneeId' | 'assigneeName' | 'slaDueAt'>,
  station: Pick<StationDoc, 'adminIds'> | null,
  eventId: string,
): NotificationDraft[] {
  const deadline = c.slaDueAt ?? new Date();
  const notices: NotificationDraft[] = [];
  for (const admin of station?.adminIds ?? []) {
    notices.push({
      openid: admin,
      kind: 'case_escalated',
      title: notificationTitle(c),
      body: `${c.gridName}${c.assigneeName ? `（${c.assigneeName}）` : ''}未在时限内受理`,
      caseId: c._id,
      eventKey: `${c._id}:${eventId}`,
      message: {
        template: 'caseOverdue',
        page: pages.staffCase(c._id),
        values: { thing1: c.title, thing2: `${c.gridName}${c.assigneeName ?? ''}`, time3: deadline, thing4: '超时未受理，请督办' },
      },
    });
  }
  if (c.assigneeId) {
    notices.push({
      openid: c.assigneeId,
      kind: 'case_overdue',
      title: notificationTitle(c),
      body: '已超过受理时限，请尽快受理；已报派出所督办',
      caseId: c._id,
      eventKey: `${c._id}:${eventId}`,
      message: {
        template: 'caseOverdue',
        page: pages.staffCase(c._id),
        values: { thing1: c.title, thing2: c.gridName, time3: deadline, thing4: '已超时，请尽快受理' },
      },
    });
  }
  return notices;
}

/** The reminder to rate a resolved case. Exported for the demo seed's history. */
export function ratingReminderNotification(c: Pick<CaseDoc, '_id' | 'title' | 'reporterId' | 'resolvedAt'>, now: Date): NotificationDraft {
  return {
    openid: c.reporterId,
    kind: 'rating_reminder',
    title: notificationTitle(c),
    body: '您的案件已处理完成，欢迎评价；如问题仍未解决，可以点“未解决”',
    caseId: c._id,
    eventKey: `${c._id}:rating-reminder`,
    message: { template: 'ratingReminder', page: pages.rate(c._id), values: { thing1: c.title, time2: c.resolvedAt ?? now, thing3: '请为本次服务评价' } },
  };
}

type SweepResult = 'escalated' | 'reminded' | 'closed' | 'mediation';

/** What the scheduler does to one due case: the transition whose time has come, if any. */
function sweepTransition(c: CaseDoc, station: StationDoc | null, now: Date): { result: SweepResult; t: Transition } | null {
  if (c.awaitingAccept && !c.escalated && c.slaDueAt && c.slaDueAt <= now) {
    const e = entry('escalated', systemActor, now, { text: ESCALATION_TEXT, internal: true });
    return {
      result: 'escalated',
      t: { action: 'escalate', role: 'system', patch: { escalated: true, escalatedAt: now }, entries: [e], notify: (u) => escalationNotifications(u, station, e.id) },
    };
  }
  const mediation = mediationSweepTransition(c, station, now);
  if (mediation) return { result: 'mediation', t: mediation };
  if (c.status !== 'resolved' || !c.resolvedAt) return null;
  if (autoCloseAt(c.resolvedAt) <= now) {
    const days = serviceLevels().autoCloseDays;
    const e = entry('closed', systemActor, now, { from: 'resolved', to: 'closed', text: autoCloseText(days) });
    return {
      result: 'closed',
      t: {
        action: 'autoClose', role: 'system', entries: [e],
        // In-app only: a subscribe message would spend the resident's grant on news they need not act on.
        notify: (u) => [{ openid: u.reporterId, kind: 'case_update', title: notificationTitle(u), body: e.text ?? '', caseId: u._id, eventKey: `${u._id}:${e.id}` }],
      },
    };
  }
  if (c.ratingReminderPending && c.ratingReminderAt && c.ratingReminderAt <= now) {
    return {
      result: 'reminded',
      t: {
        action: 'remindToRate', role: 'system', patch: { ratingReminderPending: false }, entries: [],
        guard: (x) => (x.ratingReminderPending ? null : '已提醒过'),
        notify: (u) => [ratingReminderNotification(u, now)],
      },
    };
  }
  return null;
}

/** The cases whose time has come; a resident or officer acting at the same moment wins or loses cleanly. */
async function sweepCases(now: Date): Promise<Record<SweepResult | 'anonymised', number>> {
  const [due, org] = await Promise.all([dueForSweep(now, BATCH), organisation(now)]);
  const counts: Record<SweepResult | 'anonymised', number> = { escalated: 0, reminded: 0, closed: 0, mediation: 0, anonymised: 0 };
  // Finished cases past the retention period come through the same sweep (their sweepAt).
  const expired = due.filter((c) => retentionDue(c, now));
  counts.anonymised = await anonymiseExpired(expired, now);
  for (const c of due) {
    if (expired.includes(c)) continue;
    const step = sweepTransition(c, org.station(c.stationId), now);
    if (!step) {
      await resyncSweep(c);
      continue;
    }
    try {
      await applyTransition(c, step.t, now);
      counts[step.result]++;
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'CONFLICT')) throw e;
    }
  }
  return counts;
}

export async function tick(now: Date): Promise<TickOutput> {
  // New escalations and reminders get their first send at once; the retry sweep then takes older
  // messages that are due (a message that just failed waits for its backoff).
  const swept = await sweepCases(now);
  // issue 10: the month's surveys (created on the 1st, closed at the end) and their live cards.
  const surveys = await surveySweep(now);
  // issue 10: a publish's "下月问卷提醒" run that stopped half-way is finished (bounded, idempotent).
  const remindersTold = await finishReminderRuns(now);
  if (remindersTold > 0) console.log(JSON.stringify({ msg: 'survey reminders finished', told: remindersTold }));
  // issue 11: visits due today (their own batch and index).
  const visitReminders = await sweepVisitReminders(now, BATCH);
  // issue 11: cases from before the inbox's queue order get their place in it.
  const queueBackfilled = await backfillQueueAt(BATCH);
  const outbox = await retryPushes(now);
  // The audit log's retention, once a day (issue 12): each station's entries older than its setting.
  const auditRemoved = auditSweepDue(now) ? await sweepAuditRetention(await organisation(now), now) : 0;
  return {
    outbox, escalated: swept.escalated, ratingReminders: swept.reminded, autoClosed: swept.closed,
    mediationNotices: swept.mediation, anonymised: swept.anonymised, surveys, visitReminders, auditRemoved, queueBackfilled,
  };
}
