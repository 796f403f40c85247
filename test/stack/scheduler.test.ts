import { createScheduler, CronSyntaxError, parseTimerCron } from '../../local-stack/scheduler';
import type { FunctionConfig, TimerFire } from '../../local-stack/runtime';
import { waitFor } from '../support/wait-for';

const next = (expr: string, after: string) => parseTimerCron(expr).next(new Date(after))?.toISOString() ?? null;

describe('timer cron (7 fields, UTC+8)', () => {
  it('reads second minute hour day month week year in China time', () => {
    // 02:00 on the 1st, China time = 18:00 UTC the day before.
    expect(next('0 0 2 1 * * *', '2026-11-29T12:00:00Z')).toBe('2026-11-30T18:00:00.000Z');
    expect(next('*/10 * * * * * *', '2026-11-29T12:00:03Z')).toBe('2026-11-29T12:00:10.000Z');
  });

  it('takes week 0–6 with 0 as Sunday, and names', () => {
    // 2026-11-29 is a Sunday; 20:00 China time.
    expect(next('0 30 9 * * 1 *', '2026-11-29T12:00:00Z')).toBe('2026-11-30T01:30:00.000Z');
    expect(next('0 0 0 * * 0 *', '2026-11-29T12:00:00Z')).toBe('2026-12-05T16:00:00.000Z');
    expect(next('0 0 0 * * SUN *', '2026-11-29T12:00:00Z')).toBe('2026-12-05T16:00:00.000Z');
  });

  it('fires on either the day or the week day when both are given', () => {
    expect(next('0 0 0 1 * 1 *', '2026-11-29T12:00:00Z')).toBe('2026-11-29T16:00:00.000Z'); // Monday 30th
    expect(next('0 0 0 3 * 1 *', '2026-11-30T12:00:00Z')).toBe('2026-12-02T16:00:00.000Z'); // the 3rd
  });

  it('honours the year field, including midnight on 1 January', () => {
    expect(next('0 0 0 1 1 * 2028', '2026-11-29T12:00:00Z')).toBe('2027-12-31T16:00:00.000Z');
    expect(next('0 0 8 * * * 2026-2027', '2027-12-31T12:00:00Z')).toBeNull();
    expect(next('0 0 8 * * * 2020', '2026-11-29T12:00:00Z')).toBeNull();
  });

  it('refuses anything but 7 valid fields, in Chinese', () => {
    expect(() => parseTimerCron('0 0 * * *')).toThrow(CronSyntaxError);
    expect(() => parseTimerCron('0 0 * * *')).toThrow(/需要 7 个字段/);
    expect(() => parseTimerCron('0 0 99 * * * *')).toThrow(CronSyntaxError);
    expect(() => parseTimerCron('0 0 8 * * * 1800')).toThrow(/年份/);
  });
});

describe('scheduler', () => {
  function fakeRuntime(triggers: Record<string, string>) {
    const fired: Array<{ fn: string; fire: TimerFire }> = [];
    const runtime = {
      functionNames: () => Object.keys(triggers),
      config: (fn: string): FunctionConfig => ({
        timeoutSeconds: 3,
        envVariables: {},
        httpPath: null,
        triggers: [{ name: `${fn}Timer`, type: 'timer', config: triggers[fn] }],
      }),
      fireTimer: async (fn: string, fire: TimerFire) => {
        fired.push({ fn, fire });
        return { fn };
      },
    };
    return { runtime, fired };
  }

  it('fires each trigger at its time with the scheduled time as the event time', async () => {
    const { runtime, fired } = fakeRuntime({ every: '* * * * * * *', broken: '0 0 * * *' });
    const logs: string[] = [];
    const scheduler = createScheduler({ runtime, log: (l) => logs.push(l) });
    scheduler.start();
    expect(scheduler.list().map((t) => t.functionName)).toEqual(['every']);
    expect(logs.join('\n')).toMatch(/broken\/brokenTimer 未启用/);
    // Fires at the next whole second; wait for it, not for a time (the machine may be busy).
    await waitFor(() => fired.length > 0, { what: 'the every-second trigger to fire', timeoutMs: 5000 });
    scheduler.stop();
    expect(fired.length).toBeGreaterThanOrEqual(1);
    expect(fired[0].fire.triggerName).toBe('everyTimer');
    expect(fired[0].fire.time?.getUTCMilliseconds()).toBe(0);
  });

  it('fires a trigger on demand', async () => {
    const { runtime, fired } = fakeRuntime({ monthly: '0 0 2 1 * * *' });
    const scheduler = createScheduler({ runtime, log: () => undefined });
    await expect(scheduler.fireNow('monthly')).resolves.toEqual({ fn: 'monthly' });
    expect(fired).toHaveLength(1);
    expect(fired[0].fire.triggerName).toBe('monthlyTimer');
  });
});
