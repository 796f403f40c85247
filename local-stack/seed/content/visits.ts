/**
 * Six months of visits to vulnerable households (结对帮扶 and the roster). Most households are visited on
 * schedule; a few are overdue on purpose so the roster's "due" reminders have something to show.
 */
import { durations, type Clock } from './clock';
import type { Household, Person, Visit } from './model';
import type { Places } from './places';
import type { Random } from './random';

const NOTES_BY_TAG: Record<string, string[]> = {
  独居: ['老人身体还好，叮嘱按时吃药', '帮忙检查了燃气阀门和烟感', '陪老人聊了会儿天，情绪不错', '提醒冬季注意保暖，留了网格员电话', '帮老人买了降压药', '讲解了冒充公检法诈骗的常见说法'],
  困难: ['了解了近期生活情况，临时救助已到账', '送去米面油', '协助联系社区办理低保年审', '孩子开学用品有困难，已联系社区帮扶'],
  残疾: ['检查了楼道无障碍通行情况', '轮椅坡道有积水，已通知物业处理', '帮助办理残疾人证年审', '家属照顾得很好，无特殊需求'],
  重点关注: ['情绪稳定，与邻居关系缓和', '回访调解协议履行情况，双方相安无事', '讲解防范保健品推销骗局', '近期无异常，继续关注'],
};

const SPECIAL_NOTES: Record<string, string[]> = {
  邢桂珍: ['给邢奶奶做了西红柿炒鸡蛋和一锅小米粥', '照着网上菜谱给邢奶奶包了饺子', '给邢奶奶炖了白菜豆腐，顺便换了厨房灯泡', '邢奶奶说想吃面条，做了打卤面'],
  杨树林: ['杨大爷说新椅子坐着舒服多了，能盘腿坐', '陪杨大爷去楼下晒太阳，膝盖还是疼，提醒去医院复查', '帮杨大爷把常用东西挪到低处，少爬高'],
  李长顺: ['给李大爷送去一摞旧报纸练字', '李大爷写了一幅“平安和苑”送给警务室', '攒的旧报纸送去了，李大爷字越写越好'],
};

function jitter(random: Random, interval: number): number {
  const spread = Math.max(1, Math.round(interval * 0.25));
  return interval + random.int(-spread, spread);
}

export function buildVisits(households: Household[], places: Places, people: Person[], random: Random, clock: Clock): Visit[] {
  const visits: Visit[] = [];
  const gridWorker = (communityId: string) => people.find((p) => p.volunteerKind === '网格员' && p.communityId === communityId);
  for (const household of households) {
    const interval = household.visitIntervalDays;
    if (!interval) continue;
    const grid = places.grids.find((g) => g.id === household.gridId);
    const visitor = grid?.officerOpenid ?? gridWorker(household.communityId)?.openid;
    if (!visitor) continue;
    // About one in eight scheduled households is overdue: their last visit was longer ago than the interval.
    const overdue = !household.pairedOfficerOpenid && random.chance(0.12);
    const scheduledStop = overdue ? interval + random.int(2, 10) : random.int(0, Math.max(0, interval - 2));
    // Paired households (结对帮扶) are due now (today or just past): the officer's due list opens on them.
    const stopAt = household.pairedOfficerOpenid ? interval : scheduledStop;
    let daysAgo = 180 - random.int(0, interval);
    let last: Date | null = null;
    const special = SPECIAL_NOTES[household.headName];
    while (daysAgo > stopAt) {
      const at = clock.at(Math.round(daysAgo), random.int(9, 17), random.pick([0, 10, 20, 30, 40, 50]));
      const tag = household.tags[random.int(0, Math.max(0, household.tags.length - 1))] ?? '独居';
      const pool = special ?? NOTES_BY_TAG[tag] ?? NOTES_BY_TAG['独居'] ?? [];
      const needsFollowUp = random.chance(0.08);
      visits.push({
        id: `visit-${String(visits.length + 1).padStart(4, '0')}`,
        householdId: household.id,
        communityId: household.communityId,
        gridId: household.gridId,
        visitorOpenid: visitor,
        at,
        // Weekly checks alternate between the door and the phone; specials are always in person.
        method: special || interval > 7 || random.chance(0.6) ? '上门' : '电话',
        note: random.pick(pool),
        followUp: needsFollowUp ? random.pick(['楼道灯坏了，已报物业', '需要帮忙预约社区医院上门体检', '暖气不热，已联系热力公司']) : null,
      });
      last = at;
      daysAgo -= jitter(random, interval);
    }
    household.lastVisitAt = last;
    household.nextVisitDue = last ? new Date(last.getTime() + interval * durations.DAY) : clock.at(0, 9);
  }
  return visits.sort((a, b) => a.at.getTime() - b.at.getTime()).map((v, i) => ({ ...v, id: `visit-${String(i + 1).padStart(4, '0')}` }));
}
