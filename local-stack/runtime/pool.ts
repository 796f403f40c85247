import fs from 'node:fs';
import path from 'node:path';
import { readFunctionConfig, type FunctionConfig } from './function-config';
import { FunctionWorker } from './worker';

export interface PoolOptions {
  functionName: string;
  functionDir: string;
  /** Environment every instance starts with (SDK redirection, TZ, NODE_PATH); config envVariables go on top. */
  baseEnv: Record<string, string>;
  /** Most instances of this function alive at once; more concurrent invocations wait for one. */
  size: number;
  log: (functionName: string, line: string) => void;
}

/**
 * Warm instances of one function. An instance serves one invocation at a time and stays alive for the
 * next (like a warm CloudBase instance); a rebuilt bundle retires the instances of the old one.
 */
export class FunctionPool {
  private readonly all = new Set<FunctionWorker>();
  private idle: FunctionWorker[] = [];
  private waiters: Array<() => void> = [];
  private loaded: { version: number; config: FunctionConfig } | null = null;
  private closed = false;

  constructor(private readonly opts: PoolOptions) {}

  get bundlePath(): string {
    return path.join(this.opts.functionDir, 'index.js');
  }

  /** Current bundle version and its config (re-read when the bundle changes on disk). */
  current(): { version: number; config: FunctionConfig } {
    const version = fs.statSync(this.bundlePath).mtimeMs;
    if (!this.loaded || this.loaded.version !== version) {
      this.loaded = { version, config: readFunctionConfig(this.opts.functionDir) };
      for (const w of this.idle.filter((w) => w.version !== version)) this.retire(w);
    }
    return this.loaded;
  }

  instances(): Array<{ pid: number | undefined; busy: boolean }> {
    return [...this.all].map((w) => ({ pid: w.pid, busy: w.busy }));
  }

  async acquire(): Promise<FunctionWorker> {
    for (;;) {
      if (this.closed) throw new Error('function runtime is closed');
      const { version, config } = this.current();
      while (this.idle.length) {
        const w = this.idle.pop() as FunctionWorker;
        if (w.alive && w.version === version) return w;
        this.retire(w);
      }
      if (this.all.size < this.opts.size) {
        const w = this.spawn(version, config);
        try {
          await w.ready;
        } catch (err) {
          this.retire(w);
          throw err;
        }
        return w;
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  release(w: FunctionWorker): void {
    if (!this.closed && w.alive && !w.busy && w.version === this.loaded?.version) this.idle.push(w);
    else this.retire(w);
    this.waiters.shift()?.();
  }

  /** Kills an instance (timeout, crash, stale bundle) and keeps the pool warm with a fresh one. */
  replace(w: FunctionWorker): void {
    this.retire(w);
    if (this.closed) return;
    if (this.waiters.length) {
      this.waiters.shift()?.();
      return;
    }
    try {
      const { version, config } = this.current();
      const fresh = this.spawn(version, config);
      fresh.ready.then(
        () => this.release(fresh),
        () => this.retire(fresh),
      );
    } catch {
      // The bundle vanished (rebuild in progress); the next invocation starts an instance on demand.
    }
  }

  private spawn(version: number, config: FunctionConfig): FunctionWorker {
    const w = new FunctionWorker({
      functionName: this.opts.functionName,
      bundlePath: this.bundlePath,
      version,
      env: { ...this.opts.baseEnv, ...config.envVariables },
      log: this.opts.log,
    });
    this.all.add(w);
    return w;
  }

  private retire(w: FunctionWorker): void {
    this.all.delete(w);
    this.idle = this.idle.filter((x) => x !== w);
    w.kill();
  }

  /** Kills every instance; callers drain in-flight invocations first. */
  async close(): Promise<void> {
    this.closed = true;
    const workers = [...this.all];
    for (const w of workers) this.retire(w);
    for (const wake of this.waiters.splice(0)) wake();
    await Promise.all(workers.map((w) => w.exit()));
  }
}
