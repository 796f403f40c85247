/**
 * The case lifecycle: which action may move a case from which states, and to where.
 * submitted → accepted → in_progress → resolved → closed, plus rejected, reopened, withdrawn.
 */
import type { CaseStatus } from '../../types/case';
import { awaitingAcceptStatuses, openCaseStatuses } from '../../types/case';

export type CaseAction = 'accept' | 'startProgress' | 'resolve' | 'reject' | 'transfer' | 'withdraw' | 'reopen' | 'rate' | 'note' | 'addInfo';

interface Rule {
  from: readonly CaseStatus[];
  /** null: the status does not change. */
  to: CaseStatus | null;
}

export const caseRules: Record<CaseAction, Rule> = {
  accept: { from: ['submitted', 'reopened'], to: 'accepted' },
  startProgress: { from: ['accepted'], to: 'in_progress' },
  resolve: { from: ['accepted', 'in_progress'], to: 'resolved' },
  reject: { from: ['submitted', 'reopened', 'accepted'], to: 'rejected' },
  // A transferred case waits for the new grid's officer to accept it.
  transfer: { from: ['submitted', 'reopened', 'accepted', 'in_progress'], to: 'submitted' },
  withdraw: { from: ['submitted', 'accepted', 'in_progress', 'reopened'], to: 'withdrawn' },
  reopen: { from: ['resolved'], to: 'reopened' },
  rate: { from: ['resolved'], to: 'closed' },
  note: { from: ['submitted', 'accepted', 'in_progress', 'reopened', 'resolved', 'rejected', 'closed'], to: null },
  addInfo: { from: ['submitted', 'accepted', 'in_progress', 'reopened'], to: null },
};

export function canDo(action: CaseAction, status: CaseStatus): boolean {
  return caseRules[action].from.includes(status);
}

export function isOpen(status: CaseStatus): boolean {
  return (openCaseStatuses as readonly CaseStatus[]).includes(status);
}

export function isAwaitingAccept(status: CaseStatus): boolean {
  return (awaitingAcceptStatuses as readonly CaseStatus[]).includes(status);
}

/** Why an action is not possible now, in words a resident or officer understands. */
export function notAllowedMessage(action: CaseAction, status: CaseStatus): string {
  const messages: Partial<Record<CaseAction, string>> = {
    accept: '该案件当前无需受理',
    startProgress: '请先受理该案件',
    resolve: '该案件当前不能标记为已解决',
    reject: '该案件当前不能退回',
    transfer: '该案件当前不能转派',
    withdraw: '该案件已办结或已撤回，不能撤回',
    reopen: '只有已解决的案件才能反馈“未解决”',
    rate: status === 'closed' ? '该案件已评价过了' : '案件解决后才能评价',
    addInfo: '该案件已结束，不能再补充信息',
    note: '该案件已撤回，不能再添加备注',
  };
  return messages[action] ?? '当前状态下不能进行此操作';
}
