/**
 * calendar.test.ts runs this in a process of its own per host zone (TZ) and compares the output: the
 * China calendar at instants where US, UK or Lord Howe DST changes (early November 2026, April 2027).
 */
import { monthsOfPeriod } from '../../backend/domain/dashboardSections';
import { monthEnd, monthsEndingWith } from '../../backend/domain/surveyCalendar';
import { dueDayAfter, endOfToday, overdueDays } from '../../backend/domain/visitRules';

const at = (s: string) => new Date(s);
process.stdout.write(JSON.stringify({
  periodAcrossDst: monthsOfPeriod(at('2026-10-31T16:00:00Z'), at('2026-11-30T16:00:01Z')),
  periodAtMidnight: monthsOfPeriod(at('2026-11-30T15:59:59Z'), at('2026-11-30T16:00:01Z')),
  octoberEnds: monthEnd('2026-10').toISOString(),
  trend: monthsEndingWith('2027-03', 6),
  dueAcrossDst: dueDayAfter(at('2026-10-30T02:00:00Z'), 7).toISOString(),
  endOfTodayAcrossDst: endOfToday(at('2027-04-04T03:00:00Z')).toISOString(),
  overdueAcrossDst: overdueDays(at('2026-10-30T16:00:00Z'), at('2026-11-03T01:00:00Z')),
}));
