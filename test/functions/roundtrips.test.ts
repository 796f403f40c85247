/**
 * Round trips per action must not grow with the data. Every invocation logs its DB and openapi
 * call counts; we run the same actions on a small station and again after adding hundreds of
 * cases, follows and notifications, and compare. With local cloud strict (scan limit 50), the
 * second pass also proves every query is served by a declared index.
 */
import { insertCases, type CaseDoc } from '../../backend/data/cases';
import { followId, insertFollows, type CaseFollowDoc } from '../../backend/data/caseFollows';
import { insertNotifications, type NotificationDoc } from '../../backend/data/notifications';
import { derivedId } from '../../backend/platform/ids';
import type { FnInput, FnName } from '../../types/registry';
import { startTestStack, type TestStack } from '../support/stack';
import { arrangeStation, dataOf, fireLaneReport, ids, joinResident, unwrap } from './station';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
  await arrangeStation(stack);
  await joinResident(stack, 'o-zhang', { communityId: ids.c1, buildingId: ids.b1 }, '张阿姨');
}, 120_000);
afterAll(() => stack?.close());

async function dbCalls<N extends FnName>(name: N, input: FnInput<N>, openid: string): Promise<number> {
  const before = stack.logs.length;
  unwrap(await stack.call(name, input, openid));
  const [fn, action] = name.split('.');
  for (const line of stack.logs.slice(before).reverse()) {
    const m = /^(\w+): (\{.*\})$/.exec(line);
    if (!m || m[1] !== fn) continue;
    const entry = JSON.parse(m[2]!) as { action?: string; calls?: { db: number } };
    if (entry.action === action && entry.calls) return entry.calls.db;
  }
  throw new Error(`no call log for ${name}`);
}

async function measure(caseId: string): Promise<Record<string, number>> {
  // Steady state: the first staff read also clears the unread mark, the first grant creates its
  // record, and a grant re-arms waiting messages that the next tick sends. Settle those first.
  await stack.call('cases.get', { caseId }, ids.officer1);
  await stack.call('notify.recordSubscriptions', { templateIds: ['local-tpl-case-new'] }, ids.officer1);
  await stack.call('scheduler.tick', {}, ids.admin);
  return {
    'session.whoami': await dbCalls('session.whoami', {}, 'o-zhang'),
    'cases.create': await dbCalls('cases.create', fireLaneReport(), 'o-zhang'),
    'cases.findSimilar': await dbCalls('cases.findSimilar', { category: 'fire_lane_blocked', buildingId: ids.b1 }, 'o-zhang'),
    'cases.listMine': await dbCalls('cases.listMine', { pageSize: 10 }, 'o-zhang'),
    'cases.get (resident)': await dbCalls('cases.get', { caseId }, 'o-zhang'),
    'cases.get (staff)': await dbCalls('cases.get', { caseId }, ids.officer1),
    'cases.inbox': await dbCalls('cases.inbox', { pageSize: 10 }, ids.officer1),
    'cases.inbox (admin)': await dbCalls('cases.inbox', { pageSize: 10 }, ids.admin),
    'notify.badge': await dbCalls('notify.badge', {}, ids.officer1),
    'notify.myNotifications': await dbCalls('notify.myNotifications', { pageSize: 10 }, ids.officer1),
    'notices.latest': await dbCalls('notices.latest', {}, 'o-zhang'),
    'scheduler.tick': await dbCalls('scheduler.tick', {}, ids.admin),
    'cases.listMine (open)': await dbCalls('cases.listMine', { pageSize: 10, filter: 'open' }, 'o-zhang'),
    'notify.myNotifications (unread)': await dbCalls('notify.myNotifications', { pageSize: 10, unreadOnly: true }, ids.officer1),
    'notify.recordSubscriptions': await dbCalls('notify.recordSubscriptions', { templateIds: ['local-tpl-case-new'] }, ids.officer1),
    'notify.markRead (all)': await dbCalls('notify.markRead', { all: true }, ids.officer1),
    'cases.accept': await dbCalls('cases.accept', { caseId: unwrap(await stack.call('cases.create', fireLaneReport(), 'o-zhang')).case.id }, ids.officer1),
    'cases.transferTargets': await dbCalls('cases.transferTargets', {}, ids.officer1),
    'session.listCommunities': await dbCalls('session.listCommunities', { communityId: ids.c1 }, 'o-zhang'),
  };
}

function bulkCase(i: number, template: CaseDoc): CaseDoc {
  const createdAt = new Date(Date.now() - (i + 10) * 60_000);
  return { ...template, _id: `bulk-${i}`, clientRequestId: `bulk-${i}`, reporterId: 'o-bulk-reporter', createdAt, updatedAt: createdAt, slaDueAt: new Date(Date.now() + 3600_000) };
}

it('does not grow with the data (and every query is index-backed)', async () => {
  const { case: seedCase } = unwrap(await stack.call('cases.create', fireLaneReport(), 'o-zhang'));
  const small = await measure(seedCase.id);

  const template = await dataOf<CaseDoc>(stack.database().collection('cases').doc(seedCase.id).get());
  const bulk = Array.from({ length: 400 }, (_, i) => bulkCase(i, template));
  await insertCases(bulk);
  await insertFollows(bulk.map((c): CaseFollowDoc => ({
    _id: followId(c._id, 'o-zhang'), caseId: c._id, openid: 'o-zhang', role: 'reporter', kind: c.kind, status: c.status,
    title: c.title, urgent: false, open: true, unread: true, caseCreatedAt: c.createdAt, updatedAt: c.updatedAt,
  })));
  await insertNotifications(bulk.map((c): NotificationDoc => ({
    _id: derivedId('bulk-n', c._id), openid: ids.officer1, kind: 'case_new', title: c.title, body: '', caseId: c._id, createdAt: c.createdAt, read: false, push: null,
  })));

  // The premise: local cloud refuses an unindexed query over this much data.
  await expect(dataOf(stack.database().collection('cases').where({ description: 'x' }).get())).rejects.toThrow();

  const large = await measure(seedCase.id);
  console.log(Object.entries(large).map(([k, v]) => `${k.padEnd(24)} ${v}`).join('\n'));
  expect(large).toEqual(small);
});
