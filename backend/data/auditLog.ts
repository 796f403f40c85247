/**
 * `auditLog`: what was done to personal data and by whom — an account deleted at the resident's
 * request, closed cases anonymised after the retention period, and (issue 12) every staff read of
 * personal data, every export, every role change, invite and grid hand-over. Append-only: this module
 * offers no update, and the only removal is the retention sweep of entries older than the station's
 * setting (test/functions/auditLog.test.ts holds every app action to that). A resident is never named:
 * `subject` is a one-way hash of their OPENID.
 *
 * Indexes: station_at (the desk's list, newest first; the retention sweep), station_action_at and
 * station_actor_at (its filters).
 */
import type { AuditActionName } from '../../types/station';
import { cmd, coll, collections, docsOf, insertWithId, rt } from './db';
import { CURSOR_SLACK, dropSeen, type PageCursor } from './paging';

export type AuditAction = AuditActionName;

export interface AuditTarget {
  /** 'case' | 'mediation' | 'user' | 'invite' | 'grid' | 'export' | 'station' */
  kind: string;
  id: string | null;
  /** What the admin reads: a case title, a person's name, a file name. */
  label: string;
}

export interface AuditLogDoc {
  _id: string;
  action: AuditAction;
  /** The station whose data it was (null for a resident never bound to one). */
  stationId: string | null;
  /** `derivedId('subject', openid)`; null for the scheduler's retention runs and staff actions. */
  subject: string | null;
  /** Who did it: 'resident' (their own request), 'system' (retention) or 'staff'. */
  by: 'resident' | 'system' | 'staff';
  /** What was touched, in numbers. */
  counts: Record<string, number>;
  at: Date;
  /** Staff actions: who (OPENID, for the filter) and their name as shown. */
  actorId?: string | null;
  actorName?: string | null;
  target?: AuditTarget | null;
  /** One line in Chinese for the desk ("导出调解台账 2026-11-01 至 2026-12-01，共 12 行"). */
  detail?: string | null;
}

/** Idempotent by `_id`: a retried deletion writes one entry. */
export const appendAudit = (doc: AuditLogDoc) => insertWithId(collections.auditLog, doc);

export interface AuditQuery {
  stationId: string;
  action?: AuditAction;
  actorId?: string;
  from?: Date;
  to?: Date;
  after?: PageCursor;
  limit: number;
}

/** One page of a station's audit log, newest first, on the index that matches the filter. */
export async function auditPage(q: AuditQuery): Promise<AuditLogDoc[]> {
  const _ = cmd();
  const where: Record<string, unknown> = { stationId: q.stationId };
  if (q.action) where.action = q.action;
  else if (q.actorId) where.actorId = q.actorId;
  // One range on `at`: the period's bounds and the page cursor, joined with `and`.
  const upper = q.after ? _.lte(q.after.at) : q.to ? _.lt(q.to) : null;
  if (q.from && upper) where.at = _.gte(q.from).and(upper);
  else if (q.from) where.at = _.gte(q.from);
  else if (upper) where.at = upper;
  const limit = q.limit + (q.after ? CURSOR_SLACK : 0);
  const rows = docsOf<AuditLogDoc>(await rt(() => coll(collections.auditLog).where(where).orderBy('at', 'desc').orderBy('_id', 'desc').limit(limit).get()));
  return dropSeen(rows, (r) => r.at, q.after).slice(0, q.limit);
}

/** The retention sweep: a station's entries older than `before` go (index station_at). */
export async function removeAuditBefore(stationId: string, before: Date): Promise<number> {
  const res = await rt(() => coll(collections.auditLog).where({ stationId, at: cmd().lt(before) }).remove());
  const removed = (res as { stats?: { removed?: unknown } }).stats?.removed;
  return typeof removed === 'number' ? removed : 0;
}
