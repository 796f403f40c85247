/**
 * Every closed list of values the contracts use, with the Chinese label pages display, as plain
 * `as const` arrays and records. Zod-free on purpose: pages import these at runtime, and anything
 * that imports zod drags all of it (~140 KB) into the mini-program's main package. The schemas in
 * the other modules of types/ are built on these arrays, so there is one list per enum.
 */

// ---- cases ----
export const caseKinds = ['report', 'help', 'mediation'] as const;
export type CaseKind = (typeof caseKinds)[number];
export const caseKindLabels: Record<CaseKind, string> = { report: '问题上报', help: '求助', mediation: '纠纷调解' };

export const caseStatuses = ['submitted', 'accepted', 'in_progress', 'resolved', 'closed', 'rejected', 'reopened', 'withdrawn'] as const;
export type CaseStatus = (typeof caseStatuses)[number];
export const caseStatusLabels: Record<CaseStatus, string> = {
  submitted: '已提交',
  accepted: '已受理',
  in_progress: '处理中',
  resolved: '已解决',
  closed: '已办结',
  rejected: '未受理',
  reopened: '重新办理',
  withdrawn: '已撤回',
};
/** States in which a case still needs staff work. */
export const openCaseStatuses = ['submitted', 'accepted', 'in_progress', 'reopened'] as const satisfies readonly CaseStatus[];
/** States that wait for staff to accept (the service-level clock runs). */
export const awaitingAcceptStatuses = ['submitted', 'reopened'] as const satisfies readonly CaseStatus[];

export const reportCategories = ['ebike_indoor_charging', 'shaft_clutter', 'fire_lane_blocked', 'illegal_parking', 'parking_dispute', 'noise', 'other'] as const;
export type ReportCategory = (typeof reportCategories)[number];
export const reportCategoryLabels: Record<ReportCategory, string> = {
  ebike_indoor_charging: '电动车入户充电',
  shaft_clutter: '管道井堆物',
  fire_lane_blocked: '消防通道堵塞',
  illegal_parking: '车辆乱停',
  parking_dispute: '争车位',
  noise: '噪音扰民',
  other: '其他',
};

export const helpTypes = ['elderly_care', 'repair', 'legal_advice', 'other'] as const;
export type HelpType = (typeof helpTypes)[number];
export const helpTypeLabels: Record<HelpType, string> = {
  elderly_care: '独居老人照护',
  repair: '维修',
  legal_advice: '法律咨询',
  other: '其他',
};

export const urgencies = ['normal', 'urgent'] as const;
export type Urgency = (typeof urgencies)[number];
export const urgencyLabels: Record<Urgency, string> = { normal: '一般', urgent: '紧急' };

export const mediationTypes = ['neighbor', 'family', 'property', 'parking', 'other'] as const;
export type MediationType = (typeof mediationTypes)[number];
export const mediationTypeLabels: Record<MediationType, string> = {
  neighbor: '邻里纠纷',
  family: '家庭纠纷',
  property: '物业纠纷',
  parking: '车位纠纷',
  other: '其他纠纷',
};

export const mediationTiers = ['police_community', 'professional', 'joint_office'] as const;
export type MediationTier = (typeof mediationTiers)[number];
export const mediationTierLabels: Record<MediationTier, string> = {
  police_community: '警民联调',
  professional: '专业助调',
  joint_office: '公调对接',
};

export const mediationOutcomes = ['success', 'failed', 'referred'] as const;
export type MediationOutcome = (typeof mediationOutcomes)[number];
export const mediationOutcomeLabels: Record<MediationOutcome, string> = {
  success: '调解成功',
  failed: '调解未成功',
  referred: '已移交法院或部门',
};

// ---- mediation (issue 9; schemas in ./mediation) ----
/** Who signed off the agreement: the resident in the app, or the mediator recording a paper signature. */
export const agreementConfirmations = ['resident', 'paper'] as const;
export type AgreementConfirmation = (typeof agreementConfirmations)[number];
export const agreementConfirmationLabels: Record<AgreementConfirmation, string> = { resident: '当事人已在线确认', paper: '已签署书面协议' };

export const mediationSessionStatuses = ['scheduled', 'held'] as const;
export type MediationSessionStatus = (typeof mediationSessionStatuses)[number];
export const mediationSessionStatusLabels: Record<MediationSessionStatus, string> = { scheduled: '待调解', held: '已调解' };

/** Where a mediation stands, as the workbench groups it. */
export const mediationStages = ['active', 'follow_up_due', 'awaiting_follow_up', 'done'] as const;
export type MediationStage = (typeof mediationStages)[number];
export const mediationStageLabels: Record<MediationStage, string> = {
  active: '调解中',
  follow_up_due: '待回访',
  awaiting_follow_up: '已调结（回访未到期）',
  done: '已结束',
};

/** How the viewer relates to a mediation (what `mediations.get` shows and allows). */
export const mediationViewerRoles = ['party', 'officer', 'admin', 'mediator', 'judicial_mediator'] as const;
export type MediationViewerRole = (typeof mediationViewerRoles)[number];


export const noteVisibilities = ['internal', 'resident'] as const;
export type NoteVisibility = (typeof noteVisibilities)[number];
export const noteVisibilityLabels: Record<NoteVisibility, string> = { internal: '仅内部可见', resident: '居民可见' };

export const timelineTypes = [
  'created', 'joined', 'info_added', 'accepted', 'note', 'in_progress', 'resolved', 'rejected', 'transferred',
  'withdrawn', 'reopened', 'rated', 'closed', 'escalated',
  'tier_escalated', 'mediators_assigned', 'session_scheduled', 'session_held', 'mediation_outcome', 'agreement_confirmed',
  'follow_up', 'deadline_extended', 'deadline_reminder', 'legal_advice_routed', 'legal_advice',
  // issue 11: grid worker helpers and the admin pressing an overdue case
  'helper_added', 'helper_removed', 'pressed',
] as const;
export type TimelineType = (typeof timelineTypes)[number];
export const timelineTypeLabels: Record<TimelineType, string> = {
  created: '提交',
  joined: '其他居民反映同样问题',
  info_added: '补充信息',
  accepted: '受理',
  note: '备注',
  in_progress: '开始处理',
  resolved: '处理完成',
  rejected: '不予受理',
  transferred: '转派',
  withdrawn: '撤回',
  reopened: '居民反馈未解决',
  rated: '评价',
  closed: '办结',
  escalated: '超时督办',
  tier_escalated: '调解升级',
  mediators_assigned: '指派调解员',
  session_scheduled: '安排调解',
  session_held: '调解记录',
  mediation_outcome: '调解结果',
  agreement_confirmed: '确认调解协议',
  follow_up: '回访',
  deadline_extended: '延长调解期限',
  deadline_reminder: '调解期限提醒',
  legal_advice_routed: '转专职调解员解答',
  legal_advice: '法律咨询答复',
  // issue 11: grid worker helpers and the admin pressing an overdue case
  helper_added: '添加协办',
  helper_removed: '取消协办',
  pressed: '督办',
};

export const actorKinds = ['resident', 'staff', 'system'] as const;
export type ActorKind = (typeof actorKinds)[number];

// ---- photos ----
export const photoReviews = ['pending', 'approved', 'rejected'] as const;
export type PhotoReview = (typeof photoReviews)[number];
export const photoReviewLabels: Record<PhotoReview, string> = {
  pending: '审核中',
  approved: '已审核',
  rejected: '未通过审核',
};

// ---- people ----
export const roles = ['resident', 'officer', 'mediator', 'judicial_mediator', 'grid_worker', 'volunteer', 'admin'] as const;
export type Role = (typeof roles)[number];
export const roleLabels: Record<Role, string> = {
  resident: '居民',
  officer: '社区民警',
  mediator: '社区调解员',
  judicial_mediator: '专职人民调解员',
  grid_worker: '网格员',
  // The station's own volunteer brand (e.g. 和苑家人) comes from whoami's `station.volunteerBrand`.
  volunteer: '志愿者',
  admin: '派出所管理员',
};
/** Roles that can only come from an invite code an admin issued. */
export const staffRoles = ['officer', 'mediator', 'judicial_mediator', 'grid_worker', 'volunteer', 'admin'] as const;
export type StaffRole = (typeof staffRoles)[number];
/** Roles that handle cases in the staff inbox. */
export const caseHandlerRoles = ['officer', 'admin'] as const satisfies readonly Role[];
/** Roles that read the cases of their grid in the staff inbox (issue 11: the grid worker reads and notes, never acts). */
export const caseReaderRoles = ['officer', 'admin', 'grid_worker'] as const satisfies readonly Role[];
/** Roles that use the mediation workbench (issue 9). */
export const mediationStaffRoles = ['officer', 'admin', 'mediator', 'judicial_mediator'] as const satisfies readonly Role[];

// ---- notices ----
export const noticeCategories = ['anti_fraud', 'dog_keeping', 'fire_safety', 'other'] as const;
export type NoticeCategory = (typeof noticeCategories)[number];
export const noticeCategoryLabels: Record<NoticeCategory, string> = {
  anti_fraud: '反诈提醒',
  dog_keeping: '文明养犬',
  fire_safety: '消防安全',
  other: '社区通知',
};

// ---- patrols (issue 11) ----
export const patrolStatuses = ['active', 'ended'] as const;
export type PatrolStatus = (typeof patrolStatuses)[number];
export const patrolStatusLabels: Record<PatrolStatus, string> = { active: '巡逻中', ended: '已结束' };

// ---- in-app notifications ----
export const notificationKinds = [
  'case_new', 'case_update', 'case_note', 'case_overdue', 'case_escalated', 'rating_reminder', 'photo_rejected',
  // issue 11: grid worker helpers and the admin pressing an overdue case
  'case_helper', 'case_pressed',
  // issue 10: the month's survey is ready for the officer
  'survey_ready',
  // issue 11: roster and visits
  'visit_due',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];
export const notificationKindLabels: Record<NotificationKind, string> = {
  case_new: '新案件',
  case_update: '办理进度',
  case_note: '处理留言',
  case_overdue: '超时提醒',
  case_escalated: '超时督办',
  rating_reminder: '评价提醒',
  photo_rejected: '照片未通过审核',
  // issue 10
  survey_ready: '月度问卷',
  // issue 11
  case_helper: '协办案件',
  case_pressed: '督办提醒',
  // issue 11: roster and visits
  visit_due: '走访提醒',
};

/** Turn a label map into `[{value,label}]` for pickers, keeping declaration order. */
export function optionsOf<K extends string>(values: readonly K[], labels: Record<K, string>) {
  return values.map((value) => ({ value, label: labels[value] }));
}
