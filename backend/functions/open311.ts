/**
 * `open311`: the admin's API keys (actions) and, through CloudBase's HTTP access service, the Open311
 * GeoReport v2 endpoint for the city's 12345 platform (`onHttp`): every route answers in the format
 * its extension names, and every failure as the specification's error list.
 */
import { z } from '../../types/zod';
import { postRequestBody, requestsQuery } from '../../types/open311';
import * as open311 from '../domain/open311';
import * as format from '../domain/open311Format';
import type { FunctionHandlers, HttpRequest, HttpResponse } from '../request/defineFunction';

export const open311Handlers: FunctionHandlers<'open311'> = {
  issueKey: { auth: ['admin'], handle: open311.issueKey },
  listKeys: { auth: ['admin'], handle: open311.listKeys },
  revokeKey: { auth: ['admin'], handle: open311.revokeKey },
};

const route = /\/(discovery|services|requests)(?:\/([^/]+))?\.(json|xml)$/;

function reply(status: number, answer: format.Formatted, extra: Record<string, string> = {}): HttpResponse {
  return { statusCode: status, headers: { 'content-type': answer.contentType, 'cache-control': 'no-store', ...extra }, body: answer.body, isBase64Encoded: false };
}

function failure(fmt: format.Format, status: number, description: string, extra: Record<string, string> = {}): HttpResponse {
  return reply(status, format.formatErrors(fmt, [{ code: status, description }]), extra);
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.');
  return issue ? (field && !issue.message.includes(field) ? `${field}：${issue.message}` : issue.message) : '参数有误';
}

/** POST bodies are form-encoded (the specification); JSON is accepted too. attribute[…] is ignored. */
function postFields(req: HttpRequest): Record<string, string> {
  if ((req.headers['content-type'] ?? '').includes('application/json')) {
    try {
      const o = JSON.parse(req.body) as unknown;
      if (o && typeof o === 'object' && !Array.isArray(o)) {
        return Object.fromEntries(Object.entries(o).filter(([, v]) => typeof v === 'string' || typeof v === 'number').map(([k, v]) => [k, String(v)]));
      }
    } catch {
      // falls through to an empty body: the schema names what is missing
    }
    return {};
  }
  return Object.fromEntries([...new URLSearchParams(req.body)].filter(([k]) => !k.startsWith('attribute[')));
}

export async function open311Http(req: HttpRequest, now: Date): Promise<HttpResponse> {
  const m = route.exec(req.path);
  if (!m) return failure('json', 404, '没有这个接口：请使用 services.json、requests.json 或 requests/{service_request_id}.json（也可用 .xml）');
  const [, resource, id, fmt] = m as unknown as [string, 'discovery' | 'services' | 'requests', string | undefined, format.Format];
  const allowed = resource === 'requests' && !id ? ['GET', 'POST'] : ['GET'];
  if (!allowed.includes(req.method)) return failure(fmt, 405, `不支持 ${req.method}`, { allow: allowed.join(', ') });
  try {
    if (resource === 'discovery') {
      const base = `https://${req.headers.host ?? 'localhost'}${req.path.slice(0, req.path.length - m[0].length)}/`;
      return reply(200, format.formatDiscovery(fmt, base, '2026-12-01T00:00:00+08:00'));
    }
    if (resource === 'services') {
      return reply(200, id ? format.formatServiceDefinition(fmt, open311.serviceDefinition(decodeURIComponent(id))) : format.formatServices(fmt, open311.services()));
    }
    if (req.method === 'POST') {
      const body = postRequestBody.safeParse(postFields(req));
      if (!body.success) return failure(fmt, 400, firstIssue(body.error));
      return reply(200, format.formatCreated(fmt, await open311.createRequest(body.data, now)));
    }
    const query = requestsQuery.safeParse(req.query);
    if (!query.success) return failure(fmt, 400, firstIssue(query.error));
    const list = id ? await open311.getRequest(decodeURIComponent(id), query.data.jurisdiction_id, now) : await open311.listRequests(query.data, now);
    return reply(200, format.formatRequests(fmt, list));
  } catch (e) {
    if (e instanceof open311.Open311Failure) return failure(fmt, e.status, e.description);
    if (e instanceof URIError) return failure(fmt, 400, '路径中的编码不合法');
    throw e;
  }
}
