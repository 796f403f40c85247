/**
 * The app under a misbehaving platform, through local cloud's fault injection (PUT /_dev/faults):
 * with every second subscribe-message send failing, and with database writes failing now and then,
 * no case, notification or message is lost or duplicated.
 */
import type { NotificationDoc } from '../../backend/data/notifications';
import { templateId } from '../../backend/platform/templates';
import { startTestStack, type TestStack } from '../support/stack';
import { arrangeStation, dataOf, fireLaneReport, ids, joinResident, unwrap } from './station';

let stack: TestStack;

async function setFaults(config: unknown): Promise<{ injected: Record<string, number> }> {
  const res = await fetch(new URL('/_dev/faults', stack.cloud.url), {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(config),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { injected: Record<string, number> };
}

async function injected(): Promise<Record<string, number>> {
  return ((await (await fetch(new URL('/_dev/faults', stack.cloud.url))).json()) as { injected: Record<string, number> }).injected;
}

const residents = ['o-fault-zhang', 'o-fault-wu', 'o-fault-sun'];

beforeAll(async () => {
  stack = await startTestStack();
  await arrangeStation(stack);
  await joinResident(stack, residents[0]!, { communityId: ids.c1, buildingId: ids.b1 }, '张阿姨');
  await joinResident(stack, residents[1]!, { communityId: ids.c1, buildingId: ids.b2 }, '吴先生');
  await joinResident(stack, residents[2]!, { communityId: ids.c2, buildingId: ids.b3 }, '孙大爷');
  // Everyone allowed every message for good: only the injected failures refuse a send.
  const all = [templateId('caseNew'), templateId('caseUpdate'), templateId('caseOverdue'), templateId('ratingReminder')];
  for (const openid of [...residents, ids.officer1, ids.officer2, ids.admin]) await stack.grant(openid, all, 'long-term');
}, 120_000);

afterAll(() => stack?.close());

describe('subscribe sends failing half of the time', () => {
  it('delivers every message through the scheduler\'s retries, or leaves it in the in-app inbox', async () => {
    await setFaults({ seed: 20261130, failures: [{ target: 'openapi.subscribeMessage.send', rate: 0.5, error: -501001 }] });
    const reports = [
      fireLaneReport({ location: { buildingId: ids.b1, unit: '1单元' } }),
      fireLaneReport({ category: 'noise', description: '楼下棋牌室每晚吵闹到凌晨', location: { buildingId: ids.b1, unit: '2单元' } }),
      fireLaneReport({ location: { buildingId: ids.b2, unit: '1单元' } }),
      fireLaneReport({ category: 'shaft_clutter', description: '管道井里堆满了纸箱和旧家具', location: { buildingId: ids.b2, unit: '1单元' } }),
      fireLaneReport({ location: { buildingId: ids.b3, unit: '1单元' } }),
      fireLaneReport({ category: 'noise', description: '广场舞音响声音太大', location: { buildingId: ids.b3, unit: '1单元' } }),
    ];
    const created: Array<{ id: string; reporter: string; officer: string }> = [];
    for (const [i, input] of reports.entries()) {
      const reporter = residents[Math.floor(i / 2)]!;
      const { case: c } = unwrap(await stack.call('cases.create', input, reporter));
      created.push({ id: c.id, reporter, officer: i < 2 ? ids.officer1 : i < 4 ? ids.admin : ids.officer2 });
    }
    // Every case is there and in its handler's inbox at once, whatever WeChat did.
    for (const c of created) {
      const inbox = unwrap(await stack.call('cases.inbox', {}, c.officer === ids.admin ? ids.admin : c.officer));
      expect(inbox.items.map((item) => item.id)).toContain(c.id);
    }
    // Accepting sends the reporters a progress message each.
    for (const c of created) unwrap(await stack.call('cases.accept', { caseId: c.id }, c.officer));
    expect((await injected())['openapi.subscribeMessage.send']).toBeGreaterThan(0);

    const db = stack.database();
    // Every subscribe message is kept with its in-app notification (the source of truth).
    // Case messages (the scheduler's sweep also tells officers the month's survey is ready; nobody granted that template here).
    const withPush = async () =>
      (await dataOf<NotificationDoc[]>(db.collection('notifications').where({ 'push.status': db.command.in(['pending', 'sent', 'failed']) }).limit(1000).get()))
        .filter((d) => d.push && d.kind !== 'survey_ready');
    // The scheduler retries what is due; make every waiting message due, pass after pass.
    for (let pass = 0; pass < 20; pass++) {
      const pending = (await withPush()).filter((d) => d.push!.status === 'pending');
      if (pending.length === 0) break;
      for (const d of pending) await db.collection('notifications').doc(d._id).update({ data: { 'push.nextAttemptAt': new Date(Date.now() - 1000) } });
      await stack.fireTrigger('scheduler');
    }

    const docs = await withPush();
    // 6 new-case messages to the handlers + 6 progress messages to the reporters, at least.
    expect(docs.length).toBeGreaterThanOrEqual(12);
    expect(docs.filter((d) => d.push!.status === 'pending')).toEqual([]);
    expect(docs.some((d) => d.push!.attempts > 1)).toBe(true);
    const delivered = (await stack.outbox()).filter((m) => m.ok);
    for (const d of docs) {
      const push = d.push!;
      if (push.status === 'sent') {
        // Delivered exactly once, even though some attempts failed before.
        expect(delivered.filter((m) => m.touser === d.openid && m.template_id === push.templateId && m.page === push.page)).toHaveLength(1);
      } else {
        expect(push).toMatchObject({ status: 'failed', lastErrCode: -501001 });
      }
    }
    // Each reporter sees the progress of their case in the app.
    for (const c of created) {
      const mine = unwrap(await stack.call('notify.myNotifications', {}, c.reporter));
      expect(mine.items.map((n) => n.caseId)).toContain(c.id);
    }
    await setFaults({});
  });
});

describe('database writes failing now and then', () => {
  it('a report retried by the client after a failed write is filed exactly once', async () => {
    const input = fireLaneReport({ category: 'noise', description: '楼上装修电钻声从早到晚', location: { buildingId: ids.b1, unit: '1单元' } });
    const before = unwrap(await stack.call('cases.listMine', { pageSize: 20 }, residents[0]!)).items.length;
    await setFaults({ seed: 7, failures: [{ target: 'database.write', rate: 0.3 }] });
    let result: Awaited<ReturnType<typeof stack.call<'cases.create'>>> | undefined;
    let failures = 0;
    // The mini-program resends the same request (same clientRequestId) when a call fails.
    for (let attempt = 0; attempt < 30; attempt++) {
      result = await stack.call('cases.create', input, residents[0]!);
      if (result.ok) break;
      failures++;
      expect(result.error.code).toBe('INTERNAL');
    }
    const counts = await injected();
    await setFaults({});
    expect(counts['database.write']).toBeGreaterThan(0);
    const { case: c } = unwrap(result!);
    const mine = unwrap(await stack.call('cases.listMine', { pageSize: 20 }, residents[0]!));
    expect(mine.items.filter((item) => item.id === c.id)).toHaveLength(1);
    expect(mine.items).toHaveLength(before + 1);
    expect(failures).toBeGreaterThan(0);
    // The handler has it in the inbox once.
    const inbox = unwrap(await stack.call('cases.inbox', {}, ids.officer1));
    expect(inbox.items.filter((item) => item.id === c.id)).toHaveLength(1);
  });
});
