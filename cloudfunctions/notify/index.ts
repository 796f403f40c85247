import { defineFunction } from '../../backend/platform/defineFunction';
import { notifyHandlers } from '../../backend/functions/notify';

export const main = defineFunction('notify', notifyHandlers);
