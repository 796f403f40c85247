import type { IncomingMessage } from 'node:http';

/**
 * Who sent a `POST /admin` request. The server SDK (a cloud function, a script) is `admin` and has
 * every right, as in CloudBase. A request that carries `x-local-cloud-client-openid` comes from a
 * client channel on behalf of that user (the H5 gateway stands in for what WeChat is to the
 * mini-program) and is held to the environment's security rules; an empty value is a client that
 * is not signed in (`auth == null`).
 */
export type Caller = { kind: 'admin' } | { kind: 'client'; openid: string | null };

export const CLIENT_OPENID_HEADER = 'x-local-cloud-client-openid';

export function callerOf(req: IncomingMessage): Caller {
  const header = req.headers[CLIENT_OPENID_HEADER];
  if (header === undefined) return { kind: 'admin' };
  const openid = (Array.isArray(header) ? header[0] : header)?.trim() ?? '';
  return { kind: 'client', openid: openid || null };
}
