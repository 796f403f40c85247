import { BSONRegExp, EJSON } from 'bson';
import { CloudError, ErrorCodes } from '../protocol/errors';

/** A decoded document or query value: JSON plus Date and RegExp (and rare BSON types kept as-is). */
export type DocValue = unknown;
export type Doc = Record<string, unknown>;

const REGEXP_FLAGS = new Set(['i', 'm', 's', 'u']);

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function toNativeRegExp(pattern: string, options: string): RegExp {
  // Mongo's `x` (extended) has no JS equivalent; CloudBase clients never send it.
  const flags = [...options].filter((f) => REGEXP_FLAGS.has(f)).join('');
  try {
    return new RegExp(pattern, flags);
  } catch (err) {
    throw new CloudError(ErrorCodes.INVALID_PARAM, `invalid regular expression /${pattern}/: ${(err as Error).message}`);
  }
}

/**
 * Replaces wire-only forms by real values: `$regularExpression` (parsed by bson as BSONRegExp)
 * becomes a RegExp so mingo matches it, and `{$tcb_server_date:{offset}}` (db.serverDate())
 * becomes the server's clock plus the offset.
 */
export function reviveWireValue(value: unknown, now: number): unknown {
  if (value instanceof BSONRegExp) return toNativeRegExp(value.pattern, value.options);
  if (Array.isArray(value)) return value.map((v) => reviveWireValue(v, now));
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === '$tcb_server_date') {
      const spec = value.$tcb_server_date;
      const offset = isPlainObject(spec) && typeof spec.offset === 'number' ? spec.offset : 0;
      return new Date(now + offset);
    }
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = reviveWireValue(value[k], now);
    return out;
  }
  return value;
}

/** Parses one canonical-EJSON parameter (query, data, order, projection, stage). */
export function decodeWire(raw: unknown, what: string, now = Date.now()): unknown {
  let parsed: unknown;
  try {
    if (typeof raw === 'string') parsed = EJSON.parse(raw, { relaxed: true });
    else if (raw !== null && typeof raw === 'object') parsed = EJSON.deserialize(raw as Doc, { relaxed: true });
    else throw new Error(`expected an EJSON string, got ${raw === null ? 'null' : typeof raw}`);
  } catch (err) {
    if (err instanceof CloudError) throw err;
    throw new CloudError(ErrorCodes.INVALID_PARAM, `${what} is not valid EJSON: ${(err as Error).message}`);
  }
  return reviveWireValue(parsed, now);
}

export function decodeWireObject(raw: unknown, what: string, now = Date.now()): Doc {
  const v = decodeWire(raw, what, now);
  if (!isPlainObject(v)) throw new CloudError(ErrorCodes.INVALID_PARAM, `${what} must be an object`);
  return v;
}

/** MongoDB and CloudBase answer documents with `_id` as the first field. */
export function withIdFirst(doc: Doc): Doc {
  if (!('_id' in doc)) return doc;
  for (const key in doc) {
    if (key === '_id') return doc;
    break;
  }
  const { _id, ...rest } = doc;
  return { _id, ...rest };
}

/** Canonical EJSON, as CloudBase answers (`{"$numberInt":"2"}`, `{"$date":{"$numberLong":…}}`). */
export function encodeWire(doc: unknown): string {
  return EJSON.stringify(doc as Doc, { relaxed: false });
}

/**
 * Storage encoding: plain JSON wherever possible so SQLite's json_extract sees real numbers and
 * strings for indexes; Date becomes `{"$date": millis}` (a number, so date ranges index well);
 * other BSON values (RegExp, Long, ObjectId…) use canonical EJSON. `fromStorage` reverses it.
 */
export function toStorageValue(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : { $numberDouble: String(value) };
  }
  if (value === undefined) return null;
  if (value instanceof Date) return { $date: value.getTime() };
  if (Array.isArray(value)) return value.map(toStorageValue);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined) out[k] = toStorageValue(v);
    }
    return out;
  }
  return (EJSON.serialize({ v: value as never }, { relaxed: false }) as { v: unknown }).v;
}

export function toStorageJson(doc: Doc): string {
  return JSON.stringify(toStorageValue(doc));
}

/**
 * Reverses `toStorageValue`. Hand-written rather than EJSON.parse because every scanned row goes
 * through it: only single-key `$…` objects need work, and `{$date: millis}` is by far the most common.
 */
function reviveStored(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = reviveStored(v[i]);
    return v;
  }
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && keys[0].charCodeAt(0) === 36 /* $ */) {
    if (keys[0] === '$date' && typeof o.$date === 'number') return new Date(o.$date);
    return reviveWireValue(EJSON.deserialize(o, { relaxed: true }), 0);
  }
  for (const k of keys) o[k] = reviveStored(o[k]);
  return o;
}

export function fromStorageJson(text: string): Doc {
  return reviveStored(JSON.parse(text)) as Doc;
}

/** Deep copy that keeps Date/RegExp (documents are mutated by update operators). */
export function cloneDoc<T>(value: T): T {
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (Array.isArray(value)) return value.map(cloneDoc) as T;
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = cloneDoc(v);
    return out as T;
  }
  return value;
}
