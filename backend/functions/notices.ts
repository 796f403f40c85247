/** `notices` (bulletins): the action table; rules live in backend/domain/bulletins.ts. */
import * as bulletins from '../domain/bulletins';
import type { FunctionHandlers } from '../request/defineFunction';

export const noticesHandlers: FunctionHandlers<'notices'> = {
  latest: { auth: 'registered', handle: bulletins.latest },
  get: { auth: 'registered', handle: bulletins.read },
};
