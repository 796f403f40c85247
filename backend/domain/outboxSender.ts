/**
 * Sending one outbox message and recording what happened. Used right after an event (first try)
 * and by the scheduler (retries). A failure only reschedules; nothing is ever dropped silently.
 */
import { recordAttempt, type OutboxDoc } from '../data/outbox';
import { useGrant } from '../data/subscriptions';
import { NO_GRANT_ERRCODE, sendSubscribeMessage } from '../platform/openapi';
import { outboxRetryDelaysMs } from './serviceLevels';

/** Errors that retrying cannot fix (bad template data or id): stop at once. */
const PERMANENT_ERRCODES = new Set([47003, 40037, 40003]);

export type AttemptResult = 'sent' | 'retry' | 'failed';

export async function attemptSend(msg: OutboxDoc, now: Date): Promise<AttemptResult> {
  const outcome = await sendSubscribeMessage({ touser: msg.touser, templateId: msg.templateId, page: msg.page, data: msg.data });
  const attempts = msg.attempts + 1;
  if (outcome.ok) {
    await Promise.all([
      recordAttempt(msg._id, { status: 'sent', attempts, nextAttemptAt: now, lastErrCode: null, lastError: null, sentAt: now }, now),
      useGrant(msg.touser, msg.templateId, false, now),
    ]);
    return 'sent';
  }
  const permanent = outcome.errCode !== null && PERMANENT_ERRCODES.has(outcome.errCode);
  const exhausted = attempts > outboxRetryDelaysMs.length;
  const status = permanent || exhausted ? 'failed' : 'pending';
  const delay = outboxRetryDelaysMs[Math.min(attempts - 1, outboxRetryDelaysMs.length - 1)]!;
  const writes: Array<Promise<void>> = [
    recordAttempt(
      msg._id,
      { status, attempts, nextAttemptAt: new Date(now.getTime() + delay), lastErrCode: outcome.errCode, lastError: outcome.message || null, sentAt: null },
      now,
    ),
  ];
  if (outcome.errCode === NO_GRANT_ERRCODE) writes.push(useGrant(msg.touser, msg.templateId, true, now));
  await Promise.all(writes);
  return status === 'failed' ? 'failed' : 'retry';
}
