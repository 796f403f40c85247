import { defineFunction } from '../../backend/request/defineFunction';
import { mediationsHandlers } from '../../backend/functions/mediations';

export const main = defineFunction('mediations', mediationsHandlers);
