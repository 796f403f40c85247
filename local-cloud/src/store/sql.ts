/** SQL fragments shared by index creation and the planner: both must produce identical text. */

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function tableName(collection: string): string {
  return `col_${collection}`;
}

export function indexName(collection: string, index: string): string {
  return `ix_${collection}__${index}`;
}

function jsonPath(field: string, suffix?: string): string {
  const parts = field.split('.').map((p) => `"${p}"`);
  if (suffix) parts.push(`"${suffix}"`);
  return `$.${parts.join('.')}`;
}

/**
 * The sortable key of a field: dates are stored as `{"$date": millis}`, so the date's millis
 * win when present; otherwise the scalar itself (objects/arrays come out as JSON text, and the
 * planner never relies on those: see multikey tracking in store.ts).
 */
export function keyExpr(field: string): string {
  return `COALESCE(json_extract(doc, '${jsonPath(field, '$date')}'), json_extract(doc, '${jsonPath(field)}'))`;
}

/** The value a query constant has in the key space of `keyExpr`, or undefined when not indexable. */
export type SqlScalar = string | number | null;

export function toSqlScalar(v: unknown): SqlScalar | undefined {
  if (v === null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return v.getTime();
  return undefined;
}
