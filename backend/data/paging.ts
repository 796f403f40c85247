/**
 * Keyset paging on `(createdAt, _id)`, newest first. A page ends at a document; the next page starts
 * strictly after it in that order, so documents created in the same millisecond across a page
 * boundary are neither skipped nor repeated. The query asks for `field ≤ at` in index order
 * (field desc, _id desc) and `dropSeen` removes the boundary millisecond's documents already shown.
 */
import { cmd } from './db';

export interface PageCursor {
  at: Date;
  id: string;
}

/** Extra rows fetched past a cursor to make up for the ones `dropSeen` removes (≥ any page size). */
export const CURSOR_SLACK = 50;

export function afterCursor(field: string, cursor: PageCursor | undefined): Record<string, unknown> {
  return cursor ? { [field]: cmd().lte(cursor.at) } : {};
}

export function dropSeen<T extends { _id: string }>(rows: T[], at: (row: T) => Date, cursor: PageCursor | undefined): T[] {
  if (!cursor) return rows;
  const t = cursor.at.getTime();
  return rows.filter((r) => at(r).getTime() < t || (at(r).getTime() === t && r._id < cursor.id));
}

/**
 * issue 11: the same keyset ascending, for queue orders (nearest deadline first). Every open case
 * carries the sort field (domain/caseLifecycle.derivedFlags); one written before it existed needs
 * a backfill, or it sorts first and only on the first page.
 */
export function afterCursorAsc(field: string, cursor: PageCursor | undefined): Record<string, unknown> {
  return cursor ? { [field]: cmd().gte(cursor.at) } : {};
}

export function dropSeenAsc<T extends { _id: string }>(rows: T[], at: (row: T) => Date | null, cursor: PageCursor | undefined): T[] {
  if (!cursor) return rows;
  const t = cursor.at.getTime();
  return rows.filter((r) => {
    const v = at(r)?.getTime() ?? -Infinity;
    return v > t || (v === t && r._id > cursor.id);
  });
}
