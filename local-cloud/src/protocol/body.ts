import type { IncomingMessage } from 'node:http';
import { CloudError, ErrorCodes } from './errors';

export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new CloudError(ErrorCodes.INVALID_PARAM, `request body over ${limit} bytes`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * `/admin` bodies are JSON, except `wx.openApi`, which the SDK sends as multipart/form-data
 * (see local-cloud/src/protocol/multipart.ts, owned by the openapi service).
 */
export async function parseAdminBody(contentType: string, raw: Buffer): Promise<Record<string, unknown>> {
  if (contentType.startsWith('multipart/form-data')) {
    const { parseMultipart } = await import('./multipart');
    return parseMultipart(contentType, raw);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new CloudError(ErrorCodes.INVALID_PARAM, 'request body is not valid JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new CloudError(ErrorCodes.INVALID_PARAM, 'request body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}
