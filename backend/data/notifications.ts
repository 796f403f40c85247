/**
 * `notifications`: one record per person per event. The in-app part is the source of truth for
 * "what happened"; `push` is the subscribe message for the same event (WeChat's nudge), with its
 * delivery state: the record is the outbox, so an event costs one write however it was delivered.
 * Indexes: openid+createdAt(+_id), openid+read+createdAt(+_id), push_due (the retry sweep),
 * openid_push_template (re-arm after a new grant).
 */
import type { NotificationKind } from '../../types/notify';
import { cmd, coll, collections, docsOf, insertMany, insertWithId, isDuplicateKey, removeAllOf, rt, updatedCount } from './db';
import { afterCursor, CURSOR_SLACK, dropSeen, type PageCursor } from './paging';

export interface PushState {
  templateKey: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
  /**
   * pending: waits for `nextAttemptAt` (a back-off); sending: held by a sender until `nextAttemptAt`
   * (its lease), after which the retry sweep may take it over; sent and failed are final.
   */
  status: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: Date;
  lastErrCode: number | null;
  lastError: string | null;
  sentAt: Date | null;
}

export interface NotificationDoc {
  _id: string;
  openid: string;
  kind: NotificationKind;
  title: string;
  body: string;
  caseId: string | null;
  createdAt: Date;
  read: boolean;
  /** The subscribe message of this event, when it has a template; null otherwise. */
  push: PushState | null;
}

/**
 * Write an event's notifications in one round trip and say which records this call created. Ids
 * derive from the event, so a batch that meets an existing id (a retried or concurrent event) is
 * written one by one, keeping the record already there: never a duplicate, and a repeat does not
 * reset its read mark or its message's delivery state.
 */
export async function insertNotifications(docs: NotificationDoc[]): Promise<Set<string>> {
  try {
    await insertMany(collections.notifications, docs);
    return new Set(docs.map((d) => d._id));
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    const created = await Promise.all(docs.map((d) => insertWithId(collections.notifications, d)));
    return new Set(docs.filter((_, i) => created[i]).map((d) => d._id));
  }
}

/** Which of these records exist (a run that stopped after telling: its records are there). ≤ 100 ids, one round trip. */
export async function existingNotificationIds(ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = docsOf<{ _id: string }>(await rt(() => coll(collections.notifications).where({ _id: cmd().in(ids) }).field({ _id: true }).limit(ids.length).get()));
  return new Set(rows.map((r) => r._id));
}

export async function notificationsOf(openid: string, unreadOnly: boolean, after: PageCursor | undefined, limit: number): Promise<NotificationDoc[]> {
  const where: Record<string, unknown> = { openid, ...afterCursor('createdAt', after) };
  if (unreadOnly) where.read = false;
  const rows = docsOf<NotificationDoc>(
    await rt(() => coll(collections.notifications).where(where).orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(limit + (after ? CURSOR_SLACK : 0)).get()),
  );
  return dropSeen(rows, (n) => n.createdAt, after).slice(0, limit);
}

export async function countUnreadNotifications(openid: string): Promise<number> {
  const res = await rt(() => coll(collections.notifications).where({ openid, read: false }).count());
  return Number((res as { total?: number }).total ?? 0);
}

/** Mark some (≤ 50, by id) or all of my notifications read; one round trip either way. */
/** issue 11: opening a case reads what the person was told about it (消息 is the staff's one unread count). */
export async function markCaseNotificationsRead(openid: string, caseId: string): Promise<number> {
  const res = await rt(() => coll(collections.notifications).where({ openid, read: false, caseId }).update({ data: { read: true } }));
  return updatedCount(res);
}

export async function markNotificationsRead(openid: string, ids: string[] | 'all'): Promise<number> {
  const where: Record<string, unknown> = ids === 'all' ? { openid, read: false } : { _id: cmd().in(ids), openid };
  const res = await rt(() => coll(collections.notifications).where(where).update({ data: { read: true } }));
  return updatedCount(res);
}

/** Waiting, or held by a sender whose lease ran out (it died before recording an outcome). */
const RETRYABLE = ['pending', 'sending'];

/** Subscribe messages due for another attempt, oldest first (the scheduler's retry sweep). */
export async function duePushes(now: Date, limit: number): Promise<NotificationDoc[]> {
  return docsOf<NotificationDoc>(
    await rt(() =>
      coll(collections.notifications).where({ 'push.status': cmd().in(RETRYABLE), 'push.nextAttemptAt': cmd().lte(now) }).orderBy('push.nextAttemptAt', 'asc').limit(limit).get(),
    ),
  );
}

/** What an attempt changed in a record's push state. */
export type PushOutcome = Pick<PushState, 'status' | 'attempts' | 'nextAttemptAt' | 'lastErrCode' | 'lastError' | 'sentAt'>;

/**
 * Attempts' outcomes, by the sender that holds each message (`sending`), each written only if no other
 * attempt was recorded meanwhile (compare-and-set on the attempt count), so a late writer never
 * overwrites a newer state. One round trip per distinct outcome: an event's messages usually share one.
 */
export async function recordPushOutcomes(rows: { id: string; attemptsBefore: number; outcome: PushOutcome }[]): Promise<void> {
  const groups = new Map<string, { ids: string[]; attemptsBefore: number; outcome: PushOutcome }>();
  for (const r of rows) {
    const key = JSON.stringify([r.attemptsBefore, r.outcome]);
    const g = groups.get(key);
    if (g) g.ids.push(r.id);
    else groups.set(key, { ids: [r.id], attemptsBefore: r.attemptsBefore, outcome: r.outcome });
  }
  await Promise.all(
    [...groups.values()].map(({ ids, attemptsBefore, outcome }) => {
      const data: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(outcome)) data[`push.${k}`] = v;
      const where = { _id: ids.length === 1 ? ids[0] : cmd().in(ids), 'push.status': 'sending', 'push.attempts': attemptsBefore };
      return rt(() => coll(collections.notifications).where(where).update({ data }));
    }),
  );
}

/**
 * The retry sweep takes a due message before sending it: it becomes `sending`, held until `until`, and
 * only the run whose compare-and-set matched sends. The condition is on the due time itself, which
 * the first claim moves past every other run's `now`: two sweeps never send the same message.
 */
export async function claimPush(id: string, attemptsBefore: number, now: Date, until: Date): Promise<boolean> {
  const res = await rt(() =>
    coll(collections.notifications)
      .where({ _id: id, 'push.status': cmd().in(RETRYABLE), 'push.attempts': attemptsBefore, 'push.nextAttemptAt': cmd().lte(now) })
      .update({ data: { 'push.status': 'sending', 'push.nextAttemptAt': until } }),
  );
  return updatedCount(res) === 1;
}

/**
 * A user granted templates: their waiting messages for those templates become due now. Not those a
 * sender holds (`sending`): made due, a second sweep could take one while it is being sent.
 */
export async function rearmPushes(openid: string, templateIds: string[], now: Date): Promise<void> {
  await rt(() =>
    coll(collections.notifications)
      .where({ openid, 'push.status': 'pending', 'push.templateId': cmd().in(templateIds) })
      .update({ data: { 'push.nextAttemptAt': now } }),
  );
}

/** Everything a person was told, for their data export: newest first, at most `limit`. */
export async function allNotificationsOf(openid: string, limit: number): Promise<NotificationDoc[]> {
  return docsOf<NotificationDoc>(await rt(() => coll(collections.notifications).where({ openid }).orderBy('createdAt', 'desc').limit(limit).get()));
}

export const removeNotificationsOf = (openid: string) => removeAllOf(collections.notifications, openid);
