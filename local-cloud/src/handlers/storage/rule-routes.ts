import type { HttpRoute } from '../../protocol/actions';
import { readBody } from '../../protocol/body';
import { CloudError } from '../../protocol/errors';
import type { StorageRuleStore } from './rules';

function sendJson(res: import('node:http').ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** `GET/PUT /_dev/storage-rules`: the environment's storage security rules (the console's 权限设置). */
export function storageRuleRoutes(envId: string, ruleStore: StorageRuleStore): HttpRoute[] {
  return [
    {
      method: 'GET',
      prefix: '/_dev/storage-rules',
      handle(_req, res) {
        sendJson(res, 200, { env: envId, rules: ruleStore.rules(envId).source });
      },
    },
    {
      method: 'PUT',
      prefix: '/_dev/storage-rules',
      async handle(req, res) {
        try {
          const raw = await readBody(req, 64 * 1024);
          const compiled = ruleStore.setRules(envId, JSON.parse(raw.toString('utf8')) as unknown);
          sendJson(res, 200, { env: envId, rules: compiled.source });
        } catch (err) {
          sendJson(res, 400, { code: err instanceof CloudError ? err.code : 'INVALID_PARAM', message: (err as Error).message });
        }
      },
    },
  ];
}
