/**
 * startTestStack(): the whole backend for a jest integration test — local cloud (strict, on a fresh
 * temp data dir, with cloudfunctions/collections.json) + the built cloud functions run by the local
 * function runtime, exactly as `npm start` runs them. Real wx-server-sdk, no mocks.
 *
 *   const stack = await startTestStack();           // one per test file (beforeAll), ~0.3 s warm
 *   afterAll(() => stack.close());
 *
 *   await stack.call('cases.create', input, 'o-resident-1')   // → Result ({ok:true,data} | {ok:false,error})
 *   await stack.invoke('cases', {action, input}, {openid})     // → raw callFunction `result`; rejects with CallFunctionError
 *   await stack.grant('o-resident-1', ['TEMPLATE_ID'])          // stands in for wx.requestSubscribeMessage
 *   await stack.subscriptions('o-resident-1')                   // the grants local cloud holds for that user
 *   await stack.outbox()                                        // subscribe messages sent, newest first
 *   await stack.fireTrigger('scheduler')                       // fires the function's (first) timer trigger now
 *   const db = stack.database()                                // wx-server-sdk db in the test process, for arranging data
 *
 * Function bundles are built once per source version (see function-bundles.ts) and shared by every
 * jest worker, so only the first suite after an edit pays for the build (~1 s).
 *
 * Options: `functionsDir` runs other bundles (e.g. fixtures: `await fixtureFunctions(dir)`);
 * `strict`/`scanLimit` (default true / 50: an unindexed query over 50 documents fails loudly);
 * `logs: true` prints the functions' console output (default: kept in `stack.logs`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as sdk from 'wx-server-sdk';
import type { DB } from 'wx-server-sdk';
import { startLocalCloud, type LocalCloud, type OutboxEntry } from '../../local-cloud/src/index';
import { createFunctionRuntime, type Caller, type FunctionRuntime } from '../../local-stack/runtime';
import type { FnInput, FnName, FnOutput, Result } from '../../types/registry';
import { REPO_ROOT, appFunctions } from './function-bundles';

export { fixtureFunctions } from './function-bundles';

/** The app id every test caller has (the appid of a real mini-program call). */
const TEST_APPID = 'wx0000000000test';

export interface TestStackOptions {
  functionsDir?: string;
  strict?: boolean;
  scanLimit?: number;
  collectionsFile?: string;
  poolSize?: number;
  /** Print the functions' console output as it comes (default false). */
  logs?: boolean;
}

/** One subscribe message as local cloud's outbox records it. */
export type OutboxMessage = OutboxEntry;

export type GrantKind = 'one-time' | 'long-term';

/** One template a user subscribed to: unused one-time acceptances, and whether a long-term one exists. */
export interface SubscriptionGrant {
  templateId: string;
  oneTime: number;
  longTerm: boolean;
}

export interface TestStack {
  cloud: LocalCloud;
  runtime: FunctionRuntime;
  functionsDir: string;
  dataDir: string;
  /** Console lines of the functions, `<function>: <line>`. */
  logs: string[];
  invoke(name: string, data: unknown, caller?: Caller): Promise<unknown>;
  /** `call("cases.create", input, openid)` as the mini-program's services client does. */
  call<N extends FnName>(name: N, input: FnInput<N>, openid?: string): Promise<Result<FnOutput<N>>>;
  outbox(query?: { touser?: string; templateId?: string }): Promise<OutboxMessage[]>;
  grant(openid: string, templateIds: string[], kind?: GrantKind): Promise<void>;
  /** The subscribe-message grants local cloud holds for a user (what `grant` and sends leave). */
  subscriptions(openid: string): Promise<SubscriptionGrant[]>;
  fireTrigger(fn: string, triggerName?: string, time?: Date): Promise<unknown>;
  /** A wx-server-sdk database pointed at this stack, for arranging and inspecting data in the test process. */
  database(): DB.Database;
  close(): Promise<void>;
}

async function expectOk(res: Response, what: string): Promise<unknown> {
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) throw new Error(`${what} failed: HTTP ${res.status} ${JSON.stringify(body)}`);
  return body;
}

export async function startTestStack(opts: TestStackOptions = {}): Promise<TestStack> {
  const functionsDir = opts.functionsDir ?? (await appFunctions());
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fengqiao-stack-'));
  const defaultCollections = path.join(REPO_ROOT, 'cloudfunctions', 'collections.json');
  const collectionsFile = opts.collectionsFile ?? (fs.existsSync(defaultCollections) ? defaultCollections : undefined);
  const logs: string[] = [];
  const cloud = await startLocalCloud({
    port: 0,
    dataDir,
    collectionsFile,
    strict: opts.strict ?? true,
    scanLimit: opts.scanLimit ?? 50,
    mediaCheckPush: { functionName: 'cases' },
    log: (line) => logs.push(`local-cloud: ${line}`),
  });
  const runtime = createFunctionRuntime({
    functionsDir,
    cloudEnv: cloud.env,
    poolSize: opts.poolSize ?? 3,
    log: (fn, line) => {
      logs.push(`${fn}: ${line}`);
      if (opts.logs) process.stderr.write(`[fn ${fn}] ${line}\n`);
    },
    resolveOpenData: (cloudID, caller) => cloud.resolveOpenData(cloudID, caller),
    issueApiToken: (openid) => cloud.issueApiToken(openid),
  });
  cloud.setFunctionRunner(runtime.runner);
  let closed = false;

  return {
    cloud,
    runtime,
    functionsDir,
    dataDir,
    logs,
    invoke: (name, data, caller = {}) => runtime.invoke(name, data, { appid: TEST_APPID, ...caller }),
    async call(name, input, openid) {
      const dot = name.indexOf('.');
      const result = await runtime.invoke(name.slice(0, dot), { action: name.slice(dot + 1), input }, openid ? { openid, appid: TEST_APPID } : {});
      return result as Result<FnOutput<typeof name>>;
    },
    async outbox(query = {}) {
      const url = new URL('/_dev/outbox', cloud.url);
      if (query.touser) url.searchParams.set('touser', query.touser);
      if (query.templateId) url.searchParams.set('template_id', query.templateId);
      const body = await expectOk(await fetch(url), 'GET /_dev/outbox');
      if (Array.isArray(body)) return body as OutboxMessage[];
      const list = (body as { messages?: unknown })?.messages;
      return Array.isArray(list) ? (list as OutboxMessage[]) : [];
    },
    async grant(openid, templateIds, kind = 'one-time') {
      await expectOk(
        await fetch(new URL('/_dev/subscriptions', cloud.url), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ openid, templateIds, kind }),
        }),
        'POST /_dev/subscriptions',
      );
    },
    async subscriptions(openid) {
      const url = new URL('/_dev/subscriptions', cloud.url);
      url.searchParams.set('openid', openid);
      const body = (await expectOk(await fetch(url), 'GET /_dev/subscriptions')) as { grants?: SubscriptionGrant[] };
      return (body.grants ?? []).map(({ templateId, oneTime, longTerm }) => ({ templateId, oneTime, longTerm }));
    },
    fireTrigger(fn, triggerName, time) {
      const name = triggerName ?? runtime.config(fn).triggers[0]?.name;
      if (!name) throw new Error(`function ${fn} declares no timer trigger in config.json`);
      return runtime.fireTimer(fn, { triggerName: name, time });
    },
    database() {
      // The SDK reads its endpoint from process.env at init; a jest worker hosts one stack at a time.
      Object.assign(process.env, cloud.env);
      sdk.init({ env: cloud.env.TCB_ENV });
      return sdk.database();
    },
    async close() {
      if (closed) return;
      closed = true;
      await runtime.close();
      await cloud.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
