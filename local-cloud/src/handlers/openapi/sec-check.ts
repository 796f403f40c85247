import type { SecCheckWord } from '../../context';
import { mediaVerdict, type MediaCheckPusher } from './media-check-push';
import type { MediaCheckStore } from './media-check-store';
import { optionalString } from './request-pairs';
import { traceId, WxErr, type WxAnswer } from './wx-answer';

/** A small default list; real projects pass `secCheckWords`. Labels are WeChat's v2 label codes. */
export const DEFAULT_SEC_CHECK_WORDS: SecCheckWord[] = [
  { word: '赌博', label: 20006 },
  { word: '毒品', label: 20006 },
  { word: '枪支', label: 20006 },
  { word: '贩卖', label: 20006 },
  { word: '诈骗', label: 20008 },
  { word: '色情', label: 20002 },
  { word: '代开发票', label: 10001 },
];

const PASS_LABEL = 100;
/** WeChat's documented limit for msgSecCheck content. */
const MAX_CONTENT_CHARS = 2500;

function checkCommonV2(req: Record<string, unknown>): { openid: string; scene: number } {
  if (req.version !== 2) throw WxErr.invalidArgs('version must be 2');
  const openid = optionalString(req, 'openid');
  if (!openid) throw WxErr.invalidArgs('openid is required');
  const scene = req.scene;
  if (typeof scene !== 'number' || ![1, 2, 3, 4].includes(scene)) throw WxErr.invalidArgs('scene must be 1, 2, 3 or 4');
  return { openid, scene };
}

/** security.msgSecCheck v2: `risky` with the first matched word's label, else `pass`. */
export function msgSecCheck(words: SecCheckWord[], req: Record<string, unknown>): WxAnswer {
  checkCommonV2(req);
  const content = req.content;
  if (typeof content !== 'string' || content.length === 0) throw WxErr.invalidArgs('content is required');
  if ([...content].length > MAX_CONTENT_CHARS) throw WxErr.invalidArgs(`content over ${MAX_CONTENT_CHARS} characters`);
  const lower = content.toLowerCase();
  const hits = words.filter((w) => w.word && lower.includes(w.word.toLowerCase()));
  const trace_id = traceId();
  if (hits.length === 0) {
    return {
      errcode: 0,
      errmsg: 'ok',
      result: { suggest: 'pass', label: PASS_LABEL },
      detail: [{ strategy: 'content_model', errcode: 0, suggest: 'pass', label: PASS_LABEL, prob: 90 }],
      trace_id,
    };
  }
  return {
    errcode: 0,
    errmsg: 'ok',
    result: { suggest: 'risky', label: hits[0].label },
    detail: [
      { strategy: 'content_model', errcode: 0, suggest: 'risky', label: hits[0].label, prob: 90 },
      ...hits.map((h) => ({ strategy: 'keyword', errcode: 0, suggest: 'risky', label: h.label, level: 20, keyword: h.word })),
    ],
    trace_id,
  };
}

/**
 * security.mediaCheckAsync v2: accepted and recorded. With a pusher, the verdict (from the word
 * list, matched against the URL and file name) is pushed to the receiving function shortly after.
 */
export function mediaCheckAsync(store: MediaCheckStore, words: SecCheckWord[], pusher: MediaCheckPusher | null, req: Record<string, unknown>): WxAnswer {
  const { openid, scene } = checkCommonV2(req);
  const mediaUrl = optionalString(req, 'media_url');
  if (!mediaUrl) throw WxErr.invalidArgs('media_url is required');
  const mediaType = req.media_type;
  if (mediaType !== 1 && mediaType !== 2) throw WxErr.invalidArgs('media_type must be 1 (audio) or 2 (image)');
  const trace_id = traceId();
  const verdict = pusher ? mediaVerdict(words, mediaUrl) : null;
  store.record(
    { trace_id, media_url: mediaUrl, media_type: mediaType, openid, scene },
    pusher && verdict ? { functionName: pusher.functionName, ...verdict } : null,
  );
  if (pusher && verdict) pusher.schedule(trace_id, verdict);
  return { errcode: 0, errmsg: 'ok', trace_id };
}
