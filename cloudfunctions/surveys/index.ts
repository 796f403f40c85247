import { defineFunction } from '../../backend/request/defineFunction';
import { surveysHandlers } from '../../backend/functions/surveys';

export const main = defineFunction('surveys', surveysHandlers);
