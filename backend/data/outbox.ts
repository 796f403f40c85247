/**
 * `outbox`: every subscribe message is written here before it is sent, so a failed send (no grant,
 * 43101, or anything else) is retried by the scheduler and never lost.
 * Indexes: status+nextAttemptAt (the retry sweep), touser+status (re-arm after a new grant).
 */
import { cmd, coll, collections, docsOf, putById, rt } from './db';

export interface OutboxDoc {
  _id: string;
  touser: string;
  templateKey: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: Date;
  lastErrCode: number | null;
  lastError: string | null;
  notificationId: string;
  createdAt: Date;
  updatedAt: Date;
  sentAt: Date | null;
}

/** Idempotent by id (derived from the notification). */
export const putOutbox = (doc: OutboxDoc) => putById(collections.outbox, doc);

export async function dueOutbox(now: Date, limit: number): Promise<OutboxDoc[]> {
  return docsOf<OutboxDoc>(
    await rt(() =>
      coll(collections.outbox).where({ status: 'pending', nextAttemptAt: cmd().lte(now) }).orderBy('nextAttemptAt', 'asc').limit(limit).get(),
    ),
  );
}

export async function recordAttempt(
  id: string,
  outcome: { status: OutboxDoc['status']; attempts: number; nextAttemptAt: Date; lastErrCode: number | null; lastError: string | null; sentAt: Date | null },
  now: Date,
): Promise<void> {
  await rt(() => coll(collections.outbox).doc(id).update({ data: { ...outcome, updatedAt: now } }));
}

/** A user granted templates: make their waiting messages for those templates due now. */
export async function rearmPending(touser: string, templateIds: string[], now: Date): Promise<void> {
  await rt(() =>
    coll(collections.outbox)
      .where({ touser, status: 'pending', templateId: cmd().in(templateIds) })
      .update({ data: { nextAttemptAt: now, updatedAt: now } }),
  );
}
