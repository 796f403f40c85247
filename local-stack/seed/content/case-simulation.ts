/**
 * Turns a case draft (who, what, where, when, and how it is meant to go) into a case with a believable
 * timeline. Every step is placed after the previous one with a realistic delay; a step that would fall
 * after "now" does not happen, so recent cases are naturally still open.
 */
import { autoCloseAt, autoCloseText } from '../../../backend/domain/serviceLevels';
import { chinaDateStamp, durations, type Clock } from './clock';
import type {
  Building,
  CaseKind,
  CaseStatus,
  DisputeType,
  GeoPoint,
  HelpType,
  MediationDetails,
  MediationOutcome,
  MediationSession,
  MediationTier,
  Person,
  Rating,
  ReportCategory,
  Role,
  SeedCase,
  TimelineAction,
  TimelineEntry,
  Urgency,
} from './model';
import { createRandom, type Random } from './random';
import { RATING_COMMENTS, REJECT_REASONS, type MediationScenario, type Scenario } from './scenarios';

const { MINUTE, HOUR, DAY } = durations;

/** How the case is meant to go, if time allows. */
export type Fate =
  | 'stall_submitted'
  | 'stall_accepted'
  | 'stall_in_progress'
  | 'resolved_unrated'
  | 'rated'
  | 'rejected'
  | 'reopened_open'
  | 'reopened_then_rated'
  | 'withdrawn';

export interface Participants {
  assignee: Person;
  /** The officer who first got the case and handed it over (transfer), if any. */
  transferredFrom: Person | null;
  judicialMediator: Person;
  communityMediator: Person;
  /** A 和苑家人 volunteer who helps on the ground (repairs, shopping, patrols). */
  volunteer: Person;
}

export interface CaseDraft {
  /** Stable key; case ids are assigned later in creation order. */
  key: string;
  kind: CaseKind;
  category: ReportCategory | HelpType | DisputeType;
  urgency: Urgency | null;
  scenario: Scenario | MediationScenario;
  communityId: string;
  gridId: string;
  building: Building | null;
  unit: string | null;
  location: GeoPoint | null;
  reporter: Person;
  anonymous: boolean;
  callbackAllowed: boolean;
  createdAt: Date;
  fate: Fate;
  participants: Participants;
  meToo: Person[];
  /** Extra resident remark added after creation. */
  addInfo: string | null;
  tier: MediationTier | null;
  outcome: MediationOutcome;
  respondentName: string | null;
  /** Fixed rating for hand-written cases. */
  rating?: { satisfaction: number; safety: number; comment: string | null };
  /** Fixed delays for hand-written cases (ms after the previous step). */
  timing?: Partial<Record<'accept' | 'start' | 'resolve' | 'rate', number>>;
  /** Hand-written session notes (mediation), overriding the scenario's. */
  sessionNotes?: string[];
  /** The grid the case ends up in, named in a transfer. */
  gridName?: string;
}

const TIER_EXTERNALS: Record<MediationTier, string[]> = {
  警民联调: [],
  专业助调: [],
  公调对接: ['和苑街道综治中心', '红桥区司法局和苑司法所'],
};

function fill(text: string, draft: CaseDraft): string {
  return text.replaceAll('{b}', draft.building?.name ?? '小区').replaceAll('{u}', draft.unit ?? '');
}

function roleOf(person: Person): Role {
  if (person.roles.includes('admin')) return 'admin';
  return person.roles[0] ?? 'resident';
}

function pickRating(random: Random, low: boolean): { satisfaction: number; safety: number; comment: string | null } {
  const satisfaction = low
    ? random.weighted([[2, 3], [3, 4], [4, 2]] as const)
    : random.weighted([[5, 62], [4, 26], [3, 8], [2, 3], [1, 1]] as const);
  const safety = Math.max(1, Math.min(5, satisfaction + random.weighted([[0, 6], [1, 2], [-1, 2]] as const)));
  const comment = random.chance(0.6) ? random.pick(RATING_COMMENTS[satisfaction] ?? []) : null;
  return { satisfaction, safety, comment };
}

export function simulateCase(draft: CaseDraft, id: string, caseNo: string, clock: Clock, seed: number): SeedCase {
  const random = createRandom(seed);
  const now = clock.now.getTime();
  const timeline: TimelineEntry[] = [];
  let status: CaseStatus = 'submitted';
  let cursor = draft.createdAt.getTime();
  let acceptedAt: Date | null = null;
  let resolvedAt: Date | null = null;
  let closedAt: Date | null = null;
  let resolution: string | null = null;
  let rejectReason: string | null = null;
  let rating: Rating | null = null;
  const { assignee, judicialMediator, communityMediator, volunteer, transferredFrom } = draft.participants;
  const reporter = draft.reporter;
  const isMediation = draft.kind === 'mediation';
  const mediationScenario = isMediation ? (draft.scenario as MediationScenario) : null;
  const scenario = isMediation ? null : (draft.scenario as Scenario);

  const entry = (at: number, action: TimelineAction, actor: Person | 'system', visibility: 'resident' | 'internal', note: string | null, to: CaseStatus | null) => {
    timeline.push({
      at: new Date(at),
      action,
      actorOpenid: actor === 'system' ? 'system' : actor.openid,
      actorName: actor === 'system' ? '系统' : actor.name,
      actorRole: actor === 'system' ? 'system' : actor === reporter ? 'resident' : roleOf(actor),
      visibility,
      note,
      fromStatus: to && action !== 'create' ? status : null,
      toStatus: to,
    });
    if (to) status = to;
  };
  /**
   * Moves time forward; false when the step would happen after now (so it has not happened yet).
   * Staff work happens 8:00–20:00 China time unless the help is urgent.
   */
  const advance = (ms: number, anyHour = false): boolean => {
    let next = cursor + Math.max(MINUTE, Math.round(ms / MINUTE) * MINUTE);
    if (!anyHour && draft.urgency !== '紧急') next = workingTime(next, random);
    if (next >= now - MINUTE) return false;
    cursor = next;
    return true;
  };
  const between = (minMs: number, maxMs: number) => minMs + random.next() * (maxMs - minMs);

  entry(cursor, 'create', reporter, 'resident', null, 'submitted');

  for (const neighbour of draft.meToo) {
    const at = cursor + between(2 * HOUR, 3 * DAY);
    if (at < now - MINUTE) {
      timeline.push({ at: new Date(at), action: 'me_too', actorOpenid: neighbour.openid, actorName: neighbour.name, actorRole: 'resident', visibility: 'resident', note: null, fromStatus: null, toStatus: null });
    }
  }

  const finish = (): SeedCase => {
    timeline.sort((a, b) => a.at.getTime() - b.at.getTime());
    const last = timeline[timeline.length - 1];
    return {
      id,
      caseNo,
      kind: draft.kind,
      category: draft.category,
      urgency: draft.urgency,
      title: (isMediation ? mediationScenario?.title : scenario?.title) ?? '',
      description: fill((isMediation ? mediationScenario?.description : scenario?.description) ?? '', draft),
      photos: [],
      communityId: draft.communityId,
      gridId: draft.gridId,
      buildingId: draft.building?.id ?? null,
      unit: draft.unit,
      location: draft.location,
      anonymous: draft.anonymous,
      reporterOpenid: reporter.openid,
      reporterName: reporter.name,
      callbackAllowed: draft.callbackAllowed,
      contactPhone: draft.callbackAllowed ? reporter.phone : null,
      assigneeOpenid: assignee.openid,
      status,
      timeline,
      meTooOpenids: timeline.filter((t) => t.action === 'me_too').map((t) => t.actorOpenid),
      resolution,
      rejectReason,
      rating,
      mediation,
      createdAt: draft.createdAt,
      updatedAt: last ? last.at : draft.createdAt,
      acceptedAt,
      resolvedAt,
      closedAt,
      clientRequestId: `seed-${draft.key}`,
    };
  };

  // Mediation details fill in as the case goes.
  const sessions: MediationSession[] = [];
  const mediators: Person[] = [];
  const mediation: MediationDetails | null = isMediation && mediationScenario
    ? {
        disputeType: draft.category as DisputeType,
        parties: [
          { name: reporter.name, side: 'applicant', address: draft.building ? `${draft.building.name}${reporter.unit ?? ''}` : null, openid: reporter.openid },
          { name: draft.respondentName ?? mediationScenario.respondent, side: 'respondent', address: null, openid: null },
        ],
        wish: mediationScenario.wish,
        tier: draft.tier ?? mediationScenario.preferredTier,
        mediatorOpenids: [],
        sessions,
        outcome: null,
        referredTo: null,
        agreement: null,
        followUp: null,
      }
    : null;

  if (draft.fate === 'withdrawn') {
    if (advance(between(HOUR, DAY), true)) {
      entry(cursor, 'withdraw', reporter, 'resident', '问题已经自行解决了，撤回。', 'withdrawn');
      closedAt = new Date(cursor);
    }
    return finish();
  }
  if (draft.fate === 'stall_submitted') return finish();

  if (transferredFrom && advance(between(20 * MINUTE, 3 * HOUR))) {
    // As the transfer action records it: a public line for the resident, the reason for staff.
    entry(cursor, 'transfer', transferredFrom, 'resident', `已转由${draft.gridName ?? '所属网格'}处理`, 'submitted');
    entry(cursor, 'note', transferredFrom, 'internal', `转派原因：该位置属于${assignee.name}负责的网格。`, null);
  }

  if (draft.addInfo && advance(between(10 * MINUTE, 2 * HOUR), true)) {
    entry(cursor, 'add_info', reporter, 'resident', draft.addInfo, null);
  }

  // Accept: urgent help within half an hour, others within the day (faster during office hours).
  const acceptDelay = draft.timing?.accept
    ?? (draft.urgency === '紧急' ? between(4 * MINUTE, 25 * MINUTE) : draft.kind === 'mediation' ? between(HOUR, 20 * HOUR) : between(15 * MINUTE, 18 * HOUR));
  if (!advance(acceptDelay)) return finish();

  if (draft.fate === 'rejected' && !isMediation) {
    rejectReason = scenario?.rejectReason ?? random.pick(REJECT_REASONS);
    entry(cursor, 'reject', assignee, 'resident', rejectReason, 'rejected');
    closedAt = new Date(cursor);
    return finish();
  }

  const acceptNote = isMediation ? `已受理，将组织${mediation?.tier ?? ''}。` : (scenario?.acceptNote ?? '已受理。');
  // Accepting records no text; the officer's first word to the resident is a note right after.
  entry(cursor, 'accept', assignee, 'resident', null, 'accepted');
  acceptedAt = new Date(cursor);
  if (acceptNote && advance(between(2 * MINUTE, 10 * MINUTE), true)) entry(cursor, 'note', assignee, 'resident', acceptNote, null);
  if (draft.fate === 'stall_accepted') return finish();

  if (!advance(draft.timing?.start ?? between(10 * MINUTE, draft.urgency === '紧急' ? 40 * MINUTE : 30 * HOUR))) return finish();

  if (isMediation && mediation && mediationScenario) {
    const tier = mediation.tier;
    mediators.push(assignee);
    if (tier === '警民联调') mediators.push(communityMediator);
    else mediators.push(judicialMediator);
    mediation.mediatorOpenids = mediators.map((m) => m.openid);
    entry(cursor, 'start', assignee, 'resident', `适用“${tier}”，调解员：${mediators.map((m) => m.name).join('、')}。`, 'in_progress');
    const notes = draft.sessionNotes ?? mediationScenario.sessions;
    for (const [index, summary] of notes.entries()) {
      if (!advance(index === 0 ? between(HOUR, 3 * DAY) : between(DAY, 6 * DAY))) return finish();
      const session: MediationSession = {
        at: new Date(cursor),
        place: tier === '警民联调' ? '社区警务室调解室' : '和苑派出所调解室',
        mediatorOpenids: mediators.map((m) => m.openid),
        externalParticipants: TIER_EXTERNALS[tier],
        summary,
      };
      sessions.push(session);
      entry(cursor, 'session', mediators[1] ?? assignee, 'resident', `第${index + 1}次调解：${summary}`, null);
    }
    if (draft.fate === 'stall_in_progress') return finish();
    if (!advance(draft.timing?.resolve ?? between(2 * HOUR, 2 * DAY))) return finish();
    mediation.outcome = draft.outcome;
    if (draft.outcome === 'success') {
      mediation.agreement = mediationScenario.agreement;
      resolution = `调解成功，双方签订调解协议：${mediationScenario.agreement}`;
    } else if (draft.outcome === 'referred') {
      mediation.referredTo = mediationScenario.referredTo;
      resolution = `调解未达成协议：${mediationScenario.failedNote}已引导当事人到${mediationScenario.referredTo}解决，并提供了法律援助信息。`;
    } else {
      resolution = `调解未成功：${mediationScenario.failedNote}已告知当事人可通过诉讼等途径解决，民警将继续关注。`;
    }
    entry(cursor, 'resolve', assignee, 'resident', resolution, 'resolved');
    resolvedAt = new Date(cursor);
  } else {
    const helper = draft.category === '法律咨询' ? judicialMediator : draft.kind === 'help' ? volunteer : assignee;
    entry(cursor, 'start', assignee, 'resident', scenario?.progressNote ?? null, 'in_progress');
    if (helper !== assignee && advance(between(20 * MINUTE, 6 * HOUR))) {
      const helperNote = helper === judicialMediator
        ? '已与当事人电话沟通，梳理了相关法律问题。'
        : draft.category === '维修' ? '已带工具上门处理。' : draft.category === '独居老人照护' ? '已上门看望老人。' : '已上门协助。';
      entry(cursor, 'note', helper, 'internal', helperNote, null);
    } else if (random.chance(0.3) && advance(between(HOUR, DAY))) {
      entry(cursor, 'note', assignee, 'internal', random.pick(['已拍照留存，复查时对比。', '已与物业经理沟通，对方答应尽快处理。', '楼门长会协助盯守。', '需要复查，已加入下次巡逻路线。']), null);
    }
    if (draft.fate === 'stall_in_progress') return finish();
    const resolveDelay = draft.timing?.resolve ?? (draft.urgency === '紧急' ? between(20 * MINUTE, 3 * HOUR) : between(2 * HOUR, 4 * DAY));
    if (!advance(resolveDelay)) return finish();
    resolution = scenario?.resolution ?? '已处理完毕。';
    entry(cursor, 'resolve', assignee, 'resident', resolution, 'resolved');
    resolvedAt = new Date(cursor);
  }

  if (draft.fate === 'reopened_open' || draft.fate === 'reopened_then_rated') {
    if (!advance(between(6 * HOUR, 3 * DAY), true)) return finish();
    entry(cursor, 'reopen', reporter, 'resident', random.pick(['还是没解决，这两天又出现了。', '没修好，又坏了。', '对方没照做，问题还在。']), 'reopened');
    // Reopening clears the resolution until it is resolved again.
    resolvedAt = null;
    if (draft.fate === 'reopened_open') return finish();
    if (!advance(between(HOUR, 20 * HOUR))) return finish();
    entry(cursor, 'accept', assignee, 'resident', null, 'accepted');
    if (advance(between(2 * MINUTE, 10 * MINUTE), true)) entry(cursor, 'note', assignee, 'resident', '收到，再去现场看看。', null);
    if (!advance(between(30 * MINUTE, DAY))) return finish();
    entry(cursor, 'start', assignee, 'resident', '已到现场复查。', 'in_progress');
    if (!advance(between(HOUR, 3 * DAY))) return finish();
    resolution = `复查后已彻底处理：${resolution ?? ''}`;
    entry(cursor, 'resolve', assignee, 'resident', resolution, 'resolved');
    resolvedAt = new Date(cursor);
  }

  const rates = draft.fate === 'rated' || draft.fate === 'reopened_then_rated';
  const resolvedMs = cursor;
  // The agreement of a successful mediation is checked on a follow-up visit a week or two later.
  if (mediation && mediationScenario && mediation.outcome === 'success') {
    const followAt = resolvedMs + between(7 * DAY, 14 * DAY);
    if (followAt < now - MINUTE) {
      mediation.followUp = { at: new Date(followAt), honoured: true, note: mediationScenario.followUp };
      timeline.push({ at: new Date(followAt), action: 'note', actorOpenid: assignee.openid, actorName: assignee.name, actorRole: roleOf(assignee), visibility: 'resident', note: mediationScenario.followUp, fromStatus: null, toStatus: null });
    }
  }
  if (rates) {
    // Rating a resolved case closes it (the backend's rule: rate moves resolved → closed).
    if (!advance(draft.timing?.rate ?? between(2 * HOUR, 4 * DAY), true)) return finish();
    const picked = draft.rating ?? pickRating(random, draft.outcome !== 'success' || draft.fate === 'reopened_then_rated');
    rating = { ...picked, at: new Date(cursor) };
    entry(cursor, 'rate', reporter, 'resident', `满意度 ${picked.satisfaction}/5，安全感 ${picked.safety}/5${picked.comment ? `：${picked.comment}` : ''}`, 'closed');
  } else {
    // The scheduler's auto-close: same delay, same words (backend/domain/serviceLevels.ts).
    const closeAt = autoCloseAt(new Date(resolvedMs)).getTime();
    if (closeAt >= now - MINUTE) return finish();
    cursor = closeAt;
    entry(cursor, 'close', 'system', 'resident', autoCloseText(), 'closed');
  }
  closedAt = new Date(cursor);
  return finish();
}

const CHINA_OFFSET = 8 * HOUR;

/** Moves a moment outside 8:00–20:00 China time to the next morning (8:00–9:30). */
function workingTime(ms: number, random: Random): number {
  const local = ms + CHINA_OFFSET;
  const hour = (local % DAY) / HOUR;
  if (hour >= 8 && hour < 20) return ms;
  const dayStart = local - (local % DAY) + (hour >= 20 ? DAY : 0);
  return dayStart + 8 * HOUR + random.int(0, 90) * MINUTE - CHINA_OFFSET;
}

export function caseNumber(createdAt: Date, sequence: number): string {
  return `HY${chinaDateStamp(createdAt)}-${String(sequence).padStart(3, '0')}`;
}

/** FNV-1a, to derive each case's own random stream from its key. */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
