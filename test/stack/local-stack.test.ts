import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readStackState, startLocalStack } from '../../local-stack/stack';
import { fixtureFunctions } from '../support/stack';

describe('startLocalStack (what npm start runs)', () => {
  it('starts on a data dir, refuses a second start on it, and stops cleanly keeping the data', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fengqiao-local-stack-'));
    const opts = {
      dataDir,
      port: 0,
      functionsDir: await fixtureFunctions(path.join(__dirname, 'fixtures', 'functions')),
      h5Dir: path.join(dataDir, 'no-h5-build'),
      collectionsFile: path.join(__dirname, 'fixtures', 'collections.json'),
      seed: false,
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

    // Another live process holding the data dir (here: our parent) keeps a second start out.
    fs.writeFileSync(path.join(dataDir, 'local-stack.json'), JSON.stringify({ pid: process.ppid, gatewayUrl: 'http://127.0.0.1:1', localCloudUrl: '', devToken: '' }));
    await expect(startLocalStack(opts)).rejects.toThrow(/已有一个本地环境在使用/);
    fs.rmSync(path.join(dataDir, 'local-stack.json'));

    const again = await startLocalStack(opts);
    try {
      expect(await again.runtime.invoke('notes', { action: 'mine', input: {} }, { openid: 'o-keep' })).toEqual({ ok: true, data: ['保留'] });
    } finally {
      await again.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
