/**
 * 和苑派出所 and the seven communities of the 和苑 resettlement area, with grids and buildings. Grid
 * officers are fixed here (周建军 at 梦和园, 王卫东 at 雅和园); one grid has no officer on purpose so the
 * demo shows routing to the station admin.
 */
import type { Building, Community, Grid, Station } from './model';
import type { Random } from './random';

export const ADMIN_OPENID = 'demo-admin-zhaomingyuan';

export const OFFICER_OPENIDS = {
  zhouJianjun: 'demo-officer-zhoujianjun',
  wangWeidong: 'demo-officer-wangweidong',
  liHaitao: 'demo-officer-lihaitao',
  zhangGuodong: 'demo-officer-zhangguodong',
  sunZhigang: 'demo-officer-sunzhigang',
  gaoWenbin: 'demo-officer-gaowenbin',
} as const;

export const STATION: Station = {
  id: 'station-heyuan',
  name: '天津市公安局红桥分局和苑派出所',
  shortName: '和苑派出所',
  branch: '红桥分局',
  city: '天津市',
  address: '天津市红桥区和苑地区（演示地址）',
  phone: '022-00000110',
  slogan: '平安不出事，矛盾不上交，服务不缺位',
  volunteerBrand: '和苑家人',
  adminOpenids: [ADMIN_OPENID],
};

interface CommunityPlan {
  id: string;
  name: string;
  householdCount: number;
  buildings: number;
  /** Officer per grid; null = no officer yet. */
  gridOfficers: (string | null)[];
  location: { latitude: number; longitude: number };
}

const O = OFFICER_OPENIDS;

const PLANS: CommunityPlan[] = [
  { id: 'community-menghe', name: '梦和园', householdCount: 2046, buildings: 16, gridOfficers: [O.zhouJianjun, O.zhouJianjun], location: { latitude: 39.1786, longitude: 117.1102 } },
  { id: 'community-yahe', name: '雅和园', householdCount: 1580, buildings: 12, gridOfficers: [O.wangWeidong, O.wangWeidong], location: { latitude: 39.1771, longitude: 117.1148 } },
  { id: 'community-xinhe', name: '馨和园', householdCount: 1320, buildings: 10, gridOfficers: [O.liHaitao], location: { latitude: 39.1752, longitude: 117.1087 } },
  { id: 'community-qinghe', name: '清和园', householdCount: 1750, buildings: 12, gridOfficers: [O.zhangGuodong, O.sunZhigang], location: { latitude: 39.1808, longitude: 117.1165 } },
  { id: 'community-yuehe', name: '悦和园', householdCount: 1190, buildings: 9, gridOfficers: [O.sunZhigang], location: { latitude: 39.1824, longitude: 117.1121 } },
  { id: 'community-runhe', name: '润和园', householdCount: 1260, buildings: 10, gridOfficers: [O.gaoWenbin], location: { latitude: 39.1737, longitude: 117.1130 } },
  { id: 'community-xiuhe', name: '秀和园', householdCount: 1410, buildings: 11, gridOfficers: [O.gaoWenbin, null], location: { latitude: 39.1795, longitude: 117.1059 } },
];

export const COMMUNITY_IDS = {
  menghe: 'community-menghe',
  yahe: 'community-yahe',
  xinhe: 'community-xinhe',
  qinghe: 'community-qinghe',
  yuehe: 'community-yuehe',
  runhe: 'community-runhe',
  xiuhe: 'community-xiuhe',
} as const;

const GRID_NAMES = ['第一网格', '第二网格'];

export interface Places {
  communities: Community[];
  grids: Grid[];
  buildings: Building[];
}

export function buildingId(communityId: string, number: number): string {
  return `${communityId.replace('community-', 'building-')}-${String(number).padStart(2, '0')}`;
}

export function buildPlaces(random: Random): Places {
  const communities: Community[] = [];
  const grids: Grid[] = [];
  const buildings: Building[] = [];
  for (const plan of PLANS) {
    communities.push({
      id: plan.id,
      name: plan.name,
      householdCount: plan.householdCount,
      address: `天津市红桥区和苑地区${plan.name}社区（演示地址）`,
      policeRoom: `${plan.name}社区警务室（社区服务中心一楼）`,
      location: plan.location,
    });
    const gridCount = plan.gridOfficers.length;
    const perGrid = Math.ceil(plan.buildings / gridCount);
    plan.gridOfficers.forEach((officerOpenid, index) => {
      const gridId = `${plan.id.replace('community-', 'grid-')}-${index + 1}`;
      const numbers: number[] = [];
      for (let n = index * perGrid + 1; n <= Math.min(plan.buildings, (index + 1) * perGrid); n++) numbers.push(n);
      grids.push({
        id: gridId,
        communityId: plan.id,
        name: gridCount === 1 ? `${plan.name}网格` : `${plan.name}${GRID_NAMES[index]}`,
        officerOpenid,
        buildingIds: numbers.map((n) => buildingId(plan.id, n)),
      });
      for (const n of numbers) {
        // Resettlement estates mix six-storey walk-ups with 18-storey towers.
        const tower = random.chance(0.35);
        const unitCount = tower ? random.int(1, 2) : random.int(2, 4);
        buildings.push({
          id: buildingId(plan.id, n),
          communityId: plan.id,
          gridId,
          name: `${n}号楼`,
          number: n,
          units: Array.from({ length: unitCount }, (_, i) => `${i + 1}单元`),
          floors: tower ? 18 : 6,
        });
      }
    });
  }
  return { communities, grids, buildings };
}
