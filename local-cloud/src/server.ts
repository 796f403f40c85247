import http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { LocalCloudContext } from './context';
import type { ActionTable, HttpRoute, ServiceModule } from './protocol/actions';
import { CloudError, ErrorCodes } from './protocol/errors';
import { readBody, parseAdminBody } from './protocol/body';
import { INJECTED_FAILURE } from './faults';
import { callerOf } from './protocol/caller';

/** Body size cap: CloudBase refuses large requests long before this; it guards memory. */
const MAX_BODY_BYTES = 50 * 1024 * 1024;

export function newRequestId(): string {
  return `local-${randomBytes(6).toString('hex')}`;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Resolves after `ms` or as soon as the client gives up, whichever is first. */
function holdWithoutAnswer(res: http.ServerResponse, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    res.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * One request path in a fixed order (after Azurite): route → read body → parse → dispatch → answer.
 * Handlers never see HTTP; every failure becomes a CloudBase-style `{code, message, requestId}`.
 */
export function createServer(ctx: LocalCloudContext, services: ServiceModule[]): http.Server {
  const actions: ActionTable = {};
  const routes: HttpRoute[] = [];
  const clientActions = new Set<string>();
  for (const s of services) {
    Object.assign(actions, s.actions);
    for (const a of s.clientActions ?? []) clientActions.add(a);
    routes.push(...(s.routes ?? []));
  }

  async function handleAdmin(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const requestId = newRequestId();
    try {
      const raw = await readBody(req, MAX_BODY_BYTES);
      const params = await parseAdminBody(req.headers['content-type'] ?? '', raw);
      const action = params.action;
      if (typeof action !== 'string' || !action) throw new CloudError(ErrorCodes.INVALID_PARAM, 'missing action');
      const handler = actions[action];
      if (!handler) throw new CloudError(ErrorCodes.INVALID_ACTION, `action ${action} is not supported by local cloud`);
      const caller = callerOf(req);
      if (caller.kind === 'client' && !clientActions.has(action)) {
        const code = action.startsWith('database.') ? ErrorCodes.DATABASE_PERMISSION_DENIED : action.startsWith('storage.') ? ErrorCodes.STORAGE_EXCEED_AUTHORITY : ErrorCodes.PERMISSION_DENIED;
        throw new CloudError(code, `action ${action} is not open to clients (only the server SDK may call it)`);
      }
      const fault = ctx.faults.decide(action, typeof params.apiName === 'string' ? params.apiName : undefined);
      if (fault.delayMs > 0) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (fault.failure?.error === 'timeout') {
        // A stuck path: no answer at all; the caller's own timeout decides what happens.
        await holdWithoutAnswer(res, ctx.faults.timeoutMs);
        res.destroy();
        return;
      }
      if (fault.failure && action === 'wx.openApi') {
        // WeChat errors travel inside the openapi envelope: the handler answers them.
        (params as Record<symbol, unknown>)[INJECTED_FAILURE] = fault.failure;
      } else if (fault.failure) {
        throw new CloudError(String(fault.failure.error), `[local cloud] 注入的故障 (injected fault on ${fault.failure.target})`);
      }
      const out = await handler(params, ctx, caller);
      // openapi answers are raw protobuf bytes, not JSON.
      if (Buffer.isBuffer(out.__raw)) {
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': out.__raw.length });
        res.end(out.__raw);
        return;
      }
      sendJson(res, 200, { ...out, requestId });
    } catch (err) {
      if (err instanceof CloudError) {
        sendJson(res, 200, { code: err.code, message: err.message, requestId });
      } else {
        ctx.log(`[local-cloud] internal error: ${(err as Error)?.stack ?? String(err)}`);
        sendJson(res, 200, { code: ErrorCodes.INTERNAL, message: (err as Error)?.message ?? 'internal error', requestId });
      }
    }
  }

  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'POST' && url.pathname === '/admin') {
      void handleAdmin(req, res);
      return;
    }
    const route = routes.find((r) => r.method === req.method && url.pathname.startsWith(r.prefix));
    if (!route) {
      sendJson(res, 404, { code: 'NOT_FOUND', message: `${req.method} ${url.pathname}` });
      return;
    }
    Promise.resolve(route.handle(req, res, url, ctx)).catch((err: unknown) => {
      ctx.log(`[local-cloud] ${req.method} ${url.pathname} failed: ${(err as Error)?.stack ?? String(err)}`);
      if (!res.headersSent) sendJson(res, 500, { code: ErrorCodes.INTERNAL, message: (err as Error)?.message ?? 'error' });
      else res.end();
    });
  });
}
