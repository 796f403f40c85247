/** `notify`: the action table; rules live in backend/domain/notificationInbox.ts. */
import * as inbox from '../domain/notificationInbox';
import type { FunctionHandlers } from '../request/defineFunction';

export const notifyHandlers: FunctionHandlers<'notify'> = {
  recordSubscriptions: { auth: 'anyone', handle: inbox.recordSubscriptions },
  myNotifications: { auth: 'anyone', handle: inbox.myNotifications },
  badge: { auth: 'anyone', handle: (_input, ctx) => inbox.badge(ctx) },
  markRead: { auth: 'anyone', handle: inbox.markRead },
};
