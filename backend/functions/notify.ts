/** `notify`: my notifications, badge counts, and recording subscribe-message grants. */
import { caseHandlerRoles } from '../../types/user';
import { countStaffUnread } from '../data/cases';
import { countUnreadFollows } from '../data/caseFollows';
import { countUnreadNotifications, markNotificationsRead, notificationsOf } from '../data/notifications';
import { rearmPending } from '../data/outbox';
import { addGrant } from '../data/subscriptions';
import { hasRole } from '../domain/callContext';
import type { FunctionHandlers } from '../request/defineFunction';
import { templateKeyOf } from '../platform/templates';
import { iso } from '../platform/time';
import { parseCursor } from '../domain/caseResident';

export const notifyHandlers: FunctionHandlers<'notify'> = {
  recordSubscriptions: {
    auth: 'anyone',
    handle: async (input, ctx) => {
      // Only our own templates count; anything else a client sends is ignored.
      const granted = [...new Set(input.templateIds)].filter((id) => templateKeyOf(id) !== null);
      if (granted.length > 0) {
        await Promise.all([
          ...granted.map((id) => addGrant(ctx.openid, id, ctx.now)),
          // Messages that waited for this grant become due now; the next scheduler run sends them.
          rearmPending(ctx.openid, granted, ctx.now),
        ]);
      }
      return { granted };
    },
  },

  myNotifications: {
    auth: 'anyone',
    handle: async (input, ctx) => {
      const rows = await notificationsOf(ctx.openid, input.unreadOnly, parseCursor(input.cursor), input.pageSize + 1);
      const page = rows.slice(0, input.pageSize);
      return {
        items: page.map((n) => ({ id: n._id, kind: n.kind, title: n.title, body: n.body, caseId: n.caseId, createdAt: iso(n.createdAt), read: n.read })),
        nextCursor: rows.length > input.pageSize && page.length > 0 ? iso(page[page.length - 1]!.createdAt) : null,
      };
    },
  },

  badge: {
    auth: 'anyone',
    handle: async (_input, ctx) => {
      const [unreadNotifications, myCasesWithNews, inboxUnread] = await Promise.all([
        countUnreadNotifications(ctx.openid),
        countUnreadFollows(ctx.openid),
        hasRole(ctx, ...caseHandlerRoles) ? countStaffUnread(ctx.openid) : Promise.resolve(0),
      ]);
      return { unreadNotifications, myCasesWithNews, inboxUnread };
    },
  },

  markRead: {
    auth: 'anyone',
    handle: async (input, ctx) => ({ updated: await markNotificationsRead(ctx.openid, 'all' in input ? 'all' : input.ids) }),
  },
};
