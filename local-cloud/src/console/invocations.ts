/**
 * Function invocations as the runtime that ran them reports them (local cloud runs no functions
 * itself): caller, action, time, round trips, result. Kept in memory, newest last, bounded.
 */
export interface InvocationRecord {
  /** ISO time the invocation finished. */
  at: string;
  requestId: string;
  fn: string;
  action: string;
  /** The caller's OPENID, or the source when there is none ('wx_trigger', 'scf'). */
  caller: string;
  source: string;
  ms: number;
  ok: boolean;
  /** The app's error code (`{ok:false,error:{code}}`) or the runtime's failure kind. */
  code?: string | null;
  /** Round trips counted by the function itself, e.g. `{db: 5, openapi: 1}`. */
  calls?: Record<string, number> | null;
}

export interface InvocationQuery {
  fn?: string;
  action?: string;
  caller?: string;
  ok?: boolean;
  limit?: number;
}

const KEEP = 5000;

export class InvocationLog {
  private readonly records: InvocationRecord[] = [];

  add(record: InvocationRecord): void {
    this.records.push(record);
    if (this.records.length > KEEP) this.records.splice(0, this.records.length - KEEP);
  }

  /** Newest first. `fn` matches `fn` or `fn.action`; `caller` is a substring match. */
  list(q: InvocationQuery = {}): InvocationRecord[] {
    const limit = Math.min(Math.max(q.limit ?? 200, 1), KEEP);
    const out: InvocationRecord[] = [];
    for (let i = this.records.length - 1; i >= 0 && out.length < limit; i--) {
      const r = this.records[i];
      if (q.fn && r.fn !== q.fn && `${r.fn}.${r.action}` !== q.fn) continue;
      if (q.action && r.action !== q.action) continue;
      if (q.caller && !r.caller.includes(q.caller)) continue;
      if (q.ok !== undefined && r.ok !== q.ok) continue;
      out.push(r);
    }
    return out;
  }

  clear(): number {
    const n = this.records.length;
    this.records.length = 0;
    return n;
  }
}
