/** Who hears about which case event, and what the message says. */
import { caseKindLabels, caseStatusLabels, reportCategoryLabels, type CaseStatus } from '../../types/case';
import type { CaseDoc, TimelineDoc } from '../data/cases';
import { pages, type Notice } from './notifier';

function what(c: CaseDoc): string {
  if (c.kind === 'report' && c.category) return reportCategoryLabels[c.category];
  return c.title || caseKindLabels[c.kind];
}

function where(c: CaseDoc): string {
  if (c.buildingName) return `${c.communityName}${c.buildingName}${c.unit ?? ''}`;
  return c.point?.address ?? c.communityName;
}

/** A case reached (or came back to) its assignee. */
export function toAssignee(c: CaseDoc, entry: TimelineDoc, headline: string): Notice[] {
  if (!c.assigneeId) return [];
  return [{
    openid: c.assigneeId,
    kind: entry.type === 'created' || entry.type === 'transferred' || entry.type === 'reopened' ? 'case_new' : 'case_update',
    title: `${headline}：${c.title}`,
    body: c.description.slice(0, 80),
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
export function toAssigneeInApp(c: CaseDoc, entry: TimelineDoc, headline: string): Notice[] {
  if (!c.assigneeId) return [];
  return [{ openid: c.assigneeId, kind: 'case_update', title: `${headline}：${c.title}`, body: entry.text ?? '', caseId: c._id, eventKey: `${c._id}:${entry.id}` }];
}

/** A state change or a note for the resident: the reporter hears about it. */
export function toReporter(c: CaseDoc, entry: TimelineDoc, status: CaseStatus, handlerName: string): Notice[] {
  const isNote = entry.type === 'note';
  const statusText = isNote ? '新留言' : caseStatusLabels[status];
  return [{
    openid: c.reporterId,
    kind: isNote ? 'case_note' : 'case_update',
    title: isNote ? `您的案件有新留言：${c.title}` : `您的案件${caseStatusLabels[status]}：${c.title}`,
    body: entry.text ?? `状态更新为“${caseStatusLabels[status]}”`,
    caseId: c._id,
    eventKey: `${c._id}:${entry.id}`,
    message: {
      template: 'caseUpdate',
      page: pages.residentCase(c._id),
      values: { character_string1: c._id.slice(0, 12), thing2: c.title, phrase3: statusText, name4: handlerName, time5: entry.at },
    },
  }];
}
