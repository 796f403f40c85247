/** Notices the station and officers published over six months: anti-fraud, dog keeping, fire safety. */
import type { Clock } from './clock';
import type { Notice } from './model';
import { ADMIN_OPENID, COMMUNITY_IDS, OFFICER_OPENIDS } from './places';
import type { Random } from './random';

interface NoticePlan {
  title: string;
  category: Notice['category'];
  body: string;
  communityIds: string[];
  author: string;
  daysAgo: number;
  pinned?: boolean;
}

const PLANS: NoticePlan[] = [
  {
    title: '警惕冒充“公检法”电信诈骗',
    category: '防范电信诈骗',
    body: '近期辖区有居民接到自称“公安局”“检察院”的电话，称其涉嫌洗钱，要求把钱转到“安全账户”。请牢记：公检法机关不会通过电话办案，更没有“安全账户”。接到此类电话请立即挂断，拨打110或联系社区民警核实。',
    communityIds: [],
    author: ADMIN_OPENID,
    daysAgo: 3,
    pinned: true,
  },
  {
    title: '电动车严禁入户、进楼道充电',
    category: '消防安全',
    body: '电动车电池在密闭空间充电起火，几分钟就能封住楼道。请将电动车停放在小区集中充电棚充电，不要推进楼道、电梯和家中，不要“飞线”充电。发现隐患可在“上报问题”中选择“电动车入户充电”，民警和和苑家人巡逻队会及时处理。',
    communityIds: [],
    author: ADMIN_OPENID,
    daysAgo: 12,
    pinned: true,
  },
  {
    title: '文明养犬倡议书',
    category: '文明养犬',
    body: '出门遛狗请拴绳，主动避让老人和孩子，及时清理犬只粪便；不要在楼道内饲养犬只；烈性犬、大型犬请按规定办理登记。邻里和睦，从文明养犬做起。',
    communityIds: [COMMUNITY_IDS.menghe],
    author: OFFICER_OPENIDS.zhouJianjun,
    daysAgo: 20,
  },
  {
    title: '“刷单返利”都是诈骗',
    category: '防范电信诈骗',
    body: '“动动手指就能赚钱”“先垫付后返利”都是诈骗套路。刷单本身违法，先给小甜头再骗大钱。请家中有年轻人的居民相互提醒，发现可疑情况及时联系社区民警。',
    communityIds: [],
    author: OFFICER_OPENIDS.wangWeidong,
    daysAgo: 35,
  },
  {
    title: '管道井、楼道不是储物间',
    category: '消防安全',
    body: '管道井内堆放杂物一旦起火，会沿管井迅速蔓延到各楼层。请住户在本月底前自行清理管道井和楼道内的纸箱、旧家具，逾期物业将统一清理。',
    communityIds: [COMMUNITY_IDS.menghe, COMMUNITY_IDS.yahe],
    author: OFFICER_OPENIDS.zhouJianjun,
    daysAgo: 48,
  },
  {
    title: '警惕“免费体检”“保健品讲座”骗局',
    category: '防范电信诈骗',
    body: '有人以免费体检、送鸡蛋为名邀请老人听讲座，再高价推销保健品。请子女多关心家中老人，遇到类似活动可以先问问网格员和社区民警。',
    communityIds: [],
    author: ADMIN_OPENID,
    daysAgo: 63,
  },
  {
    title: '冬季取暖注意防范一氧化碳中毒',
    category: '消防安全',
    body: '使用燃气热水器、煤炉取暖时请保持通风，不要在密闭卫生间长时间洗澡。独居老人家中可申请安装燃气报警器，请联系网格员登记。',
    communityIds: [],
    author: ADMIN_OPENID,
    daysAgo: 8,
  },
  {
    title: '“和苑家人”义务巡逻队招募队员',
    category: '社区通知',
    body: '网格员、楼门长、治安志愿者、物业保安和热心居民都可以加入“和苑家人”义务巡逻队，一起留意外来车辆、楼道隐患，帮邻居修灯通管。报名请联系本社区网格员。',
    communityIds: [],
    author: ADMIN_OPENID,
    daysAgo: 90,
  },
  {
    title: '小区停车秩序整治',
    category: '社区通知',
    body: '小区内没有固定车位，请勿私设地锁、摆放杂物占用车位；消防通道严禁停车。巡逻队会重点留意外来车辆停放，有车位纠纷可申请调解。',
    communityIds: [COMMUNITY_IDS.qinghe, COMMUNITY_IDS.yuehe],
    author: OFFICER_OPENIDS.zhangGuodong,
    daysAgo: 110,
  },
  {
    title: '每月群众意见征求开始啦',
    category: '社区通知',
    body: '派出所每月征求一次群众意见建议。本月问卷已发到各社区服务群，请大家花两分钟填写，您的意见我们件件有回音。',
    communityIds: [],
    author: ADMIN_OPENID,
    daysAgo: 1,
  },
  {
    title: '养老诈骗专项宣传进社区',
    category: '防范电信诈骗',
    body: '“以房养老”“高息理财”“代办养老保险”都可能是陷阱。民警将在本周六上午在社区广场开展宣传，欢迎居民参加，现场可以咨询。',
    communityIds: [COMMUNITY_IDS.xinhe, COMMUNITY_IDS.runhe, COMMUNITY_IDS.xiuhe],
    author: OFFICER_OPENIDS.gaoWenbin,
    daysAgo: 150,
  },
  {
    title: '犬只登记和免疫提醒',
    category: '文明养犬',
    body: '养犬居民请按时为犬只注射狂犬疫苗并办理登记。社区将于下月初组织集中免疫，地点在社区服务中心门前。',
    communityIds: [],
    author: OFFICER_OPENIDS.liHaitao,
    daysAgo: 170,
  },
];

export function buildNotices(random: Random, clock: Clock): Notice[] {
  return PLANS.map((plan, index) => {
    const publishedAt = clock.at(plan.daysAgo, random.int(8, 11), random.pick([0, 15, 30, 45]));
    // Older notices have been read more; station-wide ones reach more people.
    const reach = plan.communityIds.length === 0 ? 7 : plan.communityIds.length;
    const readCount = Math.round(Math.min(plan.daysAgo + 2, 40) * reach * random.int(4, 9));
    return {
      id: `notice-${String(index + 1).padStart(2, '0')}`,
      title: plan.title,
      category: plan.category,
      body: plan.body,
      communityIds: plan.communityIds,
      authorOpenid: plan.author,
      publishedAt,
      pinned: plan.pinned ?? false,
      readCount,
    };
  }).sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime());
}
