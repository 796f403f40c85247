import http from 'node:http';

/** Request headers worth passing on to local cloud's console; cookies and the rest stay here. */
const FORWARDED = ['content-type', 'content-length', 'accept', 'range'];

/**
 * The gateway's /_dev is local cloud's console: one console whether a developer opens local cloud
 * directly or the app's address. The gateway has already checked that the client is this machine.
 */
export function proxyToLocalCloud(req: http.IncomingMessage, res: http.ServerResponse, localCloudUrl: string): Promise<void> {
  const target = new URL(req.url ?? '/_dev', localCloudUrl);
  const headers: http.OutgoingHttpHeaders = { host: target.host };
  for (const name of FORWARDED) if (req.headers[name] !== undefined) headers[name] = req.headers[name];
  return new Promise((resolve, reject) => {
    const upstream = http.request(target, { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.on('end', resolve);
      answer.on('error', reject);
    });
    upstream.on('error', reject);
    req.pipe(upstream);
  });
}
