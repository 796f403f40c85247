/**
 * THE case state machine. Every change to a case's status or derived flags goes through
 * `applyTransition` (residents, staff, the scheduler) or `derivedFlags` (a new case, the seed):
 * - `rules`: who may do what from which states (and to which state);
 * - `derivedFlags`: open, awaitingAccept, slaDueAt, escalation, rating reminder and the dates that
 *   go with them, as one function of (status, urgency, now) at the moment a status is entered;
 * - `nextSweepAt`: when the scheduler must next look at the case, from the flags;
 * - the write is a compare-and-set on the case's version, with the timeline entries in the same
 *   write; a lost race re-reads the case and decides again, so a transition either applies to the
 *   state it was decided on or is refused; then followers are synced and people notified.
 * Mediation tiers (issue 9: escalateTier … answerLegalAdvice) add their transitions here; the
 * mediation's own times (one-month limit, follow-up) are part of `nextSweepAt`.
 */
import { awaitingAcceptStatuses, openCaseStatuses, type CaseStatus } from '../../types/case';
import { getCase, MAX_TIMELINE, updateCaseAtVersion, type CaseDoc, type CaseOps, type CasePatch, type TimelineDoc } from '../data/cases';
import { syncFollows } from '../data/caseFollows';
import { AppError } from '../platform/errors';
import { notifyAll, type NotificationDraft } from './notifier';
import { acceptDeadline, autoCloseAt, mediationReminderAt, ratingReminderAt, retentionEndsAt } from './serviceLevels';

/** Who acts: the case's reporter, another resident, staff with access to the case, or the scheduler. */
export type ActorRole = 'reporter' | 'resident' | 'staff' | 'system';

export type CaseAction =
  | 'accept' | 'startProgress' | 'resolve' | 'reject' | 'transfer' | 'note'
  | 'withdraw' | 'reopen' | 'rate' | 'addInfo' | 'join'
  | 'escalate' | 'remindToRate' | 'autoClose'
  // mediation (issue 9) and legal advice
  | 'assignMediators' | 'setParties' | 'escalateTier' | 'scheduleSession' | 'recordSession' | 'recordOutcome'
  | 'confirmAgreement' | 'attachAgreement' | 'recordFollowUp' | 'reopenMediation' | 'extendDeadline'
  | 'remindDeadline' | 'reportDeadline' | 'remindFollowUp' | 'routeLegalAdvice' | 'answerLegalAdvice'
  // issue 11: grid worker helpers, the admin pressing an overdue case
  | 'addHelper' | 'removeHelper' | 'press';

interface Rule {
  from: readonly CaseStatus[];
  /** null: the status does not change. */
  to: CaseStatus | null;
  by: readonly ActorRole[];
  /** The staff's unread mark after the change (undefined: unchanged). */
  staffUnread?: boolean;
}

const anyOpen = openCaseStatuses;
const awaiting = awaitingAcceptStatuses;

export const rules: Record<CaseAction, Rule> = {
  accept: { from: awaiting, to: 'accepted', by: ['staff'], staffUnread: false },
  startProgress: { from: ['accepted'], to: 'in_progress', by: ['staff'] },
  resolve: { from: ['accepted', 'in_progress'], to: 'resolved', by: ['staff'] },
  reject: { from: ['submitted', 'reopened', 'accepted'], to: 'rejected', by: ['staff'] },
  // A transferred case waits for the new grid's officer to accept it.
  transfer: { from: anyOpen, to: 'submitted', by: ['staff'], staffUnread: true },
  note: { from: ['submitted', 'accepted', 'in_progress', 'reopened', 'resolved', 'rejected', 'closed'], to: null, by: ['staff'] },
  withdraw: { from: anyOpen, to: 'withdrawn', by: ['reporter'], staffUnread: true },
  reopen: { from: ['resolved'], to: 'reopened', by: ['reporter'], staffUnread: true },
  rate: { from: ['resolved'], to: 'closed', by: ['reporter'], staffUnread: true },
  addInfo: { from: anyOpen, to: null, by: ['reporter'], staffUnread: true },
  join: { from: anyOpen, to: null, by: ['resident'], staffUnread: true },
  escalate: { from: awaiting, to: null, by: ['system'], staffUnread: true },
  remindToRate: { from: ['resolved'], to: null, by: ['system'] },
  autoClose: { from: ['resolved'], to: 'closed', by: ['system'] },
  // Mediation: working on it (a tier change, a session) puts an accepted case in progress; an
  // outcome resolves it (rating and auto-close as any case); a broken agreement reopens it.
  assignMediators: { from: anyOpen, to: null, by: ['staff'] },
  setParties: { from: anyOpen, to: null, by: ['staff'] },
  escalateTier: { from: ['accepted', 'in_progress'], to: 'in_progress', by: ['staff'], staffUnread: true },
  scheduleSession: { from: ['accepted', 'in_progress'], to: 'in_progress', by: ['staff'] },
  recordSession: { from: ['accepted', 'in_progress'], to: null, by: ['staff'] },
  recordOutcome: { from: ['accepted', 'in_progress'], to: 'resolved', by: ['staff'] },
  confirmAgreement: { from: ['resolved', 'closed'], to: null, by: ['reporter'], staffUnread: true },
  attachAgreement: { from: ['resolved', 'closed'], to: null, by: ['staff'] },
  recordFollowUp: { from: ['resolved', 'closed'], to: null, by: ['staff'] },
  reopenMediation: { from: ['resolved', 'closed'], to: 'in_progress', by: ['staff'], staffUnread: true },
  extendDeadline: { from: anyOpen, to: null, by: ['staff'] },
  remindDeadline: { from: anyOpen, to: null, by: ['system'] },
  reportDeadline: { from: anyOpen, to: null, by: ['system'] },
  remindFollowUp: { from: ['resolved', 'closed'], to: null, by: ['system'] },
  routeLegalAdvice: { from: ['accepted', 'in_progress'], to: 'in_progress', by: ['staff'] },
  answerLegalAdvice: { from: ['in_progress'], to: 'resolved', by: ['staff'] },
  // issue 11: helpers join and leave open cases; a press is news for the assignee.
  addHelper: { from: anyOpen, to: null, by: ['staff'] },
  removeHelper: { from: anyOpen, to: null, by: ['staff'] },
  press: { from: awaiting, to: null, by: ['staff'], staffUnread: true },
};

export function isOpen(status: CaseStatus): boolean {
  return (openCaseStatuses as readonly CaseStatus[]).includes(status);
}

export function isAwaitingAccept(status: CaseStatus): boolean {
  return (awaitingAcceptStatuses as readonly CaseStatus[]).includes(status);
}

/** May `role` do `action` on a case in `status`? (The table the tests walk in full.) */
export function allowed(action: CaseAction, status: CaseStatus, role: ActorRole): boolean {
  const rule = rules[action];
  return rule.from.includes(status) && rule.by.includes(role);
}

/** The status test alone, for the actions a page offers (the role is known there). */
export function canDo(action: CaseAction, status: CaseStatus): boolean {
  return rules[action].from.includes(status);
}

/** Why an action is not possible now, in words a resident or officer understands. */
export function notAllowedMessage(action: CaseAction, status: CaseStatus): string {
  const messages: Partial<Record<CaseAction, string>> = {
    accept: '该案件当前无需受理',
    startProgress: '请先受理该案件',
    resolve: '该案件当前不能标记为已解决',
    reject: '该案件当前不能退回',
    transfer: '该案件当前不能转派',
    withdraw: '该案件已办结或已撤回，不能撤回',
    reopen: '只有已解决的案件才能反馈“未解决”',
    rate: status === 'closed' ? '该案件已评价过了' : '案件解决后才能评价',
    addInfo: '该案件已结束，不能再补充信息',
    join: '该问题已处理完毕，如仍存在请重新上报',
    note: '该案件已撤回，不能再添加备注',
    escalateTier: '请先受理该调解，已调结的调解不能升级',
    scheduleSession: '请先受理该调解，已调结的调解不能再安排调解',
    recordSession: '该调解当前不能记录调解情况',
    recordOutcome: '该调解已有结果或尚未受理',
    confirmAgreement: '调解成功后才能确认协议',
    attachAgreement: '调解成功后才能上传协议',
    recordFollowUp: '调解成功后才能回访',
    reopenMediation: '只有已调结的调解才能重新调解',
    extendDeadline: '该调解已结束，不能延长期限',
    routeLegalAdvice: '请先受理该求助',
    answerLegalAdvice: '该咨询当前不能答复',
    addHelper: '该案件已结束，不能再添加协办人',
    removeHelper: '该案件已结束',
    press: '该案件已受理或已结束，无需督办',
  };
  return messages[action] ?? '当前状态下不能进行此操作';
}

export type DerivedFlags = Pick<
  CaseDoc,
  'open' | 'awaitingAccept' | 'slaDueAt' | 'escalated' | 'escalatedAt' | 'ratingReminderPending' | 'ratingReminderAt' | 'acceptedAt' | 'resolvedAt' | 'closedAt' | 'queueAt'
>;

/**
 * The flags a case has on entering `status` at `now`. Dates of earlier milestones that still hold
 * (accepted before it was resolved) come from `prev`; entering a waiting state starts a new
 * service-level clock and clears an earlier escalation.
 */
export function derivedFlags(status: CaseStatus, urgent: boolean, now: Date, prev: Partial<DerivedFlags> = {}): DerivedFlags {
  const waiting = isAwaitingAccept(status);
  const terminal = !isOpen(status) && status !== 'resolved';
  return {
    open: isOpen(status),
    awaitingAccept: waiting,
    slaDueAt: waiting ? acceptDeadline(now, urgent) : null,
    escalated: waiting ? false : prev.escalated ?? false,
    escalatedAt: waiting ? null : prev.escalatedAt ?? null,
    ratingReminderPending: status === 'resolved',
    ratingReminderAt: status === 'resolved' ? ratingReminderAt(now) : null,
    acceptedAt: status === 'accepted' ? now : waiting ? null : prev.acceptedAt ?? null,
    resolvedAt: status === 'resolved' ? now : status === 'closed' ? prev.resolvedAt ?? null : null,
    closedAt: terminal ? now : null,
    queueAt: queueAt(status, urgent, now),
  };
}

const YEAR_MS = 365 * 86_400_000;
/** Urgent waiting cases sort this much ahead of their deadline: before every normal one. */
const URGENT_LEAD_MS = 100 * YEAR_MS;
/** Accepted cases sort this much after they were accepted: after every waiting one. */
const ACCEPTED_LAG_MS = 200 * YEAR_MS;

/**
 * issue 11: the inbox's to-do order as one instant, so one ascending index pages it: waiting
 * cases by their deadline, urgent ones (独居老人照护, 30 minutes) ahead of every normal one; then
 * accepted and in-progress ones, longest in hand first; null once nothing is left to do.
 */
export function queueAt(status: CaseStatus, urgent: boolean, enteredAt: Date): Date | null {
  if (isAwaitingAccept(status)) return new Date(acceptDeadline(enteredAt, urgent).getTime() - (urgent ? URGENT_LEAD_MS : 0));
  if (isOpen(status)) return new Date(enteredAt.getTime() + ACCEPTED_LAG_MS);
  return null;
}

/**
 * issue 11: `queueAt` of a case written before the field existed (domain/queueBackfill.ts), from
 * what it kept: a waiting case's deadline, else when it was accepted (or last changed).
 */
export function legacyQueueAt(c: Pick<CaseDoc, 'status' | 'urgent' | 'slaDueAt' | 'acceptedAt' | 'updatedAt' | 'createdAt'>): Date | null {
  if (isAwaitingAccept(c.status)) {
    return c.slaDueAt ? new Date(c.slaDueAt.getTime() - (c.urgent ? URGENT_LEAD_MS : 0)) : queueAt(c.status, c.urgent, c.createdAt);
  }
  return queueAt(c.status, c.urgent, c.acceptedAt ?? c.updatedAt);
}

type SweepFields = Pick<CaseDoc, 'status' | 'awaitingAccept' | 'escalated' | 'slaDueAt' | 'ratingReminderPending' | 'ratingReminderAt' | 'resolvedAt'>
  & Partial<Pick<CaseDoc, 'open' | 'mediation' | 'closedAt' | 'personalDataErasedAt'>>;

function caseSweepAt(c: SweepFields): Date | null {
  if (c.awaitingAccept && !c.escalated) return c.slaDueAt;
  if (c.status === 'resolved' && c.resolvedAt) {
    const close = autoCloseAt(c.resolvedAt);
    return c.ratingReminderPending && c.ratingReminderAt && c.ratingReminderAt < close ? c.ratingReminderAt : close;
  }
  // PIPL retention: a finished case comes back once, to have its personal fields anonymised.
  if (c.closedAt && !c.personalDataErasedAt) return retentionEndsAt(c.closedAt);
  return null;
}

/**
 * A mediation's own times: the reminder 7 days before the one-month limit, the limit itself (the
 * station admin is told), and the follow-up visit after a success. Each is done once (its flag).
 */
export function mediationSweepAt(c: SweepFields): Date | null {
  const m = c.mediation;
  if (!m) return null;
  const open = c.open ?? isOpen(c.status);
  if (open && m.outcome === null && m.deadlineAt) {
    if (!m.deadlineReminded) return mediationReminderAt(m.deadlineAt);
    if (!m.deadlineReported) return m.deadlineAt;
  }
  if (!open && m.outcome === 'success' && m.followUpDueAt && !m.followUp && !m.followUpReminded) return m.followUpDueAt;
  return null;
}

/** When the scheduler must next look at a case with these flags (the earliest due thing); null when never. */
export function nextSweepAt(c: SweepFields): Date | null {
  const times = [caseSweepAt(c), mediationSweepAt(c)].filter((t): t is Date => t !== null);
  return times.length === 0 ? null : new Date(Math.min(...times.map((t) => t.getTime())));
}

export interface Transition {
  action: CaseAction;
  role: ActorRole;
  /** Facts the action sets besides status and derived flags (assignee, rating, mediation…). */
  patch?: CasePatch;
  /**
   * Facts computed from the case as it is when the change is decided (again after a lost race), for
   * changes to embedded data (a mediation's sessions, mediators) that must not overwrite a concurrent one.
   */
  patchFrom?: (c: CaseDoc) => CasePatch;
  /** Timeline entries appended in the same write. */
  entries: TimelineDoc[];
  ops?: CaseOps;
  /** A condition beyond the state table (e.g. "not rated yet"); the message when it fails. */
  guard?: (c: CaseDoc) => string | null;
  /** Followers whose summary is updated without an unread mark (the resident who acted). */
  followerActor?: string | null;
  /** Who hears about it, from the updated case. */
  notify?: (updated: CaseDoc) => NotificationDraft[];
}

/** How often a transition re-decides after losing a compare-and-set to a concurrent write. */
const MAX_ATTEMPTS = 3;

function decide(c: CaseDoc, t: Transition, now: Date): { patch: CasePatch; next: CaseDoc } {
  const rule = rules[t.action];
  if (!allowed(t.action, c.status, t.role)) throw new AppError('CONFLICT', notAllowedMessage(t.action, c.status));
  const refused = t.guard?.(c);
  if (refused) throw new AppError('CONFLICT', refused);
  if (c.timeline.length + t.entries.length > MAX_TIMELINE) throw new AppError('CONFLICT', '该案件的记录已满，请直接联系派出所');
  const status = rule.to ?? c.status;
  const patch: CasePatch = {
    ...(rule.to ? { status, ...derivedFlags(status, c.urgent, now, c) } : {}),
    ...t.patch,
    ...(t.patchFrom ? t.patchFrom(c) : {}),
    ...(rule.staffUnread !== undefined ? { staffUnread: rule.staffUnread } : {}),
    updatedAt: now,
  };
  const merged = { ...c, ...patch } as CaseDoc;
  patch.sweepAt = nextSweepAt(merged);
  const next: CaseDoc = {
    ...merged,
    sweepAt: patch.sweepAt,
    version: c.version + 1,
    timeline: [...c.timeline, ...t.entries],
    supporterCount: c.supporterCount + (t.ops?.incSupporters ?? 0),
    photos: t.ops?.pushPhotos ? [...c.photos, ...t.ops.pushPhotos] : c.photos,
  };
  return { patch, next };
}

/**
 * Apply one transition to `c` (as read by the caller): refused with CONFLICT when the table or the
 * guard says no, now or after a concurrent change. Returns the case as written.
 */
export async function applyTransition(c: CaseDoc, t: Transition, now: Date): Promise<CaseDoc> {
  let current = c;
  for (let attempt = 1; ; attempt++) {
    const { patch, next } = decide(current, t, now);
    if (await updateCaseAtVersion(current._id, current.version, patch, t.entries, t.ops)) {
      // Followers' summaries change with the status, and a staff reply is news for them too.
      const residentsSee = rules[t.action].to !== null || (t.role === 'staff' && t.entries.some((e) => e.visibility === 'public'));
      if (residentsSee) {
        await syncFollows(next._id, { status: next.status, open: next.open }, now, t.followerActor ?? null);
      }
      if (t.notify) await notifyAll(t.notify(next), now);
      return next;
    }
    const fresh = attempt < MAX_ATTEMPTS ? await getCase(current._id) : null;
    if (!fresh) throw new AppError('CONFLICT', '案件状态刚刚发生了变化，请刷新后重试');
    current = fresh;
  }
}

/**
 * A case the sweep found due with nothing to do (its times were written by an older rule): set
 * `sweepAt` from its flags again so it stops coming back. A concurrent change wins.
 */
export async function resyncSweep(c: CaseDoc): Promise<void> {
  await updateCaseAtVersion(c._id, c.version, { sweepAt: nextSweepAt(c) }, []);
}
