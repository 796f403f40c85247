/**
 * 和苑家人 patrols: each community's team walks its beat about once a week, more often in summer
 * evenings. About one patrol in four finds something that becomes a report case (电动车 pushed into a
 * building, clutter in a pipe shaft, outside cars on a fire lane).
 */
import { durations, type Clock } from './clock';
import type { Building, Patrol, Person, ReportCategory } from './model';
import type { Places } from './places';
import type { Random } from './random';

export interface PatrolFinding {
  key: string;
  patrolId: string;
  communityId: string;
  building: Building;
  category: ReportCategory;
  reporter: Person;
  at: Date;
}

const ROUTES = ['小区主干道—各楼门—充电棚—东门', '楼道巡查（重点看管道井和楼梯间）', '停车区—消防通道—西门', '围墙沿线—地下车库入口—快递柜'];
const CALM_FINDINGS = ['未发现异常。', '外来车辆2辆，已登记。', '提醒两位老人锁好自行车。', '帮一户居民换了楼道灯泡。', '劝离一名发小广告人员。', '充电棚秩序正常。'];
const FINDING_CATEGORIES: ReportCategory[] = ['电动车入户充电', '管道井堆物', '消防通道堵塞', '车辆乱停', '争车位'];

export function buildPatrols(places: Places, volunteersOf: (communityId: string) => Person[], random: Random, clock: Clock): { patrols: Patrol[]; findings: PatrolFinding[] } {
  const patrols: Patrol[] = [];
  const findings: PatrolFinding[] = [];
  for (const community of places.communities) {
    const team = volunteersOf(community.id);
    if (team.length === 0) continue;
    const buildings = places.buildings.filter((b) => b.communityId === community.id);
    let daysAgo = 178 - random.int(0, 4);
    while (daysAgo > 0) {
      const members = random.sample(team, random.int(2, Math.min(4, team.length)));
      const leader = members[0] as Person;
      const startedAt = clock.at(daysAgo, random.pick([9, 15, 19, 20]), random.pick([0, 30]));
      const endedAt = new Date(startedAt.getTime() + random.int(45, 100) * durations.MINUTE);
      const id = `patrol-${community.id.replace('community-', '')}-${String(patrols.length + 1).padStart(3, '0')}`;
      const found = random.chance(0.25);
      let findingsText = random.pick(CALM_FINDINGS);
      if (found && endedAt.getTime() < clock.now.getTime() - durations.HOUR) {
        const building = random.pick(buildings);
        const category = random.pick(FINDING_CATEGORIES);
        findingsText = `${building.name}发现隐患：${category}，已拍照上报。`;
        findings.push({ key: `finding-${id}`, patrolId: id, communityId: community.id, building, category, reporter: leader, at: endedAt });
      }
      if (endedAt.getTime() < clock.now.getTime()) {
        patrols.push({
          id,
          communityId: community.id,
          volunteerOpenids: members.map((m) => m.openid),
          leaderOpenid: leader.openid,
          startedAt,
          endedAt,
          route: random.pick(ROUTES),
          findings: findingsText,
          caseId: null,
        });
      }
      daysAgo -= random.int(5, 9);
    }
  }
  return { patrols, findings };
}
