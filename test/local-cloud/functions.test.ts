import { FunctionNotFoundError } from '../../local-cloud/src/handlers/functions';
import { loadSdk, postAdmin, startTestCloud, type TestCloud, type WxCloud } from './helpers';

/** functions.invokeFunction through the real wx-server-sdk, handed to a pluggable runner. */
let tc: TestCloud;
let cloud: WxCloud;

beforeAll(async () => {
  tc = await startTestCloud();
  cloud = loadSdk(tc.lc, 'o-fn-user');
});
afterEach(() => tc.lc.setFunctionRunner(undefined));
afterAll(() => tc.stop());

test('without a runner, a call fails as a missing function', async () => {
  await expect(cloud.callFunction({ name: 'cases', data: {} })).rejects.toMatchObject({
    code: 'FUNCTIONS_NOT_FOUND',
    errMsg: expect.stringContaining('[ResourceNotFound.Function]'),
  });
});

test('the runner gets the name and data; its JSON result comes back as result', async () => {
  const calls: Array<[string, unknown]> = [];
  tc.lc.setFunctionRunner(async (name, data) => {
    calls.push([name, data]);
    return { ok: true, data: { echo: data, when: new Date(0) } };
  });
  const res = await cloud.callFunction({ name: 'cases', data: { action: 'cases.create', input: { title: '楼道灯坏了' } } });
  expect(calls).toEqual([['cases', { action: 'cases.create', input: { title: '楼道灯坏了' } }]]);
  expect(res.result).toEqual({ ok: true, data: { echo: { action: 'cases.create', input: { title: '楼道灯坏了' } }, when: '1970-01-01T00:00:00.000Z' } });
  expect(res.errMsg).toBe('callFunction:ok');
});

test('undefined from a function arrives as null', async () => {
  tc.lc.setFunctionRunner(async () => undefined);
  expect((await cloud.callFunction({ name: 'noop' })).result).toBeNull();
});

/**
 * node-sdk 3.17.2 throws its own TcbError for any `code` answer (it ignores wx-server-sdk's
 * throwOnCode:false), so wx-server-sdk 4.0.2 rejects with errCode -1 and keeps the answer's `code`
 * on the error: that is what production code sees too.
 */
test('a function that throws fails with FUNCTIONS_EXECUTE_FAIL and its message', async () => {
  tc.lc.setFunctionRunner(async () => {
    throw new TypeError('boom');
  });
  await expect(cloud.callFunction({ name: 'cases', data: {} })).rejects.toMatchObject({
    errCode: -1,
    code: 'FUNCTIONS_EXECUTE_FAIL',
    errMsg: expect.stringContaining('callFunction:fail 云函数 cases 执行失败: TypeError: boom'),
  });
});

test('a runner can say a function does not exist, or pass its own FUNCTIONS_* code', async () => {
  tc.lc.setFunctionRunner(async (name) => {
    if (name === 'missing') throw new FunctionNotFoundError(name);
    throw Object.assign(new Error('timed out'), { code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED', detail: 'Task timed out after 3 seconds' });
  });
  await expect(cloud.callFunction({ name: 'missing' })).rejects.toMatchObject({ errMsg: expect.stringContaining('云函数 missing 不存在') });
  const slow = await postAdmin(tc.lc, { action: 'functions.invokeFunction', function_name: 'sleepy', request_data: '{}' });
  expect(slow).toMatchObject({ code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED', message: expect.stringContaining('Task timed out') });
});

test('a result that cannot be JSON fails clearly instead of crashing', async () => {
  tc.lc.setFunctionRunner(async () => ({ n: BigInt(1) }));
  await expect(cloud.callFunction({ name: 'big' })).rejects.toMatchObject({ code: 'FUNCTIONS_EXECUTE_FAIL', errMsg: expect.stringContaining('JSON') });
});

test('bad parameters get CloudBase error answers and never reach the runner', async () => {
  let called = false;
  tc.lc.setFunctionRunner(async () => {
    called = true;
    return null;
  });
  expect(await postAdmin(tc.lc, { action: 'functions.invokeFunction', request_data: '{}' })).toMatchObject({ code: 'INVALID_PARAM' });
  expect(await postAdmin(tc.lc, { action: 'functions.invokeFunction', function_name: '../x', request_data: '{}' })).toMatchObject({ code: 'INVALID_PARAM' });
  expect(await postAdmin(tc.lc, { action: 'functions.invokeFunction', function_name: 'ok', request_data: '{broken' })).toMatchObject({ code: 'INVALID_PARAM' });
  expect(await postAdmin(tc.lc, { action: 'functions.invokeFunction', function_name: 'ok', request_data: 7 })).toMatchObject({ code: 'INVALID_PARAM' });
  expect(called).toBe(false);
});

test('none of the above made the server log an internal failure', () => {
  expect(tc.logs.filter((l) => /internal error|failed:/.test(l))).toEqual([]);
});
