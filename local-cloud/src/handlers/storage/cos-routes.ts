import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpRoute } from '../../protocol/actions';
import { newRequestId } from '../../server';
import { checkCloudPath } from './cloud-path';
import { BlobStore, KeyConflictError, UploadTooLargeError } from './blob-store';
import { contentTypeFor } from './mime';
import type { StorageRuleStore } from './rules';
import type { UrlSigner } from './signing';

export const COS_PREFIX = '/cos/';
/** Guards the disk of a developer machine; CloudBase itself allows far larger objects. */
const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

function xmlEscape(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** COS answers failures with an XML `<Error>`; node-sdk's uploadFile reads Code/Message/RequestId/TraceId. */
function sendCosError(res: ServerResponse, status: number, code: string, message: string, resource: string): void {
  const id = newRequestId();
  const body =
    `<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n  <Code>${xmlEscape(code)}</Code>\n  <Message>${xmlEscape(message)}</Message>\n` +
    `  <Resource>${xmlEscape(resource)}</Resource>\n  <RequestId>${id}</RequestId>\n  <TraceId>${id}</TraceId>\n</Error>`;
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body), 'x-cos-request-id': id });
  res.end(body);
}

/** `/cos/a/b%20c.jpg` → `a/b c.jpg`, or null when the path is not a valid key. */
function keyFromUrl(url: URL): string | null {
  try {
    const key = url.pathname.slice(COS_PREFIX.length).split('/').map(decodeURIComponent).join('/');
    return checkCloudPath(key);
  } catch {
    return null;
  }
}

function drain(req: IncomingMessage): void {
  req.resume();
}

/** Upload URLs handed to a client name it (`client=`, signed): undefined for the server SDK's. */
function clientOf(url: URL): string | null | undefined {
  const client = url.searchParams.get('client');
  return client === null ? undefined : client || null;
}

function authorize(
  signer: UrlSigner,
  method: 'GET' | 'PUT',
  key: string,
  url: URL,
  res: ServerResponse,
): boolean {
  const client = method === 'PUT' ? clientOf(url) : undefined;
  const verdict = signer.verify(method, key, url.searchParams.get('sign'), url.searchParams.get('t'), Math.floor(Date.now() / 1000), client);
  if (verdict === 'ok') return true;
  if (verdict === 'expired') sendCosError(res, 403, 'AccessDenied', 'Request has expired', `/${key}`);
  else sendCosError(res, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.', `/${key}`);
  return false;
}

/** Parses a single `bytes=a-b` range; anything else serves the whole file. */
function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start > end || start >= size) return 'unsatisfiable';
  return { start, end };
}

export interface CosRules {
  envId: string;
  ruleStore: StorageRuleStore;
  permits(caller: { kind: 'client'; openid: string | null }, operation: 'write', key: string, exists: boolean): boolean;
}

export function cosRoutes(store: BlobStore, signer: UrlSigner, rules: CosRules): HttpRoute[] {
  return [
    {
      method: 'PUT',
      prefix: COS_PREFIX,
      async handle(req, res, url) {
        const key = keyFromUrl(url);
        if (!key) {
          drain(req);
          sendCosError(res, 400, 'InvalidURI', 'Could not parse the specified URI.', url.pathname);
          return;
        }
        if (!authorize(signer, 'PUT', key, url, res)) {
          drain(req);
          return;
        }
        // Checked again here, not only when the URL was handed out: another client may have created
        // the file since, and a file's creator must not change under the rules.
        const client = clientOf(url);
        if (client !== undefined && !rules.permits({ kind: 'client', openid: client }, 'write', key, !!(await store.stat(key)))) {
          drain(req);
          sendCosError(res, 403, 'AccessDenied', 'Access Denied. (storage security rules)', `/${key}`);
          return;
        }
        const declared = req.headers['content-length'];
        try {
          const { size, etag } = await store.write(key, req, MAX_UPLOAD_BYTES);
          if (declared !== undefined && Number(declared) !== size) {
            // Cannot happen with a well-behaved client: Node ends the body early only on abort.
            await store.remove(key);
            rules.ruleStore.forget(rules.envId, key);
            sendCosError(res, 400, 'IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header.', `/${key}`);
            return;
          }
          rules.ruleStore.setOwner(rules.envId, key, client ?? null);
          res.writeHead(200, { etag: `"${etag}"`, 'content-length': 0, 'x-cos-request-id': newRequestId() });
          res.end();
        } catch (err) {
          if (res.destroyed) return;
          if (err instanceof UploadTooLargeError) {
            sendCosError(res, 400, 'EntityTooLarge', err.message, `/${key}`);
          } else if (err instanceof KeyConflictError) {
            sendCosError(res, 409, 'KeyConflict', err.message, `/${key}`);
          } else if (req.aborted || (err as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') {
            res.destroy();
          } else {
            throw err;
          }
        }
      },
    },
    {
      method: 'GET',
      prefix: COS_PREFIX,
      async handle(req, res, url) {
        const key = keyFromUrl(url);
        if (!key) {
          sendCosError(res, 400, 'InvalidURI', 'Could not parse the specified URI.', url.pathname);
          return;
        }
        if (!authorize(signer, 'GET', key, url, res)) return;
        const blob = await store.stat(key);
        if (!blob) {
          sendCosError(res, 404, 'NoSuchKey', 'The specified key does not exist.', `/${key}`);
          return;
        }
        const headers: Record<string, string | number> = {
          'content-type': contentTypeFor(key),
          'accept-ranges': 'bytes',
          'last-modified': blob.mtime.toUTCString(),
          'cache-control': 'private, max-age=0',
        };
        const range = parseRange(req.headers.range, blob.size);
        if (range === 'unsatisfiable') {
          res.writeHead(416, { 'content-range': `bytes */${blob.size}` });
          res.end();
          return;
        }
        const { start, end } = range ?? { start: 0, end: blob.size - 1 };
        if (range) headers['content-range'] = `bytes ${start}-${end}/${blob.size}`;
        headers['content-length'] = Math.max(0, end - start + 1);
        res.writeHead(range ? 206 : 200, headers);
        if (blob.size === 0) {
          res.end();
          return;
        }
        fs.createReadStream(blob.file, { start, end }).on('error', () => res.destroy()).pipe(res);
      },
    },
  ];
}
