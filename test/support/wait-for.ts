/**
 * Wait for a condition instead of a fixed time: polls `probe` until it returns something other than
 * undefined/false/null, and fails with what was awaited and the last value seen once the deadline
 * passes. On a busy machine a fixed sleep is either too short (a flaky test) or wastefully long;
 * a condition with a deadline is neither.
 *
 *   const rows = await waitFor(async () => { const r = await list(); return r.every(done) && r; }, { what: 'pushes delivered' });
 */
export interface WaitOptions {
  /** What is awaited, for the failure message (e.g. "the push to be delivered"). */
  what: string;
  /** Give up after this long (default 15 s: generous for a busy 2-core machine). */
  timeoutMs?: number;
  /** Pause between probes (default 25 ms). */
  intervalMs?: number;
  /** Describe the last state seen, for the failure message (default: JSON of the last probe value). */
  describe?: () => string | Promise<string>;
}

export async function waitFor<T>(probe: () => T | false | null | undefined | Promise<T | false | null | undefined>, opts: WaitOptions): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? 15_000);
  let last: unknown;
  let lastError: unknown;
  for (;;) {
    try {
      last = await probe();
      lastError = undefined;
      if (last !== undefined && last !== false && last !== null) return last as T;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() >= deadline) {
      const seen = opts.describe ? await opts.describe() : lastError ? `error: ${(lastError as Error).message ?? String(lastError)}` : `last value: ${JSON.stringify(last)}`;
      throw new Error(`timed out after ${opts.timeoutMs ?? 15_000} ms waiting for ${opts.what} (${seen})`);
    }
    await new Promise((resolve) => setTimeout(resolve, opts.intervalMs ?? 25));
  }
}
