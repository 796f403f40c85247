import { defineFunction } from '../../backend/request/defineFunction';
import { open311Handlers, open311Http } from '../../backend/functions/open311';

export const main = defineFunction('open311', open311Handlers, { onHttp: open311Http });
