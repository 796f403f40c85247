/**
 * Who hears about a mediation event. The resident hears through `toReporter` (subscribe message +
 * in-app, like every case update); staff who join or must act get an in-app notice with the
 * new-case or overdue message; the one-month limit reaches the station admins as an escalation.
 */
import type { NotificationKind } from '../../types/notify';
import type { CaseDoc, TimelineDoc } from '../data/cases';
import type { StationDoc } from '../data/stations';
import { chinaTime } from '../platform/time';
import { notificationBody, notificationTitle } from './caseNotifications';
import type { NotificationDraft } from './notifier';
import { pages } from './pages';

/** A staff member is brought into a mediation (assigned, escalated to, routed a legal question). */
export function toNewMediator(c: CaseDoc, openid: string, e: TimelineDoc, headline: string): NotificationDraft {
  return {
    openid,
    kind: 'case_new',
    title: notificationTitle(c),
    body: notificationBody(headline, e.text),
    caseId: c._id,
    eventKey: `${c._id}:${e.id}`,
    message: {
      template: 'caseNew',
      page: pages.staffCase(c._id),
      values: { thing1: headline, thing2: c.communityName, phrase3: '一般', time4: e.at, thing5: c.title },
    },
  };
}

/** Something a staff member should see in the app (the resident confirmed, a follow-up is due). */
export function toStaffInApp(c: CaseDoc, openid: string | null, e: TimelineDoc, headline: string, kind: NotificationKind = 'case_update'): NotificationDraft[] {
  if (!openid) return [];
  return [{ openid, kind, title: notificationTitle(c), body: notificationBody(headline, e.text), caseId: c._id, eventKey: `${c._id}:${e.id}` }];
}

/** The one-month limit: 7 days left (the handler) or reached (the handler and every station admin). */
export function limitNotifications(c: CaseDoc, handlerId: string | null, station: Pick<StationDoc, 'adminIds'> | null, e: TimelineDoc, reached: boolean): NotificationDraft[] {
  const deadline = c.mediation?.deadlineAt ?? e.at;
  const draft = (openid: string, kind: NotificationKind, line: string): NotificationDraft => ({
    openid,
    kind,
    title: notificationTitle(c),
    body: notificationBody(line, `期限 ${chinaTime(deadline)}`),
    caseId: c._id,
    eventKey: `${c._id}:${e.id}`,
    message: { template: 'caseOverdue', page: pages.staffCase(c._id), values: { thing1: c.title, thing2: c.communityName, time3: deadline, thing4: line } },
  });
  const out: NotificationDraft[] = [];
  if (handlerId) out.push(draft(handlerId, 'case_overdue', reached ? '调解已到一个月期限' : '距调解期限还有7天'));
  if (reached) for (const admin of station?.adminIds ?? []) out.push(draft(admin, 'case_escalated', '调解超过一个月期限，请督办'));
  return out;
}
