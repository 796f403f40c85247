/**
 * The search keys of a household (issue 11; see data/householdKeys.ts): its building, each tag and
 * every beginning of its head's name and call name, so 邢 / 邢奶奶 / 邢桂珍 all find 邢奶奶.
 */
import { householdKeyId, type HouseholdKeyDoc } from '../data/householdKeys';
import type { HouseholdDoc } from '../data/households';

export const buildingKey = (buildingId: string) => `b:${buildingId}`;
export const tagKey = (tag: string) => `t:${tag.trim()}`;
export const nameKey = (name: string) => `n:${name.trim()}`;

function prefixes(name: string | null): string[] {
  if (!name) return [];
  const chars = [...name.trim()];
  return chars.map((_, i) => chars.slice(0, i + 1).join(''));
}

export function keysOf(h: Pick<HouseholdDoc, '_id' | 'gridId' | 'buildingId' | 'tags' | 'headName' | 'callName' | 'createdAt'>): HouseholdKeyDoc[] {
  const keys = new Set<string>([buildingKey(h.buildingId), ...h.tags.map(tagKey), ...prefixes(h.headName).map(nameKey), ...prefixes(h.callName).map(nameKey)]);
  return [...keys].map((key) => ({ _id: householdKeyId(h._id, key), gridId: h.gridId, key, householdId: h._id, createdAt: h.createdAt }));
}
