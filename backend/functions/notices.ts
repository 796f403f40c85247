/** `notices` (bulletins): the action table; rules live in backend/domain/bulletins.ts and noticePublishing.ts. */
import * as bulletins from '../domain/bulletins';
import * as publishing from '../domain/noticePublishing';
import type { FunctionHandlers } from '../request/defineFunction';

export const noticesHandlers: FunctionHandlers<'notices'> = {
  latest: { auth: 'registered', handle: bulletins.latest },
  get: { auth: 'registered', handle: bulletins.read },
  // issue 11: the full list; publishing for officers and the station admin
  list: { auth: 'registered', handle: bulletins.list },
  publish: { auth: ['officer', 'admin'], handle: publishing.publish },
  edit: { auth: ['officer', 'admin'], handle: publishing.edit },
  withdraw: { auth: ['officer', 'admin'], handle: publishing.withdraw },
  manage: { auth: ['officer', 'admin'], handle: publishing.manage },
};
