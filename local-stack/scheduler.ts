/**
 * Timer triggers, as CloudBase fires them: each function's config.json `triggers` of type `timer`
 * with a 7-field cron `second minute hour day month week year`, read in UTC+8 (Asia/Shanghai, no DST).
 * Week is 0–6 (0 = Sunday) or SUN–SAT; year 1970–2099; `, - * /` everywhere. When both day and week
 * are restricted, either matches (as in CloudBase and classic cron).
 *
 * The event is `{Type: 'Timer', TriggerName, Time}` (see runtime.fireTimer). A run that is still going
 * when the next time comes does not hold the next one back, like CloudBase.
 */
import { CronExpressionParser } from 'cron-parser';
import type { FunctionRuntime } from './runtime';
import { inChina } from '../backend/platform/time';

export const TRIGGER_TIME_ZONE = 'Asia/Shanghai';
const MIN_YEAR = 1970;
const MAX_YEAR = 2099;
/** setTimeout cannot wait longer than ~24.8 days; we re-arm at most hourly anyway. */
const MAX_WAIT_MS = 3_600_000;

export class CronSyntaxError extends Error {
  constructor(expr: string, reason: string) {
    super(`定时触发器表达式 "${expr}" 无效：${reason}`);
    this.name = 'CronSyntaxError';
  }
}

function parseYears(expr: string, field: string): Set<number> | null {
  if (field === '*' || field === '?') return null;
  const years = new Set<number>();
  for (const part of field.split(',')) {
    const m = /^(\*|\d{4})(?:-(\d{4}))?(?:\/(\d+))?$/.exec(part);
    if (!m) throw new CronSyntaxError(expr, `年份字段 "${field}" 无法识别`);
    const from = m[1] === '*' ? MIN_YEAR : Number(m[1]);
    const to = m[2] ? Number(m[2]) : m[1] === '*' || m[3] ? MAX_YEAR : from;
    const step = m[3] ? Number(m[3]) : 1;
    if (from < MIN_YEAR || to > MAX_YEAR || from > to || step < 1) throw new CronSyntaxError(expr, `年份须在 ${MIN_YEAR}–${MAX_YEAR} 之间`);
    for (let y = from; y <= to; y += step) years.add(y);
  }
  return years;
}

/** The year of an instant as seen in UTC+8. */
function yearInZone(d: Date): number {
  return inChina(d).year();
}

/** Midnight, 1 January of `year`, UTC+8, as an instant. */
function startOfYearInZone(year: number): Date {
  return inChina(Date.UTC(year, 6, 1)).startOf('year').toDate();
}

export interface TimerSchedule {
  readonly expression: string;
  /** The first fire time strictly after `after`, or null when the expression never fires again. */
  next(after: Date): Date | null;
}

/** Parses a CloudBase timer cron; throws CronSyntaxError with a Chinese reason. */
export function parseTimerCron(expression: string): TimerSchedule {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 7) throw new CronSyntaxError(expression, `需要 7 个字段（秒 分 时 日 月 星期 年），实际 ${fields.length} 个`);
  const years = parseYears(expression, fields[6]);
  const sixFields = fields.slice(0, 6).join(' ');
  try {
    CronExpressionParser.parse(sixFields, { tz: TRIGGER_TIME_ZONE, strict: false });
  } catch (err) {
    throw new CronSyntaxError(expression, (err as Error).message);
  }
  return {
    expression,
    next(after) {
      let from = after;
      // Each pass either finds a match or jumps to the next allowed year, so this ends.
      for (let guard = 0; guard < 200; guard++) {
        const it = CronExpressionParser.parse(sixFields, { tz: TRIGGER_TIME_ZONE, currentDate: from });
        let candidate: Date;
        try {
          candidate = it.next().toDate();
        } catch {
          return null;
        }
        const year = yearInZone(candidate);
        if (year > MAX_YEAR) return null;
        if (!years || years.has(year)) return candidate;
        const nextYear = [...years].filter((y) => y > year).sort((a, b) => a - b)[0];
        if (nextYear === undefined) return null;
        // Start just before midnight so a trigger at 00:00:00 on 1 January is not skipped.
        from = new Date(startOfYearInZone(nextYear).getTime() - 1);
      }
      return null;
    },
  };
}

export interface ScheduledTrigger {
  functionName: string;
  triggerName: string;
  expression: string;
  nextAt: Date | null;
}

export interface SchedulerOptions {
  runtime: Pick<FunctionRuntime, 'functionNames' | 'config' | 'fireTimer'>;
  log?: (line: string) => void;
  /** For tests: the clock. */
  now?: () => Date;
}

export interface Scheduler {
  /** Reads every function's triggers and arms them. Invalid expressions are logged and skipped. */
  start(): void;
  list(): ScheduledTrigger[];
  /** Fires one trigger now (the first of the function when no name is given); resolves with its result. */
  fireNow(functionName: string, triggerName?: string): Promise<unknown>;
  stop(): void;
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const now = options.now ?? (() => new Date());
  const entries: Array<ScheduledTrigger & { schedule: TimerSchedule; timer?: NodeJS.Timeout }> = [];
  let stopped = false;

  function fire(fn: string, trigger: string, at: Date): Promise<unknown> {
    const started = Date.now();
    return options.runtime.fireTimer(fn, { triggerName: trigger, time: at }).then(
      (result) => {
        log(`[定时触发] ${fn}/${trigger} 完成（${Date.now() - started} ms）`);
        return result;
      },
      (err: unknown) => {
        log(`[定时触发] ${fn}/${trigger} 失败：${(err as Error)?.message ?? String(err)}`);
        throw err;
      },
    );
  }

  function arm(entry: (typeof entries)[number]): void {
    if (stopped || !entry.nextAt) return;
    const wait = Math.min(Math.max(entry.nextAt.getTime() - now().getTime(), 0), MAX_WAIT_MS);
    entry.timer = setTimeout(() => {
      const due = entry.nextAt;
      if (!due) return;
      if (now().getTime() < due.getTime()) {
        arm(entry);
        return;
      }
      fire(entry.functionName, entry.triggerName, due).catch(() => undefined);
      // Skip times missed while the machine slept rather than firing a burst of them.
      entry.nextAt = entry.schedule.next(new Date(Math.max(due.getTime(), now().getTime())));
      arm(entry);
    }, wait);
    entry.timer.unref?.();
  }

  return {
    start() {
      for (const fn of options.runtime.functionNames()) {
        for (const t of options.runtime.config(fn).triggers) {
          try {
            const schedule = parseTimerCron(t.config);
            const entry = { functionName: fn, triggerName: t.name, expression: t.config, schedule, nextAt: schedule.next(now()) };
            entries.push(entry);
            arm(entry);
          } catch (err) {
            log(`[定时触发] ${fn}/${t.name} 未启用：${(err as Error).message}`);
          }
        }
      }
    },
    list: () => entries.map(({ functionName, triggerName, expression, nextAt }) => ({ functionName, triggerName, expression, nextAt })),
    fireNow(fn, triggerName) {
      if (!options.runtime.functionNames().includes(fn)) return Promise.reject(new Error(`云函数 ${fn} 不存在（dist/cloudfunctions 中没有它）`));
      const name = triggerName ?? options.runtime.config(fn).triggers[0]?.name;
      if (!name) return Promise.reject(new Error(`云函数 ${fn} 的 config.json 没有定时触发器`));
      return fire(fn, name, now());
    },
    stop() {
      stopped = true;
      for (const e of entries) clearTimeout(e.timer);
    },
  };
}
