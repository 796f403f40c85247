import { fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { buildSync } from 'esbuild';
import type { HostMessage, InvokeRequest } from './protocol';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Bundles function-host.ts once per source version; a plain .cjs starts faster than a TS loader. */
export function functionHostScript(): string {
  const sources = ['function-host.ts', 'protocol.ts'].map((f) => path.join(__dirname, f));
  const hash = createHash('sha1');
  for (const s of sources) hash.update(fs.readFileSync(s));
  const name = `function-host-${hash.digest('hex').slice(0, 12)}.cjs`;
  // node_modules/.cache normally; the system temp dir when node_modules is read-only.
  const dirs = [path.join(REPO_ROOT, 'node_modules', '.cache', 'fengqiao-local-stack'), path.join(os.tmpdir(), 'fengqiao-local-stack')];
  let lastError: unknown;
  for (const dir of dirs) {
    const out = path.join(dir, name);
    if (fs.existsSync(out)) return out;
    try {
      fs.mkdirSync(dir, { recursive: true });
      // Build beside the target and rename: parallel jest workers may race here.
      const tmp = `${out}.${process.pid}.tmp`;
      buildSync({ entryPoints: [sources[0]], bundle: true, platform: 'node', format: 'cjs', target: 'node16', outfile: tmp, logLevel: 'error' });
      fs.renameSync(tmp, out);
      return out;
    } catch (err) {
      lastError = err;
    }
  }
  throw lastError;
}

export type RunOutcome =
  | { ok: true; json: string; logLines?: string[] }
  | { ok: false; kind: 'error' | 'timeout' | 'crash'; message: string; logLines?: string[] };

export interface WorkerOptions {
  functionName: string;
  bundlePath: string;
  /** Bundle mtime when this worker loaded it; the pool retires workers of an older bundle. */
  version: number;
  env: Record<string, string>;
  log: (functionName: string, line: string) => void;
}

/** One child process = one warm instance of one function; runs one invocation at a time. */
export class FunctionWorker {
  readonly functionName: string;
  readonly version: number;
  readonly ready: Promise<void>;
  private readonly child: ChildProcess;
  private pending: { id: string; settle: (o: RunOutcome) => void; timer: NodeJS.Timeout } | null = null;
  private exited = false;

  constructor(opts: WorkerOptions) {
    this.functionName = opts.functionName;
    this.version = opts.version;
    this.child = fork(functionHostScript(), [opts.bundlePath], {
      // The app's global.d.ts widens ProcessEnv with build-time keys a function instance never has.
      env: opts.env as NodeJS.ProcessEnv,
      execArgv: [],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    for (const stream of [this.child.stdout, this.child.stderr]) {
      if (stream) readline.createInterface({ input: stream }).on('line', (line) => opts.log(opts.functionName, line));
    }
    this.ready = new Promise<void>((resolve, reject) => {
      const onMessage = (m: HostMessage) => {
        if (m.type === 'ready') resolve();
        else if (m.type === 'load-failed') reject(new Error(m.message));
      };
      this.child.on('message', onMessage);
      this.child.once('exit', (code, signal) => reject(new Error(`function host exited before ready (${signal ?? code})`)));
      this.child.once('error', reject);
    });
    this.ready.catch(() => undefined);
    this.child.on('message', (m: HostMessage) => {
      if (m.type === 'done' && this.pending?.id === m.id) {
        this.finish(m.ok ? { ok: true, json: m.json, logLines: m.logLines } : { ok: false, kind: 'error', message: m.message, logLines: m.logLines });
      }
    });
    this.child.on('exit', (code, signal) => {
      this.exited = true;
      this.finish({ ok: false, kind: 'crash', message: `function instance exited unexpectedly (${signal ?? `code ${code}`})` });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return !this.exited;
  }

  get busy(): boolean {
    return this.pending !== null;
  }

  run(request: InvokeRequest, timeoutMs: number): Promise<RunOutcome> {
    if (this.pending) throw new Error('a function instance runs one invocation at a time');
    if (this.exited) return Promise.resolve({ ok: false, kind: 'crash', message: 'function instance is gone' });
    return new Promise<RunOutcome>((settle) => {
      const timer = setTimeout(() => {
        // CloudBase's wording; the instance is killed because the invocation may still be running.
        const seconds = Math.round((timeoutMs / 1000) * 100) / 100;
        this.finish({ ok: false, kind: 'timeout', message: `Invoking task timed out after ${seconds} seconds` });
        this.kill();
      }, timeoutMs);
      this.pending = { id: request.id, settle, timer };
      this.child.send(request);
    });
  }

  private finish(outcome: RunOutcome): void {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    clearTimeout(p.timer);
    p.settle(outcome);
  }

  kill(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }

  /** Resolves once the process has exited (after kill() or on its own). */
  exit(): Promise<void> {
    if (this.exited) return Promise.resolve();
    return new Promise((resolve) => this.child.once('exit', () => resolve()));
  }
}
