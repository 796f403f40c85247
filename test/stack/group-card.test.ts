/**
 * Issue 10 through the H5 gateway: the console's "从群聊打开问卷卡片" issues a stand-in CloudID for a
 * group and opens the survey page with it; the page's call carries it as the top-level `groupInfo`
 * and the runtime resolves it as CloudBase does. A forged `groupInfo` never verifies anyone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startGateway, type Gateway } from '../../local-stack/gateway';
import { loadSessionSecret } from '../../local-stack/gateway/session';
import { getUser } from '../../backend/data/users';
import { startTestStack, type TestStack } from '../support/stack';
import { arrangeStation, ids, joinResident, unwrap } from '../functions/station';
import { arrangeSurveys } from '../functions/surveyStation';

let stack: TestStack;
let gateway: Gateway;
let surveyId: string;
const resident = 'o-gc-resident';
const TOKEN = 'group-card-token';

beforeAll(async () => {
  stack = await startTestStack();
  await arrangeStation(stack);
  await joinResident(stack, resident, { communityId: ids.c1, buildingId: ids.b1 }, '群里居民', false);
  [surveyId] = await arrangeSurveys(stack, [{ communityId: ids.c1, officer: ids.officer1 }]);
  const h5Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fengqiao-h5-'));
  fs.writeFileSync(path.join(h5Dir, 'index.html'), '<!doctype html><div id="app"></div>');
  gateway = await startGateway({
    port: 0, runtime: stack.runtime, localCloudUrl: stack.cloud.url, envId: stack.cloud.env.TCB_ENV, sessionSecret: loadSessionSecret(stack.dataDir),
    people: [{ openid: resident, name: '群里居民', roleLabel: '居民', description: '' }], h5Dir, appid: 'wx-gc', devToken: TOKEN, log: () => undefined,
  });
  // The officer opened the card in the group first: the group is bound to 夢和园.
  const officerId = stack.cloud.issueOpenData({ opengid: 'G-demo-menghe' }).cloudID;
  unwrap((await stack.invoke('surveys', { action: 'bindGroup', input: { surveyId }, groupInfo: { cloudID: officerId } }, { openid: ids.officer1 })) as never);
}, 120_000);
afterAll(async () => {
  await gateway?.close();
  await stack?.close();
});

async function signIn(): Promise<string> {
  const res = await fetch(`${gateway.url}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid: resident }) });
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

const arrive = async (cookie: string, groupInfo: unknown) => {
  const res = await fetch(`${gateway.url}/api/functions/surveys`, {
    method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ data: { action: 'arrive', input: { surveyId }, groupInfo } }),
  });
  return ((await res.json()) as { result: { ok: boolean; data?: unknown; error?: { code: string } } }).result;
};

it('the console page needs the developer token', async () => {
  expect((await fetch(`${gateway.url}/_dev/group-card`)).status).toBe(200);
  const refused = await fetch(`${gateway.url}/_dev/group-card`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ opengid: 'G-demo-menghe', surveyId }) });
  expect(refused.status).toBe(403);
});

it('a forged groupInfo through the gateway verifies nobody; the console card from the group does', async () => {
  const cookie = await signIn();
  expect(await arrive(cookie, { data: { opengid: 'G-demo-menghe' } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  expect(await arrive(cookie, { cloudID: 'forged', data: { opengid: 'G-demo-menghe' } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  expect((await getUser(resident))?.memberVerified).toBe(false);

  const opened = await fetch(`${gateway.url}/_dev/group-card`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-dev-token': TOKEN }, body: JSON.stringify({ opengid: 'G-demo-menghe', surveyId }),
  });
  const { cloudID, location } = (await opened.json()) as { cloudID: string; location: string };
  expect(location).toBe(`/#/pkg-resident/survey/index?id=${encodeURIComponent(surveyId)}&fqGroupCloudID=${encodeURIComponent(cloudID)}`);
  // What src/services/group.ts sends in H5: { cloudID } as the top-level groupInfo.
  expect(await arrive(cookie, { cloudID })).toMatchObject({ ok: true, data: { fromCommunityGroup: true, verified: true } });
  expect((await getUser(resident))?.memberVerified).toBe(true);
});
