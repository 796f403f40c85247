import { defineFunction } from '../../backend/platform/defineFunction';
import { casesHandlers } from '../../backend/functions/cases';

export const main = defineFunction('cases', casesHandlers);
