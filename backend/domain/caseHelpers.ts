/**
 * issue 11: grid workers helping on a case (协办), added and removed by the grid's officer or the
 * admin; and the admin pressing the officer on an overdue case (督办), once per case and day.
 * Both are internal timeline entries and in-app notifications to the person concerned.
 */
import type { FnOutput, FnParsedInput } from '../../types/registry';
import type { CaseDoc } from '../data/cases';
import { getUser, workersOfGrid } from '../data/users';
import { AppError } from '../platform/errors';
import { inChina } from '../platform/time';
import type { CallContext } from './callContext';
import { loadForStaff } from './caseAccess';
import { isOverdue } from './caseViews';
import { notificationTitle } from './caseNotifications';
import { asStaff, staffCaseView } from './caseStaff';
import type { NotificationDraft } from './notifier';
import { pages } from './pages';
import { pressedToday } from './staffInbox';
import { entry, staffActor } from './timeline';

function nameOf(ctx: CallContext): string {
  return ctx.user?.staff?.name ?? '工作人员';
}

export async function helperOptions(input: FnParsedInput<'cases.helperOptions'>, ctx: CallContext): Promise<FnOutput<'cases.helperOptions'>> {
  const c = await loadForStaff(ctx, input.caseId);
  const workers = await workersOfGrid(c.gridId);
  const helping = new Set((c.helpers ?? []).map((h) => h.id));
  return {
    workers: workers
      .filter((u) => u.roles.includes('grid_worker') && u.stationId === c.stationId)
      .map((u) => ({ id: u._id, name: u.staff?.name ?? u.name ?? '网格员', isHelper: helping.has(u._id) })),
  };
}

function helperNotice(c: CaseDoc, helperId: string, entryId: string, body: string): NotificationDraft {
  return { openid: helperId, kind: 'case_helper', title: notificationTitle(c), body, caseId: c._id, eventKey: `${c._id}:${entryId}` };
}

export async function addHelper(input: FnParsedInput<'cases.addHelper'>, ctx: CallContext) {
  const c = await loadForStaff(ctx, input.caseId);
  if ((c.helpers ?? []).some((h) => h.id === input.helperId)) return { case: await staffCaseView(c, ctx) };
  const helper = await getUser(input.helperId);
  if (!helper || !helper.roles.includes('grid_worker') || helper.stationId !== c.stationId) {
    throw new AppError('INVALID_INPUT', '请选择本所的网格员', 'helperId');
  }
  const name = helper.staff?.name ?? helper.name ?? '网格员';
  const e = entry('helper_added', staffActor(ctx.user, ctx.openid), ctx.now, { text: `${name}协办`, internal: true });
  return asStaff(ctx, c, {
    action: 'addHelper',
    // Computed from the case as written, so a helper added concurrently is kept.
    patchFrom: (cur) => ({ helpers: [...(cur.helpers ?? []).filter((h) => h.id !== helper._id), { id: helper._id, name }] }),
    entries: [e],
    notify: (u) => [helperNotice(u, helper._id, e.id, `${nameOf(ctx)}请您协办此案件`)],
  });
}

export async function removeHelper(input: FnParsedInput<'cases.removeHelper'>, ctx: CallContext) {
  const c = await loadForStaff(ctx, input.caseId);
  const helper = (c.helpers ?? []).find((h) => h.id === input.helperId);
  if (!helper) return { case: await staffCaseView(c, ctx) };
  const e = entry('helper_removed', staffActor(ctx.user, ctx.openid), ctx.now, { text: `${helper.name}不再协办`, internal: true });
  return asStaff(ctx, c, {
    action: 'removeHelper',
    patchFrom: (cur) => ({ helpers: (cur.helpers ?? []).filter((h) => h.id !== helper.id) }),
    entries: [e],
    notify: (u) => [helperNotice(u, helper.id, e.id, `${nameOf(ctx)}已取消您的协办`)],
  });
}

/** The admin presses the assignee of an overdue case: once a day per case; again the same day changes nothing. */
export async function press(input: FnParsedInput<'cases.press'>, ctx: CallContext): Promise<FnOutput<'cases.press'>> {
  const c = await loadForStaff(ctx, input.caseId);
  if (!c.assigneeId || c.assigneeId === ctx.openid) throw new AppError('CONFLICT', '这是您自己负责的案件，请直接受理');
  if (pressedToday(c, ctx.now)) return { case: await staffCaseView(c, ctx), alreadyPressed: true };
  const day = inChina(ctx.now).format('YYYY-MM-DD');
  const text = input.text ? `督办：${input.text}` : '督办：已超过受理时限，请尽快受理';
  const e = entry('pressed', staffActor(ctx.user, ctx.openid), ctx.now, { text, internal: true });
  const answer = await asStaff(ctx, c, {
    action: 'press',
    patch: { pressedOn: day },
    // A press decided twice (a lost race with another press) stops at the second decision.
    guard: (cur) => (!isOverdue(cur, ctx.now) ? '该案件尚未超过受理时限，无需督办' : pressedToday(cur, ctx.now) ? '今天已经督办过该案件' : null),
    entries: [e],
    notify: (u) => (u.assigneeId
      ? [{
          openid: u.assigneeId,
          kind: 'case_pressed',
          title: notificationTitle(u),
          body: `${nameOf(ctx)}督办 · ${input.text ?? '已超过受理时限，请尽快受理'}`,
          caseId: u._id,
          eventKey: `${u._id}:press:${day}`,
          message: {
            template: 'caseOverdue',
            page: pages.staffCase(u._id),
            values: { thing1: u.title, thing2: `${u.gridName}${u.assigneeName ?? ''}`, time3: u.slaDueAt ?? ctx.now, thing4: '所领导督办，请尽快受理' },
          },
        }]
      : []),
  });
  return { ...answer, alreadyPressed: false };
}
