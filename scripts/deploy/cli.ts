/** `npm run deploy -- [--dry-run] [--only <step>]…` — see docs/deploy.md. */
import path from 'node:path';
import { format } from 'node:util';
import { runDeploy } from './deploy';
import { createOutput } from './output';

const root = path.resolve(__dirname, '..', '..');
const out = createOutput((text) => process.stdout.write(text));

// miniprogram-ci and manager-node log through the console; their lines get the same scrubbing.
for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  const original = console[level].bind(console);
  console[level] = (...args: unknown[]) => original(out.redact(format(...args)));
}

runDeploy({ root, argv: process.argv.slice(2), env: process.env, out })
  .then((result) => {
    process.exitCode = result.exitCode;
  })
  .catch((e: unknown) => {
    // Unexpected failures still go through the redacting output.
    out.line(`部署中断：${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exitCode = 1;
  });
