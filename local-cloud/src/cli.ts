/**
 * `npm run cloud -- --port <n|0> --data <dir> [--host H] [--collections FILE] [--strict] [--scan-limit N]`
 * Starts local cloud, prints the URL and the environment a cloud-function process needs, and
 * closes cleanly on SIGINT/SIGTERM.
 *
 * `npm run cloud -- export DIR | import DIR [--replace] | snapshot [NAME] | reset [NAME] [--data D | --url U]`
 * runs one lifecycle command on the data folder (or on the local cloud running at --url) and exits.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseFailFlag, parseLatencyFlag, type FaultConfig } from './faults';
import { startLocalCloud, type LocalCloudOptions } from './index';

const USAGE = `用法 (usage): npm run cloud -- [--port N|0] [--data DIR] [--host ADDR] [--env-id ID]
       [--collections FILE] [--strict] [--scan-limit N] [--sync NORMAL|FULL] [--media-check-push FUNCTION]
       [--latency TARGET=MS,…] [--fail TARGET=RATE[:ERRCODE|timeout]]… [--fault-seed N]
   or: npm run cloud -- export DIR | import DIR [--replace] | snapshot [NAME] | reset [NAME]   [--data DIR | --url URL]`;

const COMMANDS = new Set(['export', 'import', 'snapshot', 'reset']);

/** The last stdout line, for tools that spawn local cloud and need its URL and environment. */
export const READY_PREFIX = 'LOCAL_CLOUD_READY ';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function intArg(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) fail(`--${name} 需要不小于 ${min} 的整数 (needs an integer ≥ ${min}): ${raw}`);
  return n;
}

async function main(): Promise<void> {
  let values;
  let positionals: string[] = [];
  try {
    ({ values, positionals } = parseArgs({
      options: {
        port: { type: 'string' },
        data: { type: 'string' },
        host: { type: 'string' },
        'env-id': { type: 'string' },
        collections: { type: 'string' },
        strict: { type: 'boolean', default: false },
        'scan-limit': { type: 'string' },
        sync: { type: 'string' },
        'media-check-push': { type: 'string' },
        latency: { type: 'string' },
        fail: { type: 'string', multiple: true },
        'fault-seed': { type: 'string' },
        url: { type: 'string' },
        replace: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      allowPositionals: true,
      strict: true,
    }));
  } catch (err) {
    fail((err as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const cwd = process.cwd();
  const defaultCollections = path.join(cwd, 'cloudfunctions', 'collections.json');
  const collectionsFile = values.collections ? path.resolve(values.collections) : fs.existsSync(defaultCollections) ? defaultCollections : undefined;
  if (collectionsFile && !fs.existsSync(collectionsFile)) fail(`找不到集合声明文件 (collections file not found): ${collectionsFile}`);
  const sync = values.sync?.toUpperCase();
  if (sync !== undefined && sync !== 'NORMAL' && sync !== 'FULL') fail(`--sync 只能是 NORMAL 或 FULL: ${values.sync}`);
  let faults: FaultConfig | undefined;
  try {
    const failures = (values.fail ?? []).map(parseFailFlag);
    const latencyMs = values.latency ? parseLatencyFlag(values.latency) : undefined;
    if (failures.length || latencyMs) faults = { latencyMs, failures, seed: values['fault-seed'] !== undefined ? intArg('fault-seed', values['fault-seed'], 0, 0) : undefined };
  } catch (err) {
    fail((err as Error).message);
  }
  const options: LocalCloudOptions = {
    port: intArg('port', values.port, 0, 0),
    host: values.host ?? '127.0.0.1',
    dataDir: path.resolve(values.data ?? path.join(cwd, '.local-cloud-data')),
    envId: values['env-id'] ?? 'local',
    collectionsFile,
    strict: values.strict ?? false,
    scanLimit: intArg('scan-limit', values['scan-limit'], 1000, 1),
    sync: sync as 'NORMAL' | 'FULL' | undefined,
    mediaCheckPush: values['media-check-push'] ? { functionName: values['media-check-push'] } : undefined,
    faults,
  };

  const [command, arg] = positionals;
  if (command !== undefined) {
    if (!COMMANDS.has(command) || positionals.length > 2) fail(`未知命令 (unknown command): ${positionals.join(' ')}`);
    if ((command === 'export' || command === 'import') && !arg) fail(`${command} 需要一个目录 (needs a folder)`);
    process.exitCode = await runCommand(command, arg, values.replace ?? false, values.url, options);
    return;
  }

  const lc = await startLocalCloud(options);
  const lines = [
    `本地云已启动 (local cloud ready): ${lc.url}`,
    `控制台 (console): ${lc.url}/_dev`,
    `数据目录 (data): ${options.dataDir}`,
    `集合声明 (collections): ${collectionsFile ?? '无 (none)'}`,
    `严格模式 (strict): ${options.strict ? `开 (on), scan limit ${options.scanLimit}` : '关 (off)'}`,
    ...(faults ? [`故障注入 (faults): ${JSON.stringify(faults)}`] : []),
    '',
    '云函数进程需要的环境变量 (environment for function processes; add WX_OPENID/WX_APPID/WX_UNIONID per call):',
    ...Object.entries(lc.env).map(([k, v]) => `${k}=${v}`),
    '',
    `${READY_PREFIX}${JSON.stringify({ url: lc.url, port: lc.port, dataDir: options.dataDir, env: lc.env })}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    process.stderr.write(`本地云正在关闭 (local cloud stopping on ${signal})\n`);
    lc.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

/**
 * One lifecycle command: against a running local cloud (--url, through its /_dev endpoints) or on
 * the data folder directly (opened, used, closed; do not run it on a folder a server is using).
 */
async function runCommand(command: string, arg: string | undefined, replace: boolean, url: string | undefined, options: LocalCloudOptions): Promise<number> {
  const body = { dir: arg && (command === 'export' || command === 'import') ? path.resolve(arg) : undefined, snapshot: command === 'snapshot' || command === 'reset' ? arg : undefined, replace };
  let answer: unknown;
  try {
    if (url) {
      const res = await fetch(new URL(`/_dev/${command}`, url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      answer = await res.json();
      if (!res.ok) throw new Error((answer as { message?: string }).message ?? `HTTP ${res.status}`);
    } else {
      const lc = await startLocalCloud({ ...options, port: 0, log: () => undefined });
      try {
        if (command === 'export') answer = { dir: body.dir, ...summary(lc.exportTo(body.dir!)) };
        else if (command === 'import') answer = lc.importFrom(body.dir!, { replace });
        else if (command === 'snapshot') answer = { snapshot: arg ?? 'seed', ...summary(lc.snapshot(arg)) };
        else answer = { snapshot: arg ?? 'seed', ...lc.reset(arg) };
      } finally {
        await lc.close();
      }
    }
  } catch (err) {
    process.stderr.write(`${command} 失败 (failed): ${(err as Error).message}\n`);
    return 1;
  }
  process.stdout.write(`${command} 完成 (done): ${JSON.stringify(answer)}\n`);
  return 0;
}

function summary(m: { collections: Array<{ documents: number }>; files: unknown[] }): { collections: number; documents: number; files: number } {
  return { collections: m.collections.length, documents: m.collections.reduce((n, c) => n + c.documents, 0), files: m.files.length };
}

main().catch((err: unknown) => {
  process.stderr.write(`本地云启动失败 (local cloud failed to start): ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
