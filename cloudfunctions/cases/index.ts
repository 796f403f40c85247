import { defineFunction } from '../../backend/request/defineFunction';
import { casesHandlers } from '../../backend/functions/cases';
import { applyMediaCheck, isMediaCheckPush } from '../../backend/domain/photoReview';

// `cases` is also the message-push receiver for `wxa_media_check` (photo review verdicts).
export const main = defineFunction('cases', casesHandlers, {
  onMessagePush: { matches: isMediaCheckPush, handle: applyMediaCheck },
});
