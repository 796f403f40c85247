/**
 * issue 11: cases written before `queueAt` existed get their place in the inbox's 待办 from the
 * scheduler: a bounded batch per tick, from what each case kept (deadline, urgency, acceptance),
 * idempotent, and never over a value a transition set meanwhile. Real SDK against local cloud.
 */
import { insertCases, setQueueAtIfMissing, type CaseDoc } from '../../backend/data/cases';
import { legacyQueueAt, queueAt } from '../../backend/domain/caseLifecycle';
import { startTestStack, type TestStack } from '../support/stack';
import { arrangeStation, dataOf, fireLaneReport, ids, joinResident, unwrap } from './station';

let stack: TestStack;
let template: CaseDoc;
beforeAll(async () => {
  stack = await startTestStack();
  await arrangeStation(stack);
  await joinResident(stack, 'o-zhang', { communityId: ids.c1, buildingId: ids.b1 });
  const created = unwrap(await stack.call('cases.create', fireLaneReport(), 'o-zhang')).case.id;
  template = await dataOf<CaseDoc>(stack.database().collection('cases').doc(created).get());
}, 120_000);
afterAll(() => stack?.close());

const HOUR = 3600_000;
const caseDoc = (id: string) => dataOf<CaseDoc>(stack.database().collection('cases').doc(id).get());

/** A case as written before issue 11: everything but `queueAt`. */
function legacy(id: string, patch: Partial<CaseDoc>): CaseDoc {
  const { queueAt: _dropped, ...rest } = { ...template, ...patch, _id: id, clientRequestId: id, caseNo: null };
  return rest as CaseDoc;
}

it('gives open legacy cases their queue place (urgent first, then by deadline, then accepted), once', async () => {
  const now = Date.now();
  const dueLater = new Date(now + 20 * HOUR);
  const dueSoon = new Date(now + 2 * HOUR);
  const urgentDue = new Date(now + 10 * HOUR);
  const acceptedAt = new Date(now - 5 * HOUR);
  await insertCases([
    legacy('legacy-normal-late', { status: 'submitted', open: true, awaitingAccept: true, urgent: false, slaDueAt: dueLater }),
    legacy('legacy-normal-soon', { status: 'submitted', open: true, awaitingAccept: true, urgent: false, slaDueAt: dueSoon }),
    legacy('legacy-urgent', { status: 'submitted', open: true, awaitingAccept: true, urgent: true, slaDueAt: urgentDue }),
    legacy('legacy-accepted', { status: 'accepted', open: true, awaitingAccept: false, urgent: false, slaDueAt: null, acceptedAt }),
    legacy('legacy-closed', { status: 'closed', open: false, awaitingAccept: false, slaDueAt: null }),
  ]);
  expect(await caseDoc('legacy-urgent')).not.toHaveProperty('queueAt');

  const tick = unwrap(await stack.call('scheduler.tick', {}, ids.admin));
  expect(tick.queueBackfilled).toBe(4);
  expect((await caseDoc('legacy-normal-soon')).queueAt).toEqual(dueSoon);
  expect((await caseDoc('legacy-urgent')).queueAt).toEqual(legacyQueueAt({ status: 'submitted', urgent: true, slaDueAt: urgentDue, acceptedAt: null, updatedAt: new Date(now), createdAt: new Date(now) }));
  expect((await caseDoc('legacy-accepted')).queueAt).toEqual(queueAt('accepted', false, acceptedAt));
  expect(await caseDoc('legacy-closed')).not.toHaveProperty('queueAt');

  // They are in the officer's 待办 now, in queue order.
  const inbox = unwrap(await stack.call('cases.inbox', { pageSize: 20, filter: 'open' }, ids.officer1));
  const order = inbox.items.map((i) => i.id).filter((id) => id.startsWith('legacy-'));
  expect(order).toEqual(['legacy-urgent', 'legacy-normal-soon', 'legacy-normal-late', 'legacy-accepted']);

  // Again: nothing left to do, nothing changed.
  const before = (await caseDoc('legacy-accepted')).queueAt;
  expect(unwrap(await stack.call('scheduler.tick', {}, ids.admin)).queueBackfilled).toBe(0);
  expect((await caseDoc('legacy-accepted')).queueAt).toEqual(before);
});

it('never overwrites a queue place a transition set meanwhile', async () => {
  const at = new Date(Date.now() + HOUR);
  await insertCases([legacy('legacy-raced', { status: 'submitted', open: true, awaitingAccept: true, urgent: false, slaDueAt: at })]);
  expect(await setQueueAtIfMissing('legacy-raced', at)).toBe(true);
  expect(await setQueueAtIfMissing('legacy-raced', new Date(0))).toBe(false);
  expect((await caseDoc('legacy-raced')).queueAt).toEqual(at);
});
