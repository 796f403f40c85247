/**
 * `npm run trigger -- <function> [triggerName] [--data DIR]`: fires a timer trigger now on the running
 * `npm start` stack (through the gateway's developer endpoint), as CloudBase's scheduler would, and
 * prints the function's result.
 */
import path from 'node:path';
import { readStackState, REPO_ROOT } from './stack';

function fail(message: string): never {
  process.stderr.write(`✗ ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  let dataDir = path.join(REPO_ROOT, '.local-cloud-data');
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--data') dataDir = path.resolve(argv[++i] ?? fail('--data 需要一个目录'));
    else positional.push(argv[i]);
  }
  const [fn, trigger] = positional;
  if (!fn) fail('用法：npm run trigger -- <云函数名> [触发器名]');
  const state = readStackState(dataDir);
  if (!state) fail('没有正在运行的本地环境：请先在另一个终端运行 npm start');

  const res = await fetch(`${state.gatewayUrl}/_dev/trigger`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-dev-token': state.devToken },
    body: JSON.stringify({ function: fn, trigger }),
  }).catch((err: unknown) => fail(`连不上本地环境 ${state.gatewayUrl}：${(err as Error).message}`));
  const body = (await res.json().catch(() => ({}))) as { ok?: boolean; result?: unknown; errMsg?: string };
  if (!res.ok || !body.ok) fail(`触发 ${fn}${trigger ? `/${trigger}` : ''} 失败：${body.errMsg ?? `HTTP ${res.status}`}`);
  process.stdout.write(`✓ 已触发 ${fn}${trigger ? `/${trigger}` : ''}，返回：\n${JSON.stringify(body.result, null, 2)}\n`);
}

void main();
