/**
 * Issue 10, the residents' side of the monthly survey through the real functions on local cloud:
 * "下月问卷提醒" (the opt-in recorded after the subscribe tap, told once when the community's next
 * survey is published — concurrent and repeated publishes tell nobody twice — and consumed; a
 * publish run that stopped half-way is finished by the scheduler, exactly once), the
 * notices-and-surveys list (this month's open survey, past months with whether I answered), and
 * answering only by verified members of the community.
 */
import { insertNotifications } from '../../backend/data/notifications';
import { insertAnswer, answerId } from '../../backend/data/surveyAnswers';
import { armReminder, reminderId, type SurveyReminderDoc } from '../../backend/data/surveyReminders';
import { notificationId } from '../../backend/domain/notifier';
import { CLAIM_LEASE_MINUTES } from '../../backend/domain/surveyReminders';
import { getSurvey, insertSurvey } from '../../backend/data/surveys';
import { startTestStack, type TestStack } from '../support/stack';
import { arrangeStation, dataOf, ids, joinResident, unwrap } from './station';
import { inChina } from '../../backend/platform/time';
import { surveyIdOf, timerSurveyOf } from './surveyStation';

let stack: TestStack;
// The China month the timer made this month's surveys for (in beforeAll, from what it made), and the one before.
let now: Date;
let month: string;
let s1: string;
let s2: string;
const REMINDER_TEMPLATE = 'local-tpl-survey-reminder';
// Last month's survey of c1, closed; o-rm-a answered it.
let lastMonth: string;
let past: string;

const who = { a: 'o-rm-a', b: 'o-rm-b', c: 'o-rm-c', self: 'o-rm-self', x: 'o-rm-xinhe' };
const answers = [{ questionId: 'satisfaction', rating: 4 }, { questionId: 'safety', rating: 5 }, { questionId: 'patrol', choices: [0] }];

beforeAll(async () => {
  stack = await startTestStack();
  await arrangeStation(stack);
  for (const r of [who.a, who.b, who.c]) await joinResident(stack, r, { communityId: ids.c1, buildingId: ids.b1 }, '居民');
  await joinResident(stack, who.self, { communityId: ids.c1, buildingId: ids.b1 }, '自称居民', false);
  await joinResident(stack, who.x, { communityId: ids.c2, buildingId: ids.b3 }, '欣和园居民');
  await stack.fireTrigger('scheduler');
  now = new Date();
  ({ month, id: s1 } = await timerSurveyOf(stack, ids.c1));
  s2 = surveyIdOf(ids.c2, month);
  // The calendar month before (32 days back from the 1st or 2nd of March is January).
  lastMonth = inChina(new Date(`${month}-01T00:00:00+08:00`)).subtract(1, 'month').format('YYYY-MM');
  past = surveyIdOf(ids.c1, lastMonth);
  // These tests are about this month's open survey: if the real month ends while the file runs, the
  // timer (fired again below) would close it under them, so its close moves a day ahead.
  for (const id of [s1, s2]) await stack.database().collection('surveys').doc(id).update({ data: { closesAt: new Date(Date.now() + 86_400_000) } });
  const draft = (await getSurvey(s1))!;
  const closedAt = new Date(now.getTime() - 3 * 86_400_000);
  await insertSurvey({ ...draft, _id: past, month: lastMonth, status: 'closed', publishedAt: new Date(now.getTime() - 30 * 86_400_000), publishedBy: ids.officer1, closesAt: closedAt, closedAt, answerCount: 1 });
  await insertAnswer({ _id: answerId(past, who.a), surveyId: past, communityId: ids.c1, month: lastMonth, openid: who.a, items: [{ questionId: 'satisfaction', choices: null, rating: 5, text: null, topic: 'satisfaction' }], createdAt: closedAt });
}, 120_000);
afterAll(() => stack?.close());

type Told = { kind: string; title: string; push: { templateKey: string; status: string } | null };
const toldAbout = async (openid: string): Promise<Told[]> =>
  (await dataOf<Told[]>(stack.database().collection('notifications').where({ openid }).get())).filter((n) => n.push?.templateKey === 'surveyReminder' || n.title.includes('问卷已发布'));

describe('下月问卷提醒', () => {
  it('whoami hands the reminder template for the tap; the opt-in is recorded for my community', async () => {
    const me = unwrap(await stack.call('session.whoami', {}, who.a));
    expect(me.subscribeTemplates.onSurveyReminder).toEqual([REMINDER_TEMPLATE]);
    // The page asked WeChat first (the grant), then records the opt-in.
    await stack.grant(who.a, [REMINDER_TEMPLATE]);
    expect(unwrap(await stack.call('surveys.remindMe', {}, who.a))).toEqual({ remindNext: true });
    // Asking twice keeps one opt-in.
    unwrap(await stack.call('surveys.remindMe', {}, who.a));
    // b declined the subscribe message but opted in: told in the app only.
    unwrap(await stack.call('surveys.remindMe', {}, who.b));
    await stack.grant(who.x, [REMINDER_TEMPLATE]);
    unwrap(await stack.call('surveys.remindMe', {}, who.x));
    expect(await dataOf<unknown[]>(stack.database().collection('surveyReminders').where({ communityId: ids.c1, status: 'waiting' }).get())).toHaveLength(2);
    expect(unwrap(await stack.call('surveys.listForMe', {}, who.a)).remindNext).toBe(true);
    expect(unwrap(await stack.call('surveys.listForMe', {}, who.c)).remindNext).toBe(false);
  });

  it('is for residents only', async () => {
    expect(await stack.call('surveys.remindMe', {}, ids.officer1)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await stack.call('surveys.remindMe', {}, 'o-rm-nobody')).toMatchObject({ ok: false });
  });

  it('publishing tells every opted-in resident once (concurrent publishes and a re-publish included) and consumes the opt-in', async () => {
    const publishes = await Promise.all(Array.from({ length: 5 }, () => stack.call('surveys.publish', { surveyId: s1 }, ids.officer1)));
    expect(publishes.some((r) => r.ok)).toBe(true);
    unwrap(await stack.call('surveys.publish', { surveyId: s1 }, ids.officer1));

    const sentToA = await stack.outbox({ touser: who.a, templateId: REMINDER_TEMPLATE });
    expect(sentToA).toHaveLength(1);
    expect(sentToA[0]).toMatchObject({ errcode: 0 });
    expect(sentToA[0]!.page).toContain(encodeURIComponent(s1));
    expect(await toldAbout(who.a)).toEqual([expect.objectContaining({ kind: 'survey_ready', push: expect.objectContaining({ status: 'sent' }) })]);
    // No grant: WeChat refuses the message (once), the in-app notice is there.
    expect((await stack.outbox({ touser: who.b, templateId: REMINDER_TEMPLATE })).length).toBeLessThanOrEqual(1);
    expect(await toldAbout(who.b)).toHaveLength(1);
    // Nobody who did not ask, and not the other community's resident (their survey is still a draft).
    expect(await toldAbout(who.c)).toEqual([]);
    expect(await toldAbout(who.x)).toEqual([]);
    expect(unwrap(await stack.call('surveys.listForMe', {}, who.a)).remindNext).toBe(false);
    expect(await dataOf<Array<{ status: string; surveyId: string }>>(stack.database().collection('surveyReminders').where({ communityId: ids.c1, status: 'sent' }).get())).toEqual([
      expect.objectContaining({ surveyId: s1 }), expect.objectContaining({ surveyId: s1 }),
    ]);
  });

  it('a re-publish finishes a run that stopped half-way, concurrent ones included, telling each resident once', async () => {
    // As if the publishing run had stopped before these two were consumed.
    const publishedAt = (await getSurvey(s1))!.publishedAt!;
    const before = new Date(publishedAt.getTime() - 60_000);
    for (const openid of [who.c, 'o-rm-late']) {
      await stack.grant(openid, [REMINDER_TEMPLATE]);
      await armReminder({ _id: reminderId(openid, ids.c1), openid, communityId: ids.c1, status: 'waiting', requestedAt: before, surveyId: null, sentAt: null });
    }
    const again = await Promise.all(Array.from({ length: 4 }, () => stack.call('surveys.publish', { surveyId: s1 }, ids.officer1)));
    expect(again.every((r) => r.ok)).toBe(true);
    for (const openid of [who.c, 'o-rm-late']) expect(await stack.outbox({ touser: openid, templateId: REMINDER_TEMPLATE })).toHaveLength(1);
    expect(await toldAbout(who.c)).toHaveLength(1);
    // Those told at the first publish are not told again.
    expect(await stack.outbox({ touser: who.a, templateId: REMINDER_TEMPLATE })).toHaveLength(1);
  });

  it('a new opt-in waits for the next survey; another community publishing does not consume it', async () => {
    await stack.grant(who.a, [REMINDER_TEMPLATE]);
    unwrap(await stack.call('surveys.remindMe', {}, who.a));
    // Asked after this month's survey came out: a re-publish of it does not count.
    unwrap(await stack.call('surveys.publish', { surveyId: s1 }, ids.officer1));
    unwrap(await stack.call('surveys.publish', { surveyId: s2 }, ids.officer2));
    expect(await stack.outbox({ touser: who.x, templateId: REMINDER_TEMPLATE })).toHaveLength(1);
    expect(await stack.outbox({ touser: who.a, templateId: REMINDER_TEMPLATE })).toHaveLength(1);
    const view = unwrap(await stack.call('surveys.getForMe', { surveyId: s1 }, who.a));
    expect(view.remindNext).toBe(true);
  });
});

describe('a publish run that stopped half-way', () => {
  const reminders = () => stack.database().collection('surveyReminders');
  const reminderOf = (openid: string) => dataOf<SurveyReminderDoc>(reminders().doc(reminderId(openid, ids.c1)).get());
  const pendingOf = async (surveyId: string) => (await dataOf<{ remindersPending?: boolean }>(stack.database().collection('surveys').doc(surveyId).get())).remindersPending;
  const tick = async () => unwrap(await stack.call('scheduler.tick', {}, ids.admin));
  const stale = () => new Date(Date.now() - (CLAIM_LEASE_MINUTES + 5) * 60_000);
  // w: the run stopped after publishing, before taking anyone; t: after taking, before telling;
  // m: after telling, before marking; f: a run still going (its claim is younger than the lease).
  const crash = { w: 'o-rm-crash-w', t: 'o-rm-crash-t', m: 'o-rm-crash-m', f: 'o-rm-crash-f' };

  it('is finished by the scheduler: each resident told exactly once, however many ticks and publishes run at once', async () => {
    const s = (await getSurvey(s1))!;
    const requestedAt = new Date(s.publishedAt!.getTime() - 120_000);
    const base = { communityId: ids.c1, requestedAt, sentAt: null };
    for (const openid of Object.values(crash)) await stack.grant(openid, [REMINDER_TEMPLATE]);
    await armReminder({ ...base, _id: reminderId(crash.w, ids.c1), openid: crash.w, status: 'waiting', surveyId: null });
    await armReminder({ ...base, _id: reminderId(crash.t, ids.c1), openid: crash.t, status: 'telling', surveyId: s1, claim: 'stopped-run', claimedAt: stale() });
    await armReminder({ ...base, _id: reminderId(crash.m, ids.c1), openid: crash.m, status: 'telling', surveyId: s1, claim: 'stopped-run', claimedAt: stale() });
    await armReminder({ ...base, _id: reminderId(crash.f, ids.c1), openid: crash.f, status: 'telling', surveyId: s1, claim: 'running', claimedAt: new Date() });
    // m was told before the run stopped: its in-app record is there (its id derives from the event).
    const eventKey = `survey:${s1}:published`;
    await insertNotifications([{ _id: notificationId({ eventKey, openid: crash.m }), openid: crash.m, kind: 'survey_ready', title: '夢和园 · 问卷已发布', body: '', caseId: null, createdAt: new Date(), read: false, push: null }]);
    await stack.database().collection('surveys').doc(s1).update({ data: { remindersPending: true } });

    const runs = await Promise.all([tick(), tick(), tick(), stack.call('surveys.publish', { surveyId: s1 }, ids.officer1), stack.call('surveys.publish', { surveyId: s1 }, ids.officer1)]);
    expect(runs.length).toBe(5);
    for (const openid of [crash.w, crash.t]) {
      const sent = await stack.outbox({ touser: openid, templateId: REMINDER_TEMPLATE });
      expect(sent).toEqual([expect.objectContaining({ errcode: 0 })]);
      expect(await toldAbout(openid)).toHaveLength(1);
      expect(await reminderOf(openid)).toMatchObject({ status: 'sent', surveyId: s1 });
    }
    // m: marked, not told again.
    expect(await stack.outbox({ touser: crash.m, templateId: REMINDER_TEMPLATE })).toEqual([]);
    expect(await toldAbout(crash.m)).toHaveLength(1);
    expect(await reminderOf(crash.m)).toMatchObject({ status: 'sent' });
    // f: a running claim is the running run's.
    expect(await reminderOf(crash.f)).toMatchObject({ status: 'telling', claim: 'running' });
    expect(await toldAbout(crash.f)).toEqual([]);
    expect(await pendingOf(s1)).toBe(true);

    // That run stopped too: once its claim is older than the lease, a tick finishes it, once.
    await reminders().doc(reminderId(crash.f, ids.c1)).update({ data: { claimedAt: stale() } });
    await Promise.all([tick(), tick()]);
    expect(await stack.outbox({ touser: crash.f, templateId: REMINDER_TEMPLATE })).toHaveLength(1);
    expect(await toldAbout(crash.f)).toHaveLength(1);
    expect(await reminderOf(crash.f)).toMatchObject({ status: 'sent' });

    // Nothing left: the survey's mark is cleared, and later ticks tell nobody.
    await tick();
    expect(await pendingOf(s1)).toBe(false);
    await tick();
    for (const openid of [crash.w, crash.t, crash.f]) expect(await stack.outbox({ touser: openid, templateId: REMINDER_TEMPLATE })).toHaveLength(1);
    expect(await stack.outbox({ touser: who.a, templateId: REMINDER_TEMPLATE })).toHaveLength(1);
  });

  it('a claim left on a survey that closed meanwhile waits for the next survey, untold', async () => {
    const closed = (await getSurvey(past))!;
    const openid = 'o-rm-crash-closed';
    await stack.grant(openid, [REMINDER_TEMPLATE]);
    await armReminder({
      _id: reminderId(openid, ids.c1), openid, communityId: ids.c1, status: 'telling', requestedAt: new Date(closed.publishedAt!.getTime() - 60_000),
      surveyId: past, claim: 'stopped-run', claimedAt: stale(), sentAt: null,
    });
    await stack.database().collection('surveys').doc(past).update({ data: { remindersPending: true } });
    await tick();
    expect(await reminderOf(openid)).toMatchObject({ status: 'waiting', surveyId: null, claim: null });
    expect(await stack.outbox({ touser: openid, templateId: REMINDER_TEMPLATE })).toEqual([]);
    await tick();
    expect(await pendingOf(past)).toBe(false);
  });
});

describe('the notices-and-surveys list', () => {
  it("shows this month's open survey and past months with whether I answered", async () => {
    const before = unwrap(await stack.call('surveys.listForMe', {}, who.a));
    expect(before.current).toMatchObject({ id: s1, month, status: 'published', answered: false });
    expect(before.past).toEqual([expect.objectContaining({ id: past, month: lastMonth, status: 'closed', answered: true })]);
    expect(before.verified).toBe(true);
    unwrap(await stack.call('surveys.answer', { surveyId: s1, items: answers }, who.a));
    const after = unwrap(await stack.call('surveys.listForMe', {}, who.a));
    expect(after.current).toMatchObject({ id: s1, answered: true, answerCount: 1 });
    // Someone else's list: the same surveys, their own answers.
    const other = unwrap(await stack.call('surveys.listForMe', {}, who.c));
    expect(other.current).toMatchObject({ id: s1, answered: false });
    expect(other.past).toEqual([expect.objectContaining({ id: past, answered: false })]);
    // Another community sees its own surveys only.
    const xinhe = unwrap(await stack.call('surveys.listForMe', {}, who.x));
    expect(xinhe.current?.id).toBe(s2);
    expect(xinhe.past).toEqual([]);
  });

  it('is for residents only', async () => {
    expect(await stack.call('surveys.listForMe', {}, ids.officer1)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('answering only by verified members', () => {
  it('a self-declared resident sees why and cannot answer; verified by the officer, they can', async () => {
    const view = unwrap(await stack.call('surveys.getForMe', { surveyId: s1 }, who.self));
    expect(view).toMatchObject({ verified: false, canAnswer: false, status: 'published' });
    expect(unwrap(await stack.call('surveys.listForMe', {}, who.self)).verified).toBe(false);
    const refused = await stack.call('surveys.answer', { surveyId: s1, items: answers }, who.self);
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('社区身份尚未核实') } });
    expect(unwrap(await stack.call('surveys.approveMember', { communityId: ids.c1, memberId: who.self }, ids.officer1))).toEqual({ approved: true });
    expect(unwrap(await stack.call('surveys.getForMe', { surveyId: s1 }, who.self))).toMatchObject({ verified: true, canAnswer: true });
    expect(unwrap(await stack.call('surveys.answer', { surveyId: s1, items: answers }, who.self)).alreadyAnswered).toBe(false);
  });
});
