/**
 * The seed's mediation details mapped onto the backend's model (issue 9): parties, mediators,
 * sessions, outcome, agreement, follow-up and the one-month limit embedded in the case, the
 * success-rate date (`mediationClosedAt`), the workbench listings (`mediationMembers`), and legal
 * advice answered by the judicial mediator. Times already past count as done (reminders sent).
 */
import type { CaseDoc, HelpFacts, MediationFacts, MediatorDoc } from '../../backend/data/cases';
import type { MediationMemberDoc } from '../../backend/data/mediationMembers';
import { memberId } from '../../backend/data/mediationMembers';
import { followUpDueAt, mediationDeadline, mediationReminderAt } from '../../backend/domain/serviceLevels';
import type { MediationDetails, SeedCase } from './content/model';

/** The extra facts of a seeded mediation, over the base the documents module already maps. */
export function mediationExtras(c: SeedCase, m: MediationDetails, mediator: (openid: string) => MediatorDoc, judicialId: string, now: Date): Partial<MediationFacts> {
  const mediators = [...new Set(m.mediatorOpenids)].map(mediator);
  const deadlineAt = mediationDeadline(c.createdAt);
  const closedAt = m.outcome ? c.resolvedAt : null;
  const followDue = m.outcome === 'success' && closedAt ? followUpDueAt(closedAt) : null;
  return {
    parties: m.parties.map((p) => ({ name: p.name, relation: p.side === 'applicant' ? '申请人' : '对方当事人', phone: p.side === 'applicant' ? c.contactPhone : null })),
    mediators,
    mediatorIds: mediators.map((x) => x.id),
    handlerId: m.tier === '警民联调' ? null : judicialId,
    referral: null,
    sessions: m.sessions.map((s, i) => ({
      id: `${c.id.replace('seed-case-', 's')}-m${i + 1}`,
      at: s.at,
      place: s.place,
      attendees: [...m.parties.map((p) => p.name), ...s.mediatorOpenids.map((id) => mediator(id).name), ...s.externalParticipants],
      status: s.at <= now ? ('held' as const) : ('scheduled' as const),
      notes: s.at <= now ? s.summary : null,
      proposals: null,
      recordedAt: s.at <= now ? s.at : null,
      recordedBy: s.at <= now ? (s.mediatorOpenids[1] ?? s.mediatorOpenids[0] ?? null) : null,
    })),
    referredTo: m.referredTo,
    agreementFileId: null,
    // The seed's agreements were signed on paper at the last session.
    agreementConfirmation: m.outcome === 'success' && closedAt ? { by: 'paper', at: closedAt } : null,
    deadlineAt,
    deadlineExtensions: 0,
    deadlineReminded: mediationReminderAt(deadlineAt) <= now || m.outcome !== null,
    deadlineReported: deadlineAt <= now || m.outcome !== null,
    followUpDueAt: followDue,
    followUpReminded: followDue !== null && followDue <= now,
    followUp: m.followUp,
  };
}

/** When the success rate counts it: the outcome's date, for a mediation that has one and is resolved or closed. */
export function mediationClosedAt(c: SeedCase, m: MediationDetails | null): Date | null {
  return m?.outcome && c.resolvedAt && (c.status === 'resolved' || c.status === 'closed') ? c.resolvedAt : null;
}

/** A legal-advice request: the seed has the judicial mediator take it; her note is the answer once resolved. */
export function legalAdviceOf(c: SeedCase, judicial: MediatorDoc): HelpFacts['legalAdvice'] {
  const noted = c.timeline.some((t) => t.actorOpenid === judicial.id);
  if (!noted) return null;
  const answer = c.resolvedAt ? c.timeline.find((t) => t.actorOpenid === judicial.id && t.note)?.note ?? null : null;
  return { advisorId: judicial.id, advisorName: judicial.name, answer };
}

/** Each mediation (and routed legal question) on the workbench of everyone who worked on it. */
export function membersOf(doc: CaseDoc): MediationMemberDoc[] {
  const ids = new Set<string>(doc.mediation?.mediatorIds ?? []);
  if (doc.help?.legalAdvice) ids.add(doc.help.legalAdvice.advisorId);
  return [...ids].map((openid) => ({ _id: memberId(doc._id, openid), caseId: doc._id, openid, createdAt: doc.createdAt, addedAt: doc.createdAt }));
}
