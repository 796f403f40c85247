import path from 'node:path';
import { CallFunctionError, createFunctionRuntime, type FunctionRuntime } from '../../local-stack/runtime';
import { fixtureFunctions } from '../support/function-bundles';
import { waitFor } from '../support/wait-for';

/** getWXContext and event shaping need no server; the SDK only talks when a database call is made. */
const cloudEnv = {
  TCB_CONTEXT_CNFG: JSON.stringify({ URL: 'http://127.0.0.1:9/admin' }),
  SCF_NAMESPACE: 'test-env',
  TCB_ENV: 'test-env',
  TENCENTCLOUD_SECRETID: 'id',
  TENCENTCLOUD_SECRETKEY: 'key',
  WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID',
  TENCENTCLOUD: 'true',
};

interface WhoAmI {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  event: Record<string, unknown>;
  pid: number;
  served: number;
  tz: string;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('local function runtime', () => {
  let runtime: FunctionRuntime;
  const logs: string[] = [];

  beforeAll(async () => {
    const functionsDir = await fixtureFunctions(path.join(__dirname, 'fixtures', 'functions'));
    runtime = createFunctionRuntime({ functionsDir, cloudEnv, poolSize: 3, log: (fn, line) => logs.push(`${fn}: ${line}`) });
  });
  afterAll(() => runtime.close());

  it('gives each concurrent invocation its own caller identity', async () => {
    const [a, b] = (await Promise.all([
      runtime.invoke('whoami', { delayMs: 300, n: 1 }, { openid: 'o-alice', appid: 'wx-app' }),
      runtime.invoke('whoami', { delayMs: 300, n: 2 }, { openid: 'o-bob', appid: 'wx-app', unionid: 'u-bob' }),
    ])) as WhoAmI[];
    expect(a.before).toEqual({ OPENID: 'o-alice', APPID: 'wx-app', ENV: 'test-env', SOURCE: 'wx_client' });
    expect(a.after).toEqual(a.before);
    expect(b.after).toEqual({ OPENID: 'o-bob', APPID: 'wx-app', UNIONID: 'u-bob', ENV: 'test-env', SOURCE: 'wx_client' });
    expect(a.pid).not.toBe(b.pid);
    // The event is the data plus userInfo, as CloudBase passes a mini-program call.
    expect(a.event).toEqual({ delayMs: 300, n: 1, userInfo: { appId: 'wx-app', openId: 'o-alice' } });
    expect(a.tz).toBe('UTC');
  });

  it('keeps instances warm and clears the previous caller before the next one', async () => {
    const first = (await runtime.invoke('whoami', {}, { openid: 'o-carol', unionid: 'u-carol' })) as WhoAmI;
    const second = (await runtime.invoke('whoami', {}, {})) as WhoAmI;
    expect(second.pid).toBe(first.pid);
    expect(second.served).toBe(first.served + 1);
    expect(second.before).toEqual({ ENV: 'test-env', SOURCE: 'wx_client' });
    expect(second.event).toEqual({});
  });

  it('kills a timed-out instance, fails the call with -504003 and serves the next call from a fresh one', async () => {
    const warm = (await runtime.invoke('sleepy', { ms: 0 }, {})) as { pid: number };
    const err = (await runtime.invoke('sleepy', { ms: 5000 }, {}).catch((e: unknown) => e)) as CallFunctionError;
    expect(err).toBeInstanceOf(CallFunctionError);
    expect(err.errCode).toBe(-404011);
    expect(err.serviceCode).toBe(-504003);
    expect(err.errMsg).toMatch(/cloud function service error code -504003, error message Invoking task timed out after 1 seconds/);
    const next = (await runtime.invoke('sleepy', { ms: 0 }, {})) as { pid: number };
    expect(next.pid).not.toBe(warm.pid);
    expect(processAlive(warm.pid)).toBe(false);
  });

  it('reports a thrown error as -504002 and keeps the instance', async () => {
    const err = (await runtime.invoke('boom', {}, { openid: 'o' }).catch((e: unknown) => e)) as CallFunctionError;
    expect(err.serviceCode).toBe(-504002);
    expect(err.errMsg).toMatch(/^cloud\.callFunction:fail requestID [\w-]+, cloud function service error code -504002, error message Error: boom/);
    expect(runtime.instances('boom')).toHaveLength(1);
  });

  it('reports an instance that exits mid-invocation as an execution failure and replaces it', async () => {
    const err = (await runtime.invoke('boom', { how: 'exit' }, {}).catch((e: unknown) => e)) as CallFunctionError;
    expect(err.serviceCode).toBe(-504002);
    expect(err.detail).toMatch(/exited/);
  });

  it('refuses unknown and malformed function names with -501000', async () => {
    for (const name of ['nope', '../boom']) {
      const err = (await runtime.invoke(name, {}, {}).catch((e: unknown) => e)) as CallFunctionError;
      expect(err.errCode).toBe(-501000);
    }
  });

  it('fires timer triggers with the CloudBase timer event and no user', async () => {
    const out = (await runtime.fireTimer('ticker', { triggerName: 'everyMinute', time: new Date('2026-11-29T04:00:00.123Z') })) as {
      event: unknown;
      context: unknown;
      triggerSource: string;
    };
    expect(out.event).toEqual({ Type: 'Timer', TriggerName: 'everyMinute', Time: '2026-11-29T04:00:00Z' });
    expect(out.context).toEqual({ ENV: 'test-env', SOURCE: 'wx_trigger' });
    expect(out.triggerSource).toBe('timer');
  });

  it('prewarms an instance that then serves the first call', async () => {
    const own = createFunctionRuntime({ functionsDir: await fixtureFunctions(path.join(__dirname, 'fixtures', 'functions')), cloudEnv, log: () => undefined });
    try {
      own.prewarm(['whoami']);
      const [instance] = own.instances('whoami');
      expect(instance.pid).toEqual(expect.any(Number));
      const out = (await own.invoke('whoami', {}, {})) as WhoAmI;
      expect(out.pid).toBe(instance.pid);
      expect(own.instances('whoami')).toHaveLength(1);
    } finally {
      await own.close();
    }
  });

  it('reads timeouts and triggers from config.json', () => {
    expect(runtime.functionNames()).toEqual(expect.arrayContaining(['boom', 'sleepy', 'ticker', 'whoami']));
    expect(runtime.config('ticker').triggers).toEqual([{ name: 'everyMinute', type: 'timer', config: '0 * * * * * *' }]);
    expect(runtime.config('sleepy').timeoutSeconds).toBe(1);
  });

  it('lets in-flight invocations finish on close, then refuses new ones and stops every instance', async () => {
    const functionsDir = await fixtureFunctions(path.join(__dirname, 'fixtures', 'functions'));
    const own = createFunctionRuntime({ functionsDir, cloudEnv, log: () => undefined });
    const running = own.invoke('sleepy', { ms: 300 }, {}) as Promise<{ pid: number }>;
    // Close only once the invocation is in flight (an instance is busy with it), however slow the start.
    await waitFor(() => own.instances('sleepy').some((i) => i.busy), { what: 'the sleepy invocation to be in flight' });
    const closing = own.close();
    const { pid } = await running;
    await closing;
    expect(processAlive(pid)).toBe(false);
    await expect(own.invoke('sleepy', {}, {})).rejects.toBeInstanceOf(CallFunctionError);
  });
});
