import busboy from 'busboy';
import { CloudError, ErrorCodes } from './errors';

/** Generous caps: the SDK's openapi bodies are small; media checks send at most a few MB. */
const LIMITS = { fields: 50, files: 10, fieldSize: 2 * 1024 * 1024, fileSize: 20 * 1024 * 1024, parts: 60 };

function malformed(reason: string): CloudError {
  return new CloudError(ErrorCodes.INVALID_PARAM, `malformed multipart/form-data body: ${reason}`);
}

/**
 * Parses a buffered multipart/form-data body. Text fields become strings; parts sent as files
 * (the SDK's form-data sends Buffers as `application/octet-stream`, e.g. `requestData`) become Buffers.
 */
export function parseMultipart(contentType: string, raw: Buffer): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: { 'content-type': contentType }, limits: LIMITS });
    } catch (err) {
      reject(malformed((err as Error).message));
      return;
    }
    const out: Record<string, unknown> = {};
    let failed = false;
    const fail = (err: CloudError): void => {
      if (failed) return;
      failed = true;
      reject(err);
    };
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated || info.nameTruncated) fail(malformed(`field ${name} is too large`));
      else out[name] = value;
    });
    parser.on('file', (name, stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => fail(malformed(`part ${name} is too large`)));
      stream.on('end', () => {
        out[name] = Buffer.concat(chunks);
      });
    });
    for (const event of ['partsLimit', 'filesLimit', 'fieldsLimit'] as const) {
      parser.on(event, () => fail(malformed('too many parts')));
    }
    parser.on('error', (err: Error) => fail(malformed(err.message)));
    parser.on('close', () => {
      if (!failed) resolve(out);
    });
    parser.end(raw);
  });
}
