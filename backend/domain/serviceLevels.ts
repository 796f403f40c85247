/**
 * THE service-level configuration. Defaults follow the station's promise (urgent help accepted
 * within 30 minutes, everything else within 24 hours); a deployment may override them with the
 * function environment variable FQ_SERVICE_LEVELS, e.g. `{"urgentAcceptMinutes":20}`.
 */
import dayjs from 'dayjs';
import { daysEarlier, daysLater, hoursLater, minutesLater } from '../platform/time';

export interface ServiceLevels {
  urgentAcceptMinutes: number;
  normalAcceptHours: number;
  ratingReminderDays: number;
  /** "我也遇到了" offers open reports younger than this. */
  similarWindowDays: number;
  /** Cases one resident may create in 24 hours (abuse control). */
  maxCasesPerDay: number;
  /** A resolved case the resident has not rated is closed by the scheduler after this many days. */
  autoCloseDays: number;
  /** People's mediation expects a result within this many days of the request. */
  mediationLimitDays: number;
  /** The handler is reminded this many days before the limit. */
  mediationReminderDays: number;
  /** A follow-up visit is due this many days after a successful mediation. */
  followUpDays: number;
  /** A finished case's personal fields are anonymised this many years after it closed (PIPL). */
  personalDataRetentionYears: number;
}

const defaults: ServiceLevels = {
  urgentAcceptMinutes: 30,
  normalAcceptHours: 24,
  ratingReminderDays: 3,
  similarWindowDays: 7,
  maxCasesPerDay: 30,
  autoCloseDays: 7,
  mediationLimitDays: 30,
  mediationReminderDays: 7,
  followUpDays: 15,
  personalDataRetentionYears: 3,
};

let cached: ServiceLevels | null = null;

export function serviceLevels(): ServiceLevels {
  if (cached) return cached;
  const merged = { ...defaults };
  const raw = process.env.FQ_SERVICE_LEVELS;
  if (raw) {
    try {
      const o = JSON.parse(raw) as Record<string, unknown>;
      for (const k of Object.keys(defaults) as Array<keyof ServiceLevels>) {
        const v = o[k];
        if (typeof v === 'number' && Number.isFinite(v) && v > 0) merged[k] = v;
      }
    } catch {
      console.error(JSON.stringify({ msg: 'FQ_SERVICE_LEVELS is not valid JSON; using defaults' }));
    }
  }
  cached = merged;
  return merged;
}

/** When a case waiting for acceptance becomes overdue. */
export function acceptDeadline(from: Date, urgent: boolean): Date {
  const sl = serviceLevels();
  return urgent ? minutesLater(from, sl.urgentAcceptMinutes) : hoursLater(from, sl.normalAcceptHours);
}

export function ratingReminderAt(resolvedAt: Date): Date {
  return daysLater(resolvedAt, serviceLevels().ratingReminderDays);
}

/** When a resolved, unrated case is closed by the scheduler. */
export function autoCloseAt(resolvedAt: Date): Date {
  return daysLater(resolvedAt, serviceLevels().autoCloseDays);
}

/** The system's timeline text for that close (the seed writes the same words into its history). */
export function autoCloseText(days = serviceLevels().autoCloseDays): string {
  return `超过${days}天未评价，系统自动办结`;
}

/** The one-month limit of a mediation requested at `from`. */
export function mediationDeadline(from: Date): Date {
  return daysLater(from, serviceLevels().mediationLimitDays);
}

/** When the handler is reminded of the limit. */
export function mediationReminderAt(deadline: Date): Date {
  return daysEarlier(deadline, serviceLevels().mediationReminderDays);
}

/** When the follow-up visit of a mediation that succeeded at `closedAt` is due. */
export function followUpDueAt(closedAt: Date): Date {
  return daysLater(closedAt, serviceLevels().followUpDays);
}

/** When a finished case's personal fields are anonymised (the scheduler's retention sweep). */
export function retentionEndsAt(closedAt: Date): Date {
  return dayjs(closedAt).add(serviceLevels().personalDataRetentionYears * 12, 'month').toDate();
}

/** Subscribe-message retry schedule, in minutes: quick at first, then spaced out; gives up after the last step. */
export const pushRetryDelaysMinutes = [1, 5, 15, 60, 180, 360, 720, 1440];
