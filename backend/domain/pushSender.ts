/**
 * One attempt at a subscribe message, and what it means for the next one. Used for the first try
 * (notifier) and by the scheduler's retries. A failure only reschedules; nothing is dropped silently.
 */
import { claimPush, recordPushOutcomes, type NotificationDoc, type PushOutcome, type PushState } from '../data/notifications';
import { sendSubscribeMessage } from '../platform/openapi';
import { minutesLater } from '../platform/time';
import { pushRetryDelaysMinutes } from './serviceLevels';

/**
 * Errors that retrying cannot fix (bad template data or id): stop at once. 43101 (the user has no grant
 * for this template) is final too: a retry after a later grant would deliver a stale message late,
 * and the in-app inbox already holds it.
 */
const PERMANENT_ERRCODES = new Set([47003, 40037, 40003, 43101]);

export type AttemptResult = 'sent' | 'retry' | 'failed' | 'taken';

/**
 * How long a sender holds a message it is about to send (the first send, or a retry's claim): the
 * sweep leaves it alone meanwhile and takes it over after, if the sender died before recording.
 */
export const SEND_LEASE_MINUTES = 2;

export async function attemptPush(touser: string, push: PushState, now: Date): Promise<PushOutcome> {
  const outcome = await sendSubscribeMessage({ touser, templateId: push.templateId, page: push.page, data: push.data });
  const attempts = push.attempts + 1;
  if (outcome.ok) return { status: 'sent', attempts, nextAttemptAt: now, lastErrCode: null, lastError: null, sentAt: now };
  const permanent = outcome.errCode !== null && PERMANENT_ERRCODES.has(outcome.errCode);
  const exhausted = attempts > pushRetryDelaysMinutes.length;
  const delay = pushRetryDelaysMinutes[Math.min(attempts - 1, pushRetryDelaysMinutes.length - 1)]!;
  return {
    status: permanent || exhausted ? 'failed' : 'pending',
    attempts,
    nextAttemptAt: minutesLater(now, delay),
    lastErrCode: outcome.errCode,
    lastError: outcome.message || null,
    sentAt: null,
  };
}

function resultOf(o: PushOutcome): AttemptResult {
  return o.status === 'sent' ? 'sent' : o.status === 'failed' ? 'failed' : 'retry';
}

/** The scheduler's retry of one waiting message: claim it, try, then record the outcome. */
export async function retryPush(n: NotificationDoc, now: Date): Promise<AttemptResult> {
  if (!n.push) return 'failed';
  if (!(await claimPush(n._id, n.push.attempts, now, minutesLater(now, SEND_LEASE_MINUTES)))) return 'taken';
  const outcome = await attemptPush(n.openid, n.push, now);
  await recordPushOutcomes([{ id: n._id, attemptsBefore: n.push.attempts, outcome }]);
  return resultOf(outcome);
}
