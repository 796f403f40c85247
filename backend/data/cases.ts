/**
 * `cases`: every report, help request and mediation, with its timeline embedded (one read shows
 * the whole case; one conditional update changes state and appends history atomically).
 *
 * Indexes (cloudfunctions/collections.json): assignee_created, assignee_open_created,
 * assignee_awaiting_sla, assignee_unread, station_escalated, building_category_open_created,
 * reporter_created, awaiting_escalated_sla, reminder_due, status_resolved (auto-close), grid_open
 * (a grid's open cases follow a new officer).
 */
import type { ActorKind, CaseKind, CaseStatus, HelpType, MediationOutcome, MediationTier, MediationType, ReportCategory, TimelineType, Urgency } from '../../types/case';
import type { MapPoint } from '../../types/common';
import { cmd, coll, collections, docsOf, getById, insertMany, insertWithId, rt, setFields, updatedCount } from './db';

export type PhotoReview = 'pending' | 'approved' | 'rejected';

export interface CasePhoto {
  fileId: string;
  review: PhotoReview;
  addedAt: Date;
  /** `mediaCheckAsync` trace id; null/absent when no check was requested (or the request failed). */
  checkTraceId?: string | null;
}

export interface TimelineDoc {
  id: string;
  at: Date;
  type: TimelineType;
  actorKind: ActorKind;
  /** OPENID of the actor; never leaves the backend. */
  actorId: string | null;
  /** Display name; for a resident this is never their identity when the case is anonymous. */
  actorName: string;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
  text: string | null;
  visibility: 'public' | 'internal';
}

export interface HelpFacts {
  helpType: HelpType;
  urgency: Urgency;
  callbackAllowed: boolean;
}

export interface MediationFacts {
  mediationType: MediationType;
  otherParty: string;
  wants: string;
  tier: MediationTier;
  outcome: MediationOutcome | null;
  agreement: string | null;
}

export interface RatingDoc {
  satisfaction: number;
  safety: number;
  comment: string | null;
  at: Date;
}

export interface CaseDoc {
  _id: string;
  kind: CaseKind;
  status: CaseStatus;
  clientRequestId: string;
  stationId: string;
  communityId: string;
  communityName: string;
  buildingId: string | null;
  buildingName: string | null;
  unit: string | null;
  point: MapPoint | null;
  gridId: string;
  gridName: string;
  /** OPENID of whoever must act: the grid's officer, or a station admin. */
  assigneeId: string | null;
  assigneeName: string | null;
  /** e.g. 社区民警, or 派出所 when the station answers. */
  assigneeTitle: string | null;
  /** Kept for abuse control even when anonymous; staff views never show it. */
  reporterId: string;
  anonymous: boolean;
  reporterName: string | null;
  /** Only kept when the resident allowed a call back. */
  reporterPhone: string | null;
  title: string;
  description: string;
  category: ReportCategory | null;
  help: HelpFacts | null;
  mediation: MediationFacts | null;
  urgent: boolean;
  photos: CasePhoto[];
  timeline: TimelineDoc[];
  supporterCount: number;
  /** Derived flags kept in the document so queries are plain equality on an index. */
  open: boolean;
  awaitingAccept: boolean;
  slaDueAt: Date | null;
  escalated: boolean;
  escalatedAt: Date | null;
  staffUnread: boolean;
  rating: RatingDoc | null;
  ratingReminderPending: boolean;
  ratingReminderAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  acceptedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
}

/** A case never holds more history than this; beyond it notes are refused (documents are ≤ 512 KB). */
export const MAX_TIMELINE = 300;

export const getCase = (id: string) => getById<CaseDoc>(collections.cases, id);

/** Insert with the derived `_id`; false when a case with that id exists (a retried create). */
export const insertCase = (doc: CaseDoc) => insertWithId(collections.cases, doc);

/** Seeds: many cases, with their history, in one round trip per 500. */
export const insertCases = (docs: CaseDoc[]) => insertMany(collections.cases, docs);

export type CasePatch = Partial<Omit<CaseDoc, '_id' | 'timeline' | 'createdAt'>>;

/**
 * Apply a change only if the case is still in one of `fromStatuses` (atomic compare-and-set, one
 * round trip). Appends timeline entries in the same write. Returns false when the state moved on.
 */
export interface CaseOps {
  incSupporters?: number;
  pushPhotos?: CasePhoto[];
}

/**
 * Apply a change only if the case is still in one of `fromStatuses` (atomic compare-and-set, one
 * round trip). Appends timeline entries in the same write. Returns false when the state moved on.
 */
export async function updateCaseIf(
  id: string,
  fromStatuses: readonly CaseStatus[] | null,
  patch: CasePatch,
  entries: TimelineDoc[],
  ops: CaseOps = {},
): Promise<boolean> {
  const where: Record<string, unknown> = { _id: id };
  if (fromStatuses) where.status = fromStatuses.length === 1 ? fromStatuses[0] : cmd().in([...fromStatuses]);
  const data: Record<string, unknown> = setFields(patch);
  if (entries.length > 0) data.timeline = cmd().push(entries);
  if (ops.incSupporters) data.supporterCount = cmd().inc(ops.incSupporters);
  if (ops.pushPhotos && ops.pushPhotos.length > 0) data.photos = cmd().push(ops.pushPhotos);
  const res = await rt(() => coll(collections.cases).where(where).update({ data }));
  return updatedCount(res) === 1;
}

/** Staff opened the case: clear its unread mark (no timeline entry). */
export async function markStaffRead(id: string): Promise<void> {
  await rt(() => coll(collections.cases).doc(id).update({ data: { staffUnread: false } }));
}

export interface CasePageQuery {
  before?: Date;
  limit: number;
}

function beforeClause(before: Date | undefined): Record<string, unknown> {
  return before ? { createdAt: cmd().lt(before) } : {};
}

/** Inbox of one assignee, newest first; `openOnly` uses the assignee+open index. */
export async function casesOfAssignee(assigneeId: string, openOnly: boolean, q: CasePageQuery): Promise<CaseDoc[]> {
  const where = { assigneeId, ...(openOnly ? { open: true } : {}), ...beforeClause(q.before) };
  return docsOf<CaseDoc>(await rt(() => coll(collections.cases).where(where).orderBy('createdAt', 'desc').limit(q.limit).get()));
}

/** Escalated open cases of a station (the admin's second inbox stream), newest first. */
export async function escalatedOfStation(stationId: string, q: CasePageQuery): Promise<CaseDoc[]> {
  const where = { stationId, escalated: true, open: true, ...beforeClause(q.before) };
  return docsOf<CaseDoc>(await rt(() => coll(collections.cases).where(where).orderBy('createdAt', 'desc').limit(q.limit).get()));
}

/** Waiting-for-acceptance cases past their deadline, oldest deadline first. */
export async function overdueOfAssignee(assigneeId: string, now: Date, limit: number): Promise<CaseDoc[]> {
  const where = { assigneeId, awaitingAccept: true, slaDueAt: cmd().lte(now) };
  return docsOf<CaseDoc>(await rt(() => coll(collections.cases).where(where).orderBy('slaDueAt', 'asc').limit(limit).get()));
}

export async function countStaffUnread(assigneeId: string): Promise<number> {
  const res = await rt(() => coll(collections.cases).where({ assigneeId, staffUnread: true }).count());
  return Number((res as { total?: number }).total ?? 0);
}

/** Open reports of one category in one building since a date ("我也遇到了"). */
export async function similarOpenReports(buildingId: string, category: ReportCategory, since: Date, limit: number): Promise<CaseDoc[]> {
  const where = { buildingId, category, open: true, createdAt: cmd().gte(since) };
  return docsOf<CaseDoc>(await rt(() => coll(collections.cases).where(where).orderBy('createdAt', 'desc').limit(limit).get()));
}

/** How many cases a resident created since a date (rate limit). */
export async function countCreatedSince(reporterId: string, since: Date): Promise<number> {
  const res = await rt(() => coll(collections.cases).where({ reporterId, createdAt: cmd().gte(since) }).count());
  return Number((res as { total?: number }).total ?? 0);
}

/** Not accepted in time and not yet escalated: the scheduler's SLA sweep (bounded batch). */
export async function dueForEscalation(now: Date, limit: number): Promise<CaseDoc[]> {
  const where = { awaitingAccept: true, escalated: false, slaDueAt: cmd().lte(now) };
  return docsOf<CaseDoc>(await rt(() => coll(collections.cases).where(where).orderBy('slaDueAt', 'asc').limit(limit).get()));
}

/** Resolved, unrated, reminder due: the scheduler's rating-reminder sweep (bounded batch). */
export async function dueForRatingReminder(now: Date, limit: number): Promise<CaseDoc[]> {
  const where = { ratingReminderPending: true, ratingReminderAt: cmd().lte(now) };
  return docsOf<CaseDoc>(await rt(() => coll(collections.cases).where(where).orderBy('ratingReminderAt', 'asc').limit(limit).get()));
}

/** Resolved (hence unrated: rating closes a case) since before `resolvedBefore`: the auto-close sweep. */
export async function dueForAutoClose(resolvedBefore: Date, limit: number): Promise<CaseDoc[]> {
  const where = { status: 'resolved', resolvedAt: cmd().lte(resolvedBefore) };
  return docsOf<CaseDoc>(await rt(() => coll(collections.cases).where(where).orderBy('resolvedAt', 'asc').limit(limit).get()));
}

/** Flag-only updates by the scheduler (no state change), guarded by the flag they clear. */
export async function markEscalated(id: string, now: Date, entry: TimelineDoc): Promise<boolean> {
  const data: Record<string, unknown> = { escalated: true, escalatedAt: now, updatedAt: now, staffUnread: true, timeline: cmd().push([entry]) };
  const res = await rt(() => coll(collections.cases).where({ _id: id, escalated: false, awaitingAccept: true }).update({ data }));
  return updatedCount(res) === 1;
}

export async function markRatingReminded(id: string): Promise<boolean> {
  const res = await rt(() => coll(collections.cases).where({ _id: id, ratingReminderPending: true }).update({ data: { ratingReminderPending: false } }));
  return updatedCount(res) === 1;
}

/**
 * A photo's review verdict. Photos are only ever appended, so `index` is stable; the filter also
 * requires the file id there and a pending review, so a late or repeated verdict changes nothing.
 */
export async function setPhotoReview(caseId: string, index: number, fileId: string, review: Exclude<PhotoReview, 'pending'>): Promise<boolean> {
  const where = { _id: caseId, [`photos.${index}.fileId`]: fileId, [`photos.${index}.review`]: 'pending' };
  const res = await rt(() => coll(collections.cases).where(where).update({ data: { [`photos.${index}.review`]: review } }));
  return updatedCount(res) === 1;
}

export interface Assignee {
  assigneeId: string | null;
  assigneeName: string | null;
  assigneeTitle: string | null;
}

/**
 * A grid changed hands: its open cases follow it to the new assignee in one write (index
 * grid_open), each with the same internal timeline entry and an unread mark for the new assignee.
 * Cases already theirs are left alone. Returns how many moved.
 */
export async function reassignOpenCasesOfGrid(gridId: string, to: Assignee, now: Date, e: TimelineDoc): Promise<number> {
  const where: Record<string, unknown> = { gridId, open: true };
  if (to.assigneeId) where.assigneeId = cmd().neq(to.assigneeId);
  const data = { ...to, staffUnread: true, updatedAt: now, timeline: cmd().push([e]) };
  const res = await rt(() => coll(collections.cases).where(where).update({ data }));
  return updatedCount(res);
}
