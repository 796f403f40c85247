/**
 * Maps the demo content onto the backend's documents (backend/data/*), so every field is exactly what
 * the cloud functions read: derived flags (open, awaitingAccept, slaDueAt, escalated…), denormalised
 * names, the followers of each case ("my cases"), and the in-app notifications of the last weeks.
 */
import type { BuildingDoc } from '../../backend/data/buildings';
import type { CaseFollowDoc } from '../../backend/data/caseFollows';
import { followId } from '../../backend/data/caseFollows';
import type { CaseDoc, CasePhoto, MediatorDoc, TimelineDoc } from '../../backend/data/cases';
import type { CommunityDoc } from '../../backend/data/communities';
import type { GridDoc } from '../../backend/data/grids';
import type { InviteDoc } from '../../backend/data/invites';
import type { NoticeDoc } from '../../backend/data/notices';
import { communityScope, stationScope } from '../../backend/data/notices';
import type { NotificationDoc } from '../../backend/data/notifications';
import type { StationDoc } from '../../backend/data/stations';
import type { MediationMemberDoc } from '../../backend/data/mediationMembers';
import { JUDICIAL_MEDIATOR_OPENID } from './content/staff';
import { followsWithSummary, numberSeedCases, SEED_STATION_CODE } from './caseNumbers';
import type { CaseCounterDoc } from '../../backend/data/caseCounters';
import { legalAdviceOf, mediationClosedAt, mediationExtras, membersOf } from './mediationDocuments';
import type { StaffProfile, UserDoc } from '../../backend/data/users';
import { derivedFlags, nextSweepAt } from '../../backend/domain/caseLifecycle';
import { notificationId, type NotificationDraft } from '../../backend/domain/notifier';
import { toAssignee, toAssigneeInApp, toReporter } from '../../backend/domain/caseNotifications';
import { caseTitle } from '../../backend/domain/caseViews';
import { ESCALATION_TEXT, escalationNotifications, ratingReminderNotification } from '../../backend/domain/scheduler';
import { daysEarlier, daysLater } from '../../backend/platform/time';
import { acceptDeadline } from '../../backend/domain/serviceLevels';
import type {
  CaseStatus,
  HelpType,
  MediationTier as BackendTier,
  MediationType,
  ReportCategory as BackendCategory,
  TimelineType,
} from '../../types/case';
import type { NoticeCategory as BackendNoticeCategory } from '../../types/notice';
import { PRIVACY_VERSION } from '../../types/privacy';
import type { Role as BackendRole } from '../../types/user';
import type {
  DisputeType,
  HelpType as ContentHelpType,
  MediationTier,
  NoticeCategory,
  Person,
  ReportCategory,
  Role,
  SeedCase,
  SeedContent,
  TimelineAction,
} from './content';

/** The guide version the mini-program asks for (types/privacy.ts): demo people have already consented. */
export const DEMO_PRIVACY_VERSION = PRIVACY_VERSION;

const REPORT_CATEGORY: Record<ReportCategory, BackendCategory> = {
  电动车入户充电: 'ebike_indoor_charging',
  管道井堆物: 'shaft_clutter',
  消防通道堵塞: 'fire_lane_blocked',
  车辆乱停: 'illegal_parking',
  争车位: 'parking_dispute',
  噪音扰民: 'noise',
  其他: 'other',
};
const HELP_TYPE: Record<ContentHelpType, HelpType> = { 独居老人照护: 'elderly_care', 维修: 'repair', 法律咨询: 'legal_advice', 其他: 'other' };
const DISPUTE_TYPE: Record<DisputeType, MediationType> = { 邻里: 'neighbor', 家庭: 'family', 物业: 'property', 车位: 'parking', 其他: 'other' };
const TIER: Record<MediationTier, BackendTier> = { 警民联调: 'police_community', 专业助调: 'professional', 公调对接: 'joint_office' };
const NOTICE_CATEGORY: Record<NoticeCategory, BackendNoticeCategory> = { 防范电信诈骗: 'anti_fraud', 文明养犬: 'dog_keeping', 消防安全: 'fire_safety', 社区通知: 'other' };
const TIMELINE_TYPE: Record<TimelineAction, TimelineType> = {
  create: 'created',
  accept: 'accepted',
  start: 'in_progress',
  note: 'note',
  session: 'note',
  resolve: 'resolved',
  rate: 'rated',
  close: 'closed',
  reject: 'rejected',
  reopen: 'reopened',
  transfer: 'transferred',
  add_info: 'info_added',
  me_too: 'joined',
  withdraw: 'withdrawn',
};

function backendRoles(person: Person): BackendRole[] {
  return person.roles.map((role: Role): BackendRole => (role === 'mediator' && person.mediatorKind === 'judicial' ? 'judicial_mediator' : role));
}

/** The short title staff carry on cards and in case history, e.g. 周建军（梦和园社区民警）. */
function staffTitle(person: Person, content: SeedContent): string {
  const community = content.communities.find((c) => c.id === person.communityId)?.name ?? '';
  if (person.roles.includes('admin')) return '派出所管理员';
  if (person.roles.includes('officer')) return `${community}社区民警`;
  if (person.mediatorKind === 'judicial') return '专职司法调解员';
  if (person.mediatorKind === 'community') return `${community}社区调解员`;
  if (person.volunteerKind === '网格员') return `${community}网格员`;
  if (person.volunteerKind) return `和苑家人${person.volunteerKind}`;
  return '工作人员';
}

export interface SeedDocuments {
  stations: StationDoc[];
  communities: CommunityDoc[];
  grids: GridDoc[];
  buildings: BuildingDoc[];
  users: UserDoc[];
  invites: InviteDoc[];
  notices: NoticeDoc[];
  cases: CaseDoc[];
  caseFollows: CaseFollowDoc[];
  notifications: NotificationDoc[];
  mediationMembers: MediationMemberDoc[];
  caseCounters: CaseCounterDoc[];
}

/** Uploaded report pictures: file ids per category (see pictures.ts). */
export type PictureFiles = Partial<Record<ReportCategory, string[]>>;

/** FNV-1a, so which report shows which picture does not depend on anything but the case id. */
/** A staff member's profile as their user record and their grid's officer card carry it. */
function staffProfile(p: Person, content: SeedContent): StaffProfile {
  return { name: p.name, title: staffTitle(p, content), dutyHours: p.dutyHours ?? '工作日 9:00—17:00', phone: p.phone, photoFileId: null };
}

function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * About two reports in three carry one or two photos. Photos of the last day are still pending
 * review (content security), older ones approved.
 */
function photosOf(c: SeedCase, pictures: PictureFiles, now: Date): CasePhoto[] {
  const files = c.kind === 'report' ? pictures[c.category as ReportCategory] ?? [] : [];
  const h = hashOf(c.id);
  if (files.length === 0 || h % 3 === 0) return [];
  const count = Math.min(files.length, 1 + ((h >>> 4) % 2));
  const review: CasePhoto['review'] = now.getTime() - c.createdAt.getTime() < 24 * 60 * 60 * 1000 ? 'pending' : 'approved';
  return Array.from({ length: count }, (_, i) => ({ fileId: files[((h >>> 8) + i) % files.length] as string, review, addedAt: c.createdAt }));
}

export function toDocuments(content: SeedContent, pictures: PictureFiles = {}): SeedDocuments {
  const { station, now } = content;
  const people = new Map(content.people.map((p) => [p.openid, p] as const));
  const communityName = (id: string) => content.communities.find((c) => c.id === id)?.name ?? '';
  const gridOf = (id: string) => content.grids.find((g) => g.id === id);
  const buildingOf = (id: string | null) => (id ? content.buildings.find((b) => b.id === id) : undefined);
  const displayName = (openid: string) => {
    const p = people.get(openid);
    if (!p) return '工作人员';
    return p.roles.some((r) => r !== 'resident') ? `${p.name}（${staffTitle(p, content)}）` : p.name;
  };
  const mediatorDoc = (openid: string): MediatorDoc => {
    const p = people.get(openid);
    return { id: openid, name: p?.name ?? '工作人员', title: p ? staffTitle(p, content) : '工作人员' };
  };

  const stations: StationDoc[] = [
    { _id: station.id, code: SEED_STATION_CODE, name: station.name, shortName: station.shortName, volunteerBrand: station.volunteerBrand, hotline: station.phone, adminIds: station.adminOpenids, phone: station.phone, dutyHours: '24小时值班', createdAt: content.people[0]?.createdAt ?? now, judicialMediator: mediatorDoc(JUDICIAL_MEDIATOR_OPENID) },
  ];
  const communities: CommunityDoc[] = content.communities.map((c, i) => ({
    _id: c.id,
    stationId: station.id,
    name: c.name,
    address: c.address,
    order: i + 1,
    defaultGridId: content.grids.find((g) => g.communityId === c.id)?.id ?? null,
    createdAt: content.people[0]?.createdAt ?? now,
    mediatorIds: content.people.filter((p) => p.mediatorKind === 'community' && p.communityId === c.id).map((p) => p.openid),
  }));
  const officerOf = (openid: string | null) => {
    const person = openid ? content.people.find((p) => p.openid === openid) : undefined;
    return person ? staffProfile(person, content) : null;
  };
  const grids: GridDoc[] = content.grids.map((g, i) => ({
    _id: g.id,
    stationId: station.id,
    communityId: g.communityId,
    name: g.name,
    officerId: g.officerOpenid,
    officer: officerOf(g.officerOpenid),
    order: i + 1,
    createdAt: content.people[0]?.createdAt ?? now,
  }));
  const buildings: BuildingDoc[] = content.buildings.map((b) => ({
    _id: b.id,
    communityId: b.communityId,
    gridId: b.gridId,
    name: b.name,
    units: b.units,
    order: b.number,
    createdAt: content.people[0]?.createdAt ?? now,
  }));
  const users: UserDoc[] = content.people.map((p) => {
    const staff = p.roles.some((r) => r !== 'resident');
    return {
      _id: p.openid,
      roles: backendRoles(p),
      name: p.name,
      phone: p.phone,
      communityId: p.communityId,
      buildingId: p.buildingId,
      unit: p.unit,
      privacyVersion: DEMO_PRIVACY_VERSION,
      privacyConsentAt: p.createdAt,
      staff: staff ? staffProfile(p, content) : null,
      // Residents carry their community's station too, as binding a community records it.
      stationId: station.id,
      // issue 10: the demo's residents are verified members of their community (as if they came from its group).
      ...(p.communityId ? { memberVerified: true, verifiedCommunityIds: [p.communityId] } : {}),
      // issue 11: a grid worker works the grid of the building they live in.
      ...(p.roles.includes('grid_worker') && p.gridId ? { workerGridId: p.gridId } : {}),
      createdAt: p.createdAt,
      updatedAt: p.createdAt,
    };
  });
  const invites: InviteDoc[] = [
    // The grid without an officer is waiting for one: the admin has issued the code.
    { _id: 'HYMJ2026', role: 'officer', stationId: station.id, communityId: 'community-xiuhe', gridId: content.grids.find((g) => g.officerOpenid === null)?.id ?? null, name: '刘晓光', title: '秀和园社区民警', dutyHours: '工作日 8:30—17:30', phone: '13800000199', status: 'active', issuedBy: station.adminOpenids[0] ?? '', expiresAt: daysLater(now, 6), usedBy: null, usedAt: null, createdAt: daysEarlier(now, 1) },
    { _id: 'HYJR2026', role: 'volunteer', stationId: station.id, communityId: 'community-menghe', gridId: null, name: '韩志刚', title: '和苑家人治安志愿者', dutyHours: '每周二、四晚巡逻', phone: '13800000198', status: 'active', issuedBy: station.adminOpenids[0] ?? '', expiresAt: daysLater(now, 4), usedBy: null, usedAt: null, createdAt: daysEarlier(now, 3) },
  ];
  const notices: NoticeDoc[] = content.notices.flatMap((n): NoticeDoc[] => {
    const base = { category: NOTICE_CATEGORY[n.category], title: n.title, summary: n.body.slice(0, 40), body: n.body, publishedAt: n.publishedAt, createdAt: n.publishedAt };
    if (n.communityIds.length === 0) {
      return [{ _id: n.id, stationId: station.id, communityId: null, scope: stationScope(station.id), readCount: n.readCount, ...base }];
    }
    // A notice for several communities is one document per community (one scope per document).
    return n.communityIds.map((communityId, i) => ({
      _id: n.communityIds.length === 1 ? n.id : `${n.id}-${i + 1}`,
      stationId: station.id,
      communityId,
      scope: communityScope(communityId),
      readCount: Math.round(n.readCount / n.communityIds.length),
      ...base,
    }));
  });

  const { cases, counters: caseCounters } = numberSeedCases(content.cases.map((c) => ({ ...toCaseDoc(c, content, displayName, communityName, gridOf, buildingOf, mediatorDoc), photos: photosOf(c, pictures, now) })));
  const caseFollows = followsWithSummary(cases.flatMap((doc) => followsOf(doc, content.cases.find((c) => c.id === doc._id), now)), cases);
  const notifications = cases.flatMap((doc) => notificationsOf(doc, now, content));
  const mediationMembers = cases.flatMap(membersOf);
  return { stations, communities, grids, buildings, users, invites, notices, cases, caseFollows, notifications, mediationMembers, caseCounters };
}

function toCaseDoc(
  c: SeedCase,
  content: SeedContent,
  displayName: (openid: string) => string,
  communityName: (id: string) => string,
  gridOf: (id: string) => SeedContent['grids'][number] | undefined,
  buildingOf: (id: string | null) => SeedContent['buildings'][number] | undefined,
  mediatorDoc: (openid: string) => MediatorDoc,
): CaseDoc {
  const now = content.now;
  const urgent = c.urgency === '紧急';
  const status = c.status as CaseStatus;
  const grid = gridOf(c.gridId);
  const timeline: TimelineDoc[] = c.timeline.map((t, i) => ({
    id: `${c.id.replace('seed-case-', 's')}-${String(i + 1).padStart(2, '0')}`,
    at: t.at,
    type: TIMELINE_TYPE[t.action],
    actorKind: t.actorRole === 'system' ? 'system' : t.actorRole === 'resident' ? 'resident' : 'staff',
    actorId: t.actorRole === 'system' ? null : t.actorOpenid,
    actorName:
      t.actorRole === 'system'
        ? '系统'
        : t.actorRole === 'resident'
          ? t.actorOpenid !== c.reporterOpenid
            ? '其他居民'
            : c.anonymous
              ? '匿名居民'
              : t.actorName
          : displayName(t.actorOpenid),
    fromStatus: (t.fromStatus as CaseStatus | null) ?? null,
    toStatus: (t.toStatus as CaseStatus | null) ?? null,
    text: t.note,
    visibility: t.visibility === 'internal' ? 'internal' : 'public',
  }));

  // The flags the state machine gives a case on entering its current status, at the time it did.
  const enteredAt = [...timeline].reverse().find((t) => t.toStatus === status)?.at ?? c.createdAt;
  const flags = derivedFlags(status, urgent, enteredAt, { acceptedAt: c.acceptedAt, resolvedAt: c.resolvedAt });
  const { awaitingAccept, slaDueAt } = flags;
  // Past cases accepted late, and cases still waiting past their deadline, were escalated to the admin
  // (the scheduler sweeps every few minutes).
  const firstAccept = timeline.find((t) => t.type === 'accepted')?.at ?? null;
  const deadline = acceptDeadline(c.createdAt, urgent);
  const sweepDelay = 5 * 60 * 1000;
  const escalatedAt =
    awaitingAccept && slaDueAt && slaDueAt.getTime() + sweepDelay < now.getTime()
      ? new Date(slaDueAt.getTime() + sweepDelay)
      : !awaitingAccept && firstAccept && firstAccept.getTime() > deadline.getTime() + sweepDelay
        ? new Date(deadline.getTime() + sweepDelay)
        : null;
  if (escalatedAt) {
    timeline.push({
      id: `${c.id.replace('seed-case-', 's')}-esc`,
      at: escalatedAt,
      type: 'escalated',
      actorKind: 'system',
      actorId: null,
      actorName: '系统',
      fromStatus: null,
      toStatus: null,
      text: ESCALATION_TEXT,
      visibility: 'internal',
    });
    timeline.sort((a, b) => a.at.getTime() - b.at.getTime());
  }

  const building = buildingOf(c.buildingId);
  const assignee = content.people.find((p) => p.openid === c.assigneeOpenid);
  const lastStaffTouch = [...timeline].reverse().find((t) => t.actorKind === 'staff')?.at ?? null;
  const lastResidentTouch = [...timeline].reverse().find((t) => t.actorKind === 'resident')?.at ?? null;

  const doc: CaseDoc = {
    _id: c.id,
    kind: c.kind,
    status,
    clientRequestId: c.clientRequestId,
    stationId: content.station.id,
    communityId: c.communityId,
    communityName: communityName(c.communityId),
    buildingId: c.buildingId,
    buildingName: building?.name ?? null,
    unit: c.unit,
    point: c.location ? { latitude: c.location.latitude, longitude: c.location.longitude, address: `${communityName(c.communityId)}小区内` } : null,
    gridId: c.gridId,
    gridName: grid?.name ?? '',
    assigneeId: c.assigneeOpenid,
    // As routing names them: the officer, or the station standing in for a grid without one.
    assigneeName: grid?.officerOpenid ? (assignee?.name ?? null) : content.station.name,
    assigneeTitle: grid?.officerOpenid && assignee ? staffTitle(assignee, content) : '派出所',
    reporterId: c.reporterOpenid,
    anonymous: c.anonymous,
    reporterName: c.anonymous ? null : c.reporterName,
    reporterPhone: c.callbackAllowed ? c.contactPhone : null,
    title: c.title,
    description: c.description,
    category: c.kind === 'report' ? REPORT_CATEGORY[c.category as ReportCategory] : null,
    help: c.kind === 'help'
      ? {
          helpType: HELP_TYPE[c.category as ContentHelpType], urgency: urgent ? 'urgent' : 'normal', callbackAllowed: c.callbackAllowed,
          legalAdvice: c.category === '法律咨询' ? legalAdviceOf(c, mediatorDoc(JUDICIAL_MEDIATOR_OPENID)) : null,
        }
      : null,
    mediation:
      c.kind === 'mediation' && c.mediation
        ? {
            mediationType: DISPUTE_TYPE[c.mediation.disputeType],
            otherParty: c.mediation.parties.find((p) => p.side === 'respondent')?.name ?? '对方',
            wants: c.mediation.wish,
            tier: TIER[c.mediation.tier],
            outcome: c.mediation.outcome,
            agreement: c.mediation.agreement,
            ...mediationExtras(c, c.mediation, mediatorDoc, JUDICIAL_MEDIATOR_OPENID, now),
          }
        : null,
    urgent,
    photos: [],
    timeline,
    supporterCount: c.meTooOpenids.length,
    ...flags,
    escalated: escalatedAt !== null,
    escalatedAt,
    // Staff have not yet seen what residents did since staff last acted.
    staffUnread: flags.open && (lastStaffTouch === null || (lastResidentTouch !== null && lastResidentTouch > lastStaffTouch)),
    rating: c.rating ? { satisfaction: c.rating.satisfaction, safety: c.rating.safety, comment: c.rating.comment, at: c.rating.at } : null,
    // A reminder whose time has passed was sent (the history below has it).
    ratingReminderPending: flags.ratingReminderPending && !!flags.ratingReminderAt && flags.ratingReminderAt.getTime() > now.getTime(),
    createdAt: c.createdAt,
    updatedAt: timeline[timeline.length - 1]?.at ?? c.createdAt,
    acceptedAt: c.acceptedAt,
    resolvedAt: c.resolvedAt,
    closedAt: c.closedAt,
    version: 0,
    sweepAt: null,
    mediationClosedAt: c.kind === 'mediation' ? mediationClosedAt(c, c.mediation) : null,
  };
  doc.sweepAt = nextSweepAt(doc);
  // Titles as the functions make them (category · building), so seeded and new cases read alike.
  doc.title = caseTitle(doc);
  return doc;
}

/** The reporter and every resident who joined ("我也遇到了") follow the case. */
function followsOf(doc: CaseDoc, seed: SeedCase | undefined, now: Date): CaseFollowDoc[] {
  const lastStaff = [...doc.timeline].reverse().find((t) => t.actorKind !== 'resident' && t.visibility === 'public');
  // Unread when staff did something public in the last three days that the resident has not opened.
  const unread = lastStaff !== undefined && now.getTime() - lastStaff.at.getTime() < 3 * 24 * 60 * 60 * 1000;
  const follower = (openid: string, role: CaseFollowDoc['role']): CaseFollowDoc => ({
    _id: followId(doc._id, openid),
    caseId: doc._id,
    openid,
    role,
    kind: doc.kind,
    status: doc.status,
    title: doc.title,
    urgent: doc.urgent,
    open: doc.open,
    unread,
    caseCreatedAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  });
  return [follower(doc.reporterId, 'reporter'), ...(seed?.meTooOpenids ?? []).map((openid) => follower(openid, 'joiner'))];
}

const NOTIFICATION_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;
const TWO_DAYS_MS = 2 * 24 * 60 * 60 * 1000;

/**
 * In-app notifications for what happened in the last 30 days, made by the backend's own notice
 * builders (caseNotifications) so titles and bodies read as the functions write them. Older ones would
 * long be read and paged away; those of the last two days are unread.
 */
function notificationsOf(doc: CaseDoc, now: Date, content: SeedContent): NotificationDoc[] {
  const viaStation = content.grids.find((g) => g.id === doc.gridId)?.officerOpenid === null;
  const plainName = (openid: string | null) => content.people.find((p) => p.openid === openid)?.name ?? '工作人员';
  const notices: { notice: NotificationDraft; at: Date }[] = [];
  let status: CaseStatus = 'submitted';
  for (const e of doc.timeline) {
    if (e.toStatus) status = e.toStatus;
    if (now.getTime() - e.at.getTime() > NOTIFICATION_WINDOW_MS) continue;
    const add = (list: NotificationDraft[]) => notices.push(...list.map((notice) => ({ notice, at: e.at })));
    switch (e.type) {
      case 'created':
        add(toAssignee(doc, e, viaStation ? '新案件（网格暂无民警）' : '新案件'));
        break;
      case 'joined':
        add(toAssigneeInApp(doc, e, '又有居民反映同样问题'));
        break;
      case 'info_added':
        add(toAssigneeInApp(doc, e, '居民补充了信息'));
        break;
      case 'withdrawn':
        add(toAssigneeInApp(doc, e, '居民撤回了案件'));
        break;
      case 'reopened':
        add(toAssignee(doc, e, '居民反馈未解决'));
        break;
      case 'rated':
        add(toAssigneeInApp(doc, e, '居民已评价'));
        break;
      case 'transferred':
        add([...toAssignee(doc, e, '转派案件'), ...toReporter(doc, e, 'submitted', plainName(e.actorId))]);
        break;
      case 'accepted':
      case 'in_progress':
      case 'resolved':
      case 'rejected':
        add(toReporter(doc, e, status, plainName(e.actorId)));
        break;
      case 'note':
        if (e.actorKind === 'staff' && e.visibility === 'public') add(toReporter(doc, e, status, plainName(e.actorId)));
        break;
      case 'escalated':
        // The scheduler's own builder: the station's admins and the assignee, in its words.
        add(escalationNotifications(doc, { adminIds: content.station.adminOpenids }, e.id));
        break;
      default:
        break;
    }
  }
  if (doc.ratingReminderAt && !doc.ratingReminderPending && now.getTime() - doc.ratingReminderAt.getTime() < NOTIFICATION_WINDOW_MS) {
    notices.push({ at: doc.ratingReminderAt, notice: ratingReminderNotification(doc, doc.ratingReminderAt) });
  }
  const seen = new Set<string>();
  return notices
    .map(({ notice, at }): NotificationDoc => ({
      _id: notificationId(notice),
      openid: notice.openid,
      kind: notice.kind,
      title: notice.title,
      body: notice.body,
      caseId: notice.caseId,
      createdAt: at,
      read: now.getTime() - at.getTime() > TWO_DAYS_MS,
      push: null,
    }))
    .filter((n) => !seen.has(n._id) && seen.add(n._id) !== undefined);
}
