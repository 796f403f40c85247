/** What the roster pages show of a household and a visit (issue 11); contacts always masked here. */
import type { HouseholdRow, VisitView } from '../../types/roster';
import type { GridDoc } from '../data/grids';
import type { HouseholdDoc } from '../data/households';
import type { VisitDoc } from '../data/visits';
import { maskPhone } from './mediationFacts';
import { overdueDays } from './visitRules';

export function householdLabel(h: Pick<HouseholdDoc, 'buildingName' | 'unit' | 'room' | 'headName' | 'callName'>): string {
  return `${h.buildingName} ${h.unit} ${h.room} ${h.callName ?? h.headName}`;
}

export function householdRow(h: HouseholdDoc, grids: readonly Pick<GridDoc, '_id' | 'name'>[], viewer: string, now: Date): HouseholdRow {
  return {
    id: h._id,
    gridId: h.gridId,
    gridName: grids.find((g) => g._id === h.gridId)?.name ?? '',
    buildingId: h.buildingId,
    buildingName: h.buildingName,
    unit: h.unit,
    room: h.room,
    headName: h.headName,
    callName: h.callName,
    members: h.members,
    tags: h.tags,
    phoneMasked: maskPhone(h.phone),
    pairedOfficerName: h.pairedOfficerName,
    pairedWithMe: h.pairedOfficerId === viewer,
    visitIntervalDays: h.visitIntervalDays,
    lastVisitAt: h.lastVisitAt ? h.lastVisitAt.toISOString() : null,
    nextVisitDue: h.nextVisitDue ? h.nextVisitDue.toISOString() : null,
    overdueDays: overdueDays(h.nextVisitDue, now),
  };
}

export function visitView(v: VisitDoc): VisitView {
  return {
    id: v._id, householdId: v.householdId, at: v.at.toISOString(), method: v.method, visitors: v.visitors, found: v.found,
    helpNeeded: v.helpNeeded, caseId: v.caseId, loggedByName: v.loggedByName,
  };
}
