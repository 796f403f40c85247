/**
 * Issue 10: surveys for the test stations. The timer (the scheduler's survey sweep) creates this
 * month's survey of every community in draft; each community's officer publishes it.
 *
 * "This month" is the China month at the instant the scheduler ran, in the function: a month the test
 * computes itself (before or after) is another one when China's month turns in between, so tests read
 * the survey the timer made (`timerSurveyOf`) rather than computing its id.
 */
import { monthOf, surveyIdOf } from '../../backend/domain/surveyCalendar';
import type { TestStack } from '../support/stack';
import { dataOf, unwrap } from './station';

export { monthOf, surveyIdOf };

/** The community's newest survey (id and month): the one the timer made in its latest run. */
export async function timerSurveyOf(stack: TestStack, communityId: string): Promise<{ id: string; month: string }> {
  const [doc] = await dataOf<Array<{ _id: string; month: string }>>(stack.database().collection('surveys').where({ communityId }).orderBy('month', 'desc').limit(1).get());
  if (!doc) throw new Error(`the timer made no survey for ${communityId}`);
  return { id: doc._id, month: doc.month };
}

/** Fires the scheduler (which creates the month's surveys) and has the given officers publish theirs. */
export async function arrangeSurveys(stack: TestStack, publishers: Array<{ communityId: string; officer: string }>, now = new Date()): Promise<string[]> {
  await stack.fireTrigger('scheduler', undefined, now);
  const ids: string[] = [];
  for (const p of publishers) {
    const { id: surveyId } = await timerSurveyOf(stack, p.communityId);
    unwrap(await stack.call('surveys.publish', { surveyId }, p.officer));
    ids.push(surveyId);
  }
  return ids;
}
