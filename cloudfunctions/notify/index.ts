import { defineFunction } from '../../backend/request/defineFunction';
import { notifyHandlers } from '../../backend/functions/notify';

export const main = defineFunction('notify', notifyHandlers);
