import { defineFunction } from '../../backend/request/defineFunction';
import { onSchedulerHealth, onSchedulerTimer, schedulerHandlers } from '../../backend/functions/scheduler';

export const main = defineFunction('scheduler', schedulerHandlers, { onTimer: onSchedulerTimer, onHealth: onSchedulerHealth });
