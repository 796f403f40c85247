import { CloudError, ErrorCodes } from '../protocol/errors';
import { type Doc, decodeWire, isPlainObject } from '../store/ejson';

/**
 * The console's filter box: JSON (EJSON for dates: `{"$date":"2026-11-30T00:00:00Z"}`) read the
 * way the SDK's `where()` reads an object. The SDK flattens nested plain objects into dotted
 * paths (`{location: {buildingId: 'b1'}}` → `{'location.buildingId': 'b1'}`) and keeps commands
 * (`_.gt(1)` → `{$gt: 1}`) and logic (`_.or([...])` → `{$or: [...]}`) as operators; here an
 * object whose keys all start with `$` stands for a command.
 */
export function sdkWhere(text: string): Doc {
  const trimmed = text.trim();
  if (!trimmed) return {};
  const value = decodeWire(trimmed, 'filter');
  if (!isPlainObject(value)) throw new CloudError(ErrorCodes.INVALID_PARAM, '筛选条件必须是 JSON 对象');
  return flatten(value);
}

function isCommand(v: unknown): boolean {
  if (!isPlainObject(v)) return false;
  const keys = Object.keys(v);
  return keys.length > 0 && keys.every((k) => k.startsWith('$'));
}

function flatten(query: Doc, prefix = '', out: Doc = {}): Doc {
  for (const [key, value] of Object.entries(query)) {
    if (!prefix && (key === '$and' || key === '$or' || key === '$nor') && Array.isArray(value)) {
      out[key] = value.map((sub) => (isPlainObject(sub) ? flatten(sub) : sub));
      continue;
    }
    const field = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(value) && !isCommand(value) && Object.keys(value).length > 0) flatten(value, field, out);
    else out[field] = value;
  }
  return out;
}
