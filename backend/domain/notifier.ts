/**
 * Telling people something happened. The in-app notification is written first and is the source
 * of truth; a subscribe message (if the event has a template) goes through the outbox: written,
 * then tried once now, then retried by the scheduler. Ids derive from the event, so a retried
 * action writes the same records instead of new ones.
 */
import type { NotificationKind } from '../../types/notify';
import { pagePath } from '../../types/routes';
import { putNotification } from '../data/notifications';
import { putOutbox, type OutboxDoc } from '../data/outbox';
import { derivedId } from '../platform/ids';
import { templateData, templateId, type TemplateKey } from '../platform/templates';
import { attemptSend } from './outboxSender';

/** Mini-program pages the messages open (the route table in types/routes.ts). */
export const pages = {
  residentCase: (id: string) => pagePath('caseDetail', { id }),
  rate: (id: string) => pagePath('rate', { id }),
  staffCase: (id: string) => pagePath('staffCase', { id }),
};

export interface Notice {
  openid: string;
  kind: NotificationKind;
  title: string;
  body: string;
  caseId: string | null;
  /** Unique per event (e.g. `${caseId}:${timelineEntryId}`); makes every write idempotent. */
  eventKey: string;
  message?: { template: TemplateKey; page: string; values: Record<string, string | Date> };
}

async function deliver(n: Notice, now: Date): Promise<void> {
  const notificationId = derivedId('n', n.eventKey, n.openid);
  await putNotification({ _id: notificationId, openid: n.openid, kind: n.kind, title: n.title, body: n.body, caseId: n.caseId, createdAt: now, read: false });
  if (!n.message) return;
  const msg: OutboxDoc = {
    _id: derivedId('o', notificationId),
    touser: n.openid,
    templateKey: n.message.template,
    templateId: templateId(n.message.template),
    page: n.message.page,
    data: templateData(n.message.template, n.message.values),
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    lastErrCode: null,
    lastError: null,
    notificationId,
    createdAt: now,
    updatedAt: now,
    sentAt: null,
  };
  await putOutbox(msg);
  await attemptSend(msg, now);
}

/**
 * Deliver to everyone concerned. The action that caused them has already been committed, so a
 * failure here is logged, not returned: the case's unread marks still show the change, and an
 * outbox record that was written will be retried.
 */
export async function notifyAll(notices: Notice[], now: Date): Promise<void> {
  const seen = new Set<string>();
  const unique = notices.filter((n) => {
    const k = `${n.openid}\u0000${n.eventKey}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const results = await Promise.allSettled(unique.map((n) => deliver(n, now)));
  for (const r of results) {
    if (r.status === 'rejected') console.error(JSON.stringify({ msg: 'notification failed', error: String(r.reason) }));
  }
}
