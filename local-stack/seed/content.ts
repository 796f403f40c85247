/**
 * The demo station's content: 和苑派出所 (天津, 红桥分局), its seven communities, people, households,
 * visits, notices, patrols and six months of cases. Deterministic: the same `now` always gives the same
 * content, and every id is independent of `now`.
 */
import { createClock } from './content/clock';
import { buildCases } from './content/cases';
import { buildHouseholds, DEMO_RESIDENT_MENGHE_OPENID, DEMO_RESIDENT_XINHE_OPENID } from './content/households';
import type { DemoPerson, SeedContent } from './content/model';
import { createNameGenerator } from './content/names';
import { buildNotices } from './content/notices';
import { buildPatrols } from './content/patrols';
import { ADMIN_OPENID, OFFICER_OPENIDS, STATION, buildPlaces } from './content/places';
import { createRandom } from './content/random';
import {
  COMMUNITY_MEDIATOR_MENGHE_OPENID,
  GRID_WORKER_MENGHE_OPENID,
  JUDICIAL_MEDIATOR_OPENID,
  VOLUNTEER_WANG_XIUPING_OPENID,
  buildStaff,
} from './content/staff';
import { buildVisits } from './content/visits';

export type * from './content/model';

/** Changing the seed changes every generated name and number; keep it fixed. */
export const CONTENT_SEED = 20240728;

export function buildSeedContent(now: Date = new Date()): SeedContent {
  const random = createRandom(CONTENT_SEED);
  const clock = createClock(now);
  const names = createNameGenerator(random);
  const places = buildPlaces(random);
  const staff = buildStaff(places, names, random, clock);
  const { households, residents } = buildHouseholds(places, names, random, clock);
  const people = [...staff.people, ...residents];
  const visits = buildVisits(households, places, people, random, clock);
  const notices = buildNotices(random, clock);
  const { patrols, findings } = buildPatrols(places, staff.volunteers, random, clock);
  const { cases, idOfKey } = buildCases(
    { places, staff, people, residents: [...residents, ...staff.people.filter((p) => p.roles.includes('volunteer'))].filter((p) => p.roles.includes('resident')), names, random, clock },
    findings,
    CONTENT_SEED,
  );
  for (const patrol of patrols) {
    const finding = findings.find((f) => f.patrolId === patrol.id);
    patrol.caseId = finding ? idOfKey.get(finding.key) ?? null : null;
  }
  return {
    now: clock.now,
    station: STATION,
    communities: places.communities,
    grids: places.grids,
    buildings: places.buildings,
    people,
    households,
    visits,
    notices,
    patrols,
    cases,
  };
}

/** The people the local sign-in page offers, one per role a demo needs. */
export const DEMO_PEOPLE: DemoPerson[] = [
  { openid: DEMO_RESIDENT_MENGHE_OPENID, name: '刘玉芬', roleLabel: '居民（梦和园）', description: '梦和园3号楼居民，有待评价、处理中、刚提交的问题和已调解的车位纠纷' },
  { openid: DEMO_RESIDENT_XINHE_OPENID, name: '孙立新', roleLabel: '居民（馨和园）', description: '馨和园2号楼居民，和母亲同住；有法律咨询、消防通道上报和物业纠纷调解' },
  { openid: OFFICER_OPENIDS.zhouJianjun, name: '周建军', roleLabel: '社区民警（梦和园）', description: '梦和园两个网格的社区民警、社区党委副书记，“有困难找老周”；结对帮扶独居的邢奶奶' },
  { openid: OFFICER_OPENIDS.wangWeidong, name: '王卫东', roleLabel: '社区民警（雅和园）', description: '雅和园社区民警，与王志华一起调解了王大娘和赵大娘的楼道摄像头纠纷' },
  { openid: JUDICIAL_MEDIATOR_OPENID, name: '王志华', roleLabel: '专职司法调解员', description: '驻所司法调解员，参与专业助调和公调对接，提供法律咨询' },
  { openid: COMMUNITY_MEDIATOR_MENGHE_OPENID, name: '陈玉梅', roleLabel: '社区调解员（梦和园）', description: '梦和园社区党员、兼职调解员，参与警民联调' },
  { openid: VOLUNTEER_WANG_XIUPING_OPENID, name: '王秀萍', roleLabel: '和苑家人志愿者', description: '梦和园“和苑家人”义务巡逻队治安志愿者，巡逻中发现隐患随手上报' },
  { openid: GRID_WORKER_MENGHE_OPENID, name: '马丽娜', roleLabel: '网格员（梦和园）', description: '梦和园网格员，也是和苑家人巡逻队队员' },
  { openid: ADMIN_OPENID, name: '赵明远', roleLabel: '派出所管理员', description: '和苑派出所管理员：无民警网格（秀和园第二网格）的案件和超时督办都到这里' },
];
