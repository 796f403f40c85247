/**
 * Mediation in three tiers (issue 9) through the real SDK against local cloud: the walk from
 * 警民联调 to an agreement and its follow-up, access from every wrong role, another community and
 * an unassigned mediator, concurrency (one winner), the contact audit, the one-month limit and the
 * follow-up in the scheduler's sweep, and legal advice.
 */
import type { CaseDoc } from '../../backend/data/cases';
import { nextSweepAt } from '../../backend/domain/caseLifecycle';
import type { FnInput, FnName } from '../../types/registry';
import { startTestStack, type TestStack } from '../support/stack';
import { arrangeMediation, med, parkingDispute } from './mediationStation';
import { arrangeStation, dataOf, ids, joinResident, requestId, unwrap } from './station';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
  await arrangeStation(stack);
  await arrangeMediation(stack);
  await joinResident(stack, 'o-liu', { communityId: ids.c1, buildingId: ids.b1 }, '刘玉芬');
  await joinResident(stack, 'o-other', { communityId: ids.c1, buildingId: ids.b1 }, '赵大爷');
}, 120_000);
afterAll(() => stack?.close());

const cases = () => stack.database().collection('cases');
const doc = async (id: string) => dataOf<CaseDoc>(cases().doc(id).get());
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'OK' : r.error!.code);

/** A mediation requested by 刘玉芬 and accepted by the grid's officer 周建军. */
async function acceptedMediation(): Promise<string> {
  const { case: c } = unwrap(await stack.call('cases.create', parkingDispute(), 'o-liu'));
  unwrap(await stack.call('cases.accept', { caseId: c.id }, ids.officer1));
  return c.id;
}

const agreement = { terms: '王先生不再占用刘女士车位，物业调整车位标识', fileId: 'cloud://local.6c6f-local-1300000000/case-photos/agreements/a1.jpg', signedOnPaper: false };

describe('the walk: 警民联调 → 专业助调 → agreement → follow-up', () => {
  it('goes through every tier with the people the issue names, each step on the timeline', async () => {
    const caseId = await acceptedMediation();
    let v = unwrap(await stack.call('mediations.get', { caseId }, ids.officer1)).mediation;
    expect(v).toMatchObject({ viewerRole: 'officer', tier: 'police_community', stage: 'active', handler: { name: '周建军' } });
    expect(v.deadline!.daysLeft).toBe(30);
    // Contacts are masked in the view; the applicant's phone came from her profile.
    expect(v.parties).toEqual([
      { name: '刘玉芬', relation: '申请人', phone: '138****5678' },
      { name: '5号楼王先生', relation: '对方当事人', phone: null },
    ]);
    expect(v.mediators.map((m) => m.name)).toEqual(['周建军']);

    // The community mediator of that community only.
    const options = unwrap(await stack.call('mediations.mediatorOptions', { caseId }, ids.officer1));
    expect(options.community.map((o) => o.name)).toEqual(['陈玉梅']);
    expect(options.judicial).toEqual({ name: '王志华', title: '专职人民调解员' });
    expect(code(await stack.call('mediations.assignMediators', { caseId, mediatorIds: [med.xin] }, ids.officer1))).toBe('INVALID_INPUT');
    v = unwrap(await stack.call('mediations.assignMediators', { caseId, mediatorIds: [med.chen] }, ids.officer1)).mediation;
    expect(v.mediators.map((m) => m.name)).toEqual(['周建军', '陈玉梅']);

    // 陈玉梅 now sees it (and only because she is assigned), schedules a session: the resident hears of it.
    expect(unwrap(await stack.call('mediations.get', { caseId }, med.chen)).mediation.viewerRole).toBe('mediator');
    const at = new Date(Date.now() + 2 * 86_400_000).toISOString();
    v = unwrap(await stack.call('mediations.scheduleSession', { caseId, at, place: '警务室', attendees: ['刘玉芬', '王先生', '陈玉梅'] }, med.chen)).mediation;
    expect(v.status).toBe('in_progress');
    expect(v.sessions).toHaveLength(1);
    const notes = unwrap(await stack.call('notify.myNotifications', {}, 'o-liu'));
    expect(notes.items[0]).toMatchObject({ kind: 'case_update', caseId });
    expect(notes.items[0]!.body).toContain('警务室');
    v = unwrap(await stack.call('mediations.recordSession', { caseId, sessionId: v.sessions[0]!.id, notes: '双方陈述了意见，王先生同意考虑', proposals: '物业重新划线' }, med.chen)).mediation;
    expect(v.sessions[0]).toMatchObject({ status: 'held', notes: '双方陈述了意见，王先生同意考虑', proposals: '物业重新划线' });

    // Escalation needs a reason (named in Chinese), then assigns the station's judicial mediator.
    const noReason = await stack.call('mediations.escalate', { caseId, toTier: 'professional', reason: '' } as FnInput<'mediations.escalate'>, ids.officer1);
    expect(noReason).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'reason' } });
    expect(code(await stack.call('mediations.get', { caseId }, med.judicial))).toBe('FORBIDDEN');
    v = unwrap(await stack.call('mediations.escalate', { caseId, toTier: 'professional', reason: '涉及车位产权，需要专业调解' }, ids.officer1)).mediation;
    expect(v).toMatchObject({ tier: 'professional', handler: { name: '王志华' } });
    const judicialNotes = unwrap(await stack.call('notify.myNotifications', {}, med.judicial));
    expect(judicialNotes.items[0]).toMatchObject({ kind: 'case_new', caseId });
    const mine = unwrap(await stack.call('mediations.listMine', {}, med.judicial));
    expect(mine.items.map((i) => i.caseId)).toContain(caseId);
    // The judicial mediator reads the case page too (cases.get, staff view) but acts only through `mediations`.
    const page = unwrap(await stack.call('cases.get', { caseId }, med.judicial));
    expect(page.viewer).toBe('staff');
    expect(page.can).toMatchObject({ accept: false, resolve: false });
    const resident = unwrap(await stack.call('cases.get', { caseId }, 'o-liu'));
    expect(resident.timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['mediators_assigned', 'session_scheduled', 'tier_escalated']));
    expect(resident.timeline.map((e) => e.type)).not.toContain('session_held');

    // 王志华 records a successful outcome with the signed paper; the resident confirms in the app.
    v = unwrap(await stack.call('mediations.recordOutcome', { caseId, outcome: 'success', summary: '双方达成协议', agreement }, med.judicial)).mediation;
    expect(v).toMatchObject({ status: 'resolved', outcome: 'success', stage: 'awaiting_follow_up', agreement: { terms: agreement.terms, confirmation: null } });
    expect(v.agreement!.file!.fileId).toBe(agreement.fileId);
    const party = unwrap(await stack.call('mediations.get', { caseId }, 'o-liu')).mediation;
    expect(party).toMatchObject({ viewerRole: 'party', can: { confirmAgreement: true, recordOutcome: false } });
    v = unwrap(await stack.call('mediations.confirmAgreement', { caseId }, 'o-liu')).mediation;
    expect(v.agreement!.confirmation!.by).toBe('resident');
    expect(code(await stack.call('mediations.confirmAgreement', { caseId }, 'o-liu'))).toBe('CONFLICT');

    // Follow-up due in 15 days; recorded as honoured.
    const stored = await doc(caseId);
    expect(stored.mediationClosedAt).toBeTruthy();
    expect(stored.mediation!.followUpDueAt!.getTime() - stored.mediationClosedAt!.getTime()).toBe(15 * 86_400_000);
    v = unwrap(await stack.call('mediations.recordFollowUp', { caseId, honoured: true, note: '车位已重新划线，双方相安无事' }, med.judicial)).mediation;
    expect(v.followUp!.done).toMatchObject({ honoured: true });
    expect(v.stage).toBe('done');
  });

  it('refers a joint-office mediation with the receiving body, and a broken agreement reopens it', async () => {
    const caseId = await acceptedMediation();
    unwrap(await stack.call('mediations.escalate', { caseId, toTier: 'professional', reason: '需要专业调解' }, ids.officer1));
    const noBody = await stack.call('mediations.escalate', { caseId, toTier: 'joint_office', reason: '需要街道协调' } as FnInput<'mediations.escalate'>, med.judicial);
    expect(noBody).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'referral' } });
    const v = unwrap(await stack.call('mediations.escalate', {
      caseId, toTier: 'joint_office', reason: '需要街道协调', referral: { body: '和苑街道综治中心', contact: '李主任', date: new Date().toISOString() },
    }, med.judicial)).mediation;
    expect(v).toMatchObject({ tier: 'joint_office', referral: { body: '和苑街道综治中心', contact: '李主任' } });

    const noTarget = await stack.call('mediations.recordOutcome', { caseId, outcome: 'referred', summary: '移交处理' }, med.judicial);
    expect(noTarget).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'referredTo' } });
    unwrap(await stack.call('mediations.recordOutcome', { caseId, outcome: 'success', summary: '达成协议', agreement: { terms: agreement.terms } }, med.judicial));
    // The signed paper comes later: its photo, and that it was signed on paper.
    expect(code(await stack.call('mediations.attachAgreement', { caseId }, med.judicial))).toBe('INVALID_INPUT');
    expect(code(await stack.call('mediations.attachAgreement', { caseId, signedOnPaper: true }, 'o-liu'))).toBe('FORBIDDEN');
    const attached = unwrap(await stack.call('mediations.attachAgreement', { caseId, fileId: agreement.fileId, signedOnPaper: true }, med.judicial)).mediation;
    expect(attached.agreement).toMatchObject({ file: { fileId: agreement.fileId }, confirmation: { by: 'paper' } });
    expect((await doc(caseId)).mediation!.agreementConfirmation!.by).toBe('paper');
    const reopened = unwrap(await stack.call('mediations.recordFollowUp', { caseId, honoured: false, note: '对方又占用车位', reopen: true }, ids.officer1)).mediation;
    expect(reopened).toMatchObject({ status: 'in_progress', outcome: null, stage: 'active' });
    expect(reopened.deadline!.daysLeft).toBe(30);
    expect((await doc(caseId)).mediationClosedAt).toBeNull();
  });

  it('extends the one-month limit only with a reason, on the timeline', async () => {
    const caseId = await acceptedMediation();
    const before = (await doc(caseId)).mediation!.deadlineAt!;
    expect(code(await stack.call('mediations.extendDeadline', { caseId, days: 10, reason: '' }, ids.officer1))).toBe('INVALID_INPUT');
    const v = unwrap(await stack.call('mediations.extendDeadline', { caseId, days: 10, reason: '当事人出差' }, ids.officer1)).mediation;
    expect(v.deadline).toMatchObject({ daysLeft: 40, extensions: 1 });
    const after = await doc(caseId);
    expect(after.mediation!.deadlineAt!.getTime() - before.getTime()).toBe(10 * 86_400_000);
    expect(after.timeline.at(-1)).toMatchObject({ type: 'deadline_extended', visibility: 'public' });
    expect(after.timeline.at(-1)!.text).toContain('当事人出差');
  });
});

describe('access: wrong role, another community, an unassigned mediator', () => {
  let caseId: string;
  beforeAll(async () => {
    caseId = await acceptedMediation();
  });

  const probes: Array<[string, FnName, (id: string) => unknown]> = [
    ['get', 'mediations.get', (caseId) => ({ caseId })],
    ['assignMediators', 'mediations.assignMediators', (caseId) => ({ caseId, mediatorIds: [med.chen] })],
    ['setParties', 'mediations.setParties', (caseId) => ({ caseId, parties: [{ name: '甲', relation: '申请人' }, { name: '乙', relation: '对方' }] })],
    ['escalate', 'mediations.escalate', (caseId) => ({ caseId, toTier: 'professional', reason: '需要专业调解' })],
    ['scheduleSession', 'mediations.scheduleSession', (caseId) => ({ caseId, at: new Date().toISOString(), place: '警务室', attendees: ['甲'] })],
    ['recordOutcome', 'mediations.recordOutcome', (caseId) => ({ caseId, outcome: 'failed', summary: '未达成' })],
    ['extendDeadline', 'mediations.extendDeadline', (caseId) => ({ caseId, days: 3, reason: '需要时间' })],
    ['partyContacts', 'mediations.partyContacts', (caseId) => ({ caseId })],
    ['mediatorOptions', 'mediations.mediatorOptions', (caseId) => ({ caseId })],
  ];
  const outsiders: Array<[string, string]> = [
    ['a resident who is not a party', 'o-other'],
    ['the officer of another community', ids.officer2],
    ['an unassigned community mediator (another community)', med.xin],
    ['an unassigned community mediator (same community)', med.chen],
    ['the judicial mediator below 专业助调', med.judicial],
  ];

  it.each(outsiders)('refuses %s every action', async (_who, openid) => {
    for (const [label, name, input] of probes) {
      const r = await stack.call(name, input(caseId) as FnInput<typeof name>, openid);
      expect({ label, code: code(r) }).toEqual({ label, code: 'FORBIDDEN' });
    }
  });

  it('lets the resident party read but not act; the assigned mediator schedule but not decide', async () => {
    expect(code(await stack.call('mediations.recordOutcome', { caseId, outcome: 'failed', summary: '未达成' }, 'o-liu'))).toBe('FORBIDDEN');
    unwrap(await stack.call('mediations.assignMediators', { caseId, mediatorIds: [med.chen] }, ids.officer1));
    expect(code(await stack.call('mediations.recordOutcome', { caseId, outcome: 'failed', summary: '未达成' }, med.chen))).toBe('FORBIDDEN');
    expect(code(await stack.call('mediations.escalate', { caseId, toTier: 'professional', reason: '需要专业调解' }, med.chen))).toBe('FORBIDDEN');
    expect(code(await stack.call('mediations.contactReads', {}, ids.officer1))).toBe('FORBIDDEN');
    expect(code(await stack.call('mediations.stats', { from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date().toISOString() }, 'o-liu'))).toBe('FORBIDDEN');
  });

  it('records every staff read of the parties\' contacts for the station\'s audit', async () => {
    const before = unwrap(await stack.call('mediations.contactReads', { pageSize: 20 }, ids.admin)).items.length;
    const full = unwrap(await stack.call('mediations.partyContacts', { caseId }, ids.officer1));
    expect(full.parties[0]).toEqual({ name: '刘玉芬', relation: '申请人', phone: '13812345678' });
    const audit = unwrap(await stack.call('mediations.contactReads', { pageSize: 20 }, ids.admin));
    expect(audit.items.length).toBe(before + 1);
    expect(audit.items[0]).toMatchObject({ caseId, readerName: '周建军（社区民警）' });
  });
});

describe('concurrency: one winner', () => {
  it('of two escalations at once, exactly one applies', async () => {
    const caseId = await acceptedMediation();
    const input = { caseId, toTier: 'professional' as const, reason: '需要专业调解' };
    const results = await Promise.all([stack.call('mediations.escalate', input, ids.officer1), stack.call('mediations.escalate', input, ids.admin)]);
    expect(results.map(code).sort()).toEqual(['CONFLICT', 'OK']);
    expect((await doc(caseId)).timeline.filter((e) => e.type === 'tier_escalated')).toHaveLength(1);
  });

  it('of two outcomes at once, exactly one is recorded', async () => {
    const caseId = await acceptedMediation();
    const results = await Promise.all([
      stack.call('mediations.recordOutcome', { caseId, outcome: 'failed', summary: '未达成协议' }, ids.officer1),
      stack.call('mediations.recordOutcome', { caseId, outcome: 'success', summary: '达成协议', agreement }, ids.admin),
    ]);
    expect(results.map(code).sort()).toEqual(['CONFLICT', 'OK']);
    expect((await doc(caseId)).timeline.filter((e) => e.type === 'mediation_outcome')).toHaveLength(1);
  });
});

describe('the one-month limit and the follow-up in the scheduler\'s one sweep', () => {
  async function backdate(id: string, change: (c: CaseDoc) => Partial<CaseDoc>): Promise<void> {
    const current = await doc(id);
    const patch = change(current);
    await cases().doc(id).update({ data: { ...patch, sweepAt: nextSweepAt({ ...current, ...patch }) } });
  }

  it('reminds the handler at 7 days left and tells the station admin at the limit, once each', async () => {
    const caseId = await acceptedMediation();
    await backdate(caseId, (c) => ({ mediation: { ...c.mediation!, deadlineAt: new Date(Date.now() + 6 * 86_400_000) } }));
    const first = unwrap(await stack.call('scheduler.tick', {}, ids.admin));
    expect(first.mediationNotices).toBeGreaterThanOrEqual(1);
    const officerNotes = unwrap(await stack.call('notify.myNotifications', {}, ids.officer1));
    // The same sweep may also tell him the month's survey is ready (issue 10): find the limit reminder.
    const reminder = officerNotes.items.find((n) => n.kind === 'case_overdue' && n.caseId === caseId);
    expect(reminder).toMatchObject({ kind: 'case_overdue', caseId });
    expect(reminder!.body).toContain('7天');
    expect(unwrap(await stack.call('mediations.get', { caseId }, ids.officer1)).mediation.deadline!.daysLeft).toBe(6);

    await backdate(caseId, (c) => ({ mediation: { ...c.mediation!, deadlineAt: new Date(Date.now() - 60_000) } }));
    unwrap(await stack.call('scheduler.tick', {}, ids.admin));
    const adminNotes = unwrap(await stack.call('notify.myNotifications', {}, ids.admin));
    expect(adminNotes.items[0]).toMatchObject({ kind: 'case_escalated', caseId });
    const after = await doc(caseId);
    expect(after.mediation).toMatchObject({ deadlineReminded: true, deadlineReported: true });
    expect(after.timeline.filter((e) => e.type === 'deadline_reminder')).toHaveLength(2);
    unwrap(await stack.call('scheduler.tick', {}, ids.admin));
    expect((await doc(caseId)).timeline.filter((e) => e.type === 'deadline_reminder')).toHaveLength(2);
  });

  it('puts a due follow-up on the handler\'s list and tells them', async () => {
    const caseId = await acceptedMediation();
    unwrap(await stack.call('mediations.recordOutcome', { caseId, outcome: 'success', summary: '达成协议', agreement }, ids.officer1));
    await backdate(caseId, (c) => ({ mediation: { ...c.mediation!, followUpDueAt: new Date(Date.now() - 60_000) } }));
    // The rating reminder is earlier in the case's own times; the sweep takes what is due, one per tick.
    unwrap(await stack.call('scheduler.tick', {}, ids.admin));
    const list = unwrap(await stack.call('mediations.listMine', { filter: 'open', pageSize: 20 }, ids.officer1));
    expect(list.items.find((i) => i.caseId === caseId)).toMatchObject({ stage: 'follow_up_due' });
    const notes = unwrap(await stack.call('notify.myNotifications', {}, ids.officer1));
    expect(notes.items.find((n) => n.caseId === caseId && n.body.includes('回访'))).toBeTruthy();
    expect((await doc(caseId)).mediation!.followUpReminded).toBe(true);
  });
});

describe('legal advice (法律咨询)', () => {
  it('is routed by the officer to the judicial mediator, who answers on the case', async () => {
    const { case: c } = unwrap(await stack.call('cases.create', {
      kind: 'help', helpType: 'legal_advice', urgency: 'normal', callbackAllowed: false,
      description: '房东不退押金，想咨询怎么办', clientRequestId: requestId(), location: { buildingId: ids.b1 },
    }, 'o-liu'));
    expect(code(await stack.call('mediations.get', { caseId: c.id }, med.judicial))).toBe('FORBIDDEN');
    unwrap(await stack.call('cases.accept', { caseId: c.id }, ids.officer1));
    expect(code(await stack.call('mediations.routeLegalAdvice', { caseId: c.id }, ids.officer2))).toBe('FORBIDDEN');
    const routed = unwrap(await stack.call('mediations.routeLegalAdvice', { caseId: c.id, note: '押金纠纷' }, ids.officer1)).mediation;
    expect(routed).toMatchObject({ kind: 'help', legalAdvice: { advisorName: '王志华', answer: null } });
    const judicialView = unwrap(await stack.call('mediations.get', { caseId: c.id }, med.judicial)).mediation;
    expect(judicialView.can.answerLegalAdvice).toBe(true);
    expect(unwrap(await stack.call('mediations.listMine', {}, med.judicial)).items.map((i) => i.caseId)).toContain(c.id);
    const answered = unwrap(await stack.call('mediations.answerLegalAdvice', { caseId: c.id, answer: '可依据租赁合同要求退还，必要时申请调解或起诉' }, med.judicial)).mediation;
    expect(answered).toMatchObject({ status: 'resolved', legalAdvice: { answer: '可依据租赁合同要求退还，必要时申请调解或起诉' } });
    const resident = unwrap(await stack.call('cases.get', { caseId: c.id }, 'o-liu'));
    expect(resident.timeline.at(-1)).toMatchObject({ type: 'legal_advice', text: '可依据租赁合同要求退还，必要时申请调解或起诉' });
  });
});
