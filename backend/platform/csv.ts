/**
 * CSV that Excel opens as UTF-8 (a byte-order mark first), RFC 4180 quoting, CRLF line ends. A cell
 * that starts with = + - @ (or a tab / carriage return) is prefixed with ' so a spreadsheet never
 * runs it as a formula (CSV injection): exported text is typed by residents.
 */
export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | null | undefined;
}

const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v;
  // Numbers are data, never formulas (a negative number keeps its sign).
  if (typeof v === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The CSV of `rows` (with the BOM and a header line). */
export function toCsv<T>(columns: CsvColumn<T>[], rows: T[]): string {
  const lines = [columns.map((c) => cell(c.header)).join(',')];
  for (const r of rows) lines.push(columns.map((c) => cell(c.value(r))).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
