/**
 * `mediations.stats` against a hand-computed fixture: success / (success + failed + referred) over
 * mediations closed in the period, per tier, per mediator, per community, and the median days to close.
 */
import { insertCases, type CaseDoc, type MediatorDoc } from '../../backend/data/cases';
import type { MediationOutcome, MediationTier } from '../../types/enums';
import { arrangeMediation, med, parkingDispute } from './mediationStation';
import { dataOf, ids, joinResident, stationSuite, unwrap } from './station';

let template: CaseDoc;
const stack = stationSuite(async (stack) => {
  await arrangeMediation(stack);
  await joinResident(stack, 'o-liu', { communityId: ids.c1, buildingId: ids.b1 }, '刘玉芬');
  const { case: c } = unwrap(await stack.call('cases.create', parkingDispute(), 'o-liu'));
  template = await dataOf<CaseDoc>(stack.database().collection('cases').doc(c.id).get());
  await insertCases(fixture.map(toDoc));
});

const who: Record<string, MediatorDoc> = {
  zhou: { id: ids.officer1, name: '周建军', title: '社区民警' },
  wang: { id: ids.officer2, name: '王卫东', title: '社区民警' },
  chen: { id: med.chen, name: '陈玉梅', title: '社区调解员' },
  judicial: { id: med.judicial, name: '王志华', title: '专职人民调解员' },
};
const jan = (day: number) => new Date(Date.UTC(2025, 0, day, 2));

/** [id, tier, community, mediators, outcome, created (Jan day), closed (Jan day; null: still open)] */
const fixture: Array<[string, MediationTier, string, string[], MediationOutcome | null, number, number | null]> = [
  ['f1', 'police_community', ids.c1, ['zhou', 'chen'], 'success', 1, 3],
  ['f2', 'police_community', ids.c1, ['zhou', 'chen'], 'success', 2, 6],
  ['f3', 'professional', ids.c1, ['zhou', 'judicial'], 'failed', 3, 13],
  ['f4', 'professional', ids.c2, ['wang', 'judicial'], 'success', 4, 10],
  ['f5', 'joint_office', ids.c2, ['wang', 'judicial'], 'referred', 5, 25],
  ['f6', 'police_community', ids.c2, ['wang'], 'success', 8, 9],
  // Closed after the period, and still open: neither counts.
  ['f7', 'police_community', ids.c1, ['zhou', 'chen'], 'success', 20, 40],
  ['f8', 'police_community', ids.c1, ['zhou', 'chen'], null, 10, null],
];

function toDoc([id, tier, communityId, names, outcome, created, closed]: (typeof fixture)[number]): CaseDoc {
  const mediators = names.map((n) => who[n]!);
  return {
    ...template, _id: `stats-${id}`, clientRequestId: `stats-${id}`, communityId, createdAt: jan(created), updatedAt: jan(closed ?? created),
    status: closed ? 'closed' : 'in_progress', open: !closed, awaitingAccept: false, slaDueAt: null, sweepAt: null,
    mediation: { ...template.mediation!, tier, outcome, mediators, mediatorIds: mediators.map((m) => m.id) },
    mediationClosedAt: closed ? jan(closed) : null,
  };
}

const period = { from: new Date(Date.UTC(2025, 0, 1)).toISOString(), to: new Date(Date.UTC(2025, 1, 1)).toISOString() };

it('gives the station admin the hand-computed rates and medians', async () => {
  const s = unwrap(await stack.call('mediations.stats', period, ids.admin));
  expect(s.ownOnly).toBe(false);
  // Closed in January: f1–f6. Days: 2, 4, 10, 6, 20, 1 → median (4 + 6) / 2.
  expect(s.overall).toEqual({ closed: 6, success: 4, failed: 1, referred: 1, successRate: 0.667, medianDaysToClose: 5 });
  expect(s.byTier).toEqual([
    { tier: 'police_community', closed: 3, success: 3, failed: 0, referred: 0, successRate: 1, medianDaysToClose: 2 },
    { tier: 'professional', closed: 2, success: 1, failed: 1, referred: 0, successRate: 0.5, medianDaysToClose: 8 },
    { tier: 'joint_office', closed: 1, success: 0, failed: 0, referred: 1, successRate: 0, medianDaysToClose: 20 },
  ]);
  const byCommunity = Object.fromEntries(s.byCommunity.map((c) => [c.communityName, [c.closed, c.successRate, c.medianDaysToClose]]));
  expect(byCommunity).toEqual({ 夢和园: [3, 0.667, 4], 欣和园: [3, 0.667, 6] });
  const byMediator = Object.fromEntries(s.byMediator.map((m) => [m.name, [m.closed, m.success, m.successRate, m.medianDaysToClose]]));
  expect(byMediator).toEqual({
    周建军: [3, 2, 0.667, 4],
    陈玉梅: [2, 2, 1, 3],
    王志华: [3, 1, 0.333, 10],
    王卫东: [3, 2, 0.667, 6],
  });
});

it('gives the judicial mediator the station, a community mediator only their own', async () => {
  const judicial = unwrap(await stack.call('mediations.stats', period, med.judicial));
  expect(judicial.overall.closed).toBe(6);
  const chen = unwrap(await stack.call('mediations.stats', period, med.chen));
  expect(chen.ownOnly).toBe(true);
  expect(chen.overall).toMatchObject({ closed: 2, success: 2, successRate: 1, medianDaysToClose: 3 });
  expect(chen.byMediator).toEqual([expect.objectContaining({ name: '陈玉梅', isMe: true })]);
  const zhou = unwrap(await stack.call('mediations.stats', period, ids.officer1));
  expect(zhou.overall).toMatchObject({ closed: 3, success: 2 });
});

it('refuses a period the wrong way round or longer than a year, naming the field', async () => {
  const r = await stack.call('mediations.stats', { from: period.to, to: period.from }, ids.admin);
  expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'from' } });
});
