/** `scheduler`: runs on its timer trigger; a station admin may also run one tick by hand. */
import type { FunctionHandlers } from '../request/defineFunction';
import { tick } from '../domain/scheduler';
import { checkDeclaredOpenApi } from '../domain/openapiHealth';

export const schedulerHandlers: FunctionHandlers<'scheduler'> = {
  tick: { auth: ['admin'], handle: (_input, ctx) => tick(ctx.now) },
  // issue 16: the openapi call config.json declares, tried harmlessly (also run by npm run deploy).
  health: { auth: ['admin'], handle: (_input, ctx) => checkDeclaredOpenApi(ctx.openid) },
};

export const onSchedulerTimer = (now: Date) => tick(now);
