/** Every enum of a case, with the Chinese label pages display. */
import { z } from './zod';

export const caseKinds = ['report', 'help', 'mediation'] as const;
export const caseKindSchema = z.enum(caseKinds);
export type CaseKind = z.infer<typeof caseKindSchema>;
export const caseKindLabels: Record<CaseKind, string> = { report: '问题上报', help: '求助', mediation: '纠纷调解' };

export const caseStatuses = ['submitted', 'accepted', 'in_progress', 'resolved', 'closed', 'rejected', 'reopened', 'withdrawn'] as const;
export const caseStatusSchema = z.enum(caseStatuses);
export type CaseStatus = z.infer<typeof caseStatusSchema>;
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
export const reportCategorySchema = z.enum(reportCategories);
export type ReportCategory = z.infer<typeof reportCategorySchema>;
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
export const helpTypeSchema = z.enum(helpTypes);
export type HelpType = z.infer<typeof helpTypeSchema>;
export const helpTypeLabels: Record<HelpType, string> = {
  elderly_care: '独居老人照护',
  repair: '维修',
  legal_advice: '法律咨询',
  other: '其他',
};

export const urgencies = ['normal', 'urgent'] as const;
export const urgencySchema = z.enum(urgencies);
export type Urgency = z.infer<typeof urgencySchema>;
export const urgencyLabels: Record<Urgency, string> = { normal: '一般', urgent: '紧急' };

export const mediationTypes = ['neighbor', 'family', 'property', 'parking', 'other'] as const;
export const mediationTypeSchema = z.enum(mediationTypes);
export type MediationType = z.infer<typeof mediationTypeSchema>;
export const mediationTypeLabels: Record<MediationType, string> = {
  neighbor: '邻里纠纷',
  family: '家庭纠纷',
  property: '物业纠纷',
  parking: '车位纠纷',
  other: '其他纠纷',
};

export const mediationTiers = ['police_community', 'professional', 'joint_office'] as const;
export const mediationTierSchema = z.enum(mediationTiers);
export type MediationTier = z.infer<typeof mediationTierSchema>;
export const mediationTierLabels: Record<MediationTier, string> = {
  police_community: '警民联调',
  professional: '专业助调',
  joint_office: '公调对接',
};

export const mediationOutcomes = ['success', 'failed', 'referred'] as const;
export const mediationOutcomeSchema = z.enum(mediationOutcomes);
export type MediationOutcome = z.infer<typeof mediationOutcomeSchema>;
export const mediationOutcomeLabels: Record<MediationOutcome, string> = {
  success: '调解成功',
  failed: '调解未成功',
  referred: '已移交法院或部门',
};

export const noteVisibilities = ['internal', 'resident'] as const;
export const noteVisibilitySchema = z.enum(noteVisibilities);
export type NoteVisibility = z.infer<typeof noteVisibilitySchema>;
export const noteVisibilityLabels: Record<NoteVisibility, string> = { internal: '仅内部可见', resident: '居民可见' };

export const timelineTypes = [
  'created', 'joined', 'info_added', 'accepted', 'note', 'in_progress', 'resolved', 'rejected', 'transferred',
  'withdrawn', 'reopened', 'rated', 'closed', 'escalated',
] as const;
export const timelineTypeSchema = z.enum(timelineTypes);
export type TimelineType = z.infer<typeof timelineTypeSchema>;
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
};

export const actorKinds = ['resident', 'staff', 'system'] as const;
export const actorKindSchema = z.enum(actorKinds);
export type ActorKind = z.infer<typeof actorKindSchema>;
