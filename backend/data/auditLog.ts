/**
 * `auditLog`: what was done to personal data and when (an account deleted at the resident's
 * request, closed cases anonymised after the retention period). Append-only; the station desk
 * lists a station's entries newest first (index station_at). An entry never names the person:
 * `subject` is a one-way hash of their OPENID, enough to answer "was my account deleted?".
 */
import { collections, insertWithId } from './db';

export type AuditAction = 'account_deleted' | 'cases_anonymised' | 'data_exported'
  // issue 11: a household's full phone number shown to staff (roster.revealContact)
  | 'household_contact_viewed';

export interface AuditLogDoc {
  _id: string;
  action: AuditAction;
  /** The station whose data it was (null for a resident never bound to one). */
  stationId: string | null;
  /** `derivedId('subject', openid)`; null for the scheduler's retention runs. */
  subject: string | null;
  /** Who did it: 'resident' (their own request), 'system' (retention) or 'staff' (an export). */
  by: 'resident' | 'system' | 'staff';
  /** Staff actions: the staff member's user id (staff are accountable by name, unlike residents). */
  actorId?: string;
  /** Exports: what was exported (kind, file name, file id, and the kind's own detail). */
  detail?: Record<string, string | number>;
  /** What was touched, in numbers. */
  counts: Record<string, number>;
  at: Date;
  // issue 11: staff reads of personal data name the reader and what they read.
  /** The staff member who read it (OPENID and name), for `by: 'staff'`. */
  actor?: { id: string; name: string };
  /** What was read, e.g. `{kind: 'household', id, label: '3号楼 1单元 202 邢桂珍'}`. */
  target?: { kind: 'household'; id: string; label: string };
}

/** Idempotent by `_id`: a retried deletion writes one entry. */
export const appendAudit = (doc: AuditLogDoc) => insertWithId(collections.auditLog, doc);
