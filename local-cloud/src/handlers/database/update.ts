import { CloudError, ErrorCodes } from '../../protocol/errors';
import { type Doc, isPlainObject } from '../../store/ejson';
import { updateDocument } from '../../store/mongo-operators';
import { asOperatorError } from '../../store/store';

/** Update operators CloudBase's command API produces (db.command.*), all applied by mingo. */
const UPDATE_OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$push',
  '$pull',
  '$pullAll',
  '$addToSet',
  '$pop',
  '$currentDate',
]);

/** Splits `{$set:{…}, plain: 1}` into operator → argument, turning plain fields into `$set` (merge semantics). */
export function normaliseUpdate(update: Doc): Array<[string, Doc]> {
  const plain: Doc = {};
  const ops: Array<[string, Doc]> = [];
  for (const [key, arg] of Object.entries(update)) {
    if (key.startsWith('$')) {
      if (!UPDATE_OPERATORS.has(key)) throw new CloudError(ErrorCodes.UNSUPPORTED_OPERATOR, `unknown update operator ${key}`);
      if (!isPlainObject(arg)) throw new CloudError(ErrorCodes.INVALID_PARAM, `${key} needs an object argument`);
      for (const path of Object.keys(arg)) {
        if (path === '_id' || path.startsWith('_id.')) throw new CloudError(ErrorCodes.INVALID_PARAM, '不能更新_id的值 (cannot update _id)');
      }
      // mingo writes $currentDate as epoch millis; MongoDB writes a Date.
      if (key === '$currentDate') ops.push(['$set', Object.fromEntries(Object.keys(arg).map((path) => [path, new Date()]))]);
      else ops.push([key, arg]);
    } else {
      if (key === '_id') throw new CloudError(ErrorCodes.INVALID_PARAM, '不能更新_id的值 (cannot update _id)');
      plain[key] = arg;
    }
  }
  if (Object.keys(plain).length) ops.unshift(['$set', plain]);
  if (ops.length === 0) throw new CloudError(ErrorCodes.INVALID_PARAM, 'update document is empty');
  return ops;
}

/** Applies an update in place; returns whether anything changed (Mongo's "modified"). */
export function applyUpdate(doc: Doc, ops: Array<[string, Doc]>): boolean {
  let changed = false;
  for (const [op, arg] of ops) {
    try {
      const paths = updateDocument(doc, { [op]: arg } as never);
      if (paths.length) changed = true;
    } catch (err) {
      asOperatorError(err);
    }
  }
  return changed;
}

/** `set()` replaces the whole document: no operators allowed, `_id` is kept. */
export function validateReplacement(data: Doc): void {
  for (const key of Object.keys(data)) {
    if (key.startsWith('$')) throw new CloudError(ErrorCodes.INVALID_PARAM, `replacement document cannot contain operator ${key}`);
  }
}

/** Equality fields of a filter seed an upserted document, as in MongoDB. */
export function seedFromFilter(filter: Doc): Doc {
  const seed: Doc = {};
  for (const [k, v] of Object.entries(filter)) {
    if (k.startsWith('$') || k.includes('.')) continue;
    if (isPlainObject(v) && Object.keys(v).some((x) => x.startsWith('$'))) {
      if ('$eq' in v) seed[k] = v.$eq;
      continue;
    }
    if (v instanceof RegExp) continue;
    seed[k] = v;
  }
  return seed;
}
