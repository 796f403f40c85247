/**
 * The H5 gateway: what WeChat is to the mini-program, for the browser build. Listens on 127.0.0.1
 * unless a host is given. Identity comes only from a signed session cookie set by the local sign-in page.
 *
 * WIRE SHAPE (the H5 client in src/services is written against this; keep local-stack/README.md in step)
 *
 *   POST /api/functions/<name>   content-type: application/json   body {"data": {...}}   (data optional)
 *     200 {"result": <the function's return value>, "errMsg": "cloud.callFunction:ok", "requestID": "<uuid>"}
 *         — exactly what wx.cloud.callFunction resolves; our functions' result is {ok:true,data}|{ok:false,error}.
 *     Failures answer a non-200 status with {"errCode": number, "errMsg": string}, the fields
 *     wx.cloud.callFunction rejects with:
 *       401 {errCode:-401001, errMsg:"cloud.callFunction:fail 未登录…"}       no/invalid/expired session
 *       400 {errCode:-1,      errMsg:"cloud.callFunction:fail …"}              body not {"data": object}
 *       415                                                                    body not JSON
 *       404 {errCode:-501000, errMsg:"cloud.callFunction:fail requestID …, [ResourceNotFound.FunctionName] …"}
 *       502 {errCode:-404011, errMsg:"cloud.callFunction:fail requestID …, cloud function service error code -504002, error message …"}  threw
 *       504 {errCode:-404011, errMsg:"… cloud function service error code -504003, error message Invoking task timed out after N seconds; …"}
 *   POST /api/upload   multipart/form-data: file (required), cloudPath (optional; default uploads/<day>/<time>-<rand>.<ext>)
 *     200 {"fileID": "cloud://…", "statusCode": 200, "errMsg": "cloud.uploadFile:ok"}   (as wx.cloud.uploadFile)
 *     401 / 400 / 413 {errCode, errMsg:"cloud.uploadFile:fail …"}
 *   POST /api/subscribe   application/json {"templateIds": ["…", ≤5]}   (stands in for wx.requestSubscribeMessage:
 *     records the grants in local cloud; the client still tells the backend, as in weapp)
 *     200 {"errMsg": "requestSubscribeMessage:ok", "<templateId>": "accept", …}
 *   GET  /api/session    200 {"openid","name","roleLabel"}  |  401
 *   GET  /login          sign-in page (demo people); POST /login form/JSON {openid, next?} → 303 to next (default /)
 *   POST /logout         clears the session → 303 /login (HTML form) or 200 {"ok": true} (fetch)
 *   /_dev, /_dev/…       local cloud's console and developer endpoints, proxied (loopback clients only):
 *                        documents, outbox, calls, timer triggers, files, faults, export/import/reset
 *   POST /_dev/trigger   {function, trigger?} with header x-dev-token (or form field token) → fires a timer trigger
 *   GET  anything else   the H5 build (dist/h5); unknown extension-less paths get index.html. Opening the app
 *                        without a session redirects to /login.
 *
 * Requests from another loopback origin (e.g. a Taro dev server on another port) get CORS with credentials.
 */
import http from 'node:http';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { DemoPerson } from './demo-people';
import { CallFunctionError, type FunctionRuntime } from './runtime';
import type { Scheduler } from './scheduler';
import { proxyToLocalCloud } from './gateway/dev-proxy';
import { escapeHtml, loginPage, missingBuildPage } from './gateway/pages';
import { groupCardLocation, groupCardPage, issueGroupCloudId } from './gateway/group-card';
import { clearedSessionCookie, readCookie, SESSION_COOKIE, sessionCookie, SessionGenerations, signSession, verifySession } from './gateway/session';
import { lookupStatic, sendFile } from './gateway/static-files';
import { defaultCloudPath, readUpload, storeInLocalCloud, UploadError } from './gateway/upload';

export type SubscriptionKind = 'one-time' | 'long-term';

export interface GatewayOptions {
  port?: number;
  /** Default 127.0.0.1; anything else exposes the gateway (and the demo sign-in) to the network. */
  host?: string;
  runtime: Pick<FunctionRuntime, 'invoke' | 'functionNames' | 'config'>;
  scheduler?: Pick<Scheduler, 'fireNow' | 'list'>;
  localCloudUrl: string;
  envId: string;
  sessionSecret: Buffer;
  people: DemoPerson[];
  /** The H5 build (dist/h5). */
  h5Dir: string;
  /** The mini-program's appid, passed to functions as WX_APPID. */
  appid: string;
  /** Required by POST /_dev/trigger so no web page can fire triggers through the browser. */
  devToken: string;
  /** Template kind for /api/subscribe grants; default one-time. */
  templateKind?: (templateId: string) => SubscriptionKind;
  /** Server-side sign-out (`loadSessionGenerations(dataDir)`); default kept in memory only. */
  sessionGenerations?: SessionGenerations;
  /**
   * Host names (without port) the gateway answers besides loopback and its own addresses; any other
   * Host header is refused, so a DNS-rebinding page cannot read the app or /_dev through a browser.
   */
  allowedHosts?: string[];
  /** Whole request (headers + body) must arrive within this; default 60 s. */
  requestTimeoutMs?: number;
  /** Headers must arrive within this; default 15 s. */
  headersTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface Gateway {
  url: string;
  port: number;
  close(): Promise<void>;
}

const MAX_JSON_BYTES = 1024 * 1024;
const MAX_FORM_BYTES = 64 * 1024;
/** Past this much over the limit the body is not worth reading away: the connection is closed. */
const MAX_DISCARD_BYTES = 16 * 1024 * 1024;
const UNAUTHENTICATED = -401001;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly errCode: number,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', ...headers });
  res.end(text);
}

function sendHtml(res: http.ServerResponse, status: number, html: string, headers: http.OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html), 'cache-control': 'no-store', ...headers });
  res.end(html);
}

function redirect(res: http.ServerResponse, status: 302 | 303, location: string, headers: http.OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { location, 'cache-control': 'no-store', ...headers });
  res.end();
}

/**
 * The body, up to `limit` bytes. A larger one is read to its end and discarded, then refused with
 * 413: closing the connection first would show the client a reset instead of our answer. A body
 * far over (MAX_DISCARD_BYTES) gets 413 with `connection: close` straight away.
 */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const tooLarge = () => new HttpError(413, -1, `请求体超过 ${Math.round(limit / 1024)} KB`);
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit + MAX_DISCARD_BYTES) {
        req.removeAllListeners('data');
        req.pause();
        reject(Object.assign(tooLarge(), { closeConnection: true }));
        return;
      }
      if (size <= limit) chunks.push(c);
    });
    req.on('end', () => (size > limit ? reject(tooLarge()) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

function isJson(req: http.IncomingMessage): boolean {
  return (req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json');
}

async function readJsonObject(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  if (!isJson(req)) throw new HttpError(415, -1, '请求须为 application/json');
  const raw = await readBody(req, MAX_JSON_BYTES);
  let parsed: unknown;
  try {
    parsed = raw.length ? JSON.parse(raw.toString('utf8')) : {};
  } catch {
    throw new HttpError(400, -1, '请求体不是合法的 JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new HttpError(400, -1, '请求体须为 JSON 对象');
  return parsed as Record<string, unknown>;
}

/** Form posts (the sign-in page) and fetch JSON both reach /login and /_dev/trigger. */
async function readFormOrJson(req: http.IncomingMessage): Promise<Record<string, string>> {
  if (isJson(req)) {
    const obj = await readJsonObject(req);
    return Object.fromEntries(Object.entries(obj).filter((e): e is [string, string] => typeof e[1] === 'string'));
  }
  const raw = await readBody(req, MAX_FORM_BYTES);
  return Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

const LOOPBACK_ORIGIN = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/;

const SAME_ORIGIN = 'http://gateway.invalid';

/**
 * Where to go after signing in: a path on this gateway (with its query and hash route, so a deep
 * link survives), never another site. Resolved the way a browser resolves a Location (which drops
 * tabs and newlines and reads `\\` as `/`), then only kept if it stays on this origin.
 */
function safeNext(next: string | undefined): string {
  if (!next || !next.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(next)) return '/';
  let url: URL;
  try {
    url = new URL(next, SAME_ORIGIN);
  } catch {
    return '/';
  }
  if (url.origin !== SAME_ORIGIN) return '/';
  const target = url.pathname + url.search + url.hash;
  return target.startsWith('//') ? '/' : target;
}

/** The errMsg of a failed call in CloudBase's wording, without what the function threw (its stack, server paths). */
function functionFailureMessage(err: CallFunctionError, requestID: string): string {
  if (err.errCode === -501000) return `cloud.callFunction:fail requestID ${requestID}, [ResourceNotFound.FunctionName] FunctionName parameter could not be found.; at cloud.callFunction api;`;
  const what = err.serviceCode === -504003 ? 'Invoking task timed out' : '云函数执行出错，请稍后重试';
  return `cloud.callFunction:fail requestID ${requestID}, cloud function service error code ${err.serviceCode}, error message ${what}; at cloud.callFunction api;`;
}

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** The Host names this gateway answers to: loopback, the bound address (all interfaces' for 0.0.0.0 / ::), and extras. */
function allowedHostNames(bound: string | undefined, extra: string[]): Set<string> {
  const names = new Set([...LOOPBACK_HOSTS, ...extra.map((h) => h.toLowerCase())]);
  const bracket = (a: string) => (a.includes(':') ? `[${a}]` : a);
  if (bound === '0.0.0.0' || bound === '::') {
    for (const list of Object.values(os.networkInterfaces())) for (const i of list ?? []) names.add(bracket(i.address.toLowerCase()));
    names.add(os.hostname().toLowerCase());
  } else if (bound) {
    names.add(bracket(bound.toLowerCase()));
  }
  return names;
}

/** `example.com:8080` → `example.com`; `[::1]:80` → `[::1]`. */
function hostName(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^(\[[0-9a-f:.]+\]|[^:]+)(?::\d+)?$/i.exec(header.trim());
  return m ? m[1]!.toLowerCase().replace(/\.$/, '') : null;
}

/** A browser form submission (the sign-in page's buttons) rather than a fetch from the app. */
function wantsHtml(req: http.IncomingMessage): boolean {
  return (req.headers.accept ?? '').includes('text/html');
}

/** A URL path segment, decoded; malformed percent-encoding is the client's mistake (400). */
function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, -1, '路径中的百分号编码不合法');
  }
}

export async function startGateway(opts: GatewayOptions): Promise<Gateway> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const h5Dir = path.resolve(opts.h5Dir);
  const peopleById = new Map(opts.people.map((p) => [p.openid, p]));
  const templateKind = opts.templateKind ?? (() => 'one-time' as const);
  const generations = opts.sessionGenerations ?? new SessionGenerations(null);
  const allowedHosts = allowedHostNames(opts.host, opts.allowedHosts ?? []);

  function sessionOf(req: http.IncomingMessage): string | null {
    const session = verifySession(opts.sessionSecret, readCookie(req.headers.cookie, SESSION_COOKIE));
    // Signed out since (server-side), or removed from the demo list (e.g. a re-seeded station).
    if (!session || session.gen !== generations.current(session.openid)) return null;
    return peopleById.has(session.openid) ? session.openid : null;
  }

  function requireSession(req: http.IncomingMessage, api: string): string {
    const openid = sessionOf(req);
    if (!openid) throw new HttpError(401, UNAUTHENTICATED, `${api}:fail 未登录：请先在 /login 选择演示身份`);
    return openid;
  }

  function corsHeaders(req: http.IncomingMessage): http.OutgoingHttpHeaders {
    const origin = req.headers.origin;
    if (!origin || !LOOPBACK_ORIGIN.test(origin)) return {};
    return { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', vary: 'Origin' };
  }

  async function callFunction(req: http.IncomingMessage, res: http.ServerResponse, name: string): Promise<void> {
    const openid = requireSession(req, 'cloud.callFunction');
    const body = await readJsonObject(req).catch((e: unknown) => {
      if (e instanceof HttpError) throw new HttpError(e.status, e.errCode, `cloud.callFunction:fail ${e.message}`);
      throw e;
    });
    const data = body.data ?? {};
    if (!data || typeof data !== 'object' || Array.isArray(data)) throw new HttpError(400, -1, 'cloud.callFunction:fail data 须为对象');
    const requestID = randomUUID();
    const started = Date.now();
    const action = typeof (data as { action?: unknown }).action === 'string' ? `.${(data as { action: string }).action}` : '';
    try {
      const result = await opts.runtime.invoke(name, data, { openid, appid: opts.appid }, { requestID });
      log(`[网关] ${name}${action} ← ${openid} ${Date.now() - started} ms`);
      sendJson(res, 200, { result, errMsg: 'cloud.callFunction:ok', requestID }, corsHeaders(req));
    } catch (err) {
      if (!(err instanceof CallFunctionError)) throw err;
      // The detail (a stack with server paths) goes to the developer's terminal, never to the client.
      log(`[网关] ${name}${action} ← ${openid} 失败：${err.detail}`);
      const status = err.serviceCode === -504003 ? 504 : err.errCode === -501000 ? 404 : 502;
      sendJson(res, status, { errCode: err.errCode, errMsg: functionFailureMessage(err, requestID) }, corsHeaders(req));
    }
  }

  /** The function CloudBase's HTTP access service would route this path to (config.json `httpAccess.path`). */
  function httpFunctionFor(p: string): string | null {
    for (const name of opts.runtime.functionNames()) {
      const mount = opts.runtime.config(name).httpPath;
      if (mount && (p === mount || p.startsWith(`${mount}/`))) return name;
    }
    return null;
  }

  /**
   * As CloudBase's HTTP access service: the request becomes an "integration request" event (no
   * caller), the function's "integration response" becomes the reply. Public, like the real route.
   */
  async function httpAccess(req: http.IncomingMessage, res: http.ServerResponse, name: string, url: URL): Promise<void> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > 1024 * 1024) throw new HttpError(413, -1, '请求体过大');
      chunks.push(chunk as Buffer);
    }
    const headers = Object.fromEntries(Object.entries(req.headers).filter((kv): kv is [string, string] => typeof kv[1] === 'string'));
    const event = {
      path: url.pathname,
      httpMethod: req.method ?? 'GET',
      headers,
      queryStringParameters: Object.fromEntries(url.searchParams),
      requestContext: { requestId: randomUUID(), envId: opts.envId, appId: opts.appid },
      body: Buffer.concat(chunks).toString('utf8'),
      isBase64Encoded: false,
    };
    try {
      const out = (await opts.runtime.invoke(name, event, {})) as { statusCode?: unknown; headers?: unknown; body?: unknown } | null;
      if (out && typeof out.statusCode === 'number') {
        const outHeaders = out.headers && typeof out.headers === 'object' ? (out.headers as Record<string, string>) : {};
        res.writeHead(out.statusCode, outHeaders);
        res.end(typeof out.body === 'string' ? out.body : '');
      } else {
        sendJson(res, 200, out);
      }
      log(`[网关] HTTP ${req.method} ${url.pathname} → ${name}`);
    } catch (err) {
      if (!(err instanceof CallFunctionError)) throw err;
      log(`[网关] HTTP ${req.method} ${url.pathname} → ${name} 失败：${err.detail}`);
      sendJson(res, 502, { errCode: err.errCode, errMsg: functionFailureMessage(err, err.requestID) });
    }
  }

  async function upload(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const openid = requireSession(req, 'cloud.uploadFile');
    try {
      const file = await readUpload(req);
      const cloudPath = file.cloudPath ?? defaultCloudPath(file);
      // As the client it stands in for: local cloud holds the upload to the storage security rules.
      const fileID = await storeInLocalCloud(opts.localCloudUrl, opts.envId, cloudPath, file.bytes, openid);
      sendJson(res, 200, { fileID, statusCode: 200, errMsg: 'cloud.uploadFile:ok' }, corsHeaders(req));
    } catch (err) {
      if (err instanceof UploadError) throw new HttpError(err.status, -1, `cloud.uploadFile:fail ${err.message}`);
      throw err;
    }
  }

  async function subscribe(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const openid = requireSession(req, 'requestSubscribeMessage');
    const body = await readJsonObject(req);
    const ids = body.templateIds;
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > 5 || !ids.every((id) => typeof id === 'string' && id.length > 0 && id.length <= 128)) {
      throw new HttpError(400, 10001, 'requestSubscribeMessage:fail templateIds 须为 1–5 个模板 ID');
    }
    const byKind = new Map<SubscriptionKind, string[]>();
    for (const id of ids as string[]) {
      const kind = templateKind(id);
      byKind.set(kind, [...(byKind.get(kind) ?? []), id]);
    }
    for (const [kind, templateIds] of byKind) {
      const r = await fetch(new URL('/_dev/subscriptions', opts.localCloudUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ openid, templateIds, kind }),
      });
      if (!r.ok) throw new HttpError(502, -1, `requestSubscribeMessage:fail local cloud 记录订阅失败（HTTP ${r.status}）`);
    }
    const answer: Record<string, string> = { errMsg: 'requestSubscribeMessage:ok' };
    for (const id of ids as string[]) answer[id] = 'accept';
    sendJson(res, 200, answer, corsHeaders(req));
  }

  async function login(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const form = await readFormOrJson(req);
    const person = form.openid ? peopleById.get(form.openid) : undefined;
    if (!person) {
      if (isJson(req)) throw new HttpError(400, -1, '没有这位演示人员');
      sendHtml(res, 400, loginPage(opts.people, safeNext(form.next), null));
      return;
    }
    // Switching person in this browser signs the previous one out first (their cookie stops working).
    const previous = sessionOf(req);
    if (previous) generations.revoke(previous);
    const cookie = sessionCookie(signSession(opts.sessionSecret, person.openid, undefined, generations.current(person.openid)));
    log(`[网关] 登录：${person.name}（${person.roleLabel}）`);
    if (isJson(req)) sendJson(res, 200, { openid: person.openid, name: person.name, roleLabel: person.roleLabel }, { 'set-cookie': cookie, ...corsHeaders(req) });
    else redirect(res, 303, safeNext(form.next), { 'set-cookie': cookie });
  }

  function devTokenMatches(given: string | undefined): boolean {
    const a = Buffer.from(given ?? '');
    const b = Buffer.from(opts.devToken);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  async function fireTrigger(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const form = await readFormOrJson(req);
    const headerToken = req.headers['x-dev-token'];
    if (!devTokenMatches(typeof headerToken === 'string' ? headerToken : form.token)) throw new HttpError(403, -1, '开发者令牌不正确');
    if (!opts.scheduler) throw new HttpError(404, -1, '定时触发器未启用');
    const fn = form.function;
    if (!fn) throw new HttpError(400, -1, '缺少 function');
    try {
      const result = await opts.scheduler.fireNow(fn, form.trigger || undefined);
      if (isJson(req)) sendJson(res, 200, { ok: true, result });
      else redirect(res, 303, '/_dev#triggers');
    } catch (err) {
      // The developer sees the detail in the terminal; the page and the JSON answer never carry a stack or a path.
      log(`[网关] 触发 ${fn} 失败：${err instanceof CallFunctionError ? err.detail : ((err as Error)?.stack ?? String(err))}`);
      // The scheduler's own refusals ("云函数 x 不存在") are plain Chinese sentences and stay as they are.
      const message = err instanceof CallFunctionError ? functionFailureMessage(err, err.requestID) : (err as Error).message;
      if (isJson(req)) sendJson(res, 502, { ok: false, errMsg: message });
      else sendHtml(res, 502, `<!doctype html><meta charset="utf-8"><p>触发失败：${escapeHtml(message)}</p><p><a href="/_dev#triggers">返回控制台</a></p>`);
    }
  }

  /** issue 10: open the survey card "from group X" (gateway/group-card.ts). */
  async function groupCard(req: http.IncomingMessage, res: http.ServerResponse, method: string): Promise<void> {
    if (method === 'GET') return sendHtml(res, 200, groupCardPage(opts.devToken));
    if (method !== 'POST') throw new HttpError(405, -1, `不支持 ${method}`);
    const form = await readFormOrJson(req);
    const headerToken = req.headers['x-dev-token'];
    if (!devTokenMatches(typeof headerToken === 'string' ? headerToken : form.token)) throw new HttpError(403, -1, '开发者令牌不正确');
    const opengid = (form.opengid ?? '').trim();
    const surveyId = (form.surveyId ?? '').trim();
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(opengid) || !/^[A-Za-z0-9_:.-]{1,64}$/.test(surveyId)) {
      return sendHtml(res, 400, groupCardPage(opts.devToken, '请填写群 opengid（字母、数字、-、_）和问卷编号'));
    }
    const cloudID = await issueGroupCloudId(opts.localCloudUrl, opengid);
    const location = groupCardLocation(surveyId, cloudID);
    if (isJson(req)) sendJson(res, 200, { cloudID, location });
    else redirect(res, 303, location);
  }

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!allowedHosts.has(hostName(req.headers.host) ?? '')) throw new HttpError(403, -1, '不接受这个 Host 的请求：请用 127.0.0.1 或本机地址打开');
    const url = new URL(req.url ?? '/', 'http://gateway');
    const p = url.pathname;
    const method = req.method ?? 'GET';

    if (p.startsWith('/api/')) {
      if (method === 'OPTIONS') {
        res.writeHead(204, {
          ...corsHeaders(req),
          'access-control-allow-methods': 'GET, POST, OPTIONS',
          'access-control-allow-headers': 'content-type',
          'access-control-max-age': '600',
        });
        res.end();
        return;
      }
      const fnMatch = /^\/api\/functions\/([^/]+)$/.exec(p);
      if (fnMatch && method === 'POST') return callFunction(req, res, decodePathSegment(fnMatch[1]));
      if (p === '/api/upload' && method === 'POST') return upload(req, res);
      if (p === '/api/subscribe' && method === 'POST') return subscribe(req, res);
      if (p === '/api/session' && method === 'GET') {
        const openid = requireSession(req, 'session');
        const person = peopleById.get(openid) as DemoPerson;
        sendJson(res, 200, { openid, name: person.name, roleLabel: person.roleLabel }, corsHeaders(req));
        return;
      }
      throw new HttpError(404, -1, `${method} ${p} 不存在`);
    }

    const httpFn = httpFunctionFor(p);
    if (httpFn) return httpAccess(req, res, httpFn, url);

    if (p === '/login' && method === 'GET') {
      const openid = sessionOf(req);
      sendHtml(res, 200, loginPage(opts.people, safeNext(url.searchParams.get('next') ?? undefined), openid ? (peopleById.get(openid) ?? null) : null));
      return;
    }
    if (p === '/login' && method === 'POST') return login(req, res);
    if (p === '/logout' && method === 'POST') {
      req.resume();
      const openid = sessionOf(req);
      if (openid) generations.revoke(openid);
      if (wantsHtml(req)) redirect(res, 303, '/login', { 'set-cookie': clearedSessionCookie() });
      else sendJson(res, 200, { ok: true }, { 'set-cookie': clearedSessionCookie(), ...corsHeaders(req) });
      return;
    }

    if (p === '/_dev' || p.startsWith('/_dev/')) {
      if (!isLoopback(req.socket.remoteAddress)) throw new HttpError(403, -1, '开发者工具只对本机开放');
      if (p === '/_dev/trigger' && method === 'POST') return fireTrigger(req, res);
      if (p === '/_dev/group-card') return groupCard(req, res, method); // issue 10
      return proxyToLocalCloud(req, res, opts.localCloudUrl);
    }

    if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, -1, `不支持 ${method}`);
    const found = lookupStatic(h5Dir, p);
    if (found.kind === 'missing-build') {
      sendHtml(res, 200, missingBuildPage());
      return;
    }
    if (found.kind === 'not-found') throw new HttpError(404, -1, `${p} 不存在`);
    if (found.kind === 'bad-path') throw new HttpError(400, -1, '路径不合法');
    if (found.isAppShell && !sessionOf(req)) {
      redirect(res, 302, `/login?next=${encodeURIComponent(p + url.search)}`);
      return;
    }
    await sendFile(req, res, found.file);
  }

  const server = http.createServer({
    // A stalled body (even with a valid session) is not held for Node's default 300 s.
    requestTimeout: opts.requestTimeoutMs ?? 60_000,
    headersTimeout: opts.headersTimeoutMs ?? 15_000,
    connectionsCheckingInterval: Math.min(1000, opts.requestTimeoutMs ?? 1000),
  }, (req, res) => {
    route(req, res).catch((err: unknown) => {
      // Refused before the body was read (e.g. an upload without a session): read it away, so the
      // client gets our answer instead of a reset connection.
      if (!req.complete) req.resume();
      if (res.headersSent) {
        res.end();
        return;
      }
      if (err instanceof HttpError) {
        const close = (err as { closeConnection?: boolean }).closeConnection ? { connection: 'close' } : {};
        sendJson(res, err.status, { errCode: err.errCode, errMsg: err.message }, { ...corsHeaders(req), ...close });
        return;
      }
      log(`[网关] ${req.method} ${req.url} 内部错误：${(err as Error)?.stack ?? String(err)}`);
      sendJson(res, 500, { errCode: -1, errMsg: '网关内部错误' });
    });
  });
  // Long-polling is not a thing here; idle keep-alive sockets must not hold Ctrl-C up.
  server.keepAliveTimeout = 5000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = !opts.host || opts.host === '0.0.0.0' || opts.host === '::' ? '127.0.0.1' : opts.host;
  let closed = false;
  return {
    url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`,
    port,
    async close() {
      if (closed) return;
      closed = true;
      // Stop accepting, let requests in flight finish (the runtime drains after us), drop idle sockets.
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await done;
    },
  };
}
