/**
 * What each viewer may see of a case. The resident view never shows internal notes; staff views
 * never identify an anonymous reporter; photos under review are visible only to the reporter and
 * the assigned staff. The output schemas strip anything not declared, as a second guard.
 */
import type { CaseDetail, CaseSummary, InboxItem, ResidentCaseView, SimilarCase, StaffCaseView, TimelineEntry } from '../../types/case';
import { helpTypeLabels, mediationTypeLabels, reportCategoryLabels } from '../../types/case';
import type { PhotoView } from '../../types/common';
import type { CaseDoc, CasePhoto, TimelineDoc } from '../data/cases';
import type { CaseFollowDoc } from '../data/caseFollows';
import { iso, isoOrNull } from '../platform/time';
import { canDo } from './caseLifecycle';
import { serviceLevels } from './serviceLevels';

export function caseTitle(c: Pick<CaseDoc, 'kind' | 'category' | 'help' | 'mediation' | 'buildingName'>): string {
  switch (c.kind) {
    case 'report':
      return `${c.category ? reportCategoryLabels[c.category] : '问题上报'} · ${c.buildingName ?? '地图位置'}`;
    case 'help':
      return `${c.help ? helpTypeLabels[c.help.helpType] : ''}求助${c.buildingName ? ` · ${c.buildingName}` : ''}`;
    case 'mediation':
      return `${c.mediation ? mediationTypeLabels[c.mediation.mediationType] : '纠纷'}调解`;
  }
}

export function isOverdue(c: Pick<CaseDoc, 'awaitingAccept' | 'slaDueAt'>, now: Date): boolean {
  return c.awaitingAccept && c.slaDueAt !== null && c.slaDueAt.getTime() <= now.getTime();
}

function detailOf(c: CaseDoc): CaseDetail {
  if (c.kind === 'report') return { kind: 'report', category: c.category ?? 'other', anonymous: c.anonymous };
  if (c.kind === 'help') {
    const h = c.help ?? { helpType: 'other', urgency: 'normal', callbackAllowed: false };
    return { kind: 'help', helpType: h.helpType, urgency: h.urgency, callbackAllowed: h.callbackAllowed };
  }
  const m = c.mediation ?? { mediationType: 'other', otherParty: '', wants: '', tier: 'police_community', outcome: null, agreement: null };
  return { kind: 'mediation', ...m };
}

function timelineView(entries: TimelineDoc[], audience: 'resident' | 'staff', c: CaseDoc, viewer: string): TimelineEntry[] {
  return entries
    .filter((e) => audience === 'staff' || e.visibility === 'public')
    .map((e) => {
      let name = e.actorName;
      if (e.actorKind === 'resident') {
        // Names of residents are shown only to the resident themself.
        if (c.anonymous && e.actorId === c.reporterId) name = '匿名居民';
        else if (audience === 'resident' && e.actorId !== viewer) name = '居民';
      }
      return {
        id: e.id, at: iso(e.at), type: e.type, actor: { kind: e.actorKind, name },
        fromStatus: e.fromStatus, toStatus: e.toStatus, text: e.text, visibility: e.visibility,
      };
    });
}

/**
 * Who is looking at a case's photos: the reporter sees all of theirs (a rejected one marked as
 * failed review); the assigned staff also see those still under review; anyone else only approved
 * ones (pending ones as a placeholder). A rejected photo is not even listed for anyone but the reporter.
 */
export type PhotoAudience = 'reporter' | 'assignee' | 'other';

/** A photo a joiner added is "the reporter's" to that joiner only; the reporter sees it as anyone else. */
function audienceFor(p: CasePhoto, audience: PhotoAudience, viewer: string | null): PhotoAudience {
  if (!p.addedBy) return audience;
  if (p.addedBy === viewer) return 'reporter';
  return audience === 'reporter' ? 'other' : audience;
}

function photoVisible(p: CasePhoto, audience: PhotoAudience): boolean {
  if (p.review === 'approved') return true;
  if (p.review === 'pending') return audience !== 'other';
  return audience === 'reporter';
}

/** Photos as this viewer may see them. */
export function photosView(photos: CasePhoto[], audience: PhotoAudience, urls: Map<string, string | null>, viewer: string | null = null): PhotoView[] {
  return photos
    .filter((p) => p.review !== 'rejected' || audienceFor(p, audience, viewer) === 'reporter')
    .map((p) => {
      const visible = photoVisible(p, audienceFor(p, audience, viewer));
      return { fileId: visible ? p.fileId : null, url: visible ? urls.get(p.fileId) ?? null : null, review: p.review };
    });
}

/** The file ids this viewer may see, to fetch their URLs in one call. */
export function visibleFileIds(c: CaseDoc, audience: PhotoAudience, viewer: string | null = null): string[] {
  return c.photos.filter((p) => photoVisible(p, audienceFor(p, audience, viewer))).map((p) => p.fileId);
}

/** The first characters of what was written, on one line. */
export function snippetOf(text: string, max = 40): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

function serviceLevelView(c: CaseDoc) {
  const sl = serviceLevels();
  return {
    promise: c.urgent ? `紧急求助 ${sl.urgentAcceptMinutes} 分钟内受理` : `一般事项 ${sl.normalAcceptHours} 小时内受理`,
    dueAt: c.awaitingAccept ? isoOrNull(c.slaDueAt) : null,
    acceptedAt: isoOrNull(c.acceptedAt),
  };
}

/** Why the viewer cannot rate the case, in words for the rate page; null when they can. */
export function rateRefusal(c: CaseDoc, isReporter: boolean): string | null {
  if (!isReporter) return '只有提交这件事的居民可以评价；您可以在案件页关注办理进展';
  if (c.rating) return '您已经评价过了，感谢您的反馈';
  if (!canDo('rate', c.status)) {
    if (c.status === 'withdrawn') return '这件事已撤回，不需要评价';
    if (c.status === 'rejected') return '这件事已被退回，不能评价；如有疑问可以联系民警';
    return '民警标记“已解决”后才能评价，届时会通知您';
  }
  return null;
}

function common(c: CaseDoc) {
  return {
    id: c._id,
    caseNo: c.caseNo ?? null,
    kind: c.kind,
    status: c.status,
    title: c.title,
    description: c.description,
    detail: detailOf(c),
    location: { communityName: c.communityName, buildingId: c.buildingId, buildingName: c.buildingName, unit: c.unit, point: c.point },
    rating: c.rating ? { satisfaction: c.rating.satisfaction, safety: c.rating.safety, comment: c.rating.comment, at: iso(c.rating.at) } : null,
    supporterCount: c.supporterCount,
    peopleCount: c.supporterCount + 1,
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
  };
}

export function residentView(c: CaseDoc, viewer: string, urls: Map<string, string | null>): ResidentCaseView {
  const isReporter = c.reporterId === viewer;
  return {
    viewer: 'resident',
    ...common(c),
    photos: photosView(c.photos, isReporter ? 'reporter' : 'other', urls, viewer),
    timeline: timelineView(c.timeline, 'resident', c, viewer),
    isReporter,
    serviceLevel: serviceLevelView(c),
    rateRefusal: rateRefusal(c, isReporter),
    handler: c.assigneeName ? { name: c.assigneeName, title: c.assigneeTitle ?? '' } : null,
    can: {
      addInfo: isReporter && canDo('addInfo', c.status),
      withdraw: isReporter && canDo('withdraw', c.status),
      reopen: isReporter && canDo('reopen', c.status),
      rate: isReporter && canDo('rate', c.status) && c.rating === null,
    },
  };
}

/** Staff see the reporter's full phone only on a help request that allows a call back (and not anonymous). */
export function reporterPhoneShown(c: CaseDoc): string | null {
  return !c.anonymous && c.kind === 'help' && c.help?.callbackAllowed === true ? c.reporterPhone : null;
}

export function staffView(c: CaseDoc, viewer: string, now: Date, urls: Map<string, string | null>): Omit<StaffCaseView, 'work' | 'source'> {
  const isAssignee = c.assigneeId === viewer;
  return {
    viewer: 'staff',
    ...common(c),
    photos: photosView(c.photos, isAssignee ? 'assignee' : 'other', urls),
    timeline: timelineView(c.timeline, 'staff', c, viewer),
    reporter: c.anonymous
      ? { anonymous: true }
      : { anonymous: false, name: c.reporterName ?? '居民', phone: reporterPhoneShown(c) },
    grid: { id: c.gridId, name: c.gridName },
    assignee: c.assigneeName ? { name: c.assigneeName, isMe: isAssignee } : null,
    slaDueAt: isoOrNull(c.slaDueAt),
    overdue: isOverdue(c, now),
    escalated: c.escalated,
    can: {
      accept: canDo('accept', c.status),
      note: canDo('note', c.status),
      startProgress: canDo('startProgress', c.status),
      resolve: canDo('resolve', c.status),
      reject: canDo('reject', c.status),
      transfer: canDo('transfer', c.status),
    },
  };
}

export function inboxItem(c: CaseDoc, now: Date): InboxItem {
  return {
    id: c._id,
    kind: c.kind,
    status: c.status,
    title: c.title,
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
    unread: c.staffUnread,
    overdue: isOverdue(c, now),
    urgent: c.urgent,
    caseNo: c.caseNo ?? null,
    snippet: snippetOf(c.description),
    gridName: c.gridName,
    buildingName: c.buildingName,
    reporterLabel: c.anonymous ? '匿名' : c.reporterName ?? '居民',
    slaDueAt: isoOrNull(c.slaDueAt),
    escalated: c.escalated,
  };
}

export function followSummary(f: CaseFollowDoc): CaseSummary {
  return {
    id: f.caseId,
    kind: f.kind,
    status: f.status,
    title: f.title,
    createdAt: iso(f.caseCreatedAt),
    updatedAt: iso(f.updatedAt),
    unread: f.unread,
    // Residents are not shown service-level breaches; that is staff business.
    overdue: false,
    urgent: f.urgent,
    caseNo: f.caseNo ?? null,
    snippet: f.snippet ?? '',
  };
}

export function similarItem(c: CaseDoc): SimilarCase {
  return {
    id: c._id,
    category: c.category ?? 'other',
    buildingName: c.buildingName ?? '',
    status: c.status,
    createdAt: iso(c.createdAt),
    supporterCount: c.supporterCount,
    peopleCount: c.supporterCount + 1,
  };
}
