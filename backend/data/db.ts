/**
 * The database handle and the few helpers every data module shares. Only backend/data/* imports
 * this file: the data modules are the only code that touches `db`.
 */
import type { DB } from 'wx-server-sdk';
import { getCloud } from '../platform/cloud';
import { countDbCall } from '../platform/metrics';

export const collections = {
  stations: 'stations',
  communities: 'communities',
  grids: 'grids',
  buildings: 'buildings',
  users: 'users',
  invites: 'invites',
  cases: 'cases',
  caseFollows: 'caseFollows',
  notifications: 'notifications',
  subscriptions: 'subscriptions',
  notices: 'notices',
  noticeReads: 'noticeReads',
  photoChecks: 'photoChecks',
  mediationMembers: 'mediationMembers',
  auditLog: 'auditLog',
  apiKeys: 'apiKeys',
  // issue 10: the monthly opinion survey
  surveyTemplates: 'surveyTemplates',
  surveys: 'surveys',
  surveyAnswers: 'surveyAnswers',
  groupBindings: 'groupBindings',
  // issue 11: response templates (常用回复)
  responseTemplates: 'responseTemplates',
  // issue 11: roster and visits
  households: 'households',
  householdKeys: 'householdKeys',
  visits: 'visits',
  visitRules: 'visitRules',
  // issue 11: patrols
  patrols: 'patrols',
  // issue 14: case numbers
  caseCounters: 'caseCounters',
  // issue 10: "下月问卷提醒" opt-ins
  surveyReminders: 'surveyReminders',
} as const;
export type CollectionName = (typeof collections)[keyof typeof collections];

let database: DB.Database | null = null;

export function db(): DB.Database {
  if (!database) {
    // throwOnNotFound:false: a missing document is `data: null`, not an exception.
    database = getCloud().database({ throwOnNotFound: false } as DB.IDatabaseConfig);
  }
  return database;
}

export function coll(name: CollectionName): DB.CollectionReference {
  return db().collection(name);
}

export function cmd(): DB.DatabaseCommand {
  return db().command;
}

/** Count a round trip, then run it. Every data-module call to the database goes through here. */
export async function rt(run: () => unknown): Promise<unknown> {
  countDbCall();
  // The SDK's typings declare `Promise<…> | void`; at runtime every call here returns a promise.
  return await (run() as Promise<unknown>);
}

/** CloudBase answers a duplicate `_id` with errCode -502001 ("E11000 duplicate key"). */
export function isDuplicateKey(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false;
  const o = e as { errCode?: unknown; errMsg?: unknown; message?: unknown };
  if (o.errCode === -502001) return true;
  const text = `${String(o.errMsg ?? '')} ${String(o.message ?? '')}`;
  return /duplicate key|E11000/i.test(text);
}

/** `doc(id).get()` → the document or null. */
export async function getById<T>(name: CollectionName, id: string): Promise<T | null> {
  const res = await rt(() => coll(name).doc(id).get());
  return ((res as { data?: unknown }).data ?? null) as T | null;
}

/** The documents of a query answer. */
export function docsOf<T>(res: unknown): T[] {
  const data = (res as { data?: unknown }).data;
  return (Array.isArray(data) ? data : []) as T[];
}

export function updatedCount(res: unknown): number {
  const stats = (res as { stats?: { updated?: unknown } }).stats;
  return typeof stats?.updated === 'number' ? stats.updated : 0;
}

/** Insert one document with a fixed `_id`; false when that id already exists. */
export async function insertWithId<T extends { _id: string }>(name: CollectionName, doc: T): Promise<boolean> {
  try {
    await rt(() => coll(name).add({ data: doc }));
    return true;
  } catch (e) {
    if (isDuplicateKey(e)) return false;
    throw e;
  }
}

/** Replace (or create) a document by id: idempotent, used for seeds and denormalised records. */
export async function putById<T extends { _id: string }>(name: CollectionName, doc: T): Promise<void> {
  const { _id, ...rest } = doc;
  await rt(() => coll(name).doc(_id).set({ data: rest }));
}

/** Insert many in one round trip (CloudBase accepts an array); at most 500 per call here. */
export async function insertMany<T extends object>(name: CollectionName, docs: T[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 500) {
    const chunk = docs.slice(i, i + 500);
    if (chunk.length > 0) await rt(() => coll(name).add({ data: chunk as unknown as DB.IDocumentData }));
  }
}

/**
 * An update document that replaces object-valued fields whole. CloudBase flattens nested objects
 * in `update()` into dotted paths (a merge), which fails on a field that is currently null;
 * `_.set()` replaces instead.
 */
export function setFields(patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    const plainObject = v !== null && typeof v === 'object' && !(v instanceof Date) && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
    out[k] = plainObject ? cmd().set(v) : v;
  }
  return out;
}

/** Remove every document of one person in a collection (index on `openid`); one round trip. */
export async function removeAllOf(name: CollectionName, openid: string): Promise<number> {
  const res = await rt(() => coll(name).where({ openid }).remove());
  const removed = (res as { stats?: { removed?: unknown } }).stats?.removed;
  return typeof removed === 'number' ? removed : 0;
}

/**
 * One `$lookup` sub-pipeline of a folded aggregate (issue 12: the station desk computes several
 * sections in one round trip): the collection it reads and its stages, opening with an indexed
 * `$match` that names no variable. Built by the data module of `from`, run by data/stations.ts.
 */
export interface SubPipeline {
  from: CollectionName;
  pipeline: object[];
}

/** A sub-pipeline from the SDK's pipeline builder (`db.command.aggregate.pipeline()`). */
export function subPipeline(from: CollectionName, build: (p: DB.Aggregate) => DB.Aggregate): SubPipeline {
  // `pipeline()` (wx-server-sdk ≥ 1.3.0) is missing from the SDK's typings.
  const start = (db().command.aggregate as unknown as { pipeline(): DB.Aggregate }).pipeline();
  return { from, pipeline: (build(start) as unknown as { done(): object[] }).done() };
}

/** Narrowing of a desk section to grids or communities (none: the whole station). */
export interface PlaceNarrowing {
  gridIds?: string[];
  communityIds?: string[];
}

/** The narrowing as query fields: a grid list wins over a community list. */
export function placeWhere(n: PlaceNarrowing): Record<string, unknown> {
  if (n.gridIds) return { gridId: cmd().in(n.gridIds) };
  if (n.communityIds) return { communityId: cmd().in(n.communityIds) };
  return {};
}
