/**
 * The whole local system for a browser test file: local cloud on a temp data dir with the demo
 * station seeded, the function runtime running the built functions, timer triggers, and the H5
 * gateway serving dist/h5 — started through local-stack/stack.ts exactly as `npm start` does, on free ports.
 *
 * One more person is offered on the sign-in page: a newcomer with no record at all (the demo people
 * have already consented and joined), so a walk can go through first use.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { OutboxEntry } from '../../../local-cloud/src/index';
import type { DemoPerson } from '../../../local-stack/demo-people';
import { startLocalStack, type LocalStack } from '../../../local-stack/stack';
import { ensureTaroBuild, REPO_ROOT } from '../../../scripts/taro-build';

/** A resident who has never opened the app: no user record, no consent, no community. */
export const NEWCOMER: DemoPerson = {
  openid: 'e2e-newcomer-resident',
  name: '测试新居民',
  roleLabel: '居民（未加入社区）',
  description: '浏览器测试用：第一次打开小程序',
};

/** Subscribe-message values are `{value}` pairs keyed by template field. */
export type OutboxMessage = OutboxEntry & { data: Record<string, { value: string }> };

export interface E2EStack {
  /** The gateway the browser talks to (serves dist/h5, /login, /api/…). */
  url: string;
  /** local cloud itself (developer endpoints such as /_dev/outbox). */
  cloudUrl: string;
  people: DemoPerson[];
  local: LocalStack;
  /** A demo person by name (e.g. '周建军'); throws when the seed has no such person. */
  person(name: string): DemoPerson;
  outbox(): Promise<OutboxMessage[]>;
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
    extraPeople: [NEWCOMER],
    log: (line) => logs.push(line),
  });
  const { people } = local;
  let stopped: Promise<void> | null = null;
  return {
    url: local.gateway.url,
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
      return Array.isArray(list) ? (list as OutboxMessage[]) : [];
    },
    stop() {
      stopped ??= (async () => {
        await local.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}
