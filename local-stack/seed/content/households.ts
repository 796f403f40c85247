/**
 * ~300 households across the seven communities, with the roster tags (独居, 困难, 残疾, 重点关注), the
 * article's neighbours (杨大爷 with bad knees, 邢奶奶 who lives alone, 李大爷 who practises calligraphy,
 * 王大娘 and 赵大娘 of the camera dispute) and the residents who use the mini-program.
 */
import type { Clock } from './clock';
import type { Building, Household, HouseholdTag, Person } from './model';
import { fictionalPhone, type NameGenerator } from './names';
import { COMMUNITY_IDS, OFFICER_OPENIDS, buildingId, type Places } from './places';
import type { Random } from './random';

export const DEMO_RESIDENT_MENGHE_OPENID = 'demo-resident-liuyufen';
export const DEMO_RESIDENT_XINHE_OPENID = 'demo-resident-sunlixin';
export const WANG_DANIANG_OPENID = 'demo-resident-wangfengqin';
export const ZHAO_DANIANG_OPENID = 'demo-resident-zhaoyulan';

/** Households per community; 梦和园 gets more because it is the demo's main community. */
const HOUSEHOLDS_PER_COMMUNITY: Record<string, number> = {
  [COMMUNITY_IDS.menghe]: 72,
  [COMMUNITY_IDS.yahe]: 38,
  [COMMUNITY_IDS.xinhe]: 38,
  [COMMUNITY_IDS.qinghe]: 38,
  [COMMUNITY_IDS.yuehe]: 38,
  [COMMUNITY_IDS.runhe]: 38,
  [COMMUNITY_IDS.xiuhe]: 38,
};

const TAG_NOTES: Record<HouseholdTag, string[]> = {
  独居: ['子女在外地，每周电话联系', '老伴去世后独居，有高血压，按时服药', '独居，行动尚可，常去社区活动室', '独居，耳背，敲门要大声些'],
  困难: ['低保户，老伴长期卧床', '失业在家，孩子上学，已协助申请临时救助', '因病致贫，每月透析两次', '特困供养人员，需关注冬季取暖'],
  残疾: ['肢体残疾，轮椅出行，留意楼道是否通畅', '视力残疾二级，出门需人陪同', '听力残疾，联系请发短信', '智力残疾，由母亲照顾'],
  重点关注: ['曾有邻里矛盾，定期回访', '独自照顾患病家属，情绪压力大', '易受保健品推销和电信诈骗侵害，已重点宣传', '刑满释放人员，帮教期内'],
};

/** Visits expected every N days, by the most demanding tag. */
export function visitIntervalFor(tags: HouseholdTag[], paired: boolean): number | null {
  if (paired || tags.includes('独居')) return 7;
  if (tags.includes('重点关注')) return 14;
  if (tags.includes('困难') || tags.includes('残疾')) return 30;
  return null;
}

interface HandPicked {
  headName: string;
  callName: string | null;
  communityId: string;
  buildingNumber: number;
  room: string;
  tags: HouseholdTag[];
  note: string;
  members: number;
  residentOpenid: string | null;
  pairedOfficerOpenid: string | null;
  /** The account holder if not the head (e.g. a son using the app for his mother). */
  accountName?: string;
}

const HAND_PICKED: HandPicked[] = [
  { headName: '邢桂珍', callName: '邢奶奶', communityId: COMMUNITY_IDS.menghe, buildingNumber: 3, room: '202', tags: ['独居'], members: 1, note: '独居老人，做饭不便，周警官常上门做饭；女儿在外地工作', residentOpenid: null, pairedOfficerOpenid: OFFICER_OPENIDS.zhouJianjun },
  { headName: '杨树林', callName: '杨大爷', communityId: COMMUNITY_IDS.menghe, buildingNumber: 5, room: '101', tags: ['残疾'], members: 2, note: '膝关节不好，腿脚不便；周警官给找了一把适合盘腿坐的椅子', residentOpenid: 'demo-resident-yangshulin', pairedOfficerOpenid: null },
  { headName: '李长顺', callName: '李大爷', communityId: COMMUNITY_IDS.menghe, buildingNumber: 7, room: '301', tags: ['独居'], members: 1, note: '喜欢练毛笔字，攒了旧报纸就给他送去', residentOpenid: null, pairedOfficerOpenid: null },
  { headName: '刘玉芬', callName: null, communityId: COMMUNITY_IDS.menghe, buildingNumber: 3, room: '502', tags: [], members: 3, note: '', residentOpenid: DEMO_RESIDENT_MENGHE_OPENID, pairedOfficerOpenid: null },
  { headName: '王凤琴', callName: '王大娘', communityId: COMMUNITY_IDS.yahe, buildingNumber: 4, room: '401', tags: ['重点关注'], members: 2, note: '与对门赵大娘曾因楼道摄像头发生纠纷，已调解，定期回访', residentOpenid: WANG_DANIANG_OPENID, pairedOfficerOpenid: null },
  { headName: '赵玉兰', callName: '赵大娘', communityId: COMMUNITY_IDS.yahe, buildingNumber: 4, room: '402', tags: ['重点关注'], members: 2, note: '与对门王大娘曾因楼道摄像头发生纠纷，已调解，定期回访', residentOpenid: ZHAO_DANIANG_OPENID, pairedOfficerOpenid: null },
  { headName: '孙桂荣', callName: null, communityId: COMMUNITY_IDS.xinhe, buildingNumber: 2, room: '302', tags: [], members: 2, note: '', residentOpenid: DEMO_RESIDENT_XINHE_OPENID, pairedOfficerOpenid: null, accountName: '孙立新' },
];

export interface HouseholdsResult {
  households: Household[];
  /** Residents with an account (the mini-program's users among these households). */
  residents: Person[];
}

export function buildHouseholds(places: Places, names: NameGenerator, random: Random, clock: Clock): HouseholdsResult {
  const households: Household[] = [];
  const residents: Person[] = [];
  const takenRooms = new Set<string>();
  let phoneSerial = 1000;
  const byId = new Map(places.buildings.map((b) => [b.id, b] as const));
  for (const picked of HAND_PICKED) names.reserve(picked.headName);
  names.reserve('孙立新');

  const add = (h: Omit<Household, 'id' | 'gridId' | 'phone' | 'visitIntervalDays' | 'lastVisitAt' | 'nextVisitDue' | 'createdAt'>, accountName: string | null, building: Building) => {
    const id = `household-${String(households.length + 1).padStart(3, '0')}`;
    takenRooms.add(`${building.id}/${h.unit}/${h.room}`);
    const household: Household = {
      ...h,
      id,
      gridId: building.gridId,
      phone: fictionalPhone(phoneSerial++),
      visitIntervalDays: visitIntervalFor(h.tags, h.pairedOfficerOpenid !== null),
      lastVisitAt: null,
      nextVisitDue: null,
      createdAt: clock.at(200 - random.int(0, 10), 10),
    };
    households.push(household);
    if (h.residentOpenid) {
      residents.push({
        openid: h.residentOpenid,
        name: accountName ?? h.headName,
        roles: ['resident'],
        communityId: h.communityId,
        gridId: building.gridId,
        buildingId: building.id,
        unit: h.unit,
        phone: household.phone,
        title: '居民',
        // Residents joined over the period; the demo residents were there from the start.
        createdAt: clock.at(random.int(150, 190), random.int(8, 20)),
      });
    }
  };

  for (const picked of HAND_PICKED) {
    const building = byId.get(buildingId(picked.communityId, picked.buildingNumber));
    if (!building) throw new Error(`hand-picked household in a missing building ${picked.buildingNumber}`);
    add(
      {
        communityId: picked.communityId,
        buildingId: building.id,
        unit: building.units[0] ?? '1单元',
        room: picked.room,
        headName: picked.headName,
        callName: picked.callName,
        members: picked.members,
        tags: picked.tags,
        note: picked.note,
        pairedOfficerOpenid: picked.pairedOfficerOpenid,
        residentOpenid: picked.residentOpenid,
      },
      picked.accountName ?? null,
      building,
    );
  }

  for (const community of places.communities) {
    const target = HOUSEHOLDS_PER_COMMUNITY[community.id] ?? 0;
    const buildings = places.buildings.filter((b) => b.communityId === community.id);
    let count = households.filter((h) => h.communityId === community.id).length;
    let serial = 0;
    while (count < target) {
      const building = random.pick(buildings);
      const unit = random.pick(building.units);
      const room = `${random.int(1, building.floors)}0${random.int(1, building.floors > 6 ? 4 : 2)}`;
      if (takenRooms.has(`${building.id}/${unit}/${room}`)) continue;
      const tags: HouseholdTag[] = [];
      if (random.chance(0.17)) tags.push('独居');
      if (random.chance(0.13)) tags.push('困难');
      if (random.chance(0.08)) tags.push('残疾');
      if (random.chance(0.06)) tags.push('重点关注');
      const alone = tags.includes('独居');
      const headName = names.elder();
      // Fewer of those living alone use the app themselves; children often register for their parents.
      const hasAccount = random.chance(alone ? 0.2 : 0.45);
      const accountName = hasAccount && !alone && random.chance(0.4) ? names.younger() : null;
      serial += 1;
      add(
        {
          communityId: community.id,
          buildingId: building.id,
          unit,
          room,
          headName,
          callName: null,
          members: alone ? 1 : random.int(2, 5),
          tags,
          note: tags.map((t) => random.pick(TAG_NOTES[t])).join('；'),
          pairedOfficerOpenid: null,
          residentOpenid: hasAccount ? `demo-resident-${community.id.replace('community-', '')}-${String(serial).padStart(3, '0')}` : null,
        },
        accountName,
        building,
      );
      count += 1;
    }
  }

  // Every officer pairs with one household in need (结对帮扶); 周建军's is 邢奶奶 (hand-picked above).
  for (const grid of places.grids) {
    const officer = grid.officerOpenid;
    if (!officer || households.some((h) => h.pairedOfficerOpenid === officer)) continue;
    const candidate = households.find((h) => h.gridId === grid.id && h.tags.includes('困难') && !h.pairedOfficerOpenid)
      ?? households.find((h) => h.gridId === grid.id && h.tags.length > 0 && !h.pairedOfficerOpenid);
    if (candidate) {
      candidate.pairedOfficerOpenid = officer;
      candidate.visitIntervalDays = 7;
    }
  }

  return { households, residents };
}
