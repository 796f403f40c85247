/**
 * The demo station (和苑派出所), seeded into local cloud on first start and left alone after.
 * `npm start` and the local sign-in page use this module.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SeedOutcome } from './writer';

export { DEMO_PEOPLE, buildSeedContent } from './content';
export type { SeedOutcome } from './writer';

export interface SeedOptions {
  /** History is placed relative to this moment (default: now). */
  now?: Date;
  /** Give up after this long (default 60 s). */
  timeoutMs?: number;
}

type ChildMessage = { ok: true; outcome: SeedOutcome } | { ok: false; message: string };

/**
 * Seeds the demo station unless it is already there. `sdkEnv` is local cloud's `env` (the variables
 * that point wx-server-sdk at it). The work runs in a child process with that environment, because
 * wx-server-sdk and the backend initialise once per process from `process.env`.
 */
export function seedDemoStationIfEmpty(sdkEnv: Record<string, string>, options: SeedOptions = {}): Promise<SeedOutcome> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...sdkEnv, FQ_SEED_NOW: (options.now ?? new Date()).toISOString() };
  // No caller identity: the seed writes as the server, never as a user.
  for (const key of ['WX_OPENID', 'WX_APPID', 'WX_UNIONID']) delete env[key];
  const child = fork(path.join(__dirname, 'seed-process.ts'), [], {
    env,
    // tsx by absolute path, so the child works whatever the caller's working directory.
    execArgv: ['--import', pathToFileURL(require.resolve('tsx')).href],
    cwd: path.resolve(__dirname, '..', '..'),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise<SeedOutcome>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const timer = setTimeout(() => {
      child.kill();
      settle(() => reject(new Error('示例数据生成超时 (demo seed timed out)')));
    }, options.timeoutMs ?? 180_000);
    child.on('message', (message: ChildMessage) => {
      settle(() => (message.ok ? resolve(message.outcome) : reject(new Error(`示例数据生成失败 (demo seed failed): ${message.message}`))));
    });
    child.on('error', (error) => settle(() => reject(error)));
    child.on('exit', (code) => settle(() => reject(new Error(`示例数据进程意外退出 (demo seed exited with code ${code})`))));
  });
}
