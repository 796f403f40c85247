/**
 * Per-invocation counters. CloudBase runs one invocation per instance at a time, so module state
 * reset at the start of each invocation is exact. The wrapper logs them, which is how the
 * "constant DB round trips per action" claim is checked in the logs.
 */
const counters = { db: 0, openapi: 0 };

export function resetCounters(): void {
  counters.db = 0;
  counters.openapi = 0;
}

export function countDbCall(): void {
  counters.db++;
}

export function countOpenApiCall(): void {
  counters.openapi++;
}

export function snapshotCounters(): { db: number; openapi: number } {
  return { ...counters };
}
