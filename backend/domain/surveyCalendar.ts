/**
 * The survey month (issue 10): one survey per community per month of China time. The id derives
 * from both, so a timer fired twice (or two instances racing) writes the same document.
 */
import { inChina } from '../platform/time';

/** "YYYY-MM" of an instant in China time. */
export const monthOf = (d: Date): string => inChina(d).format('YYYY-MM');

export const surveyIdOf = (communityId: string, month: string): string => `${communityId}:${month}`;

/** The first instant of a month (China time: UTC+8 all year). Reads no clock. */
export function monthStart(month: string): Date {
  return new Date(`${month}-01T00:00:00+08:00`);
}

/** A survey closes when its month ends (China midnight of the 1st of the next month). */
export const monthEnd = (month: string): Date => inChina(monthStart(month)).add(1, 'month').startOf('month').toDate();

/** The `count` months ending with `month`, oldest first. */
export function monthsEndingWith(month: string, count: number): string[] {
  const start = inChina(monthStart(month));
  return Array.from({ length: count }, (_, i) => start.subtract(count - 1 - i, 'month').format('YYYY-MM'));
}

/** "2026年11月" as people read it. */
export const monthLabel = (month: string): string => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
