/**
 * The survey month (issue 10): one survey per community per month of China time. The id derives
 * from both, so a timer fired twice (or two instances racing) writes the same document.
 */
import { chinaMonthStart, inChina, monthsAfter } from '../platform/time';

/** "YYYY-MM" of an instant in China time. */
export const monthOf = (d: Date): string => inChina(d).format('YYYY-MM');

export const surveyIdOf = (communityId: string, month: string): string => `${communityId}:${month}`;

/** The first instant of a month (China time). */
export const monthStart = chinaMonthStart;

/** A survey closes when its month ends (China midnight of the 1st of the next month). */
export const monthEnd = (month: string): Date => chinaMonthStart(monthsAfter(month, 1));

/** The `count` months ending with `month`, oldest first. */
export function monthsEndingWith(month: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => monthsAfter(month, i - (count - 1)));
}

/** "2026年11月" as people read it. */
export const monthLabel = (month: string): string => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
