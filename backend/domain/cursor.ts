/** List cursors on the wire: `<ISO time>~<id>` of the last item shown (see data/paging.ts). */
import type { PageCursor } from '../data/paging';
import { AppError } from '../platform/errors';

export function encodeCursor(at: Date, id: string): string {
  return `${at.toISOString()}~${id}`;
}

export function parseCursor(cursor: string | undefined): PageCursor | undefined {
  if (cursor === undefined) return undefined;
  const sep = cursor.indexOf('~');
  const at = new Date(sep > 0 ? cursor.slice(0, sep) : '');
  const id = cursor.slice(sep + 1);
  if (sep <= 0 || Number.isNaN(at.getTime()) || !id) throw new AppError('INVALID_INPUT', '翻页位置无效，请刷新列表', 'cursor');
  return { at, id };
}

/** The page and the cursor after it: rows are fetched one past the page size to know if more follow. */
export function pageWithCursor<T>(rows: T[], pageSize: number, key: (row: T) => { at: Date; id: string }): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, pageSize);
  const last = page[page.length - 1];
  if (rows.length <= pageSize || !last) return { page, nextCursor: null };
  const k = key(last);
  return { page, nextCursor: encodeCursor(k.at, k.id) };
}
