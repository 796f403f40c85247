/**
 * Typed wrappers around the few WeChat openapi calls the functions make. Each function lists the
 * ones it uses in its config.json `permissions.openapi` (checked by test/functions/bundles.test.ts).
 */
import { getCloud } from './cloud';
import { countOpenApiCall } from './metrics';

export const OPENAPI = {
  subscribeSend: 'subscribeMessage.send',
  msgSecCheck: 'security.msgSecCheck',
  mediaCheckAsync: 'security.mediaCheckAsync',
  wxacodeUnlimited: 'wxacode.getUnlimited',
} as const;

export interface SubscribeMessage {
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
}

export type SendOutcome = { ok: true } | { ok: false; errCode: number | null; message: string };

function errorCodeOf(e: unknown): number | null {
  if (e && typeof e === 'object') {
    const o = e as { errCode?: unknown; errcode?: unknown };
    const code = o.errCode ?? o.errcode;
    if (typeof code === 'number') return code;
    if (typeof code === 'string' && /^-?\d+$/.test(code)) return Number(code);
  }
  return null;
}

function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (e && typeof e === 'object' && 'errMsg' in e) return String((e as { errMsg: unknown }).errMsg);
  return String(e);
}

interface OpenApiShape {
  subscribeMessage: { send(p: Record<string, unknown>): Promise<{ errCode?: number; errMsg?: string }> };
  security: {
    msgSecCheck(p: Record<string, unknown>): Promise<{ errCode?: number; result?: { suggest?: string; label?: number } }>;
    mediaCheckAsync(p: Record<string, unknown>): Promise<{ errCode?: number; traceId?: string; trace_id?: string }>;
  };
  wxacode: { getUnlimited(p: Record<string, unknown>): Promise<{ errCode?: number; contentType?: string; buffer?: Buffer }> };
}

function openapi(): OpenApiShape {
  return getCloud().openapi as unknown as OpenApiShape;
}

/** Never throws: a failed send is an outcome the outbox records and retries. */
export async function sendSubscribeMessage(msg: SubscribeMessage): Promise<SendOutcome> {
  countOpenApiCall();
  try {
    const res = await openapi().subscribeMessage.send({
      touser: msg.touser,
      templateId: msg.templateId,
      page: msg.page,
      data: msg.data,
      miniprogramState: process.env.FQ_MINIPROGRAM_STATE ?? 'formal',
      lang: 'zh_CN',
    });
    if (typeof res?.errCode === 'number' && res.errCode !== 0) return { ok: false, errCode: res.errCode, message: res.errMsg ?? '' };
    return { ok: true };
  } catch (e) {
    return { ok: false, errCode: errorCodeOf(e), message: messageOf(e).slice(0, 300) };
  }
}

export type SecVerdict = 'pass' | 'review' | 'risky';

/**
 * msgSecCheck v2 with the author's openid (scene 1 = material others see). When the check itself
 * fails we let the text through as `review` and log it: refusing a resident's urgent request because
 * a check service hiccupped would be worse than showing staff unchecked text.
 */
export async function msgSecCheck(openid: string, content: string): Promise<SecVerdict> {
  countOpenApiCall();
  try {
    const res = await openapi().security.msgSecCheck({ openid, scene: 1, version: 2, content: content.slice(0, 2500) });
    const suggest = res?.result?.suggest;
    return suggest === 'risky' ? 'risky' : suggest === 'review' ? 'review' : 'pass';
  } catch (e) {
    console.error(JSON.stringify({ msg: 'msgSecCheck failed', error: messageOf(e) }));
    return 'review';
  }
}

/** Image (media_type 2) under `security.mediaCheckAsync` v2. */
const MEDIA_TYPE_IMAGE = 2;

/**
 * Asks WeChat to check an image; the verdict arrives later as a `wxa_media_check` message push
 * carrying the trace id answered here. Never throws: null when the request failed (the photo then
 * stays pending review, which hides it from everyone but the reporter and the assignee).
 */
export async function requestMediaCheck(openid: string, mediaUrl: string): Promise<string | null> {
  countOpenApiCall();
  try {
    const res = await openapi().security.mediaCheckAsync({ openid, scene: 1, version: 2, mediaUrl, mediaType: MEDIA_TYPE_IMAGE });
    // The SDK camel-cases WeChat's `trace_id`; accept both spellings.
    const traceId = res?.traceId ?? res?.trace_id;
    return typeof traceId === 'string' && traceId.length > 0 ? traceId : null;
  } catch (e) {
    console.error(JSON.stringify({ msg: 'mediaCheckAsync failed', error: messageOf(e) }));
    return null;
  }
}

/** Temporary download URLs for files; missing ones map to null. Never throws. */
export async function tempFileUrls(fileIds: string[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  const unique = [...new Set(fileIds)].slice(0, 50);
  if (unique.length === 0) return out;
  try {
    const res = (await getCloud().getTempFileURL({ fileList: unique.map((fileID) => ({ fileID, maxAge: 3600 })) })) as
      | { fileList?: Array<{ fileID: string; tempFileURL?: string; status?: number }> }
      | undefined;
    for (const f of res?.fileList ?? []) out.set(f.fileID, f.tempFileURL && (f.status ?? 0) === 0 ? f.tempFileURL : null);
  } catch (e) {
    console.error(JSON.stringify({ msg: 'getTempFileURL failed', error: messageOf(e) }));
  }
  return out;
}

/**
 * A mini-program code (wxacode.getUnlimited) that opens `page` with `scene` (≤ 32 visible characters).
 * Never throws: null when WeChat refused (the page still shows the code as text).
 */
export async function miniProgramCode(page: string, scene: string): Promise<{ contentType: string; buffer: Buffer } | null> {
  countOpenApiCall();
  try {
    const res = await openapi().wxacode.getUnlimited({
      scene, page, checkPath: false, envVersion: process.env.FQ_MINIPROGRAM_STATE === 'developer' ? 'develop' : 'release', width: 430,
    });
    return res?.buffer && res.buffer.length > 0 ? { contentType: res.contentType ?? 'image/png', buffer: res.buffer } : null;
  } catch (e) {
    console.error(JSON.stringify({ msg: 'wxacode.getUnlimited failed', error: messageOf(e) }));
    return null;
  }
}
