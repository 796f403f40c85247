import type { CaseDoc } from '../../backend/data/cases';
import { startTestStack, type TestStack } from '../support/stack';
import { arrangeStation, dataOf, fireLaneReport, ids, joinResident, requestId, unwrap } from './station';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
  await arrangeStation(stack);
  await joinResident(stack, 'o-zhang', { communityId: ids.c1, buildingId: ids.b1 }, '张阿姨');
}, 120_000);
afterAll(() => stack?.close());

const past = () => new Date(Date.now() - 60_000);
const cases = () => stack.database().collection('cases');

describe('service-level escalation', () => {
  it('escalates an urgent help request not accepted within 30 minutes, once, to the station admin', async () => {
    const { case: c } = unwrap(await stack.call('cases.create', {
      kind: 'help', helpType: 'elderly_care', urgency: 'urgent', callbackAllowed: false,
      description: '隔壁独居老人两天没开门了', clientRequestId: requestId(), location: { buildingId: ids.b1 },
    }, 'o-zhang'));
    // Time passes: the deadline is behind us.
    await cases().doc(c.id).update({ data: { slaDueAt: past() } });

    const officerView = unwrap(await stack.call('cases.inbox', {}, ids.officer1));
    expect(officerView.overdue.map((i) => i.id)).toContain(c.id);
    expect(officerView.overdue.find((i) => i.id === c.id)).toMatchObject({ overdue: true, urgent: true, escalated: false });

    await stack.fireTrigger('scheduler');
    const doc = await dataOf<CaseDoc>(cases().doc(c.id).get());
    expect(doc).toMatchObject({ escalated: true, status: 'submitted' });
    expect(doc.timeline.at(-1)).toMatchObject({ type: 'escalated', actorKind: 'system', visibility: 'internal' });

    const adminNotes = unwrap(await stack.call('notify.myNotifications', {}, ids.admin));
    expect(adminNotes.items[0]).toMatchObject({ kind: 'case_escalated', caseId: c.id });
    const officerNotes = unwrap(await stack.call('notify.myNotifications', {}, ids.officer1));
    expect(officerNotes.items[0]).toMatchObject({ kind: 'case_overdue', caseId: c.id });
    const sent = await stack.outbox({ touser: ids.admin });
    expect(sent[0]).toMatchObject({ template_id: 'local-tpl-case-overdue', data: { thing4: { value: '超时未受理，请督办' } } });

    // The admin sees it in their inbox although it is the officer's case.
    const adminInbox = unwrap(await stack.call('cases.inbox', {}, ids.admin));
    expect(adminInbox.items.find((i) => i.id === c.id)).toMatchObject({ escalated: true, overdue: true });

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

    await cases().doc(c.id).update({ data: { ratingReminderAt: past() } });
    const first = unwrap(await stack.call('scheduler.tick', {}, ids.admin));
    expect(first.ratingReminders).toBe(1);
    const notes = unwrap(await stack.call('notify.myNotifications', {}, 'o-zhang'));
    expect(notes.items[0]).toMatchObject({ kind: 'rating_reminder', caseId: c.id });
    const second = unwrap(await stack.call('scheduler.tick', {}, ids.admin));
    expect(second.ratingReminders).toBe(0);
  });

  it('does not remind about a case already rated', async () => {
    const { case: c } = unwrap(await stack.call('cases.create', fireLaneReport(), 'o-zhang'));
    await stack.call('cases.accept', { caseId: c.id }, ids.officer1);
    await stack.call('cases.resolve', { caseId: c.id, whatWasDone: '已处理' }, ids.officer1);
    await stack.call('cases.rate', { caseId: c.id, satisfaction: 4, safety: 5 }, 'o-zhang');
    await cases().doc(c.id).update({ data: { ratingReminderAt: past() } });
    expect(unwrap(await stack.call('scheduler.tick', {}, ids.admin)).ratingReminders).toBe(0);
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
