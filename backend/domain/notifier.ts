/**
 * Telling people something happened. One record per person per event (`notifications`): the
 * in-app part is the source of truth, and the record is also the outbox of the event's subscribe
 * message (a message that could not be sent waits there for the scheduler's retry sweep). Ids
 * derive from the event, so a repeated event writes the same records, never new ones. Two ways in:
 * - `notifyAll` tries the messages first and writes the records with how that went: one write per
 *   event. For events the caller has already made its own (a case's compare-and-set, a unique
 *   insert): nobody else tells the same event, so nothing is sent twice.
 * - `notifyOnce` writes first and sends only what it created, then records the outcomes (one more
 *   write): for events two runs may meet (a sweep's reminder, a run re-done after a crash). A run
 *   that dies after writing leaves its messages to the retry sweep once the sender's lease is over.
 */
import type { NotificationKind } from '../../types/notify';
import { ERASED_REPORTER } from '../data/cases';
import { insertNotifications, recordPushOutcomes, type NotificationDoc, type PushState } from '../data/notifications';
import { derivedId } from '../platform/ids';
import { templateData, templateId, type TemplateKey } from '../platform/templates';
import { minutesLater } from '../platform/time';
import { attemptPush, SEND_LEASE_MINUTES } from './pushSender';

export interface NotificationDraft {
  openid: string;
  kind: NotificationKind;
  title: string;
  body: string;
  caseId: string | null;
  /** Unique per event (e.g. `${caseId}:${timelineEntryId}`); makes every write idempotent. */
  eventKey: string;
  message?: { template: TemplateKey; page: string; values: Record<string, string | Date> };
}

export const notificationId = (d: Pick<NotificationDraft, 'eventKey' | 'openid'>) => derivedId('n', d.eventKey, d.openid);

function pushFor(d: NotificationDraft, now: Date, held: boolean): PushState | null {
  if (!d.message) return null;
  return {
    templateKey: d.message.template,
    templateId: templateId(d.message.template),
    page: d.message.page,
    data: templateData(d.message.template, d.message.values),
    // Written before its send: held by this run for the lease, then due for the sweep.
    status: held ? 'sending' : 'pending',
    attempts: 0,
    nextAttemptAt: held ? minutesLater(now, SEND_LEASE_MINUTES) : now,
    lastErrCode: null,
    lastError: null,
    sentAt: null,
  };
}

/** One record per person, and none for a reporter who deleted their account (domain/residentRights.ts). */
function recordsOf(drafts: NotificationDraft[], now: Date, held: boolean): NotificationDoc[] {
  const byId = new Map<string, NotificationDoc>();
  for (const d of drafts) {
    const _id = notificationId(d);
    if (d.openid === ERASED_REPORTER || byId.has(_id)) continue;
    byId.set(_id, { _id, openid: d.openid, kind: d.kind, title: d.title, body: d.body, caseId: d.caseId, createdAt: now, read: false, push: pushFor(d, now, held) });
  }
  return [...byId.values()];
}

/**
 * The action that caused a notification has already been committed, so a failure here is logged,
 * not returned: the case's unread marks still show the change.
 */
async function logged(run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (e) {
    console.error(JSON.stringify({ msg: 'notification failed', error: String(e) }));
  }
}

/** Deliver an event the caller has made its own: messages first, then one write of the records. */
export async function notifyAll(drafts: NotificationDraft[], now: Date): Promise<void> {
  const docs = recordsOf(drafts, now, false);
  if (docs.length === 0) return;
  await logged(async () => {
    const outcomes = await Promise.all(docs.map((d) => (d.push ? attemptPush(d.openid, d.push, now) : null)));
    await insertNotifications(docs.map((d, i) => (d.push && outcomes[i] ? { ...d, push: { ...d.push, ...outcomes[i] } } : d)));
  });
}

/** Deliver an event another run may meet too: records first, and only the run that created one sends its message. */
export async function notifyOnce(drafts: NotificationDraft[], now: Date): Promise<void> {
  const docs = recordsOf(drafts, now, true);
  if (docs.length === 0) return;
  await logged(async () => {
    const created = await insertNotifications(docs);
    const mine = docs.filter((d): d is NotificationDoc & { push: PushState } => d.push !== null && created.has(d._id));
    if (mine.length === 0) return;
    const outcomes = await Promise.all(mine.map((d) => attemptPush(d.openid, d.push, now)));
    await recordPushOutcomes(mine.map((d, i) => ({ id: d._id, attemptsBefore: d.push.attempts, outcome: outcomes[i]! })));
  });
}
