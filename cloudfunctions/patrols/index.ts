import { defineFunction } from '../../backend/request/defineFunction';
import { patrolsHandlers } from '../../backend/functions/patrols';

export const main = defineFunction('patrols', patrolsHandlers);
