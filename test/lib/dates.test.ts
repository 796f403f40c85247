/**
 * Residents read dates in Beijing time whatever zone their phone is set to (src/lib/dates.ts keeps a
 * fixed UTC+8 offset: China has had no daylight saving since 1991).
 */
import { beijing, formatDate, formatDateTime, formatShortDate, lastDay } from '../../src/lib/dates';

describe('dates in Beijing time', () => {
  const zone = process.env.TZ;
  // A phone abroad: its own zone is eight to nine hours behind UTC and has daylight saving.
  beforeAll(() => { process.env.TZ = 'America/Los_Angeles'; });
  afterAll(() => { process.env.TZ = zone; });

  it('gives the Beijing calendar day, not the phone zone one', () => {
    // 17:30 UTC on 30 November is 01:30 on 1 December in Beijing (and still 30 November in Los Angeles).
    expect(formatDate('2026-11-30T17:30:00Z')).toBe('2026年12月1日');
    expect(formatShortDate('2026-11-30T17:30:00Z')).toBe('12月1日');
    expect(formatDateTime('2026-11-30T17:30:00Z', '2026-12-01T00:00:00Z')).toBe('12月1日 01:30');
    expect(formatDateTime('2025-11-30T17:30:00Z', '2026-12-01T00:00:00Z')).toBe('2025年12月1日 01:30');
  });

  it('stays UTC+8 across the phone zone daylight-saving change and at month ends', () => {
    expect(formatDateTime('2026-03-08T10:30:00Z', '2026-01-01T00:00:00Z')).toBe('3月8日 18:30');
    expect(formatDateTime('2026-07-01T10:30:00Z', '2026-01-01T00:00:00Z')).toBe('7月1日 18:30');
    // A survey closing at Beijing midnight starting January: its last day is 31 December.
    expect(lastDay('2027-01-01T00:00:00+08:00')).toBe('2026年12月31日');
  });

  it('starts the day, week and month in Beijing', () => {
    const at = beijing('2026-11-30T17:30:00Z');
    expect(at.startOf('day').toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(at.startOf('month').toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(at.startOf('month').add(-1, 'month').format('YYYY-MM')).toBe('2026-11');
    expect(beijing('2026-12-01T09:00:00+08:00').format('YYYY-MM-DD HH:mm')).toBe('2026-12-01 09:00');
  });
});
