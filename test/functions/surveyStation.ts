/**
 * Issue 10: surveys for the test stations. The timer (the scheduler's survey sweep) creates this
 * month's survey of every community in draft; each community's officer publishes it.
 */
import { monthOf, surveyIdOf } from '../../backend/domain/surveyCalendar';
import type { TestStack } from '../support/stack';
import { unwrap } from './station';

export { monthOf, surveyIdOf };

/** Fires the scheduler (which creates the month's surveys) and has the given officers publish theirs. */
export async function arrangeSurveys(stack: TestStack, publishers: Array<{ communityId: string; officer: string }>, now = new Date()): Promise<string[]> {
  await stack.fireTrigger('scheduler', undefined, now);
  const ids: string[] = [];
  for (const p of publishers) {
    const surveyId = surveyIdOf(p.communityId, monthOf(now));
    unwrap(await stack.call('surveys.publish', { surveyId }, p.officer));
    ids.push(surveyId);
  }
  return ids;
}
