/**
 * `apiKeys`: keys the station admin issues to the city's 12345 platform for Open311 POST requests.
 * `_id` is a hash of the key (the key itself is shown once and never stored), so checking a key is
 * one read by id. Index station_created (the admin's list).
 */
import { coll, collections, docsOf, getById, insertWithId, rt, updatedCount } from './db';

export interface ApiKeyDoc {
  _id: string;
  stationId: string;
  label: string;
  prefix: string;
  createdBy: string;
  createdByName: string;
  createdAt: Date;
  revokedAt: Date | null;
}

export const getApiKey = (hash: string) => getById<ApiKeyDoc>(collections.apiKeys, hash);
export const insertApiKey = (doc: ApiKeyDoc) => insertWithId(collections.apiKeys, doc);

export async function apiKeysOfStation(stationId: string, limit: number): Promise<ApiKeyDoc[]> {
  return docsOf<ApiKeyDoc>(await rt(() => coll(collections.apiKeys).where({ stationId }).orderBy('createdAt', 'desc').limit(limit).get()));
}

/** Revokes a key of this station once; false when it is unknown, of another station or already revoked. */
export async function revokeApiKey(id: string, stationId: string, now: Date): Promise<boolean> {
  const res = await rt(() => coll(collections.apiKeys).where({ _id: id, stationId, revokedAt: null }).update({ data: { revokedAt: now } }));
  return updatedCount(res) === 1;
}
