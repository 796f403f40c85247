/**
 * The verified members a survey was put to: its answer rate's denominator, the same on the survey's
 * results page and on the station desk.
 */
/** A survey as the results page reads it, or a row of the desk's per-month counts. */
type Kept = { status: string; memberCount?: number | null };

/**
 * A closed survey keeps the count refreshed at its close (a member verified later does not change its
 * month). An open one: the count at publication or today's, whichever is more (members are still
 * joining through its card). Surveys written before the survey kept a count (`memberCount` absent)
 * fall back to today's count: nothing else is left.
 */
export function surveyInvited(s: Kept, todays: number): number {
  if (s.memberCount === null || s.memberCount === undefined) return todays;
  return s.status === 'closed' ? s.memberCount : Math.max(s.memberCount, todays);
}

/** Whether `surveyInvited` needs today's count (one query spared for a closed survey that kept its own). */
export const needsTodaysMembers = (s: Kept): boolean =>
  s.status !== 'closed' || s.memberCount === null || s.memberCount === undefined;
