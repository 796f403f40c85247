/**
 * issue 11: the staff inbox by scope. An officer's cases are the ones assigned to them; the admin's
 * add the station's escalated ones; a grid worker's are their grid's. Each case shows once: the
 * overdue section (first page) holds the scope's overdue cases and the list never repeats them.
 * 待办 is in queue order (urgent first, nearest deadline first: `queueAt`), 全部 newest first.
 */
import type { FnOutput, FnParsedInput } from '../../types/registry';
import { attentionOfAssignee, caseByNumber, countOverdue, historyOf, overdueOf, queueOf, type CaseDoc, type InboxScope } from '../data/cases';
import type { PageCursor } from '../data/paging';
import { hasRole, type CallContext } from './callContext';
import { hasStaffAccess } from './caseAccess';
import { inboxItem, isOverdue } from './caseViews';
import { encodeCursor, parseCursor } from './cursor';
import { AppError } from '../platform/errors';
import { inChina } from '../platform/time';

/** How many cases needing attention one inbox call reads; beyond it counts are asked apart. */
const ATTENTION_LIMIT = 200;
/** The overdue section shows at most this many (its count says how many there are). */
const OVERDUE_SHOWN = 20;

type Inbox = FnOutput<'cases.inbox'>;

interface Plan {
  scope: Inbox['scope'];
  streams: InboxScope[];
}

function planOf(ctx: CallContext): Plan {
  const me = ctx.openid;
  if (hasRole(ctx, 'admin') && ctx.user?.stationId) return { scope: 'station', streams: [{ assigneeId: me }, { stationId: ctx.user.stationId, escalated: true }] };
  if (hasRole(ctx, 'officer')) return { scope: 'assigned', streams: [{ assigneeId: me }] };
  const gridId = ctx.user?.workerGridId;
  if (!gridId) throw new AppError('FORBIDDEN', '您的账号还没有分配网格，请联系派出所管理员');
  return { scope: 'grid', streams: [{ gridId }] };
}

/** Sort keys of the two orders; both streams of a scope page on the same cursor. */
const queueKey = (c: CaseDoc) => c.queueAt?.getTime() ?? -Infinity;
function compare(open: boolean) {
  return open
    ? (a: CaseDoc, b: CaseDoc) => queueKey(a) - queueKey(b) || (a._id < b._id ? -1 : 1)
    : (a: CaseDoc, b: CaseDoc) => b.createdAt.getTime() - a.createdAt.getTime() || (a._id < b._id ? 1 : -1);
}

/** The overdue section of the first page: every overdue case of the scope, counted once. */
async function overdueSection(ctx: CallContext, plan: Plan): Promise<{ overdue: CaseDoc[]; count: number }> {
  const me = ctx.openid;
  const [own, extra] = await Promise.all([
    // An assignee's attention query (overdue or unread) on the assignee+open index; the unread ones are left out here.
    plan.scope === 'grid' ? overdueOf(plan.streams[0]!, ctx.now, ATTENTION_LIMIT) : attentionOfAssignee(me, ctx.now, ATTENTION_LIMIT),
    plan.scope === 'station' ? overdueOf(plan.streams[1]!, ctx.now, ATTENTION_LIMIT, me) : Promise.resolve([] as CaseDoc[]),
  ]);
  const ownOverdue = own.filter((c) => isOverdue(c, ctx.now));
  const all = [...ownOverdue, ...extra].sort((a, b) => a.slaDueAt!.getTime() - b.slaDueAt!.getTime());
  const full = own.length >= ATTENTION_LIMIT || extra.length >= ATTENTION_LIMIT;
  const count = full
    ? (await Promise.all(plan.streams.map((s, i) => countOverdue(s, ctx.now, i === 1 ? me : undefined)))).reduce((a, b) => a + b, 0)
    : all.length;
  return { overdue: all.slice(0, OVERDUE_SHOWN), count };
}

/** The inbox searched by 受理编号: the one case, if it is this person's to see (else nothing, not an error). */
async function inboxByNumber(caseNo: string, ctx: CallContext, scope: Inbox['scope']): Promise<Inbox> {
  const c = await caseByNumber(caseNo);
  const items = c && (await hasStaffAccess(ctx, c)) ? [inboxRow(c, ctx)] : [];
  return { overdue: [], overdueCount: 0, scope, items, nextCursor: null };
}

export async function inbox(input: FnParsedInput<'cases.inbox'>, ctx: CallContext): Promise<Inbox> {
  const plan = planOf(ctx);
  if (input.caseNo) return inboxByNumber(input.caseNo, ctx, plan.scope);
  const after: PageCursor | undefined = parseCursor(input.cursor);
  const open = input.filter === 'open';
  const limit = input.pageSize + 1;
  const first = !after;
  const [streams, section] = await Promise.all([
    Promise.all(plan.streams.map((s) => (open ? queueOf(s, { after, limit }) : historyOf(s, { after, limit })))),
    first ? overdueSection(ctx, plan) : Promise.resolve(null),
  ]);
  const byId = new Map<string, CaseDoc>();
  for (const c of streams.flat()) byId.set(c._id, c);
  const merged = [...byId.values()].sort(compare(open));
  const more = streams.some((rows) => rows.length === limit) || merged.length > input.pageSize;
  const page = merged.slice(0, input.pageSize);
  const last = page[page.length - 1];
  // The page is cut on every case (so the cursor stays put); the overdue ones show in their section only.
  const items = page.filter((c) => !isOverdue(c, ctx.now));
  const lastAt = last ? (open ? last.queueAt ?? new Date(0) : last.createdAt) : null;
  return {
    overdue: (section?.overdue ?? []).map((c) => inboxRow(c, ctx)),
    overdueCount: section?.count ?? 0,
    scope: plan.scope,
    items: items.map((c) => inboxRow(c, ctx)),
    nextCursor: more && last && lastAt ? encodeCursor(lastAt, last._id) : null,
  };
}

export function pressedToday(c: Pick<CaseDoc, 'pressedOn'>, now: Date): boolean {
  return !!c.pressedOn && c.pressedOn === inChina(now).format('YYYY-MM-DD');
}

function inboxRow(c: CaseDoc, ctx: CallContext) {
  const row = inboxItem(c, ctx.now);
  // A grid worker does not act on the case: its unread mark is the assignee's.
  return { ...row, unread: c.assigneeId === ctx.openid && c.staffUnread, pressed: pressedToday(c, ctx.now) };
}
