/**
 * Who hears about which case event, and what the message says.
 *
 * An in-app notification reads, top to bottom: the kind's label (the 消息 page shows it, e.g.
 * 新案件), the title, the body. So the title is the case itself, what and where ("消防通道堵塞 ·
 * 3号楼"), never the kind again; what happened goes first in the body when the label does not
 * already say it ("转派案件 · …"). Every builder (here, the scheduler's, photo review's) follows this.
 */
import { caseKindLabels, caseStatusLabels, reportCategoryLabels, type CaseStatus } from '../../types/case';
import { notificationKindLabels, type NotificationKind } from '../../types/notify';
import type { CaseDoc, TimelineDoc } from '../data/cases';
import type { NotificationDraft } from './notifier';
import { pages } from './pages';

/** The in-app title of every case notification: the case's own title (what · where). */
export function notificationTitle(c: Pick<CaseDoc, 'title'>): string {
  return c.title;
}

/**
 * The event line of a headline, as the body shows it under the kind's label: nothing when the
 * headline only restates the label ("新案件"), the qualifier alone when it adds one in brackets
 * ("新案件（网格暂无民警）" → "网格暂无民警"), else the headline.
 */
export function eventLine(kind: NotificationKind, headline: string): string {
  const label = notificationKindLabels[kind];
  if (headline === label) return '';
  const qualified = headline.startsWith(`${label}（`) && headline.endsWith('）');
  return qualified ? headline.slice(label.length + 1, -1) : headline;
}

/** "event · detail", either part left out when empty. */
export function notificationBody(event: string, detail: string | null | undefined): string {
  return [event, detail?.trim() ?? ''].filter(Boolean).join(' · ');
}

function what(c: CaseDoc): string {
  if (c.kind === 'report' && c.category) return reportCategoryLabels[c.category];
  return c.title || caseKindLabels[c.kind];
}

function where(c: CaseDoc): string {
  if (c.buildingName) return `${c.communityName}${c.buildingName}${c.unit ?? ''}`;
  return c.point?.address ?? c.communityName;
}

/** A case reached (or came back to) its assignee. */
export function toAssignee(c: CaseDoc, entry: TimelineDoc, headline: string): NotificationDraft[] {
  if (!c.assigneeId) return [];
  const kind: NotificationKind = entry.type === 'created' || entry.type === 'transferred' || entry.type === 'reopened' ? 'case_new' : 'case_update';
  // A reopened case comes back with the resident's reason; anything else with what they reported.
  const detail = entry.type === 'reopened' && entry.text ? entry.text : c.description;
  return [{
    openid: c.assigneeId,
    kind,
    title: notificationTitle(c),
    body: notificationBody(eventLine(kind, headline), detail.slice(0, 80)),
    caseId: c._id,
    eventKey: `${c._id}:${entry.id}`,
    message: {
      template: 'caseNew',
      page: pages.staffCase(c._id),
      values: {
        thing1: `${headline}·${what(c)}`,
        thing2: where(c),
        phrase3: c.urgent ? '紧急' : '一般',
        time4: entry.at,
        thing5: c.description,
      },
    },
  }];
}

/** Something the assignee should see in the app, without a push (e.g. the resident added details). */
export function toAssigneeInApp(c: CaseDoc, entry: TimelineDoc, headline: string): NotificationDraft[] {
  if (!c.assigneeId) return [];
  return [{
    openid: c.assigneeId,
    kind: 'case_update',
    title: notificationTitle(c),
    body: notificationBody(eventLine('case_update', headline), entry.text),
    caseId: c._id,
    eventKey: `${c._id}:${entry.id}`,
  }];
}

/** A state change or a note for the resident: the reporter hears about it. */
export function toReporter(c: CaseDoc, entry: TimelineDoc, status: CaseStatus, handlerName: string): NotificationDraft[] {
  const isNote = entry.type === 'note';
  const statusText = isNote ? '新留言' : caseStatusLabels[status];
  return [{
    openid: c.reporterId,
    kind: isNote ? 'case_note' : 'case_update',
    title: notificationTitle(c),
    // The label says 处理留言 for a note; a state change names the new state, then the words with it.
    body: isNote ? notificationBody('', entry.text) : notificationBody(caseStatusLabels[status], entry.text),
    caseId: c._id,
    eventKey: `${c._id}:${entry.id}`,
    message: {
      template: 'caseUpdate',
      page: pages.residentCase(c._id),
      values: { character_string1: c._id.slice(0, 12), thing2: c.title, phrase3: statusText, name4: handlerName, time5: entry.at },
    },
  }];
}
