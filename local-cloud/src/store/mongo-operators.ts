import 'mingo/init/system';
import Ajv from 'ajv-draft-04';
import type { AnySchema, ValidateFunction } from 'ajv';
import { computeValue, Context, OpType, type ExpressionOperator, type Options, type QueryOperator } from 'mingo/core';
import { Query } from 'mingo';
import { $dayOfWeek, $dayOfYear } from 'mingo/operators/expression';
import { createUpdater } from 'mingo/updater';
import { resolve } from 'mingo/util';

/**
 * Where mingo 6.7.2 answers differently from MongoDB (and CloudBase), the operator is replaced
 * here, in a mingo Context that every query, update and pipeline of local cloud uses; mingo's own
 * operators stay in charge of everything else. mingo 7.2.7 was checked and has the same
 * `$elemMatch`, `$week`, `$indexOfCP` and `$substrBytes` behaviour, so upgrading would not help.
 */

type Value = unknown;

const LOGICAL = new Set(['$and', '$or', '$nor']);

/** An embedded document: the only kind of array element `$elemMatch` field criteria can match. */
function isDocumentLike(v: Value): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp);
}

/**
 * `$elemMatch`. With operator-only criteria (`{$gt: 2}`) every element is tested as a value;
 * with field criteria (`{value: {$exists: true}}`) only embedded documents can match, so arrays
 * of scalars never do. mingo tests scalars against field criteria and matches `["Go"]` with
 * `{value: {$exists: true}}` (resolving a path on a string).
 */
const $elemMatch: QueryOperator = (selector, criteria, options) => {
  const spec = criteria as Record<string, Value>;
  const operatorsOnly = Object.keys(spec).every((k) => k.startsWith('$') && !LOGICAL.has(k));
  const query = new Query(operatorsOnly ? { v: spec } : spec, options);
  const test = operatorsOnly ? (el: Value) => query.test({ v: el }) : (el: Value) => isDocumentLike(el) && query.test(el as object);
  return (doc) => {
    const arr = resolve(doc, selector, { unwrapArray: true }) as Value;
    return Array.isArray(arr) && arr.some(test);
  };
};

/**
 * `$week`: weeks start on Sunday; days before the year's first Sunday are week 0 (strftime %U).
 * Built on mingo's `$dayOfYear` / `$dayOfWeek`, which handle `{date, timezone}` correctly; mingo's
 * own `$week` answers 20 for 2019-05-14 (MongoDB: 19).
 */
const $week: ExpressionOperator = (obj, expr, options) => {
  const dayOfYear = $dayOfYear(obj, expr, options) as number | null | undefined;
  const dayOfWeek = $dayOfWeek(obj, expr, options) as number | null | undefined;
  if (dayOfYear === null || dayOfWeek === null || dayOfYear === undefined || dayOfWeek === undefined) return null;
  return Math.floor((dayOfYear - dayOfWeek + 7) / 7);
};

function fail(message: string): never {
  throw new Error(message);
}

/** `$indexOfCP` (missing from mingo): index of a substring in code points, -1 when absent. */
const $indexOfCP: ExpressionOperator = (obj, expr, options) => {
  const args = computeValue(obj, expr, null, options) as Value[];
  if (!Array.isArray(args) || args.length < 2 || args.length > 4) fail('$indexOfCP needs 2 to 4 arguments');
  const [str, sub, start, end] = args;
  if (str === null || str === undefined) return null;
  if (typeof str !== 'string') fail('$indexOfCP requires a string as the first argument');
  if (typeof sub !== 'string') fail('$indexOfCP requires a string as the second argument');
  const isIndex = (n: Value) => n === undefined || n === null || (typeof n === 'number' && Number.isInteger(n) && n >= 0);
  if (!isIndex(start) || !isIndex(end)) fail('$indexOfCP start and end must be non-negative integers');
  const chars = Array.from(str);
  const needle = Array.from(sub);
  const from = (start as number | undefined) ?? 0;
  const to = Math.min((end as number | undefined) ?? chars.length, chars.length);
  for (let i = from; i + needle.length <= to; i++) {
    let hit = true;
    for (let j = 0; j < needle.length && hit; j++) hit = chars[i + j] === needle[j];
    if (hit) return i;
  }
  return from <= to && needle.length === 0 ? from : -1;
};

/**
 * `$substrBytes` (and its old name `$substr`) in UTF-8 bytes: a negative length means "to the end
 * of the string", an index past the end gives "", a range that splits a character fails. mingo
 * refuses a negative length, cannot reach the last byte, and counts `$substr` in UTF-16 units.
 */
const $substrBytes: ExpressionOperator = (obj, expr, options) => {
  const args = computeValue(obj, expr, null, options) as Value[];
  if (!Array.isArray(args) || args.length !== 3) fail('$substrBytes needs 3 arguments');
  const [s, index, count] = args;
  if (s !== null && s !== undefined && typeof s !== 'string') fail('$substrBytes requires a string as the first argument');
  if (typeof index !== 'number' || typeof count !== 'number') fail('$substrBytes requires numeric index and count');
  const buf = Buffer.from(s ?? '', 'utf8');
  if (index < 0 || index >= buf.length) return '';
  const end = count < 0 ? buf.length : Math.min(buf.length, index + count);
  const continuation = (i: number) => i < buf.length && (buf[i] & 0xc0) === 0x80;
  if (continuation(index)) fail('$substrBytes: invalid range, starting index is a UTF-8 continuation byte');
  if (continuation(end)) fail('$substrBytes: invalid range, ending index is in the middle of a UTF-8 character');
  return buf.subarray(index, end).toString('utf8');
};

/**
 * `$jsonSchema` as MongoDB understands it: JSON Schema draft 4 plus `bsonType`. Compiled
 * schemas are kept (queries repeat the same schema).
 */
const ajv = new Ajv({ strict: false, allErrors: false });
const BSON_TYPES: Record<string, (v: Value) => boolean> = {
  double: (v) => typeof v === 'number',
  number: (v) => typeof v === 'number',
  int: (v) => typeof v === 'number' && Number.isInteger(v),
  long: (v) => typeof v === 'number' && Number.isInteger(v),
  decimal: (v) => typeof v === 'number',
  string: (v) => typeof v === 'string',
  object: isDocumentLike,
  array: (v) => Array.isArray(v),
  bool: (v) => typeof v === 'boolean',
  date: (v) => v instanceof Date,
  null: (v) => v === null,
  regex: (v) => v instanceof RegExp,
};
ajv.addKeyword({
  keyword: 'bsonType',
  schemaType: ['string', 'array'],
  validate: (schema: string | string[], data: Value) => (Array.isArray(schema) ? schema : [schema]).some((t) => BSON_TYPES[t]?.(data) ?? false),
});
const compiledSchemas = new Map<string, ValidateFunction>();
function jsonSchemaValidator(schema: object): (doc: object) => boolean {
  const key = JSON.stringify(schema);
  let validate = compiledSchemas.get(key);
  if (!validate) {
    try {
      validate = ajv.compile(schema as AnySchema);
    } catch (err) {
      fail(`$jsonSchema: ${(err as Error).message}`);
    }
    if (compiledSchemas.size >= 200) compiledSchemas.clear();
    compiledSchemas.set(key, validate);
  }
  const v = validate;
  return (doc) => v(doc) === true;
}

const context = Context.init({
  [OpType.QUERY]: { $elemMatch },
  [OpType.EXPRESSION]: { $week, $indexOfCP, $substrBytes, $substr: $substrBytes },
});

/** Options for every mingo call. CloudBase runs no user scripts: `$where`, `$function` and `$accumulator` stay off. */
export const MINGO_OPTIONS: Partial<Options> = Object.freeze({
  scriptEnabled: false,
  useGlobalContext: true,
  context,
  jsonSchemaValidator,
});

/** mingo's updater with the same operators (`$pull` conditions use `$elemMatch` too). */
export const updateDocument = createUpdater({ cloneMode: 'copy', queryOptions: MINGO_OPTIONS });
