/**
 * The case state machine (backend/domain/caseLifecycle.ts), table-driven: every (state, action, role)
 * pair is either allowed or refused exactly as the table below says — written out by hand, not derived
 * from the rules, so a change to the rules that nobody meant fails here. Then the derived flags.
 */
import { caseStatuses, type CaseStatus } from '../../types/case';
import { allowed, derivedFlags, isAwaitingAccept, isOpen, nextSweepAt, rules, type ActorRole, type CaseAction } from '../../backend/domain/caseLifecycle';

const roles: ActorRole[] = ['reporter', 'resident', 'staff', 'system'];
const OPEN = ['submitted', 'accepted', 'in_progress', 'reopened'];

/** action → [who, from which states, to]. */
const expected: Record<CaseAction, [ActorRole, string[], CaseStatus | null]> = {
  accept: ['staff', ['submitted', 'reopened'], 'accepted'],
  startProgress: ['staff', ['accepted'], 'in_progress'],
  resolve: ['staff', ['accepted', 'in_progress'], 'resolved'],
  reject: ['staff', ['submitted', 'reopened', 'accepted'], 'rejected'],
  transfer: ['staff', OPEN, 'submitted'],
  note: ['staff', ['submitted', 'accepted', 'in_progress', 'reopened', 'resolved', 'rejected', 'closed'], null],
  withdraw: ['reporter', OPEN, 'withdrawn'],
  reopen: ['reporter', ['resolved'], 'reopened'],
  rate: ['reporter', ['resolved'], 'closed'],
  addInfo: ['reporter', OPEN, null],
  join: ['resident', OPEN, null],
  escalate: ['system', ['submitted', 'reopened'], null],
  remindToRate: ['system', ['resolved'], null],
  autoClose: ['system', ['resolved'], 'closed'],
  assignMediators: ['staff', OPEN, null],
  setParties: ['staff', OPEN, null],
  escalateTier: ['staff', ['accepted', 'in_progress'], 'in_progress'],
  scheduleSession: ['staff', ['accepted', 'in_progress'], 'in_progress'],
  recordSession: ['staff', ['accepted', 'in_progress'], null],
  recordOutcome: ['staff', ['accepted', 'in_progress'], 'resolved'],
  confirmAgreement: ['reporter', ['resolved', 'closed'], null],
  attachAgreement: ['staff', ['resolved', 'closed'], null],
  recordFollowUp: ['staff', ['resolved', 'closed'], null],
  reopenMediation: ['staff', ['resolved', 'closed'], 'in_progress'],
  extendDeadline: ['staff', OPEN, null],
  remindDeadline: ['system', OPEN, null],
  reportDeadline: ['system', OPEN, null],
  remindFollowUp: ['system', ['resolved', 'closed'], null],
  routeLegalAdvice: ['staff', ['accepted', 'in_progress'], 'in_progress'],
  answerLegalAdvice: ['staff', ['in_progress'], 'resolved'],
  // issue 11
  addHelper: ['staff', OPEN, null],
  removeHelper: ['staff', OPEN, null],
  press: ['staff', ['submitted', 'reopened'], null],
};

describe('every (state, action, role)', () => {
  const cases: Array<[CaseAction, CaseStatus, ActorRole, boolean]> = [];
  for (const action of Object.keys(expected) as CaseAction[]) {
    const [who, from] = expected[action];
    for (const status of caseStatuses) for (const role of roles) cases.push([action, status, role, role === who && from.includes(status)]);
  }

  it.each(cases)('%s from %s by %s → allowed %s', (action, status, role, ok) => {
    expect(allowed(action, status, role)).toBe(ok);
  });

  it('moves each action to the state the table names', () => {
    for (const action of Object.keys(expected) as CaseAction[]) expect([action, rules[action].to]).toEqual([action, expected[action][2]]);
    expect(Object.keys(rules).sort()).toEqual(Object.keys(expected).sort());
  });

  it('never leaves a terminal state except by reopening or closing a resolved case (or a broken agreement reopening a mediation)', () => {
    for (const terminal of ['closed', 'withdrawn', 'rejected'] as const) {
      for (const [action, rule] of Object.entries(rules)) {
        if (terminal === 'closed' && action === 'reopenMediation') continue;
        if (rule.to !== null && rule.from.includes(terminal)) throw new Error(`${action} leaves ${terminal}`);
      }
    }
  });
});

describe('derived flags: one function of (status, urgency, now)', () => {
  const t0 = new Date('2026-11-01T00:00:00.000Z');

  it('knows which states are open and which wait for acceptance', () => {
    expect(caseStatuses.filter(isOpen).sort()).toEqual(['accepted', 'in_progress', 'reopened', 'submitted']);
    expect(caseStatuses.filter(isAwaitingAccept).sort()).toEqual(['reopened', 'submitted']);
  });

  it('starts the service-level clock on entering a waiting state, and clears an old escalation', () => {
    expect(derivedFlags('submitted', true, t0)).toMatchObject({ open: true, awaitingAccept: true, slaDueAt: new Date('2026-11-01T00:30:00.000Z'), escalated: false });
    const reopened = derivedFlags('reopened', false, t0, { escalated: true, escalatedAt: t0, acceptedAt: t0 });
    expect(reopened).toMatchObject({ awaitingAccept: true, slaDueAt: new Date('2026-11-02T00:00:00.000Z'), escalated: false, escalatedAt: null, acceptedAt: null });
  });

  it('keeps an escalation on acceptance (the admin still follows it) and stops the clock', () => {
    const accepted = derivedFlags('accepted', false, t0, { escalated: true, escalatedAt: t0 });
    expect(accepted).toMatchObject({ open: true, awaitingAccept: false, slaDueAt: null, escalated: true, acceptedAt: t0 });
  });

  it('asks for a rating three days after resolution and closes the case after seven', () => {
    const resolved = derivedFlags('resolved', false, t0, { acceptedAt: t0 });
    expect(resolved).toMatchObject({ open: false, ratingReminderPending: true, ratingReminderAt: new Date('2026-11-04T00:00:00.000Z'), resolvedAt: t0, closedAt: null });
    expect(nextSweepAt({ status: 'resolved', ...resolved })).toEqual(new Date('2026-11-04T00:00:00.000Z'));
    expect(nextSweepAt({ status: 'resolved', ...resolved, ratingReminderPending: false })).toEqual(new Date('2026-11-08T00:00:00.000Z'));
  });

  it('ends every clock in a final state but the retention period, which ends once the data is anonymised', () => {
    for (const status of ['closed', 'rejected', 'withdrawn'] as const) {
      const f = derivedFlags(status, true, t0, { resolvedAt: t0 });
      expect(f).toMatchObject({ open: false, awaitingAccept: false, slaDueAt: null, ratingReminderPending: false, closedAt: t0 });
      expect(nextSweepAt({ status, ...f })).toEqual(new Date('2029-11-01T00:00:00.000Z'));
      expect(nextSweepAt({ status, ...f, personalDataErasedAt: t0 })).toBeNull();
    }
  });

  it('sweeps a waiting case at its deadline until it is escalated', () => {
    const f = derivedFlags('submitted', false, t0);
    expect(nextSweepAt({ status: 'submitted', ...f })).toEqual(f.slaDueAt);
    expect(nextSweepAt({ status: 'submitted', ...f, escalated: true })).toBeNull();
  });
});

describe('mediation times in nextSweepAt (one sweepAt per case)', () => {
  const t0 = new Date('2026-11-01T00:00:00.000Z');
  const base = { mediationType: 'neighbor' as const, otherParty: '邻居', wants: '停止', tier: 'police_community' as const, agreement: null };
  const open = { status: 'in_progress' as const, ...derivedFlags('in_progress', false, t0) };

  it('is 7 days before the one-month limit, then the limit, then nothing', () => {
    const deadlineAt = new Date('2026-12-01T00:00:00.000Z');
    expect(nextSweepAt({ ...open, mediation: { ...base, outcome: null, deadlineAt } })).toEqual(new Date('2026-11-24T00:00:00.000Z'));
    expect(nextSweepAt({ ...open, mediation: { ...base, outcome: null, deadlineAt, deadlineReminded: true } })).toEqual(deadlineAt);
    expect(nextSweepAt({ ...open, mediation: { ...base, outcome: null, deadlineAt, deadlineReminded: true, deadlineReported: true } })).toBeNull();
  });

  it('is the follow-up visit after a success, when earlier than the case\'s own times', () => {
    const closed = { status: 'closed' as const, ...derivedFlags('closed', false, t0) };
    const followUpDueAt = new Date('2026-11-16T00:00:00.000Z');
    expect(nextSweepAt({ ...closed, mediation: { ...base, outcome: 'success', followUpDueAt } })).toEqual(followUpDueAt);
    // Once reminded, only the retention of its personal data (3 years after it closed) is left.
    expect(nextSweepAt({ ...closed, mediation: { ...base, outcome: 'success', followUpDueAt, followUpReminded: true } })).toEqual(new Date('2029-11-01T00:00:00.000Z'));
    // Resolved: the rating reminder (3 days) comes before the follow-up (15 days).
    const resolved = { status: 'resolved' as const, ...derivedFlags('resolved', false, t0) };
    expect(nextSweepAt({ ...resolved, mediation: { ...base, outcome: 'success', followUpDueAt } })).toEqual(new Date('2026-11-04T00:00:00.000Z'));
  });
});
