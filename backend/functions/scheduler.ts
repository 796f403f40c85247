/** `scheduler`: runs on its timer trigger; a station admin may also run one tick by hand. */
import type { FunctionHandlers } from '../request/defineFunction';
import { tick } from '../domain/scheduler';

export const schedulerHandlers: FunctionHandlers<'scheduler'> = {
  tick: { auth: ['admin'], handle: (_input, ctx) => tick(ctx.now) },
};

export const onSchedulerTimer = (now: Date) => tick(now);
