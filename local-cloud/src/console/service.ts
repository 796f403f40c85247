import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EJSON } from 'bson';
import type { LocalCloudContext } from '../context';
import type { FaultInjector } from '../faults';
import { contentTypeFor } from '../handlers/storage/mime';
import { checkCloudPath } from '../handlers/storage/cloud-path';
import { type Lifecycle, SEED_SNAPSHOT } from '../lifecycle';
import { listStoredFiles } from '../lifecycle/manifest';
import type { ServiceModule } from '../protocol/actions';
import { CloudError } from '../protocol/errors';
import type { CollectionDeclaration } from '../store/declarations';
import { isPlainObject, reviveWireValue } from '../store/ejson';
import { planSql, type SortKey } from '../store/planner';
import { tableName } from '../store/sql';
import type { DocumentStore } from '../store/store';
import { ConsoleError, guard, readJsonBody, sendJson } from './http';
import type { InvocationLog } from './invocations';
import { consolePage } from './page';
import { sdkWhere } from './where';

export interface ConsoleTrigger {
  functionName: string;
  triggerName: string;
  expression: string;
  nextAt: Date | null;
}

/** What the app's runtime lends the console (local cloud runs no functions or timers itself). */
export interface ConsoleHooks {
  triggers?(): ConsoleTrigger[];
  fireTrigger?(functionName: string, triggerName?: string): Promise<unknown>;
}

export interface ConsoleDeps {
  store: DocumentStore;
  lifecycle: Lifecycle;
  invocations: InvocationLog;
  faults: FaultInjector;
  hooks(): ConsoleHooks;
  declarations(): CollectionDeclaration[];
}

const MAX_PAGE = 200;

function parseSort(raw: string | null): SortKey[] {
  if (!raw || !raw.trim()) return [];
  const text = raw.trim();
  let entries: Array<[string, unknown]>;
  if (text.startsWith('{')) {
    const parsed: unknown = JSON.parse(text);
    if (!isPlainObject(parsed)) throw new ConsoleError(400, '排序须为 {"字段": 1 或 -1}');
    entries = Object.entries(parsed);
  } else {
    entries = text.split(',').map((part) => {
      const [field, dir] = part.trim().split(':');
      return [field, dir === undefined ? 1 : Number(dir)];
    });
  }
  return entries.map(([field, dir]) => {
    if (!field || (dir !== 1 && dir !== -1)) throw new ConsoleError(400, `排序写法：字段:1 或 字段:-1（${field}）`);
    return { field, dir };
  });
}

function intParam(url: URL, name: string, fallback: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new ConsoleError(400, `${name} 须为非负整数`);
  return Math.min(n, max);
}

function relaxed(doc: unknown): unknown {
  return EJSON.serialize(doc as Record<string, unknown>, { relaxed: true });
}

function requireCollection(store: DocumentStore, url: URL): string {
  const name = url.searchParams.get('collection') ?? '';
  if (!store.hasCollection(name)) throw new ConsoleError(404, `集合 ${name} 不存在`);
  return name;
}

export function createConsoleService(ctx: LocalCloudContext, deps: ConsoleDeps): ServiceModule {
  const { store, lifecycle, invocations, faults } = deps;
  const storageRoot = path.join(ctx.options.dataDir, 'storage');

  function collections() {
    const declared = new Map(deps.declarations().map((d) => [d.name, d.indexes]));
    return store
      .collectionNames()
      .sort()
      .map((name) => ({ name, count: store.count(name, {}), indexes: declared.get(name) ?? [] }));
  }

  function documents(url: URL) {
    const collection = requireCollection(store, url);
    const filter = sdkWhere(url.searchParams.get('filter') ?? '');
    const sort = parseSort(url.searchParams.get('sort'));
    const skip = intParam(url, 'skip', 0, 1_000_000);
    const limit = intParam(url, 'limit', 20, MAX_PAGE) || 20;
    const plan = store.explain(collection, filter, sort);
    // The rows the plan reads before the filter runs (an ordered plan may stop reading earlier).
    const examined = (ctx.db.prepare(planSql(tableName(collection), plan, 'count(*) AS n')).get(...plan.params) as { n: number }).n;
    const started = process.hrtime.bigint();
    const docs = store.find(collection, filter, { sort, skip, limit, allowScan: true });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    let total: number | null = null;
    let strictRefusal: string | null = null;
    try {
      total = store.count(collection, filter);
    } catch (err) {
      if (!(err instanceof CloudError)) throw err;
      strictRefusal = err.message;
      total = store.find(collection, filter, { allowScan: true }).length;
    }
    return {
      collection,
      filter: relaxed(filter),
      sort,
      plan: { kind: plan.kind, index: plan.index ?? null, ordered: plan.ordered },
      examined,
      total,
      strictRefusal,
      ms: Math.round(ms * 100) / 100,
      docs: docs.map((d) => relaxed(d.doc)),
    };
  }

  async function putDocument(req: IncomingMessage, url: URL) {
    const collection = requireCollection(store, url);
    const id = url.searchParams.get('id') ?? '';
    const body = await readJsonBody(req);
    let doc: unknown;
    try {
      doc = reviveWireValue(EJSON.deserialize(body, { relaxed: true }), Date.now());
    } catch (err) {
      throw new ConsoleError(400, `文档不是合法的 EJSON：${(err as Error).message}`);
    }
    if (!isPlainObject(doc)) throw new ConsoleError(400, '文档须为 JSON 对象');
    if (String(doc._id) !== id) throw new ConsoleError(400, '不能修改 _id');
    const bad = Object.keys(doc).find((k) => k.startsWith('$'));
    if (bad) throw new ConsoleError(400, `字段名不能以 $ 开头：${bad}`);
    if (!store.getById(collection, id)) throw new ConsoleError(404, `文档 ${id} 不存在`);
    store.write([{ type: 'put', collection, doc: { ...doc, _id: store.getById(collection, id)!.doc._id } }]);
    ctx.log(`[local-cloud] 控制台修改了 ${collection}/${id}`);
    return { ok: true, doc: relaxed(store.getById(collection, id)!.doc) };
  }

  function listFiles(url: URL) {
    const prefix = url.searchParams.get('prefix') ?? '';
    return listStoredFiles(storageRoot)
      .filter((k) => k.startsWith(prefix))
      .slice(0, 1000)
      .map((key) => {
        const st = fs.statSync(path.join(storageRoot, ...key.split('/')));
        return { key, size: st.size, mtime: st.mtime.toISOString(), contentType: contentTypeFor(key) };
      });
  }

  function sendFile(res: ServerResponse, url: URL): void {
    let key: string;
    try {
      key = checkCloudPath(url.searchParams.get('key') ?? '');
    } catch {
      throw new ConsoleError(400, '文件路径不合法');
    }
    const file = path.join(storageRoot, ...key.split('/'));
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new ConsoleError(404, `文件 ${key} 不存在`);
    const type = contentTypeFor(key);
    const inline = /^image\/(jpeg|png|gif|webp|bmp)$/.test(type);
    res.writeHead(200, {
      'content-type': type,
      'content-length': fs.statSync(file).size,
      // Stored files are user content: never let one run script in the console's origin.
      'content-security-policy': 'sandbox',
      'x-content-type-options': 'nosniff',
      'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(path.basename(key))}`,
    });
    fs.createReadStream(file).pipe(res);
  }

  async function fireTrigger(req: IncomingMessage) {
    const hooks = deps.hooks();
    if (!hooks.fireTrigger) throw new ConsoleError(404, '没有接入函数运行时：定时触发器由本地环境（npm start）提供');
    const body = await readJsonBody(req);
    if (typeof body.function !== 'string' || !body.function) throw new ConsoleError(400, '缺少 function');
    try {
      const result = await hooks.fireTrigger(body.function, typeof body.trigger === 'string' && body.trigger ? body.trigger : undefined);
      return { ok: true, result };
    } catch (err) {
      const e = err as { errMsg?: string; message?: string };
      return { ok: false, errMsg: e.errMsg ?? e.message ?? String(err) };
    }
  }

  async function lifecycleCall(req: IncomingMessage, p: string) {
    const body = await readJsonBody(req);
    const dir = typeof body.dir === 'string' && body.dir ? path.resolve(body.dir) : '';
    if (p === '/_dev/export') {
      const target = dir || path.join(ctx.options.dataDir, 'exports', new Date().toISOString().replace(/[:.]/g, '-'));
      const m = lifecycle.export(target);
      return { ok: true, dir: target, collections: m.collections.length, documents: m.collections.reduce((n, c) => n + c.documents, 0), files: m.files.length };
    }
    if (p === '/_dev/import') {
      if (!dir) throw new ConsoleError(400, '缺少 dir（导出目录）');
      return { ok: true, ...lifecycle.import(dir, { replace: body.replace === true }) };
    }
    const name = typeof body.snapshot === 'string' && body.snapshot ? body.snapshot : SEED_SNAPSHOT;
    if (p === '/_dev/snapshot') {
      const m = lifecycle.snapshot(name);
      return { ok: true, snapshot: name, documents: m.collections.reduce((n, c) => n + c.documents, 0), files: m.files.length };
    }
    return { ok: true, snapshot: name, ...lifecycle.reset(name) };
  }

  async function dispatch(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const p = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';
    guard(req, method !== 'GET');
    if (method === 'GET' && p === '/_dev') {
      const html = consolePage();
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-length': Buffer.byteLength(html),
        'cache-control': 'no-store',
        'content-security-policy': "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
      });
      res.end(html);
      return;
    }
    const key = `${method} ${p}`;
    switch (key) {
      case 'GET /_dev/api/overview': {
        const hooks = deps.hooks();
        return sendJson(res, 200, {
          envId: ctx.options.envId,
          dataDir: ctx.options.dataDir,
          strict: ctx.options.strict,
          scanLimit: ctx.options.scanLimit,
          seedSnapshot: lifecycle.hasSnapshot(SEED_SNAPSHOT),
          runtime: Boolean(hooks.fireTrigger),
        });
      }
      case 'GET /_dev/api/collections':
        return sendJson(res, 200, collections());
      case 'GET /_dev/api/documents':
        return sendJson(res, 200, documents(url));
      case 'GET /_dev/api/document': {
        const collection = requireCollection(store, url);
        const found = store.getById(collection, url.searchParams.get('id') ?? '');
        if (!found) throw new ConsoleError(404, '文档不存在');
        return sendJson(res, 200, { doc: relaxed(found.doc) });
      }
      case 'PUT /_dev/api/document':
        return sendJson(res, 200, await putDocument(req, url));
      case 'DELETE /_dev/api/document': {
        const collection = requireCollection(store, url);
        const id = url.searchParams.get('id') ?? '';
        if (!store.getById(collection, id)) throw new ConsoleError(404, '文档不存在');
        store.write([{ type: 'delete', collection, id }]);
        ctx.log(`[local-cloud] 控制台删除了 ${collection}/${id}`);
        return sendJson(res, 200, { ok: true, deleted: 1 });
      }
      case 'GET /_dev/api/invocations': {
        const ok = url.searchParams.get('ok');
        return sendJson(
          res,
          200,
          invocations.list({
            fn: url.searchParams.get('fn') || undefined,
            caller: url.searchParams.get('caller') || undefined,
            ok: ok === 'true' ? true : ok === 'false' ? false : undefined,
            limit: intParam(url, 'limit', 200, 5000),
          }),
        );
      }
      case 'DELETE /_dev/api/invocations':
        return sendJson(res, 200, { deleted: invocations.clear() });
      case 'GET /_dev/api/triggers':
        return sendJson(res, 200, (deps.hooks().triggers?.() ?? []).map((t) => ({ ...t, nextAt: t.nextAt?.toISOString() ?? null })));
      case 'POST /_dev/api/triggers/fire':
        return sendJson(res, 200, await fireTrigger(req));
      case 'GET /_dev/api/files':
        return sendJson(res, 200, listFiles(url));
      case 'GET /_dev/api/file':
        return sendFile(res, url);
      case 'GET /_dev/faults':
        return sendJson(res, 200, faults.get());
      case 'PUT /_dev/faults': {
        try {
          faults.set(await readJsonBody(req));
        } catch (err) {
          if (err instanceof ConsoleError) throw err;
          throw new ConsoleError(400, (err as Error).message);
        }
        ctx.log(`[local-cloud] 故障注入已更新：${JSON.stringify(faults.get())}`);
        return sendJson(res, 200, faults.get());
      }
      case 'POST /_dev/export':
      case 'POST /_dev/import':
      case 'POST /_dev/snapshot':
      case 'POST /_dev/reset':
        return sendJson(res, 200, await lifecycleCall(req, p));
      default:
        throw new ConsoleError(404, `${method} ${p} 不存在`);
    }
  }

  const handle = (req: IncomingMessage, res: ServerResponse, url: URL) =>
    dispatch(req, res, url).catch((err: unknown) => {
      if (res.headersSent) return void res.end();
      if (err instanceof ConsoleError) return sendJson(res, err.status, { ok: false, message: err.message });
      const message = (err as Error)?.message ?? String(err);
      // Refusals of import/reset/export (not an export, store not empty, target not empty…) are the caller's to fix.
      if (!(err instanceof CloudError) && (err as Error)?.name !== 'ExportFolderError') ctx.log(`[local-cloud] console ${req.method} ${url.pathname} failed: ${(err as Error)?.stack ?? String(err)}`);
      sendJson(res, err instanceof CloudError || (err as Error)?.name === 'ExportFolderError' ? 400 : 500, { ok: false, message });
    });

  return {
    name: 'console',
    actions: {},
    // Registered after the other services: their /_dev/… routes match first.
    routes: (['GET', 'POST', 'PUT', 'DELETE'] as const).map((method) => ({ method, prefix: '/_dev', handle })),
  };
}
