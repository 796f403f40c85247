/**
 * Open311 GeoReport v2 for the city's 12345 platform: the service list (our report categories), the
 * public view of reports, new reports posted with an API key, and the admin's keys.
 *
 * Privacy: only `report` cases (problems in shared spaces) are published; help requests and
 * mediations are private matters and are never listed or found. A public request carries no person,
 * no free text (residents write names and phone numbers into descriptions), no photo and no unit:
 * the category, the building, the status and the times. Points are rounded to about 100 m.
 */
import { createHash, randomBytes } from 'node:crypto';
import dayjs from 'dayjs';
import type { FnOutput, FnParsedInput } from '../../types/registry';
import { caseStatusLabels, reportCategories, reportCategoryLabels, type ReportCategory } from '../../types/enums';
import type { Open311Created, Open311Request, Open311Service, PostRequestBody, RequestsQuery } from '../../types/open311';
import { apiKeysOfStation, getApiKey, insertApiKey, revokeApiKey as revokeKeyDoc, type ApiKeyDoc } from '../data/apiKeys';
import { getCase, insertCase, publicCasesByIds, reportsOfStation, type PublicCaseFields } from '../data/cases';
import type { BuildingDoc } from '../data/buildings';
import type { CommunityDoc } from '../data/communities';
import type { StationDoc } from '../data/stations';
import { AppError } from '../platform/errors';
import { derivedId } from '../platform/ids';
import { inChina, iso, isoOrNull } from '../platform/time';
import { recordStaffAction } from './audit';
import type { CallContext } from './callContext';
import { announceNewCase, newCaseDoc } from './caseIntake';
import { assignCaseNumber } from './caseNumbers';
import { organisation, type Organisation } from './organisation';
import { routeCase } from './routing';
import { serviceLevels } from './serviceLevels';
import { entry } from './timeline';

/** An Open311 failure: the HTTP status and the `description` the specification's error list carries. */
export class Open311Failure extends Error {
  constructor(readonly status: 400 | 403 | 404, readonly description: string) {
    super(description);
  }
}

/** The specification's defaults: without dates, the last 90 days; at most 1000 requests per answer. */
export const DEFAULT_RANGE_DAYS = 90;
export const MAX_REQUESTS = 1000;

const serviceGroups: Record<ReportCategory, string> = {
  ebike_indoor_charging: '消防安全',
  shaft_clutter: '消防安全',
  fire_lane_blocked: '消防安全',
  illegal_parking: '交通秩序',
  parking_dispute: '邻里纠纷',
  noise: '邻里纠纷',
  other: '其他',
};
const serviceDescriptions: Record<ReportCategory, string> = {
  ebike_indoor_charging: '电动自行车或电池在楼道、室内充电',
  shaft_clutter: '管道井、楼道内堆放杂物',
  fire_lane_blocked: '消防通道、安全出口被占用或堵塞',
  illegal_parking: '车辆乱停乱放、堵塞通行',
  parking_dispute: '因车位产生的邻里矛盾',
  noise: '噪音扰民',
  other: '社区内其他治安、消防隐患',
};

/** The report categories, as GET services lists them (no extra attributes: `metadata` false). */
export function services(): Open311Service[] {
  return reportCategories.map((code) => ({
    service_code: code,
    service_name: reportCategoryLabels[code],
    description: serviceDescriptions[code],
    metadata: false,
    type: 'realtime',
    keywords: [reportCategoryLabels[code], serviceGroups[code]].join(', '),
    group: serviceGroups[code],
  }));
}

function serviceOf(code: string): ReportCategory {
  const found = reportCategories.find((c) => c === code);
  if (!found) throw new Open311Failure(404, `service_code ${code.slice(0, 64)} 不存在：请先用 GET services 查询`);
  return found;
}

/** GET services/{code}: a service without attributes has an empty definition. */
export function serviceDefinition(code: string): { service_code: string; attributes: [] } {
  return { service_code: serviceOf(code), attributes: [] };
}

/** The station a request is about: the one named by `jurisdiction_id`, or the only one there is. */
function jurisdiction(org: Organisation, jurisdictionId: string | undefined): StationDoc {
  const stationIds = [...new Set(org.communities.map((c) => c.stationId))];
  if (jurisdictionId) {
    const station = org.station(jurisdictionId);
    if (!station) throw new Open311Failure(404, `jurisdiction_id ${jurisdictionId.slice(0, 64)} 不存在`);
    return station;
  }
  if (stationIds.length !== 1) throw new Open311Failure(400, '本服务覆盖多个辖区：请提供 jurisdiction_id');
  const station = org.station(stationIds[0]);
  if (!station) throw new Open311Failure(404, '辖区不存在');
  return station;
}

const statusNotes: Record<PublicCaseFields['status'], string> = {
  submitted: '已收到，等待社区民警受理',
  accepted: '社区民警已受理',
  in_progress: '社区民警正在处理',
  resolved: '已处理，等待居民确认',
  closed: '已办结',
  rejected: '经核实不予受理',
  reopened: '居民反馈未解决，重新处理中',
  withdrawn: '反映人已撤回',
};

/** ISO 8601 with the China offset (`2026-11-30T09:15:00+08:00`), as the specification's examples carry a zone. */
const chinaIso = (d: Date) => inChina(d).format('YYYY-MM-DDTHH:mm:ssZ');

/** About 100 m: enough to find the spot, not a home. */
const rounded = (n: number) => Math.round(n * 1000) / 1000;

function publicRequest(c: PublicCaseFields, station: StationDoc | null): Open311Request {
  const category = c.category ?? 'other';
  const address = [c.communityName, c.buildingName].filter(Boolean).join(' ');
  return {
    service_request_id: c._id,
    status: c.open ? 'open' : 'closed',
    status_notes: `${caseStatusLabels[c.status]}：${statusNotes[c.status]}`,
    service_name: reportCategoryLabels[category],
    service_code: category,
    // Never the resident's own words: they may name people or give phone numbers.
    description: `${reportCategoryLabels[category]}（${address}）`,
    agency_responsible: [station?.name ?? '派出所', c.gridName].join(' · '),
    service_notice: serviceNotice(c.urgent),
    requested_datetime: chinaIso(c.createdAt),
    updated_datetime: chinaIso(c.updatedAt),
    expected_datetime: c.awaitingAccept && c.slaDueAt ? chinaIso(c.slaDueAt) : null,
    address,
    address_id: c.buildingId,
    zipcode: null,
    lat: c.point ? rounded(c.point.latitude) : null,
    long: c.point ? rounded(c.point.longitude) : null,
    media_url: null,
  };
}

function serviceNotice(urgent: boolean): string {
  const levels = serviceLevels();
  return urgent ? `紧急事项 ${levels.urgentAcceptMinutes} 分钟内受理` : `一般事项 ${levels.normalAcceptHours} 小时内受理`;
}

function parseDate(value: string): Date {
  const d = dayjs(value);
  if (!d.isValid()) throw new Open311Failure(400, `时间 ${value.slice(0, 40)} 无法识别`);
  return d.toDate();
}

/** GET requests (and GET requests/{id}, which is the same query with one id). */
export async function listRequests(q: RequestsQuery, now: Date): Promise<Open311Request[]> {
  const org = await organisation(now);
  const station = jurisdiction(org, q.jurisdiction_id);
  if (q.service_request_id) {
    // The specification: with ids, every other filter is ignored.
    const ids = [...new Set(q.service_request_id)].slice(0, MAX_REQUESTS);
    const found = await publicCasesByIds(ids.filter((id) => /^[A-Za-z0-9_-]{1,64}$/.test(id)));
    const byId = new Map(found.filter((c) => c.kind === 'report' && c.stationId === station._id).map((c) => [c._id, c]));
    return ids.flatMap((id) => (byId.has(id) ? [publicRequest(byId.get(id)!, station)] : []));
  }
  const to = q.end_date ? parseDate(q.end_date) : now;
  const from = q.start_date ? parseDate(q.start_date) : dayjs(to).subtract(DEFAULT_RANGE_DAYS, 'day').toDate();
  if (from > to) throw new Open311Failure(400, 'start_date 不能晚于 end_date');
  const categories = q.service_code ? [...new Set(q.service_code.map(serviceOf))] : undefined;
  const statuses = q.status ? new Set(q.status) : null;
  const open = statuses && statuses.size === 1 ? statuses.has('open') : undefined;
  const rows = await reportsOfStation(station._id, { from, to }, { categories, open }, MAX_REQUESTS);
  return rows.map((c) => publicRequest(c, station));
}

export async function getRequest(id: string, jurisdictionId: string | undefined, now: Date): Promise<Open311Request[]> {
  const found = await listRequests({ service_request_id: [id], jurisdiction_id: jurisdictionId }, now);
  if (found.length === 0) throw new Open311Failure(404, `service_request_id ${id.slice(0, 64)} 不存在`);
  return found;
}

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 40);

async function stationOfKey(apiKey: string): Promise<ApiKeyDoc> {
  const doc = await getApiKey(hashKey(apiKey));
  if (!doc || doc.revokedAt) throw new Open311Failure(403, 'api_key 无效或已被撤销');
  return doc;
}

/** Where in the jurisdiction: a building id, or a community (and building) named in address_string. */
function locate(org: Organisation, stationId: string, body: PostRequestBody): { community: CommunityDoc; building: BuildingDoc | null } {
  if (body.address_id) {
    const building = org.building(body.address_id);
    const community = building ? org.community(building.communityId) : null;
    if (!building || !community || community.stationId !== stationId) throw new Open311Failure(400, `address_id ${body.address_id.slice(0, 64)} 不在本辖区`);
    return { community, building };
  }
  if (!body.address_string) {
    throw new Open311Failure(400, body.lat !== undefined ? '仅凭经纬度无法确定小区：请同时提供 address_string（小区名与楼栋）或 address_id' : '请提供位置：address_string 或 address_id');
  }
  const text = body.address_string.replace(/\s+/g, '');
  const community = org.communities
    .filter((c) => c.stationId === stationId && text.includes(c.name))
    .sort((a, b) => b.name.length - a.name.length)[0];
  if (!community) throw new Open311Failure(400, `地址“${body.address_string.slice(0, 60)}”不在本辖区的小区内`);
  const rest = text.slice(text.indexOf(community.name) + community.name.length);
  const building = org.buildingsOf(community._id).filter((b) => rest.includes(b.name)).sort((a, b) => b.name.length - a.name.length)[0] ?? null;
  return { community, building };
}

/**
 * POST requests: a report from the city's platform, routed like any report (the building's grid
 * officer). The same request posted again the same day answers the same id (the platform retries).
 */
export async function createRequest(body: PostRequestBody, now: Date): Promise<Open311Created[]> {
  const key = await stationOfKey(body.api_key);
  const category = serviceOf(body.service_code);
  const org = await organisation(now);
  if (body.jurisdiction_id && body.jurisdiction_id !== key.stationId) throw new Open311Failure(403, 'api_key 不属于该 jurisdiction_id');
  const { community, building } = locate(org, key.stationId, body);
  const reporterId = `open311:${key._id}`;
  const clientRequestId = derivedId(
    'open311', inChina(now).format('YYYY-MM-DD'), category, body.description, body.address_string ?? '', body.address_id ?? '',
    body.phone ?? '', body.email ?? '', body.device_id ?? '', body.account_id ?? '',
  );
  const id = derivedId('case', reporterId, clientRequestId);
  const existing = await getCase(id);
  if (existing) return [created(existing._id, existing.urgent, body)];
  const route = await routeCase(org, community, building);
  const caseNo = await assignCaseNumber(org.station(key.stationId) ?? { _id: key.stationId }, id, now);
  // 姓 then 名 for Chinese names; "first last" for Latin ones.
  const latin = /^[A-Za-z .'-]*$/.test(`${body.first_name ?? ''}${body.last_name ?? ''}`);
  const name = (latin ? [body.first_name, body.last_name].filter(Boolean).join(' ') : [body.last_name, body.first_name].filter(Boolean).join('')) || null;
  const doc = newCaseDoc({
    id, caseNo, clientRequestId, kind: 'report', category, help: null, mediation: null, community, building, unit: null,
    point: body.lat !== undefined && body.long !== undefined ? { latitude: body.lat, longitude: body.long, ...(body.address_string ? { address: body.address_string } : {}) } : null,
    route,
    // The caller's name and phone go to the officer (a call back), never to public answers.
    reporter: { id: reporterId, name: name ? `${name}（12345转办）` : '12345转办', phone: body.phone ?? null, anonymous: false },
    description: body.description,
    urgent: false,
    photos: [],
    created: entry('created', { kind: 'system', id: null, name: `12345平台（${key.label}）` }, now, { to: 'submitted' }),
    now,
  });
  if (await insertCase(doc)) await announceNewCase(doc, route, now);
  return [created(id, false, body)];
}

function created(id: string, urgent: boolean, body: PostRequestBody): Open311Created {
  return { service_request_id: id, service_notice: serviceNotice(urgent), account_id: body.account_id ?? null };
}

// ---- the admin's keys (callable actions) ----

function keyView(k: ApiKeyDoc): FnOutput<'open311.listKeys'>['items'][number] {
  return { id: k._id, label: k.label, prefix: k.prefix, createdAt: iso(k.createdAt), createdByName: k.createdByName, revokedAt: isoOrNull(k.revokedAt) };
}

function stationOfAdmin(ctx: CallContext): string {
  const stationId = ctx.user?.stationId;
  if (!stationId) throw new AppError('FORBIDDEN', '您还没有所属派出所');
  return stationId;
}

export async function issueKey(input: FnParsedInput<'open311.issueKey'>, ctx: CallContext): Promise<FnOutput<'open311.issueKey'>> {
  const stationId = stationOfAdmin(ctx);
  const key = `fq311_${randomBytes(24).toString('base64url')}`;
  const doc: ApiKeyDoc = {
    _id: hashKey(key), stationId, label: input.label, prefix: key.slice(0, 10), createdBy: ctx.openid,
    createdByName: ctx.user?.staff?.name ?? '管理员', createdAt: ctx.now, revokedAt: null,
  };
  if (!(await insertApiKey(doc))) throw new AppError('INTERNAL');
  await recordStaffAction(ctx, {
    action: 'api_key_issued', stationId, target: { kind: 'api_key', id: doc._id, label: doc.label },
    detail: `签发 Open311 接口密钥「${doc.label}」（${doc.prefix}…）`,
  });
  return { key, apiKey: keyView(doc) };
}

export async function listKeys(_input: FnParsedInput<'open311.listKeys'>, ctx: CallContext): Promise<FnOutput<'open311.listKeys'>> {
  return { items: (await apiKeysOfStation(stationOfAdmin(ctx), 50)).map(keyView) };
}

export async function revokeKey(input: FnParsedInput<'open311.revokeKey'>, ctx: CallContext): Promise<FnOutput<'open311.revokeKey'>> {
  const stationId = stationOfAdmin(ctx);
  const revoked = await revokeKeyDoc(input.keyId, stationId, ctx.now);
  const doc = await getApiKey(input.keyId);
  if (!doc || doc.stationId !== stationId) throw new AppError('NOT_FOUND', '没有这个密钥');
  if (!revoked && !doc.revokedAt) throw new AppError('CONFLICT', '密钥状态已变化，请刷新后再试');
  // Only the call that revoked it is logged: revoking again changes nothing.
  if (revoked) {
    await recordStaffAction(ctx, {
      action: 'api_key_revoked', stationId, target: { kind: 'api_key', id: doc._id, label: doc.label },
      detail: `停用 Open311 接口密钥「${doc.label}」（${doc.prefix}…）`,
    });
  }
  return { apiKey: keyView(doc) };
}
