import { claimPush, insertNotifications, type NotificationDoc, type PushState } from '../../backend/data/notifications';
import { notificationId, notifyAll, notifyOnce, type NotificationDraft } from '../../backend/domain/notifier';
import { retryPush } from '../../backend/domain/pushSender';
import { minutesLater } from '../../backend/platform/time';
import { templateId } from '../../backend/platform/templates';
import { dataOf, fireLaneReport, ids, joinResident, stationSuite, unwrap } from './station';

const stack = stationSuite(async (stack) => {
  await joinResident(stack, 'o-zhang', { communityId: ids.c1, buildingId: ids.b1 }, '张阿姨');
});

/** Local cloud's fault injection (the developer console's /_dev/faults). */
async function setFaults(config: unknown): Promise<void> {
  const res = await fetch(new URL('/_dev/faults', stack.cloud.url), { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(config) });
  expect(res.status).toBe(200);
}

/** The push state of each of a person's notifications that carries a subscribe message. */
async function pushesFor(openid: string): Promise<Array<PushState & { id: string }>> {
  const docs = await dataOf<NotificationDoc[]>(stack.database().collection('notifications').where({ openid }).limit(100).get());
  // Case messages only: the scheduler's sweep may also have told the officer the month's survey is ready.
  return docs.filter((d) => d.push && d.kind !== 'survey_ready').map((d) => ({ ...d.push!, id: d._id }));
}

describe('subscribe messages: tried at once, kept with the notification until delivered', () => {
  it('a send without a grant (43101) is final: the inbox has it, and a later grant never delivers it late', async () => {
    const caseNew = templateId('caseNew');
    const { case: c } = unwrap(await stack.call('cases.create', fireLaneReport(), 'o-zhang'));

    const refused = await stack.outbox({ touser: ids.officer1 });
    expect(refused[0]).toMatchObject({ template_id: caseNew, ok: false, errcode: 43101, page: `pkg-staff/case/index?id=${c.id}` });
    const [failed] = await pushesFor(ids.officer1);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, lastErrCode: 43101 });
    // The in-app inbox already has it: nothing waits on WeChat.
    const inbox = unwrap(await stack.call('cases.inbox', {}, ids.officer1));
    expect(inbox.items.map((i) => i.id)).toContain(c.id);

    // The officer taps "allow" when opening the inbox later; the page reports the grant.
    await stack.grant(ids.officer1, [caseNew]);
    const recorded = unwrap(await stack.call('notify.recordSubscriptions', { templateIds: [caseNew, 'someone-elses-template'] }, ids.officer1));
    expect(recorded.granted).toEqual([caseNew]);

    await stack.fireTrigger('scheduler');
    const after = await stack.outbox({ touser: ids.officer1 });
    expect(after.filter((m) => m.ok)).toHaveLength(0);
    expect((await pushesFor(ids.officer1))[0]).toMatchObject({ status: 'failed', attempts: 1 });

    // The grant serves the next message, at once.
    unwrap(await stack.call('cases.create', fireLaneReport({ description: '二楼楼道又堆满了纸箱，消防通道过不去' }), 'o-zhang'));
    const sent = await stack.outbox({ touser: ids.officer1 });
    expect(sent[0]).toMatchObject({
      template_id: caseNew,
      ok: true,
      data: { thing1: { value: '新案件·消防通道堵塞' }, thing2: { value: '夢和园3号楼1单元' }, phrase3: { value: '一般' } },
    });
  });

  it('keeps retrying a transient failure on its schedule, losing nothing', async () => {
    await joinResident(stack, 'o-wu', { communityId: ids.c2, buildingId: ids.b3 }, '吴先生');
    await stack.grant(ids.officer2, [templateId('caseNew')]);
    await setFaults({ seed: 1, failures: [{ target: 'openapi.subscribeMessage.send', rate: 1, error: -501001 }] });
    try {
      unwrap(await stack.call('cases.create', fireLaneReport({ location: { buildingId: ids.b3 } }), 'o-wu'));
      const [first] = await pushesFor(ids.officer2);
      expect(first).toMatchObject({ status: 'pending', attempts: 1, lastErrCode: -501001 });
      // Not due yet: the scheduler leaves it alone.
      await stack.fireTrigger('scheduler');
      expect((await pushesFor(ids.officer2))[0]).toMatchObject({ attempts: 1 });
      // Due: retried, failing again, rescheduled further out.
      await stack.database().collection('notifications').doc(first!.id).update({ data: { 'push.nextAttemptAt': new Date(Date.now() - 1000) } });
      await stack.fireTrigger('scheduler');
      const [second] = await pushesFor(ids.officer2);
      expect(second).toMatchObject({ status: 'pending', attempts: 2, lastErrCode: -501001 });
      expect(second!.nextAttemptAt.getTime() - Date.now()).toBeGreaterThan(4 * 60_000);
    } finally {
      await setFaults({ failures: [] });
    }
  });

  it('fits every field to WeChat\'s limits (thing ≤ 20 characters)', async () => {
    await stack.grant(ids.officer1, [templateId('caseNew')]);
    const long = '楼道里堆满了杂物，包括旧沙发、纸箱、自行车和好几袋装修垃圾，已经影响通行好几个星期了';
    unwrap(await stack.call('cases.create', fireLaneReport({ category: 'shaft_clutter', description: long }), 'o-zhang'));
    const [latest] = await stack.outbox({ touser: ids.officer1 });
    expect(latest).toMatchObject({ ok: true });
    const thing5 = (latest!.data as Record<string, { value: string }>).thing5!.value;
    expect([...thing5].length).toBeLessThanOrEqual(20);
    expect(thing5.endsWith('…')).toBe(true);
  });
});

describe('each subscribe message is sent at most once, however often its event is told', () => {
  const officer = 'o-once-officer';
  const draft = (eventKey: string): NotificationDraft => ({
    openid: officer, kind: 'case_new', title: '新案件·消防通道堵塞', body: '', caseId: null, eventKey,
    message: { template: 'caseNew', page: 'pkg-staff/inbox/index', values: { thing1: '新案件·消防通道堵塞', thing2: '夢和园', phrase3: '一般', time4: new Date(), thing5: '楼道堆物' } },
  });
  const sentFor = async (eventKey: string) => (await stack.outbox({ touser: officer })).filter((m) => m.ok && JSON.stringify(m.data).includes(eventKey));
  const recordOf = async (eventKey: string) => dataOf<NotificationDoc>(stack.database().collection('notifications').doc(notificationId({ eventKey, openid: officer })).get());

  /** A message of a new event whose first send failed (a transient error), made due `now`. */
  async function dueRetry(key: string, now: Date): Promise<string> {
    await setFaults({ seed: 1, failures: [{ target: 'openapi.subscribeMessage.send', rate: 1, error: -501001 }] });
    try {
      await notifyAll([{ ...draft(key), message: { ...draft(key).message!, values: { ...draft(key).message!.values, thing5: key } } }], now);
    } finally {
      await setFaults({ failures: [] });
    }
    expect((await recordOf(key)).push).toMatchObject({ status: 'pending', attempts: 1 });
    const id = notificationId({ eventKey: key, openid: officer });
    await stack.database().collection('notifications').doc(id).update({ data: { 'push.nextAttemptAt': minutesLater(now, -1) } });
    return id;
  }

  beforeAll(async () => {
    // A long-term grant: a second send would be accepted too, so only the notifier can prevent it.
    await stack.grant(officer, [templateId('caseNew')], 'long-term');
  });

  it('five concurrent runs of one event write one record and send one message', async () => {
    const key = `race-${Date.now()}`;
    const d = { ...draft(key), message: { ...draft(key).message!, values: { ...draft(key).message!.values, thing5: key } } };
    await Promise.all(Array.from({ length: 5 }, () => notifyOnce([d], new Date())));
    expect(await sentFor(key)).toHaveLength(1);
    expect((await recordOf(key)).push).toMatchObject({ status: 'sent', attempts: 1 });
    // A retry long after: the record is there, nothing is sent again.
    await notifyOnce([d], new Date());
    expect(await sentFor(key)).toHaveLength(1);
  });

  it('a run that died after writing leaves its message to the sweep, which sends it once the lease is over', async () => {
    const key = `orphan-${Date.now()}`;
    const now = new Date();
    const held: PushState = {
      templateKey: 'caseNew', templateId: templateId('caseNew'), page: 'pkg-staff/inbox/index', data: { thing1: { value: '新案件' }, thing2: { value: '夢和园' }, phrase3: { value: '一般' }, time4: { value: '2026-12-02 10:00' }, thing5: { value: key } },
      status: 'sending', attempts: 0, nextAttemptAt: minutesLater(now, 2), lastErrCode: null, lastError: null, sentAt: null,
    };
    await insertNotifications([{ _id: notificationId({ eventKey: key, openid: officer }), openid: officer, kind: 'case_new', title: '新案件', body: '', caseId: null, createdAt: now, read: false, push: held }]);
    // Held by its (dead) sender: neither the sweep nor a new grant touches it yet.
    await stack.call('notify.recordSubscriptions', { templateIds: [templateId('caseNew')] }, officer);
    await stack.fireTrigger('scheduler');
    expect(await sentFor(key)).toHaveLength(0);
    await stack.database().collection('notifications').doc(notificationId({ eventKey: key, openid: officer })).update({ data: { 'push.nextAttemptAt': minutesLater(now, -1) } });
    await stack.fireTrigger('scheduler');
    expect(await sentFor(key)).toHaveLength(1);
    expect((await recordOf(key)).push).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('two sweeps that meet the same due message: one sends it, the other leaves it', async () => {
    const key = `sweep-${Date.now()}`;
    // Its retry is due (a minute ago), and two sweeps read it before either takes it: two runs a second
    // apart, as separate timer runs are (the same millisecond hid a claim that did not exclude: both sent).
    const now = new Date();
    await dueRetry(key, now);
    const waiting = await recordOf(key);
    const results = await Promise.all([retryPush(waiting, now), retryPush(waiting, new Date(now.getTime() + 1000))]);
    expect(results.sort()).toEqual(['sent', 'taken']);
    expect(await sentFor(key)).toHaveLength(1);
    expect((await recordOf(key)).push).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('a new grant does not make a message due while a sweep is sending it', async () => {
    const key = `held-${Date.now()}`;
    const now = new Date();
    const id = await dueRetry(key, now);
    // A sweep has taken it and is sending (its process is slow, or died)...
    expect(await claimPush(id, 1, now, minutesLater(now, 2))).toBe(true);
    // ...when the officer grants the template again: the message stays with that sender.
    unwrap(await stack.call('notify.recordSubscriptions', { templateIds: [templateId('caseNew')] }, officer));
    await stack.fireTrigger('scheduler');
    expect(await sentFor(key)).toHaveLength(0);
    expect((await recordOf(key)).push).toMatchObject({ status: 'sending', attempts: 1 });
  });
});

describe('in-app notifications and badges', () => {
  it('counts news on my cases and unread notifications, and clears them', async () => {
    await joinResident(stack, 'o-badge', { communityId: ids.c1, buildingId: ids.b1 }, '郑大姐');
    const { case: c } = unwrap(await stack.call('cases.create', fireLaneReport(), 'o-badge'));
    expect(unwrap(await stack.call('notify.badge', {}, 'o-badge'))).toEqual({ unreadNotifications: 0, myCasesWithNews: 0 });
    const officerBadge = unwrap(await stack.call('notify.badge', {}, ids.officer1));
    expect(officerBadge).not.toHaveProperty('inboxUnread');

    await stack.call('cases.accept', { caseId: c.id }, ids.officer1);
    expect(unwrap(await stack.call('notify.badge', {}, 'o-badge'))).toEqual({ unreadNotifications: 1, myCasesWithNews: 1 });

    await stack.call('cases.get', { caseId: c.id }, 'o-badge');
    const list = unwrap(await stack.call('notify.myNotifications', { unreadOnly: true }, 'o-badge'));
    expect(list.items).toHaveLength(1);
    expect(unwrap(await stack.call('notify.markRead', { ids: [list.items[0]!.id] }, 'o-badge'))).toEqual({ updated: 1 });
    expect(unwrap(await stack.call('notify.badge', {}, 'o-badge'))).toEqual({ unreadNotifications: 0, myCasesWithNews: 0 });
  });

  it('gives the officer one unread count, 消息: a case\'s news once, read by opening the case or 消息', async () => {
    const officer = ids.officer1;
    unwrap(await stack.call('notify.markRead', { all: true }, officer));
    const count = async () => unwrap(await stack.call('notify.badge', {}, officer)).unreadNotifications;
    expect(await count()).toBe(0);
    const { case: c } = unwrap(await stack.call('cases.create', fireLaneReport({ description: '5号楼消防通道又被电动车堵住了' }), 'o-badge'));
    // The new case is one unread message, not also a second "case with news" count.
    expect(await count()).toBe(1);
    const inbox = unwrap(await stack.call('cases.inbox', { pageSize: 20, filter: 'all' }, officer));
    expect(inbox).not.toHaveProperty('unreadCount');
    expect([...inbox.overdue, ...inbox.items].find((i) => i.id === c.id)).toMatchObject({ unread: true });
    // Opening the case reads its message and clears its dot.
    unwrap(await stack.call('cases.get', { caseId: c.id }, officer));
    expect(await count()).toBe(0);
    const after = unwrap(await stack.call('cases.inbox', { pageSize: 20, filter: 'all' }, officer));
    expect([...after.overdue, ...after.items].find((i) => i.id === c.id)).toMatchObject({ unread: false });
    // The resident adds details: one message again; opening 消息 (mark all read) clears it.
    unwrap(await stack.call('cases.addInfo', { caseId: c.id, text: '车主是2单元的住户', photos: [] }, 'o-badge'));
    expect(await count()).toBe(1);
    unwrap(await stack.call('notify.markRead', { all: true }, officer));
    expect(await count()).toBe(0);
    // Someone else opening the case reads none of the officer's messages.
    unwrap(await stack.call('cases.addInfo', { caseId: c.id, text: '今天早上又停了一辆', photos: [] }, 'o-badge'));
    unwrap(await stack.call('cases.get', { caseId: c.id }, ids.admin));
    expect(await count()).toBe(1);
  });

  it('marks only my own notifications read', async () => {
    const officerList = unwrap(await stack.call('notify.myNotifications', { pageSize: 5 }, ids.officer1));
    const theirs = officerList.items.map((i) => i.id);
    expect(unwrap(await stack.call('notify.markRead', { ids: theirs }, 'o-zhang'))).toEqual({ updated: 0 });
    expect(unwrap(await stack.call('notify.markRead', { all: true }, ids.officer1)).updated).toBeGreaterThan(0);
    expect(unwrap(await stack.call('notify.badge', {}, ids.officer1)).unreadNotifications).toBe(0);
  });

  it('validates its input in Chinese', async () => {
    const r = await stack.call('notify.recordSubscriptions', { templateIds: [] }, 'o-zhang');
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'templateIds' } });
    const six = await stack.call('notify.recordSubscriptions', { templateIds: ['a', 'b', 'c', 'd', 'e', 'f'] }, 'o-zhang');
    expect(six).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '消息模板最多 5 项' } });
  });
});
