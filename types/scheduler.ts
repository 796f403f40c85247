/** The `scheduler` timer function; an admin may also run one tick by hand. */
import { z } from './zod';

export const tickInput = z.object({}).strict();
export const tickOutput = z.object({
  outbox: z.object({ attempted: z.number().int(), sent: z.number().int(), failed: z.number().int(), gaveUp: z.number().int() }),
  escalated: z.number().int(),
  ratingReminders: z.number().int(),
  /** Resolved cases closed for want of a rating (serviceLevels.autoCloseDays). */
  autoClosed: z.number().int(),
  /** Mediation reminders (7 days left), limits reached (told the station admin) and follow-ups due. */
  mediationNotices: z.number().int(),
  /** Finished cases whose personal fields were anonymised after the retention period. */
  anonymised: z.number().int(),
  /** issue 10: surveys created for the month, closed at its end, and surveys whose shared cards were updated. */
  surveys: z.object({ created: z.number().int(), closed: z.number().int(), cardsUpdated: z.number().int() }),
  // issue 11: roster and visits
  /** Households whose visit fell due today: their officer was reminded (once per due date). */
  visitReminders: z.number().int(),
  /** Audit-log entries past the station's retention setting, removed by the daily sweep (issue 12). */
  auditRemoved: z.number().int().optional(),
  /** issue 11: open cases from before the inbox's queue order (`queueAt`) given their place in it. */
  queueBackfilled: z.number().int().optional(),
});
export type TickOutput = z.infer<typeof tickOutput>;
