/**
 * `npm start`: builds what is stale (cloud function bundles, the H5 build), then runs the whole local
 * system — local cloud, the function runtime, timer triggers, the demo station (seeded on first start
 * only) and the H5 gateway — until Ctrl-C, which stops everything without losing a write.
 *
 *   npm start [-- --port 10086] [--host 0.0.0.0] [--data .local-cloud-data] [--skip-build]
 *   PORT=8080 npm start
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { newestMtime, sourceKey } from '../local-stack/source-key';
import { DEFAULT_PORT, REPO_ROOT, startLocalStack, type LocalStack } from '../local-stack/stack';
import { buildFunctions } from './build-functions';

interface Args {
  port: number;
  host?: string;
  dataDir: string;
  skipBuild: boolean;
}

function fail(message: string): never {
  process.stderr.write(`✗ ${message}\n`);
  process.exit(1);
}

function parseArgs(argv: string[]): Args {
  const args: Args = { port: Number(process.env.PORT ?? DEFAULT_PORT), dataDir: path.join(REPO_ROOT, '.local-cloud-data'), skipBuild: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => argv[++i] ?? fail(`${a} 需要一个值`);
    if (a === '--port') args.port = Number(value());
    else if (a === '--host') args.host = value();
    else if (a === '--data') args.dataDir = path.resolve(value());
    else if (a === '--skip-build') args.skipBuild = true;
    else fail(`不认识的参数 ${a}（可用：--port N --host H --data DIR --skip-build）`);
  }
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) fail(`端口无效：${args.port}`);
  return args;
}

const step = (line: string) => process.stdout.write(`▸ ${line}\n`);
const note = (line: string) => process.stdout.write(`  ${line}\n`);

const FUNCTIONS_OUT = path.join(REPO_ROOT, 'dist', 'cloudfunctions');
const FUNCTION_SOURCES = ['cloudfunctions', 'backend', 'types', 'scripts/build-functions.ts'].map((p) => path.join(REPO_ROOT, p));
const STAMP = path.join(FUNCTIONS_OUT, '.source-key');

async function buildFunctionsIfStale(): Promise<void> {
  const key = sourceKey(FUNCTION_SOURCES);
  if (fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8').trim() === key) {
    note('云函数：已是最新');
    return;
  }
  step('构建云函数…');
  const started = Date.now();
  await buildFunctions({ outDir: FUNCTIONS_OUT });
  fs.writeFileSync(STAMP, key);
  note(`云函数：构建完成（${Date.now() - started} ms）`);
}

const H5_OUT = path.join(REPO_ROOT, 'dist', 'h5');
const H5_SOURCES = ['src', 'config', 'types', 'babel.config.js', 'tsconfig.json', 'project.config.json'].map((p) => path.join(REPO_ROOT, p));

async function buildH5IfStale(): Promise<void> {
  const index = path.join(H5_OUT, 'index.html');
  const builtAt = fs.statSync(index, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (builtAt > newestMtime(H5_SOURCES)) {
    note('H5：已是最新');
    return;
  }
  step('构建 H5 页面（首次约需 1 分钟）…');
  const started = Date.now();
  // Taro prints its own progress; pass it through so the wait is visible.
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build:h5'], { cwd: REPO_ROOT, stdio: 'inherit' });
    child.on('exit', (c) => resolve(c ?? 1));
    child.on('error', () => resolve(1));
  });
  if (code !== 0) {
    note(fs.existsSync(index) ? 'H5 构建失败，继续使用上一次的构建结果（见上方输出）' : 'H5 构建失败（见上方输出）；云函数接口照常可用');
    return;
  }
  note(`H5：构建完成（${Math.round((Date.now() - started) / 1000)} 秒）`);
}

function printBanner(stack: LocalStack, host: string | undefined): void {
  const lines = [
    '',
    '枫桥家园 · 本地环境已启动',
    '',
    `  地址        ${stack.gateway.url}/`,
    `  登录        ${stack.gateway.url}/login`,
    `  控制台      ${stack.gateway.url}/_dev   （数据库、订阅消息、调用日志、定时触发器、文件、故障注入、导出与重置）`,
    `  local cloud ${stack.cloud.url}`,
    '',
    stack.seeded ? '  演示数据：已生成（和苑派出所）' : '  演示数据：沿用已有数据',
    '  演示人员：',
    ...stack.people.map((p) => `    · ${p.name}（${p.roleLabel}）${p.description ? ` — ${p.description}` : ''}`),
    '',
    host && host !== '127.0.0.1' ? `  注意：网关监听 ${host}，局域网内的其他设备可以访问演示登录。` : '  仅本机可访问（需要局域网访问时加 --host 0.0.0.0）。',
    '  按 Ctrl-C 停止。',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

let stack: LocalStack | null = null;
let stopRequested = false;

/** First Ctrl-C: stop cleanly (after the current start-up step, if still starting); second: leave at once. */
function onSignal(signal: string): void {
  if (stopRequested) {
    process.stderr.write('再次收到中断，立即退出（正在进行的云函数调用被中止）\n');
    process.exit(130);
  }
  stopRequested = true;
  if (!stack) {
    process.stdout.write(`\n收到 ${signal}：启动中止，等待当前步骤结束…\n`);
    return;
  }
  process.stdout.write(`\n收到 ${signal}，正在停止：等待进行中的请求完成…\n`);
  stack.stop().then(
    () => {
      process.stdout.write('已停止，数据已保存。\n');
      process.exit(0);
    },
    (err: unknown) => {
      process.stderr.write(`停止时出错：${(err as Error).message}\n`);
      process.exit(1);
    },
  );
}

async function main(): Promise<void> {
  process.on('SIGINT', () => onSignal('Ctrl-C'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  const args = parseArgs(process.argv.slice(2));
  if (!args.skipBuild) {
    await buildFunctionsIfStale();
    if (!stopRequested) await buildH5IfStale();
  }
  if (stopRequested) {
    process.stdout.write('已中止启动。\n');
    process.exit(130);
  }
  step('启动 local cloud、云函数运行时和网关…');
  try {
    stack = await startLocalStack({
      dataDir: args.dataDir,
      port: args.port,
      host: args.host,
      functionsDir: FUNCTIONS_OUT,
      h5Dir: H5_OUT,
      collectionsFile: path.join(REPO_ROOT, 'cloudfunctions', 'collections.json'),
    });
  } catch (err) {
    if (stopRequested) {
      process.stdout.write('已中止启动。\n');
      process.exit(130);
    }
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') fail(`端口 ${args.port} 已被占用：换一个端口，例如 PORT=${args.port + 10} npm start`);
    fail(e.message);
  }
  if (stopRequested) {
    stopRequested = false;
    onSignal('Ctrl-C');
    return;
  }
  if (!stack.runtime.functionNames().length) note('dist/cloudfunctions 中还没有云函数');
  printBanner(stack, args.host);
}

main().catch((err: unknown) => fail((err as Error)?.stack ?? String(err)));
