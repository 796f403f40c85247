import { defineFunction } from '../../backend/request/defineFunction';
import { rosterHandlers } from '../../backend/functions/roster';

export const main = defineFunction('roster', rosterHandlers);
