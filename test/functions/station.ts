/**
 * A small station for the function tests, written through backend/data (the same modules the
 * functions use): two communities, three grids (one without an officer), three buildings, two
 * officers and an admin. Residents join through the real `session` function.
 */
import { putBuilding } from '../../backend/data/buildings';
import { putCommunity } from '../../backend/data/communities';
import { putGrid } from '../../backend/data/grids';
import { putStation } from '../../backend/data/stations';
import { newUser, putUser, updateUser, type UserDoc } from '../../backend/data/users';
import { PRIVACY_VERSION } from '../../types/privacy';
import type { FnInput } from '../../types/registry';
import { startTestStack, type TestStack } from '../support/stack';

export const ids = {
  station: 'st-heyuan',
  c1: 'c-menghe',
  c2: 'c-xinhe',
  g1: 'g-menghe-1',
  g2: 'g-menghe-2',
  g3: 'g-xinhe-1',
  b1: 'b-menghe-3',
  b2: 'b-menghe-9',
  b3: 'b-xinhe-1',
  officer1: 'o-officer-zhou',
  officer2: 'o-officer-wang',
  admin: 'o-admin-li',
};

const profile = (name: string, title: string) => ({ name, title, dutyHours: '周一至周五 8:30–17:30', phone: '022-12345678', photoFileId: null });

function staffUser(openid: string, roles: UserDoc['roles'], name: string, title: string, now: Date): UserDoc {
  return { ...newUser(openid, now), roles, stationId: ids.station, staff: profile(name, title) };
}

/**
 * One suite's stack with the station arranged: started in beforeAll, then `arrange` (residents joining,
 * fixtures), and closed in afterAll. The stack it returns answers from beforeAll on (a hook declared
 * after this call runs after it).
 */
export function stationSuite(arrange?: (stack: TestStack) => Promise<void>): TestStack {
  let started: TestStack | undefined;
  beforeAll(async () => {
    started = await startTestStack();
    await arrangeStation(started);
    await arrange?.(started);
  }, 120_000);
  afterAll(() => started?.close());
  return new Proxy({} as TestStack, {
    get(_, key) {
      if (!started) throw new Error('the test stack starts in beforeAll');
      const value: unknown = Reflect.get(started, key);
      return typeof value === 'function' ? value.bind(started) : value;
    },
  });
}

export async function arrangeStation(stack: TestStack): Promise<void> {
  stack.database(); // points this process's wx-server-sdk at the stack's local cloud
  const now = new Date();
  await putStation({ _id: ids.station, name: '和苑派出所', adminIds: [ids.admin], phone: '022-88886666', dutyHours: '24 小时', createdAt: now });
  await putCommunity({ _id: ids.c1, stationId: ids.station, name: '夢和园', address: '和苑街 1 号', order: 1, defaultGridId: ids.g1, createdAt: now });
  await putCommunity({ _id: ids.c2, stationId: ids.station, name: '欣和园', address: '和苑街 9 号', order: 2, defaultGridId: ids.g3, createdAt: now });
  await putGrid({ _id: ids.g1, stationId: ids.station, communityId: ids.c1, name: '夢和园第一网格', officerId: ids.officer1, officer: profile('周建军', '社区民警'), order: 1, createdAt: now });
  await putGrid({ _id: ids.g2, stationId: ids.station, communityId: ids.c1, name: '夢和园第二网格', officerId: null, officer: null, order: 2, createdAt: now });
  await putGrid({ _id: ids.g3, stationId: ids.station, communityId: ids.c2, name: '欣和园第一网格', officerId: ids.officer2, officer: profile('王卫东', '社区民警'), order: 3, createdAt: now });
  await putBuilding({ _id: ids.b1, communityId: ids.c1, gridId: ids.g1, name: '3号楼', units: ['1单元', '2单元'], order: 3, createdAt: now });
  await putBuilding({ _id: ids.b2, communityId: ids.c1, gridId: ids.g2, name: '9号楼', units: ['1单元'], order: 9, createdAt: now });
  await putBuilding({ _id: ids.b3, communityId: ids.c2, gridId: ids.g3, name: '1号楼', units: ['1单元'], order: 1, createdAt: now });
  await putUser(staffUser(ids.officer1, ['officer'], '周建军', '社区民警', now));
  await putUser(staffUser(ids.officer2, ['officer'], '王卫东', '社区民警', now));
  await putUser(staffUser(ids.admin, ['admin'], '李明', '派出所管理员', now));
}

/** A resident who consented and joined a building through the real functions. */
export async function joinResident(stack: TestStack, openid: string, place: { communityId: string; buildingId: string; unit?: string }, name = '张阿姨', verified = true): Promise<void> {
  const consent = await stack.call('session.consentPrivacy', { version: PRIVACY_VERSION }, openid);
  if (!consent.ok) throw new Error(JSON.stringify(consent.error));
  const bound = await stack.call('session.bindCommunity', { ...place, name, phone: '13812345678' }, openid);
  if (!bound.ok) throw new Error(JSON.stringify(bound.error));
  // issue 10: as if they had opened the community's survey card in its WeChat group (a verified member).
  if (verified) await updateUser(openid, { memberVerified: true, verifiedCommunityIds: [place.communityId] });
}

/** 张阿姨 (3号楼 1单元) and 李师傅 (3号楼 2单元) of 夢和园, 陈大爷 of 欣和园 (another community). */
const neighbours = {
  'o-zhang': { place: { communityId: ids.c1, buildingId: ids.b1, unit: '1单元' }, name: '张阿姨' },
  'o-li': { place: { communityId: ids.c1, buildingId: ids.b1, unit: '2单元' }, name: '李师傅' },
  'o-xinhe': { place: { communityId: ids.c2, buildingId: ids.b3 }, name: '陈大爷' },
} as const;

/** The case suites' residents join, in order (all three unless `openids` names some). */
export async function joinNeighbours(stack: TestStack, openids: Array<keyof typeof neighbours> = ['o-zhang', 'o-li', 'o-xinhe']): Promise<void> {
  for (const openid of openids) await joinResident(stack, openid, neighbours[openid].place, neighbours[openid].name);
}

let counter = 0;
export function requestId(): string {
  counter++;
  return `req-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

export function fireLaneReport(overrides: Partial<Extract<FnInput<'cases.create'>, { kind: 'report' }>> = {}): FnInput<'cases.create'> {
  return {
    kind: 'report',
    category: 'fire_lane_blocked',
    description: '3号楼东侧消防通道被私家车堵住了两天',
    anonymous: false,
    clientRequestId: requestId(),
    location: { buildingId: ids.b1, unit: '1单元' },
    photos: [],
    ...overrides,
  };
}

export function unwrap<T>(r: { ok: true; data: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.data;
}

/** The SDK's typings declare `Promise<… | void | string>`; at runtime a query answers `{data}`. */
export async function dataOf<T>(query: unknown): Promise<T> {
  return ((await (query as Promise<{ data: unknown }>)).data ?? null) as T;
}
