/**
 * Fault and latency injection: production misbehaves (a database round trip costs milliseconds,
 * WeChat refuses or times out, a write fails transiently), and tests and demos should be able to
 * see that locally. Rules name a *target*, from the widest to the narrowest:
 *
 *   '*'                          every action
 *   'database'                   every database.* action
 *   'database.read' / 'database.write'
 *                                getDocument, calculateDocument, aggregateDocuments /
 *                                insertDocument, modifyDocument, modifyAndReturnDoc, removeDocument, commitTransaction
 *   'database.getDocument'       one action (any `/admin` action name works, e.g. 'storage.getUploadMetadata')
 *   'openapi' / 'openapi.subscribeMessage.send'
 *                                every wx.openApi call / one WeChat API
 *   'storage', 'functions'       every storage.* / functions.* action
 *
 * Latency: the most specific target that matches decides the delay (ms) of one request.
 * Failures: every matching rule rolls its `rate` in order; the first hit fails the request with
 * `error` — a WeChat errcode (number) for openapi, a CloudBase code (string) otherwise, or
 * 'timeout' (the request is held without an answer, as a stuck network path would).
 */

export type FaultError = number | string | 'timeout';

export interface FailureRule {
  target: string;
  /** 0..1 */
  rate: number;
  /** Default: -501001 for openapi (WeChat system busy as the SDK reports it), SYS_ERR otherwise. */
  error?: FaultError;
}

export interface FaultConfig {
  /** target → ms added to each matching request. */
  latencyMs?: Record<string, number>;
  failures?: FailureRule[];
  /** Makes the failure rolls repeatable (tests); absent = Math.random. */
  seed?: number;
  /** How long a 'timeout' holds the request before dropping the connection (default 20 s). */
  timeoutMs?: number;
}

export interface FaultDecision {
  delayMs: number;
  failure?: { target: string; error: FaultError };
}

/** A symbol key on the action's params, so the openapi handler can answer an injected errcode in its own envelope. */
export const INJECTED_FAILURE = Symbol('local-cloud injected failure');

const READS = new Set(['database.getDocument', 'database.calculateDocument', 'database.aggregateDocuments']);
const WRITES = new Set(['database.insertDocument', 'database.modifyDocument', 'database.modifyAndReturnDoc', 'database.removeDocument', 'database.commitTransaction']);

/** The targets one request answers to, widest first. */
export function targetsOf(action: string, apiName?: string): string[] {
  if (action === 'wx.openApi') return ['*', 'openapi', ...(apiName ? [`openapi.${apiName}`] : [])];
  const group = action.split('.')[0];
  const out = ['*', group];
  if (READS.has(action)) out.push('database.read');
  if (WRITES.has(action)) out.push('database.write');
  out.push(action);
  return out;
}

/** mulberry32: tiny, seedable, good enough for dice. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Throws a message naming the bad part; used for CLI flags and the run-time endpoint alike. */
export function validateFaultConfig(raw: unknown): FaultConfig {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('故障配置必须是 JSON 对象 (fault config must be an object)');
  const c = raw as Record<string, unknown>;
  const out: FaultConfig = {};
  if (c.latencyMs !== undefined) {
    if (!c.latencyMs || typeof c.latencyMs !== 'object' || Array.isArray(c.latencyMs)) throw new Error('latencyMs 必须是 {目标: 毫秒}');
    out.latencyMs = {};
    for (const [target, ms] of Object.entries(c.latencyMs)) {
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0 || ms > 60_000) throw new Error(`latencyMs.${target} 必须是 0–60000 的毫秒数`);
      out.latencyMs[target] = ms;
    }
  }
  if (c.failures !== undefined) {
    if (!Array.isArray(c.failures)) throw new Error('failures 必须是数组');
    out.failures = c.failures.map((f, i) => {
      const r = f as Record<string, unknown>;
      if (!r || typeof r.target !== 'string' || !r.target) throw new Error(`failures[${i}].target 必须是非空字符串`);
      if (typeof r.rate !== 'number' || !(r.rate >= 0 && r.rate <= 1)) throw new Error(`failures[${i}].rate 必须在 0 到 1 之间`);
      if (r.error !== undefined && typeof r.error !== 'number' && typeof r.error !== 'string') throw new Error(`failures[${i}].error 必须是错误码或 'timeout'`);
      return { target: r.target, rate: r.rate, ...(r.error !== undefined ? { error: r.error as FaultError } : {}) };
    });
  }
  if (c.seed !== undefined) {
    if (typeof c.seed !== 'number' || !Number.isInteger(c.seed)) throw new Error('seed 必须是整数');
    out.seed = c.seed;
  }
  if (c.timeoutMs !== undefined) {
    if (typeof c.timeoutMs !== 'number' || c.timeoutMs < 0 || c.timeoutMs > 600_000) throw new Error('timeoutMs 必须是 0–600000 的毫秒数');
    out.timeoutMs = c.timeoutMs;
  }
  return out;
}

/**
 * CLI forms: `--latency database=8,openapi=40` and `--fail openapi.subscribeMessage.send=0.5:43101`
 * (repeatable; `:timeout` or a CloudBase code such as `:SYS_ERR` also work; no `:` = the default error).
 */
export function parseLatencyFlag(spec: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of spec.split(',').filter(Boolean)) {
    const [target, ms] = part.split('=');
    if (!target || ms === undefined || !/^\d+(\.\d+)?$/.test(ms)) throw new Error(`--latency 格式为 目标=毫秒[,目标=毫秒]: ${part}`);
    out[target] = Number(ms);
  }
  return out;
}

export function parseFailFlag(spec: string): FailureRule {
  const m = /^([^=]+)=([0-9.]+)(?::(.+))?$/.exec(spec);
  if (!m) throw new Error(`--fail 格式为 目标=比例[:错误码|timeout]: ${spec}`);
  const rate = Number(m[2]);
  if (!(rate >= 0 && rate <= 1)) throw new Error(`--fail 的比例必须在 0 到 1 之间: ${spec}`);
  const raw = m[3];
  const error = raw === undefined ? undefined : /^-?\d+$/.test(raw) ? Number(raw) : raw;
  return { target: m[1], rate, ...(error !== undefined ? { error } : {}) };
}

const NO_FAULT: FaultDecision = Object.freeze({ delayMs: 0 });

export class FaultInjector {
  private config: FaultConfig = {};
  private random: () => number = Math.random;
  /** Counts per target, so a test or the console can tell faults actually happened. */
  private readonly injected = new Map<string, number>();

  constructor(config?: FaultConfig) {
    if (config) this.set(config);
  }

  set(config: FaultConfig): void {
    this.config = validateFaultConfig(config);
    this.random = this.config.seed !== undefined ? seededRandom(this.config.seed) : Math.random;
    this.injected.clear();
  }

  get(): FaultConfig & { injected: Record<string, number> } {
    return { ...this.config, injected: Object.fromEntries(this.injected) };
  }

  get timeoutMs(): number {
    return this.config.timeoutMs ?? 20_000;
  }

  decide(action: string, apiName?: string): FaultDecision {
    if (!this.config.latencyMs && !this.config.failures?.length) return NO_FAULT;
    const targets = targetsOf(action, apiName);
    let delayMs = 0;
    const latency = this.config.latencyMs;
    if (latency) {
      for (const t of targets) if (latency[t] !== undefined) delayMs = latency[t];
    }
    for (const rule of this.config.failures ?? []) {
      if (!targets.includes(rule.target) || rule.rate <= 0) continue;
      if (this.random() >= rule.rate) continue;
      this.injected.set(rule.target, (this.injected.get(rule.target) ?? 0) + 1);
      const error = rule.error ?? (action === 'wx.openApi' ? -501001 : 'SYS_ERR');
      return { delayMs, failure: { target: rule.target, error } };
    }
    return { delayMs };
  }
}
