import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../../local-cloud/src';

export interface TestCloud {
  lc: LocalCloud;
  dataDir: string;
  logs: string[];
  stop(): Promise<void>;
}

/** A fresh local cloud on a free port with its own temporary data folder (strict mode on, as in CI). */
export async function startTestCloud(opts: Partial<LocalCloudOptions> = {}): Promise<TestCloud> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'lc-test-'));
  const logs: string[] = [];
  const lc = await startLocalCloud({ port: 0, strict: true, log: (l) => logs.push(l), ...opts, dataDir });
  return {
    lc,
    dataDir,
    logs,
    async stop() {
      await lc.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Writes a collections declaration file into `dir` and returns its path. */
export function writeCollectionsFile(dir: string, collections: unknown[]): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'collections.json');
  fs.writeFileSync(file, JSON.stringify({ collections }, null, 2));
  return file;
}

/**
 * wx-server-sdk's own typings model callback overloads as `Promise<Result | void | string>`,
 * which makes every assertion a cast. Tests talk to the SDK through this loose view instead;
 * behaviour is asserted on the values, not on the typings.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;
export interface WxCloud {
  /** callFunction, uploadFile, openapi, … (every other SDK entry point, loosely typed). */
  [entry: string]: Loose;
  init(options: Loose): void;
  DYNAMIC_CURRENT_ENV: symbol;
  database(options?: Loose): Loose;
  getWXContext(): Record<string, string | undefined>;
}

/**
 * Loads the real wx-server-sdk pointed at `lc`. The SDK reads its environment when it is
 * required and initialised, so this must run before any other require of it in the test file.
 */
export function loadSdk(lc: LocalCloud, openid = 'o-test-user'): WxCloud {
  Object.assign(process.env, lc.env, { WX_OPENID: openid, WX_APPID: 'wx-local-test', WX_UNIONID: '', SILENCE: 'true' });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk') as WxCloud;
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  return cloud;
}

/** POSTs a raw `/admin` request, as the SDK would, and returns the JSON answer. */
export async function postAdmin(lc: LocalCloud, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${lc.url}/admin?env=local&seqId=test`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return (await res.json()) as Record<string, unknown>;
}

/** CloudBase's own texts, as Tencent's database tests (tcb-admin-node) expect them. */
export const TRANSACTION_CONFLICT_MESSAGE =
  '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.';
export const TRANSACTION_NOT_EXIST_MESSAGE =
  '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.';
