import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startGateway, type Gateway } from '../../local-stack/gateway';
import { loadSessionSecret } from '../../local-stack/gateway/session';
import { createScheduler } from '../../local-stack/scheduler';
import { fixtureFunctions, startTestStack, type TestStack } from '../support/stack';

const people = [
  { openid: 'o-resident', name: '李桂兰', roleLabel: '居民', description: '夢和园 3 号楼，独居老人' },
  { openid: 'o-officer', name: '周建军', roleLabel: '社区民警', description: '夢和园警格' },
];
const DEV_TOKEN = 'dev-token-for-tests';

describe('H5 gateway', () => {
  let stack: TestStack;
  let gateway: Gateway;
  let h5Dir: string;

  beforeAll(async () => {
    stack = await startTestStack({ functionsDir: await fixtureFunctions(path.join(__dirname, 'fixtures', 'functions')) });
    h5Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fengqiao-h5-'));
    fs.writeFileSync(path.join(h5Dir, 'index.html'), '<!doctype html><title>枫桥家园</title><div id="app"></div>');
    fs.mkdirSync(path.join(h5Dir, 'js'));
    fs.writeFileSync(path.join(h5Dir, 'js', 'app.3f9a2b1c.js'), 'console.log(1)');
    gateway = await startGateway({
      port: 0,
      runtime: stack.runtime,
      scheduler: createScheduler({ runtime: stack.runtime, log: () => undefined }),
      localCloudUrl: stack.cloud.url,
      envId: stack.cloud.env.TCB_ENV,
      sessionSecret: loadSessionSecret(stack.dataDir),
      people,
      h5Dir,
      appid: 'wx-gateway-test',
      devToken: DEV_TOKEN,
      templateKind: (id) => (id.startsWith('LT_') ? 'long-term' : 'one-time'),
      log: () => undefined,
    });
  });
  afterAll(async () => {
    await gateway.close();
    await stack.close();
    fs.rmSync(h5Dir, { recursive: true, force: true });
  });

  const at = (p: string) => `${gateway.url}${p}`;

  async function signIn(openid: string): Promise<string> {
    const res = await fetch(at('/login'), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ openid, next: '/#/pages/home/index' }),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/#/pages/home/index');
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    return setCookie.split(';')[0];
  }

  function callFn(name: string, data: unknown, cookie?: string) {
    return fetch(at(`/api/functions/${name}`), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ data }),
    });
  }

  it('listens on 127.0.0.1 by default', () => {
    expect(gateway.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('refuses function calls without a valid session', async () => {
    const res = await callFn('whoami', {});
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ errCode: -401001, errMsg: expect.stringMatching(/^cloud\.callFunction:fail 未登录/) });
    const cookie = await signIn('o-resident');
    const forged = cookie.replace(/\.[^.]+$/, '.AAAA');
    expect((await callFn('whoami', {}, forged)).status).toBe(401);
  });

  it('shows the demo people on the sign-in page and refuses anyone else', async () => {
    const page = await (await fetch(at('/login'))).text();
    expect(page).toContain('李桂兰');
    expect(page).toContain('社区民警');
    const res = await fetch(at('/login'), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'openid=o-stranger',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('calls a function as the signed-in person and answers as wx.cloud.callFunction resolves', async () => {
    const cookie = await signIn('o-officer');
    const res = await callFn('whoami', { action: 'x' }, cookie);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: { before: unknown; event: unknown }; errMsg: string; requestID: string };
    expect(body.errMsg).toBe('cloud.callFunction:ok');
    expect(body.requestID).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.result.before).toEqual({ OPENID: 'o-officer', APPID: 'wx-gateway-test', ENV: stack.cloud.env.TCB_ENV, SOURCE: 'wx_client' });
    expect(body.result.event).toEqual({ action: 'x', userInfo: { appId: 'wx-gateway-test', openId: 'o-officer' } });
  });

  it('answers function failures with a non-200 status and {errCode, errMsg}', async () => {
    const cookie = await signIn('o-resident');
    const thrown = await callFn('boom', {}, cookie);
    expect(thrown.status).toBe(502);
    const failure = (await thrown.json()) as { errCode: number; errMsg: string };
    expect(failure).toEqual({ errCode: -404011, errMsg: expect.stringContaining('cloud function service error code -504002, error message 云函数执行出错') });
    // What the function threw (a stack with server paths) stays in the developer's terminal.
    expect(failure.errMsg).not.toMatch(/boom|\n\s+at\s|\.(js|ts):\d+|\/(home|work|tmp|usr)\//);
    const missing = await callFn('nope', {}, cookie);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { errCode: number }).errCode).toBe(-501000);
    const notJson = await fetch(at('/api/functions/whoami'), { method: 'POST', headers: { cookie }, body: 'data=1' });
    expect(notJson.status).toBe(415);
  });

  it('stores an upload in local cloud storage and answers its fileID', async () => {
    const cookie = await signIn('o-resident');
    const form = new FormData();
    form.append('cloudPath', 'case-photos/test/door.jpg');
    form.append('file', new Blob([Buffer.from('fake-jpeg-bytes')], { type: 'image/jpeg' }), 'door.jpg');
    const res = await fetch(at('/api/upload'), { method: 'POST', headers: { cookie }, body: form });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { fileID: string; errMsg: string };
    expect(body.errMsg).toBe('cloud.uploadFile:ok');
    expect(body.fileID).toMatch(/^cloud:\/\/.+\/case-photos\/test\/door\.jpg$/);
    // Read it back the way a function would: a temp URL from local cloud.
    const admin = await fetch(`${stack.cloud.url}/admin?env=${stack.cloud.env.TCB_ENV}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'storage.batchGetDownloadUrl', file_list: [{ fileid: body.fileID, max_age: 60 }] }),
    });
    const url = ((await admin.json()) as { data: { download_list: Array<{ tempFileURL: string }> } }).data.download_list[0].tempFileURL;
    expect(await (await fetch(url)).text()).toBe('fake-jpeg-bytes');

    // A signed-out upload is answered 401 (not a reset connection), even with megabytes in flight.
    const big = new FormData();
    big.append('file', new Blob([Buffer.alloc(3 * 1024 * 1024)], { type: 'image/jpeg' }), 'big.jpg');
    const anonymous = await fetch(at('/api/upload'), { method: 'POST', body: big });
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { errMsg: string }).errMsg).toMatch(/^cloud\.uploadFile:fail 未登录/);
  });

  it('gives an upload without cloudPath a path of its own', async () => {
    const cookie = await signIn('o-resident');
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('x')], { type: 'image/png' }), 'photo.png');
    const body = (await (await fetch(at('/api/upload'), { method: 'POST', headers: { cookie }, body: form })).json()) as { fileID: string };
    expect(body.fileID).toMatch(/\/uploads\/\d{4}-\d{2}-\d{2}\/\d+-[0-9a-f]{8}\.png$/);
  });

  it('records subscription grants in local cloud with the template kind', async () => {
    const cookie = await signIn('o-resident');
    const res = await fetch(at('/api/subscribe'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ templateIds: ['TPL_A', 'LT_B'] }),
    });
    expect(await res.json()).toEqual({ errMsg: 'requestSubscribeMessage:ok', TPL_A: 'accept', LT_B: 'accept' });
    const { grants } = (await (await fetch(`${stack.cloud.url}/_dev/subscriptions?openid=o-resident`)).json()) as { grants: unknown[] };
    expect(grants).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ templateId: 'TPL_A', oneTime: 1, longTerm: false }),
        expect.objectContaining({ templateId: 'LT_B', longTerm: true }),
      ]),
    );
  });

  it('serves the H5 build with index.html fallback, sending signed-out visitors to sign in', async () => {
    const signedOut = await fetch(at('/'), { redirect: 'manual' });
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get('location')).toBe('/login?next=%2F');
    const cookie = await signIn('o-resident');
    const shell = await fetch(at('/'), { headers: { cookie } });
    expect(shell.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await shell.text()).toContain('枫桥家园');
    const deep = await fetch(at('/pages/cases/detail'), { headers: { cookie } });
    expect(await deep.text()).toContain('<div id="app">');
    const asset = await fetch(at('/js/app.3f9a2b1c.js'));
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toMatch(/immutable/);
    expect((await fetch(at('/js/missing.js'))).status).toBe(404);
  });

  it('never serves files outside the build', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const u = new URL(gateway.url);
      http
        .get({ host: u.hostname, port: u.port, path: '/%2e%2e/%2e%2e/etc/passwd' }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
        .on('error', reject);
    });
    expect([302, 404]).toContain(status);
  });

  it('signs out', async () => {
    const cookie = await signIn('o-resident');
    const res = await fetch(at('/logout'), { method: 'POST', headers: { cookie } });
    expect(await res.json()).toEqual({ ok: true });
    expect(res.headers.get('set-cookie')).toMatch(/Max-Age=0/);
  });

  it('fires a timer trigger from the developer endpoint only with the token', async () => {
    const refused = await fetch(at('/_dev/trigger'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ function: 'ticker' }),
    });
    expect(refused.status).toBe(403);
    const res = await fetch(at('/_dev/trigger'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-dev-token': DEV_TOKEN },
      body: JSON.stringify({ function: 'ticker', trigger: 'everyMinute' }),
    });
    const body = (await res.json()) as { ok: boolean; result: { event: { Type: string; TriggerName: string } } };
    expect(body.ok).toBe(true);
    expect(body.result.event).toMatchObject({ Type: 'Timer', TriggerName: 'everyMinute' });
    expect(await (await fetch(at('/_dev'))).text()).toContain('订阅消息发件箱');
  });
});
