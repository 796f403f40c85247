/**
 * Households for the roster tests (issue 11), on the small station of ./station.ts, written through
 * backend/data with their search keys (as the seed does): 邢奶奶 (独居, paired with 周建军) and 杨大爷
 * in g1, a household in g3 (王卫东's grid, another community).
 */
import { insertHouseholdKeys } from '../../backend/data/householdKeys';
import { insertHouseholds, type HouseholdDoc } from '../../backend/data/households';
import { newUser, putUser } from '../../backend/data/users';
import { keysOf } from '../../backend/domain/householdKeys';
import { PRIVACY_VERSION } from '../../types/privacy';
import type { Role } from '../../types/user';
import type { TestStack } from '../support/stack';
import { arrangeStation, ids, joinResident } from './station';

export const hh = { xing: 'hh-xing', yang: 'hh-yang', xinhe: 'hh-xinhe', other: 'hh-other' } as const;

const DAY = 86_400_000;

export function householdDoc(overrides: Partial<HouseholdDoc> & Pick<HouseholdDoc, '_id'>): HouseholdDoc {
  const now = new Date();
  return {
    stationId: ids.station, communityId: ids.c1, gridId: ids.g1, buildingId: ids.b1, buildingName: '3号楼', unit: '1单元', room: '202',
    headName: '邢桂珍', callName: '邢奶奶', members: 1, phone: '13800001234', tags: ['独居'], note: '独居老人，女儿在外地',
    pairedOfficerId: null, pairedOfficerName: null, residentOpenid: null, visitIntervalDays: 7,
    lastVisitAt: new Date(now.getTime() - 8 * DAY), nextVisitDue: new Date(now.getTime() - DAY), remindAt: null,
    version: 0, createdAt: new Date(now.getTime() - 100 * DAY), updatedAt: now,
    ...overrides,
  };
}

export async function putHouseholds(docs: HouseholdDoc[]): Promise<void> {
  await insertHouseholds(docs);
  await insertHouseholdKeys(docs.flatMap(keysOf));
}

export async function arrangeRoster(): Promise<void> {
  const now = Date.now();
  await putHouseholds([
    householdDoc({ _id: hh.xing, pairedOfficerId: ids.officer1, pairedOfficerName: '周建军', createdAt: new Date(now - 100 * DAY) }),
    householdDoc({
      _id: hh.yang, headName: '杨树林', callName: '杨大爷', room: '101', tags: ['残疾'], phone: '13800005678', members: 2, visitIntervalDays: 30,
      nextVisitDue: new Date(now + 10 * DAY), lastVisitAt: new Date(now - 20 * DAY), createdAt: new Date(now - 90 * DAY),
    }),
    householdDoc({
      _id: hh.xinhe, communityId: ids.c2, gridId: ids.g3, buildingId: ids.b3, buildingName: '1号楼', headName: '孙桂荣', callName: null, tags: ['困难'],
      createdAt: new Date(now - 80 * DAY),
    }),
  ]);
}

/** The people around the roster besides the station's officers and admin: grid workers of both communities and the wrong roles. */
export const rosterPeople = { gridWorker: 'o-gw-menghe', gridWorkerElsewhere: 'o-gw-xinhe', volunteer: 'o-vol', mediator: 'o-med', resident: 'o-res' } as const;

async function staffUser(openid: string, roles: Role[], communityId: string | null, name: string) {
  const now = new Date();
  await putUser({
    ...newUser(openid, now), roles, communityId, stationId: ids.station, privacyVersion: PRIVACY_VERSION, privacyConsentAt: now,
    staff: { name, title: '网格员', dutyHours: '周一至周五', phone: '022-12345678', photoFileId: null },
  });
}

export async function arrangeRosterPeople(stack: TestStack): Promise<void> {
  const p = rosterPeople;
  await staffUser(p.gridWorker, ['grid_worker', 'volunteer', 'resident'], ids.c1, '马丽娜');
  await staffUser(p.gridWorkerElsewhere, ['grid_worker'], ids.c2, '赵网格');
  await staffUser(p.volunteer, ['volunteer'], ids.c1, '王秀萍');
  await staffUser(p.mediator, ['mediator'], ids.c1, '陈玉梅');
  await joinResident(stack, p.resident, { communityId: ids.c1, buildingId: ids.b1 }, '刘玉芬');
}

/** The small station with its roster and the people around it (the roster tests' whole arrangement). */
export async function arrangeRosterStation(stack: TestStack): Promise<void> {
  await arrangeStation(stack);
  await arrangeRoster();
  await arrangeRosterPeople(stack);
}
