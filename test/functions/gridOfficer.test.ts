/**
 * A grid changes hands: its open cases follow it to the new officer (inbox, access, actions), the
 * previous assignee no longer sees them, closed cases keep their history. Runs strict with extra
 * cases in another grid, so the hand-over write is proven index-backed (grid_open).
 */
import { insertCases, type CaseDoc } from '../../backend/data/cases';
import { PRIVACY_VERSION } from '../../types/privacy';
import { startTestStack, type TestStack } from '../support/stack';
import { arrangeStation, dataOf, fireLaneReport, ids, joinResident, unwrap } from './station';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
  await arrangeStation(stack);
  await joinResident(stack, 'o-nine', { communityId: ids.c1, buildingId: ids.b2 }, '钱阿姨'); // 9号楼: grid g2, no officer
  await joinResident(stack, 'o-three', { communityId: ids.c1, buildingId: ids.b1 }, '孙大爷'); // 3号楼: grid g1
}, 120_000);
afterAll(() => stack?.close());

const caseDoc = (id: string) => dataOf<CaseDoc>(stack.database().collection('cases').doc(id).get());
const nineReport = () => fireLaneReport({ location: { buildingId: ids.b2 } });

async function becomeOfficerOf(gridId: string, openid: string, name: string): Promise<void> {
  const invite = unwrap(await stack.call('session.issueInvite', { role: 'officer', gridId, name }, ids.admin));
  unwrap(await stack.call('session.consentPrivacy', { version: PRIVACY_VERSION }, openid));
  unwrap(await stack.call('session.redeemInvite', { code: invite.code }, openid));
}

it('open cases of a grid follow it to its new officer, and again to the next one', async () => {
  // Cases of the officer-less grid go to the station admin.
  const open1 = unwrap(await stack.call('cases.create', nineReport(), 'o-nine')).case;
  const open2 = unwrap(await stack.call('cases.create', nineReport(), 'o-nine')).case;
  unwrap(await stack.call('cases.accept', { caseId: open2.id }, ids.admin));
  const done = unwrap(await stack.call('cases.create', nineReport(), 'o-nine')).case;
  unwrap(await stack.call('cases.withdraw', { caseId: done.id }, 'o-nine'));
  const otherGrid = unwrap(await stack.call('cases.create', fireLaneReport(), 'o-three')).case;
  // Many cases elsewhere: an unindexed hand-over would have to scan them (strict mode refuses).
  const template = await caseDoc(otherGrid.id);
  await insertCases(Array.from({ length: 80 }, (_, i): CaseDoc => ({ ...template, _id: `other-grid-${i}`, clientRequestId: `other-grid-${i}` })));
  expect((await caseDoc(open1.id)).assigneeId).toBe(ids.admin);

  await becomeOfficerOf(ids.g2, 'o-officer-zhao', '赵刚');

  for (const id of [open1.id, open2.id]) {
    expect(await caseDoc(id)).toMatchObject({ assigneeId: 'o-officer-zhao', assigneeName: '赵刚', assigneeTitle: '社区民警', staffUnread: true });
  }
  expect((await caseDoc(open2.id)).status).toBe('accepted');
  expect((await caseDoc(open1.id)).timeline.at(-1)).toMatchObject({ type: 'note', actorKind: 'system', visibility: 'internal', text: expect.stringContaining('赵刚') });
  // History stays with whoever handled it; other grids are untouched.
  expect((await caseDoc(done.id)).assigneeId).toBe(ids.admin);
  expect((await caseDoc(otherGrid.id)).assigneeId).toBe(ids.officer1);

  const inbox = unwrap(await stack.call('cases.inbox', { pageSize: 20 }, 'o-officer-zhao'));
  expect(inbox.items.map((i) => i.id).sort()).toEqual([open1.id, open2.id].sort());
  expect(inbox.items.every((i) => i.unread)).toBe(true);
  unwrap(await stack.call('cases.accept', { caseId: open1.id }, 'o-officer-zhao'));
  const adminInbox = unwrap(await stack.call('cases.inbox', { pageSize: 20 }, ids.admin));
  expect(adminInbox.items.map((i) => i.id)).not.toContain(open1.id);
  // The resident sees who handles it now, not the internal hand-over note.
  const resident = unwrap(await stack.call('cases.get', { caseId: open2.id }, 'o-nine'));
  expect(resident).toMatchObject({ handler: { name: '赵刚' } });
  expect(resident.timeline.some((e) => e.visibility === 'internal')).toBe(false);

  // The grid changes hands again: the first officer loses its cases (and access), the next gets them.
  await becomeOfficerOf(ids.g2, 'o-officer-qian', '钱勇');
  const before = unwrap(await stack.call('cases.inbox', { pageSize: 20 }, 'o-officer-zhao'));
  expect(before.items).toEqual([]);
  expect(await stack.call('cases.get', { caseId: open1.id }, 'o-officer-zhao')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  const next = unwrap(await stack.call('cases.inbox', { pageSize: 20 }, 'o-officer-qian'));
  expect(next.items.map((i) => i.id).sort()).toEqual([open1.id, open2.id].sort());
  unwrap(await stack.call('cases.resolve', { caseId: open1.id, whatWasDone: '已清理消防通道' }, 'o-officer-qian'));
});
