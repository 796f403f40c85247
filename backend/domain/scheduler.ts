/**
 * One scheduler run (timer trigger, every minute): retry due outbox messages, escalate cases not
 * accepted in time, remind residents to rate, close resolved cases left unrated. Each sweep takes a bounded batch, so a run costs the
 * same whatever the size of the data; what is left waits for the next minute.
 */
import type { TickOutput } from '../../types/scheduler';
import { dueForAutoClose, dueForEscalation, dueForRatingReminder, markEscalated, markRatingReminded, updateCaseIf, type CaseDoc } from '../data/cases';
import { syncFollows } from '../data/caseFollows';
import { dueOutbox } from '../data/outbox';
import { getStation, type StationDoc } from '../data/stations';
import { noticeTitle } from './caseNotices';
import { attemptSend } from './outboxSender';
import { notifyAll, pages, type Notice } from './notifier';
import { DAY } from '../platform/time';
import { autoCloseText, serviceLevels } from './serviceLevels';
import { entry, systemActor } from './timeline';

export const BATCH = 50;

async function retryOutbox(now: Date): Promise<TickOutput['outbox']> {
  const due = await dueOutbox(now, BATCH);
  const result = { attempted: due.length, sent: 0, failed: 0, gaveUp: 0 };
  // A few at a time: WeChat rate-limits sends, and the instance has one CPU.
  for (let i = 0; i < due.length; i += 5) {
    const outcomes = await Promise.all(due.slice(i, i + 5).map((m) => attemptSend(m, now)));
    for (const o of outcomes) {
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
export function escalationNotices(
  c: Pick<CaseDoc, '_id' | 'title' | 'gridName' | 'assigneeId' | 'assigneeName' | 'slaDueAt'>,
  station: Pick<StationDoc, 'adminIds'> | null,
  eventId: string,
): Notice[] {
  const deadline = c.slaDueAt ?? new Date();
  const notices: Notice[] = [];
  for (const admin of station?.adminIds ?? []) {
    notices.push({
      openid: admin,
      kind: 'case_escalated',
      title: noticeTitle(c),
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
      title: noticeTitle(c),
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

async function escalateOverdue(now: Date): Promise<number> {
  const due = await dueForEscalation(now, BATCH);
  const stations = new Map<string, StationDoc | null>();
  for (const id of new Set(due.map((c) => c.stationId))) stations.set(id, await getStation(id));
  let escalated = 0;
  for (const c of due) {
    const e = entry('escalated', systemActor, now, { text: ESCALATION_TEXT, internal: true });
    if (!(await markEscalated(c._id, now, e))) continue;
    escalated++;
    await notifyAll(escalationNotices(c, stations.get(c.stationId) ?? null, e.id), now);
  }
  return escalated;
}

/** The reminder to rate a resolved case. Exported for the demo seed's history. */
export function ratingReminderNotice(c: Pick<CaseDoc, '_id' | 'title' | 'reporterId' | 'resolvedAt'>, now: Date): Notice {
  return {
    openid: c.reporterId,
    kind: 'rating_reminder',
    title: noticeTitle(c),
    body: '您的案件已处理完成，欢迎评价；如问题仍未解决，可以点“未解决”',
    caseId: c._id,
    eventKey: `${c._id}:rating-reminder`,
    message: { template: 'ratingReminder', page: pages.rate(c._id), values: { thing1: c.title, time2: c.resolvedAt ?? now, thing3: '请为本次服务评价' } },
  };
}

async function remindToRate(now: Date): Promise<number> {
  const due = await dueForRatingReminder(now, BATCH);
  let sent = 0;
  for (const c of due) {
    if (!(await markRatingReminded(c._id))) continue;
    sent++;
    await notifyAll([ratingReminderNotice(c, now)], now);
  }
  return sent;
}

/**
 * Resolved cases the resident did not rate (rating closes a case, so every resolved case is
 * unrated) for `autoCloseDays` are closed, with a system entry the resident sees. Guarded by the
 * status, so a resident who rates or reopens at the same moment wins or loses cleanly.
 */
async function autoCloseUnrated(now: Date): Promise<number> {
  const days = serviceLevels().autoCloseDays;
  const due = await dueForAutoClose(new Date(now.getTime() - days * DAY), BATCH);
  let closed = 0;
  for (const c of due) {
    const e = entry('closed', systemActor, now, { from: 'resolved', to: 'closed', text: autoCloseText(days) });
    const patch = { status: 'closed' as const, open: false, awaitingAccept: false, ratingReminderPending: false, closedAt: now, updatedAt: now };
    if (!(await updateCaseIf(c._id, ['resolved'], patch, [e]))) continue;
    closed++;
    await syncFollows(c._id, { status: 'closed', open: false }, now, null);
    // In-app only: a subscribe message would spend the resident's grant on news they need not act on.
    await notifyAll([{
      openid: c.reporterId,
      kind: 'case_update',
      title: noticeTitle(c),
      body: e.text ?? '',
      caseId: c._id,
      eventKey: `${c._id}:${e.id}`,
    }], now);
  }
  return closed;
}

export async function tick(now: Date): Promise<TickOutput> {
  // New escalations and reminders get their first send at once; the outbox sweep then retries
  // older messages that are due (a message that just failed waits for its backoff).
  const escalated = await escalateOverdue(now);
  const ratingReminders = await remindToRate(now);
  const autoClosed = await autoCloseUnrated(now);
  const outbox = await retryOutbox(now);
  return { outbox, escalated, ratingReminders, autoClosed };
}
