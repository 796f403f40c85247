/** The in-app notification inbox (消息), its badge counts, and subscribe-message grants. */
import type { FnOutput, FnParsedInput } from '../../types/registry';
import { countUnreadFollows } from '../data/caseFollows';
import { countUnreadNotifications, markNotificationsRead, notificationsOf, rearmPushes } from '../data/notifications';
import { addGrant } from '../data/subscriptions';
import { templateKeyOf } from '../platform/templates';
import { iso } from '../platform/time';
import type { CallContext } from './callContext';
import { pageWithCursor, parseCursor } from './cursor';

export async function recordSubscriptions(input: FnParsedInput<'notify.recordSubscriptions'>, ctx: CallContext): Promise<FnOutput<'notify.recordSubscriptions'>> {
  // Only our own templates count; anything else a client sends is ignored.
  const granted = [...new Set(input.templateIds)].filter((id) => templateKeyOf(id) !== null);
  if (granted.length > 0) {
    await Promise.all([
      ...granted.map((id) => addGrant(ctx.openid, id, ctx.now)),
      // Messages that waited for this grant become due now; the next scheduler run sends them.
      rearmPushes(ctx.openid, granted, ctx.now),
    ]);
  }
  return { granted };
}

export async function myNotifications(input: FnParsedInput<'notify.myNotifications'>, ctx: CallContext): Promise<FnOutput<'notify.myNotifications'>> {
  const rows = await notificationsOf(ctx.openid, input.unreadOnly, parseCursor(input.cursor), input.pageSize + 1);
  const { page, nextCursor } = pageWithCursor(rows, input.pageSize, (n) => ({ at: n.createdAt, id: n._id }));
  return {
    items: page.map((n) => ({ id: n._id, kind: n.kind, title: n.title, body: n.body, caseId: n.caseId, createdAt: iso(n.createdAt), read: n.read })),
    nextCursor,
  };
}

/**
 * Counts for the home page's badges. Staff have one unread count, 消息 (issue 11): every case news
 * reaches them as a message, so a second count of "cases with news" would count the same news twice.
 */
export async function badge(ctx: CallContext): Promise<FnOutput<'notify.badge'>> {
  const [unreadNotifications, myCasesWithNews] = await Promise.all([
    countUnreadNotifications(ctx.openid),
    // Only residents follow cases (create and "me too" need a community).
    ctx.user?.communityId ? countUnreadFollows(ctx.openid) : Promise.resolve(0),
  ]);
  return { unreadNotifications, myCasesWithNews };
}

export async function markRead(input: FnParsedInput<'notify.markRead'>, ctx: CallContext): Promise<FnOutput<'notify.markRead'>> {
  return { updated: await markNotificationsRead(ctx.openid, 'all' in input ? 'all' : input.ids) };
}
