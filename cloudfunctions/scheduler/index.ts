import { defineFunction } from '../../backend/request/defineFunction';
import { onSchedulerTimer, schedulerHandlers } from '../../backend/functions/scheduler';

export const main = defineFunction('scheduler', schedulerHandlers, { onTimer: onSchedulerTimer });
