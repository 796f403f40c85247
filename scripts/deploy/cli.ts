/** `npm run deploy -- [--dry-run] [--only <step>]…` — see docs/deploy.md. */
import path from 'node:path';
import { runDeploy } from './deploy';
import { createOutput } from './output';

const root = path.resolve(__dirname, '..', '..');
const out = createOutput((text) => process.stdout.write(text));

runDeploy({ root, argv: process.argv.slice(2), env: process.env, out })
  .then((result) => {
    process.exitCode = result.exitCode;
  })
  .catch((e: unknown) => {
    // Unexpected failures still go through the redacting output.
    out.line(`部署中断：${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exitCode = 1;
  });
