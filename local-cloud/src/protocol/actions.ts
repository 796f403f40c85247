import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalCloudContext } from '../context';
import type { Caller } from './caller';

/**
 * One `POST /admin` action. `params` is the parsed JSON body (or, for multipart actions, the
 * form fields with `requestData` as a Buffer). The returned object is merged into the answer
 * body beside `requestId` (so return `{data: …}` or, like startTransaction, top-level fields).
 */
export type ActionHandler = (
  params: Record<string, unknown>,
  ctx: LocalCloudContext,
  caller: Caller,
) => Promise<Record<string, unknown>> | Record<string, unknown>;

export type ActionTable = Record<string, ActionHandler>;

/** A plain HTTP route beside `/admin` (COS-style uploads, developer pages). */
export interface HttpRoute {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  /** Matches when the URL path starts with this prefix. */
  prefix: string;
  handle(req: IncomingMessage, res: ServerResponse, url: URL, ctx: LocalCloudContext): Promise<void> | void;
}

/** A service contributes actions, HTTP routes, and its own SQLite tables. */
export interface ServiceModule {
  name: string;
  /** Creates this service's tables (idempotent); called once at start inside the store. */
  migrate?(ctx: LocalCloudContext): void;
  actions: ActionTable;
  /**
   * Actions a client (not the server SDK) may call; they check the security rules themselves.
   * Every other action refuses clients: pages never reach the database or openapi directly.
   */
  clientActions?: string[];
  routes?: HttpRoute[];
  close?(): Promise<void> | void;
}
