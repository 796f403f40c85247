import { defineFunction } from '../../backend/request/defineFunction';
import { sessionHandlers } from '../../backend/functions/session';

export const main = defineFunction('session', sessionHandlers);
