import { CloudError, ErrorCodes } from '../../protocol/errors';
import { type Doc, decodeWire, decodeWireObject, isPlainObject } from '../../store/ejson';
import type { SortKey } from '../../store/planner';

/** Parameter readers: each failure is an INVALID_PARAM answer before anything is touched. */

export function requireString(params: Doc, key: string): string {
  const v = params[key];
  if (typeof v !== 'string' || v === '') throw new CloudError(ErrorCodes.INVALID_PARAM, `${key} must be a non-empty string`);
  return v;
}

export function optionalInt(params: Doc, key: string, min: number): number | undefined {
  const v = params[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    throw new CloudError(ErrorCodes.INVALID_PARAM, `${key} must be an integer ≥ ${min}`);
  }
  return v;
}

export function optionalBool(params: Doc, key: string, fallback: boolean): boolean {
  const v = params[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'boolean') throw new CloudError(ErrorCodes.INVALID_PARAM, `${key} must be a boolean`);
  return v;
}

export function readFilter(params: Doc, now: number): Doc {
  const raw = params.query;
  if (raw === undefined || raw === null || raw === '') return {};
  return decodeWireObject(raw, 'query', now);
}

/** `order` is an EJSON object `{field: 1|-1, …}` (orderBy calls in sequence). */
export function readSort(params: Doc): SortKey[] {
  const raw = params.order;
  if (raw === undefined || raw === null || raw === '') return [];
  const v = decodeWire(raw, 'order');
  const entries: Array<[string, unknown]> = [];
  if (Array.isArray(v)) {
    // Older SDKs sent [{field, direction:'asc'|'desc'}].
    for (const o of v) {
      if (!isPlainObject(o) || typeof o.field !== 'string') throw new CloudError(ErrorCodes.INVALID_PARAM, 'order is malformed');
      entries.push([o.field, o.direction === 'desc' ? -1 : 1]);
    }
  } else if (isPlainObject(v)) {
    entries.push(...Object.entries(v));
  } else {
    throw new CloudError(ErrorCodes.INVALID_PARAM, 'order must be an object');
  }
  return entries.map(([field, dir]) => {
    const d = dir === 'desc' ? -1 : dir === 'asc' ? 1 : dir;
    if (d !== 1 && d !== -1) throw new CloudError(ErrorCodes.INVALID_PARAM, `order direction for ${field} must be 1 or -1`);
    return { field, dir: d };
  });
}

export function readProjection(params: Doc): Doc | undefined {
  const raw = params.projection;
  if (raw === undefined || raw === null || raw === '') return undefined;
  const p = decodeWireObject(raw, 'projection');
  return Object.keys(p).length ? p : undefined;
}
