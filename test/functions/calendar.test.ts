/**
 * The backend's China-time calendar at the instants where it turns: China midnight is 16:00 UTC the
 * day before, so for eight hours a day the UTC date (and on a month's last day the UTC month, on
 * 31 December the UTC year) is not China's. Pure functions with an explicit instant, no stack and no
 * clock: whatever the time the suite runs at, these pin what the functions do at the boundary.
 */
import { caseNumber, chinaDay } from '../../backend/domain/caseNumbers';
import { monthsOfPeriod } from '../../backend/domain/dashboardSections';
import { monthEnd, monthOf, monthStart, monthsEndingWith } from '../../backend/domain/surveyCalendar';
import { dueDayAfter, endOfToday, overdueDays, remindAtFor } from '../../backend/domain/visitRules';
import { chinaTime } from '../../backend/platform/time';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const at = (s: string) => new Date(s);
const isoOf = (d: Date) => d.toISOString();

describe('the survey month (created on the 1st, closed as the month ends, China time)', () => {
  it('turns at China midnight, not UTC midnight', () => {
    expect(monthOf(at('2026-11-30T15:59:59.999Z'))).toBe('2026-11');
    expect(monthOf(at('2026-11-30T16:00:00Z'))).toBe('2026-12');
    expect(monthOf(at('2026-12-31T15:59:59.999Z'))).toBe('2026-12');
    expect(monthOf(at('2026-12-31T16:00:00Z'))).toBe('2027-01');
    expect(monthOf(at('2027-02-28T16:00:00Z'))).toBe('2027-03');
    expect(monthOf(at('2028-02-28T16:00:00Z'))).toBe('2028-02');
  });

  it('starts and ends at China midnight, short and leap Februaries and the year end included', () => {
    expect(isoOf(monthStart('2026-12'))).toBe('2026-11-30T16:00:00.000Z');
    expect(isoOf(monthEnd('2026-12'))).toBe('2026-12-31T16:00:00.000Z');
    expect(isoOf(monthStart('2027-02'))).toBe('2027-01-31T16:00:00.000Z');
    expect(isoOf(monthEnd('2027-02'))).toBe('2027-02-28T16:00:00.000Z');
    expect(isoOf(monthEnd('2028-02'))).toBe('2028-02-29T16:00:00.000Z');
    expect(isoOf(monthEnd('2027-01'))).toBe('2027-01-31T16:00:00.000Z');
    // A month's end is the next month's start, and the instant the month of "now" changes.
    expect(isoOf(monthEnd('2027-01'))).toBe(isoOf(monthStart('2027-02')));
    expect(monthOf(new Date(monthEnd('2027-02').getTime() - 1))).toBe('2027-02');
    expect(monthOf(monthEnd('2027-02'))).toBe('2027-03');
  });

  it('counts trend months back across a year end', () => {
    expect(monthsEndingWith('2027-02', 4)).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsEndingWith('2027-03', 1)).toEqual(['2027-03']);
  });

  it('gives the desk the China months a period touches', () => {
    // From China 1 December 00:00 (UTC still 30 November) to China 1 March 00:00.
    expect(monthsOfPeriod(at('2026-11-30T16:00:00Z'), at('2027-02-28T16:00:00Z'))).toEqual(['2026-12', '2027-01', '2027-02']);
    expect(monthsOfPeriod(at('2026-11-30T15:59:59Z'), at('2026-11-30T16:00:01Z'))).toEqual(['2026-11', '2026-12']);
  });
});

describe('case numbers and times people read', () => {
  it('numbers a case with the China day it was filed', () => {
    expect(chinaDay(at('2026-12-31T15:59:59Z'))).toBe('20261231');
    expect(chinaDay(at('2026-12-31T16:00:00Z'))).toBe('20270101');
    expect(caseNumber('HY', chinaDay(at('2027-02-28T16:30:00Z')), 7)).toBe('HY-20270301-0007');
  });

  it('writes message times in China time', () => {
    expect(chinaTime(at('2026-12-31T16:05:00Z'))).toBe('2027-01-01 00:05');
  });
});

describe('visit due days (China days)', () => {
  it('ends "today" at the next China midnight', () => {
    expect(isoOf(endOfToday(at('2026-11-30T15:59:59Z')))).toBe('2026-11-30T16:00:00.000Z');
    expect(isoOf(endOfToday(at('2026-11-30T16:00:00Z')))).toBe('2026-12-01T16:00:00.000Z');
  });

  it('counts the next visit from the China day of the last one, across a short month end', () => {
    // 23:59 on 28 February in China: due 1 March 00:00 with a one-day rule, 7 March with a weekly one.
    expect(isoOf(dueDayAfter(at('2027-02-28T15:59:00Z'), 1))).toBe('2027-02-28T16:00:00.000Z');
    expect(isoOf(dueDayAfter(at('2027-02-28T15:59:00Z'), 7))).toBe('2027-03-06T16:00:00.000Z');
    // Two minutes later it is 1 March in China.
    expect(isoOf(dueDayAfter(at('2027-02-28T16:01:00Z'), 7))).toBe('2027-03-07T16:00:00.000Z');
    // The reminder goes out at 08:00 China time on the due day.
    expect(isoOf(remindAtFor(at('2027-02-28T16:00:00Z')))).toBe('2027-03-01T00:00:00.000Z');
  });

  it('is overdue by whole China days', () => {
    const due = at('2026-12-30T16:00:00Z'); // 31 December, China
    expect(overdueDays(due, at('2026-12-30T15:59:59Z'))).toBeNull();
    expect(overdueDays(due, at('2026-12-31T15:59:59Z'))).toBe(0);
    expect(overdueDays(due, at('2026-12-31T16:00:00Z'))).toBe(1);
    expect(overdueDays(due, at('2027-01-01T15:59:59Z'))).toBe(1);
  });
});

describe('whatever zone the host runs in', () => {
  // CloudBase runs functions in UTC, but a developer's machine (and its test runs) may sit in a zone with
  // a DST change; China's calendar must not move with it. Jest's sandbox cannot change the zone of its
  // own process, so each zone runs the same probe in a process of its own.
  const zones = ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Shanghai'];
  const probe = path.join(__dirname, 'calendarProbe.ts');
  const run = (tz: string) => JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', probe], { env: { ...process.env, TZ: tz }, encoding: 'utf8' })) as unknown;

  let utc: unknown;
  beforeAll(() => {
    utc = run('UTC');
  });

  it.each(zones)('computes the same China days and months in %s as in UTC', (zone) => {
    expect(run(zone)).toEqual(utc);
  });

  it('and those are the right ones', () => {
    expect(utc).toEqual({
      periodAcrossDst: ['2026-11', '2026-12'],
      periodAtMidnight: ['2026-11', '2026-12'],
      octoberEnds: '2026-10-31T16:00:00.000Z',
      trend: ['2026-10', '2026-11', '2026-12', '2027-01', '2027-02', '2027-03'],
      dueAcrossDst: '2026-11-05T16:00:00.000Z',
      endOfTodayAcrossDst: '2027-04-04T16:00:00.000Z',
      overdueAcrossDst: 3,
    });
  });
});
