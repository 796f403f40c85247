/**
 * The program inside each worker process: one warm CloudBase "instance" of one function.
 * It loads the bundle once (module state survives between invocations, as in a warm instance) and
 * runs one invocation at a time. Identity lives in process.env because wx-server-sdk's
 * getWXContext() reads it there; this process is never shared between concurrent callers, so setting
 * the variables right before `main` is both faithful and isolated.
 *
 * Started by worker.ts as `node function-host.cjs <bundle path>` with the function's environment.
 */
import { createRequire } from 'node:module';
import type { HostMessage, InvokeRequest } from './protocol';

type Main = (event: unknown, context: unknown) => unknown;

const bundlePath = process.argv[2];
let current: string | null = null;
/** Invocation log lines (`{"fn":…,"ms":…}`) printed by the running invocation. */
let logLines: string[] = [];

// The output still goes to the runtime's log as before; a copy of the invocation's own log line
// travels back with its result.
const writeStdout = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
  if (current && typeof chunk === 'string' && chunk.startsWith('{"fn":')) {
    for (const line of chunk.split('\n')) if (line.startsWith('{"fn":') && line.includes('"ms":')) logLines.push(line);
  }
  return (writeStdout as (...args: unknown[]) => boolean)(chunk, ...rest);
}) as typeof process.stdout.write;

function send(message: HostMessage): void {
  process.send?.(message);
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  if (typeof err === 'string') return err;
  try {
    return JSON.stringify(err);
  } catch {
    return String(err);
  }
}

/** A crash outside `main`'s promise still belongs to the running invocation; then the instance dies. */
function crash(err: unknown): void {
  if (current) send({ type: 'done', id: current, ok: false, message: describe(err), logLines });
  else process.stderr.write(`[function-host] ${describe(err)}\n`);
  current = null;
  setImmediate(() => process.exit(1));
}
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

let main: Main;
try {
  const load = createRequire(bundlePath);
  const mod: unknown = load(bundlePath);
  const candidate = mod && typeof mod === 'object' ? (mod as { main?: unknown }).main : undefined;
  if (typeof candidate !== 'function') throw new Error(`${bundlePath} does not export main`);
  main = candidate as Main;
  send({ type: 'ready' });
} catch (err) {
  send({ type: 'load-failed', message: describe(err) });
  setImmediate(() => process.exit(1));
}

function applyEnv(env: InvokeRequest['env']): void {
  for (const [key, value] of Object.entries(env)) {
    if (value === null) delete process.env[key];
    else process.env[key] = value;
  }
}

async function run(req: InvokeRequest): Promise<void> {
  current = req.id;
  logLines = [];
  applyEnv(req.env);
  try {
    const value = await main(req.event, req.context);
    // CloudBase serialises the return value as JSON; undefined becomes null on the wire.
    const json = JSON.stringify(value === undefined ? null : value);
    if (current === req.id) send({ type: 'done', id: req.id, ok: true, json, logLines });
  } catch (err) {
    if (current === req.id) send({ type: 'done', id: req.id, ok: false, message: describe(err), logLines });
  } finally {
    if (current === req.id) current = null;
  }
}

process.on('message', (message: unknown) => {
  const req = message as InvokeRequest;
  if (req && req.type === 'invoke') void run(req);
});
// The parent closing the channel means the runtime is gone: an orphaned instance must not linger.
process.on('disconnect', () => process.exit(0));
