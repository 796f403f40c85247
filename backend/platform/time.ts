/**
 * Time, through dayjs. Stored dates are `Date`; the wire carries ISO strings; people read China
 * time (Asia/Shanghai, no daylight saving), whatever the instance's own zone is.
 */
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

export const CHINA_TZ = 'Asia/Shanghai';

export function iso(d: Date): string {
  return d.toISOString();
}

export function isoOrNull(d: Date | null | undefined): string | null {
  return d ? d.toISOString() : null;
}

export const minutesLater = (d: Date, minutes: number): Date => dayjs(d).add(minutes, 'minute').toDate();
export const hoursLater = (d: Date, hours: number): Date => dayjs(d).add(hours, 'hour').toDate();
export const daysLater = (d: Date, days: number): Date => dayjs(d).add(days, 'day').toDate();
export const daysEarlier = (d: Date, days: number): Date => dayjs(d).subtract(days, 'day').toDate();

/** An instant as a dayjs in China time (for calendar arithmetic: midnight, months, years). */
export const inChina = (d: Date | number) => dayjs(d).tz(CHINA_TZ);

/** "2026-11-29 19:42" in China time, as subscribe-message `time` fields and texts want it. */
export function chinaTime(d: Date): string {
  return inChina(d).format('YYYY-MM-DD HH:mm');
}
