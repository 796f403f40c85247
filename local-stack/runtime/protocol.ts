/** Messages between the runtime (parent) and a function host (child process), sent over Node IPC. */

/** What CloudBase passes as main's second argument (the fields code in the wild reads). */
export interface InvocationContext {
  request_id: string;
  function_name: string;
  function_version: string;
  namespace: string;
  memory_limit_in_mb: number;
  time_limit_in_ms: number;
  /** `KEY=VALUE;…` of the invocation's WX_* variables, as CloudBase sends it. */
  environ: string;
  callbackWaitsForEmptyEventLoop: boolean;
}

export interface InvokeRequest {
  type: 'invoke';
  id: string;
  event: unknown;
  context: InvocationContext;
  /** Per-invocation variables; `null` removes a variable left by the previous invocation. */
  env: Record<string, string | null>;
}

export type HostMessage =
  | { type: 'ready' }
  | { type: 'load-failed'; message: string }
  /**
   * `json` is the result exactly as CloudBase serialises it (JSON text). `logLines`: the JSON
   * lines the invocation printed that look like the app's per-invocation log (`{"fn":…,"ms":…}`),
   * carried here so they cannot be attributed to the wrong invocation.
   */
  | { type: 'done'; id: string; ok: true; json: string; logLines?: string[] }
  | { type: 'done'; id: string; ok: false; message: string; logLines?: string[] };

/** Variables that carry the caller; reset before every invocation so no identity leaks between callers. */
export const PER_INVOCATION_KEYS = ['WX_OPENID', 'WX_APPID', 'WX_UNIONID', 'TCB_SOURCE', 'TRIGGER_SRC', 'WX_API_TOKEN'] as const;
