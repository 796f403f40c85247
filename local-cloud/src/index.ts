import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import type { FunctionRunner, LocalCloudContext, LocalCloudOptions } from './context';
import type { ServiceModule } from './protocol/actions';
import { createServer } from './server';
import { createDatabaseService } from './handlers/database';
import { createStorageService } from './handlers/storage';
import { createOpenApiService } from './handlers/openapi';
import { createFunctionsService } from './handlers/functions';

export type { FunctionRunner, LocalCloudOptions, MediaCheckPushOptions, SecCheckWord } from './context';
/** One subscribe message as `GET /_dev/outbox` returns it. */
export type { OutboxEntry } from './handlers/openapi/outbox-store';

export interface LocalCloud {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  /** Exactly the environment a function process needs for wx-server-sdk to talk to this server. */
  env: Record<string, string>;
  setFunctionRunner(runner: FunctionRunner | undefined): void;
  close(): Promise<void>;
}

/** The variables that redirect wx-server-sdk (see local-cloud/README.md). */
export function sdkEnvironment(url: string, envId: string): Record<string, string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${url}/admin` }),
    SCF_NAMESPACE: envId,
    TCB_ENV: envId,
    TENCENTCLOUD_SECRETID: 'local-cloud-secret-id',
    TENCENTCLOUD_SECRETKEY: 'local-cloud-secret-key',
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID',
    TENCENTCLOUD: 'true',
  };
}

export async function startLocalCloud(opts: LocalCloudOptions): Promise<LocalCloud> {
  const options = {
    envId: 'local',
    strict: false,
    scanLimit: 1000,
    ...opts,
    dataDir: path.resolve(opts.dataDir),
  };
  fs.mkdirSync(options.dataDir, { recursive: true });
  const db = new Database(path.join(options.dataDir, 'local-cloud.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.sync ?? 'NORMAL'}`);
  db.pragma('busy_timeout = 5000');
  // Reads dominate: a 64 MB page cache and memory-mapped I/O keep index lookups off syscalls.
  db.pragma('cache_size = -65536');
  db.pragma('mmap_size = 268435456');
  db.pragma('temp_store = MEMORY');

  let baseUrl = '';
  const ctx: LocalCloudContext = {
    options,
    db,
    baseUrl: () => baseUrl,
    functionRunner: options.functionRunner,
    log: options.log ?? ((line) => console.error(line)),
  };
  const services: ServiceModule[] = [
    createDatabaseService(ctx),
    createStorageService(ctx),
    createOpenApiService(ctx),
    createFunctionsService(ctx),
  ];
  for (const s of services) s.migrate?.(ctx);

  const server = createServer(ctx, services);
  // The SDK's keep-alive agent drops idle sockets after 4.8 s, Node's server after 5 s: when the
  // client's event loop runs late, it reuses a socket the server has just closed (ECONNRESET).
  // The server keeps idle sockets longer, so the client is always the one that closes them.
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';
  baseUrl = `http://${host}:${port}`;

  let closed = false;
  return {
    url: baseUrl,
    port,
    env: sdkEnvironment(baseUrl, options.envId),
    setFunctionRunner(runner) {
      ctx.functionRunner = runner;
    },
    async close() {
      if (closed) return;
      closed = true;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of services) await s.close?.();
      db.close();
    },
  };
}
