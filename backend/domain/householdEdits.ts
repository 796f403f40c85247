/**
 * issue 11: households added and edited in the app by the grid's officer, its grid workers and the
 * station admin. The household belongs to its building's grid (one of the caller's); it may be paired
 * with that grid's officer (结对帮扶). The search keys are rewritten with it; each change is in the
 * audit log (`household_added` / `household_edited`). The full phone number is written here but
 * never answered: lists and the record mask it, and only `roster.revealContact` (audited) shows it.
 */
import type { FnOutput, FnParsedInput } from '../../types/registry';
import type { GridDoc } from '../data/grids';
import { insertHouseholdKeys, removeHouseholdKeys } from '../data/householdKeys';
import { editHouseholdAtVersion, getHousehold, insertHousehold, type HouseholdDoc, type HouseholdEdit } from '../data/households';
import { AppError } from '../platform/errors';
import { derivedId } from '../platform/ids';
import { chinaDayStart } from '../platform/time';
import { recordStaffAction } from './audit';
import type { CallContext } from './callContext';
import { keysOf } from './householdKeys';
import { organisation } from './organisation';
import { ensureHouseholdAccess, NOT_YOUR_GRID, rosterScope, type RosterScope } from './rosterAccess';
import { householdLabel, householdRow } from './rosterViews';
import { intervalFor, rulesOfStation } from './visitRules';

type Saved = FnOutput<'roster.addHousehold'>;

/** The building and its grid, if the caller works that grid. */
async function placeOf(scope: RosterScope, buildingId: string, now: Date) {
  const building = (await organisation(now)).building(buildingId);
  const grid = building ? scope.grids.find((g) => g._id === building.gridId) : undefined;
  if (!building || !grid) throw new AppError('FORBIDDEN', building ? NOT_YOUR_GRID : '没有找到该楼栋', 'buildingId');
  return { building, grid };
}

function pairing(grid: GridDoc, paired: boolean): Pick<HouseholdDoc, 'pairedOfficerId' | 'pairedOfficerName'> {
  if (!paired) return { pairedOfficerId: null, pairedOfficerName: null };
  if (!grid.officerId) throw new AppError('INVALID_INPUT', '该网格暂无社区民警，无法结对帮扶', 'paired');
  return { pairedOfficerId: grid.officerId, pairedOfficerName: grid.officer?.name ?? '社区民警' };
}

/** A household a rule applies to and that has no visit scheduled is due for a first visit today. */
async function firstVisitDue(h: Pick<HouseholdDoc, 'stationId' | 'tags' | 'pairedOfficerId' | 'nextVisitDue'>, now: Date): Promise<Date | null> {
  if (h.nextVisitDue) return h.nextVisitDue;
  const { rules } = await rulesOfStation(h.stationId);
  return intervalFor(h.tags, !!h.pairedOfficerId, rules) !== null ? chinaDayStart(now) : null;
}

function saved(h: HouseholdDoc, scope: RosterScope, ctx: CallContext, duplicate: boolean): Saved {
  return { household: householdRow(h, scope.grids, ctx.openid, ctx.now), duplicate };
}

export async function addHousehold(input: FnParsedInput<'roster.addHousehold'>, ctx: CallContext): Promise<Saved> {
  const scope = await rosterScope(ctx);
  // The building is checked first: a retried id never answers for a building the caller may not use.
  const { building, grid } = await placeOf(scope, input.buildingId, ctx.now);
  const id = derivedId('household', ctx.openid, input.clientRequestId);
  const existing = await getHousehold(id);
  if (existing) return saved(existing, scope, ctx, true);
  const base = {
    _id: id, stationId: grid.stationId, communityId: grid.communityId, gridId: grid._id, buildingId: building._id, buildingName: building.name,
    unit: input.unit, room: input.room, headName: input.headName, callName: input.callName, members: input.members, phone: input.phone,
    tags: input.tags, note: input.note, ...pairing(grid, input.paired), residentOpenid: null,
    visitIntervalDays: null, lastVisitAt: null, remindAt: null, version: 0, createdAt: ctx.now, updatedAt: ctx.now,
  };
  const doc: HouseholdDoc = { ...base, nextVisitDue: await firstVisitDue({ ...base, nextVisitDue: null }, ctx.now) };
  // A concurrent retry inserted it first: answer that one.
  if (!(await insertHousehold(doc))) return saved((await getHousehold(id))!, scope, ctx, true);
  await insertHouseholdKeys(keysOf(doc));
  await recordStaffAction(ctx, {
    action: 'household_added', stationId: doc.stationId, target: { kind: 'household', id, label: householdLabel(doc) }, detail: `新增住户：${householdLabel(doc)}`,
  });
  return saved(doc, scope, ctx, false);
}

/** What the audit entry names as changed (never the values: the log is read by the station's desk). */
const fieldNames: Partial<Record<keyof HouseholdEdit, string>> = {
  buildingId: '楼栋', unit: '单元', room: '门牌号', headName: '户主姓名', callName: '称呼', members: '家庭人数', phone: '联系电话', tags: '标签', note: '备注', pairedOfficerId: '结对民警',
};

export async function editHousehold(input: FnParsedInput<'roster.editHousehold'>, ctx: CallContext): Promise<Saved> {
  const [scope, found] = await Promise.all([rosterScope(ctx), getHousehold(input.householdId)]);
  const h = ensureHouseholdAccess(scope, found, ctx.openid);
  const moved = input.buildingId !== undefined && input.buildingId !== h.buildingId;
  const place = moved ? await placeOf(scope, input.buildingId!, ctx.now) : null;
  const grid = place?.grid ?? scope.grids.find((g) => g._id === h.gridId);
  // Pairing is with the household's grid's officer; a paired officer outside that grid keeps it unless it is changed.
  const pairChange = input.paired !== undefined && input.paired !== (h.pairedOfficerId !== null);
  if ((pairChange || moved) && !grid) throw new AppError('FORBIDDEN', NOT_YOUR_GRID, 'paired');
  const patch: HouseholdEdit = {
    ...(place ? { gridId: place.grid._id, communityId: place.grid.communityId, buildingId: place.building._id, buildingName: place.building.name } : {}),
    ...(input.unit !== undefined ? { unit: input.unit } : {}),
    ...(input.room !== undefined ? { room: input.room } : {}),
    ...(input.headName !== undefined ? { headName: input.headName } : {}),
    ...(input.callName !== undefined ? { callName: input.callName } : {}),
    ...(input.members !== undefined ? { members: input.members } : {}),
    ...(input.phone !== undefined ? { phone: input.phone } : {}),
    ...(input.tags !== undefined ? { tags: input.tags } : {}),
    ...(input.note !== undefined ? { note: input.note } : {}),
    ...(pairChange || (moved && h.pairedOfficerId) ? pairing(grid!, input.paired ?? h.pairedOfficerId !== null) : {}),
    updatedAt: ctx.now,
  };
  const changed = (Object.keys(patch) as (keyof HouseholdEdit)[]).filter((k) => k !== 'updatedAt' && JSON.stringify(patch[k]) !== JSON.stringify(h[k]));
  if (changed.length === 0) return saved(h, scope, ctx, true);
  const next = { ...h, ...patch };
  const due = await firstVisitDue(next, ctx.now);
  if (due !== h.nextVisitDue) Object.assign(patch, { nextVisitDue: due, remindAt: null });
  if (!(await editHouseholdAtVersion(h._id, h.version, patch))) throw new AppError('CONFLICT', '住户信息刚刚有更新，请刷新后再修改');
  const updated: HouseholdDoc = { ...h, ...patch, version: h.version + 1 };
  if (changed.some((k) => k === 'tags' || k === 'headName' || k === 'callName' || k === 'buildingId' || k === 'gridId')) {
    await removeHouseholdKeys(keysOf(h).map((k) => k._id));
    await insertHouseholdKeys(keysOf(updated));
  }
  const names = [...new Set(changed.map((k) => fieldNames[k]).filter((n): n is string => !!n))];
  await recordStaffAction(ctx, {
    action: 'household_edited', stationId: h.stationId, target: { kind: 'household', id: h._id, label: householdLabel(updated) },
    detail: `修改住户：${householdLabel(updated)}（${names.join('、') || '其他'}）`,
  });
  return saved(updated, scope, ctx, false);
}
