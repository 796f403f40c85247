import { createHash } from 'node:crypto';
import { CloudError, ErrorCodes } from '../../protocol/errors';

/** COS keys are at most 850 bytes; CloudBase inherits the limit. */
const MAX_KEY_BYTES = 850;
/** Folder under the storage root that holds uploads in flight; never a valid key. */
export const TEMP_DIR_NAME = '.local-cloud-tmp';

/**
 * Checks a cloud path (COS key) and returns it unchanged. Besides CloudBase's own rules we refuse
 * anything that could leave the storage folder or collide with the temp folder, because keys map
 * one-to-one onto files on disk.
 */
export function checkCloudPath(path: unknown): string {
  if (typeof path !== 'string' || path.length === 0) {
    throw new CloudError(ErrorCodes.INVALID_PARAM, 'cloudPath 不能为空');
  }
  if (Buffer.byteLength(path) > MAX_KEY_BYTES) {
    throw new CloudError(ErrorCodes.INVALID_PARAM, `cloudPath 超过 ${MAX_KEY_BYTES} 字节`);
  }
  if (path.startsWith('/')) throw new CloudError(ErrorCodes.INVALID_PARAM, 'cloudPath 不能以 / 开头');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\?#]/.test(path)) {
    throw new CloudError(ErrorCodes.INVALID_PARAM, 'cloudPath 含有不允许的字符（控制字符、\\、?、#）');
  }
  const segments = path.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) {
    throw new CloudError(ErrorCodes.INVALID_PARAM, 'cloudPath 不能包含空段、. 或 ..');
  }
  if (segments[0] === TEMP_DIR_NAME) throw new CloudError(ErrorCodes.INVALID_PARAM, 'cloudPath 使用了保留目录名');
  return path;
}

/**
 * CloudBase bucket names look like `7072-prod-1a2b-1300000000`: the hex of the env id's first two
 * characters, the env id, and the owning account's app id (a 10-digit number). We derive a stable
 * fake app id from the env id so file IDs stay the same across restarts.
 */
export function bucketName(envId: string): string {
  const prefix = Buffer.from(envId.slice(0, 2), 'utf8').toString('hex');
  const digest = createHash('sha256').update(envId).digest();
  const appId = 1250000000 + (digest.readUInt32BE(0) % 100000000);
  return `${prefix}-${envId}-${appId}`;
}

export function fileIdFor(envId: string, key: string): string {
  return `cloud://${envId}.${bucketName(envId)}/${key}`;
}

export type ParsedFileId = { ok: true; key: string } | { ok: false; code: string };

/**
 * `cloud://<env>.<bucket>/<key>` → key. A well-formed ID of another env or bucket names a file
 * this environment cannot have; a malformed one is a parameter error (per item, as CloudBase does).
 */
export function parseFileId(envId: string, fileId: unknown): ParsedFileId {
  if (typeof fileId !== 'string') return { ok: false, code: ErrorCodes.INVALID_PARAM };
  const m = /^cloud:\/\/([^./]+)\.([^/]+)\/(.+)$/.exec(fileId);
  if (!m) return { ok: false, code: ErrorCodes.INVALID_PARAM };
  const [, env, bucket, key] = m;
  if (env !== envId || bucket !== bucketName(envId)) return { ok: false, code: ErrorCodes.STORAGE_FILE_NOT_EXIST };
  try {
    return { ok: true, key: checkCloudPath(key) };
  } catch {
    return { ok: false, code: ErrorCodes.INVALID_PARAM };
  }
}
