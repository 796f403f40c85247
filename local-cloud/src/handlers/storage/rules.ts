import type Database from 'better-sqlite3';
import { CloudError, ErrorCodes } from '../../protocol/errors';

/**
 * CloudBase storage security rules: `{"read": bool | expr, "write": bool | expr}` per environment,
 * evaluated for requests from a client (mini-program / web) only; the server SDK and the console
 * always have every right. `write` covers upload, overwrite and delete. A missing key is `false`.
 *
 * The expressions CloudBase's presets and docs use are supported: comparisons with `==` / `!=`
 * between `auth`, `auth.openid`, `auth.uid`, `resource.openid`, `resource.path`, `null`, `true`,
 * `false` and quoted strings, joined by `&&` and `||` (no parentheses). Anything else is refused
 * when the rules are set, so a rule never silently means something else here than there.
 */
export interface StorageRules {
  read?: boolean | string;
  write?: boolean | string;
}

/** As the brief for local stacks asks: creator may write, everyone signed in may read. */
export const DEFAULT_STORAGE_RULES: StorageRules = { read: 'auth != null', write: 'resource.openid == auth.openid' };

export interface RuleAuth {
  openid: string;
  uid: string | null;
}

export interface RuleResource {
  /** The file's creator (the client that uploaded it); null when the server SDK wrote it. */
  openid: string | null;
  path: string;
}

type Operand = { kind: 'ref'; path: string } | { kind: 'lit'; value: string | boolean | null };
type Comparison = { left: Operand; op: '==' | '!='; right: Operand };
/** OR of ANDs. */
type Compiled = boolean | Comparison[][];

const REFS = new Set(['auth', 'auth.openid', 'auth.uid', 'resource.openid', 'resource.path']);

function operand(token: string, rule: string): Operand {
  const t = token.trim();
  if (REFS.has(t)) return { kind: 'ref', path: t };
  if (t === 'null') return { kind: 'lit', value: null };
  if (t === 'true' || t === 'false') return { kind: 'lit', value: t === 'true' };
  const quoted = /^'([^'\\]*)'$/.exec(t) ?? /^"([^"\\]*)"$/.exec(t);
  if (quoted) return { kind: 'lit', value: quoted[1]! };
  throw new CloudError(ErrorCodes.INVALID_PARAM, `storage rule not supported by local cloud: ${rule}`);
}

function compileExpr(expr: string): Compiled {
  const trimmed = expr.trim();
  if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
  return trimmed.split('||').map((conj) =>
    conj.split('&&').map((cmp): Comparison => {
      const m = /^(.+?)\s*(==|!=)\s*(.+)$/.exec(cmp.trim());
      if (!m) throw new CloudError(ErrorCodes.INVALID_PARAM, `storage rule not supported by local cloud: ${expr}`);
      return { left: operand(m[1]!, expr), op: m[2] as '==' | '!=', right: operand(m[3]!, expr) };
    }),
  );
}

/** Property access on a null `auth` fails the comparison, as a rule error denies in CloudBase. */
const FAILS = Symbol('fails');

function valueOf(o: Operand, auth: RuleAuth | null, resource: RuleResource): unknown {
  if (o.kind === 'lit') return o.value;
  switch (o.path) {
    case 'auth':
      return auth;
    case 'auth.openid':
      return auth ? auth.openid : FAILS;
    case 'auth.uid':
      return auth ? auth.uid : FAILS;
    case 'resource.openid':
      return resource.openid;
    default:
      return resource.path;
  }
}

function evaluate(rule: Compiled, auth: RuleAuth | null, resource: RuleResource): boolean {
  if (typeof rule === 'boolean') return rule;
  return rule.some((conj) =>
    conj.every(({ left, op, right }) => {
      const a = valueOf(left, auth, resource);
      const b = valueOf(right, auth, resource);
      if (a === FAILS || b === FAILS) return false;
      const same = a === b || (a !== null && b !== null && typeof a === 'object' && typeof b === 'object');
      return op === '==' ? same : !same;
    }),
  );
}

export interface CompiledRules {
  source: StorageRules;
  read: Compiled;
  write: Compiled;
}

export function compileRules(input: unknown): CompiledRules {
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw new CloudError(ErrorCodes.INVALID_PARAM, 'storage rules must be an object {read, write}');
  const source: StorageRules = {};
  const compiled: { read: Compiled; write: Compiled } = { read: false, write: false };
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    if (key !== 'read' && key !== 'write') throw new CloudError(ErrorCodes.INVALID_PARAM, `unknown storage rule operation: ${key}`);
    if (typeof value !== 'boolean' && typeof value !== 'string') throw new CloudError(ErrorCodes.INVALID_PARAM, `storage rule ${key} must be a boolean or an expression`);
    source[key] = value;
    compiled[key] = typeof value === 'boolean' ? value : compileExpr(value);
  }
  return { source, ...compiled };
}

export function allows(rules: CompiledRules, operation: 'read' | 'write', auth: RuleAuth | null, resource: RuleResource): boolean {
  return evaluate(rules[operation], auth, resource);
}

/** Rules per environment and each file's creator, in local cloud's SQLite file. */
export class StorageRuleStore {
  private cache = new Map<string, CompiledRules>();

  constructor(private readonly db: () => Database.Database) {}

  migrate(): void {
    this.db().exec(`CREATE TABLE IF NOT EXISTS _lc_storage_rules (env TEXT PRIMARY KEY, rules TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS _lc_storage_owners (env TEXT NOT NULL, key TEXT NOT NULL, openid TEXT NOT NULL, PRIMARY KEY (env, key))`);
  }

  rules(env: string): CompiledRules {
    let rules = this.cache.get(env);
    if (!rules) {
      const row = this.db().prepare('SELECT rules FROM _lc_storage_rules WHERE env = ?').get(env) as { rules: string } | undefined;
      rules = compileRules(row ? JSON.parse(row.rules) : DEFAULT_STORAGE_RULES);
      this.cache.set(env, rules);
    }
    return rules;
  }

  setRules(env: string, input: unknown): CompiledRules {
    const compiled = compileRules(input);
    this.db().prepare('INSERT INTO _lc_storage_rules (env, rules) VALUES (?, ?) ON CONFLICT(env) DO UPDATE SET rules = excluded.rules').run(env, JSON.stringify(compiled.source));
    this.cache.set(env, compiled);
    return compiled;
  }

  owner(env: string, key: string): string | null {
    const row = this.db().prepare('SELECT openid FROM _lc_storage_owners WHERE env = ? AND key = ?').get(env, key) as { openid: string } | undefined;
    return row?.openid ?? null;
  }

  /** A client upload makes its caller the creator; a server upload leaves the file without one. */
  setOwner(env: string, key: string, openid: string | null): void {
    if (openid) this.db().prepare('INSERT INTO _lc_storage_owners (env, key, openid) VALUES (?, ?, ?) ON CONFLICT(env, key) DO UPDATE SET openid = excluded.openid').run(env, key, openid);
    else this.forget(env, key);
  }

  forget(env: string, key: string): void {
    this.db().prepare('DELETE FROM _lc_storage_owners WHERE env = ? AND key = ?').run(env, key);
  }
}
