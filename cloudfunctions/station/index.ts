import { defineFunction } from '../../backend/request/defineFunction';
import { stationHandlers } from '../../backend/functions/station';

export const main = defineFunction('station', stationHandlers);
