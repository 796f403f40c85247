/**
 * The mediation part of the scheduler's one sweep: a case whose `sweepAt` came because of its
 * mediation times (caseLifecycle.mediationSweepAt) gets the one transition that is due — the
 * reminder 7 days before the one-month limit, the limit itself, or the follow-up visit.
 */
import type { CaseDoc } from '../data/cases';
import type { StationDoc } from '../data/stations';
import type { Transition } from './caseLifecycle';
import { isOpen } from './caseLifecycle';
import { handlerIdOf } from './mediationAccess';
import { facts } from './mediationFacts';
import { limitNotifications, toStaffInApp } from './mediationNotifications';
import { mediationReminderAt } from './serviceLevels';
import { entry, systemActor } from './timeline';

export function mediationSweepTransition(c: CaseDoc, station: StationDoc | null, now: Date): Transition | null {
  if (!c.mediation) return null;
  const m = facts(c.mediation);
  const open = isOpen(c.status);
  const patchMediation = (change: Partial<typeof m>) => (x: CaseDoc) => ({ mediation: { ...x.mediation!, ...change } });
  if (open && m.outcome === null && m.deadlineAt) {
    if (!m.deadlineReminded && mediationReminderAt(m.deadlineAt) <= now && m.deadlineAt > now) {
      const e = entry('deadline_reminder', systemActor, now, { text: '距调解期限还有7天', internal: true });
      return {
        action: 'remindDeadline', role: 'system', entries: [e], patchFrom: patchMediation({ deadlineReminded: true }),
        guard: (x) => (x.mediation?.deadlineReminded ? '已提醒过' : null),
        notify: (u) => limitNotifications(u, handlerIdOf(u), station, e, false),
      };
    }
    if (!m.deadlineReported && m.deadlineAt <= now) {
      const e = entry('deadline_reminder', systemActor, now, { text: '调解已到一个月期限，已报派出所督办', internal: true });
      return {
        action: 'reportDeadline', role: 'system', entries: [e],
        // A limit reached without the 7-day reminder (extended late, scheduler down) counts both as done.
        patchFrom: patchMediation({ deadlineReminded: true, deadlineReported: true }),
        guard: (x) => (x.mediation?.deadlineReported ? '已报告过' : null),
        notify: (u) => limitNotifications(u, handlerIdOf(u), station, e, true),
      };
    }
  }
  if (!open && m.outcome === 'success' && m.followUpDueAt && m.followUpDueAt <= now && !m.followUp && !m.followUpReminded) {
    const e = entry('follow_up', systemActor, now, { text: '调解协议回访已到期，请回访当事人', internal: true });
    return {
      action: 'remindFollowUp', role: 'system', entries: [e], patchFrom: patchMediation({ followUpReminded: true }),
      guard: (x) => (x.mediation?.followUpReminded || x.mediation?.followUp ? '已提醒过' : null),
      notify: (u) => toStaffInApp(u, handlerIdOf(u), e, '调解回访到期', 'case_overdue'),
    };
  }
  return null;
}
