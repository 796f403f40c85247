/**
 * The station's people: admin, grid officers, the full-time judicial mediator, community mediators
 * (社区党员, part-time) and the 和苑家人 patrol team (网格员, 楼门长, 治安志愿者, 物业保安).
 */
import type { Clock } from './clock';
import type { Grid, Person, VolunteerKind } from './model';
import { fictionalPhone, type NameGenerator } from './names';
import { ADMIN_OPENID, COMMUNITY_IDS, OFFICER_OPENIDS, type Places } from './places';
import type { Random } from './random';

export const JUDICIAL_MEDIATOR_OPENID = 'demo-mediator-wangzhihua';
export const VOLUNTEER_WANG_XIUPING_OPENID = 'demo-volunteer-wangxiuping';
export const COMMUNITY_MEDIATOR_MENGHE_OPENID = 'demo-mediator-chenyumei';
export const GRID_WORKER_MENGHE_OPENID = 'demo-gridworker-malina';

const OFFICER_NAMES: Record<string, string> = {
  [OFFICER_OPENIDS.zhouJianjun]: '周建军',
  [OFFICER_OPENIDS.wangWeidong]: '王卫东',
  [OFFICER_OPENIDS.liHaitao]: '李海涛',
  [OFFICER_OPENIDS.zhangGuodong]: '张国栋',
  [OFFICER_OPENIDS.sunZhigang]: '孙志刚',
  [OFFICER_OPENIDS.gaoWenbin]: '高文斌',
};

/** One community mediator per community; 陈玉梅 at 梦和园 is a demo sign-in. */
const COMMUNITY_MEDIATORS: Record<string, { name: string; openid?: string }> = {
  [COMMUNITY_IDS.menghe]: { name: '陈玉梅', openid: COMMUNITY_MEDIATOR_MENGHE_OPENID },
  [COMMUNITY_IDS.yahe]: { name: '刘文华' },
  [COMMUNITY_IDS.xinhe]: { name: '张桂芳' },
  [COMMUNITY_IDS.qinghe]: { name: '何建民' },
  [COMMUNITY_IDS.yuehe]: { name: '吴淑珍' },
  [COMMUNITY_IDS.runhe]: { name: '郑国庆' },
  [COMMUNITY_IDS.xiuhe]: { name: '冯秀兰' },
};

const VOLUNTEER_KINDS: VolunteerKind[] = ['网格员', '楼门长', '治安志愿者', '物业保安'];

export interface Staff {
  people: Person[];
  officerName(openid: string): string;
  /** The community mediator of a community. */
  communityMediator(communityId: string): Person;
  volunteers(communityId: string): Person[];
}

export function buildStaff(places: Places, names: NameGenerator, random: Random, clock: Clock): Staff {
  const people: Person[] = [];
  const joined = clock.at(200, 9);
  let phoneSerial = 100;
  const phone = () => fictionalPhone(phoneSerial++);
  const communityName = (id: string) => places.communities.find((c) => c.id === id)?.name ?? '';
  const firstBuilding = (communityId: string) => places.buildings.find((b) => b.communityId === communityId);

  for (const name of ['赵明远', '陈玉梅', '刘文华', '张桂芳', '何建民', '吴淑珍', '郑国庆', '冯秀兰', '马丽娜', '李海涛', '张国栋', '孙志刚', '高文斌']) {
    names.reserve(name);
  }

  people.push({
    openid: ADMIN_OPENID,
    name: '赵明远',
    roles: ['admin', 'officer'],
    communityId: null,
    gridId: null,
    buildingId: null,
    unit: null,
    phone: phone(),
    title: '和苑派出所 值班管理员',
    dutyHours: '周一至周日 8:30—17:30',
    createdAt: joined,
  });

  for (const [openid, name] of Object.entries(OFFICER_NAMES)) {
    const grids = places.grids.filter((g: Grid) => g.officerOpenid === openid);
    const communityId = grids[0]?.communityId ?? null;
    people.push({
      openid,
      name,
      roles: ['officer'],
      communityId,
      gridId: grids[0]?.id ?? null,
      buildingId: null,
      unit: null,
      phone: phone(),
      title: `社区民警 · ${[...new Set(grids.map((g) => communityName(g.communityId)))].join('、')}社区党委副书记`,
      dutyHours: '工作日 8:30—17:30，紧急情况请拨打110',
      createdAt: joined,
    });
  }

  people.push({
    openid: JUDICIAL_MEDIATOR_OPENID,
    name: '王志华',
    roles: ['mediator'],
    communityId: null,
    gridId: null,
    buildingId: null,
    unit: null,
    phone: phone(),
    title: '专职司法调解员（驻所）',
    dutyHours: '工作日 9:00—17:00 驻所调解室',
    mediatorKind: 'judicial',
    createdAt: joined,
  });

  for (const community of places.communities) {
    const plan = COMMUNITY_MEDIATORS[community.id];
    if (!plan) continue;
    const building = firstBuilding(community.id);
    people.push({
      openid: plan.openid ?? `demo-mediator-${community.id.replace('community-', '')}`,
      name: plan.name,
      roles: ['mediator', 'resident'],
      communityId: community.id,
      gridId: building?.gridId ?? null,
      buildingId: building?.id ?? null,
      unit: building?.units[0] ?? null,
      phone: phone(),
      title: `${community.name}社区兼职调解员（社区党员）`,
      mediatorKind: 'community',
      createdAt: joined,
    });
  }

  for (const community of places.communities) {
    const buildings = places.buildings.filter((b) => b.communityId === community.id);
    VOLUNTEER_KINDS.forEach((kind, index) => {
      const isWangXiuping = community.id === COMMUNITY_IDS.menghe && kind === '治安志愿者';
      const isMalina = community.id === COMMUNITY_IDS.menghe && kind === '网格员';
      const name = isWangXiuping ? '王秀萍' : isMalina ? '马丽娜' : kind === '物业保安' ? names.younger() : names.elder();
      const building = buildings[(index * 3) % buildings.length];
      const slug = community.id.replace('community-', '');
      people.push({
        openid: isWangXiuping
          ? VOLUNTEER_WANG_XIUPING_OPENID
          : isMalina
            ? GRID_WORKER_MENGHE_OPENID
            : `demo-volunteer-${slug}-${index + 1}`,
        name,
        roles: kind === '网格员' ? ['grid_worker', 'volunteer', 'resident'] : ['volunteer', 'resident'],
        communityId: community.id,
        gridId: building?.gridId ?? null,
        buildingId: building?.id ?? null,
        unit: building ? random.pick(building.units) : null,
        phone: phone(),
        title: `和苑家人义务巡逻队 · ${kind}`,
        volunteerKind: kind,
        createdAt: joined,
      });
    });
  }

  return {
    people,
    officerName: (openid) => OFFICER_NAMES[openid] ?? (openid === ADMIN_OPENID ? '赵明远' : '民警'),
    communityMediator(communityId) {
      const found = people.find((p) => p.mediatorKind === 'community' && p.communityId === communityId);
      if (!found) throw new Error(`no community mediator for ${communityId}`);
      return found;
    },
    volunteers: (communityId) => people.filter((p) => p.volunteerKind && p.communityId === communityId),
  };
}
