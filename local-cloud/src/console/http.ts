import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../protocol/body';

export class ConsoleError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}

function isLoopbackAddress(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i;

/**
 * The console and the lifecycle endpoints can read and rewrite everything, so they answer only
 * this machine: a loopback client that named a loopback host (a DNS-rebinding page names its own
 * host). Writes must be JSON, which no cross-site form can send and no cross-site script can send
 * without a CORS preflight this server never grants.
 */
export function guard(req: IncomingMessage, write: boolean): void {
  if (!isLoopbackAddress(req.socket.remoteAddress) || !LOOPBACK_HOST.test(req.headers.host ?? '')) {
    throw new ConsoleError(403, '控制台只对本机开放 (console is for this machine only)');
  }
  if (write && req.method !== 'DELETE' && !(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
    throw new ConsoleError(415, '请求须为 application/json');
  }
}

export async function readJsonBody(req: IncomingMessage, limit = 2 * 1024 * 1024): Promise<Record<string, unknown>> {
  const raw = await readBody(req, limit);
  let parsed: unknown;
  try {
    parsed = raw.length ? JSON.parse(raw.toString('utf8')) : {};
  } catch {
    throw new ConsoleError(400, '请求体不是合法的 JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConsoleError(400, '请求体须为 JSON 对象');
  return parsed as Record<string, unknown>;
}
