/**
 * The resident's rights (PIPL, issue 13): "我的信息" exports what the app holds about me; deleting my
 * account erases or anonymises my personal fields while my cases stay for the station's statistics;
 * the deletion is in the audit log; finished cases are anonymised after the retention period by the
 * scheduler's sweep.
 */
import type { AuditLogDoc } from '../../backend/data/auditLog';
import type { CaseDoc } from '../../backend/data/cases';
import { nextSweepAt } from '../../backend/domain/caseLifecycle';
import { PRIVACY_VERSION } from '../../types/privacy';
import { startTestStack, type TestStack } from '../support/stack';
import { arrangeStation, dataOf, fireLaneReport, ids, joinResident, requestId, unwrap } from './station';
import { arrangeSurveys, timerSurveyOf } from './surveyStation';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
  await arrangeStation(stack);
  await joinResident(stack, 'o-zhang', { communityId: ids.c1, buildingId: ids.b1, unit: '1单元' }, '张阿姨');
  await joinResident(stack, 'o-li', { communityId: ids.c1, buildingId: ids.b1 }, '李师傅');
}, 120_000);
afterAll(() => stack?.close());

const db = () => stack.database();
const caseDoc = (id: string) => dataOf<CaseDoc>(db().collection('cases').doc(id).get());
const docsOf = <T>(name: string, where: Record<string, unknown>) => dataOf<T[]>(db().collection(name).where(where).limit(100).get());

describe('我的信息: export', () => {
  it('shows binding, contact, cases with what I wrote, ratings and notifications', async () => {
    const { case: c } = unwrap(await stack.call('cases.create', fireLaneReport({ description: '楼道里堆满了纸箱，影响通行' }), 'o-zhang'));
    unwrap(await stack.call('cases.accept', { caseId: c.id }, ids.officer1));
    unwrap(await stack.call('cases.resolve', { caseId: c.id, whatWasDone: '已清理' }, ids.officer1));
    unwrap(await stack.call('cases.rate', { caseId: c.id, satisfaction: 5, safety: 4, comment: '周警官很负责' }, 'o-zhang'));
    const data = unwrap(await stack.call('session.myData', {}, 'o-zhang'));
    expect(data.binding).toEqual({ communityName: '夢和园', buildingName: '3号楼', unit: '1单元' });
    expect(data.contact).toEqual({ name: '张阿姨', phone: '13812345678' });
    expect(data.account).toMatchObject({ roles: ['resident'], privacyVersion: PRIVACY_VERSION });
    const mine = data.cases.find((x) => x.id === c.id)!;
    expect(mine).toMatchObject({ role: 'reporter', status: 'closed', title: '消防通道堵塞 · 3号楼', anonymous: false });
    expect(mine.answers).toEqual(expect.arrayContaining([expect.objectContaining({ what: '问题描述', text: '楼道里堆满了纸箱，影响通行' })]));
    expect(data.ratings).toEqual([expect.objectContaining({ caseId: c.id, satisfaction: 5, safety: 4, comment: '周警官很负责' })]);
    expect(data.notifications.length).toBeGreaterThan(0);
  });

  it('shows my survey answers with the questions as they were asked', async () => {
    const [surveyId] = await arrangeSurveys(stack, [{ communityId: ids.c1, officer: ids.officer1 }]);
    unwrap(await stack.call('surveys.answer', { surveyId: surveyId!, items: [{ questionId: 'satisfaction', rating: 4 }, { questionId: 'safety', rating: 5 }, { questionId: 'patrol', choices: [0] }] }, 'o-zhang'));
    const data = unwrap(await stack.call('session.myData', {}, 'o-zhang'));
    expect(data.surveyAnswers).toHaveLength(1);
    const [mine] = data.surveyAnswers;
    expect(mine!.items).toEqual(expect.arrayContaining([expect.objectContaining({ answer: '4' }), expect.objectContaining({ answer: '5' })]));
    expect(mine!.items.every((i) => i.question.length > 0)).toBe(true);
    // Someone else's export does not carry it.
    expect(unwrap(await stack.call('session.myData', {}, 'o-li')).surveyAnswers).toEqual([]);
  });

  it('is for registered people only', async () => {
    expect(await stack.call('session.myData', {}, 'o-stranger')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('deleting my account', () => {
  let reported: string;
  let joined: string;
  beforeAll(async () => {
    reported = unwrap(await stack.call('cases.create', {
      kind: 'help', helpType: 'elderly_care', urgency: 'normal', callbackAllowed: true, phone: '13900001111',
      description: '独居老人需要有人定期上门看看', clientRequestId: requestId(), location: { buildingId: ids.b1 },
    }, 'o-li')).case.id;
    joined = unwrap(await stack.call('cases.create', fireLaneReport({ category: 'noise' }), 'o-zhang')).case.id;
    unwrap(await stack.call('cases.joinSimilar', { caseId: joined }, 'o-li'));
    unwrap(await stack.call('cases.addInfo', { caseId: reported, text: '我家在 3 号楼 1 单元 201', photos: [] }, 'o-li'));
    unwrap(await stack.call('notify.recordSubscriptions', { templateIds: ['local-tpl-case-update'] }, 'o-li'));
    unwrap(await stack.call('surveys.answer', { surveyId: (await timerSurveyOf(stack, ids.c1)).id, items: [{ questionId: 'satisfaction', rating: 3 }, { questionId: 'safety', rating: 3 }, { questionId: 'patrol', choices: [1] }] }, 'o-li'));
  });

  it('asks to type the confirmation word, and refuses staff and strangers', async () => {
    expect(await stack.call('session.deleteAccount', { confirm: '好' } as never, 'o-li')).toMatchObject({
      ok: false, error: { code: 'INVALID_INPUT', message: '请输入“注销”确认注销' },
    });
    expect(await stack.call('session.deleteAccount', { confirm: '注销' }, ids.officer1)).toMatchObject({
      ok: false, error: { code: 'FORBIDDEN', message: '工作人员账号请联系派出所管理员办理注销' },
    });
    expect(await stack.call('session.deleteAccount', { confirm: '注销' }, 'o-stranger')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('erases me; my cases stay for the station without identifying me; the deletion is audited', async () => {
    const done = unwrap(await stack.call('session.deleteAccount', { confirm: '注销' }, 'o-li'));
    expect(done).toEqual({ deleted: true, casesAnonymised: 2 });

    // The officer still has the case, with nobody named.
    const staff = unwrap(await stack.call('cases.get', { caseId: reported }, ids.officer1));
    if (staff.viewer !== 'staff') throw new Error('expected the staff view');
    expect(staff.reporter).toEqual({ anonymous: true });
    expect(JSON.stringify(staff)).not.toMatch(/李师傅|13900001111|13812345678/);
    expect(staff.timeline.map((e) => e.actor.name)).toContain('已注销居民');
    expect(staff.description).toBe('独居老人需要有人定期上门看看');
    const other = unwrap(await stack.call('cases.get', { caseId: joined }, ids.officer1));
    expect(JSON.stringify(other)).not.toMatch(/李师傅/);
    expect(other.supporterCount).toBe(1);

    // Nothing stored names me.
    const stored = JSON.stringify(await Promise.all([caseDoc(reported), caseDoc(joined)]));
    expect(stored).not.toMatch(/o-li|李师傅|13900001111/);
    for (const name of ['caseFollows', 'notifications', 'subscriptions', 'noticeReads', 'photoChecks', 'surveyAnswers', 'surveyReminders']) {
      expect(await docsOf(name, { openid: 'o-li' })).toEqual([]);
    }
    expect(await docsOf('users', { _id: 'o-li' })).toEqual([]);
    expect(unwrap(await stack.call('session.whoami', {}, 'o-li'))).toMatchObject({ registered: false, roles: [] });

    const audit = await docsOf<AuditLogDoc>('auditLog', { stationId: ids.station, action: 'account_deleted' });
    expect(audit).toEqual([expect.objectContaining({ by: 'resident', counts: expect.objectContaining({ casesAnonymised: 2 }) })]);
    expect(JSON.stringify(audit)).not.toMatch(/o-li/);

    // Staff keep working on it; news for the erased reporter goes to nobody.
    unwrap(await stack.call('cases.accept', { caseId: reported }, ids.officer1));
    expect(await docsOf('notifications', { openid: 'erased' })).toEqual([]);

    // The other reporter still sees her case as before.
    expect(unwrap(await stack.call('cases.get', { caseId: joined }, 'o-zhang'))).toMatchObject({ isReporter: true });
  });
});

describe('retention of finished cases', () => {
  const yearsAgo = (y: number) => new Date(Date.now() - y * 366 * 24 * 3600_000);

  it('a closed case comes back to the sweep 3 years after it closed', async () => {
    const { case: c } = unwrap(await stack.call('cases.create', fireLaneReport(), 'o-zhang'));
    unwrap(await stack.call('cases.withdraw', { caseId: c.id }, 'o-zhang'));
    const doc = await caseDoc(c.id);
    expect(doc.sweepAt!.getFullYear() - doc.closedAt!.getFullYear()).toBe(3);
  });

  it('anonymises closed cases past the retention period in the scheduler\'s sweep, once', async () => {
    const { case: c } = unwrap(await stack.call('cases.create', {
      kind: 'mediation', mediationType: 'neighbor', otherParty: '楼上 502 王先生', wants: '晚上不要装修',
      description: '楼上装修太吵', clientRequestId: requestId(), location: { buildingId: ids.b1 },
    }, 'o-zhang'));
    const { case: recent } = unwrap(await stack.call('cases.create', fireLaneReport(), 'o-zhang'));
    for (const id of [c.id, recent.id]) unwrap(await stack.call('cases.withdraw', { caseId: id, reason: '自己解决了' }, 'o-zhang'));
    const backdate = async (id: string, closedAt: Date) => {
      const doc = { ...(await caseDoc(id)), closedAt };
      await db().collection('cases').doc(id).update({ data: { closedAt, sweepAt: nextSweepAt(doc) } });
    };
    await backdate(c.id, yearsAgo(3.1));
    await backdate(recent.id, yearsAgo(2));

    const tick = unwrap(await stack.call('scheduler.tick', {}, ids.admin));
    expect(tick.anonymised).toBe(1);
    const doc = await caseDoc(c.id);
    expect(doc).toMatchObject({ reporterId: 'erased', reporterName: null, reporterPhone: null, sweepAt: null, status: 'withdrawn' });
    expect(doc.personalDataErasedAt).toBeInstanceOf(Date);
    expect(JSON.stringify(doc)).not.toMatch(/o-zhang|张阿姨|王先生/);
    expect(await docsOf('caseFollows', { caseId: c.id })).toEqual([]);
    expect((await caseDoc(recent.id)).reporterName).toBe('张阿姨');
    expect(await docsOf<AuditLogDoc>('auditLog', { action: 'cases_anonymised' })).toEqual([expect.objectContaining({ by: 'system', counts: { cases: 1 } })]);

    expect(unwrap(await stack.call('scheduler.tick', {}, ids.admin)).anonymised).toBe(0);
  });
});
