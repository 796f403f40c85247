/**
 * Local function runtime: runs the built cloud functions (dist/cloudfunctions/<name>/index.js) the
 * way CloudBase does, against local cloud.
 *
 * - Each invocation runs in a child process ("instance") with its own environment: local cloud's SDK
 *   variables + WX_OPENID/WX_APPID/WX_UNIONID of the caller, so `cloud.getWXContext()` is the caller's.
 * - One invocation per instance at a time; instances stay warm between invocations (module state
 *   survives, as in a warm CloudBase instance). At most `poolSize` instances per function.
 * - `timeout` (seconds) from the function's config.json, CloudBase's default 3; a timed-out instance
 *   is killed and replaced, and the call fails with service code -504003.
 * - getWXContext().SOURCE is wx_client (user call), wx_trigger (timer) or scf (called by a function).
 * - Events are shaped as CloudBase passes them: `{...data, userInfo: {appId, openId}}` for a
 *   mini-program call, `{Type: 'Timer', TriggerName, Time}` for a timer trigger.
 * - Instances run with TZ=UTC, as CloudBase's do (config.json `envVariables` may override it).
 * - A shifted clock (libfaketime: LD_PRELOAD + FAKETIME*, set on the parent to run the suite at a
 *   chosen instant) reaches the instances too, so the functions and local cloud read the same clock.
 *
 * `invoke` resolves with exactly what `wx.cloud.callFunction` resolves as `result` (the return value
 * after a JSON round trip; `undefined` becomes `null`) and rejects with a `CallFunctionError`
 * (`errCode`, `errMsg` as the mini-program SDK shows them; see runtime/errors.ts).
 *
 * Serve local cloud's `functions.invokeFunction` with `cloud.setFunctionRunner(runtime.runner)`.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { InvocationRecord } from '../local-cloud/src/index';
import { CallFunctionError } from './runtime/errors';
import { isValidFunctionName, listFunctionNames, readFunctionConfig, type FunctionConfig } from './runtime/function-config';
import { FunctionPool } from './runtime/pool';
import type { RunOutcome } from './runtime/worker';
import { PER_INVOCATION_KEYS, type InvocationContext, type InvokeRequest } from './runtime/protocol';

export { CallFunctionError } from './runtime/errors';
export type { FunctionConfig } from './runtime/function-config';

export interface Caller {
  openid?: string;
  appid?: string;
  unionid?: string;
}

export interface FunctionRuntimeOptions {
  /** Folder of built functions: `<functionsDir>/<name>/{index.js, config.json}`. */
  functionsDir: string;
  /** local cloud's `env` (the variables that point wx-server-sdk at it). */
  cloudEnv: Record<string, string>;
  /** Most live instances per function (default 6). */
  poolSize?: number;
  /** Where instances' console output goes (default: stderr, prefixed with the function name). */
  log?: (functionName: string, line: string) => void;
  /** Told about every finished invocation (e.g. local cloud's `recordInvocation`, for the console). */
  onInvocation?: (record: InvocationRecord) => void;
  /**
   * Resolves a CloudID for a caller (local cloud's `resolveOpenData`). A user call's top-level
   * CloudID values are replaced with what this answers, as CloudBase does; without it every
   * CloudID resolves as invalid.
   */
  resolveOpenData?: (cloudID: string, caller: string | undefined) => unknown;
  /**
   * A per-invocation `WX_API_TOKEN` for a user call (local cloud's `issueApiToken`): wx-server-sdk
   * sends it with every request, and `cloud.getOpenData` resolves CloudIDs for that user, as in
   * CloudBase. Without it the function's own resolution knows no caller.
   */
  issueApiToken?: (openid: string) => string;
}

export interface TimerFire {
  triggerName: string;
  /** When the trigger fires (default now); becomes the event's `Time`. */
  time?: Date;
}

export interface FunctionRuntime {
  /** Calls a function as a mini-program user would (`wx.cloud.callFunction`); resolves with `result`. */
  invoke(name: string, data: unknown, caller: Caller, options?: { requestID?: string }): Promise<unknown>;
  /** Fires a timer trigger now, as CloudBase's scheduler does (no user identity, TRIGGER_SRC=timer). */
  fireTimer(name: string, fire: TimerFire): Promise<unknown>;
  /** For local cloud's `functions.invokeFunction` (a function calling another): no user identity. */
  runner: (name: string, data: unknown) => Promise<unknown>;
  /** Starts one instance of each function (default: all) ahead of its first call, in the background. */
  prewarm(names?: string[]): void;
  functionNames(): string[];
  config(name: string): FunctionConfig;
  /** Live instances of a function (for tests and the dev page). */
  instances(name: string): Array<{ pid: number | undefined; busy: boolean }>;
  /** Lets in-flight invocations finish, then stops every instance. New invocations are refused. */
  close(): Promise<void>;
}

const REPO_ROOT = path.resolve(__dirname, '..');

function defaultLog(functionName: string, line: string): void {
  process.stderr.write(`[fn ${functionName}] ${line}\n`);
}

/** CloudBase serialises `data` as JSON on the way in too: Dates become strings, undefined disappears. */
function asEventObject(data: unknown): Record<string, unknown> {
  if (data === undefined || data === null) return {};
  const copy: unknown = JSON.parse(JSON.stringify(data));
  if (!copy || typeof copy !== 'object' || Array.isArray(copy)) throw new TypeError('callFunction data must be an object');
  return copy as Record<string, unknown>;
}

/**
 * CloudBase replaces each top-level `wx.cloud.CloudID(id)` of a mini-program call's data with
 * `{ cloudID, data }` (or `{ cloudID, errCode, errMsg }`); deeper ones stay as they are. Over the
 * gateway a CloudID travels as `{ cloudID }`. Any top-level object carrying a `cloudID` is replaced
 * whole, so a client cannot send `data` of its own beside an id: only the resolution reaches the function.
 */
function resolveCloudIds(event: Record<string, unknown>, caller: string | undefined, resolve: FunctionRuntimeOptions['resolveOpenData']): void {
  for (const [key, value] of Object.entries(event)) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
    const cloudID = (value as { cloudID?: unknown }).cloudID;
    if (typeof cloudID !== 'string') continue;
    event[key] = resolve ? resolve(cloudID, caller) : { cloudID, errCode: -601005, errMsg: 'invalid cloudID' };
  }
}

/** Timer events carry the time in UTC without milliseconds, e.g. 2026-11-29T04:00:00Z. */
function timerTime(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

interface AppLogLine {
  action?: unknown;
  ok?: unknown;
  code?: unknown;
  ms?: unknown;
  calls?: unknown;
}

function lastAppLogLine(lines: string[] | undefined, fn: string): AppLogLine | null {
  for (const line of [...(lines ?? [])].reverse()) {
    try {
      const parsed = JSON.parse(line) as AppLogLine & { fn?: unknown };
      if (parsed && parsed.fn === fn) return parsed;
    } catch {
      // not JSON after all
    }
  }
  return null;
}

function invocationRecord(
  fn: string,
  event: Record<string, unknown>,
  identity: Record<string, string>,
  requestId: string,
  wallMs: number,
  outcome: RunOutcome,
  result: unknown,
): InvocationRecord {
  const line = lastAppLogLine(outcome.logLines, fn);
  const resultError = result && typeof result === 'object' && (result as { ok?: unknown }).ok === false ? (result as { error?: { code?: unknown } }).error : undefined;
  const action = typeof line?.action === 'string' ? line.action : typeof event.action === 'string' ? event.action : event.Type === 'Timer' ? 'timer' : '?';
  const calls = line?.calls && typeof line.calls === 'object' ? (line.calls as Record<string, number>) : null;
  return {
    at: new Date().toISOString(),
    requestId,
    fn,
    action,
    caller: identity.WX_OPENID ?? identity.TCB_SOURCE ?? '',
    source: identity.TCB_SOURCE ?? '',
    ms: typeof line?.ms === 'number' ? line.ms : wallMs,
    ok: outcome.ok && !resultError && line?.ok !== false,
    code: !outcome.ok ? outcome.kind : typeof line?.code === 'string' ? line.code : typeof resultError?.code === 'string' ? resultError.code : null,
    calls,
  };
}

/**
 * libfaketime's variables when the parent runs under it, else nothing: the instances' otherwise clean
 * environment would drop them and the functions would read the real clock while the caller's is shifted.
 */
function fakeClockEnv(): Record<string, string> {
  const preload = process.env.LD_PRELOAD;
  if (!preload?.includes('faketime')) return {};
  const out: Record<string, string> = { LD_PRELOAD: preload };
  for (const [k, v] of Object.entries(process.env)) if (k.startsWith('FAKETIME') && v !== undefined) out[k] = v;
  return out;
}

export function createFunctionRuntime(options: FunctionRuntimeOptions): FunctionRuntime {
  const resolveOpenData = options.resolveOpenData;
  const issueApiToken = options.issueApiToken;
  const functionsDir = path.resolve(options.functionsDir);
  const log = options.log ?? defaultLog;
  const poolSize = options.poolSize ?? 6;
  const envId = options.cloudEnv.TCB_ENV ?? options.cloudEnv.SCF_NAMESPACE ?? 'local';
  const baseEnv: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    TZ: 'UTC',
    // Bundles keep wx-server-sdk external; this finds the repository's copy wherever the bundle lives.
    NODE_PATH: path.join(REPO_ROOT, 'node_modules'),
    ...fakeClockEnv(),
    ...options.cloudEnv,
  };
  const pools = new Map<string, FunctionPool>();
  const inFlight = new Set<Promise<unknown>>();
  let closed = false;

  function poolFor(name: string, requestID: string): FunctionPool {
    const dir = path.join(functionsDir, name);
    if (!isValidFunctionName(name) || !fs.existsSync(path.join(dir, 'index.js'))) {
      throw new CallFunctionError('not-found', 'FunctionName parameter could not be found.', requestID);
    }
    let pool = pools.get(name);
    if (!pool) {
      pool = new FunctionPool({ functionName: name, functionDir: dir, baseEnv, size: poolSize, log });
      pools.set(name, pool);
    }
    return pool;
  }

  async function run(name: string, event: Record<string, unknown>, identity: Record<string, string>, requestID: string = randomUUID()): Promise<unknown> {
    if (closed) throw new CallFunctionError('error', 'function runtime is shutting down', requestID);
    const pool = poolFor(name, requestID);
    let config: FunctionConfig;
    try {
      config = pool.current().config;
    } catch {
      // The bundle disappeared between the check and now (a rebuild in progress).
      throw new CallFunctionError('not-found', 'FunctionName parameter could not be found.', requestID);
    }
    const timeoutMs = config.timeoutSeconds * 1000;
    const env: Record<string, string | null> = {};
    for (const key of PER_INVOCATION_KEYS) env[key] = identity[key] ?? null;
    const context: InvocationContext = {
      request_id: requestID,
      function_name: name,
      function_version: '$LATEST',
      namespace: envId,
      memory_limit_in_mb: 256,
      time_limit_in_ms: timeoutMs,
      environ: Object.entries(identity)
        .map(([k, v]) => `${k}=${v}`)
        .join(';'),
      callbackWaitsForEmptyEventLoop: false,
    };
    const request: InvokeRequest = { type: 'invoke', id: requestID, event, context, env };

    let worker;
    try {
      worker = await pool.acquire();
    } catch (err) {
      // A bundle that throws while loading fails the call the way CloudBase reports it.
      throw new CallFunctionError('error', (err as Error).message, requestID);
    }
    const started = Date.now();
    const outcome = await worker.run(request, timeoutMs);
    const result = outcome.ok ? (JSON.parse(outcome.json) as unknown) : undefined;
    if (options.onInvocation) {
      try {
        options.onInvocation(invocationRecord(name, event, identity, requestID, Date.now() - started, outcome, result));
      } catch {
        // The console's log is a convenience; it never fails a call.
      }
    }
    if (outcome.ok) {
      pool.release(worker);
      return result;
    }
    if (outcome.kind === 'error') pool.release(worker);
    else pool.replace(worker);
    throw new CallFunctionError(outcome.kind === 'timeout' ? 'timeout' : 'error', outcome.message, requestID);
  }

  function track<T>(p: Promise<T>): Promise<T> {
    inFlight.add(p);
    const forget = () => inFlight.delete(p);
    p.then(forget, forget);
    return p;
  }

  return {
    invoke(name, data, caller, options = {}) {
      return track(
        (async () => {
          const event = asEventObject(data);
          resolveCloudIds(event, caller.openid, resolveOpenData);
          // getWXContext().SOURCE comes from TCB_SOURCE: wx_client for a mini-program call.
          const identity: Record<string, string> = { TCB_SOURCE: 'wx_client' };
          if (caller.openid) identity.WX_OPENID = caller.openid;
          if (caller.appid) identity.WX_APPID = caller.appid;
          if (caller.unionid) identity.WX_UNIONID = caller.unionid;
          if (caller.openid && issueApiToken) identity.WX_API_TOKEN = issueApiToken(caller.openid);
          if (caller.openid) event.userInfo = { appId: caller.appid ?? '', openId: caller.openid };
          return run(name, event, identity, options.requestID);
        })(),
      );
    },
    fireTimer(name, fire) {
      const event = { Type: 'Timer', TriggerName: fire.triggerName, Time: timerTime(fire.time ?? new Date()) };
      return track(run(name, event, { TCB_SOURCE: 'wx_trigger', TRIGGER_SRC: 'timer' }));
    },
    // CloudBase documents no OPENID/APPID for a function called by a function; SOURCE ends in "scf".
    runner: (name, data) => track((async () => run(name, asEventObject(data), { TCB_SOURCE: 'scf' }))()),
    prewarm(names = listFunctionNames(functionsDir)) {
      for (const name of names) {
        try {
          if (!closed) poolFor(name, 'prewarm').warm();
        } catch {
          // A function that cannot start now reports it on its first call.
        }
      }
    },
    functionNames: () => listFunctionNames(functionsDir),
    config: (name) => readFunctionConfig(path.join(functionsDir, name)),
    instances: (name) => pools.get(name)?.instances() ?? [],
    async close() {
      closed = true;
      await Promise.allSettled([...inFlight]);
      await Promise.all([...pools.values()].map((p) => p.close()));
    },
  };
}
