/**
 * What mediators do: assign community mediators, correct the parties, escalate a tier, schedule and
 * record sessions, record the outcome and agreement, follow up, extend the limit; the resident
 * confirms the agreement; legal advice is routed to the judicial mediator and answered. Every change
 * is a transition of caseLifecycle.ts (compare-and-set on the case's version): concurrent
 * escalations or outcomes end with one winner and a CONFLICT for the other.
 */
import type { FnOutput, FnParsedInput } from '../../types/registry';
import { mediationTierLabels } from '../../types/enums';
import type { CaseDoc, MediationFacts, MediatorDoc } from '../data/cases';
import { putMembers, memberId } from '../data/mediationMembers';
import { usersByIds } from '../data/users';
import { AppError } from '../platform/errors';
import { randomId } from '../platform/ids';
import { tempFileUrls } from '../platform/openapi';
import { chinaTime } from '../platform/time';
import type { CallContext } from './callContext';
import { applyTransition, type Transition } from './caseLifecycle';
import { toReporter } from './caseNotifications';
import { handlerIdOf, leadsAt, loadMediation, STAFF, type MediationAccess, type MediationRole } from './mediationAccess';
import { facts, MAX_SESSIONS, mediatorOf, withMediators, type FullMediation } from './mediationFacts';
import { toNewMediator, toStaffInApp } from './mediationNotifications';
import { mediationView } from './mediationViews';
import { organisation } from './organisation';
import { ensureOwnPhotos } from './photoFiles';
import { followUpDueAt, mediationDeadline } from './serviceLevels';
import { entry, residentActor, staffActor } from './timeline';
import { daysLater } from '../platform/time';

type Out = FnOutput<'mediations.get'>;

/** The answer of every mediation action: the view as the caller now sees it. */
export async function viewFor(ctx: CallContext, a: MediationAccess): Promise<Out> {
  const fileId = a.m?.agreementFileId ?? null;
  const url = fileId ? (await tempFileUrls([fileId])).get(fileId) ?? null : null;
  return { mediation: mediationView(a, ctx.openid, ctx.now, url) };
}

/** A change to the embedded mediation, computed from the case as it is when decided (see Transition.patchFrom). */
function mediationPatch(change: (m: FullMediation, c: CaseDoc) => Partial<MediationFacts>, extra: (c: CaseDoc) => Partial<CaseDoc> = () => ({})) {
  return (c: CaseDoc) => ({ mediation: { ...c.mediation!, ...change(facts(c.mediation!), c) }, ...extra(c) });
}

function requireMediation(a: MediationAccess): FullMediation {
  if (!a.m) throw new AppError('INVALID_INPUT', '该案件不是调解', 'caseId');
  return a.m;
}

function requireRole(a: MediationAccess, roles: readonly MediationRole[], message: string): void {
  if (!roles.includes(a.role)) throw new AppError('FORBIDDEN', message);
}

const me = (ctx: CallContext): MediatorDoc => mediatorOf({ _id: ctx.openid, staff: ctx.user?.staff ?? null });
const actorName = (ctx: CallContext) => ctx.user?.staff?.name ?? '工作人员';

/**
 * Apply a staff transition; then list the mediation on the workbench of everyone newly among its
 * mediators (idempotent), and answer with the updated view.
 */
async function commit(ctx: CallContext, a: MediationAccess, t: Omit<Transition, 'role'> & { role?: Transition['role'] }): Promise<Out> {
  const before = new Set(a.m?.mediatorIds ?? []);
  const updated = await applyTransition(a.c, { role: 'staff', ...t }, ctx.now);
  const added = (updated.mediation?.mediatorIds ?? []).filter((id) => !before.has(id));
  const legal = updated.help?.legalAdvice?.advisorId;
  if (legal && a.c.help?.legalAdvice?.advisorId !== legal) added.push(legal);
  await putMembers(added.map((openid) => ({ _id: memberId(updated._id, openid), caseId: updated._id, openid, createdAt: updated.createdAt, addedAt: ctx.now })));
  return viewFor(ctx, { c: updated, role: a.role, m: updated.mediation ? facts(updated.mediation) : null });
}

/** The actor joins the mediators when they do mediation work (listed on their workbench, counted in their stats). */
const withActor = (ctx: CallContext) => (m: FullMediation) => withMediators(m, [me(ctx)]);

export async function assignMediators(input: FnParsedInput<'mediations.assignMediators'>, ctx: CallContext): Promise<Out> {
  const a = await loadMediation(ctx, input.caseId, ['officer', 'admin']);
  requireMediation(a);
  const community = (await organisation(ctx.now)).community(a.c.communityId);
  const allowed = new Set(community?.mediatorIds ?? []);
  const wrong = input.mediatorIds.find((id) => !allowed.has(id));
  if (wrong) throw new AppError('INVALID_INPUT', '只能选择本社区的调解员', 'mediatorIds');
  const people = (await usersByIds(input.mediatorIds)).filter((u) => u.roles.includes('mediator'));
  if (people.length !== input.mediatorIds.length) throw new AppError('INVALID_INPUT', '所选调解员不存在', 'mediatorIds');
  const add = people.map(mediatorOf);
  const e = entry('mediators_assigned', staffActor(ctx.user, ctx.openid), ctx.now, { text: `调解员：${add.map((x) => x.name).join('、')}` });
  return commit(ctx, a, {
    action: 'assignMediators',
    entries: [e],
    patchFrom: mediationPatch((m) => withMediators(m, [me(ctx), ...add])),
    notify: (u) => add.filter((x) => !(a.m?.mediatorIds ?? []).includes(x.id)).map((x) => toNewMediator(u, x.id, e, '邀请您参与调解')),
  });
}

export async function setParties(input: FnParsedInput<'mediations.setParties'>, ctx: CallContext): Promise<Out> {
  const a = await loadMediation(ctx, input.caseId);
  requireRole(a, leadsAt(requireMediation(a)), '只有经办民警或专职调解员可以修改当事人信息');
  const e = entry('note', staffActor(ctx.user, ctx.openid), ctx.now, { text: `更新当事人信息（${input.parties.length}人）`, internal: true });
  const parties = input.parties.map((p) => ({ name: p.name, relation: p.relation, phone: p.phone ?? null }));
  return commit(ctx, a, { action: 'setParties', entries: [e], patchFrom: mediationPatch(() => ({ parties })) });
}

export async function escalate(input: FnParsedInput<'mediations.escalate'>, ctx: CallContext): Promise<Out> {
  const a = await loadMediation(ctx, input.caseId);
  const m = requireMediation(a);
  requireRole(a, leadsAt(m), '只有经办民警或专职调解员可以升级调解');
  const from = input.toTier === 'professional' ? 'police_community' : 'professional';
  if (m.tier !== from) {
    throw new AppError('CONFLICT', input.toTier === 'professional' ? '该调解已不在警民联调层级' : '请先升级到专业助调，再对接公调');
  }
  const judicial = (await organisation(ctx.now)).station(a.c.stationId)?.judicialMediator ?? null;
  if (input.toTier === 'professional' && !judicial) throw new AppError('CONFLICT', '本所暂无专职人民调解员，请联系派出所');
  const referral = input.toTier === 'joint_office' ? { body: input.referral.body, contact: input.referral.contact, date: new Date(input.referral.date) } : null;
  const text = input.toTier === 'professional'
    ? `升级为${mediationTierLabels.professional}，由专职人民调解员${judicial!.name}主持。原因：${input.reason}`
    : `升级为${mediationTierLabels.joint_office}，对接${referral!.body}（联系人：${referral!.contact}，${chinaTime(referral!.date)}）。原因：${input.reason}`;
  const e = entry('tier_escalated', staffActor(ctx.user, ctx.openid), ctx.now, { text });
  return commit(ctx, a, {
    action: 'escalateTier',
    entries: [e],
    // Re-checked on the case as written: of two concurrent escalations only the first applies.
    guard: (x) => (x.mediation?.tier === from ? null : '该调解刚刚已被升级，请刷新后查看'),
    patchFrom: mediationPatch((cur) => ({
      tier: input.toTier,
      ...(judicial ? withMediators(cur, [me(ctx), judicial]) : withActor(ctx)(cur)),
      handlerId: judicial?.id ?? cur.handlerId,
      ...(referral ? { referral } : {}),
    })),
    notify: (u) => [
      ...toReporter(u, e, u.status, actorName(ctx)),
      ...(judicial && judicial.id !== ctx.openid ? [toNewMediator(u, judicial.id, e, `调解升级为${mediationTierLabels[input.toTier]}`)] : []),
    ],
  });
}

export async function scheduleSession(input: FnParsedInput<'mediations.scheduleSession'>, ctx: CallContext): Promise<Out> {
  const a = await loadMediation(ctx, input.caseId, STAFF);
  requireMediation(a);
  const at = new Date(input.at);
  if (at.getTime() < ctx.now.getTime() - 86_400_000) throw new AppError('INVALID_INPUT', '调解时间不能早于昨天', 'at');
  const session = { id: randomId().slice(0, 12), at, place: input.place, attendees: input.attendees, status: 'scheduled' as const, notes: null, proposals: null, recordedAt: null, recordedBy: null };
  const e = entry('session_scheduled', staffActor(ctx.user, ctx.openid), ctx.now, { text: `调解时间：${chinaTime(at)}，地点：${input.place}` });
  return commit(ctx, a, {
    action: 'scheduleSession',
    entries: [e],
    guard: (x) => ((x.mediation?.sessions?.length ?? 0) >= MAX_SESSIONS ? '调解次数已达上限，请直接联系派出所' : null),
    patchFrom: mediationPatch((cur) => ({ ...withActor(ctx)(cur), sessions: [...cur.sessions, session] })),
    notify: (u) => toReporter(u, e, u.status, actorName(ctx)),
  });
}

export async function recordSession(input: FnParsedInput<'mediations.recordSession'>, ctx: CallContext): Promise<Out> {
  const a = await loadMediation(ctx, input.caseId, STAFF);
  const m = requireMediation(a);
  if (!m.sessions.some((s) => s.id === input.sessionId)) throw new AppError('NOT_FOUND', '没有找到这次调解安排', 'sessionId');
  const e = entry('session_held', staffActor(ctx.user, ctx.openid), ctx.now, { text: input.notes.slice(0, 200), internal: true });
  return commit(ctx, a, {
    action: 'recordSession',
    entries: [e],
    patchFrom: mediationPatch((cur) => ({
      ...withActor(ctx)(cur),
      sessions: cur.sessions.map((s) => (s.id === input.sessionId
        ? { ...s, status: 'held' as const, notes: input.notes, proposals: input.proposals ?? null, recordedAt: ctx.now, recordedBy: ctx.openid }
        : s)),
    })),
  });
}

export async function recordOutcome(input: FnParsedInput<'mediations.recordOutcome'>, ctx: CallContext): Promise<Out> {
  ensureOwnPhotos([input.agreement?.fileId], 'agreement.fileId');
  const a = await loadMediation(ctx, input.caseId);
  requireRole(a, leadsAt(requireMediation(a)), '只有经办民警或专职调解员可以记录调解结果');
  const success = input.outcome === 'success';
  const paper = success && input.agreement!.signedOnPaper;
  const text = input.outcome === 'referred' ? `${input.summary}（已移交${input.referredTo}）` : input.summary;
  const e = entry('mediation_outcome', staffActor(ctx.user, ctx.openid), ctx.now, { from: a.c.status, to: 'resolved', text });
  return commit(ctx, a, {
    action: 'recordOutcome',
    entries: [e],
    patchFrom: mediationPatch(
      (cur) => ({
        ...withActor(ctx)(cur),
        outcome: input.outcome,
        referredTo: input.outcome === 'referred' ? input.referredTo! : null,
        agreement: success ? input.agreement!.terms : null,
        agreementFileId: success ? input.agreement!.fileId ?? null : null,
        agreementConfirmation: paper ? { by: 'paper' as const, at: ctx.now } : null,
        followUpDueAt: success ? followUpDueAt(ctx.now) : null,
        followUpReminded: false,
        followUp: null,
      }),
      () => ({ mediationClosedAt: ctx.now }),
    ),
    notify: (u) => toReporter(u, e, 'resolved', actorName(ctx)),
  });
}

export async function confirmAgreement(input: FnParsedInput<'mediations.confirmAgreement'>, ctx: CallContext): Promise<Out> {
  const a = await loadMediation(ctx, input.caseId, ['party']);
  const m = requireMediation(a);
  if (m.outcome !== 'success' || !m.agreement) throw new AppError('CONFLICT', '该调解没有需要确认的协议');
  const e = entry('agreement_confirmed', residentActor(ctx.user, ctx.openid, a.c), ctx.now, { text: '当事人已在线确认调解协议' });
  return commit(ctx, a, {
    action: 'confirmAgreement',
    role: 'reporter',
    entries: [e],
    followerActor: ctx.openid,
    guard: (x) => (x.mediation?.agreementConfirmation ? '协议已确认过' : x.mediation?.outcome !== 'success' ? '该调解没有需要确认的协议' : null),
    patchFrom: mediationPatch(() => ({ agreementConfirmation: { by: 'resident', at: ctx.now } })),
    notify: (u) => toStaffInApp(u, handlerIdOf(u), e, '当事人确认了调解协议'),
  });
}

/** The lead adds the signed paper after the outcome (a photo or PDF) and/or records that it was signed on paper. */
export async function attachAgreement(input: FnParsedInput<'mediations.attachAgreement'>, ctx: CallContext): Promise<Out> {
  ensureOwnPhotos([input.fileId], 'fileId');
  const a = await loadMediation(ctx, input.caseId);
  const m = requireMediation(a);
  requireRole(a, leadsAt(m), '只有经办民警或专职调解员可以上传调解协议');
  if (m.outcome !== 'success') throw new AppError('CONFLICT', '调解成功后才能上传协议');
  const e = entry('note', staffActor(ctx.user, ctx.openid), ctx.now, { text: input.signedOnPaper ? '双方已签署书面调解协议' : '已上传签字的调解协议', internal: !input.signedOnPaper });
  return commit(ctx, a, {
    action: 'attachAgreement',
    entries: [e],
    patchFrom: mediationPatch((cur) => ({
      agreementFileId: input.fileId ?? cur.agreementFileId,
      agreementConfirmation: cur.agreementConfirmation ?? (input.signedOnPaper ? { by: 'paper' as const, at: ctx.now } : null),
    })),
  });
}

export async function recordFollowUp(input: FnParsedInput<'mediations.recordFollowUp'>, ctx: CallContext): Promise<Out> {
  const a = await loadMediation(ctx, input.caseId);
  const m = requireMediation(a);
  requireRole(a, leadsAt(m), '只有经办民警或专职调解员可以回访');
  if (m.outcome !== 'success') throw new AppError('CONFLICT', '调解成功后才能回访');
  const verdict = input.honoured ? '协议履行良好' : '协议未履行';
  const e = entry('follow_up', staffActor(ctx.user, ctx.openid), ctx.now, {
    text: `回访：${verdict}。${input.note}${input.reopen ? '（重新调解）' : ''}`,
    ...(input.reopen ? { from: a.c.status, to: 'in_progress' as const } : {}),
  });
  const followUp = { at: ctx.now, honoured: input.honoured, note: input.note };
  return commit(ctx, a, {
    action: input.reopen ? 'reopenMediation' : 'recordFollowUp',
    entries: [e],
    guard: (x) => (x.mediation?.followUp ? '已回访过' : null),
    // A broken agreement reopens the mediation: no outcome, a new one-month limit, out of the success rate until it closes again.
    patchFrom: input.reopen
      ? mediationPatch(() => ({
          followUp, outcome: null, referredTo: null, agreementConfirmation: null, followUpDueAt: null,
          deadlineAt: mediationDeadline(ctx.now), deadlineReminded: false, deadlineReported: false,
        }), () => ({ mediationClosedAt: null }))
      : mediationPatch(() => ({ followUp })),
    notify: (u) => toReporter(u, e, u.status, actorName(ctx)),
  });
}

export async function extendDeadline(input: FnParsedInput<'mediations.extendDeadline'>, ctx: CallContext): Promise<Out> {
  const a = await loadMediation(ctx, input.caseId);
  const m = requireMediation(a);
  requireRole(a, leadsAt(m), '只有经办民警或专职调解员可以延长期限');
  const base = m.deadlineAt && m.deadlineAt > ctx.now ? m.deadlineAt : ctx.now;
  const deadlineAt = daysLater(base, input.days);
  const e = entry('deadline_extended', staffActor(ctx.user, ctx.openid), ctx.now, { text: `调解期限延长${input.days}天至${chinaTime(deadlineAt)}。原因：${input.reason}` });
  return commit(ctx, a, {
    action: 'extendDeadline',
    entries: [e],
    patchFrom: mediationPatch((cur) => ({
      deadlineAt, deadlineExtensions: cur.deadlineExtensions + 1,
      // A new limit earns a new reminder (if 7 days are still ahead) and a new report at the limit.
      deadlineReminded: false, deadlineReported: false,
    })),
  });
}

export async function routeLegalAdvice(input: FnParsedInput<'mediations.routeLegalAdvice'>, ctx: CallContext): Promise<Out> {
  const a = await loadMediation(ctx, input.caseId, ['officer', 'admin']);
  if (a.m) throw new AppError('INVALID_INPUT', '调解案件请使用升级调解', 'caseId');
  const judicial = (await organisation(ctx.now)).station(a.c.stationId)?.judicialMediator ?? null;
  if (!judicial) throw new AppError('CONFLICT', '本所暂无专职人民调解员，请联系派出所');
  const e = entry('legal_advice_routed', staffActor(ctx.user, ctx.openid), ctx.now, { text: `已请专职人民调解员${judicial.name}解答${input.note ? `：${input.note}` : ''}` });
  return commit(ctx, a, {
    action: 'routeLegalAdvice',
    entries: [e],
    guard: (x) => (x.help?.legalAdvice ? '该咨询已转给专职调解员' : null),
    patchFrom: (x) => ({ help: { ...x.help!, legalAdvice: { advisorId: judicial.id, advisorName: judicial.name, answer: null } } }),
    notify: (u) => [toNewMediator(u, judicial.id, e, '法律咨询待解答'), ...toReporter(u, e, u.status, actorName(ctx))],
  });
}

export async function answerLegalAdvice(input: FnParsedInput<'mediations.answerLegalAdvice'>, ctx: CallContext): Promise<Out> {
  const a = await loadMediation(ctx, input.caseId, ['judicial_mediator']);
  if (a.c.help?.legalAdvice?.advisorId !== ctx.openid) throw new AppError('FORBIDDEN', '该咨询未转给您');
  const e = entry('legal_advice', staffActor(ctx.user, ctx.openid), ctx.now, { from: a.c.status, to: 'resolved', text: input.answer });
  return commit(ctx, a, {
    action: 'answerLegalAdvice',
    entries: [e],
    guard: (x) => (x.help?.legalAdvice?.answer ? '该咨询已答复' : null),
    patchFrom: (x) => ({ help: { ...x.help!, legalAdvice: { ...x.help!.legalAdvice!, answer: input.answer } } }),
    notify: (u) => toReporter(u, e, 'resolved', actorName(ctx)),
  });
}

/** cases.accept of a mediation: the officer who accepts it is its first mediator (on their workbench). */
export function acceptingMediator(c: CaseDoc, ctx: CallContext): Partial<CaseDoc> {
  if (!c.mediation) return {};
  return { mediation: { ...c.mediation, ...withMediators(facts(c.mediation), [me(ctx)]) } };
}

export async function listAcceptingMediator(c: CaseDoc, ctx: CallContext): Promise<void> {
  if (!c.mediation || (c.mediation.mediatorIds ?? []).includes(ctx.openid)) return;
  await putMembers([{ _id: memberId(c._id, ctx.openid), caseId: c._id, openid: ctx.openid, createdAt: c.createdAt, addedAt: ctx.now }]);
}

