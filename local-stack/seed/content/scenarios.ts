/**
 * What residents report, ask and argue about in a resettlement area, and how the station answers.
 * `{b}` is replaced by the building (e.g. 3号楼), `{u}` by the unit (e.g. 2单元).
 */
import type { DisputeType, HelpType, MediationTier, ReportCategory } from './model';

export interface Scenario {
  title: string;
  description: string;
  /** The officer's first word to the resident when accepting. */
  acceptNote: string;
  /** Internal or resident-facing progress note. */
  progressNote: string;
  resolution: string;
  /** Present where the scenario sometimes is not the station's to handle. */
  rejectReason?: string;
  /** Help that cannot wait (紧急). */
  urgent?: boolean;
}

export const REPORT_SCENARIOS: Record<ReportCategory, Scenario[]> = {
  电动车入户充电: [
    { title: '楼道里给电动车充电', description: '{b}{u}三楼楼道有人把电动车推进楼里，从家里拉线充电，晚上一直充着，太危险了。', acceptNote: '已收到，今天就去现场看看。', progressNote: '已到现场，找到车主，讲解了电动车入户充电的危险。', resolution: '车主已将电动车移至小区集中充电棚，拉的电线已拆除，楼门长会继续盯着。' },
    { title: '有人把电瓶拎回家充电', description: '{b}{u}有住户每天把电瓶拎回家充电，电梯里也经常有人推电动车。', acceptNote: '收到，我们和物业一起处理。', progressNote: '已上门宣传，物业在电梯里加装电动车阻车提示。', resolution: '住户承诺不再带电瓶入户，电梯阻车装置已启用。' },
    { title: '一楼楼梯下飞线充电', description: '{b}{u}一楼楼梯下面停了三辆电动车，从窗户拉线充电，线就搭在暖气管上。', acceptNote: '这是重大隐患，马上安排处理。', progressNote: '巡逻队员已在现场看守，等车主回来。', resolution: '飞线已全部拆除，三辆车已挪到充电棚，对车主进行了批评教育。' },
  ],
  管道井堆物: [
    { title: '管道井堆满纸箱旧家具', description: '{b}{u}好几层的管道井里堆满了纸箱和旧家具，门都关不上了。', acceptNote: '收到，联系物业和楼门长一起清理。', progressNote: '已张贴限期清理通知。', resolution: '物业和楼门长组织清理，共清出杂物两车，管道井门已上锁。' },
    { title: '管道井里放液化气罐', description: '{b}{u}五楼管道井被邻居当储物间，里面还放了一个液化气罐。', acceptNote: '液化气罐很危险，今天就处理。', progressNote: '已找到物主，正在劝其移走。', resolution: '液化气罐已移走，向住户讲解了燃气安全，管道井已清空。' },
    { title: '管道井堆放装修材料', description: '{b}{u}有住户装修，把瓷砖、水泥袋堆在管道井和楼道里一个多月了。', acceptNote: '收到，明天上午去看。', progressNote: '已联系装修业主，约定三日内清走。', resolution: '装修材料已全部清走，提醒业主装修期间不得占用公共部位。' },
  ],
  消防通道堵塞: [
    { title: '消防通道停满私家车', description: '{b}南侧消防通道停了好几辆私家车，消防车根本进不来。', acceptNote: '收到，马上联系车主挪车。', progressNote: '已联系三位车主挪车，物业准备施划禁停标线。', resolution: '车辆已挪走，物业在通道口施划了禁停标线并设置隔离桩。' },
    { title: '安全出口被旧沙发堵住', description: '{b}{u}楼道堆了旧沙发和床垫，把安全出口挡住了。', acceptNote: '收到，联系楼门长找物主。', progressNote: '物主说周末清走，我们周一复查。', resolution: '旧沙发和床垫已清走，安全出口畅通。' },
    { title: '东门消防通道堆装修垃圾', description: '小区东门附近的消防通道被装修垃圾堵了一半，好几天没人清。', acceptNote: '收到，已通知物业。', progressNote: '物业已安排清运车。', resolution: '装修垃圾已清运，物业设置了装修垃圾临时堆放点。' },
  ],
  车辆乱停: [
    { title: '外来车辆堵住轮椅通道', description: '有辆外地牌照的车长期停在{b}门口，挡住了老人轮椅出行的坡道。', acceptNote: '收到，先联系车主。', progressNote: '已通过挪车电话联系上车主。', resolution: '车主已挪车，巡逻队员对外来车辆停放加强留意。' },
    { title: '晚上小区门口乱停车', description: '一到晚上小区门口两边都停满车，上次救护车都差点进不来。', acceptNote: '收到，今晚和巡逻队一起去看。', progressNote: '已对乱停车辆张贴提示单。', resolution: '物业在门口划定临时停车区并安排保安夜间疏导，门口已畅通。' },
  ],
  争车位: [
    { title: '用地锁纸箱占车位', description: '{b}楼下有人用地锁、纸箱占车位，说是自己的，不让别人停。', acceptNote: '收到，小区没有固定车位，我们去处理。', progressNote: '已和占位住户沟通，讲明公共车位先到先停。', resolution: '私设地锁已拆除，和苑家人巡逻队会继续巡查。' },
    { title: '石墩子占车位', description: '{b}楼下有人摆了两个石墩子占着车位，谁停就跟谁吵。', acceptNote: '收到，去现场看看。', progressNote: '已找到摆放石墩的住户，讲明公共车位不能私占。', resolution: '石墩子已搬走，住户表示以后不再占位，巡逻队会留意。' },
  ],
  噪音扰民: [
    { title: '楼上半夜敲敲打打', description: '{b}{u}楼上每天晚上十一点以后还在敲敲打打，家里老人睡不着。', acceptNote: '收到，今晚去了解情况。', progressNote: '已上门沟通，楼上住户在赶工装修。', resolution: '住户承诺晚上十点后不再施工，双方已互留电话。' },
    { title: '广场舞音响太吵', description: '小区广场舞音响声音太大，晚上九点以后还在跳，{b}的窗户都在震。', acceptNote: '收到，和广场舞队商量一下。', progressNote: '已与广场舞队负责人沟通。', resolution: '广场舞队同意调低音量，晚上八点半前结束，换用小音箱。' },
    { title: '邻居家的狗整夜叫', description: '{b}{u}邻居家的狗整夜叫，说了几次也不管。', acceptNote: '收到，我们上门讲讲文明养犬。', progressNote: '已上门宣传文明养犬。', resolution: '犬主已给狗做了训练并加装隔音门帘，近一周没再扰民。' },
  ],
  其他: [
    { title: '楼道灯坏了一个多月', description: '{b}{u}楼道灯坏了一个多月，老人上下楼看不清，怕摔着。', acceptNote: '收到，联系物业维修。', progressNote: '物业说配件到了就换。', resolution: '楼道灯已全部更换为声控灯。', rejectReason: '楼道照明属于物业维修范围，已将您的反映转给物业，请留意物业回复。' },
    { title: '有人专门向老人推销保健品', description: '最近小区里有人发小广告推销保健品，专门找老人，说能治高血压。', acceptNote: '收到，这很可能是骗局，我们马上去看。', progressNote: '已在社区服务群和楼道张贴防骗提示。', resolution: '已劝离推销人员，在小区开展了一次防范保健品骗局宣传。' },
    { title: '围墙破损有陌生人进出', description: '{b}后面的围墙破了个口子，晚上有陌生人从那儿进出。', acceptNote: '收到，今晚巡逻时重点看。', progressNote: '已通知物业修补，巡逻队夜间加强巡查。', resolution: '围墙缺口已修补，并加装了一个监控探头。' },
    { title: '冒充燃气公司上门收费', description: '刚才有两个人说是燃气公司的，到{b}挨家“检查”，还要收检测费。', acceptNote: '收到，燃气公司不会上门收费，我们马上去。', progressNote: '民警已到场，两人已离开，正在调取监控。', resolution: '已核实为冒充人员，提醒全楼住户不要开门交钱，燃气公司已发布声明。' },
  ],
};

export const HELP_SCENARIOS: Record<HelpType, Scenario[]> = {
  独居老人照护: [
    { urgent: true, title: '独居母亲电话打不通', description: '我母亲一个人住在{b}{u}，两天打电话都没人接，我在外地回不来，麻烦帮忙去看看。', acceptNote: '收到，马上上门。', progressNote: '民警和网格员已到老人家门口。', resolution: '老人平安，只是手机没电了；已帮老人充上电，并加了网格员微信，以后联系不上可以直接找网格员。' },
    { title: '腿脚不便需要帮忙买药', description: '我一个人住，腿脚不好下不了楼，降压药吃完了，想请人帮忙买一下。', acceptNote: '收到，下午送过去。', progressNote: '志愿者已去药店。', resolution: '和苑家人志愿者已把药送到家，以后每月帮老人代买一次。' },
    { urgent: true, title: '老人出门找不到家', description: '家里老人有点糊涂，早上出门到现在还没回来，穿蓝色棉袄。', acceptNote: '收到，巡逻队和民警马上分头找。', progressNote: '已调看小区门口监控，确定往南走了。', resolution: '在附近菜市场找到老人，已送回家中；建议给老人佩戴写有联系电话的手环。' },
  ],
  维修: [
    { title: '卫生间下水道堵了', description: '家里卫生间下水道堵了，我自己弄不好，物业说排不上。', acceptNote: '收到，问问巡逻队谁能来帮忙。', progressNote: '志愿者约了明天上午上门。', resolution: '和苑家人志愿者上门疏通好了，没收钱。' },
    { title: '家里灯坏了够不着', description: '客厅的灯坏了，我年纪大了够不着，想请人帮忙换个灯泡。', acceptNote: '收到，今天安排人去。', progressNote: '志愿者带着灯泡和梯子上门。', resolution: '灯泡已换好，顺便检查了家里的插座。' },
    { title: '暖气不热', description: '{b}{u}我家暖气一直不热，找了物业好几次都没人来。', acceptNote: '收到，帮您联系物业和热力公司。', progressNote: '热力公司约了上门时间。', resolution: '热力公司上门放气清洗，暖气已经热了。' },
  ],
  法律咨询: [
    { title: '子女不赡养老人怎么办', description: '儿子好几年不给生活费，也不来看我，想问问法律上该怎么办。', acceptNote: '收到，请司法调解员为您解答。', progressNote: '司法调解员已电话沟通，约了面谈时间。', resolution: '司法调解员王志华讲解了赡养义务，建议先调解，不成再起诉，并提供了法律援助申请方式。' },
    { title: '租房押金不退', description: '退租一个月了，房东一直拖着不退押金，想问问怎么维权。', acceptNote: '收到，司法调解员会联系您。', progressNote: '已帮助整理租房合同和聊天记录。', resolution: '经司法调解员与房东沟通，押金已退还。' },
    { urgent: true, title: '电话说我涉嫌洗钱', description: '刚接到电话说我涉嫌洗钱，让我把存款转到“安全账户”，还不让告诉家人，是真的吗？', acceptNote: '这是诈骗！千万不要转账，民警马上到您家。', progressNote: '民警已到家中，老人未转账。', resolution: '确认为冒充公检法电信诈骗，及时劝阻，未造成损失；已帮老人手机安装国家反诈中心App。' },
  ],
  其他: [
    { title: '想开居住证明', description: '给孙子办入学需要居住证明，不知道要带什么材料。', acceptNote: '收到，我把材料清单发给您。', progressNote: '已告知所需材料。', resolution: '已告知材料清单和办理时间，第二天到所里办好了。' },
    { title: '捡到一个钱包', description: '在{b}楼下捡到一个钱包，里面有身份证和银行卡，想交给派出所。', acceptNote: '收到，民警上门来取。', progressNote: '已根据身份证联系失主。', resolution: '钱包已归还失主，失主送来感谢信。' },
    { title: '家门口发现可疑记号', description: '家门口墙上被人画了奇怪的记号，有点害怕。', acceptNote: '收到，我们去看看。', progressNote: '已查看，是小广告张贴人员留下的标记。', resolution: '记号已清除，楼内其他住户门口的记号一并清除，巡逻队加强巡查。' },
  ],
};

export interface MediationScenario {
  title: string;
  description: string;
  wish: string;
  /** What the applicant knows about the other party. */
  respondent: string;
  preferredTier: MediationTier;
  sessions: string[];
  agreement: string;
  followUp: string;
  /** Used when the dispute cannot be settled here. */
  referredTo: string;
  failedNote: string;
}

export const MEDIATION_SCENARIOS: Record<DisputeType, MediationScenario[]> = {
  邻里: [
    { title: '楼上漏水泡了我家天花板', description: '楼上卫生间漏水，把我家天花板泡坏了，楼上说不是他家的事。', wish: '楼上修好防水，赔偿天花板维修费用。', respondent: '楼上住户', preferredTier: '警民联调', sessions: ['民警和调解员一起上门查看漏水点，确认是楼上卫生间防水老化。', '双方在警务室面谈，讲清相邻关系中的排水责任。'], agreement: '楼上住户一周内重做卫生间防水，并一次性补偿楼下维修费用1200元。', followUp: '回访：防水已重做，补偿款已付清，双方关系缓和。', referredTo: '红桥区人民法院', failedNote: '双方对赔偿金额分歧较大，调解未能达成一致。' },
    { title: '邻居楼道堆物占地方', description: '对门在楼道里堆了鞋柜和杂物，我家进出都不方便，说了还吵起来了。', wish: '对门把东西搬走。', respondent: '对门住户', preferredTier: '警民联调', sessions: ['调解员先分别听双方说法，双方情绪较大。', '民警讲解楼道属于公共部位、堆物的消防隐患，双方各退一步。'], agreement: '对门三日内搬走杂物，只保留一个靠墙鞋架；双方互不指责。', followUp: '回访：杂物已搬走，双方见面能打招呼了。', referredTo: '和苑街道综治中心', failedNote: '对方拒绝参加调解。' },
    { title: '邻居家空调外机滴水', description: '楼上空调外机的冷凝水一直滴在我家窗台，吵得睡不着，还把墙弄脏了。', wish: '楼上加接排水管。', respondent: '楼上住户', preferredTier: '警民联调', sessions: ['调解员上门查看，确认滴水属实，楼上表示之前不知道。'], agreement: '楼上住户加装冷凝水排水管，两天内完成。', followUp: '回访：排水管已加装，不再滴水。', referredTo: '和苑街道综治中心', failedNote: '双方未能达成一致。' },
    { title: '楼上孩子跑跳噪音', description: '楼上小孩每天晚上在家跑跳，咚咚响，老伴心脏不好受不了。', wish: '楼上晚上注意一点，铺个垫子。', respondent: '楼上住户', preferredTier: '警民联调', sessions: ['民警和调解员组织双方见面，楼上家长表示理解。'], agreement: '楼上在客厅铺设地垫，晚上九点后不让孩子跑跳；楼下有情况先直接沟通。', followUp: '回访：楼上已铺地垫，噪音明显减少。', referredTo: '和苑街道综治中心', failedNote: '双方分歧较大。' },
  ],
  家庭: [
    { title: '子女之间赡养分歧', description: '老母亲跟我住，哥哥姐姐都不出钱，吵了好几次，老人夹在中间很难受。', wish: '兄弟姐妹按月分摊赡养费，轮流照顾。', respondent: '哥哥、姐姐', preferredTier: '专业助调', sessions: ['司法调解员讲解民法典关于赡养义务的规定。', '三兄妹与老人在所里面谈，商定分摊办法。'], agreement: '三兄妹每人每月出600元，周末轮流陪护老人，由老人信任的社区调解员监督。', followUp: '回访：赡养费按月到位，老人说孩子们回来得勤了。', referredTo: '红桥区人民法院', failedNote: '一方坚持不参与赡养。' },
    { title: '拆迁安置房分配家庭矛盾', description: '当年拆迁安置的房子，兄弟两个都说是自己的，闹得不来往。', wish: '把房子的归属说清楚。', respondent: '弟弟', preferredTier: '专业助调', sessions: ['司法调解员查看安置协议和房产证明，讲解相关法律。', '兄弟二人分别谈话，回顾当年安置经过。'], agreement: '房屋归哥哥所有，哥哥给弟弟补偿5万元，分两年付清。', followUp: '回访：第一期补偿款已付，兄弟过年一起吃了饭。', referredTo: '红桥区人民法院', failedNote: '双方对房屋归属分歧无法弥合。' },
    { title: '夫妻吵架摔东西', description: '两口子为孩子上学的事吵得很凶，邻居都听见摔东西。', wish: '别再动手，好好商量。', respondent: '丈夫', preferredTier: '警民联调', sessions: ['民警出警后分开劝解，调解员第二天上门回访，双方情绪平复。'], agreement: '双方承诺有事商量不动手，孩子上学问题由社区协助咨询学校政策。', followUp: '回访：家庭关系稳定，无再次报警。', referredTo: '和苑街道妇联', failedNote: '双方矛盾较深，一时难以化解。' },
  ],
  物业: [
    { title: '电梯长期故障物业不修', description: '{b}电梯坏了半个月，老人上不了楼，物业说要业主先交费才修。', wish: '物业尽快修电梯。', respondent: '小区物业公司', preferredTier: '公调对接', sessions: ['派出所联合街道综治中心、房管部门召集物业和居民代表协商。', '确定维修资金来源和维修期限。'], agreement: '物业先行垫付维修费用，十日内修复电梯；维修资金按规定由公共维修基金列支。', followUp: '回访：电梯已修复运行。', referredTo: '红桥区住房和建设部门', failedNote: '物业拒不履行维修义务。' },
    { title: '物业费与服务质量纠纷', description: '物业垃圾清运不及时、楼道没人打扫，还催着交物业费，住户意见很大。', wish: '物业改进服务，公示收支。', respondent: '小区物业公司', preferredTier: '公调对接', sessions: ['街道综治中心、司法所、派出所与物业、居民代表三方座谈。'], agreement: '物业每周公示保洁记录，每季度公示收支；居民按时交费。', followUp: '回访：保洁明显改善，收支已公示。', referredTo: '红桥区住房和建设部门', failedNote: '双方各执一词。' },
  ],
  车位: [
    { title: '争车位吵起来了', description: '我在{b}楼下停了好多年的位置，今天被人占了，还跟我吵起来。', wish: '把车位的事说清楚，别再吵。', respondent: '同楼车主', preferredTier: '警民联调', sessions: ['民警讲明小区没有固定车位、公共车位先到先停；调解员从邻里情谊劝双方各让一步。'], agreement: '双方认可公共车位先到先停，不再私自占位；有矛盾找巡逻队或民警。', followUp: '回访：双方没有再因停车争吵。', referredTo: '和苑街道综治中心', failedNote: '一方坚持车位归己，拒绝调解。' },
    { title: '车被别人车堵住出不去', description: '早上要送老人去医院，车被人家的车堵死了，打电话不接，回来又吵了一架。', wish: '对方道歉，以后别堵车。', respondent: '外来车辆车主', preferredTier: '警民联调', sessions: ['民警调取监控联系到车主，双方在警务室当面沟通。'], agreement: '对方当面道歉，承诺以后在访客区停车并留挪车电话。', followUp: '回访：未再发生堵车。', referredTo: '和苑街道综治中心', failedNote: '对方拒不到场。' },
    { title: '地锁占位引发争执', description: '邻居在公共车位装了地锁，我停了一次就被划了车。', wish: '拆掉地锁，赔偿修车费。', respondent: '同楼邻居', preferredTier: '专业助调', sessions: ['民警调查划车经过；司法调解员讲解私设地锁和损坏他人财物的法律责任。', '双方在所里面谈，就修车费达成一致。'], agreement: '邻居拆除地锁，赔偿修车费800元。', followUp: '回访：地锁已拆，赔偿已付。', referredTo: '红桥区人民法院', failedNote: '对方否认划车，证据不足。' },
  ],
  其他: [
    { title: '装修把邻居墙面震裂', description: '隔壁装修砸墙，把我家墙面震出好几道裂缝。', wish: '隔壁负责修补。', respondent: '隔壁业主', preferredTier: '专业助调', sessions: ['司法调解员与物业一起查看墙面裂缝，请装修公司到场。'], agreement: '装修公司负责修补墙面并重新粉刷，费用由装修公司承担。', followUp: '回访：墙面已修补完毕。', referredTo: '红桥区人民法院', failedNote: '装修公司拒绝承担责任。' },
    { title: '小卖部买到过期食品', description: '在小区门口小卖部买的牛奶过期了，老板不认账。', wish: '退款道歉。', respondent: '小区门口小卖部', preferredTier: '公调对接', sessions: ['派出所联系街道市场监管所一同调解。'], agreement: '店主退款并按规定赔偿，下架过期商品。', followUp: '回访：小卖部已整改。', referredTo: '红桥区市场监督管理局', failedNote: '店主拒不认账。' },
  ],
};

export const RATING_COMMENTS: Record<number, string[]> = {
  5: ['民警来得很快，问题解决了，谢谢！', '有困难找老周，真没错。', '处理及时，态度特别好。', '和苑家人志愿者太热心了！', '调解得公道，服气。', '半夜都有人管，住着踏实。'],
  4: ['解决了，就是等得稍微久了点。', '挺好的，希望以后多巡查。', '态度好，效率还可以更高。'],
  3: ['问题暂时解决了，希望别再反复。', '处理了，就是过程有点慢。'],
  2: ['等了好几天才有人来。'],
  1: ['问题还是没解决。'],
};

export const REJECT_REASONS = [
  '经核实，事发地点不在本所辖区，已告知您向属地派出所反映。',
  '与您此前上报的问题重复，已合并到原案件处理。',
  '属于物业服务合同纠纷，已引导您联系物业公司或街道物业管理科。',
  '属于城市管理职责，已转告街道城管科处理。',
];
