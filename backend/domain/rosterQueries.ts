/**
 * The roster's reads (issue 11): the grid's households (search by building, name or tag; keyset
 * paged), a household's record, its full phone number (recorded in the audit log before it is
 * answered), the due and overdue visits, and the station's visit rules.
 */
import type { FnOutput, FnParsedInput } from '../../types/registry';
import { recordStaffAction } from './audit';
import { householdIdsWithKey } from '../data/householdKeys';
import { dueHouseholdsOfGrid, getHousehold, householdsByIds, householdsOfGrid, pairedWith, type HouseholdDoc } from '../data/households';
import type { GridDoc } from '../data/grids';
import { visitsOfHousehold } from '../data/visits';
import { putVisitRules } from '../data/visitRules';
import { AppError } from '../platform/errors';
import { derivedId } from '../platform/ids';
import type { CallContext } from './callContext';
import { pageWithCursor, parseCursor } from './cursor';
import { buildingKey, nameKey, tagKey } from './householdKeys';
import { organisation } from './organisation';
import { ensureHouseholdAccess, pickGrid, rosterScope, type RosterScope } from './rosterAccess';
import { householdLabel, householdRow, visitView } from './rosterViews';
import { endOfToday, rulesOfStation, rulesView } from './visitRules';

const RECENT_VISITS = 10;

function gridView(g: GridDoc, communityName: string) {
  return { id: g._id, name: g.name, communityId: g.communityId, communityName, officerName: g.officerId ? g.officer?.name ?? '社区民警' : null };
}

async function gridViews(scope: RosterScope, now: Date) {
  const org = await organisation(now);
  return scope.grids.map((g) => gridView(g, org.community(g.communityId)?.name ?? ''));
}

/** The search key asked for, if any (one at a time: building, then name, then tag). */
function searchKey(input: FnParsedInput<'roster.list'>): string | null {
  if (input.buildingId) return buildingKey(input.buildingId);
  if (input.name) return nameKey(input.name);
  if (input.tag) return tagKey(input.tag);
  return null;
}

export async function list(input: FnParsedInput<'roster.list'>, ctx: CallContext): Promise<FnOutput<'roster.list'>> {
  const scope = await rosterScope(ctx);
  const grid = pickGrid(scope, input.gridId);
  const after = parseCursor(input.cursor);
  const key = searchKey(input);
  const org = await organisation(ctx.now);
  let rows: HouseholdDoc[];
  if (key) {
    const hits = await householdIdsWithKey(grid._id, key, { after, limit: input.pageSize + 1 });
    const byId = new Map((await householdsByIds(hits.map((k) => k.householdId))).map((h) => [h._id, h]));
    rows = hits.map((k) => byId.get(k.householdId)).filter((h): h is HouseholdDoc => !!h);
  } else {
    rows = await householdsOfGrid(grid._id, { after, limit: input.pageSize + 1 });
  }
  const paired = after || !ctx.user!.roles.includes('officer') ? [] : await pairedWith(ctx.openid);
  const { page, nextCursor } = pageWithCursor(rows, input.pageSize, (h) => ({ at: h.createdAt, id: h._id }));
  const grids = await gridViews(scope, ctx.now);
  return {
    items: page.map((h) => householdRow(h, scope.grids, ctx.openid, ctx.now)),
    nextCursor,
    grid: gridView(grid, org.community(grid.communityId)?.name ?? ''),
    grids,
    buildings: org.buildingsOf(grid.communityId).filter((b) => b.gridId === grid._id).map((b) => ({ id: b._id, name: b.name })),
    paired: paired.map((h) => householdRow(h, scope.grids, ctx.openid, ctx.now)),
  };
}

export async function get(input: FnParsedInput<'roster.get'>, ctx: CallContext): Promise<FnOutput<'roster.get'>> {
  const [scope, found, visits] = await Promise.all([rosterScope(ctx), getHousehold(input.householdId), visitsOfHousehold(input.householdId, RECENT_VISITS)]);
  const h = ensureHouseholdAccess(scope, found, ctx.openid);
  const org = await organisation(ctx.now);
  return {
    ...householdRow(h, scope.grids, ctx.openid, ctx.now),
    note: h.note,
    communityName: org.community(h.communityId)?.name ?? '',
    recentVisits: visits.map(visitView),
  };
}

/** The full number; the read is in the audit log before the answer leaves. */
export async function revealContact(input: FnParsedInput<'roster.revealContact'>, ctx: CallContext): Promise<FnOutput<'roster.revealContact'>> {
  const [scope, found] = await Promise.all([rosterScope(ctx), getHousehold(input.householdId)]);
  const h = ensureHouseholdAccess(scope, found, ctx.openid);
  await recordStaffAction(ctx, {
    action: 'personal_data_read', stationId: h.stationId, counts: { households: 1 },
    target: { kind: 'household', id: h._id, label: householdLabel(h) }, detail: `查看住户完整电话：${householdLabel(h)}`,
  });
  return { phone: h.phone };
}

export async function due(input: FnParsedInput<'roster.due'>, ctx: CallContext): Promise<FnOutput<'roster.due'>> {
  const scope = await rosterScope(ctx);
  const grid = pickGrid(scope, input.gridId);
  const after = parseCursor(input.cursor);
  const rows = await dueHouseholdsOfGrid(grid._id, endOfToday(ctx.now), { after, limit: input.pageSize + 1 });
  const { page, nextCursor } = pageWithCursor(rows, input.pageSize, (h) => ({ at: h.nextVisitDue!, id: h._id }));
  const grids = await gridViews(scope, ctx.now);
  return {
    items: page.map((h) => householdRow(h, scope.grids, ctx.openid, ctx.now)),
    nextCursor,
    grid: grids.find((g) => g.id === grid._id)!,
    grids,
  };
}

function stationOf(scope: RosterScope): string {
  if (!scope.stationId) throw new AppError('FORBIDDEN', '您还没有所属的派出所');
  return scope.stationId;
}

export async function visitRules(_input: FnParsedInput<'roster.visitRules'>, ctx: CallContext): Promise<FnOutput<'roster.visitRules'>> {
  const stationId = stationOf(await rosterScope(ctx));
  const { rules, doc } = await rulesOfStation(stationId);
  return rulesView(rules, doc);
}

/** The station admin sets the rules; they apply from each household's next logged visit. */
export async function setVisitRules(input: FnParsedInput<'roster.setVisitRules'>, ctx: CallContext): Promise<FnOutput<'roster.setVisitRules'>> {
  const stationId = ctx.user!.stationId;
  if (!stationId) throw new AppError('FORBIDDEN', '您还没有所属的派出所');
  const doc = {
    _id: stationId,
    rules: input.rules.map((r) => ({ tag: r.tag, days: r.days })),
    pairedDays: input.pairedDays,
    updatedAt: ctx.now,
    updatedById: ctx.openid,
    updatedByName: ctx.user!.staff?.name ?? ctx.user!.name ?? '管理员',
  };
  await putVisitRules(doc);
  return rulesView(doc, doc);
}
