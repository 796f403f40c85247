/** Time helpers. Stored dates are `Date`; the wire carries ISO strings; people read UTC+8. */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function iso(d: Date): string {
  return d.toISOString();
}

export function isoOrNull(d: Date | null | undefined): string | null {
  return d ? d.toISOString() : null;
}

/** "2026-11-29 19:42" in China time, as subscribe-message `time` fields and texts want it. */
export function chinaTime(d: Date): string {
  const t = new Date(d.getTime() + 8 * HOUR).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 16)}`;
}
