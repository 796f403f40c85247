import type Database from 'better-sqlite3';
import type { FaultConfig, FaultInjector } from './faults';

/** Runs a cloud function for `functions.invokeFunction`; the runtime itself belongs to the app. */
export type FunctionRunner = (name: string, data: unknown) => Promise<unknown>;

export interface SecCheckWord {
  word: string;
  /** WeChat label code, e.g. 20001 时政, 20002 色情, 20006 违法犯罪, 21000 其他. */
  label: number;
}

export interface MediaCheckPushOptions {
  /** The cloud function configured as the message-push receiver. */
  functionName: string;
  /** Delay before the first push (WeChat answers in seconds); default 50 ms. */
  delayMs?: number;
}

export interface LocalCloudOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Folder for the SQLite file and stored files; created if missing. */
  dataDir: string;
  /** CloudBase environment id that functions see (SCF_NAMESPACE / TCB_ENV). */
  envId?: string;
  /** Path of the app's collection + index declaration file (JSON). */
  collectionsFile?: string;
  /** Strict mode fails queries that scan more than `scanLimit` documents without an index. */
  strict?: boolean;
  scanLimit?: number;
  /** `synchronous` pragma: NORMAL survives a process kill; FULL also survives power loss. */
  sync?: 'NORMAL' | 'FULL';
  functionRunner?: FunctionRunner;
  secCheckWords?: SecCheckWord[];
  /**
   * Emulate WeChat's asynchronous verdict for `security.mediaCheckAsync`: after a check is
   * accepted, invoke `functionName` (the message-push target) through the function runner with a
   * `wxa_media_check` event. Off when absent.
   */
  mediaCheckPush?: MediaCheckPushOptions;
  /** Latency and failures to inject from the start (see faults.ts); changeable at run time. */
  faults?: FaultConfig;
  /**
   * Storage security rules of the environment (CloudBase's `{read, write}` JSON), applied to client
   * requests only; stored in the data folder. Default: signed-in clients read, creators write.
   */
  storageRules?: { read?: boolean | string; write?: boolean | string };
  log?: (line: string) => void;
}

export interface LocalCloudContext {
  readonly options: Required<Pick<LocalCloudOptions, 'dataDir' | 'envId' | 'strict' | 'scanLimit'>> & LocalCloudOptions;
  readonly db: Database.Database;
  /** http://host:port once listening. */
  baseUrl(): string;
  functionRunner?: FunctionRunner;
  readonly faults: FaultInjector;
  log(line: string): void;
}
