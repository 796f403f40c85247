import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpRoute } from '../../protocol/actions';
import { readBody } from '../../protocol/body';
import type { MediaCheckStore } from './media-check-store';
import { renderOutboxHtml } from './outbox-html';
import type { OutboxStore } from './outbox-store';
import type { GrantKind, SubscriptionStore } from './subscription-store';
import type { UpdatableMessageStore } from './updatable-message';
import type { OpenDataStore } from './open-data';

const MAX_DEV_BODY = 64 * 1024;

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function badRequest(res: ServerResponse, message: string): void {
  send(res, 400, { code: 'INVALID_PARAM', message });
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const raw = await readBody(req, MAX_DEV_BODY);
  return JSON.parse(raw.toString('utf8')) as unknown;
}

interface GrantRequest {
  openid: string;
  templateIds: string[];
  kind: GrantKind;
}

function parseGrant(body: unknown): GrantRequest | string {
  if (!body || typeof body !== 'object') return '请求体必须是 JSON 对象';
  const { openid, templateIds, kind } = body as Record<string, unknown>;
  if (typeof openid !== 'string' || !openid) return 'openid 必须是非空字符串';
  if (!Array.isArray(templateIds) || templateIds.length === 0 || !templateIds.every((t) => typeof t === 'string' && t)) {
    return 'templateIds 必须是非空字符串数组';
  }
  if (kind !== 'one-time' && kind !== 'long-term') return 'kind 必须是 one-time 或 long-term';
  return { openid, templateIds: templateIds as string[], kind };
}

/**
 * Developer endpoints. Prefixes are matched with startsWith by the server, so each handler
 * checks the exact path and answers 404 for anything else under it.
 */
export function devRoutes(outbox: OutboxStore, subscriptions: SubscriptionStore, mediaChecks: MediaCheckStore, updatable: UpdatableMessageStore, openData: OpenDataStore): HttpRoute[] {
  const notFound = (res: ServerResponse, url: URL) => send(res, 404, { code: 'NOT_FOUND', message: url.pathname });
  const outboxQuery = (url: URL) => ({
    touser: url.searchParams.get('touser') ?? undefined,
    templateId: url.searchParams.get('template_id') ?? undefined,
    limit: url.searchParams.has('limit') ? Number(url.searchParams.get('limit')) || undefined : undefined,
  });
  return [
    {
      method: 'GET',
      prefix: '/_dev/outbox',
      handle(_req, res, url) {
        if (url.pathname === '/_dev/outbox') {
          send(res, 200, outbox.list(outboxQuery(url)));
        } else if (url.pathname === '/_dev/outbox.html') {
          const q = outboxQuery(url);
          const html = renderOutboxHtml(outbox.list(q), q.touser);
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) });
          res.end(html);
        } else {
          notFound(res, url);
        }
      },
    },
    {
      method: 'DELETE',
      prefix: '/_dev/outbox',
      handle(_req, res, url) {
        if (url.pathname !== '/_dev/outbox') return notFound(res, url);
        send(res, 200, { deleted: outbox.clear() });
      },
    },
    {
      method: 'POST',
      prefix: '/_dev/subscriptions',
      async handle(req, res, url) {
        if (url.pathname !== '/_dev/subscriptions') return notFound(res, url);
        let body: unknown;
        try {
          body = await readJson(req);
        } catch {
          return badRequest(res, '请求体不是合法的 JSON');
        }
        const grant = parseGrant(body);
        if (typeof grant === 'string') return badRequest(res, grant);
        subscriptions.grant(grant.openid, grant.templateIds, grant.kind);
        send(res, 200, { openid: grant.openid, grants: subscriptions.list(grant.openid) });
      },
    },
    {
      method: 'GET',
      prefix: '/_dev/subscriptions',
      handle(_req, res, url) {
        if (url.pathname !== '/_dev/subscriptions') return notFound(res, url);
        const openid = url.searchParams.get('openid');
        if (!openid) return badRequest(res, '缺少 openid 参数');
        send(res, 200, { openid, grants: subscriptions.list(openid) });
      },
    },
    {
      method: 'DELETE',
      prefix: '/_dev/subscriptions',
      handle(_req, res, url) {
        if (url.pathname !== '/_dev/subscriptions') return notFound(res, url);
        send(res, 200, { deleted: subscriptions.reset(url.searchParams.get('openid') ?? undefined) });
      },
    },
    {
      method: 'GET',
      prefix: '/_dev/media-checks',
      handle(_req, res, url) {
        if (url.pathname !== '/_dev/media-checks') return notFound(res, url);
        send(res, 200, mediaChecks.list());
      },
    },
    {
      method: 'GET',
      prefix: '/_dev/updatable-messages',
      handle(_req, res, url) {
        if (url.pathname !== '/_dev/updatable-messages') return notFound(res, url);
        send(res, 200, updatable.list());
      },
    },
    {
      method: 'GET',
      prefix: '/_dev/open-data',
      handle(_req, res, url) {
        if (url.pathname !== '/_dev/open-data') return notFound(res, url);
        send(res, 200, openData.list());
      },
    },
    {
      // Issues a stand-in CloudID: body {data, openid?} → {cloudID, expiresAt}.
      method: 'POST',
      prefix: '/_dev/open-data',
      async handle(req, res, url) {
        if (url.pathname !== '/_dev/open-data') return notFound(res, url);
        let body: unknown;
        try {
          body = await readJson(req);
        } catch {
          return badRequest(res, '请求体必须是 JSON');
        }
        const { data, openid } = (body ?? {}) as { data?: unknown; openid?: unknown };
        if (!data || typeof data !== 'object') return badRequest(res, 'data 必须是对象（开放数据，例如 {"opengid":"G-1"}）');
        if (openid !== undefined && openid !== null && typeof openid !== 'string') return badRequest(res, 'openid 必须是字符串');
        send(res, 200, openData.issue(data, { openid: (openid as string | undefined) ?? null }));
      },
    },
  ];
}
