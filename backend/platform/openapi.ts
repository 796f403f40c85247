/**
 * Typed wrappers around the few WeChat openapi calls the functions make. Each function lists the
 * ones it uses in its config.json `permissions.openapi` (checked by test/functions/bundles.test.ts).
 */
import { getCloud } from './cloud';
import type { OpenApiProbe } from '../../types/health';
import { countOpenApiCall } from './metrics';

export const OPENAPI = {
  subscribeSend: 'subscribeMessage.send',
  msgSecCheck: 'security.msgSecCheck',
  mediaCheckAsync: 'security.mediaCheckAsync',
  // issue 10: the survey's live card in the group
  createActivityId: 'updatableMessage.createActivityId',
  setUpdatableMsg: 'updatableMessage.setUpdatableMsg',
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
  updatableMessage: {
    createActivityId(p: Record<string, unknown>): Promise<{ errCode?: number; activityId?: string; expirationTime?: number }>;
    setUpdatableMsg(p: Record<string, unknown>): Promise<{ errCode?: number; errMsg?: string }>;
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

// ---- issue 10: updatable messages (动态消息), the survey card shared into a group ----

export interface ActivityId {
  activityId: string;
  expiresAt: Date;
}

/** A new activity id for one share of a card (valid 24 hours). Throws an AppError-free Error on failure. */
export async function createActivityId(openid: string): Promise<ActivityId> {
  countOpenApiCall();
  const res = await openapi().updatableMessage.createActivityId({ openid });
  if (!res?.activityId) throw new Error(`createActivityId failed: ${String(res?.errCode ?? 'no activity id')}`);
  const seconds = typeof res.expirationTime === 'number' ? res.expirationTime : Math.floor(Date.now() / 1000) + 24 * 3600;
  return { activityId: res.activityId, expiresAt: new Date(seconds * 1000) };
}

export type CardState =
  /** State 0: "{member_count}/{room_limit}" (how many have answered). */
  | { kind: 'counting'; memberCount: number; roomLimit: number }
  /** State 1 (final): the card shows it has ended; tapping opens `path`. */
  | { kind: 'ended'; path: string };

/** The mini-program version a final card opens, from FQ_MINIPROGRAM_STATE (formal/trial/developer). */
function versionType(): string {
  const state = process.env.FQ_MINIPROGRAM_STATE ?? 'formal';
  return state === 'trial' ? 'trial' : state === 'developer' ? 'develop' : 'release';
}

/** The parameters a card in state 0 shows; also what the page passes to updateShareMenu. */
export function countingParameters(memberCount: number, roomLimit: number): Array<{ name: string; value: string }> {
  return [
    { name: 'member_count', value: String(memberCount) },
    { name: 'room_limit', value: String(Math.max(roomLimit, memberCount, 1)) },
  ];
}

/** Never throws: an expired or refused activity is reported, the other cards still update. */
export async function setUpdatableMsg(activityId: string, state: CardState): Promise<SendOutcome> {
  countOpenApiCall();
  const parameterList =
    state.kind === 'counting'
      ? countingParameters(state.memberCount, state.roomLimit)
      : [{ name: 'path', value: state.path }, { name: 'version_type', value: versionType() }];
  try {
    const res = await openapi().updatableMessage.setUpdatableMsg({ activityId, targetState: state.kind === 'counting' ? 0 : 1, templateInfo: { parameterList } });
    if (typeof res?.errCode === 'number' && res.errCode !== 0) return { ok: false, errCode: res.errCode, message: res.errMsg ?? '' };
    return { ok: true };
  } catch (e) {
    return { ok: false, errCode: errorCodeOf(e), message: messageOf(e).slice(0, 300) };
  }
}
/** WeChat's answer when the function has no permission for the API (config.json permissions.openapi not registered). */
const NO_PERMISSION = new Set([-604101, -604100]);

/** Runs one harmless call and says whether the permission is there; any other refusal means it is. */
async function probe(api: string, call: () => Promise<{ errCode?: number; errMsg?: string } | undefined>): Promise<OpenApiProbe> {
  countOpenApiCall();
  try {
    const res = await call();
    const code = typeof res?.errCode === 'number' ? res.errCode : 0;
    return { api, status: NO_PERMISSION.has(code) ? 'missingPermission' : 'ok', errCode: code || null, message: res?.errMsg ?? '' };
  } catch (e) {
    const code = errorCodeOf(e);
    if (code !== null && NO_PERMISSION.has(code)) return { api, status: 'missingPermission', errCode: code, message: messageOf(e).slice(0, 200) };
    // The call reached WeChat and was refused for its (deliberately empty) content: the permission works.
    if (code !== null && code > 0) return { api, status: 'ok', errCode: code, message: messageOf(e).slice(0, 200) };
    return { api, status: 'error', errCode: code, message: messageOf(e).slice(0, 200) };
  }
}

/**
 * The harmless input for each openapi call a function may declare, by the name config.json's
 * `permissions.openapi` uses: WeChat refuses it, or it changes nothing anyone sees.
 */
const PROBE_INPUT: Partial<Record<string, (openid: string) => Record<string, unknown>>> = {
  /** A template id that cannot exist: refused (40037) without reaching anyone. */
  [OPENAPI.subscribeSend]: (openid) => ({ touser: openid, templateId: 'fq-health-probe', page: '', data: {} }),
  /** A neutral text; its verdict is ignored. */
  [OPENAPI.msgSecCheck]: (openid) => ({ openid, scene: 1, version: 2, content: '健康检查' }),
  /** No media URL: refused as invalid input before any check is queued, so no verdict is ever pushed. */
  [OPENAPI.mediaCheckAsync]: (openid) => ({ openid, scene: 1, version: 2, mediaUrl: '', mediaType: MEDIA_TYPE_IMAGE }),
  /** An activity id for a card nobody shares: nothing is sent, and it lapses in 24 hours. */
  [OPENAPI.createActivityId]: (openid) => ({ openid }),
  /** An activity id that was never issued: refused (no card changes). */
  [OPENAPI.setUpdatableMsg]: () => ({ activityId: 'fq-health-probe', targetState: 0, templateInfo: { parameterList: countingParameters(0, 1) } }),
  /** An empty scene: refused (40169) before any code is drawn. */
  [OPENAPI.wxacodeUnlimited]: () => ({ scene: '', page: '', checkPath: false, width: 430 }),
};

type OpenApiMethod = (p: Record<string, unknown>) => Promise<{ errCode?: number; errMsg?: string } | undefined>;

/**
 * The SDK's method for `<namespace>.<method>`, looked up by name: the smoke check calls exactly what
 * the function's own config.json declares (so the bundle scan, which reads calls from the code,
 * rightly finds no call here).
 */
function methodByName(api: string): OpenApiMethod | null {
  const [ns, name] = api.split('.');
  const sdk = getCloud().openapi as unknown as Record<string, Record<string, unknown> | undefined>;
  const namespace = ns ? sdk[ns] : undefined;
  const fn = namespace && name ? namespace[name] : undefined;
  return typeof fn === 'function' ? (fn.bind(namespace) as OpenApiMethod) : null;
}

/** Tries one declared call harmlessly and says whether the function may make it. */
export async function probeOpenApi(api: string, openid: string): Promise<OpenApiProbe> {
  const input = PROBE_INPUT[api];
  const method = input ? methodByName(api) : null;
  if (!input || !method) return { api, status: 'error', errCode: null, message: `没有为 ${api} 准备试调方法（backend/platform/openapi.ts）` };
  return probe(api, () => method(input(openid)));
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

// ---- issue 10: open data behind a CloudID (the group a card was opened from) ----

/**
 * The open data behind a CloudID, resolved by WeChat for the user of this invocation
 * (`cloud.getOpenData`, a CloudBase capability rather than an openapi call: nothing to declare in
 * `permissions.openapi`). The item is `{ cloudID, data }`, or `{ cloudID, errCode, errMsg }` when the
 * id is unknown, expired or another user's. Never throws: null when the call itself failed.
 */
export async function openDataOf(cloudID: string): Promise<unknown> {
  countOpenApiCall();
  try {
    const res = (await getCloud().getOpenData({ list: [cloudID] })) as { list?: unknown[] } | undefined;
    return res?.list?.[0] ?? null;
  } catch (e) {
    console.error(JSON.stringify({ msg: 'getOpenData failed', error: messageOf(e) }));
    return null;
  }
}
