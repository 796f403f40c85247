/**
 * Per-invocation counters. CloudBase runs one invocation per instance at a time, so module state
 * reset at the start of each invocation is exact. The wrapper logs them, which is how the round-trip
 * bounds per action are checked (test/functions/roundtrips.test.ts). `cacheFill` is the part of `db`
 * spent filling a per-instance cache (the organisation): paid once per instance and TTL, not per call.
 */
const counters = { db: 0, openapi: 0, cacheFill: 0 };

export function resetCounters(): void {
  counters.db = 0;
  counters.openapi = 0;
  counters.cacheFill = 0;
}

export function countDbCall(): void {
  counters.db++;
}

export function countOpenApiCall(): void {
  counters.openapi++;
}

export function countCacheFill(roundTrips: number): void {
  counters.cacheFill += roundTrips;
}

export function snapshotCounters(): { db: number; openapi: number; cacheFill: number } {
  return { ...counters };
}
