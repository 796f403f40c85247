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
  /** Instances started ahead of demand (prewarm, replacements) that no call has claimed yet. */
  private readonly unclaimed = new Set<FunctionWorker>();
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
      const starting = [...this.unclaimed].find((w) => w.version === version);
      if (starting || this.all.size < this.opts.size) {
        // A call during a prewarm takes the instance already starting rather than a second one.
        const w = starting ?? this.spawn(version, config);
        this.unclaimed.delete(w);
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

  /** Starts one instance ahead of the first call, when none is alive. */
  warm(): void {
    if (this.closed || this.all.size > 0) return;
    const { version, config } = this.current();
    this.startAhead(version, config);
  }

  private startAhead(version: number, config: FunctionConfig): void {
    const w = this.spawn(version, config);
    this.unclaimed.add(w);
    w.ready.then(
      () => {
        if (this.unclaimed.delete(w)) this.release(w);
      },
      () => {
        if (this.unclaimed.delete(w)) this.retire(w);
      },
    );
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
      this.startAhead(version, config);
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
    this.unclaimed.delete(w);
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
