import { defineFunction } from '../../backend/request/defineFunction';
import { noticesHandlers } from '../../backend/functions/notices';

export const main = defineFunction('notices', noticesHandlers);
