/**
 * `cases`: every report, help request and mediation, with its timeline embedded (one read shows
 * the whole case; one conditional update changes state and appends history atomically).
 *
 * Only domain/caseLifecycle.ts changes a case's status or derived flags (through `updateCaseAtVersion`).
 *
 * Indexes (cloudfunctions/collections.json): assignee_created, assignee_open_created,
 * assignee_awaiting_sla, assignee_unread, station_escalated_open_created,
 * building_category_open_created, reporter_created, sweep_due (the scheduler's one sweep), grid_open
 * (a grid's open cases follow a new officer), station_mediation_closed (mediations.stats); the station
 * desk: station_created, station_kind_created (also Open311 GET requests), grid_created, community_created, station_kind_open_deadline.
 */
import type { ActorKind, CaseKind, CaseStatus, HelpType, MediationOutcome, MediationTier, MediationType, ReportCategory, TimelineType, Urgency } from '../../types/case';
import type { MapPoint } from '../../types/common';
import { cmd, coll, collections, db, docsOf, getById, insertMany, insertWithId, rt, setFields, subPipeline, updatedCount, type SubPipeline } from './db';
import { afterCursor, afterCursorAsc, CURSOR_SLACK, dropSeen, dropSeenAsc, type PageCursor } from './paging';

export type PhotoReview = 'pending' | 'approved' | 'rejected';

export interface CasePhoto {
  fileId: string;
  review: PhotoReview;
  addedAt: Date;
  /** OPENID of a resident who added it while joining ("我也遇到了"); absent: the reporter's (or staff's). */
  addedBy?: string | null;
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
  legalAdvice?: LegalAdviceDoc | null;
}

export interface PartyDoc {
  name: string;
  /** 申请人, 对方当事人, 家属… */
  relation: string;
  /** As far as known; staff see it masked, reading it in full is audited (auditLog, personal_data_read). */
  phone: string | null;
}

export interface MediatorDoc {
  id: string;
  name: string;
  title: string;
}

export interface MediationSessionDoc {
  id: string;
  at: Date;
  place: string;
  attendees: string[];
  status: 'scheduled' | 'held';
  notes: string | null;
  proposals: string | null;
  recordedAt: Date | null;
  recordedBy: string | null;
}

/**
 * A mediation's own facts, embedded in its case (bounded: ≤ MAX_SESSIONS sessions, a handful of
 * parties and mediators), so one compare-and-set changes tier, outcome or sessions together with
 * the status and the timeline. Fields added by issue 9 are optional: older documents lack them and
 * domain/mediationFacts.ts reads them with defaults.
 */
export interface MediationFacts {
  mediationType: MediationType;
  otherParty: string;
  wants: string;
  tier: MediationTier;
  outcome: MediationOutcome | null;
  agreement: string | null;
  parties?: PartyDoc[];
  /** Everyone who mediates it (the officer, community mediators, the judicial mediator); access and per-mediator stats. */
  mediators?: MediatorDoc[];
  /** The same ids, for `$match` on the caller's own mediations. */
  mediatorIds?: string[];
  /** The judicial mediator leading it from 专业助调 on. */
  handlerId?: string | null;
  referral?: { body: string; contact: string; date: Date } | null;
  sessions?: MediationSessionDoc[];
  referredTo?: string | null;
  agreementFileId?: string | null;
  agreementConfirmation?: { by: 'resident' | 'paper'; at: Date } | null;
  /** The one-month limit and what the scheduler has done about it. */
  deadlineAt?: Date | null;
  deadlineExtensions?: number;
  deadlineReminded?: boolean;
  deadlineReported?: boolean;
  followUpDueAt?: Date | null;
  followUpReminded?: boolean;
  followUp?: { at: Date; honoured: boolean; note: string } | null;
}

/** A legal-advice help request routed to the judicial mediator. */
export interface LegalAdviceDoc {
  advisorId: string;
  advisorName: string;
  answer: string | null;
}

export interface RatingDoc {
  satisfaction: number;
  safety: number;
  comment: string | null;
  at: Date;
}

export interface CaseDoc {
  _id: string;
  /** 受理编号 (domain/caseNumbers.ts); absent only on cases filed before numbers existed. Index case_no. */
  caseNo?: string | null;
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
  /** Bumped by every write; transitions compare-and-set on it (domain/caseLifecycle.ts). */
  version: number;
  /** When the scheduler must next look at the case (escalation, rating reminder, auto-close, mediation limit, follow-up, retention); null: never. */
  sweepAt: Date | null;
  /** When a mediation got its outcome (null while open or after a reopen); index station_mediation_closed (the success rate). */
  mediationClosedAt?: Date | null;
  /** Set once the case's personal fields were anonymised (retention period; domain/residentRights.ts). */
  personalDataErasedAt?: Date | null;
  /**
   * issue 11: the to-do order of the inbox as one sortable instant (domain/caseLifecycle.queueAt):
   * urgent waiting cases first, then waiting cases by deadline, then accepted ones; null when done.
   * Absent on cases written before it: they sort last until their next transition.
   */
  queueAt?: Date | null;
  /** issue 11: grid workers helping on the case (协办); ids for access, names for the page. */
  helpers?: CaseHelper[];
  /** issue 11: the Shanghai day (YYYY-MM-DD) the admin last pressed the assignee (督办 once a day). */
  pressedOn?: string | null;
  /** Where the case came from when not a resident's own form (issue 11: a finding on a 和苑家人 patrol). */
  source?: CaseSource | null;
}

export interface CaseHelper {
  id: string;
  name: string;
}

export type CaseSource = { kind: 'patrol'; patrolId: string };

/** The reporter id a case keeps once its reporter is erased (PIPL): no person, and no OPENID. */
export const ERASED_REPORTER = 'erased';

/** A case never holds more history than this; beyond it notes are refused (documents are ≤ 512 KB). */
export const MAX_TIMELINE = 300;

export const getCase = (id: string) => getById<CaseDoc>(collections.cases, id);

/** Insert with the derived `_id`; false when a case with that id exists (a retried create). */
export const insertCase = (doc: CaseDoc) => insertWithId(collections.cases, doc);

/** Seeds: many cases, with their history, in one round trip per 500. */
export const insertCases = (docs: CaseDoc[]) => insertMany(collections.cases, docs);

export type CasePatch = Partial<Omit<CaseDoc, '_id' | 'timeline' | 'createdAt' | 'version'>>;

/** Array and counter changes made in the same write as a patch. */
export interface CaseOps {
  incSupporters?: number;
  pushPhotos?: CasePhoto[];
}

/**
 * Compare-and-set: apply the change only if the case is still at `version` (one round trip), append
 * the timeline entries and bump the version in the same write. false: someone else wrote first.
 */
export async function updateCaseAtVersion(id: string, version: number, patch: CasePatch, entries: TimelineDoc[], ops: CaseOps = {}): Promise<boolean> {
  const data: Record<string, unknown> = { ...setFields(patch), version: cmd().inc(1) };
  if (entries.length > 0) data.timeline = cmd().push(entries);
  if (ops.incSupporters) data.supporterCount = cmd().inc(ops.incSupporters);
  if (ops.pushPhotos && ops.pushPhotos.length > 0) data.photos = cmd().push(ops.pushPhotos);
  const res = await rt(() => coll(collections.cases).where({ _id: id, version }).update({ data }));
  return updatedCount(res) === 1;
}

/** Staff opened the case: clear its unread mark (no timeline entry, no version change). */
/**
 * issue 11: open cases written before `queueAt` existed (index open_queue; `null` also matches a
 * missing field). Every open case written since has one, so once backfilled this answers nothing.
 */
export async function openCasesWithoutQueueAt(limit: number): Promise<CaseDoc[]> {
  return docsOf<CaseDoc>(await rt(() => coll(collections.cases).where({ open: true, queueAt: null }).limit(limit).get()));
}

/** Sets `queueAt` only while the case still has none: a transition that set it meanwhile wins. */
export async function setQueueAtIfMissing(id: string, queueAt: Date): Promise<boolean> {
  const res = await rt(() => coll(collections.cases).where({ _id: id, queueAt: null }).update({ data: { queueAt } }));
  return updatedCount(res) === 1;
}

export async function markStaffRead(id: string): Promise<void> {
  await rt(() => coll(collections.cases).where({ _id: id, staffUnread: true }).update({ data: { staffUnread: false } }));
}

export interface CasePageQuery {
  after?: PageCursor;
  limit: number;
}

async function pageOf(where: Record<string, unknown>, q: CasePageQuery): Promise<CaseDoc[]> {
  const limit = q.limit + (q.after ? CURSOR_SLACK : 0);
  const rows = docsOf<CaseDoc>(await rt(() => coll(collections.cases).where(where).orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(limit).get()));
  return dropSeen(rows, (c) => c.createdAt, q.after).slice(0, q.limit);
}

/**
 * An assignee's open cases that need them: news they have not opened, or waiting past the deadline
 * (oldest deadline first). One query on the assignee+open index gives the inbox's overdue section;
 * `limit` bounds what one call reads.
 */
export async function attentionOfAssignee(assigneeId: string, now: Date, limit: number): Promise<CaseDoc[]> {
  const _ = cmd();
  const where = _.and([{ assigneeId, open: true }, _.or([{ staffUnread: true }, { awaitingAccept: true, slaDueAt: _.lte(now) }])]);
  return docsOf<CaseDoc>(await rt(() => coll(collections.cases).where(where).limit(limit).get()));
}

/** Inbox of one assignee, newest first; `openOnly` uses the assignee+open index. */
export async function casesOfAssignee(assigneeId: string, openOnly: boolean, q: CasePageQuery): Promise<CaseDoc[]> {
  const where = { assigneeId, ...(openOnly ? { open: true } : {}), ...afterCursor('createdAt', q.after) };
  return pageOf(where, q);
}

/**
 * issue 11: the inbox streams by scope. `base` is one of: { assigneeId } (an officer's or admin's own),
 * { stationId, escalated: true } (the admin's second stream), { gridId } (a grid worker's grid).
 * Open: queue order (queueAt, _id ascending: indexes *_open_queue); all: newest first (*_created).
 */
export type InboxScope = { assigneeId: string } | { stationId: string; escalated: true } | { gridId: string };

export async function queueOf(base: InboxScope, q: CasePageQuery): Promise<CaseDoc[]> {
  const limit = q.limit + (q.after ? CURSOR_SLACK : 0);
  const where = { ...base, open: true, ...afterCursorAsc('queueAt', q.after) };
  const rows = docsOf<CaseDoc>(await rt(() => coll(collections.cases).where(where).orderBy('queueAt', 'asc').orderBy('_id', 'asc').limit(limit).get()));
  return dropSeenAsc(rows, (c) => c.queueAt ?? null, q.after).slice(0, q.limit);
}

export async function historyOf(base: InboxScope, q: CasePageQuery): Promise<CaseDoc[]> {
  // The escalated stream only ever lists open cases (index station_escalated_open_created).
  const where = { ...base, ...('escalated' in base ? { open: true } : {}), ...afterCursor('createdAt', q.after) };
  return pageOf(where, q);
}

/**
 * Overdue cases of a scope (waiting past their deadline), oldest deadline first, at most `limit`
 * (indexes assignee_awaiting_sla, station_escalated_awaiting_sla, grid_awaiting_sla).
 * `notAssignee` leaves out the admin's own cases from the escalated stream (counted in the first).
 */
export async function overdueOf(base: InboxScope, now: Date, limit: number, notAssignee?: string): Promise<CaseDoc[]> {
  const _ = cmd();
  const where: Record<string, unknown> = { ...base, awaitingAccept: true, slaDueAt: _.lte(now) };
  if (notAssignee) where.assigneeId = _.neq(notAssignee);
  return docsOf<CaseDoc>(await rt(() => coll(collections.cases).where(where).orderBy('slaDueAt', 'asc').limit(limit).get()));
}

export async function countOverdue(base: InboxScope, now: Date, notAssignee?: string): Promise<number> {
  const _ = cmd();
  const where: Record<string, unknown> = { ...base, awaitingAccept: true, slaDueAt: _.lte(now) };
  if (notAssignee) where.assigneeId = _.neq(notAssignee);
  const res = await rt(() => coll(collections.cases).where(where).count());
  return Number((res as { total?: number }).total ?? 0);
}

/** Escalated open cases of a station (the admin's second inbox stream), newest first. */
export async function escalatedOfStation(stationId: string, q: CasePageQuery): Promise<CaseDoc[]> {
  const where = { stationId, escalated: true, open: true, ...afterCursor('createdAt', q.after) };
  return pageOf(where, q);
}

/** A case by its number (index case_no); null when none. */
export async function caseByNumber(caseNo: string): Promise<CaseDoc | null> {
  return docsOf<CaseDoc>(await rt(() => coll(collections.cases).where({ caseNo }).limit(1).get()))[0] ?? null;
}

/** Open reports of one category in one building since a date ("我也遇到了"). */
export async function similarOpenReports(buildingId: string, category: ReportCategory, since: Date, limit: number): Promise<CaseDoc[]> {
  const where = { buildingId, category, open: true, createdAt: cmd().gte(since) };
  return docsOf<CaseDoc>(await rt(() => coll(collections.cases).where(where).orderBy('createdAt', 'desc').limit(limit).get()));
}

/**
 * Ids of the cases a resident created since a date, newest first, at most `limit`: one query
 * answers both "is this request a retry?" and "over the daily limit?".
 */
export async function recentCaseIdsOf(reporterId: string, since: Date, limit: number): Promise<string[]> {
  const res = await rt(() =>
    coll(collections.cases).where({ reporterId, createdAt: cmd().gte(since) }).orderBy('createdAt', 'desc').field({ _id: true }).limit(limit).get(),
  );
  return docsOf<{ _id: string }>(res).map((d) => d._id);
}

/** Cases the scheduler must look at now (escalation, rating reminder or auto-close due), oldest first. */
export async function dueForSweep(now: Date, limit: number): Promise<CaseDoc[]> {
  return docsOf<CaseDoc>(await rt(() => coll(collections.cases).where({ sweepAt: cmd().lte(now) }).orderBy('sweepAt', 'asc').limit(limit).get()));
}

/**
 * A photo's review verdict. Photos are only ever appended, so `index` is stable; the filter also
 * requires the file id there and a pending review, so a late or repeated verdict changes nothing.
 */
export async function setPhotoReview(caseId: string, index: number, fileId: string, review: Exclude<PhotoReview, 'pending'>): Promise<boolean> {
  const where = { _id: caseId, [`photos.${index}.fileId`]: fileId, [`photos.${index}.review`]: 'pending' };
  const res = await rt(() => coll(collections.cases).where(where).update({ data: { [`photos.${index}.review`]: review, version: cmd().inc(1) } }));
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
 * Cases already theirs are left alone. Status and derived flags do not change; the version does,
 * so a transition computed on the old assignee retries. Returns how many moved.
 */
export async function reassignOpenCasesOfGrid(gridId: string, to: Assignee, now: Date, e: TimelineDoc): Promise<number> {
  const where: Record<string, unknown> = { gridId, open: true };
  if (to.assigneeId) where.assigneeId = cmd().neq(to.assigneeId);
  const data = { ...to, staffUnread: true, updatedAt: now, timeline: cmd().push([e]), version: cmd().inc(1) };
  const res = await rt(() => coll(collections.cases).where(where).update({ data }));
  return updatedCount(res);
}

/** One group of closed mediations: outcome counts and the days each took. */
export interface MediationGroupRow {
  key: Record<string, string | null>;
  name: string | null;
  success: number;
  failed: number;
  referred: number;
  days: number[];
}

const DAY_MS = 86_400_000;

function outcomeCounts() {
  const count = (outcome: MediationOutcome) => ({ $sum: { $cond: [{ $eq: ['$mediation.outcome', outcome] }, 1, 0] } });
  return { success: count('success'), failed: count('failed'), referred: count('referred'), days: { $push: { $divide: [{ $subtract: ['$mediationClosedAt', '$createdAt'] }, DAY_MS] } } };
}

function outcomeRows(res: unknown): MediationGroupRow[] {
  return ((res as { list?: unknown[] }).list ?? []).map((r) => {
    const o = r as { _id: Record<string, string | null>; name?: string | null; success: number; failed: number; referred: number; days: number[] };
    return { key: o._id, name: o.name ?? null, success: o.success, failed: o.failed, referred: o.referred, days: o.days };
  });
}

/** `$match` of a station's mediations closed in [from, to) (index station_mediation_closed), narrowed by `narrow`. */
function closedMediationsMatch(stationId: string, from: Date, to: Date, narrow: Record<string, unknown>): Record<string, unknown> {
  const _ = cmd();
  return { stationId, mediationClosedAt: _.gte(from).and(_.lt(to)), kind: 'mediation', ...narrow };
}

/** Closed mediations grouped by (tier, community): one aggregation opening with the indexed `$match`. */
export async function mediationOutcomesByTierCommunity(stationId: string, from: Date, to: Date, narrow: Record<string, unknown>): Promise<MediationGroupRow[]> {
  const match = closedMediationsMatch(stationId, from, to, narrow);
  return outcomeRows(await rt(() =>
    coll(collections.cases).aggregate().match(match)
      .group({ _id: { tier: '$mediation.tier', communityId: '$communityId' }, ...outcomeCounts() })
      .end(),
  ));
}

/**
 * The success-rate groups of a station's mediations closed in [from, to): by (tier, community) and by
 * mediator, two aggregations in parallel, each opening with `$match` on the station_mediation_closed
 * index. `mediatorId` narrows both to that mediator's own mediations.
 */
export async function mediationOutcomeGroups(stationId: string, from: Date, to: Date, mediatorId: string | null): Promise<{ byTierCommunity: MediationGroupRow[]; byMediator: MediationGroupRow[] }> {
  const narrow: Record<string, unknown> = mediatorId ? { 'mediation.mediatorIds': mediatorId } : {};
  const $ = db().command.aggregate;
  const mediators = rt(() =>
    coll(collections.cases).aggregate().match(closedMediationsMatch(stationId, from, to, narrow))
      .unwind('$mediation.mediators')
      .group({ _id: { id: '$mediation.mediators.id' }, name: $.first('$mediation.mediators.name'), ...outcomeCounts() })
      .end(),
  );
  const [byTierCommunity, b] = await Promise.all([mediationOutcomesByTierCommunity(stationId, from, to, narrow), mediators]);
  return { byTierCommunity, byMediator: outcomeRows(b) };
}

/**
 * Which cases a desk query covers: the station, cases created in [from, to), and at most one narrowing
 * (`gridId` one grid or `$in` an officer's grids, `communityId`, `assigneeId`). The index follows the
 * narrowing (grid_created, community_created, assignee_created, else station_created).
 */
export interface DeskScope {
  stationId: string;
  narrow: { gridId?: string | { $in: string[] }; communityId?: string; assigneeId?: string };
}

/** The narrowing as query fields (an officer's several grids as `in`). */
export function narrowWhere(narrow: DeskScope['narrow']): Record<string, unknown> {
  const { gridId, ...rest } = narrow;
  const grid = gridId === undefined ? {} : typeof gridId === 'string' ? { gridId } : { gridId: cmd().in(gridId.$in) };
  return { ...grid, ...rest };
}

function deskWhere(scope: DeskScope, createdAt: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { stationId: scope.stationId, ...extra, ...narrowWhere(scope.narrow), createdAt };
}

export interface CaseGroupRow {
  kind: CaseKind;
  category: string | null;
  communityId: string;
  count: number;
  /** Minutes from submission to acceptance, one per accepted case. */
  acceptMinutes: number[];
  /** Hours from submission to resolution, one per resolved case. */
  resolveHours: number[];
  acceptedInTime: number;
  responseDue: number;
  resolved: number;
  finished: number;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/**
 * The cases section in one aggregation: created in [from, to) in scope, grouped by (kind, category,
 * community), with the durations pushed for the percentiles and the 12345 rates' counts
 * (see domain/dashboardSections.ts for the definitions).
 */
export async function caseGroups(scope: DeskScope, from: Date, to: Date, now: Date, limits: { urgentMs: number; normalMs: number }): Promise<CaseGroupRow[]> {
  const _ = cmd();
  const match = deskWhere(scope, _.gte(from).and(_.lt(to)));
  const deadline = { $add: ['$createdAt', { $cond: [{ $eq: ['$urgent', true] }, limits.urgentMs, limits.normalMs] }] };
  const accepted = { $ne: [{ $ifNull: ['$acceptedAt', null] }, null] };
  const isIn = (statuses: CaseStatus[]) => ({ $in: ['$status', statuses] });
  const res = await rt(() =>
    coll(collections.cases).aggregate().match(match)
      .group({
        _id: { kind: '$kind', category: { $ifNull: ['$category', { $ifNull: ['$help.helpType', '$mediation.mediationType'] }] }, communityId: '$communityId' },
        count: { $sum: 1 },
        acceptMinutes: { $push: { $cond: [accepted, { $divide: [{ $subtract: ['$acceptedAt', '$createdAt'] }, MINUTE_MS] }, null] } },
        resolveHours: { $push: { $cond: [{ $ne: [{ $ifNull: ['$resolvedAt', null] }, null] }, { $divide: [{ $subtract: ['$resolvedAt', '$createdAt'] }, HOUR_MS] }, null] } },
        acceptedInTime: { $sum: { $cond: [{ $and: [accepted, { $lte: ['$acceptedAt', deadline] }] }, 1, 0] } },
        // Due: accepted at all, or still waiting past the deadline (withdrawn or rejected before acceptance: not counted).
        responseDue: { $sum: { $cond: [{ $or: [accepted, { $and: [isIn(['submitted', 'reopened']), { $lte: [deadline, now] }] }] }, 1, 0] } },
        resolved: { $sum: { $cond: [isIn(['resolved', 'closed']), 1, 0] } },
        finished: { $sum: { $cond: [isIn(['resolved', 'closed', 'rejected']), 1, 0] } },
      })
      .end(),
  );
  return ((res as { list?: unknown[] }).list ?? []).map((r) => {
    const o = r as { _id: { kind: CaseKind; category?: string | null; communityId: string } } & Omit<CaseGroupRow, 'kind' | 'category' | 'communityId' | 'acceptMinutes' | 'resolveHours'> & { acceptMinutes: Array<number | null>; resolveHours: Array<number | null> };
    return {
      kind: o._id.kind, category: o._id.category ?? null, communityId: o._id.communityId, count: o.count,
      acceptMinutes: o.acceptMinutes.filter((v): v is number => typeof v === 'number'),
      resolveHours: o.resolveHours.filter((v): v is number => typeof v === 'number'),
      acceptedInTime: o.acceptedInTime, responseDue: o.responseDue, resolved: o.resolved, finished: o.finished,
    };
  });
}

export interface RatingGroupRow {
  satisfaction: number | null;
  safety: number | null;
  count: number;
}

/**
 * The ratings section as a desk sub-pipeline (folded into data/stations.stationFigures): resolved or
 * closed cases created in [from, to) in scope, by (satisfaction, safety).
 */
export function ratingGroupsPipeline(scope: DeskScope, from: Date, to: Date): SubPipeline {
  const _ = cmd();
  return subPipeline(collections.cases, (p) =>
    p.match(deskWhere(scope, _.gte(from).and(_.lt(to))))
      .match({ status: _.in(['resolved', 'closed']) })
      .group({ _id: { satisfaction: '$rating.satisfaction', safety: '$rating.safety' }, count: _.aggregate.sum(1) }));
}

export function ratingRows(list: unknown[]): RatingGroupRow[] {
  return list.map((r) => {
    const o = r as { _id: { satisfaction?: number | null; safety?: number | null }; count: number };
    return { satisfaction: o._id.satisfaction ?? null, safety: o._id.safety ?? null, count: o.count };
  });
}

export type NearLimitRow = Pick<CaseDoc, '_id' | 'title' | 'communityId' | 'communityName'> & { mediation: { tier: MediationTier; deadlineAt: Date } };

/** Open mediations in scope whose limit falls before `until`, soonest first, as a desk sub-pipeline (index station_kind_open_deadline). */
export function nearLimitPipeline(scope: DeskScope, until: Date, limit: number): SubPipeline {
  const where = { stationId: scope.stationId, kind: 'mediation', open: true, 'mediation.deadlineAt': cmd().lte(until), ...narrowWhere(scope.narrow) };
  return subPipeline(collections.cases, (p) =>
    p.match(where).sort({ 'mediation.deadlineAt': 1 }).limit(limit)
      .project({ _id: 1, title: 1, communityId: 1, communityName: 1, 'mediation.tier': 1, 'mediation.deadlineAt': 1 }));
}

/**
 * One page of a desk export, newest first (keyset on createdAt, _id): cases created in [from, to)
 * in scope, `kind` narrowing to one kind (index station_kind_created for a station-wide mediation export).
 */
export async function deskCasePage(scope: DeskScope, from: Date, to: Date, kind: CaseKind | null, q: CasePageQuery): Promise<CaseDoc[]> {
  const _ = cmd();
  const createdAt = q.after ? _.gte(from).and(_.lte(q.after.at)) : _.gte(from).and(_.lt(to));
  const limit = q.limit + (q.after ? CURSOR_SLACK : 0);
  const where = deskWhere(scope, createdAt, kind ? { kind } : {});
  const rows = docsOf<CaseDoc>(await rt(() => coll(collections.cases).where(where).orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(limit).get()));
  return dropSeen(rows, (c) => c.createdAt, q.after).slice(0, q.limit);
}

/** Cases by id, at most 100 per round trip (a page of the mediation workbench; a person's export and deletion). */
export async function casesByIds(ids: string[]): Promise<CaseDoc[]> {
  const out: CaseDoc[] = [];
  for (let i = 0; i < ids.length; i += 100) {
    const chunk = ids.slice(i, i + 100);
    out.push(...docsOf<CaseDoc>(await rt(() => coll(collections.cases).where({ _id: cmd().in(chunk) }).limit(100).get())));
  }
  return out;
}

/** The personal fields of a case, as the anonymiser rewrites them. */
export type CasePersonalFields = Pick<CaseDoc, 'reporterId' | 'reporterName' | 'reporterPhone' | 'anonymous' | 'timeline' | 'rating' | 'mediation' | 'sweepAt' | 'personalDataErasedAt'>;

/**
 * Replace a case's personal fields (reporter, timeline actors, rating comment…) at `version`:
 * no status or derived flag changes, the version is bumped so a transition decided before retries.
 */
export async function rewritePersonalFields(id: string, version: number, fields: Partial<CasePersonalFields>): Promise<boolean> {
  const data: Record<string, unknown> = { ...setFields(fields), version: cmd().inc(1) };
  if (fields.timeline) data.timeline = cmd().set(fields.timeline);
  const res = await rt(() => coll(collections.cases).where({ _id: id, version }).update({ data }));
  return updatedCount(res) === 1;
}

/** What the public Open311 view needs of a case: no timeline, photos or people. */
const PUBLIC_FIELDS = {
  _id: true, stationId: true, kind: true, category: true, status: true, open: true, communityName: true, buildingId: true,
  buildingName: true, point: true, gridName: true, awaitingAccept: true, slaDueAt: true, urgent: true, createdAt: true, updatedAt: true,
} as const;
export type PublicCaseFields = Pick<CaseDoc, keyof typeof PUBLIC_FIELDS>;

/**
 * A station's reports created in a range, newest first (index station_kind_created), optionally of
 * some categories and open or closed only: the Open311 GET requests query. At most `limit` (≤ 1000).
 */
export async function reportsOfStation(
  stationId: string,
  range: { from: Date; to: Date },
  filter: { categories?: ReportCategory[]; open?: boolean },
  limit: number,
): Promise<PublicCaseFields[]> {
  const _ = cmd();
  const where = {
    stationId,
    kind: 'report',
    createdAt: _.and(_.gte(range.from), _.lte(range.to)),
    ...(filter.categories ? { category: _.in(filter.categories) } : {}),
    ...(filter.open === undefined ? {} : { open: filter.open }),
  };
  return docsOf<PublicCaseFields>(
    await rt(() => coll(collections.cases).where(where).orderBy('createdAt', 'desc').field(PUBLIC_FIELDS).limit(limit).get()),
  );
}

/** The public fields of some cases by id (Open311 GET a request / service_request_id lists). */
export async function publicCasesByIds(ids: string[]): Promise<PublicCaseFields[]> {
  if (ids.length === 0) return [];
  return docsOf<PublicCaseFields>(await rt(() => coll(collections.cases).where({ _id: cmd().in(ids) }).field(PUBLIC_FIELDS).limit(ids.length).get()));
}
