/**
 * The demo station as plain content, independent of how the backend stores it. `../documents.ts` maps
 * this onto the backend's collections and validates every document with the backend's zod schemas.
 * User-visible text is Simplified Chinese; ids are stable so a half-finished seed can be repaired.
 */

export type StaffRole = 'officer' | 'mediator' | 'grid_worker' | 'volunteer' | 'admin';
export type Role = 'resident' | StaffRole;

/** 和苑家人 patrol team member kinds named in the article. */
export type VolunteerKind = '网格员' | '楼门长' | '治安志愿者' | '物业保安';
export type MediatorKind = 'community' | 'judicial';

export interface Station {
  id: string;
  name: string;
  shortName: string;
  branch: string;
  city: string;
  address: string;
  phone: string;
  slogan: string;
  /** The volunteer team as residents know it. */
  volunteerBrand: string;
  adminOpenids: string[];
}

export interface Community {
  id: string;
  name: string;
  /** Approximate households, shown on the community card (the article: 梦和园 has ~2000). */
  householdCount: number;
  address: string;
  /** Where the community's 警务室 sits. */
  policeRoom: string;
  location: GeoPoint;
}

export interface GeoPoint {
  latitude: number;
  longitude: number;
}

export interface Grid {
  id: string;
  communityId: string;
  name: string;
  /** null on purpose for one grid: its cases route to the station admin. */
  officerOpenid: string | null;
  buildingIds: string[];
}

export interface Building {
  id: string;
  communityId: string;
  gridId: string;
  /** e.g. "3号楼" */
  name: string;
  number: number;
  units: string[];
  floors: number;
}

export interface Person {
  openid: string;
  name: string;
  roles: Role[];
  communityId: string | null;
  gridId: string | null;
  buildingId: string | null;
  unit: string | null;
  /** Fictional numbers only (1380000xxxx); lists show them masked. */
  phone: string;
  /** Shown on cards, e.g. "社区民警 · 梦和园社区党委副书记". */
  title: string;
  dutyHours?: string;
  mediatorKind?: MediatorKind;
  volunteerKind?: VolunteerKind;
  createdAt: Date;
}

export type HouseholdTag = '独居' | '困难' | '残疾' | '重点关注';

export interface Household {
  id: string;
  communityId: string;
  gridId: string;
  buildingId: string;
  unit: string;
  room: string;
  headName: string;
  /** How neighbours call them, e.g. 杨大爷; what the article uses. */
  callName: string | null;
  members: number;
  phone: string;
  tags: HouseholdTag[];
  note: string;
  /** The officer's 结对帮扶 household ("每名社区民警结对帮扶一户困难群众"). */
  pairedOfficerOpenid: string | null;
  /** Visits expected every N days (weekly for 独居). null = no scheduled visits. */
  visitIntervalDays: number | null;
  lastVisitAt: Date | null;
  nextVisitDue: Date | null;
  /** The resident's own account, when the household head uses the mini-program. */
  residentOpenid: string | null;
  createdAt: Date;
}

export interface Visit {
  id: string;
  householdId: string;
  communityId: string;
  gridId: string;
  /** The grid's officer, or the community's 网格员 where the grid has no officer. */
  visitorOpenid: string;
  at: Date;
  method: '上门' | '电话';
  note: string;
  /** Something the visit found that needs doing. */
  followUp: string | null;
}

export type NoticeCategory = '防范电信诈骗' | '文明养犬' | '消防安全' | '社区通知';

export interface Notice {
  id: string;
  title: string;
  category: NoticeCategory;
  body: string;
  /** Empty = the whole station area. */
  communityIds: string[];
  authorOpenid: string;
  publishedAt: Date;
  pinned: boolean;
  readCount: number;
}

export interface Patrol {
  id: string;
  communityId: string;
  volunteerOpenids: string[];
  leaderOpenid: string;
  startedAt: Date;
  endedAt: Date;
  route: string;
  findings: string;
  /** A finding that became a report case. */
  caseId: string | null;
}

export type CaseKind = 'report' | 'help' | 'mediation';
export type CaseStatus = 'submitted' | 'accepted' | 'in_progress' | 'resolved' | 'closed' | 'rejected' | 'reopened' | 'withdrawn';

export const REPORT_CATEGORIES = ['电动车入户充电', '管道井堆物', '消防通道堵塞', '车辆乱停', '争车位', '噪音扰民', '其他'] as const;
export const HELP_TYPES = ['独居老人照护', '维修', '法律咨询', '其他'] as const;
export const DISPUTE_TYPES = ['邻里', '家庭', '物业', '车位', '其他'] as const;
export const MEDIATION_TIERS = ['警民联调', '专业助调', '公调对接'] as const;

export type ReportCategory = (typeof REPORT_CATEGORIES)[number];
export type HelpType = (typeof HELP_TYPES)[number];
export type DisputeType = (typeof DISPUTE_TYPES)[number];
export type MediationTier = (typeof MEDIATION_TIERS)[number];
export type Urgency = '一般' | '紧急';
export type MediationOutcome = 'success' | 'failed' | 'referred';

export type TimelineAction =
  | 'create'
  | 'accept'
  | 'start'
  | 'note'
  | 'session'
  | 'resolve'
  | 'rate'
  | 'close'
  | 'reject'
  | 'reopen'
  | 'transfer'
  | 'add_info'
  | 'me_too'
  | 'withdraw';

export interface TimelineEntry {
  at: Date;
  action: TimelineAction;
  /** 'system' for automatic steps (auto-close, reminders). */
  actorOpenid: string;
  actorName: string;
  actorRole: Role | 'system';
  /** Residents see only 'resident' entries; 'internal' is for staff. */
  visibility: 'resident' | 'internal';
  note: string | null;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
}

export interface Rating {
  satisfaction: number;
  safety: number;
  comment: string | null;
  at: Date;
}

export interface MediationParty {
  name: string;
  side: 'applicant' | 'respondent';
  /** Where the party lives, as the applicant knows it. */
  address: string | null;
  openid: string | null;
}

export interface MediationSession {
  at: Date;
  place: string;
  mediatorOpenids: string[];
  /** External participants (街道综治中心, 司法所) in 公调对接. */
  externalParticipants: string[];
  summary: string;
}

export interface MediationDetails {
  disputeType: DisputeType;
  parties: MediationParty[];
  wish: string;
  tier: MediationTier;
  mediatorOpenids: string[];
  sessions: MediationSession[];
  outcome: MediationOutcome | null;
  /** Where a referred dispute went (法院, 物业主管部门…). */
  referredTo: string | null;
  agreement: string | null;
  followUp: { at: Date; honoured: boolean; note: string } | null;
}

export interface SeedCase {
  id: string;
  /** Human-readable number, e.g. HY20260603-017. */
  caseNo: string;
  kind: CaseKind;
  /** Report category, help type or dispute type, by kind. */
  category: ReportCategory | HelpType | DisputeType;
  urgency: Urgency | null;
  title: string;
  description: string;
  photos: string[];
  communityId: string;
  gridId: string;
  buildingId: string | null;
  unit: string | null;
  location: GeoPoint | null;
  anonymous: boolean;
  /** Always known (abuse control), never shown to staff when anonymous. */
  reporterOpenid: string;
  reporterName: string;
  callbackAllowed: boolean;
  contactPhone: string | null;
  assigneeOpenid: string;
  status: CaseStatus;
  timeline: TimelineEntry[];
  /** Others who pressed 我也遇到了. */
  meTooOpenids: string[];
  resolution: string | null;
  rejectReason: string | null;
  rating: Rating | null;
  mediation: MediationDetails | null;
  createdAt: Date;
  updatedAt: Date;
  acceptedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  clientRequestId: string;
}

export type { DemoPerson } from '../../demo-people';

export interface SeedContent {
  now: Date;
  station: Station;
  communities: Community[];
  grids: Grid[];
  buildings: Building[];
  people: Person[];
  households: Household[];
  visits: Visit[];
  notices: Notice[];
  patrols: Patrol[];
  cases: SeedCase[];
}
