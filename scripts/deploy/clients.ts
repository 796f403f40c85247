/**
 * The deploy talks to the outside world only through these small interfaces. The real
 * implementations (cloudbase-clients.ts) wrap @cloudbase/manager-node and miniprogram-ci; tests
 * pass recording fakes of these interfaces, never of the vendor SDKs.
 */
import type { IndexDeclaration, TimerTrigger } from './declarations';

export interface RemoteIndex {
  name: string;
  unique: boolean;
  keys: { field: string; direction: string }[];
}

export interface DatabaseAdmin {
  /** Creates the collection unless it exists. */
  ensureCollection(name: string): Promise<'created' | 'exists'>;
  listIndexes(collection: string): Promise<RemoteIndex[]>;
  createIndex(collection: string, index: IndexDeclaration): Promise<void>;
  /** `ADMINONLY`, `PRIVATE`, … or undefined when the console has no rule on record. */
  getCollectionPermission(collection: string): Promise<string | undefined>;
  /** Mini-program clients may neither read nor write; functions (admin) may. */
  setCollectionAdminOnly(collection: string): Promise<void>;
  /** Cloud storage's rule (`READONLY`, `PRIVATE`, …); undefined when it cannot be read. */
  getStorageAcl(): Promise<string | undefined>;
  /** 仅创建者及管理员可读写: residents' photos are read by staff only through the backend. */
  setStorageAclPrivate(): Promise<void>;
}

export interface RemoteFunction {
  runtime: string;
  timeout: number;
  envVariables: Record<string, string>;
  timerTriggers: { name: string; cron: string }[];
}

export interface FunctionSettings {
  name: string;
  timeout: number;
  envVariables: Record<string, string>;
}

export interface FunctionDeployer {
  describeFunction(name: string): Promise<RemoteFunction | null>;
  /** First deploy only: the runtime is fixed at creation, so we create with ours; the code goes up with it (no second upload). */
  createFunction(input: FunctionSettings & { runtime: string; bundleDir: string }): Promise<void>;
  /** Uploads the bundle directory as is (index.js, config.json, package.json, package-lock.json); the cloud installs wx-server-sdk. */
  uploadCode(input: { name: string; bundleDir: string }): Promise<{ filesCount: number; packSize: number }>;
  /** Resolves once the function is Active again (after a create, code upload or settings change); throws on a failed state or after our own time limit. */
  waitActive(name: string): Promise<void>;
  /** Sets timeout and the exact variable map: a variable missing from the map is removed online. */
  updateSettings(input: FunctionSettings): Promise<void>;
  deleteTrigger(input: { name: string; triggerName: string }): Promise<void>;
  createTimerTrigger(input: { name: string; trigger: TimerTrigger }): Promise<void>;
  /**
   * The HTTP access service (云接入 / HTTP 访问服务): whether it is on for the environment, and the
   * route at exactly `path` (the function it calls; type 1 is a cloud function), if any.
   */
  describeHttpAccess(path: string): Promise<{ serviceEnabled: boolean; route: { functionName: string; type: number } | null }>;
  /** Turns the environment's HTTP access service on. */
  enableHttpAccess(): Promise<void>;
  /** Routes `path` to the function, without CloudBase's login (the function authenticates its callers itself). */
  createHttpRoute(input: { name: string; path: string }): Promise<void>;
  /** Invokes the function caller-less with `{Type:'Health'}` (backend/domain/openapiHealth.ts) and returns its answer. */
  invokeHealth(name: string): Promise<unknown>;
}

export interface MiniProgramUploader {
  upload(input: { projectPath: string; version: string; description: string; robot: number }): Promise<{ packages: { name: string; size: number }[] }>;
}

export interface DeployClients {
  database(): DatabaseAdmin;
  functions(): FunctionDeployer;
  miniprogram(): MiniProgramUploader;
}
