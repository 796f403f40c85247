import { defineFunction } from '../../backend/platform/defineFunction';
import { noticesHandlers } from '../../backend/functions/notices';

export const main = defineFunction('notices', noticesHandlers);
