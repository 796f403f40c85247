/**
 * Issue 10: the group a survey card was opened from is learnt server-side. The function trusts
 * nothing of the event's `groupInfo` but the CloudID, and asks WeChat for the id's data itself
 * (`cloud.getOpenData`, through the real wx-server-sdk to local cloud, which answers for the user
 * behind the invocation's API token, as CloudBase does).
 */
import { createFunctionRuntime, type FunctionRuntime } from '../../local-stack/runtime';
import { getUser } from '../../backend/data/users';
import { arrivedGroup, NOT_FROM_GROUP } from '../../backend/domain/groupArrival';
import { startTestStack, type TestStack } from '../support/stack';
import { arrangeStation, ids, joinResident, unwrap } from './station';
import { arrangeSurveys } from './surveyStation';

let stack: TestStack;
let surveyId: string;
/** A runtime that resolves no CloudID on the way in (every one arrives as `{ cloudID, errCode }`). */
let unresolving: FunctionRuntime;

beforeAll(async () => {
  stack = await startTestStack();
  await arrangeStation(stack);
  [surveyId] = await arrangeSurveys(stack, [{ communityId: ids.c1, officer: ids.officer1 }]);
  await joinResident(stack, 'o-ga-a', { communityId: ids.c1, buildingId: ids.b1 }, '群里居民', false);
  await joinResident(stack, 'o-ga-b', { communityId: ids.c1, buildingId: ids.b1 }, '另一位居民', false);
  const bound = stack.cloud.issueOpenData({ opengid: 'G-ga-menghe' }, { openid: ids.officer1 }).cloudID;
  unwrap((await stack.invoke('surveys', { action: 'bindGroup', input: { surveyId }, groupInfo: { cloudID: bound } }, { openid: ids.officer1 })) as never);
  unresolving = createFunctionRuntime({ functionsDir: stack.functionsDir, cloudEnv: stack.cloud.env, poolSize: 1, log: () => undefined, issueApiToken: (openid) => stack.cloud.issueApiToken(openid) });
  // The test process's own SDK (backend modules called in-process) points at the same local cloud.
  stack.database();
}, 120_000);
afterAll(async () => {
  await unresolving?.close();
  await stack?.close();
});

type Reply = { ok: boolean; data?: { fromCommunityGroup: boolean; verified: boolean }; error?: { code: string; message: string } };
const arriveThrough = (runtime: FunctionRuntime, openid: string, groupInfo: unknown) =>
  runtime.invoke('surveys', { action: 'arrive', input: { surveyId }, groupInfo }, { openid, appid: 'wx-test' }) as Promise<Reply>;

describe('the function resolves the CloudID itself (cloud.getOpenData)', () => {
  it('refuses a forged { cloudID, data } however it arrives: only WeChat says which group', async () => {
    await expect(arrivedGroup({ cloudID: 'x', data: { opengid: 'G-ga-menghe' } })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: NOT_FROM_GROUP });
    await expect(arrivedGroup({ data: { opengid: 'G-ga-menghe' } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    // A real id for another group beside forged data: the id's own group is what counts.
    const other = stack.cloud.issueOpenData({ opengid: 'G-ga-elsewhere' }).cloudID;
    await expect(arrivedGroup({ cloudID: other, data: { opengid: 'G-ga-menghe' } })).resolves.toBe('G-ga-elsewhere');
  });

  it('answers only for the user the id was issued to', async () => {
    // In this test process no invocation stands behind the call: an id issued to a user is not ours.
    const theirs = stack.cloud.issueOpenData({ opengid: 'G-ga-menghe' }, { openid: 'o-ga-a' }).cloudID;
    await expect(arrivedGroup({ cloudID: theirs })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    // Through the runtime, another user's invocation token: -601007, refused.
    expect(await arriveThrough(stack.runtime, 'o-ga-b', { cloudID: theirs })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: NOT_FROM_GROUP } });
    expect((await getUser('o-ga-b'))?.memberVerified).toBe(false);
  });

  it('verifies a resident even when the event carries no resolved data: the function asked WeChat', async () => {
    const mine = stack.cloud.issueOpenData({ opengid: 'G-ga-menghe' }, { openid: 'o-ga-a' }).cloudID;
    const arrived = await arriveThrough(unresolving, 'o-ga-a', { cloudID: mine });
    expect(arrived).toMatchObject({ ok: true, data: { fromCommunityGroup: true, verified: true } });
    expect((await getUser('o-ga-a'))?.memberVerified).toBe(true);
    // A made-up id with forged data through the same path: nothing to resolve, refused.
    expect(await arriveThrough(unresolving, 'o-ga-b', { cloudID: 'x', data: { opengid: 'G-ga-menghe' } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((await getUser('o-ga-b'))?.memberVerified).toBe(false);
  });
});
