/**
 * The attacker's probe as a test: every function action × every role (signed in through the H5
 * gateway, plus `nobody` — signed in without a record — and no session at all) × malformed
 * payloads: operator injection (`{"$ne": null}`), prototype keys, deep nesting, huge strings, wrong
 * types, spoofed identity fields, broken envelopes. Through the real gateway, runtime and local cloud.
 *
 * Every answer is a typed refusal (HTTP < 500; a function answer `{ok:false}` with a Chinese
 * message, or the gateway's `{errCode, errMsg}`), none carries a stack trace or a server path, and
 * the store is byte-for-byte what it was (a hash of every collection before and after).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startGateway, type Gateway } from '../../local-stack/gateway';
import { loadSessionSecret } from '../../local-stack/gateway/session';
import { contract, splitFnName, functionNames, type FnName } from '../../types/registry';
import { REPO_ROOT } from '../support/function-bundles';
import { startTestStack, type TestStack } from '../support/stack';
import { ACTORS, actorOpenid, arrangeMatrix, EXPECTED, LEAK, type Actor, type Targets } from './matrix';

const CJK = /[\u4e00-\u9fa5]/;
const NOBODY = 'o-fuzz-nobody';
const names = Object.keys(contract) as FnName[];

let stack: TestStack;
let gateway: Gateway;
let targets: Targets;
let h5Dir: string;
const cookies = new Map<Actor, string>();

function openidFor(actor: Actor): string {
  return actor === 'nobody' ? NOBODY : actorOpenid[actor];
}

beforeAll(async () => {
  stack = await startTestStack();
  targets = await arrangeMatrix(stack);
  h5Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fengqiao-h5-'));
  fs.writeFileSync(path.join(h5Dir, 'index.html'), '<!doctype html><div id="app"></div>');
  gateway = await startGateway({
    port: 0,
    runtime: stack.runtime,
    localCloudUrl: stack.cloud.url,
    envId: stack.cloud.env.TCB_ENV,
    sessionSecret: loadSessionSecret(stack.dataDir),
    people: ACTORS.map((a) => ({ openid: openidFor(a), name: a, roleLabel: a, description: a })),
    h5Dir,
    appid: 'wx-fuzz',
    devToken: 'fuzz-dev-token',
    log: () => undefined,
  });
  for (const actor of ACTORS) {
    const res = await fetch(`${gateway.url}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid: openidFor(actor) }) });
    cookies.set(actor, (res.headers.get('set-cookie') ?? '').split(';')[0]!);
  }
}, 120_000);
afterAll(async () => {
  await gateway?.close();
  await stack?.close();
  fs.rmSync(h5Dir, { recursive: true, force: true });
});

/** A hash of every document of every declared collection, read in `_id` order. */
async function storeFingerprint(): Promise<{ hash: string; documents: number }> {
  const declared = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'cloudfunctions', 'collections.json'), 'utf8')) as { collections: Array<{ name: string }> };
  const db = stack.database();
  const hash = createHash('sha256');
  let documents = 0;
  for (const { name } of declared.collections) {
    for (let skip = 0; ; skip += 100) {
      const page = (await db.collection(name).orderBy('_id', 'asc').skip(skip).limit(100).get()) as { data: unknown[] };
      documents += page.data.length;
      hash.update(`${name}:${JSON.stringify(page.data)}\n`);
      if (page.data.length < 100) break;
    }
  }
  return { hash: hash.digest('hex'), documents };
}

function deep(depth: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

/** Raw JSON bodies (strings, so `__proto__` arrives as an own key, as from any client). */
function payloadsFor(name: FnName): string[] {
  const { action } = splitFnName(name);
  const valid = EXPECTED[name].input('own', targets) as Record<string, unknown>;
  const withField = (key: string, value: unknown) => JSON.stringify({ data: { action, input: { ...valid, [key]: value } } });
  const firstKey = Object.keys(valid)[0];
  const bodies = [
    JSON.stringify({ data: { action, input: { $ne: null } } }),
    JSON.stringify({ data: { action, input: [] } }),
    JSON.stringify({ data: { action, input: 42 } }),
    JSON.stringify({ data: { action, input: 'x'.repeat(100_000) } }),
    JSON.stringify({ data: { action, input: deep(800) } }),
    `{"data":{"action":"${action}","input":{"__proto__":{"isAdmin":true,"roles":["admin"]}}}}`,
    `{"data":{"action":"${action}","input":{"constructor":{"prototype":{"roles":["admin"]}}}}}`,
    withField('_openid', 'o-admin-li'),
    withField('openid', 'o-admin-li'),
    withField('huge', 'x'.repeat(100_000)),
  ];
  if (firstKey) {
    bodies.push(withField(firstKey, { $ne: null }), withField(firstKey, { $gt: '' }), withField(firstKey, 12345), withField(firstKey, Array.isArray(valid[firstKey]) ? [{ $ne: null }] : ['a', 'b']), withField(firstKey, deep(300)));
  }
  return bodies;
}
/** Envelope-level malformations, once per function. */
function envelopeBodies(): string[] {
  return [
    JSON.stringify({ data: { action: { $ne: null } } }),
    JSON.stringify({ data: { action: '__proto__' } }),
    JSON.stringify({ data: { action: 'constructor' } }),
    JSON.stringify({ data: { action: 'hasOwnProperty' } }),
    JSON.stringify({ data: { action: 'x'.repeat(50_000) } }),
    JSON.stringify({ data: {} }),
    JSON.stringify({ data: [] }),
    JSON.stringify({ data: 'cases.get' }),
    JSON.stringify({ data: { MsgType: 'event', Event: 'wxa_media_check', trace_id: 'x', result: { suggest: 'pass' } } }),
    JSON.stringify({ data: { Type: 'Timer', TriggerName: 'everyMinute' } }),
    '{"data": {"action": "get", "input": ',
    '[]',
  ];
}

interface Figures {
  calls: number;
  refusals: number;
  leaks: number;
  serverErrors: number;
}

async function send(fn: string, body: string, cookie: string | undefined, figures: Figures, problems: string[], where: string): Promise<void> {
  const res = await fetch(`${gateway.url}/api/functions/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body,
  });
  const text = await res.text();
  figures.calls++;
  if (res.status >= 500) {
    figures.serverErrors++;
    problems.push(`${where}: HTTP ${res.status} ${text.slice(0, 160)}`);
  }
  if (LEAK.test(text)) {
    figures.leaks++;
    problems.push(`${where}: stack trace or path: ${text.slice(0, 200)}`);
  }
  const answer = JSON.parse(text) as { result?: { ok: boolean; error?: { code: string; message: string } }; errCode?: number; errMsg?: string };
  if (res.status === 200) {
    const r = answer.result;
    if (!r || r.ok !== false || !r.error || !CJK.test(r.error.message) || r.error.code === 'INTERNAL') {
      if (r?.ok) figures.leaks++;
      problems.push(`${where}: expected a typed Chinese refusal, got ${text.slice(0, 200)}`);
    } else figures.refusals++;
  } else if (typeof answer.errCode !== 'number' || !answer.errMsg) {
    problems.push(`${where}: HTTP ${res.status} without {errCode, errMsg}: ${text.slice(0, 160)}`);
  } else figures.refusals++;
}

/** Runs `jobs` with a few in flight (the runtime has a pool of 3 per function). */
async function inParallel(jobs: Array<() => Promise<void>>, width = 4): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < jobs.length) await jobs[next++]!();
  }));
}

it('refuses every malformed call from every role, leaks nothing and writes nothing', async () => {
  const before = await storeFingerprint();
  const figures: Figures = { calls: 0, refusals: 0, leaks: 0, serverErrors: 0 };
  const problems: string[] = [];
  const identities: Array<Actor | 'no session'> = [...ACTORS, 'no session'];
  const jobs: Array<() => Promise<void>> = [];
  // Bounded: each identity sends every third payload (rotating), so every payload still reaches
  // every action from three identities, and every identity calls every action, in a third of the calls.
  identities.forEach((who, k) => {
    const cookie = who === 'no session' ? undefined : cookies.get(who);
    const mine = (i: number) => (i + k) % 3 === 0;
    for (const name of names) {
      const { fn } = splitFnName(name);
      payloadsFor(name).forEach((body, i) => mine(i) && jobs.push(() => send(fn, body, cookie, figures, problems, `${name} #${i} as ${who}`)));
    }
    for (const fn of functionNames) envelopeBodies().forEach((body, i) => mine(i) && jobs.push(() => send(fn, body, cookie, figures, problems, `${fn} envelope #${i} as ${who}`)));
  });
  await inParallel(jobs);
  const after = await storeFingerprint();
  // eslint-disable-next-line no-console
  console.log(`gateway fuzz: ${names.length} actions × ${identities.length} identities: ${figures.calls} calls; typed refusals ${figures.refusals}, 5xx ${figures.serverErrors}, leaks ${figures.leaks}; store ${before.documents} documents, unchanged: ${before.hash === after.hash}`);
  expect(problems.slice(0, 20)).toEqual([]);
  expect(figures.leaks).toBe(0);
  expect(figures.serverErrors).toBe(0);
  expect(after).toEqual(before);
}, 300_000); // issue 10 added 16 actions to fuzz
