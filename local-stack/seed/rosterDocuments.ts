/**
 * The roster of the demo station (issue 11): the generated households (content/households.ts) and
 * their visits (content/visits.ts) as the `roster` function reads them — households with their
 * search keys, visits with the due date each answered — written through the backend's data modules.
 */
import { insertOrReplaceMany } from '../../backend/data/bulkWrite';
import type { HouseholdKeyDoc } from '../../backend/data/householdKeys';
import type { HouseholdDoc } from '../../backend/data/households';
import type { VisitDoc } from '../../backend/data/visits';
import { keysOf } from '../../backend/domain/householdKeys';
import { dueDayAfter, endOfToday, remindAtFor } from '../../backend/domain/visitRules';
import type { SeedContent } from './content/model';

export interface RosterDocuments {
  households: HouseholdDoc[];
  householdKeys: HouseholdKeyDoc[];
  visits: VisitDoc[];
}

export function rosterDocuments(content: SeedContent): RosterDocuments {
  const stationId = content.station.id;
  const building = new Map(content.buildings.map((b) => [b.id, b]));
  const person = new Map(content.people.map((p) => [p.openid, p]));
  const visitsOf = new Map<string, SeedContent['visits']>();
  for (const v of content.visits) visitsOf.set(v.householdId, [...(visitsOf.get(v.householdId) ?? []), v]);
  const today = endOfToday(content.now);

  const visits: VisitDoc[] = [];
  const households = content.households.map((h): HouseholdDoc => {
    const interval = h.visitIntervalDays;
    let due: Date | null = null;
    for (const v of visitsOf.get(h.id) ?? []) {
      visits.push({
        _id: v.id, stationId, communityId: v.communityId, gridId: v.gridId, householdId: v.householdId, at: v.at,
        method: v.method === '电话' ? 'phone' : 'home', visitors: person.get(v.visitorOpenid)?.name ?? '工作人员',
        found: v.note, helpNeeded: v.followUp, caseId: null, loggedById: v.visitorOpenid, loggedByName: person.get(v.visitorOpenid)?.name ?? '工作人员',
        dueAt: due, clientRequestId: v.id, createdAt: v.at,
      });
      due = interval ? dueDayAfter(v.at, interval) : null;
    }
    const next = h.lastVisitAt && interval ? dueDayAfter(h.lastVisitAt, interval) : h.nextVisitDue;
    // Due days already past are history: only today's and later ones wait for the scheduler's reminder.
    const remindAt = next && next.getTime() >= today.getTime() - 86_400_000 ? remindAtFor(next) : null;
    return {
      _id: h.id, stationId, communityId: h.communityId, gridId: h.gridId, buildingId: h.buildingId,
      buildingName: building.get(h.buildingId)?.name ?? '', unit: h.unit, room: h.room, headName: h.headName, callName: h.callName,
      members: h.members, phone: h.phone, tags: [...h.tags], note: h.note,
      pairedOfficerId: h.pairedOfficerOpenid, pairedOfficerName: h.pairedOfficerOpenid ? person.get(h.pairedOfficerOpenid)?.name ?? null : null,
      residentOpenid: h.residentOpenid, visitIntervalDays: interval, lastVisitAt: h.lastVisitAt, nextVisitDue: interval ? next : null,
      remindAt: interval ? remindAt : null, version: 0, createdAt: h.createdAt, updatedAt: h.lastVisitAt ?? h.createdAt,
    };
  });
  return { households, householdKeys: households.flatMap(keysOf), visits };
}

/** Writes the roster (idempotent by `_id`); the counts for the seed's report. */
export async function writeRoster(content: SeedContent): Promise<Record<string, number>> {
  const docs = rosterDocuments(content);
  await insertOrReplaceMany('households', docs.households);
  await insertOrReplaceMany('householdKeys', docs.householdKeys);
  await insertOrReplaceMany('visits', docs.visits);
  return { households: docs.households.length, householdKeys: docs.householdKeys.length, visits: docs.visits.length };
}
