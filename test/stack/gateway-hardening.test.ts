/**
 * The H5 gateway as an attacker tries it: open redirects after sign-in, oversized bodies, malformed
 * percent-encoding, revoked sessions, foreign Host headers (DNS rebinding), stalled bodies, and
 * someone else's photo. Each case failed on the gateway before issue 13.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startGateway, type Gateway, type GatewayOptions } from '../../local-stack/gateway';
import { loadSessionGenerations, loadSessionSecret } from '../../local-stack/gateway/session';
import { fixtureFunctions, startTestStack, type TestStack } from '../support/stack';

const people = [
  { openid: 'o-resident', name: '李桂兰', roleLabel: '居民', description: '夢和园 3 号楼' },
  { openid: 'o-neighbour', name: '张阿姨', roleLabel: '居民', description: '夢和园 3 号楼' },
  { openid: 'o-officer', name: '周建军', roleLabel: '社区民警', description: '夢和园警格' },
];
const DEV_TOKEN = 'dev-token-hardening';

let stack: TestStack;
let gateway: Gateway;
let h5Dir: string;
let dataDir: string;

function gatewayOptions(extra: Partial<GatewayOptions> = {}): GatewayOptions {
  return {
    port: 0,
    runtime: stack.runtime,
    localCloudUrl: stack.cloud.url,
    envId: stack.cloud.env.TCB_ENV,
    sessionSecret: loadSessionSecret(dataDir),
    sessionGenerations: loadSessionGenerations(dataDir),
    people,
    h5Dir,
    appid: 'wx-gateway-test',
    devToken: DEV_TOKEN,
    log: () => undefined,
    ...extra,
  };
}

beforeAll(async () => {
  stack = await startTestStack({ functionsDir: await fixtureFunctions(path.join(__dirname, 'fixtures', 'functions')) });
  h5Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fengqiao-h5-'));
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fengqiao-gw-'));
  fs.writeFileSync(path.join(h5Dir, 'index.html'), '<!doctype html><title>枫桥家园</title><div id="app"></div>');
  gateway = await startGateway(gatewayOptions());
});
afterAll(async () => {
  await gateway.close();
  await stack.close();
  fs.rmSync(h5Dir, { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const at = (p: string, gw = gateway) => `${gw.url}${p}`;

async function signIn(openid: string, cookie?: string): Promise<string> {
  const res = await fetch(at('/login'), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams({ openid }),
  });
  expect(res.status).toBe(303);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

const sessionStatus = async (cookie: string) => (await fetch(at('/api/session'), { headers: { cookie } })).status;

/** A request sent exactly as written (fetch would normalise the path or refuse odd headers). */
function raw(opts: { path: string; method?: string; headers?: http.OutgoingHttpHeaders; port?: number }): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: opts.port ?? gateway.port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('sign-in redirect (item 3)', () => {
  const attacks = [
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r\nSet-Cookie: x=1',
    '/\\evil.example',
    '/\\/evil.example',
    '//evil.example',
    '///evil.example',
    '/x/..//evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    '/%2F%2Fevil.example',
  ];

  it.each(attacks)('never leaves the gateway for next=%j', async (next) => {
    const res = await fetch(at('/login'), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ openid: 'o-resident', next }),
    });
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(new URL(location, gateway.url).origin).toBe(new URL(gateway.url).origin);
    expect(location).not.toMatch(/^\/\/|^\/\\|[\t\r\n]/);
  });

  it('keeps a same-origin deep link, its query and its hash route', async () => {
    const next = '/#/pages/cases/detail?id=c-1&from=share';
    const res = await fetch(at('/login'), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ openid: 'o-resident', next }),
    });
    expect(res.headers.get('location')).toBe(next);
  });

  it('does not offer a foreign next on the sign-in page', async () => {
    const page = await (await fetch(at('/login?next=%2F%09%2Fevil.example'))).text();
    expect(page).not.toContain('evil.example');
  });
});

describe('bodies over the limit answer 413, not a reset (item 4)', () => {
  const overMiB = JSON.stringify({ data: { pad: 'x'.repeat(1024 * 1024 + 10) } });

  it('on /api/functions, /api/subscribe and /login (JSON), and a login form over 64 KiB', async () => {
    const cookie = await signIn('o-resident');
    const json = { 'content-type': 'application/json', cookie };
    for (const [p, headers, body] of [
      ['/api/functions/whoami', json, overMiB],
      ['/api/subscribe', json, overMiB],
      ['/login', json, overMiB],
      ['/login', { 'content-type': 'application/x-www-form-urlencoded' }, `openid=o-resident&pad=${'x'.repeat(65 * 1024)}`],
    ] as const) {
      const res = await fetch(at(p), { method: 'POST', headers, body, redirect: 'manual' });
      expect([p, res.status]).toEqual([p, 413]);
      expect(((await res.json()) as { errMsg: string }).errMsg).toMatch(/请求体超过/);
    }
  });
});

describe('malformed percent-encoding answers 400, never 500 (item 5)', () => {
  it('a cookie fq_session=%ZZ is no session: pages still answer', async () => {
    expect((await fetch(at('/login'), { headers: { cookie: 'fq_session=%ZZ' } })).status).toBe(200);
    expect((await fetch(at('/'), { headers: { cookie: 'fq_session=%ZZ' }, redirect: 'manual' })).status).toBe(302);
    expect((await fetch(at('/api/session'), { headers: { cookie: 'fq_session=%ZZ' } })).status).toBe(401);
  });

  it('a function name or a static path with bad encoding or NUL', async () => {
    const cookie = await signIn('o-resident');
    const fn = await raw({ path: '/api/functions/%ZZ', method: 'POST', headers: { cookie, 'content-type': 'application/json' } });
    expect(fn.status).toBe(400);
    expect((await raw({ path: '/%ZZ', headers: { cookie } })).status).toBe(400);
    expect((await raw({ path: '/js/%00.js', headers: { cookie } })).status).toBe(400);
    expect((await raw({ path: '/%00', headers: { cookie } })).status).toBe(400);
  });
});

describe('sessions (item 7)', () => {
  it('sign-out revokes the cookie server-side, even a copy of it', async () => {
    const cookie = await signIn('o-resident');
    expect(await sessionStatus(cookie)).toBe(200);
    const out = await fetch(at('/logout'), { method: 'POST', headers: { cookie } });
    expect(out.status).toBe(200);
    expect(await sessionStatus(cookie)).toBe(401);
    const again = await signIn('o-resident');
    expect(await sessionStatus(again)).toBe(200);
  });

  it('switching person signs the previous one out first', async () => {
    const resident = await signIn('o-resident');
    const officer = await signIn('o-officer', resident);
    expect(await sessionStatus(resident)).toBe(401);
    expect(((await (await fetch(at('/api/session'), { headers: { cookie: officer } })).json()) as { openid: string }).openid).toBe('o-officer');
  });

  it('a revoked cookie stays revoked after the gateway restarts (the generations live in the data dir)', async () => {
    const cookie = await signIn('o-neighbour');
    await fetch(at('/logout'), { method: 'POST', headers: { cookie } });
    const restarted = await startGateway(gatewayOptions());
    try {
      expect((await fetch(at('/api/session', restarted), { headers: { cookie } })).status).toBe(401);
    } finally {
      await restarted.close();
    }
  });

  it('the app shell is never stored, so Back after switching does not show the previous person', async () => {
    const cookie = await signIn('o-resident');
    expect((await fetch(at('/'), { headers: { cookie } })).headers.get('cache-control')).toBe('no-store');
  });
});

describe('Host allow-list against DNS rebinding (item 7)', () => {
  it('refuses a foreign Host for the app and for /_dev, without printing the token', async () => {
    for (const p of ['/_dev', '/login', '/api/session']) {
      const res = await raw({ path: p, headers: { host: `evil.example:${gateway.port}` } });
      expect([p, res.status]).toEqual([p, 403]);
      expect(res.body).not.toContain(DEV_TOKEN);
    }
    const dev = await raw({ path: '/_dev', headers: { host: `localhost:${gateway.port}` } });
    expect(dev.status).toBe(200);
    expect((await raw({ path: '/login', headers: { host: `127.0.0.1:${gateway.port}` } })).status).toBe(200);
  });

  it('answers an extra allowed host name', async () => {
    const lan = await startGateway(gatewayOptions({ allowedHosts: ['fengqiao.local'] }));
    try {
      expect((await raw({ path: '/login', port: lan.port, headers: { host: 'fengqiao.local' } })).status).toBe(200);
      expect((await raw({ path: '/login', port: lan.port, headers: { host: 'fengqiao.local.evil.example' } })).status).toBe(403);
    } finally {
      await lan.close();
    }
  });
});

describe('a stalled body is not held (item 7)', () => {
  it('answers 408 once the request timeout passes, even with a valid session', async () => {
    const quick = await startGateway(gatewayOptions({ requestTimeoutMs: 1000, headersTimeoutMs: 800 }));
    try {
      const cookie = await signIn('o-resident');
      const started = Date.now();
      const status = await new Promise<number>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port: quick.port, method: 'POST', path: '/api/functions/whoami', headers: { cookie, 'content-type': 'application/json', 'content-length': 1000 } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.write('{"data":');
      });
      expect(status).toBe(408);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await quick.close();
    }
  });
});

describe('someone else\'s photo (item 1)', () => {
  async function upload(cookie: string, cloudPath: string, bytes: string): Promise<Response> {
    const form = new FormData();
    form.append('cloudPath', cloudPath);
    form.append('file', new Blob([Buffer.from(bytes)], { type: 'image/jpeg' }), 'photo.jpg');
    return fetch(at('/api/upload'), { method: 'POST', headers: { cookie }, body: form });
  }

  it('cannot be overwritten through /api/upload; the owner can replace their own', async () => {
    const resident = await signIn('o-resident');
    const neighbour = await signIn('o-neighbour');
    const cloudPath = `case-photos/${Date.now()}/door.jpg`;
    expect((await upload(resident, cloudPath, 'original')).status).toBe(200);
    const attack = await upload(neighbour, cloudPath, 'replaced');
    expect(attack.status).toBe(403);
    expect(((await attack.json()) as { errMsg: string }).errMsg).toMatch(/^cloud\.uploadFile:fail 没有权限/);
    expect((await upload(resident, cloudPath, 'mine again')).status).toBe(200);
    const meta = await fetch(`${stack.cloud.url}/admin?env=${stack.cloud.env.TCB_ENV}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'storage.getUploadMetadata', path: cloudPath, method: 'put' }),
    });
    const { data } = (await meta.json()) as { data: { download_url: string } };
    expect(await (await fetch(data.download_url)).text()).toBe('mine again');
  });
});
