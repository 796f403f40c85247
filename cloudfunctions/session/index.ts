import { defineFunction } from '../../backend/platform/defineFunction';
import { sessionHandlers } from '../../backend/functions/session';

export const main = defineFunction('session', sessionHandlers);
