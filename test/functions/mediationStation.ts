/**
 * The test station's mediation people, written through backend/data like the rest of station.ts:
 * a community mediator per community, the station's judicial mediator (on the station document),
 * and the communities' mediator lists. Call right after `arrangeStation`, before any function runs
 * (the organisation cache would keep the old station for a minute).
 */
import { putCommunity } from '../../backend/data/communities';
import { putStation } from '../../backend/data/stations';
import { newUser, putUser, type UserDoc } from '../../backend/data/users';
import { PRIVACY_VERSION } from '../../types/privacy';
import type { TestStack } from '../support/stack';
import { ids, requestId } from './station';

export const med = {
  chen: 'o-med-chen',
  xin: 'o-med-xin',
  judicial: 'o-judicial-wang',
};

function person(openid: string, roles: UserDoc['roles'], name: string, title: string, communityId: string | null, now: Date): UserDoc {
  return {
    ...newUser(openid, now), roles, communityId, stationId: ids.station, name, privacyVersion: PRIVACY_VERSION, privacyConsentAt: now,
    staff: { name, title, dutyHours: '工作日', phone: '022-12345678', photoFileId: null },
  };
}

export async function arrangeMediation(stack: TestStack): Promise<void> {
  stack.database();
  const now = new Date();
  await putStation({
    _id: ids.station, name: '和苑派出所', adminIds: [ids.admin], phone: '022-88886666', dutyHours: '24 小时', createdAt: now,
    judicialMediator: { id: med.judicial, name: '王志华', title: '专职人民调解员' },
  });
  await putCommunity({ _id: ids.c1, stationId: ids.station, name: '夢和园', address: '和苑街 1 号', order: 1, defaultGridId: ids.g1, createdAt: now, mediatorIds: [med.chen] });
  await putCommunity({ _id: ids.c2, stationId: ids.station, name: '欣和园', address: '和苑街 9 号', order: 2, defaultGridId: ids.g3, createdAt: now, mediatorIds: [med.xin] });
  await putUser(person(med.chen, ['mediator', 'resident'], '陈玉梅', '夢和园社区调解员', ids.c1, now));
  await putUser(person(med.xin, ['mediator'], '孙丽', '欣和园社区调解员', ids.c2, now));
  await putUser(person(med.judicial, ['judicial_mediator'], '王志华', '专职人民调解员', null, now));
}

export function parkingDispute() {
  return {
    kind: 'mediation' as const,
    mediationType: 'parking' as const,
    otherParty: '5号楼王先生',
    wants: '希望对方不要再占用我的车位',
    description: '楼下车位经常被5号楼的车占用，沟通无果',
    clientRequestId: requestId(),
    location: { buildingId: ids.b1 },
    photos: [],
  };
}
