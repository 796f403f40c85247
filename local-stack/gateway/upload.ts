import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';

/** local cloud's client channel (local-cloud/src/protocol/caller.ts); the gateway is what WeChat is to the H5 client. */
const CLIENT_OPENID_HEADER = 'x-local-cloud-client-openid';

/** Photos are compressed on the device first; this only keeps a runaway upload off the disk. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export class UploadError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface ParsedUpload {
  bytes: Buffer;
  filename: string;
  mimeType: string;
  cloudPath?: string;
}

/** Reads `multipart/form-data` with a `file` part and an optional `cloudPath` field. */
export function readUpload(req: IncomingMessage): Promise<ParsedUpload> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, limits: { files: 1, fileSize: MAX_UPLOAD_BYTES, fields: 10 } });
    } catch {
      reject(new UploadError(400, '请求须为 multipart/form-data，文件放在 file 字段'));
      return;
    }
    let file: Omit<ParsedUpload, 'cloudPath'> | null = null;
    let cloudPath: string | undefined;
    let failure: UploadError | null = null;
    bb.on('file', (field, stream, info) => {
      if (field !== 'file') {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => {
        failure = new UploadError(413, `文件超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
      });
      stream.on('end', () => {
        file = { bytes: Buffer.concat(chunks), filename: info.filename ?? 'file', mimeType: info.mimeType };
      });
    });
    bb.on('field', (name, value) => {
      if (name === 'cloudPath' && value) cloudPath = value;
    });
    bb.on('error', () => reject(new UploadError(400, '无法解析上传内容')));
    bb.on('close', () => {
      if (failure) reject(failure);
      else if (!file) reject(new UploadError(400, '缺少 file 字段'));
      else resolve({ ...(file as Omit<ParsedUpload, 'cloudPath'>), cloudPath });
    });
    req.pipe(bb);
  });
}

const EXT_BY_TYPE: Record<string, string> = { 'image/jpeg': '.jpg', 'image/png': '.png', 'image/webp': '.webp', 'image/gif': '.gif' };

/** wx.cloud.uploadFile needs a cloudPath; the H5 client may leave it to us. */
export function defaultCloudPath(upload: ParsedUpload, now = new Date()): string {
  const fromName = path.extname(upload.filename).toLowerCase();
  const ext = /^\.[a-z0-9]{1,8}$/.test(fromName) ? fromName : (EXT_BY_TYPE[upload.mimeType] ?? '');
  const day = now.toISOString().slice(0, 10);
  return `uploads/${day}/${now.getTime()}-${randomBytes(4).toString('hex')}${ext}`;
}

interface AdminAnswer {
  code?: string;
  message?: string;
  data?: { url?: string; fileId?: string; authorization?: string; token?: string; cosFileId?: string };
}

/**
 * Stores bytes in local cloud storage the way the client SDK's uploadFile does: `storage.getUploadMetadata`
 * as the client `openid` (local cloud applies the environment's storage security rules: by default
 * only a file's creator may overwrite it), then a PUT of the bytes to the URL it answers. Resolves
 * with the cloud:// file ID.
 */
export async function storeInLocalCloud(localCloudUrl: string, envId: string, cloudPath: string, bytes: Buffer, openid: string): Promise<string> {
  const admin = new URL('/admin', localCloudUrl);
  admin.searchParams.set('env', envId);
  admin.searchParams.set('seqId', randomBytes(6).toString('hex'));
  const metaRes = await fetch(admin, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CLIENT_OPENID_HEADER]: openid },
    body: JSON.stringify({ action: 'storage.getUploadMetadata', path: cloudPath, method: 'put', envName: envId }),
  });
  const meta = (await metaRes.json()) as AdminAnswer;
  if (meta.code === 'STORAGE_EXCEED_AUTHORITY') throw new UploadError(403, '没有权限写入这个文件（只有上传者本人可以覆盖）');
  if (meta.code || !meta.data?.url || !meta.data.fileId) {
    throw new UploadError(400, meta.message ?? '获取上传地址失败');
  }
  const put = await fetch(meta.data.url, {
    method: 'PUT',
    headers: {
      authorization: meta.data.authorization ?? '',
      'x-cos-security-token': meta.data.token ?? '',
      'x-cos-meta-fileid': meta.data.cosFileId ?? '',
      'content-length': String(bytes.length),
    },
    body: bytes,
  });
  if (put.status === 403) throw new UploadError(403, '没有权限写入这个文件（只有上传者本人可以覆盖）');
  if (!put.ok) throw new UploadError(502, `存储文件失败（HTTP ${put.status}）`);
  return meta.data.fileId;
}
