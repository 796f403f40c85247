import type { IndexDeclaration } from './declarations';
import { isPlainObject } from './ejson';
import { keyExpr, quoteIdent, indexName, toSqlScalar, type SqlScalar } from './sql';

/**
 * Query planner. It only narrows the candidate rows through SQLite (primary key or a declared
 * expression index); every candidate is still checked with mingo, so the SQL part must only ever
 * be a superset of the true matches. Indexes on fields that ever held an array (multikey) are
 * skipped because a SQLite expression index has one entry per row.
 */

export interface SortKey {
  field: string;
  dir: 1 | -1;
}

interface Bound {
  value: string | number;
  inclusive: boolean;
}

interface FieldPredicate {
  /** Equality; `null` means "missing or null" (SQL IS NULL). */
  eq?: SqlScalar;
  in?: Array<string | number>;
  lower?: Bound;
  upper?: Bound;
}

export interface Plan {
  /** What EXPLAIN-like output and strict mode report. */
  kind: 'id' | 'index' | 'index-order' | 'scan';
  index?: string;
  where: string[];
  params: SqlScalar[];
  /** ORDER BY clause (without the keyword) or ''. */
  orderBy: string;
  /** True when SQL returns rows already in the requested order (so iteration may stop early). */
  ordered: boolean;
}

function addPredicate(preds: Map<string, FieldPredicate>, field: string, cond: unknown): void {
  const p = preds.get(field) ?? {};
  preds.set(field, p);
  if (cond instanceof RegExp || Array.isArray(cond)) return;
  if (isPlainObject(cond)) {
    const keys = Object.keys(cond);
    if (keys.length === 0 || !keys.every((k) => k.startsWith('$'))) return; // embedded-document equality
    for (const op of keys) {
      const v = cond[op];
      if (op === '$eq') {
        const s = toSqlScalar(v);
        if (s !== undefined && p.eq === undefined) p.eq = s;
      } else if (op === '$in' && Array.isArray(v) && v.length > 0 && v.length <= 200) {
        const vals = v.map(toSqlScalar);
        if (vals.every((x): x is string | number => x !== undefined && x !== null) && typeof v[0] !== 'boolean') {
          if (!v.some((x) => typeof x === 'boolean')) p.in = vals;
        }
      } else if (op === '$gt' || op === '$gte' || op === '$lt' || op === '$lte') {
        if (typeof v === 'boolean') continue;
        const s = toSqlScalar(v);
        if (s === undefined || s === null) continue;
        const bound = { value: s, inclusive: op.endsWith('e') };
        if (op.startsWith('$g')) p.lower ??= bound;
        else p.upper ??= bound;
      }
    }
    return;
  }
  const s = toSqlScalar(cond);
  if (s !== undefined && p.eq === undefined) p.eq = s;
}

export function collectPredicates(filter: Record<string, unknown>, preds = new Map<string, FieldPredicate>()): Map<string, FieldPredicate> {
  for (const [key, cond] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(cond)) {
      for (const sub of cond) if (isPlainObject(sub)) collectPredicates(sub, preds);
    } else if (!key.startsWith('$')) {
      addPredicate(preds, key, cond);
    }
  }
  return preds;
}

/** SQL for one field's predicate; returns false when nothing usable. */
function predicateSql(expr: string, p: FieldPredicate, where: string[], params: SqlScalar[]): 'eq' | 'in' | 'range' | false {
  if (p.eq !== undefined) {
    if (p.eq === null) where.push(`${expr} IS NULL`);
    else {
      where.push(`${expr} = ?`);
      params.push(p.eq);
    }
    return 'eq';
  }
  if (p.in) {
    where.push(`${expr} IN (${p.in.map(() => '?').join(',')})`);
    params.push(...p.in);
    return 'in';
  }
  if (p.lower || p.upper) {
    // Keep the range inside one SQLite type class (numbers < text) so a numeric range does
    // not walk every string key and vice versa. Mongo never matches across types here either.
    if (p.lower) {
      where.push(`${expr} ${p.lower.inclusive ? '>=' : '>'} ?`);
      params.push(p.lower.value);
    }
    if (p.upper) {
      where.push(`${expr} ${p.upper.inclusive ? '<=' : '<'} ?`);
      params.push(p.upper.value);
    }
    const sample = (p.lower ?? p.upper)!.value;
    if (typeof sample === 'number' && !p.upper) where.push(`${expr} < ''`);
    if (typeof sample === 'string' && !p.lower) where.push(`${expr} >= ''`);
    return 'range';
  }
  return false;
}

export interface PlannerInput {
  collection: string;
  filter: Record<string, unknown>;
  sort: SortKey[];
  indexes: IndexDeclaration[];
  multikey: ReadonlySet<string>;
  /** Benchmarks force a scan to measure the baseline. */
  forceScan?: boolean;
}

export function plan(input: PlannerInput): Plan {
  const scanOrder = 'rid';
  const scan: Plan = { kind: 'scan', where: [], params: [], orderBy: input.sort.length ? '' : scanOrder, ordered: input.sort.length === 0 };
  if (input.forceScan) return scan;
  const preds = collectPredicates(input.filter);

  const idPlan = planById(input.filter._id, input.sort.length === 0);
  if (idPlan) return idPlan;

  let best: { score: number; plan: Plan } | undefined;
  for (const ix of input.indexes) {
    if (ix.keys.some((k) => input.multikey.has(k.field))) continue;
    const where: string[] = [];
    const params: SqlScalar[] = [];
    let eqCount = 0;
    let score = 0;
    let stopped: 'in' | 'range' | 'none' | 'miss' = 'none';
    for (const key of ix.keys) {
      const p = preds.get(key.field);
      const kind = p ? predicateSql(keyExpr(key.field), p, where, params) : false;
      if (kind === 'eq') {
        eqCount++;
        score += 10;
        continue;
      }
      if (kind === 'in') score += 6;
      if (kind === 'range') score += 5;
      stopped = kind === false ? 'miss' : kind;
      break;
    }
    // Can the index deliver the requested order? The sort must continue the index right after
    // the equality prefix (a range on that same key is fine), all in index or all in reverse order.
    // An `$in` key qualifies only when the sort starts with it: its values are read one after the
    // other in sort order (MongoDB's "explode for sort"), which SQLite's ORDER BY does over the index.
    const rest = ix.keys.slice(eqCount);
    let ordered = false;
    const inKeyLeadsSort = stopped === 'in' && input.sort[0]?.field === rest[0]?.field;
    if ((stopped !== 'in' || inKeyLeadsSort) && input.sort.length > 0 && input.sort.length <= rest.length) {
      const flip = input.sort[0].dir === rest[0].direction ? 1 : -1;
      ordered = input.sort.every((s, i) => s.field === rest[i].field && s.dir === rest[i].direction * flip);
    }
    if (ordered) score += 3;
    if (score === 0) continue;
    const orderBy = ordered ? input.sort.map((s) => `${keyExpr(s.field)} ${s.dir === 1 ? 'ASC' : 'DESC'}`).join(', ') : '';
    const candidate: Plan = {
      kind: score > 3 ? 'index' : 'index-order',
      index: ix.name,
      where,
      params,
      orderBy,
      ordered: ordered || input.sort.length === 0,
    };
    if (!best || score > best.score) best = { score, plan: candidate };
  }
  return best?.plan ?? scan;
}

/** `_id` equality or `$in` over ids uses the primary key (ids are strings in practice). */
function planById(rawId: unknown, ordered: boolean): Plan | undefined {
  if (rawId === undefined) return undefined;
  if (!isPlainObject(rawId) && !Array.isArray(rawId) && !(rawId instanceof RegExp)) {
    return { kind: 'id', where: ['id = ?'], params: [idKey(rawId)], orderBy: '', ordered };
  }
  if (!isPlainObject(rawId)) return undefined;
  const keys = Object.keys(rawId);
  if (keys.length === 1 && keys[0] === '$eq' && !isPlainObject(rawId.$eq) && !Array.isArray(rawId.$eq)) {
    return { kind: 'id', where: ['id = ?'], params: [idKey(rawId.$eq)], orderBy: '', ordered };
  }
  const list = rawId.$in;
  if (keys.length === 1 && Array.isArray(list) && list.length <= 1000 && list.every((v) => typeof v === 'string')) {
    return { kind: 'id', where: [`id IN (${list.map(() => '?').join(',') || 'NULL'})`], params: [...(list as string[])], orderBy: '', ordered };
  }
  return undefined;
}

export function idKey(id: unknown): string {
  if (typeof id === 'string') return id;
  return `\u0000${JSON.stringify(id)}`;
}

export function planSql(table: string, p: Plan, columns = 'rid, id, version, doc'): string {
  const where = p.where.length ? ` WHERE ${p.where.join(' AND ')}` : '';
  const order = p.orderBy ? ` ORDER BY ${p.orderBy}` : '';
  return `SELECT ${columns} FROM ${quoteIdent(table)}${where}${order}`;
}

export { indexName };
