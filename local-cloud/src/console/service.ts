import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalCloudContext } from '../context';
import type { FaultInjector } from '../faults';
import { type Lifecycle, SEED_SNAPSHOT } from '../lifecycle';
import type { ServiceModule } from '../protocol/actions';
import { CloudError } from '../protocol/errors';
import type { CollectionDeclaration } from '../store/declarations';
import type { DocumentStore } from '../store/store';
import { DocumentBrowser, intParam } from './documents';
import { listFiles, sendStoredFile } from './files';
import { ConsoleError, guard, readJsonBody, sendJson } from './http';
import type { InvocationLog } from './invocations';
import { consolePage } from './page';

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


export function createConsoleService(ctx: LocalCloudContext, deps: ConsoleDeps): ServiceModule {
  const { lifecycle, invocations, faults } = deps;
  const storageRoot = path.join(ctx.options.dataDir, 'storage');
  const browser = new DocumentBrowser(ctx.db, deps.store, deps.declarations, (line) => ctx.log(line));

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
        return sendJson(res, 200, browser.collections());
      case 'GET /_dev/api/documents':
        return sendJson(res, 200, browser.documents(url));
      case 'GET /_dev/api/document':
        return sendJson(res, 200, browser.get(url));
      case 'PUT /_dev/api/document':
        return sendJson(res, 200, browser.put(url, await readJsonBody(req)));
      case 'DELETE /_dev/api/document':
        return sendJson(res, 200, browser.remove(url));
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
        return sendJson(res, 200, listFiles(storageRoot, url.searchParams.get('prefix') ?? ''));
      case 'GET /_dev/api/file':
        return sendStoredFile(res, storageRoot, url.searchParams.get('key') ?? '');
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
