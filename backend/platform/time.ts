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

/*
 * China calendar arithmetic that no host zone can bend: China keeps UTC+8 all year, so its day is
 * exactly 24 hours (whole days are added as hours), and months are counted on the "YYYY-MM" string.
 * (dayjs's tz objects add days and months in the host's zone, an hour off across its DST change.)
 */

/** 00:00 China time of the day `d` falls on. */
export const chinaDayStart = (d: Date | number): Date => inChina(d).startOf('day').toDate();

/** The first instant of a "YYYY-MM" month in China time. Reads no clock. */
export const chinaMonthStart = (month: string): Date => dayjs.tz(`${month}-01 00:00`, CHINA_TZ).toDate();

/** The "YYYY-MM" month `n` months after `month` (before it when n < 0). */
export const monthsAfter = (month: string, n: number): string => dayjs.utc(`${month}-01`).add(n, 'month').format('YYYY-MM');

/** "2026-11-29 19:42" in China time, as subscribe-message `time` fields and texts want it. */
export function chinaTime(d: Date): string {
  return inChina(d).format('YYYY-MM-DD HH:mm');
}
