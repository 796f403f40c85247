import { insertCases, type CaseDoc } from '../../backend/data/cases';
import { armReminder, reminderId } from '../../backend/data/surveyReminders';
import { nextSweepAt } from '../../backend/domain/caseLifecycle';
import { startTestStack, type TestStack } from '../support/stack';
import { arrangeStation, dataOf, fireLaneReport, ids, joinResident, requestId, unwrap } from './station';
import { arrangeSurveys } from './surveyStation';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
  await arrangeStation(stack);
  await joinResident(stack, 'o-zhang', { communityId: ids.c1, buildingId: ids.b1 }, '张阿姨');
}, 120_000);
afterAll(() => stack?.close());

const past = () => new Date(Date.now() - 60_000);
const cases = () => stack.database().collection('cases');

/**
 * Time passes for one case: its dates move to the past, and the scheduler's due time with them
 * (as the state machine would have computed it from those dates).
 */
async function backdate(id: string, dates: Partial<CaseDoc>): Promise<void> {
  const doc = { ...(await dataOf<CaseDoc>(cases().doc(id).get())), ...dates };
  await cases().doc(id).update({ data: { ...dates, sweepAt: nextSweepAt(doc) } });
}

describe('service-level escalation', () => {
  it('escalates an urgent help request not accepted within 30 minutes, once, to the station admin', async () => {
    const { case: c } = unwrap(await stack.call('cases.create', {
      kind: 'help', helpType: 'elderly_care', urgency: 'urgent', callbackAllowed: false,
      description: '隔壁独居老人两天没开门了', clientRequestId: requestId(), location: { buildingId: ids.b1 },
    }, 'o-zhang'));
    // Time passes: the deadline is behind us.
    await backdate(c.id, { slaDueAt: past() });

    const officerView = unwrap(await stack.call('cases.inbox', {}, ids.officer1));
    expect(officerView.overdue.map((i) => i.id)).toContain(c.id);
    expect(officerView.overdue.find((i) => i.id === c.id)).toMatchObject({ overdue: true, urgent: true, escalated: false });

    await stack.fireTrigger('scheduler');
    const doc = await dataOf<CaseDoc>(cases().doc(c.id).get());
    expect(doc).toMatchObject({ escalated: true, status: 'submitted' });
    expect(doc.timeline.at(-1)).toMatchObject({ type: 'escalated', actorKind: 'system', visibility: 'internal' });

    const adminNotes = unwrap(await stack.call('notify.myNotifications', {}, ids.admin));
    // The page shows the kind's label (超时督办 / 超时提醒) above the title: the title is the case itself.
    expect(adminNotes.items[0]).toMatchObject({ kind: 'case_escalated', caseId: c.id, title: c.title, body: '夢和园第一网格（周建军）未在时限内受理' });
    const officerNotes = unwrap(await stack.call('notify.myNotifications', {}, ids.officer1));
    // The same tick may also tell him the month's survey is ready (issue 10): find the overdue notice.
    expect(officerNotes.items.find((n) => n.kind === 'case_overdue')).toMatchObject({ kind: 'case_overdue', caseId: c.id, title: c.title });
    const sent = await stack.outbox({ touser: ids.admin });
    expect(sent[0]).toMatchObject({ template_id: 'local-tpl-case-overdue', data: { thing4: { value: '超时未受理，请督办' } } });

    // The admin sees it in their inbox although it is the officer's case.
    const adminInbox = unwrap(await stack.call('cases.inbox', {}, ids.admin));
    // issue 11: an overdue case shows once, in the overdue section (never again in the list).
    expect(adminInbox.overdue.find((i) => i.id === c.id)).toMatchObject({ escalated: true, overdue: true });
    expect(adminInbox.items.find((i) => i.id === c.id)).toBeUndefined();

    // Firing again does not escalate it twice; the resident never sees the internal entry.
    const again = unwrap(await stack.call('scheduler.tick', {}, ids.admin));
    expect(again.escalated).toBe(0);
    const resident = unwrap(await stack.call('cases.get', { caseId: c.id }, 'o-zhang'));
    expect(resident.timeline.map((e) => e.type)).not.toContain('escalated');

    // Accepting stops the clock.
    const accepted = unwrap(await stack.call('cases.accept', { caseId: c.id }, ids.officer1));
    expect(accepted.case).toMatchObject({ overdue: false });
  });

  it('leaves cases within their deadline alone', async () => {
    const { case: c } = unwrap(await stack.call('cases.create', fireLaneReport(), 'o-zhang'));
    const out = unwrap(await stack.call('scheduler.tick', {}, ids.admin));
    expect(out.escalated).toBe(0);
    expect((await dataOf<CaseDoc>(cases().doc(c.id).get())).escalated).toBe(false);
  });
});

describe('rating reminders', () => {
  it('reminds the resident 3 days after resolution if unrated, once', async () => {
    const { case: c } = unwrap(await stack.call('cases.create', fireLaneReport(), 'o-zhang'));
    await stack.call('cases.accept', { caseId: c.id }, ids.officer1);
    await stack.call('cases.resolve', { caseId: c.id, whatWasDone: '已清理通道' }, ids.officer1);
    const resolved = await dataOf<CaseDoc>(cases().doc(c.id).get());
    expect(resolved.ratingReminderAt!.getTime() - resolved.resolvedAt!.getTime()).toBe(3 * 24 * 3600_000);

    await backdate(c.id, { ratingReminderAt: past() });
    const first = unwrap(await stack.call('scheduler.tick', {}, ids.admin));
    expect(first.ratingReminders).toBe(1);
    const notes = unwrap(await stack.call('notify.myNotifications', {}, 'o-zhang'));
    expect(notes.items[0]).toMatchObject({ kind: 'rating_reminder', caseId: c.id, title: c.title });
    const second = unwrap(await stack.call('scheduler.tick', {}, ids.admin));
    expect(second.ratingReminders).toBe(0);
  });

  it('does not remind about a case already rated', async () => {
    const { case: c } = unwrap(await stack.call('cases.create', fireLaneReport(), 'o-zhang'));
    await stack.call('cases.accept', { caseId: c.id }, ids.officer1);
    await stack.call('cases.resolve', { caseId: c.id, whatWasDone: '已处理' }, ids.officer1);
    await stack.call('cases.rate', { caseId: c.id, satisfaction: 4, safety: 5 }, 'o-zhang');
    await backdate(c.id, { ratingReminderAt: past() });
    expect(unwrap(await stack.call('scheduler.tick', {}, ids.admin)).ratingReminders).toBe(0);
  });
});

describe('auto-close of unrated resolved cases', () => {
  const daysAgo = (d: number) => new Date(Date.now() - d * 24 * 3600_000 - 60_000);

  it('closes a case resolved over 7 days ago and left unrated, once, with a system entry the resident sees', async () => {
    const { case: c } = unwrap(await stack.call('cases.create', fireLaneReport(), 'o-zhang'));
    await stack.call('cases.accept', { caseId: c.id }, ids.officer1);
    await stack.call('cases.resolve', { caseId: c.id, whatWasDone: '已清理通道' }, ids.officer1);
    // Six days: still waiting for the rating.
    await backdate(c.id, { resolvedAt: daysAgo(6), ratingReminderPending: false });
    expect(unwrap(await stack.call('scheduler.tick', {}, ids.admin)).autoClosed).toBe(0);

    await backdate(c.id, { resolvedAt: daysAgo(7) });
    await stack.fireTrigger('scheduler');
    const doc = await dataOf<CaseDoc>(cases().doc(c.id).get());
    expect(doc).toMatchObject({ status: 'closed', open: false, ratingReminderPending: false, rating: null });
    expect(doc.closedAt).toBeInstanceOf(Date);
    expect(doc.timeline.at(-1)).toMatchObject({
      type: 'closed', actorKind: 'system', fromStatus: 'resolved', toStatus: 'closed', text: '超过7天未评价，系统自动办结', visibility: 'public',
    });

    const mine = unwrap(await stack.call('cases.listMine', { pageSize: 20 }, 'o-zhang'));
    expect(mine.items.find((i) => i.id === c.id)).toMatchObject({ status: 'closed', unread: true });
    const resident = unwrap(await stack.call('cases.get', { caseId: c.id }, 'o-zhang'));
    expect(resident).toMatchObject({ status: 'closed', can: { rate: false, reopen: false } });
    expect(resident.timeline.at(-1)).toMatchObject({ type: 'closed', actor: { kind: 'system' }, text: '超过7天未评价，系统自动办结' });
    const notes = unwrap(await stack.call('notify.myNotifications', {}, 'o-zhang'));
    expect(notes.items[0]).toMatchObject({ kind: 'case_update', caseId: c.id, body: '超过7天未评价，系统自动办结' });

    expect(unwrap(await stack.call('scheduler.tick', {}, ids.admin)).autoClosed).toBe(0);
  });

  it('leaves rated, reopened and in-progress cases alone', async () => {
    const rated = unwrap(await stack.call('cases.create', fireLaneReport(), 'o-zhang')).case;
    const reopened = unwrap(await stack.call('cases.create', fireLaneReport(), 'o-zhang')).case;
    for (const c of [rated, reopened]) {
      await stack.call('cases.accept', { caseId: c.id }, ids.officer1);
      await stack.call('cases.resolve', { caseId: c.id, whatWasDone: '已处理' }, ids.officer1);
    }
    unwrap(await stack.call('cases.rate', { caseId: rated.id, satisfaction: 5, safety: 5 }, 'o-zhang'));
    unwrap(await stack.call('cases.reopen', { caseId: reopened.id, reason: '还是有车堵着' }, 'o-zhang'));
    const old = daysAgo(30);
    await backdate(rated.id, { resolvedAt: old });
    await backdate(reopened.id, { createdAt: old });
    expect(unwrap(await stack.call('scheduler.tick', {}, ids.admin)).autoClosed).toBe(0);
    expect((await dataOf<CaseDoc>(cases().doc(rated.id).get())).timeline.at(-1)).toMatchObject({ type: 'rated' });
    expect((await dataOf<CaseDoc>(cases().doc(reopened.id).get())).status).toBe('reopened');
  });

  it('takes at most one batch per tick', async () => {
    const { case: template } = unwrap(await stack.call('cases.create', fireLaneReport(), 'o-zhang'));
    await stack.call('cases.accept', { caseId: template.id }, ids.officer1);
    await stack.call('cases.resolve', { caseId: template.id, whatWasDone: '已处理' }, ids.officer1);
    const doc = await dataOf<CaseDoc>(cases().doc(template.id).get());
    const many = Array.from({ length: 60 }, (_, i): CaseDoc => ({ ...doc, _id: `autoclose-${i}`, clientRequestId: `autoclose-${i}`, resolvedAt: daysAgo(8 + i / 100), sweepAt: daysAgo(1 + i / 100) }));
    await insertCases(many);
    await backdate(template.id, { resolvedAt: daysAgo(8) });
    const first = unwrap(await stack.call('scheduler.tick', {}, ids.admin));
    expect(first.autoClosed).toBe(50);
    const second = unwrap(await stack.call('scheduler.tick', {}, ids.admin));
    expect(second.autoClosed).toBe(11);
  });
});

describe('"下月问卷提醒" runs that stopped (issue 10)', () => {
  it('tells the reminders a stopped publish left waiting, 50 a tick, each once; then clears the survey\'s mark', async () => {
    const [surveyId] = await arrangeSurveys(stack, [{ communityId: ids.c2, officer: ids.officer2 }]);
    const surveys = stack.database().collection('surveys');
    const published = await dataOf<{ publishedAt: Date; remindersPending: boolean }>(surveys.doc(surveyId!).get());
    expect(published.remindersPending).toBe(true);
    // As if the publish had stopped right after writing the survey: 60 residents waiting since before it.
    const requestedAt = new Date(published.publishedAt.getTime() - 60_000);
    for (let i = 0; i < 60; i++) {
      const openid = `o-waiting-${i}`;
      await armReminder({ _id: reminderId(openid, ids.c2), openid, communityId: ids.c2, status: 'waiting', requestedAt, surveyId: null, sentAt: null });
    }
    const sent = async () => (await dataOf<unknown[]>(stack.database().collection('surveyReminders').where({ communityId: ids.c2, status: 'sent' }).limit(100).get())).length;
    await stack.call('scheduler.tick', {}, ids.admin);
    expect(await sent()).toBe(50);
    await stack.call('scheduler.tick', {}, ids.admin);
    expect(await sent()).toBe(60);
    expect((await dataOf<{ remindersPending: boolean }>(surveys.doc(surveyId!).get())).remindersPending).toBe(true);
    await stack.call('scheduler.tick', {}, ids.admin);
    expect((await dataOf<{ remindersPending: boolean }>(surveys.doc(surveyId!).get())).remindersPending).toBe(false);
    const told = await dataOf<unknown[]>(stack.database().collection('notifications').where({ openid: 'o-waiting-59' }).get());
    expect(told).toEqual([expect.objectContaining({ kind: 'survey_ready' })]);
  });
});

describe('who may run the scheduler', () => {
  it('residents and officers may not run it by hand', async () => {
    for (const who of ['o-zhang', ids.officer1]) {
      const r = await stack.call('scheduler.tick', {}, who);
      expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('takes no input', async () => {
    const r = await stack.invoke('scheduler', { action: 'tick', input: { now: '2030-01-01T00:00:00Z' } }, { openid: ids.admin });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('now') } });
  });

  it('a client cannot pose as the timer', async () => {
    const r = await stack.invoke('scheduler', { Type: 'Timer', TriggerName: 'everyMinute' }, { openid: 'o-zhang' });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
