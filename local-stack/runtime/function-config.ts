import fs from 'node:fs';
import path from 'node:path';

/** A timer trigger as WeChat cloud functions declare it in config.json (7-field cron, UTC+8). */
export interface TimerTrigger {
  name: string;
  type: 'timer';
  config: string;
}

export interface FunctionConfig {
  /** Seconds; CloudBase's default is 3 when config.json names none. */
  timeoutSeconds: number;
  triggers: TimerTrigger[];
  /** `envVariables` from config.json: CloudBase sets them in the function's environment. */
  envVariables: Record<string, string>;
  /**
   * `httpAccess.path` from config.json: the path CloudBase's HTTP access service routes to this
   * function (our declaration; deploy creates the route). The gateway serves it locally.
   */
  httpPath: string | null;
}

export const DEFAULT_TIMEOUT_SECONDS = 3;

/** Names CloudBase accepts; anything else is refused before it can reach the file system. */
const FUNCTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/;

export function isValidFunctionName(name: string): boolean {
  return FUNCTION_NAME.test(name);
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Reads `<dir>/config.json`; a missing or partial file falls back to CloudBase's defaults. */
export function readFunctionConfig(functionDir: string): FunctionConfig {
  const file = path.join(functionDir, 'config.json');
  let raw: Record<string, unknown> = {};
  if (fs.existsSync(file)) {
    try {
      raw = asRecord(JSON.parse(fs.readFileSync(file, 'utf8')));
    } catch (err) {
      throw new Error(`${file} is not valid JSON: ${(err as Error).message}`);
    }
  }
  const timeout = typeof raw.timeout === 'number' && raw.timeout > 0 ? raw.timeout : DEFAULT_TIMEOUT_SECONDS;
  const triggers: TimerTrigger[] = [];
  if (Array.isArray(raw.triggers)) {
    for (const t of raw.triggers) {
      const rec = asRecord(t);
      if (rec.type === 'timer' && typeof rec.name === 'string' && typeof rec.config === 'string') {
        triggers.push({ name: rec.name, type: 'timer', config: rec.config });
      }
    }
  }
  const envVariables: Record<string, string> = {};
  for (const [k, v] of Object.entries(asRecord(raw.envVariables))) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') envVariables[k] = String(v);
  }
  const httpPath = asRecord(raw.httpAccess).path;
  return { timeoutSeconds: timeout, triggers, envVariables, httpPath: typeof httpPath === 'string' && /^\/[A-Za-z0-9_-]+$/.test(httpPath) ? httpPath : null };
}

/** Built functions: folders of `functionsDir` holding an `index.js`. */
export function listFunctionNames(functionsDir: string): string[] {
  if (!fs.existsSync(functionsDir)) return [];
  return fs
    .readdirSync(functionsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && isValidFunctionName(d.name) && fs.existsSync(path.join(functionsDir, d.name, 'index.js')))
    .map((d) => d.name)
    .sort();
}
