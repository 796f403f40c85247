/**
 * A mediation's embedded facts with their defaults (documents from before issue 9 lack the newer
 * fields), how a new one starts, masking, and where it stands (stage, days left).
 */
import type { MediationStage } from '../../types/mediation';
import type { CaseDoc, MediationFacts, MediatorDoc, PartyDoc } from '../data/cases';
import type { UserDoc } from '../data/users';
import { mediationDeadline } from './serviceLevels';

/** Sessions one mediation keeps (the document stays far below its size limit). */
export const MAX_SESSIONS = 30;

export type FullMediation = Required<MediationFacts>;

export function facts(m: MediationFacts): FullMediation {
  return {
    parties: [], mediators: [], mediatorIds: [], handlerId: null, referral: null, sessions: [], referredTo: null,
    agreementFileId: null, agreementConfirmation: null, deadlineAt: null, deadlineExtensions: 0, deadlineReminded: false,
    deadlineReported: false, followUpDueAt: null, followUpReminded: false, followUp: null,
    ...m,
  };
}

/** The facts a resident's new mediation request starts with: 警民联调, both parties, the one-month limit. */
export function newMediationFacts(
  input: { mediationType: MediationFacts['mediationType']; otherParty: string; wants: string },
  reporter: Pick<UserDoc, 'name' | 'phone'>,
  now: Date,
): MediationFacts {
  return {
    mediationType: input.mediationType, otherParty: input.otherParty, wants: input.wants,
    tier: 'police_community', outcome: null, agreement: null,
    parties: [
      { name: reporter.name ?? '申请人', relation: '申请人', phone: reporter.phone },
      { name: input.otherParty, relation: '对方当事人', phone: null },
    ],
    mediators: [], mediatorIds: [], handlerId: null, sessions: [],
    deadlineAt: mediationDeadline(now), deadlineExtensions: 0, deadlineReminded: false, deadlineReported: false,
  };
}

/** 138****5678; anything else keeps its first and last character. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  if (/^\d{11}$/.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(7)}`;
  return phone.length <= 2 ? '*'.repeat(phone.length) : `${phone[0]}${'*'.repeat(phone.length - 2)}${phone[phone.length - 1]}`;
}

/** 刘** — a name as a list shows it. */
export function maskName(name: string): string {
  return name.length <= 1 ? name : `${name[0]}${'*'.repeat(Math.min(name.length - 1, 2))}`;
}

export function maskedParties(parties: PartyDoc[]): PartyDoc[] {
  return parties.map((p) => ({ ...p, phone: maskPhone(p.phone) }));
}

/** Add people to the mediators, keeping each once. */
export function withMediators(m: FullMediation, add: MediatorDoc[]): Pick<FullMediation, 'mediators' | 'mediatorIds'> {
  const mediators = [...m.mediators];
  for (const a of add) if (!mediators.some((x) => x.id === a.id)) mediators.push(a);
  return { mediators, mediatorIds: mediators.map((x) => x.id) };
}

export function mediatorOf(user: Pick<UserDoc, '_id' | 'staff'>): MediatorDoc {
  return { id: user._id, name: user.staff?.name ?? '工作人员', title: user.staff?.title ?? '工作人员' };
}

const DAY_MS = 86_400_000;

/** Whole days left until the limit (negative once past it), counted up: 0.5 days left is 1. */
export function daysLeft(deadline: Date, now: Date): number {
  return Math.ceil((deadline.getTime() - now.getTime()) / DAY_MS);
}

export function stageOf(c: Pick<CaseDoc, 'open' | 'status'>, m: FullMediation | null, now: Date): MediationStage {
  if (c.open) return 'active';
  if (m && m.outcome === 'success' && m.followUpDueAt && !m.followUp && (c.status === 'resolved' || c.status === 'closed')) {
    return m.followUpDueAt <= now ? 'follow_up_due' : 'awaiting_follow_up';
  }
  return 'done';
}
