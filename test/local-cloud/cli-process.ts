import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'local-cloud/src/cli.ts');
const READY_PREFIX = 'LOCAL_CLOUD_READY ';

export interface CliProcess {
  child: ChildProcess;
  url: string;
  env: Record<string, string>;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
}

/** Starts the real CLI (`tsx local-cloud/src/cli.ts`) as a child process and waits for its ready line. */
export function startCli(args: string[]): Promise<CliProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`local cloud CLI did not become ready:\n${out}\n${err}`)), 20_000);
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n').find((l) => l.startsWith(READY_PREFIX));
      if (line && out.endsWith('\n')) {
        clearTimeout(timer);
        const info = JSON.parse(line.slice(READY_PREFIX.length)) as { url: string; env: Record<string, string> };
        resolve({ child, url: info.url, env: info.env, exited });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`local cloud CLI exited (${code}) before ready:\n${out}\n${err}`));
    });
  });
}
