import { randomBytes } from 'node:crypto';
import type { LocalCloudContext } from '../context';
import type { ServiceModule } from '../protocol/actions';
import type { Caller } from '../protocol/caller';
import { CloudError, ErrorCodes } from '../protocol/errors';
import { BlobStore } from './storage/blob-store';
import { checkCloudPath, fileIdFor, parseFileId } from './storage/cloud-path';
import { COS_PREFIX, cosRoutes } from './storage/cos-routes';
import { storageRuleRoutes } from './storage/rule-routes';
import { allows, StorageRuleStore, type RuleAuth } from './storage/rules';
import { UrlSigner } from './storage/signing';

/** WeChat documents a default of one day for temp URLs, and no more than one day. */
export const DEFAULT_MAX_AGE_SECONDS = 86400;
const MAX_MAX_AGE_SECONDS = 86400;
/** The upload URL is good for a short while, like COS's pre-signed PUT. */
const UPLOAD_URL_SECONDS = 900;
/** CloudBase takes at most 50 file IDs per batch. */
const MAX_BATCH = 50;

/**
 * Per-item failure text. node-sdk's downloadFile throws the failed item as-is, so its `message`
 * becomes the error message the developer sees.
 */
const ITEM_MESSAGES: Record<string, string> = {
  [ErrorCodes.STORAGE_FILE_NOT_EXIST]: 'storage file not exist: 文件不存在',
  [ErrorCodes.INVALID_PARAM]: 'invalid fileID or max_age: fileID 须为本环境的 cloud:// 文件 ID，max_age 须为正数',
  [ErrorCodes.STORAGE_EXCEED_AUTHORITY]: 'storage exceed authority: 存储安全规则不允许此操作',
};

function ruleAuth(openid: string | null): RuleAuth | null {
  // A mini-program caller has an openid and no uid (CloudBase's docs); local cloud has only these.
  return openid ? { openid, uid: null } : null;
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function encodeKeyForUrl(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}

function requireList(params: Record<string, unknown>, field: string): unknown[] {
  const list = params[field];
  if (!Array.isArray(list) || list.length === 0) throw new CloudError(ErrorCodes.INVALID_PARAM, `${field} 必须是非空数组`);
  if (list.length > MAX_BATCH) throw new CloudError(ErrorCodes.INVALID_PARAM, `${field} 一次最多 ${MAX_BATCH} 个`);
  return list;
}

/**
 * `storage.*` actions plus the COS-style byte routes. Temp URLs are not encoded: the SDK runs
 * `encodeURI` over `tempFileURL` before fetching it, as CloudBase's raw URLs require.
 */
export function createStorageService(ctx: LocalCloudContext): ServiceModule {
  const store = new BlobStore(ctx.options.dataDir);
  const signer = new UrlSigner();
  const envId = ctx.options.envId;
  const ruleStore = new StorageRuleStore(() => ctx.db);

  /** Whether the security rules let this caller read or write `key`; the server SDK always may. */
  function permits(caller: Caller, operation: 'read' | 'write', key: string, exists: boolean): boolean {
    if (caller.kind === 'admin') return true;
    const auth = ruleAuth(caller.openid);
    // A file being created will be the caller's: `resource.openid` is theirs (CloudBase's default
    // "creator may write" lets any signed-in client create files).
    const owner = exists ? ruleStore.owner(envId, key) : (caller.openid ?? null);
    return allows(ruleStore.rules(envId), operation, auth, { openid: owner, path: key });
  }

  function downloadUrl(key: string, maxAge: number): string {
    const t = nowSeconds() + maxAge;
    return `${ctx.baseUrl()}${COS_PREFIX}${key}?sign=${signer.sign('GET', key, t)}&t=${t}`;
  }

  return {
    name: 'storage',
    migrate() {
      signer.migrate(ctx.db);
      ruleStore.migrate();
      if (ctx.options.storageRules) ruleStore.setRules(envId, ctx.options.storageRules);
      store.init();
    },
    routes: [...cosRoutes(store, signer, { envId, ruleStore, permits }), ...storageRuleRoutes(envId, ruleStore)],
    clientActions: ['storage.getUploadMetadata', 'storage.batchGetDownloadUrl', 'storage.batchDeleteFile'],
    actions: {
      'storage.getUploadMetadata': async (params, _ctx, caller) => {
        const key = checkCloudPath(params.path);
        if (params.method !== undefined && params.method !== 'put') {
          throw new CloudError(ErrorCodes.INVALID_PARAM, 'local cloud 只支持 method: put 上传');
        }
        if (!permits(caller, 'write', key, !!(await store.stat(key)))) {
          throw new CloudError(ErrorCodes.STORAGE_EXCEED_AUTHORITY, `storage exceed authority: 存储安全规则不允许写入 ${key}`);
        }
        const t = nowSeconds() + UPLOAD_URL_SECONDS;
        // A client's URL names the client, so the upload itself is checked again and records its creator.
        const client = caller.kind === 'client' ? caller.openid : undefined;
        const sign = signer.sign('PUT', key, t, client);
        const clientParam = client === undefined ? '' : `&client=${encodeURIComponent(client ?? '')}`;
        return {
          data: {
            url: `${ctx.baseUrl()}${COS_PREFIX}${encodeKeyForUrl(key)}?sign=${sign}&t=${t}${clientParam}`,
            token: randomBytes(24).toString('hex'),
            authorization: `q-sign-algorithm=sha1&q-ak=local-cloud&q-sign-time=${t - UPLOAD_URL_SECONDS};${t}&q-signature=${sign}`,
            fileId: fileIdFor(envId, key),
            cosFileId: Buffer.from(`${envId}/${key}`).toString('base64'),
            download_url: downloadUrl(key, DEFAULT_MAX_AGE_SECONDS),
          },
        };
      },

      'storage.batchGetDownloadUrl': async (params, _ctx, caller) => {
        const list = requireList(params, 'file_list');
        const download_list = await Promise.all(
          list.map(async (item) => {
            const entry = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
            const fileID = entry.fileid;
            const rawAge = entry.max_age;
            const fail = (code: string) => ({ fileID, tempFileURL: '', code, message: ITEM_MESSAGES[code] ?? code });
            if (rawAge !== undefined && rawAge !== null && (typeof rawAge !== 'number' || !(rawAge > 0))) {
              return fail(ErrorCodes.INVALID_PARAM);
            }
            const maxAge = Math.min(Math.floor((rawAge as number | undefined) ?? DEFAULT_MAX_AGE_SECONDS), MAX_MAX_AGE_SECONDS);
            const parsed = parseFileId(envId, fileID);
            if (!parsed.ok) return fail(parsed.code);
            if (!(await store.stat(parsed.key))) return fail(ErrorCodes.STORAGE_FILE_NOT_EXIST);
            if (!permits(caller, 'read', parsed.key, true)) return fail(ErrorCodes.STORAGE_EXCEED_AUTHORITY);
            return { fileID, tempFileURL: downloadUrl(parsed.key, maxAge), code: 'SUCCESS', maxAge };
          }),
        );
        return { data: { download_list } };
      },

      'storage.batchDeleteFile': async (params, _ctx, caller) => {
        const list = requireList(params, 'fileid_list');
        const delete_list = [];
        const remove = async (key: string): Promise<string> => {
          const exists = !!(await store.stat(key));
          if (exists && !permits(caller, 'write', key, true)) return ErrorCodes.STORAGE_EXCEED_AUTHORITY;
          if (!(await store.remove(key))) return ErrorCodes.STORAGE_FILE_NOT_EXIST;
          ruleStore.forget(envId, key);
          return 'SUCCESS';
        };
        // Sequential: deletes of the same key in one batch must answer SUCCESS once.
        for (const fileID of list) {
          const parsed = parseFileId(envId, fileID);
          const code = !parsed.ok ? parsed.code : await remove(parsed.key);
          delete_list.push(code === 'SUCCESS' ? { fileID, code } : { fileID, code, message: ITEM_MESSAGES[code] ?? code });
        }
        return { data: { delete_list } };
      },
    },
  };
}
