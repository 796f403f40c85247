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
    expect(await stack.subscriptions('o-a')).toEqual([]);
    expect(await stack.outbox()).toEqual([]);

    await stack.grant('o-a', ['TPL_CASE_UPDATE'], 'one-time');
    expect(await stack.subscriptions('o-a')).toEqual([{ templateId: 'TPL_CASE_UPDATE', oneTime: 1, longTerm: false }]);
    expect(await stack.subscriptions('o-b')).toEqual([]);

    // The grant is what lets exactly one message through: the first send is delivered and uses it,
    // the second is refused as WeChat refuses a send without an unused acceptance (43101).
    const remind = () => stack.invoke('notes', { action: 'remind', input: { templateId: 'TPL_CASE_UPDATE' } }, { openid: 'o-a' });
    expect(await remind()).toEqual({ ok: true, data: { sent: true } });
    expect(await stack.subscriptions('o-a')).toEqual([{ templateId: 'TPL_CASE_UPDATE', oneTime: 0, longTerm: false }]);
    expect(await remind()).toEqual({ ok: true, data: { sent: false, errCode: 43101 } });

    const outbox = await stack.outbox({ touser: 'o-a' });
    expect(outbox.map((m) => [m.template_id, m.ok, m.errcode])).toEqual([
      ['TPL_CASE_UPDATE', false, 43101],
      ['TPL_CASE_UPDATE', true, 0],
    ]);
    expect(outbox[1]!.data).toEqual({ thing1: { value: '楼道堆物已处理' } });
  });

  it('fires a timer trigger by the function name alone', async () => {
    const out = (await stack.fireTrigger('ticker')) as { event: { TriggerName: string } };
    expect(out.event.TriggerName).toBe('everyMinute');
  });
});
