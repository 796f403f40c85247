/**
 * Six months of cases: generated reports, help requests and mediations across every community, plus
 * hand-written ones the demo relies on (the 王大娘/赵大娘 camera dispute, 杨大爷's chair, the demo
 * residents' own cases, an overdue urgent request). Mediation outcomes are balanced afterwards so the
 * success rate lands near the article's 95%.
 */
import { durations, type Clock } from './clock';
import { caseNumber, hashKey, simulateCase, type CaseDraft, type Fate, type Participants } from './case-simulation';
import {
  type Building,
  type DisputeType,
  type HelpType,
  type MediationOutcome,
  type MediationTier,
  type Person,
  type ReportCategory,
  type SeedCase,
} from './model';
import type { NameGenerator } from './names';
import type { PatrolFinding } from './patrols';
import { ADMIN_OPENID, COMMUNITY_IDS, buildingId, type Places } from './places';
import type { Random } from './random';
import { HELP_SCENARIOS, MEDIATION_SCENARIOS, REPORT_SCENARIOS, type MediationScenario, type Scenario } from './scenarios';
import type { Staff } from './staff';
import { DEMO_RESIDENT_MENGHE_OPENID, DEMO_RESIDENT_XINHE_OPENID, WANG_DANIANG_OPENID, ZHAO_DANIANG_OPENID } from './households';

const { MINUTE, HOUR, DAY } = durations;

export const GENERATED_COUNTS = { report: 135, help: 60, mediation: 54 } as const;
/** Target share of successful mediations among those with an outcome (the article: over 95%). */
export const TARGET_SUCCESS_RATE = 0.95;

const ADD_INFO = ['补充：晚上八点以后最明显。', '补充：已经持续一个多星期了。', '我白天不在家，晚上六点后可以联系我。', '补充：三楼和五楼都有这个情况。'];

interface Context {
  places: Places;
  staff: Staff;
  people: Person[];
  residents: Person[];
  names: NameGenerator;
  random: Random;
  clock: Clock;
}

function personById(ctx: Context, openid: string): Person {
  const found = ctx.people.find((p) => p.openid === openid);
  if (!found) throw new Error(`unknown person ${openid}`);
  return found;
}

function participantsFor(ctx: Context, gridId: string, communityId: string, transferFromGridId: string | null): Participants {
  const grid = ctx.places.grids.find((g) => g.id === gridId);
  const assignee = personById(ctx, grid?.officerOpenid ?? ADMIN_OPENID);
  const fromGrid = transferFromGridId ? ctx.places.grids.find((g) => g.id === transferFromGridId) : null;
  const transferredFrom = fromGrid ? personById(ctx, fromGrid.officerOpenid ?? ADMIN_OPENID) : null;
  return {
    assignee,
    transferredFrom: transferredFrom && transferredFrom.openid !== assignee.openid ? transferredFrom : null,
    judicialMediator: personById(ctx, 'demo-mediator-wangzhihua'),
    communityMediator: ctx.staff.communityMediator(communityId),
    volunteer: ctx.random.pick(ctx.staff.volunteers(communityId)),
  };
}

/** A fixed number of draws whatever the time of day, so the rest of the content does not shift. */
function createdAtFor(ctx: Context): Date {
  const { random, clock } = ctx;
  const daysAgo = random.chance(0.2) ? random.int(0, 9) : random.int(10, 179);
  const hour = random.int(7, 21);
  const minute = random.int(0, 59);
  const at = clock.at(daysAgo, hour, minute);
  // Later today than now: it happened yesterday instead.
  return at.getTime() < clock.now.getTime() - 15 * MINUTE ? at : clock.at(daysAgo + 1, hour, minute);
}

function fateFor(ctx: Context, kind: CaseDraft['kind'], createdAt: Date): Fate {
  const age = ctx.clock.daysAgo(createdAt);
  const w = ctx.random.weighted.bind(ctx.random);
  if (kind === 'mediation') {
    if (age < 3) return w<Fate>([['stall_submitted', 3], ['stall_accepted', 3], ['rated', 4]]);
    if (age < 30) return w<Fate>([['rated', 55], ['resolved_unrated', 25], ['stall_in_progress', 15], ['withdrawn', 5]]);
    return w<Fate>([['rated', 62], ['resolved_unrated', 33], ['withdrawn', 5]]);
  }
  if (age < 1) return w<Fate>([['stall_submitted', 35], ['stall_accepted', 20], ['stall_in_progress', 20], ['rated', 25]]);
  if (age < 10) return w<Fate>([['rated', 50], ['resolved_unrated', 20], ['stall_in_progress', 10], ['reopened_open', 7], ['rejected', 6], ['withdrawn', 3], ['stall_accepted', 4]]);
  return w<Fate>([['rated', 66], ['resolved_unrated', 18], ['rejected', 6], ['reopened_then_rated', 6], ['withdrawn', 4]]);
}

interface Where {
  communityId: string;
  gridId: string;
  building: Building | null;
  unit: string | null;
  location: { latitude: number; longitude: number } | null;
}

/** The reporter's own building most of the time; sometimes another one, or only a map point. */
function whereFor(ctx: Context, reporter: Person, allowPoint: boolean): Where {
  const { places, random } = ctx;
  const communityId = reporter.communityId ?? COMMUNITY_IDS.menghe;
  const community = places.communities.find((c) => c.id === communityId);
  if (allowPoint && random.chance(0.1) && community) {
    const firstGrid = places.grids.find((g) => g.communityId === communityId);
    return {
      communityId,
      gridId: firstGrid?.id ?? '',
      building: null,
      unit: null,
      location: { latitude: community.location.latitude + (random.next() - 0.5) * 0.002, longitude: community.location.longitude + (random.next() - 0.5) * 0.002 },
    };
  }
  const own = places.buildings.find((b) => b.id === reporter.buildingId);
  const building = own && random.chance(0.7) ? own : random.pick(places.buildings.filter((b) => b.communityId === communityId));
  const unit = building === own && reporter.unit ? reporter.unit : random.pick(building.units);
  return { communityId, gridId: building.gridId, building, unit, location: null };
}

function residentsOf(ctx: Context, communityId: string): Person[] {
  return ctx.residents.filter((p) => p.communityId === communityId);
}

function generatedDraft(ctx: Context, kind: CaseDraft['kind'], index: number): CaseDraft {
  const { random, places } = ctx;
  // Bigger communities produce more cases; 梦和园 is the biggest.
  const community = random.weighted(places.communities.map((c) => [c, c.householdCount] as const));
  const pool = residentsOf(ctx, community.id);
  const reporter = random.pick(pool);
  const where = whereFor(ctx, reporter, kind === 'report');
  const createdAt = createdAtFor(ctx);
  const fate = fateFor(ctx, kind, createdAt);
  // In 清和园 the two grids' officers sometimes hand a case over to the right grid.
  const qinghe = places.grids.filter((g) => g.communityId === COMMUNITY_IDS.qinghe);
  const transferFrom = where.communityId === COMMUNITY_IDS.qinghe && random.chance(0.15) ? qinghe.find((g) => g.id !== where.gridId)?.id ?? null : null;
  const key = `${kind}-${String(index + 1).padStart(3, '0')}`;
  const base = {
    key,
    kind,
    communityId: where.communityId,
    gridId: where.gridId,
    building: where.building,
    unit: where.unit,
    location: where.location,
    reporter,
    createdAt,
    fate,
    participants: participantsFor(ctx, where.gridId, where.communityId, transferFrom),
    addInfo: random.chance(0.1) ? random.pick(ADD_INFO) : null,
    outcome: 'success' as MediationOutcome,
  };
  if (kind === 'report') {
    const category = random.weighted<ReportCategory>([['电动车入户充电', 24], ['管道井堆物', 16], ['消防通道堵塞', 14], ['车辆乱停', 12], ['争车位', 10], ['噪音扰民', 14], ['其他', 10]]);
    const scenario: Scenario = random.pick(REPORT_SCENARIOS[category]);
    const neighbours = where.building && ['电动车入户充电', '管道井堆物', '消防通道堵塞', '噪音扰民'].includes(category) && random.chance(0.2)
      ? random.sample(pool.filter((p) => p !== reporter), random.int(1, 3))
      : [];
    return { ...base, category, urgency: null, scenario, anonymous: random.chance(0.15), callbackAllowed: false, meToo: neighbours, tier: null, respondentName: null };
  }
  if (kind === 'help') {
    const helpType = random.weighted<HelpType>([['独居老人照护', 30], ['维修', 35], ['法律咨询', 20], ['其他', 15]]);
    const scenario: Scenario = random.pick(HELP_SCENARIOS[helpType]);
    const urgent = scenario.urgent === true && random.chance(0.8);
    return { ...base, category: helpType, urgency: urgent ? '紧急' : '一般', scenario, anonymous: false, callbackAllowed: random.chance(0.7), meToo: [], tier: null, respondentName: null };
  }
  const disputeType = random.weighted<DisputeType>([['邻里', 40], ['家庭', 15], ['物业', 12], ['车位', 25], ['其他', 8]]);
  const scenario: MediationScenario = random.pick(MEDIATION_SCENARIOS[disputeType]);
  const tier: MediationTier = random.chance(0.85) ? scenario.preferredTier : scenario.preferredTier === '警民联调' ? '专业助调' : '公调对接';
  const respondentName = /物业|小卖部|外来/.test(scenario.respondent) || !random.chance(0.6) ? scenario.respondent : `${scenario.respondent}（${ctx.names.elder()}）`;
  return { ...base, category: disputeType, urgency: null, scenario, anonymous: false, callbackAllowed: false, meToo: [], tier, respondentName };
}

function findingDraft(ctx: Context, finding: PatrolFinding): CaseDraft {
  const scenario = ctx.random.pick(REPORT_SCENARIOS[finding.category]);
  return {
    key: finding.key,
    kind: 'report',
    category: finding.category,
    urgency: null,
    scenario: { ...scenario, description: `和苑家人巡逻时发现：${scenario.description}` },
    communityId: finding.communityId,
    gridId: finding.building.gridId,
    building: finding.building,
    unit: ctx.random.pick(finding.building.units),
    location: null,
    reporter: finding.reporter,
    anonymous: false,
    callbackAllowed: false,
    createdAt: finding.at,
    fate: ctx.clock.daysAgo(finding.at) < 1 ? 'stall_accepted' : ctx.random.weighted<Fate>([['rated', 3], ['resolved_unrated', 7]]),
    participants: participantsFor(ctx, finding.building.gridId, finding.communityId, null),
    meToo: [],
    addInfo: null,
    tier: null,
    outcome: 'success',
    respondentName: null,
  };
}

/** Cases the demo walks through; fixed so the story is the same every time. */
function featuredDrafts(ctx: Context): CaseDraft[] {
  const { places, clock } = ctx;
  const building = (communityId: string, n: number): Building => {
    const b = places.buildings.find((x) => x.id === buildingId(communityId, n));
    if (!b) throw new Error(`missing building ${communityId} ${n}`);
    return b;
  };
  const drafts: CaseDraft[] = [];
  const add = (d: Omit<CaseDraft, 'participants' | 'gridId' | 'communityId' | 'location' | 'meToo' | 'addInfo' | 'outcome' | 'tier' | 'respondentName' | 'anonymous' | 'callbackAllowed' | 'urgency'> & Partial<CaseDraft>) => {
    const b = d.building;
    const communityId = b?.communityId ?? d.reporter.communityId ?? COMMUNITY_IDS.menghe;
    const gridId = b?.gridId ?? d.gridId ?? '';
    drafts.push({
      communityId,
      gridId,
      location: null,
      meToo: [],
      addInfo: null,
      outcome: 'success',
      tier: null,
      respondentName: null,
      anonymous: false,
      callbackAllowed: false,
      urgency: null,
      participants: participantsFor(ctx, gridId, communityId, null),
      ...d,
    });
  };

  const liu = personById(ctx, DEMO_RESIDENT_MENGHE_OPENID);
  const sun = personById(ctx, DEMO_RESIDENT_XINHE_OPENID);
  const wang = personById(ctx, WANG_DANIANG_OPENID);
  const zhao = personById(ctx, ZHAO_DANIANG_OPENID);
  const yang = personById(ctx, 'demo-resident-yangshulin');
  const menghe3 = building(COMMUNITY_IDS.menghe, 3);
  const yahe4 = building(COMMUNITY_IDS.yahe, 4);

  // The article's camera dispute, mediated at the station by 王卫东 with 王志华.
  add({
    key: 'featured-camera-dispute',
    kind: 'mediation',
    category: '邻里',
    scenario: {
      title: '楼道摄像头被布蒙上',
      description: '我在楼道里装了个摄像头，对门王大娘说侵犯她家隐私，偷偷用布把摄像头蒙上了，两家又吵起来了。',
      wish: '对门别再遮挡摄像头，两家别再吵。',
      respondent: '对门王大娘',
      preferredTier: '专业助调',
      sessions: [],
      agreement: '赵玉兰将摄像头角度调整为只拍自家门口，不对着王家房门；王凤琴不再遮挡摄像头；双方今后有事先找楼门长沟通，不再争吵。',
      followUp: '回访：摄像头角度已调整，两位大娘见面打招呼，一起参加了社区活动。',
      referredTo: '',
      failedNote: '',
    },
    building: yahe4,
    unit: yahe4.units[0] ?? '1单元',
    reporter: zhao,
    createdAt: clock.at(74, 19, 40),
    fate: 'rated',
    tier: '专业助调',
    respondentName: '王凤琴（对门王大娘）',
    sessionNotes: [
      '双方矛盾较深，民警王卫东将两位大娘请到所里，司法调解员王志华把两人分别请到不同房间坐下，先“降温”。',
      '从多年邻居情谊入手做思想工作，还原和拆解矛盾成因，双方都认识到了自己的不对。',
      '以民法典为依据，讲明安装摄像头与保护邻居隐私的边界，以及矛盾升级可能触犯的法律。两位大娘握手言和。',
    ],
    timing: { accept: 40 * MINUTE, start: 20 * HOUR, resolve: 3 * HOUR, rate: 5 * HOUR },
    rating: { satisfaction: 5, safety: 5, comment: '情、理、法都讲到了，我们服气。' },
  });
  // An earlier quarrel of the same neighbours, settled on the spot.
  add({
    key: 'featured-camera-prequel',
    kind: 'mediation',
    category: '邻里',
    scenario: { ...MEDIATION_SCENARIOS['邻里'][1] as MediationScenario, title: '对门堆鞋柜吵起来了', description: '对门在楼道里放鞋柜和杂物，说了两句就吵起来了。' },
    building: yahe4,
    unit: yahe4.units[0] ?? '1单元',
    reporter: wang,
    createdAt: clock.at(131, 10, 15),
    fate: 'rated',
    tier: '警民联调',
    respondentName: '赵玉兰（对门）',
    rating: { satisfaction: 4, safety: 4, comment: '民警很耐心。' },
  });

  // 杨大爷's knees: 周建军 found him a chair he can sit cross-legged on.
  add({
    key: 'featured-yang-chair',
    kind: 'help',
    category: '其他',
    scenario: {
      title: '腿脚不好，家里椅子坐不住',
      description: '我膝盖不好，家里的椅子太硬太高，坐一会儿腿就疼，想问问能不能帮着找一把合适的椅子。',
      acceptNote: '收到，杨大爷您别急，我来想办法。',
      progressNote: '在旧货市场看了几把，找到一把适合盘腿坐的老式宽椅。',
      resolution: '周建军把一把适合老人盘腿坐的宽椅子送到家，帮杨大爷调好了坐垫高度。',
    },
    building: building(COMMUNITY_IDS.menghe, 5),
    unit: building(COMMUNITY_IDS.menghe, 5).units[0] ?? '1单元',
    reporter: yang,
    createdAt: clock.at(96, 9, 20),
    fate: 'rated',
    callbackAllowed: true,
    urgency: '一般',
    rating: { satisfaction: 5, safety: 5, comment: '有困难找老周，真没错！' },
  });

  // The 梦和园 demo resident: one case in every state a resident meets.
  const liuWhere = { building: menghe3, unit: liu.unit ?? menghe3.units[0] ?? '1单元', reporter: liu };
  add({ key: 'featured-liu-ebike', kind: 'report', category: '电动车入户充电', scenario: (REPORT_SCENARIOS['电动车入户充电'][0] as Scenario), ...liuWhere, createdAt: clock.at(58, 20, 5), fate: 'rated', rating: { satisfaction: 5, safety: 5, comment: '第二天就处理了，楼道里安心多了。' } });
  add({ key: 'featured-liu-shaft', kind: 'report', category: '管道井堆物', scenario: (REPORT_SCENARIOS['管道井堆物'][0] as Scenario), ...liuWhere, createdAt: clock.at(5, 9, 30), fate: 'resolved_unrated', timing: { accept: 2 * HOUR, start: 20 * HOUR, resolve: 26 * HOUR } });
  add({ key: 'featured-liu-light', kind: 'help', category: '维修', scenario: (HELP_SCENARIOS['维修'][1] as Scenario), ...liuWhere, createdAt: clock.at(1, 16, 10), fate: 'stall_in_progress', urgency: '一般', callbackAllowed: true, timing: { accept: 50 * MINUTE, start: 2 * HOUR } });
  add({ key: 'featured-liu-parking', kind: 'mediation', category: '车位', scenario: (MEDIATION_SCENARIOS['车位'][0] as MediationScenario), ...liuWhere, createdAt: clock.at(102, 18, 45), fate: 'rated', tier: '警民联调', respondentName: '同楼车主（姓高）', rating: { satisfaction: 4, safety: 5, comment: '说开了就好了。' } });
  add({ key: 'featured-liu-noise', kind: 'report', category: '噪音扰民', scenario: (REPORT_SCENARIOS['噪音扰民'][0] as Scenario), ...liuWhere, createdAt: new Date(clock.now.getTime() - 2 * HOUR), fate: 'stall_submitted', addInfo: '补充：一般是十一点到十二点之间。' });
  add({ key: 'featured-liu-vendor', kind: 'report', category: '其他', scenario: { title: '小区门口摊贩占道', description: '小区门口早上好多摊贩占着人行道卖菜，老人推车过不去。', acceptNote: '', progressNote: '', resolution: '', rejectReason: '占道经营属于城市管理职责，已转告和苑街道城管科处理，请留意街道回复。' }, ...liuWhere, createdAt: clock.at(33, 8, 15), fate: 'rejected' });

  // The 馨和园 demo resident (孙立新, who looks after his mother).
  const xinhe2 = building(COMMUNITY_IDS.xinhe, 2);
  const sunWhere = { building: xinhe2, unit: sun.unit ?? xinhe2.units[0] ?? '1单元', reporter: sun };
  add({ key: 'featured-sun-legal', kind: 'help', category: '法律咨询', scenario: (HELP_SCENARIOS['法律咨询'][1] as Scenario), ...sunWhere, createdAt: clock.at(40, 14, 0), fate: 'rated', urgency: '一般', callbackAllowed: true, rating: { satisfaction: 5, safety: 4, comment: '王老师讲得很清楚，押金要回来了。' } });
  add({ key: 'featured-sun-firelane', kind: 'report', category: '消防通道堵塞', scenario: (REPORT_SCENARIOS['消防通道堵塞'][0] as Scenario), ...sunWhere, createdAt: clock.at(2, 19, 30), fate: 'stall_in_progress', timing: { accept: 3 * HOUR, start: 10 * HOUR } });
  add({ key: 'featured-sun-property', kind: 'mediation', category: '物业', scenario: (MEDIATION_SCENARIOS['物业'][0] as MediationScenario), ...sunWhere, createdAt: clock.at(1, 10, 0), fate: 'stall_accepted', tier: '公调对接', respondentName: '小区物业公司', timing: { accept: 3 * HOUR } });

  // An urgent request nobody accepted within 30 minutes: overdue, escalated to the station admin.
  const qinghe = places.buildings.filter((b) => b.communityId === COMMUNITY_IDS.qinghe);
  const qingheResident = residentsOf(ctx, COMMUNITY_IDS.qinghe)[0];
  if (qingheResident && qinghe[0]) {
    add({ key: 'featured-overdue-urgent', kind: 'help', category: '独居老人照护', scenario: (HELP_SCENARIOS['独居老人照护'][0] as Scenario), building: qinghe[0], unit: qinghe[0].units[0] ?? '1单元', reporter: qingheResident, createdAt: new Date(clock.now.getTime() - 47 * MINUTE), fate: 'stall_submitted', urgency: '紧急', callbackAllowed: true });
  }
  // A report in the grid without an officer: handled by the station admin.
  const noOfficerGrid = places.grids.find((g) => g.officerOpenid === null);
  const xiuheBuilding = noOfficerGrid ? places.buildings.find((b) => b.gridId === noOfficerGrid.id) : undefined;
  const xiuheResident = residentsOf(ctx, COMMUNITY_IDS.xiuhe).find((p) => p.gridId === noOfficerGrid?.id) ?? residentsOf(ctx, COMMUNITY_IDS.xiuhe)[0];
  if (xiuheBuilding && xiuheResident) {
    add({ key: 'featured-admin-grid', kind: 'report', category: '管道井堆物', scenario: (REPORT_SCENARIOS['管道井堆物'][2] as Scenario), building: xiuheBuilding, unit: xiuheBuilding.units[0] ?? '1单元', reporter: xiuheResident, createdAt: new Date(clock.now.getTime() - 3 * HOUR), fate: 'stall_submitted', anonymous: true });
    add({ key: 'featured-admin-grid-done', kind: 'report', category: '电动车入户充电', scenario: (REPORT_SCENARIOS['电动车入户充电'][2] as Scenario), building: xiuheBuilding, unit: xiuheBuilding.units[0] ?? '1单元', reporter: xiuheResident, createdAt: clock.at(21, 21, 0), fate: 'rated' });
  }
  // A report older than a day that 王卫东 has not accepted yet: overdue in his inbox.
  const yaheResident = residentsOf(ctx, COMMUNITY_IDS.yahe).find((p) => p.openid !== WANG_DANIANG_OPENID && p.openid !== ZHAO_DANIANG_OPENID);
  if (yaheResident) {
    const b = places.buildings.find((x) => x.id === yaheResident.buildingId) ?? yahe4;
    add({ key: 'featured-overdue-report', kind: 'report', category: '消防通道堵塞', scenario: (REPORT_SCENARIOS['消防通道堵塞'][1] as Scenario), building: b, unit: yaheResident.unit ?? b.units[0] ?? '1单元', reporter: yaheResident, createdAt: new Date(clock.now.getTime() - 29 * HOUR), fate: 'stall_submitted' });
  }
  // A resident said "not fixed": back in 周建军's inbox as 重新办理.
  const menghe9 = building(COMMUNITY_IDS.menghe, 9);
  const mengheNeighbour = residentsOf(ctx, COMMUNITY_IDS.menghe).find((p) => p.buildingId === menghe9.id) ?? residentsOf(ctx, COMMUNITY_IDS.menghe).find((p) => p.openid !== liu.openid);
  if (mengheNeighbour) {
    add({ key: 'featured-reopened', kind: 'report', category: '电动车入户充电', scenario: (REPORT_SCENARIOS['电动车入户充电'][1] as Scenario), building: menghe9, unit: menghe9.units[0] ?? '1单元', reporter: mengheNeighbour, createdAt: clock.at(8, 19, 50), fate: 'reopened_open', timing: { accept: 40 * MINUTE, start: 14 * HOUR, resolve: 20 * HOUR } });
  }
  // Open work of every kind in every state, so each inbox tab and resident page has something.
  const menghe = residentsOf(ctx, COMMUNITY_IDS.menghe).filter((p) => p.openid !== liu.openid);
  const pickMenghe = (i: number) => menghe[i % Math.max(1, menghe.length)];
  const homeOf = (p: Person) => {
    const b = places.buildings.find((x) => x.id === p.buildingId) ?? menghe3;
    return { building: b, unit: p.unit ?? b.units[0] ?? '1单元', reporter: p };
  };
  const wangXiuping = personById(ctx, 'demo-volunteer-wangxiuping');
  const menghe11 = building(COMMUNITY_IDS.menghe, 11);
  add({ key: 'featured-patrol-accepted', kind: 'report', category: '电动车入户充电', scenario: { ...(REPORT_SCENARIOS['电动车入户充电'][2] as Scenario), description: `和苑家人巡逻时发现：${(REPORT_SCENARIOS['电动车入户充电'][2] as Scenario).description}` }, building: menghe11, unit: menghe11.units[0] ?? '1单元', reporter: wangXiuping, createdAt: clock.at(1, 15, 20), fate: 'stall_accepted', timing: { accept: 40 * MINUTE } });
  const helpAccepted = pickMenghe(1);
  if (helpAccepted) add({ key: 'featured-help-accepted', kind: 'help', category: '维修', scenario: (HELP_SCENARIOS['维修'][0] as Scenario), ...homeOf(helpAccepted), createdAt: clock.at(1, 16, 40), fate: 'stall_accepted', urgency: '一般', callbackAllowed: true, timing: { accept: 30 * MINUTE } });
  const helpResolved = pickMenghe(2);
  if (helpResolved) add({ key: 'featured-help-resolved', kind: 'help', category: '独居老人照护', scenario: (HELP_SCENARIOS['独居老人照护'][1] as Scenario), ...homeOf(helpResolved), createdAt: new Date(clock.now.getTime() - 2 * DAY), fate: 'resolved_unrated', urgency: '一般', callbackAllowed: true, timing: { accept: HOUR, start: 2 * HOUR, resolve: 3 * HOUR } });
  const mediationNew = pickMenghe(3);
  if (mediationNew) add({ key: 'featured-mediation-submitted', kind: 'mediation', category: '车位', scenario: (MEDIATION_SCENARIOS['车位'][1] as MediationScenario), ...homeOf(mediationNew), createdAt: new Date(clock.now.getTime() - 4 * HOUR), fate: 'stall_submitted', tier: '警民联调', respondentName: '外来车辆车主' });
  const mediationOngoing = pickMenghe(4);
  if (mediationOngoing) add({ key: 'featured-mediation-in-progress', kind: 'mediation', category: '家庭', scenario: (MEDIATION_SCENARIOS['家庭'][0] as MediationScenario), ...homeOf(mediationOngoing), createdAt: clock.at(9, 10, 0), fate: 'stall_in_progress', tier: '专业助调', respondentName: '哥哥、姐姐', sessionNotes: ['司法调解员讲解民法典关于赡养义务的规定，约定下周三兄妹一起到所里面谈。'], timing: { accept: 2 * HOUR, start: DAY } });
  const mediationResolved = pickMenghe(5);
  if (mediationResolved) add({ key: 'featured-mediation-resolved', kind: 'mediation', category: '邻里', scenario: (MEDIATION_SCENARIOS['邻里'][0] as MediationScenario), ...homeOf(mediationResolved), createdAt: clock.at(6, 15, 0), fate: 'resolved_unrated', tier: '警民联调', respondentName: '楼上住户', sessionNotes: ['民警和调解员一起上门查看漏水点，双方当场商定修复和补偿办法。'], timing: { accept: 2 * HOUR, start: DAY, resolve: 4 * HOUR } });

  // A telecom-fraud call stopped in time.
  const yuehe = residentsOf(ctx, COMMUNITY_IDS.yuehe)[0];
  if (yuehe) {
    const b = places.buildings.find((x) => x.id === yuehe.buildingId) ?? building(COMMUNITY_IDS.yuehe, 1);
    add({ key: 'featured-fraud-stopped', kind: 'help', category: '法律咨询', scenario: (HELP_SCENARIOS['法律咨询'][2] as Scenario), building: b, unit: yuehe.unit ?? b.units[0] ?? '1单元', reporter: yuehe, createdAt: clock.at(17, 10, 5), fate: 'rated', urgency: '紧急', callbackAllowed: true, rating: { satisfaction: 5, safety: 5, comment: '差点把养老钱转出去，多亏民警来得快！' } });
  }
  return drafts;
}

export interface CasesResult {
  cases: SeedCase[];
  /** Draft key → case id (patrol findings point at their case). */
  idOfKey: Map<string, string>;
}

export function buildCases(ctx: Context, findings: PatrolFinding[], seed: number): CasesResult {
  const drafts: CaseDraft[] = [];
  for (const kind of ['report', 'help', 'mediation'] as const) {
    for (let i = 0; i < GENERATED_COUNTS[kind]; i++) drafts.push(generatedDraft(ctx, kind, i));
  }
  for (const finding of findings) drafts.push(findingDraft(ctx, finding));
  drafts.push(...featuredDrafts(ctx));

  drafts.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.key.localeCompare(b.key));
  const perDay = new Map<string, number>();
  const numbered = drafts.map((draft, index) => {
    const day = caseNumber(draft.createdAt, 0).slice(0, 10);
    const seq = (perDay.get(day) ?? 0) + 1;
    perDay.set(day, seq);
    return { draft, id: `seed-case-${String(index + 1).padStart(4, '0')}`, caseNo: caseNumber(draft.createdAt, seq) };
  });
  const gridName = (id: string) => ctx.places.grids.find((g) => g.id === id)?.name;
  const run = (n: (typeof numbered)[number]) =>
    simulateCase({ ...n.draft, gridName: gridName(n.draft.gridId) }, n.id, n.caseNo, ctx.clock, (seed ^ hashKey(n.draft.key)) >>> 0);
  const cases = numbered.map(run);

  // Outcomes: enough failed/referred among generated mediations that success lands near 95%.
  const withOutcome = cases.filter((c) => c.mediation?.outcome);
  const unsuccessful = Math.max(2, Math.round(withOutcome.length * (1 - TARGET_SUCCESS_RATE)));
  const candidates = numbered
    .map((n, i) => ({ n, c: cases[i] as SeedCase, i }))
    .filter(({ n, c }) => c.mediation?.outcome && !n.draft.key.startsWith('featured'));
  const preferred = [
    ...candidates.filter(({ c }) => c.mediation?.tier !== '警民联调'),
    ...candidates.filter(({ c }) => c.mediation?.tier === '警民联调'),
  ];
  const chosen = ctx.random.sample(preferred.slice(0, Math.max(unsuccessful * 3, unsuccessful)), unsuccessful);
  chosen.forEach(({ n, i }, k) => {
    // Half handed to a court or department, half simply failed.
    const outcome: MediationOutcome = k % 2 === 1 ? 'failed' : 'referred';
    cases[i] = run({ ...n, draft: { ...n.draft, outcome } });
  });

  const idOfKey = new Map(numbered.map((n) => [n.draft.key, n.id] as const));
  return { cases, idOfKey };
}

