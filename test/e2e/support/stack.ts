/**
 * The whole local system for a browser test file: local cloud on a temp data dir with the demo
 * station seeded, the function runtime running the built functions, timer triggers, and the H5
 * gateway serving dist/h5 — started through local-stack/stack.ts exactly as `npm start` does, on free ports.
 *
 * One more person is offered on the sign-in page: a newcomer with no record at all (the demo people
 * have already consented and joined), so a walk can go through first use. The gateway the tests use is
 * a second gateway over the same runtime and local cloud, with that person added to the sign-in list.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DemoPerson } from '../../../local-stack/demo-people';
import { startGateway, type Gateway } from '../../../local-stack/gateway';
import { loadSessionSecret } from '../../../local-stack/gateway/session';
import { startLocalStack, type LocalStack } from '../../../local-stack/stack';
import { ensureTaroBuild, REPO_ROOT } from './taro-build';

/** A resident who has never opened the app: no user record, no consent, no community. */
export const NEWCOMER: DemoPerson = {
  openid: 'e2e-newcomer-resident',
  name: '测试新居民',
  roleLabel: '居民（未加入社区）',
  description: '浏览器测试用：第一次打开小程序',
};

/** One subscribe message as local cloud's outbox (GET /_dev/outbox) records it. */
export interface OutboxEntry {
  touser: string;
  template_id: string;
  page: string | null;
  data: Record<string, { value: string }>;
  ok: boolean;
  errcode: number;
  errmsg: string;
  time: string;
}

export interface E2EStack {
  /** The gateway the browser talks to (serves dist/h5, /login, /api/…). */
  url: string;
  /** local cloud itself (developer endpoints such as /_dev/outbox). */
  cloudUrl: string;
  people: DemoPerson[];
  local: LocalStack;
  /** A demo person by name (e.g. '周建军'); throws when the seed has no such person. */
  person(name: string): DemoPerson;
  outbox(): Promise<OutboxEntry[]>;
  /** Lines the stack logged (function console output, gateway lines): printed when a walk fails. */
  logs: string[];
  stop(): Promise<void>;
}

/** The app's functions built by scripts/build-functions.ts, or whatever dist/cloudfunctions holds. */
async function functionsDir(): Promise<string> {
  if (fs.existsSync(path.join(REPO_ROOT, 'scripts', 'build-functions.ts')) && fs.existsSync(path.join(REPO_ROOT, 'cloudfunctions'))) {
    // Shared with the functions' integration tests: one build per source version for the whole run.
    const { appFunctions } = await import('../../support/function-bundles');
    return appFunctions();
  }
  const built = path.join(REPO_ROOT, 'dist', 'cloudfunctions');
  if (fs.existsSync(built)) return built;
  return fs.mkdtempSync(path.join(os.tmpdir(), 'fengqiao-e2e-nofunctions-'));
}

export async function startE2EStack(): Promise<E2EStack> {
  const [h5Dir, fnDir] = await Promise.all([ensureTaroBuild('h5'), functionsDir()]);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fengqiao-e2e-'));
  const collections = path.join(REPO_ROOT, 'cloudfunctions', 'collections.json');
  const logs: string[] = [];
  const local = await startLocalStack({
    dataDir,
    port: 0,
    cloudPort: 0,
    functionsDir: fnDir,
    h5Dir,
    collectionsFile: fs.existsSync(collections) ? collections : undefined,
    log: (line) => logs.push(line),
  });
  let gateway: Gateway;
  try {
    gateway = await startGateway({
      port: 0,
      runtime: local.runtime,
      scheduler: local.scheduler,
      localCloudUrl: local.cloud.url,
      envId: local.cloud.env.TCB_ENV,
      sessionSecret: loadSessionSecret(dataDir),
      people: [...local.people, NEWCOMER],
      h5Dir,
      appid: 'wx0000000000000000',
      devToken: 'e2e-dev-token',
      log: (line) => logs.push(line),
    });
  } catch (err) {
    await local.stop();
    throw err;
  }
  const people = [...local.people, NEWCOMER];
  let stopped: Promise<void> | null = null;
  return {
    url: gateway.url,
    cloudUrl: local.cloud.url,
    people,
    local,
    logs,
    person(name) {
      const found = people.find((p) => p.name === name);
      if (!found) throw new Error(`no demo person named ${name}; the seed offers: ${people.map((p) => p.name).join(', ')}`);
      return found;
    },
    async outbox() {
      const res = await fetch(new URL('/_dev/outbox', local.cloud.url));
      if (!res.ok) throw new Error(`GET /_dev/outbox: HTTP ${res.status}`);
      const body: unknown = await res.json();
      const list = Array.isArray(body) ? body : (body as { messages?: unknown }).messages;
      return Array.isArray(list) ? (list as OutboxEntry[]) : [];
    },
    stop() {
      stopped ??= (async () => {
        await gateway.close();
        await local.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}
