import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { readStackState, startLocalStack } from '../../local-stack/stack';
import { fixtureFunctions } from '../support/stack';

describe('startLocalStack (what npm start runs)', () => {
  it('starts on a data dir, refuses a second start while one runs, and stops cleanly keeping the data', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fengqiao-local-stack-'));
    const opts = {
      dataDir,
      port: 0,
      functionsDir: await fixtureFunctions(path.join(__dirname, 'fixtures', 'functions')),
      h5Dir: path.join(dataDir, 'no-h5-build'),
      collectionsFile: path.join(__dirname, 'fixtures', 'collections.json'),
      seed: false,
      prewarm: false,
      log: () => undefined,
    };
    const stack = await startLocalStack(opts);
    try {
      expect(readStackState(dataDir)).toMatchObject({ pid: process.pid, gatewayUrl: stack.gateway.url });
      expect(stack.scheduler.list()).toEqual([expect.objectContaining({ functionName: 'ticker', triggerName: 'everyMinute' })]);
      // No H5 build yet: a page says how to build it, the API still answers.
      expect(await (await fetch(`${stack.gateway.url}/`)).text()).toContain('npm run build:h5');
      expect((await fetch(`${stack.gateway.url}/api/functions/whoami`, { method: 'POST' })).status).toBe(401);
      await stack.runtime.invoke('notes', { action: 'add', input: { text: '保留' } }, { openid: 'o-keep' });
    } finally {
      await stack.stop();
    }
    expect(readStackState(dataDir)).toBeNull();

    // A state file left by a killed start whose pid is now someone else's (here: our parent) is ignored…
    const stateFile = path.join(dataDir, 'local-stack.json');
    fs.writeFileSync(stateFile, JSON.stringify({ pid: process.ppid, gatewayUrl: 'http://127.0.0.1:1', localCloudUrl: '', devToken: '' }));
    await (await startLocalStack(opts)).stop();
    // …but a live stack with a gateway that answers keeps a second start out.
    const other = http.createServer((_req, res) => res.end('ok'));
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', () => r()));
    const gatewayUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    fs.writeFileSync(stateFile, JSON.stringify({ pid: process.ppid, gatewayUrl, localCloudUrl: '', devToken: '' }));
    await expect(startLocalStack(opts)).rejects.toThrow(/已有一个本地环境在使用/);
    other.close();
    fs.rmSync(stateFile);

    const again = await startLocalStack(opts);
    try {
      expect(await again.runtime.invoke('notes', { action: 'mine', input: {} }, { openid: 'o-keep' })).toEqual({ ok: true, data: ['保留'] });
    } finally {
      await again.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
