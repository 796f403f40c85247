/**
 * Next-visit rules (issue 11): per tag, how many days until the next visit (weekly for 独居, monthly
 * for 困难…), and the officer's paired household (结对帮扶). The station admin sets them; until then
 * `defaultVisitRules` apply. A household's interval is its most demanding rule; a due date is a day
 * (China time): the officer is reminded that morning and it stays due until the next visit.
 */
import { defaultVisitRules } from '../../types/rosterLimits';
import type { VisitRulesView } from '../../types/roster';
import { getVisitRules, type VisitRulesDoc } from '../data/visitRules';
import { chinaDayStart, hoursLater } from '../platform/time';

export interface VisitRules {
  rules: { tag: string; days: number }[];
  pairedDays: number;
}

/** The hour (China time) of the due day at which the scheduler reminds the officer. */
export const REMIND_HOUR = 8;

export async function rulesOfStation(stationId: string): Promise<{ rules: VisitRules; doc: VisitRulesDoc | null }> {
  const doc = await getVisitRules(stationId);
  return { rules: doc ?? { rules: defaultVisitRules.rules.map((r) => ({ ...r })), pairedDays: defaultVisitRules.pairedDays }, doc };
}

export function rulesView(rules: VisitRules, doc: VisitRulesDoc | null): VisitRulesView {
  return { rules: rules.rules, pairedDays: rules.pairedDays, updatedAt: doc ? doc.updatedAt.toISOString() : null, updatedByName: doc?.updatedByName ?? null };
}

/** Days between visits for these tags: the most demanding rule; null when none applies. */
export function intervalFor(tags: readonly string[], paired: boolean, rules: VisitRules): number | null {
  const days = rules.rules.filter((r) => tags.includes(r.tag)).map((r) => r.days);
  if (paired) days.push(rules.pairedDays);
  return days.length > 0 ? Math.min(...days) : null;
}

/** The day (00:00 China time) the next visit is due after a visit at `at`. */
export function dueDayAfter(at: Date, days: number): Date {
  return hoursLater(chinaDayStart(at), days * 24);
}

/** When to remind the officer of a due day: that morning. */
export function remindAtFor(due: Date): Date {
  return hoursLater(chinaDayStart(due), REMIND_HOUR);
}

/** The end of `now`'s day (China time): everything due before it is due today or overdue. */
export function endOfToday(now: Date): Date {
  return hoursLater(chinaDayStart(now), 24);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days a due day is past (0 = today); null when it is still ahead. */
export function overdueDays(due: Date | null, now: Date): number | null {
  if (!due) return null;
  const diff = Math.round((chinaDayStart(now).getTime() - chinaDayStart(due).getTime()) / DAY_MS);
  return diff >= 0 ? diff : null;
}
