/**
 * What a mediation looks like to its parties and staff (`mediations.get`) and as a workbench row.
 * Contacts are masked here; only `mediations.partyContacts` answers them in full (and audits it).
 */
import type { MediationItem, MediationView } from '../../types/mediation';
import type { CaseDoc } from '../data/cases';
import { iso, isoOrNull } from '../platform/time';
import { canDo } from './caseLifecycle';
import { leadsAt, STAFF, type MediationAccess } from './mediationAccess';
import { daysLeft, facts, maskedParties, maskName, stageOf, type FullMediation } from './mediationFacts';

export function mediationView(a: MediationAccess, viewer: string, now: Date, fileUrl: string | null): MediationView {
  const { c, role, m } = a;
  const staff = STAFF.includes(role);
  const lead = m ? leadsAt(m).includes(role) : false;
  const legal = c.kind === 'help' ? c.help?.legalAdvice ?? null : null;
  const handler = m && m.tier !== 'police_community' && m.handlerId
    ? m.mediators.find((x) => x.id === m.handlerId) ?? null
    : c.assigneeName ? { name: c.assigneeName, title: c.assigneeTitle ?? '' } : null;
  const followUp = m?.followUpDueAt
    ? { dueAt: iso(m.followUpDueAt), due: m.followUpDueAt <= now, done: m.followUp ? { at: iso(m.followUp.at), honoured: m.followUp.honoured, note: m.followUp.note } : null }
    : null;
  const isMediation = m !== null;
  return {
    caseId: c._id,
    kind: c.kind,
    status: c.status,
    title: c.title,
    viewerRole: role,
    mediationType: m?.mediationType ?? null,
    tier: m?.tier ?? null,
    stage: stageOf(c, m, now),
    parties: m ? maskedParties(m.parties) : [],
    handler: handler ? { name: handler.name, title: handler.title } : null,
    mediators: (m?.mediators ?? []).map((x) => ({ name: x.name, title: x.title, isMe: x.id === viewer })),
    referral: m?.referral ? { body: m.referral.body, contact: m.referral.contact, date: iso(m.referral.date) } : null,
    sessions: (m?.sessions ?? []).map((s) => ({
      id: s.id, at: iso(s.at), place: s.place, attendees: s.attendees, status: s.status, notes: s.notes, proposals: s.proposals, recordedAt: isoOrNull(s.recordedAt),
    })),
    outcome: m?.outcome ?? null,
    referredTo: m?.referredTo ?? null,
    agreement: m?.agreement
      ? {
          terms: m.agreement,
          file: m.agreementFileId ? { fileId: m.agreementFileId, url: fileUrl } : null,
          confirmation: m.agreementConfirmation ? { by: m.agreementConfirmation.by, at: iso(m.agreementConfirmation.at) } : null,
        }
      : null,
    followUp,
    deadline: m?.deadlineAt && c.open && m.outcome === null
      ? { at: iso(m.deadlineAt), daysLeft: daysLeft(m.deadlineAt, now), extensions: m.deadlineExtensions }
      : null,
    legalAdvice: legal ? { advisorName: legal.advisorName, answer: legal.answer } : null,
    can: {
      assignMediators: isMediation && (role === 'officer' || role === 'admin') && canDo('assignMediators', c.status),
      setParties: isMediation && lead && canDo('setParties', c.status),
      escalate: isMediation && lead && m!.tier !== 'joint_office' && canDo('escalateTier', c.status),
      scheduleSession: isMediation && staff && canDo('scheduleSession', c.status),
      recordSession: isMediation && staff && canDo('recordSession', c.status) && m!.sessions.some((s) => s.status === 'scheduled'),
      recordOutcome: isMediation && lead && canDo('recordOutcome', c.status),
      confirmAgreement: isMediation && role === 'party' && m!.outcome === 'success' && !m!.agreementConfirmation && canDo('confirmAgreement', c.status),
      attachAgreement: isMediation && lead && m!.outcome === 'success' && canDo('attachAgreement', c.status),
      recordFollowUp: isMediation && lead && m!.outcome === 'success' && !m!.followUp && canDo('recordFollowUp', c.status),
      extendDeadline: isMediation && lead && canDo('extendDeadline', c.status),
      viewContacts: isMediation && staff,
      routeLegalAdvice: !isMediation && (role === 'officer' || role === 'admin') && !legal && canDo('routeLegalAdvice', c.status),
      answerLegalAdvice: !isMediation && role === 'judicial_mediator' && !!legal && !legal.answer && canDo('answerLegalAdvice', c.status),
    },
  };
}

export function mediationItem(c: CaseDoc, now: Date): MediationItem {
  const m: FullMediation | null = c.mediation ? facts(c.mediation) : null;
  const next = m?.sessions.filter((s) => s.status === 'scheduled').sort((x, y) => x.at.getTime() - y.at.getTime())[0] ?? null;
  return {
    caseId: c._id,
    kind: c.kind,
    title: c.title,
    status: c.status,
    tier: m?.tier ?? null,
    stage: stageOf(c, m, now),
    partiesLabel: m ? m.parties.map((p) => maskName(p.name)).join(' / ') : c.reporterName ? maskName(c.reporterName) : '居民',
    daysLeft: m?.deadlineAt && c.open && m.outcome === null ? daysLeft(m.deadlineAt, now) : null,
    nextSessionAt: next ? iso(next.at) : null,
    followUpDueAt: m?.outcome === 'success' && !m.followUp ? isoOrNull(m.followUpDueAt) : null,
    createdAt: iso(c.createdAt),
  };
}
