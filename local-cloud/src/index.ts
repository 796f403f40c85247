import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import type { FunctionRunner, LocalCloudContext, LocalCloudOptions } from './context';
import type { ServiceModule } from './protocol/actions';
import { createServer } from './server';
import { createDatabaseService } from './handlers/database';
import { createStorageService } from './handlers/storage';
import { OpenDataStore, type ResolvedOpenData } from './handlers/openapi/open-data';
import { createOpenApiService } from './handlers/openapi';
import { createFunctionsService } from './handlers/functions';
import { FaultInjector, type FaultConfig } from './faults';
import { Lifecycle, type ImportOptions, type ImportSummary, type Manifest } from './lifecycle';
import { InvocationLog, type InvocationRecord } from './console/invocations';
import { createConsoleService, type ConsoleHooks } from './console/service';
import { readDeclarationsFile } from './store/declarations';

export type { FunctionRunner, LocalCloudOptions, MediaCheckPushOptions, SecCheckWord } from './context';
/** One subscribe message as `GET /_dev/outbox` returns it. */
export type { OutboxEntry } from './handlers/openapi/outbox-store';
export type { ResolvedOpenData, OpenDataEntry } from './handlers/openapi/open-data';
export type { FaultConfig, FailureRule } from './faults';
export type { InvocationRecord } from './console/invocations';
export type { ConsoleHooks, ConsoleTrigger } from './console/service';
export type { ImportOptions, ImportSummary, Manifest } from './lifecycle';
export { ExportFolderError, SEED_SNAPSHOT } from './lifecycle';

export interface LocalCloud {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  /** Exactly the environment a function process needs for wx-server-sdk to talk to this server. */
  env: Record<string, string>;
  setFunctionRunner(runner: FunctionRunner | undefined): void;
  /** Timer triggers for the console (`/_dev`); the app's runtime owns them. */
  setConsoleHooks(hooks: ConsoleHooks): void;
  /** One function invocation, as the runtime saw it (the console's call log). */
  recordInvocation(record: InvocationRecord): void;
  /** Replaces the fault and latency injection rules (see faults.ts); `{}` turns everything off. */
  setFaults(config: FaultConfig): void;
  /** The whole store (documents, local cloud's tables, files) into a new folder; see lifecycle/. */
  exportTo(dir: string): Manifest;
  importFrom(dir: string, options?: ImportOptions): ImportSummary;
  /** Exports into `<dataDir>/snapshots/<name>` (default `seed`), which `reset` restores. */
  snapshot(name?: string): Manifest;
  reset(name?: string): ImportSummary;
  hasSnapshot(name?: string): boolean;
  /** A stand-in CloudID for `data` (open data such as a group's `{ opengid }`); see handlers/openapi/open-data.ts. */
  issueOpenData(data: unknown, options?: { openid?: string | null; lifetimeMs?: number }): { cloudID: string; expiresAt: string };
  /** What CloudBase puts in place of a CloudID in a function's event, for this caller. */
  resolveOpenData(cloudID: string, caller: string | undefined): ResolvedOpenData;
  /**
   * A per-invocation `WX_API_TOKEN` for a user call: the function's `cloud.getOpenData` resolves
   * CloudIDs for this user (an id issued to someone else answers -601007).
   */
  issueApiToken(openid: string): string;
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
    // The SDK reads the invocation's API token through this list (sent as wxCloudApiToken).
    TCB_CONTEXT_KEYS: 'WX_API_TOKEN',
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
    faults: new FaultInjector(options.faults),
    log: options.log ?? ((line) => console.error(line)),
  };
  const database = createDatabaseService(ctx);
  const declarations = () => (options.collectionsFile ? readDeclarationsFile(options.collectionsFile) : []);
  const lifecycle = new Lifecycle({ db, store: database.store, dataDir: options.dataDir, envId: options.envId, declarations });
  const invocations = new InvocationLog();
  const openData = new OpenDataStore(db);
  let consoleHooks: ConsoleHooks = {};
  const services: ServiceModule[] = [
    database,
    createStorageService(ctx),
    createOpenApiService(ctx, openData),
    createFunctionsService(ctx),
    // Last: its catch-all /_dev routes must not shadow the other services' developer endpoints.
    createConsoleService(ctx, { store: database.store, lifecycle, invocations, faults: ctx.faults, hooks: () => consoleHooks, declarations }),
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
    setConsoleHooks(hooks) {
      consoleHooks = hooks;
    },
    recordInvocation: (record) => invocations.add(record),
    setFaults: (config) => ctx.faults.set(config),
    exportTo: (dir) => lifecycle.export(dir),
    importFrom: (dir, opts) => lifecycle.import(dir, opts),
    snapshot: (name) => lifecycle.snapshot(name),
    reset: (name) => lifecycle.reset(name),
    hasSnapshot: (name) => lifecycle.hasSnapshot(name),
    issueOpenData: (data, opts) => openData.issue(data, opts),
    resolveOpenData: (cloudID, caller) => openData.resolve(cloudID, caller),
    issueApiToken: (openid) => openData.issueApiToken(openid),
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
