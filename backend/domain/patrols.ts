/**
 * 和苑家人 patrols (issue 11): a volunteer starts a patrol in their community, marks the buildings
 * passed (with an optional location point), records findings — each becomes a report case through
 * the residents' own `createCase` (same checks, photo review, routing to the grid's officer, and the
 * volunteer follows it in 我的反映) attributed to the patrol — and ends it exactly once.
 * Officers read the patrols of their grids' communities, the station admin those of the station.
 */
import type { FnOutput, FnParsedInput } from '../../types/registry';
import { patrolLimits } from '../../types/limits';
import { gridsOfOfficer } from '../data/grids';
import {
  activePatrolOf, endPatrolIfActive, getPatrol, insertPatrol, patrolsOfCommunity, patrolsOfVolunteer, updatePatrolIf,
  type PatrolDoc,
} from '../data/patrols';
import { AppError } from '../platform/errors';
import { derivedId } from '../platform/ids';
import { inChina, iso, isoOrNull } from '../platform/time';
import { hasRole, type CallContext } from './callContext';
import { createCase } from './caseResident';
import { ensureSafeText } from './contentSafety';
import { pageWithCursor, parseCursor } from './cursor';
import { organisation } from './organisation';

/** A retried start hits the same patrol. */
export const patrolIdFor = (openid: string, clientRequestId: string) => derivedId('patrol', openid, clientRequestId);

export function patrolSummary(p: PatrolDoc) {
  const names = p.route.map((r) => r.buildingName);
  return {
    id: p._id,
    communityId: p.communityId,
    communityName: p.communityName,
    volunteerName: p.volunteerName,
    status: p.status,
    startedAt: iso(p.startedAt),
    endedAt: isoOrNull(p.endedAt),
    routeText: names.length > 0 ? names.join('—') : p.routeNote ?? '',
    buildingCount: p.route.length,
    findingCount: p.findingCount,
  };
}

export function patrolView(p: PatrolDoc, viewer: string) {
  return {
    ...patrolSummary(p),
    plannedBuildings: p.plannedBuildings,
    route: p.route.map((r) => ({ buildingId: r.buildingId, buildingName: r.buildingName, at: iso(r.at) })),
    pointCount: p.points.length,
    findings: p.findings.map((f) => ({ ...f, at: iso(f.at) })),
    endNote: p.endNote,
    mine: p.volunteerId === viewer,
  };
}

async function loadPatrol(patrolId: string): Promise<PatrolDoc> {
  const p = await getPatrol(patrolId);
  if (!p) throw new AppError('NOT_FOUND', '巡逻记录不存在', 'patrolId');
  return p;
}

/** The caller's own patrol, for recording on it. */
async function loadMine(ctx: CallContext, patrolId: string): Promise<PatrolDoc> {
  const p = await loadPatrol(patrolId);
  if (p.volunteerId !== ctx.openid) throw new AppError('FORBIDDEN', '只能记录自己发起的巡逻');
  return p;
}

function ensureRunning(p: PatrolDoc): void {
  if (p.status !== 'active') throw new AppError('CONFLICT', '这次巡逻已经结束');
}

/**
 * Applies a change to a running patrol with a compare-and-set on `version`; a lost race re-reads and
 * decides again (at most 3 times). `change` answers null when there is nothing to do.
 */
async function changeRunning(
  p: PatrolDoc,
  change: (p: PatrolDoc) => Partial<Pick<PatrolDoc, 'route' | 'points' | 'findings' | 'findingCount'>> | null,
): Promise<PatrolDoc> {
  let current = p;
  for (let attempt = 0; attempt < 3; attempt++) {
    ensureRunning(current);
    const patch = change(current);
    if (!patch) return current;
    if (await updatePatrolIf(current._id, current.version, patch)) return { ...current, ...patch, version: current.version + 1 };
    current = await loadPatrol(current._id);
  }
  throw new AppError('CONFLICT', '巡逻记录正在被更新，请稍后重试');
}

export async function start(input: FnParsedInput<'patrols.start'>, ctx: CallContext): Promise<FnOutput<'patrols.start'>> {
  const user = ctx.user!;
  const id = patrolIdFor(ctx.openid, input.clientRequestId);
  const [org, active] = await Promise.all([organisation(ctx.now), activePatrolOf(ctx.openid)]);
  if (active) {
    if (active._id === id) return { patrol: patrolView(active, ctx.openid), resumed: true };
    throw new AppError('CONFLICT', '您还有一次巡逻没有结束，请先结束它');
  }
  const community = org.community(user.communityId);
  if (!community) throw new AppError('FORBIDDEN', '请先加入所在社区，再开始巡逻');
  const planned = [...new Set(input.buildingIds)].map((b) => org.building(b));
  if (planned.some((b) => !b || b.communityId !== community._id)) throw new AppError('INVALID_INPUT', '只能选择本社区的楼栋', 'buildingIds');
  const doc: PatrolDoc = {
    _id: id,
    stationId: community.stationId,
    communityId: community._id,
    communityName: community.name,
    volunteerId: ctx.openid,
    volunteerName: user.staff?.name ?? user.name ?? '志愿者',
    memberIds: [ctx.openid],
    status: 'active',
    startedAt: ctx.now,
    endedAt: null,
    month: inChina(ctx.now).format('YYYY-MM'),
    plannedBuildings: planned.map((b) => ({ id: b!._id, name: b!.name })),
    route: [],
    points: [],
    findings: [],
    findingCount: 0,
    endNote: null,
    routeNote: null,
    version: 0,
    createdAt: ctx.now,
  };
  if (!(await insertPatrol(doc))) {
    // A retry of a start that already ended: show it rather than start another.
    const existing = await loadMine(ctx, id);
    return { patrol: patrolView(existing, ctx.openid), resumed: true };
  }
  return { patrol: patrolView(doc, ctx.openid), resumed: false };
}

function passed(p: PatrolDoc, building: { _id: string; name: string }, at: Date, point?: PatrolDoc['points'][number]) {
  const route = p.route.some((r) => r.buildingId === building._id) ? null : [...p.route, { buildingId: building._id, buildingName: building.name, at }];
  const points = point && p.points.length < patrolLimits.points ? [...p.points, point] : null;
  if (route && route.length > patrolLimits.buildings) throw new AppError('INVALID_INPUT', `一次巡逻最多记录 ${patrolLimits.buildings} 栋楼`, 'buildingId');
  return { ...(route ? { route } : {}), ...(points ? { points } : {}) };
}

async function buildingOf(p: PatrolDoc, buildingId: string, now: Date) {
  const b = (await organisation(now)).building(buildingId);
  if (!b || b.communityId !== p.communityId) throw new AppError('INVALID_INPUT', '只能选择本社区的楼栋', 'buildingId');
  return b;
}

export async function pass(input: FnParsedInput<'patrols.pass'>, ctx: CallContext): Promise<FnOutput<'patrols.pass'>> {
  const p = await loadMine(ctx, input.patrolId);
  ensureRunning(p);
  const building = await buildingOf(p, input.buildingId, ctx.now);
  const point = input.point ? { latitude: input.point.latitude, longitude: input.point.longitude, at: ctx.now } : undefined;
  const updated = await changeRunning(p, (cur) => {
    const patch = passed(cur, building, ctx.now, point);
    return Object.keys(patch).length > 0 ? patch : null;
  });
  return { patrol: patrolView(updated, ctx.openid) };
}

/**
 * A finding becomes a report case created as the volunteer's own (`createCase`, idempotent on the
 * clientRequestId), with `source: {kind:'patrol'}`; then the patrol lists it once, also on a retry.
 */
export async function addFinding(input: FnParsedInput<'patrols.addFinding'>, ctx: CallContext): Promise<FnOutput<'patrols.addFinding'>> {
  const p = await loadMine(ctx, input.patrolId);
  ensureRunning(p);
  if (p.communityId !== ctx.user!.communityId) throw new AppError('FORBIDDEN', '只能在自己所在的社区巡逻');
  const building = await buildingOf(p, input.buildingId, ctx.now);
  if (p.findings.length >= patrolLimits.findings) throw new AppError('INVALID_INPUT', `一次巡逻最多记录 ${patrolLimits.findings} 条发现`, 'patrolId');
  const created = await createCase(
    {
      kind: 'report', category: input.category, anonymous: false, description: input.description, photos: input.photos,
      clientRequestId: input.clientRequestId, location: { buildingId: building._id, ...(input.unit ? { unit: input.unit } : {}) },
    },
    ctx,
    { kind: 'patrol', patrolId: p._id },
  );
  const caseId = created.case.id;
  const finding = { caseId, category: input.category, buildingName: building.name, description: input.description.slice(0, 100), at: ctx.now };
  const updated = await changeRunning(p, (cur) => {
    if (cur.findings.some((f) => f.caseId === caseId)) return null;
    return { ...passed(cur, building, ctx.now), findings: [...cur.findings, finding], findingCount: cur.findingCount + 1 };
  });
  return { patrol: patrolView(updated, ctx.openid), caseId, duplicate: created.duplicate };
}

/** Exactly one of concurrent ends applies (compare-and-set on the status); the others see it ended. */
export async function end(input: FnParsedInput<'patrols.end'>, ctx: CallContext): Promise<FnOutput<'patrols.end'>> {
  const p = await loadMine(ctx, input.patrolId);
  if (p.status !== 'active') return { patrol: patrolView(p, ctx.openid), alreadyEnded: true };
  const endNote = input.endNote ? input.endNote : null;
  if (endNote) await ensureSafeText(ctx.openid, { endNote });
  const won = await endPatrolIfActive(p._id, ctx.now, endNote);
  if (!won) return { patrol: patrolView(await loadPatrol(p._id), ctx.openid), alreadyEnded: true };
  return { patrol: patrolView({ ...p, status: 'ended', endedAt: ctx.now, endNote, version: p.version + 1 }, ctx.openid), alreadyEnded: false };
}

/** Communities whose patrols the caller may read as staff: an officer's grids', the admin's station's. */
async function staffCommunities(ctx: CallContext): Promise<{ ids: Set<string>; stationId: string | null }> {
  const user = ctx.user!;
  const ids = new Set<string>();
  if (hasRole(ctx, 'officer')) for (const g of await gridsOfOfficer(ctx.openid)) ids.add(g.communityId);
  return { ids, stationId: hasRole(ctx, 'admin') ? user.stationId ?? null : null };
}

async function mayRead(ctx: CallContext, p: PatrolDoc): Promise<boolean> {
  if (p.memberIds.includes(ctx.openid)) return true;
  if (!hasRole(ctx, 'officer', 'admin')) return false;
  const { ids, stationId } = await staffCommunities(ctx);
  return ids.has(p.communityId) || (stationId !== null && stationId === p.stationId);
}

export async function get(input: FnParsedInput<'patrols.get'>, ctx: CallContext): Promise<FnOutput<'patrols.get'>> {
  const p = await loadPatrol(input.patrolId);
  if (!(await mayRead(ctx, p))) throw new AppError('NOT_FOUND', '巡逻记录不存在', 'patrolId');
  return { patrol: patrolView(p, ctx.openid) };
}

const pageKey = (p: PatrolDoc) => ({ at: p.createdAt, id: p._id });

export async function listMine(input: FnParsedInput<'patrols.listMine'>, ctx: CallContext): Promise<FnOutput<'patrols.listMine'>> {
  const after = parseCursor(input.cursor);
  const [rows, active] = await Promise.all([
    patrolsOfVolunteer(ctx.openid, { after, limit: input.pageSize + 1 }),
    after ? Promise.resolve(null) : activePatrolOf(ctx.openid),
  ]);
  const { page, nextCursor } = pageWithCursor(rows, input.pageSize, pageKey);
  return { active: active ? patrolSummary(active) : null, items: page.map(patrolSummary), nextCursor };
}

export async function listCommunity(input: FnParsedInput<'patrols.listCommunity'>, ctx: CallContext): Promise<FnOutput<'patrols.listCommunity'>> {
  const [{ ids, stationId }, org] = await Promise.all([staffCommunities(ctx), organisation(ctx.now)]);
  const communityId = input.communityId ?? [...ids][0] ?? org.communities.find((c) => c.stationId === stationId)?._id;
  const community = org.community(communityId);
  if (!community || !(ids.has(community._id) || (stationId !== null && community.stationId === stationId))) {
    throw new AppError('NOT_FOUND', '没有可以查看的社区巡逻记录', 'communityId');
  }
  const rows = await patrolsOfCommunity(community._id, { after: parseCursor(input.cursor), limit: input.pageSize + 1 });
  const { page, nextCursor } = pageWithCursor(rows, input.pageSize, pageKey);
  return { communityId: community._id, items: page.map(patrolSummary), nextCursor };
}
