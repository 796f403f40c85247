/**
 * The whole local system in one call (used by `npm start`): local cloud on a durable data dir, the
 * function runtime serving it, timer triggers, the demo station seeded once, and the H5 gateway.
 * `stop()` closes in the order that loses nothing: the gateway stops taking requests, in-flight
 * invocations finish, then local cloud closes its store.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { templateId, templates, type TemplateKey } from '../backend/platform/templates';
import { SEED_SNAPSHOT, startLocalCloud, type LocalCloud } from '../local-cloud/src/index';
import type { DemoPerson } from './demo-people';
import { startGateway, type Gateway, type SubscriptionKind } from './gateway';
import { loadSessionGenerations, loadSessionSecret } from './gateway/session';
import { createFunctionRuntime, type FunctionRuntime } from './runtime';
import { createScheduler, type Scheduler } from './scheduler';
import { DEMO_PEOPLE, seedDemoStationIfEmpty } from './seed';

export const REPO_ROOT = path.resolve(__dirname, '..');
export const DEFAULT_PORT = 10086;

export interface LocalStackOptions {
  dataDir: string;
  /** Gateway port (0 = any free port). */
  port: number;
  host?: string;
  /** local cloud's port; default gateway port + 1 when free, else any. */
  cloudPort?: number;
  functionsDir: string;
  h5Dir: string;
  collectionsFile?: string;
  /** Seed the demo station when the database is empty (default true). */
  seed?: boolean;
  /** More people for the sign-in page beside the demo station's (e.g. a newcomer for browser tests). */
  extraPeople?: DemoPerson[];
  /** Start one instance of every function right away (default true). */
  prewarm?: boolean;
  log?: (line: string) => void;
}

export interface LocalStack {
  gateway: Gateway;
  cloud: LocalCloud;
  runtime: FunctionRuntime;
  scheduler: Scheduler;
  people: DemoPerson[];
  /** true: seeded now; false: data was already there; null: seeding was turned off (`seed: false`). */
  seeded: boolean | null;
  /** Where `npm run trigger` finds the running stack. */
  stateFile: string;
  stop(): Promise<void>;
}

/** What `npm run trigger` reads to reach a running stack. */
export interface StackState {
  pid: number;
  gatewayUrl: string;
  localCloudUrl: string;
  devToken: string;
}

const STATE_FILE_NAME = 'local-stack.json';

/** The running stack recorded in the data dir, if its process is alive. */
export function readStackState(dataDir: string): StackState | null {
  try {
    const state = JSON.parse(fs.readFileSync(path.join(dataDir, STATE_FILE_NAME), 'utf8')) as StackState;
    process.kill(state.pid, 0);
    return state;
  } catch {
    return null;
  }
}

/**
 * A recorded stack whose process is alive and whose gateway answers. A state file left by a killed
 * `npm start` whose pid now belongs to some other process does not count.
 */
async function liveStack(dataDir: string): Promise<StackState | null> {
  const state = readStackState(dataDir);
  if (!state) return null;
  try {
    await fetch(`${state.gatewayUrl}/login`, { signal: AbortSignal.timeout(1500) });
    return state;
  } catch {
    return null;
  }
}

function appidFromProjectConfig(): string {
  try {
    const cfg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'project.config.json'), 'utf8')) as { appid?: unknown };
    if (typeof cfg.appid === 'string' && cfg.appid) return cfg.appid;
  } catch {
    // fall through
  }
  return 'wx0000000000000000';
}

/** Template kinds from the backend's subscribe-message config, so H5 grants match what WeChat would record. */
function templateKinds(): (id: string) => SubscriptionKind {
  const kinds = new Map<string, SubscriptionKind>();
  for (const key of Object.keys(templates) as TemplateKey[]) {
    kinds.set(templates[key].defaultId, templates[key].kind);
    kinds.set(templateId(key), templates[key].kind);
  }
  return (id) => kinds.get(id) ?? 'one-time';
}

async function startCloud(opts: LocalStackOptions, log: (line: string) => void): Promise<LocalCloud> {
  const base = {
    dataDir: opts.dataDir,
    host: '127.0.0.1',
    collectionsFile: opts.collectionsFile,
    strict: false,
    // Photo review verdicts are pushed to `cases`, the message-push receiver (backend/domain/photoReview.ts).
    mediaCheckPush: { functionName: 'cases' },
    log: (line: string) => log(line),
  };
  const preferred = opts.cloudPort ?? (opts.port ? opts.port + 1 : 0);
  try {
    return await startLocalCloud({ ...base, port: preferred });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || preferred === 0 || opts.cloudPort !== undefined) throw err;
    return startLocalCloud({ ...base, port: 0 });
  }
}

export async function startLocalStack(opts: LocalStackOptions): Promise<LocalStack> {
  const log = opts.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const running = await liveStack(opts.dataDir);
  if (running && running.pid !== process.pid) {
    throw new Error(`已有一个本地环境在使用 ${opts.dataDir}（进程 ${running.pid}，${running.gatewayUrl}）`);
  }

  const cloud = await startCloud(opts, log);
  const runtime = createFunctionRuntime({
    functionsDir: opts.functionsDir,
    cloudEnv: cloud.env,
    log: (fn, line) => log(`[云函数 ${fn}] ${line}`),
    onInvocation: (record) => cloud.recordInvocation(record),
    resolveOpenData: (cloudID, caller) => cloud.resolveOpenData(cloudID, caller),
    issueApiToken: (openid) => cloud.issueApiToken(openid),
  });
  cloud.setFunctionRunner(runtime.runner);
  const cleanup: Array<() => Promise<void>> = [() => cloud.close(), () => runtime.close()];
  try {
    // FQ_SEED_TIMEOUT_MS: a slower machine (a shared CI box) may need more than the seed's default minute.
    const seedTimeout = Number(process.env.FQ_SEED_TIMEOUT_MS) || undefined;
    const seeded = opts.seed === false ? null : (await seedDemoStationIfEmpty(cloud.env, { timeoutMs: seedTimeout })).seeded;
    // What the console's "reset" (and POST /_dev/reset) goes back to, without re-running the seed.
    if (seeded) cloud.snapshot(SEED_SNAPSHOT);
    const people = [...DEMO_PEOPLE, ...(opts.extraPeople ?? [])];

    const scheduler = createScheduler({ runtime, log });
    scheduler.start();
    cleanup.push(async () => scheduler.stop());
    cloud.setConsoleHooks({ triggers: () => scheduler.list(), fireTrigger: (fn, trigger) => scheduler.fireNow(fn, trigger) });

    const devToken = randomBytes(18).toString('base64url');
    const gateway = await startGateway({
      port: opts.port,
      host: opts.host,
      runtime,
      scheduler,
      localCloudUrl: cloud.url,
      envId: cloud.env.TCB_ENV,
      sessionSecret: loadSessionSecret(opts.dataDir),
      sessionGenerations: loadSessionGenerations(opts.dataDir),
      people,
      h5Dir: opts.h5Dir,
      appid: appidFromProjectConfig(),
      devToken,
      templateKind: templateKinds(),
      log,
    });

    // The first page of the demo calls several functions at once; spare it the cold starts.
    if (opts.prewarm !== false) runtime.prewarm();

    const stateFile = path.join(opts.dataDir, STATE_FILE_NAME);
    const state: StackState = { pid: process.pid, gatewayUrl: gateway.url, localCloudUrl: cloud.url, devToken };
    fs.writeFileSync(stateFile, JSON.stringify(state, null, 2), { mode: 0o600 });

    let stopping: Promise<void> | null = null;
    return {
      gateway,
      cloud,
      runtime,
      scheduler,
      people,
      seeded,
      stateFile,
      stop() {
        stopping ??= (async () => {
          scheduler.stop();
          await gateway.close();
          await runtime.close();
          await cloud.close();
          fs.rmSync(stateFile, { force: true });
        })();
        return stopping;
      },
    };
  } catch (err) {
    for (const c of cleanup.reverse()) await c().catch(() => undefined);
    throw err;
  }
}
