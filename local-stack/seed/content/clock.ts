/**
 * Times in the demo are placed relative to "now" (the first start), in the station's own time zone, so
 * that history always spans the last six months and happens during plausible hours in Tianjin.
 */
import { inChina } from '../../../backend/platform/time';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const durations = { MINUTE, HOUR, DAY } as const;

export interface Clock {
  now: Date;
  /** China-local wall time `daysAgo` days before today, never later than now. */
  at(daysAgo: number, hour: number, minute?: number): Date;
  /** `ms` after `from`, capped at now (history never lies in the future). */
  after(from: Date, ms: number): Date;
  /** Whether a moment `ms` after `from` has already happened. */
  hasHappened(from: Date, ms: number): boolean;
  daysAgo(date: Date): number;
}

export function createClock(now: Date): Clock {
  const nowMs = now.getTime();
  const today = inChina(now).startOf('day');
  return {
    now: new Date(nowMs),
    at(daysAgo, hour, minute = 0) {
      // Whole days and hours may be fractional in the content; China has no daylight saving.
      const ms = today.valueOf() - daysAgo * DAY + hour * HOUR + minute * MINUTE;
      return new Date(Math.min(ms, nowMs - 5 * MINUTE));
    },
    after(from, ms) {
      return new Date(Math.min(from.getTime() + ms, nowMs - MINUTE));
    },
    hasHappened(from, ms) {
      return from.getTime() + ms < nowMs;
    },
    daysAgo(date) {
      return (nowMs - date.getTime()) / DAY;
    },
  };
}

/** yyyyMMdd in China time, for human-readable case numbers. */
export function chinaDateStamp(date: Date): string {
  return inChina(date).format('YYYYMMDD');
}
