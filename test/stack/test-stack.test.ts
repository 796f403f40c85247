import path from 'node:path';
import type { DB } from 'wx-server-sdk';
import { fixtureFunctions, startTestStack, type TestStack } from '../support/stack';

const fixtures = path.join(__dirname, 'fixtures');

describe('startTestStack with fixture functions', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({
      functionsDir: await fixtureFunctions(path.join(fixtures, 'functions')),
      collectionsFile: path.join(fixtures, 'collections.json'),
    });
  });
  afterAll(() => stack.close());

  it('runs functions against local cloud with the real SDK, each caller seeing their own data', async () => {
    await stack.invoke('notes', { action: 'add', input: { text: '楼道堆物' } }, { openid: 'o-a' });
    await stack.invoke('notes', { action: 'add', input: { text: '噪音扰民' } }, { openid: 'o-b' });
    expect(await stack.invoke('notes', { action: 'mine', input: {} }, { openid: 'o-a' })).toEqual({ ok: true, data: ['楼道堆物'] });
    const docs = (await stack.database().collection('notes').where({ owner: 'o-b' }).get()) as DB.IQueryResult;
    expect(docs.data.map((d) => d.text)).toEqual(['噪音扰民']);
    expect(docs.data[0].at).toBeInstanceOf(Date);
  });

  it('serves functions.invokeFunction, so a function can call another (with no user identity, as CloudBase documents)', async () => {
    const out = (await stack.invoke('notes', { action: 'whoCalls', input: {} }, { openid: 'o-a' })) as { data: { event: unknown; before: unknown } };
    expect(out.data.event).toEqual({ via: 'notes' });
    expect(out.data.before).toEqual({ ENV: stack.cloud.env.TCB_ENV, SOURCE: 'scf' });
  });

  it('records subscription grants and reads the outbox', async () => {
    await stack.grant('o-a', ['TPL_CASE_UPDATE'], 'one-time');
    expect(await stack.outbox()).toEqual([]);
  });

  it('fires a timer trigger by the function name alone', async () => {
    const out = (await stack.fireTrigger('ticker')) as { event: { TriggerName: string } };
    expect(out.event.TriggerName).toBe('everyMinute');
  });
});
