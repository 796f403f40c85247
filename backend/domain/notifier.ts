/**
 * Telling people something happened. One record per person per event (`notifications`): the
 * in-app part is the source of truth; when the event has a template, the subscribe message is
 * tried first and the record is written with how that went, so a delivered event costs one write
 * for all its recipients. A message that could not be sent waits in the record's push state and is
 * retried by the scheduler (or re-armed by the next grant). Ids derive from the event, so a
 * retried event writes the same records, never new ones.
 */
import type { NotificationKind } from '../../types/notify';
import { ERASED_REPORTER } from '../data/cases';
import { insertNotifications, type NotificationDoc, type PushState } from '../data/notifications';
import { derivedId } from '../platform/ids';
import { templateData, templateId, type TemplateKey } from '../platform/templates';
import { attemptPush } from './pushSender';

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

async function firstPush(d: NotificationDraft, now: Date): Promise<PushState | null> {
  if (!d.message) return null;
  const unsent: PushState = {
    templateKey: d.message.template,
    templateId: templateId(d.message.template),
    page: d.message.page,
    data: templateData(d.message.template, d.message.values),
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    lastErrCode: null,
    lastError: null,
    sentAt: null,
  };
  return { ...unsent, ...(await attemptPush(d.openid, unsent, now)) };
}

/**
 * Deliver to everyone concerned. The action that caused them has already been committed, so a
 * failure here is logged, not returned: the case's unread marks still show the change.
 */
export async function notifyAll(drafts: NotificationDraft[], now: Date): Promise<void> {
  const seen = new Set<string>();
  const unique = drafts.filter((d) => {
    // A reporter who deleted their account is nobody to tell (domain/residentRights.ts).
    if (d.openid === ERASED_REPORTER) return false;
    const k = notificationId(d);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  if (unique.length === 0) return;
  try {
    const pushes = await Promise.all(unique.map((d) => firstPush(d, now)));
    const docs = unique.map((d, i): NotificationDoc => ({
      _id: notificationId(d), openid: d.openid, kind: d.kind, title: d.title, body: d.body, caseId: d.caseId, createdAt: now, read: false, push: pushes[i] ?? null,
    }));
    await insertNotifications(docs);
  } catch (e) {
    console.error(JSON.stringify({ msg: 'notification failed', error: String(e) }));
  }
}
