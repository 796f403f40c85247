import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalStack, type LocalStack } from '../../local-stack/stack';
import { fixtureFunctions } from '../support/stack';

/**
 * The console as `npm start` serves it: the gateway's /_dev is local cloud's console, the runtime
 * reports every invocation with the function's own log line, the stack lends its timer triggers.
 */
const fixtures = path.join(__dirname, 'fixtures', 'console-functions');
let stack: LocalStack;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-gateway-'));
  stack = await startLocalStack({
    dataDir,
    port: 0,
    cloudPort: 0,
    functionsDir: await fixtureFunctions(fixtures),
    h5Dir: path.join(dataDir, 'no-h5-build'),
    collectionsFile: path.join(fixtures, 'collections.json'),
    seed: false,
    prewarm: false,
    extraPeople: [{ openid: 'o-console', name: '控制台测试', roleLabel: '居民', description: '测试' }],
    log: () => undefined,
  });
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const at = (p: string) => `${stack.gateway.url}${p}`;

async function callAs(openid: string, data: unknown): Promise<unknown> {
  const login = await fetch(at('/login'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid }) });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const res = await fetch(at('/api/functions/counter'), { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ data }) });
  return ((await res.json()) as { result: unknown }).result;
}

test('the gateway serves local cloud\'s console and its API at /_dev', async () => {
  const page = await fetch(at('/_dev'));
  expect(await page.text()).toContain('本地云控制台');
  const collections = (await (await fetch(at('/_dev/api/collections'))).json()) as Array<{ name: string }>;
  expect(collections.map((c) => c.name)).toContain('counts');
  // Writes go through too (JSON only), e.g. the fault rules.
  const put = await fetch(at('/_dev/faults'), { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ latencyMs: { database: 1 } }) });
  expect(await put.json()).toMatchObject({ latencyMs: { database: 1 } });
  await fetch(at('/_dev/faults'), { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' });
});

test('every invocation is in the call log with caller, action, round trips and result', async () => {
  expect(await callAs('o-console', { action: 'add' })).toMatchObject({ ok: true });
  expect(await callAs('o-console', { action: 'refuse' })).toMatchObject({ ok: false });
  const log = (await (await fetch(at('/_dev/api/invocations?fn=counter'))).json()) as Array<Record<string, unknown>>;
  expect(log.slice(0, 2)).toEqual([
    expect.objectContaining({ fn: 'counter', action: 'refuse', caller: 'o-console', source: 'wx_client', ok: false, code: 'FORBIDDEN', calls: { db: 2, openapi: 0 } }),
    expect.objectContaining({ fn: 'counter', action: 'add', caller: 'o-console', ok: true, code: null, calls: { db: 2, openapi: 0 }, ms: expect.any(Number) }),
  ]);
  const failed = (await (await fetch(at('/_dev/api/invocations?ok=false'))).json()) as Array<Record<string, unknown>>;
  expect(failed.map((r) => r.action)).toEqual(['refuse']);
});

test('timer triggers are listed and fired from the console; the firing is logged', async () => {
  const triggers = (await (await fetch(at('/_dev/api/triggers'))).json()) as Array<Record<string, unknown>>;
  expect(triggers).toEqual([expect.objectContaining({ functionName: 'counter', triggerName: 'hourly', nextAt: expect.any(String) })]);
  const fired = await fetch(at('/_dev/api/triggers/fire'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ function: 'counter' }) });
  expect(await fired.json()).toMatchObject({ ok: true, result: { ok: true, data: { total: 3 } } });
  const [last] = (await (await fetch(at('/_dev/api/invocations'))).json()) as Array<Record<string, unknown>>;
  expect(last).toMatchObject({ fn: 'counter', action: 'timer', caller: 'wx_trigger', ok: true });
});
