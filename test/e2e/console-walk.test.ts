/**
 * The developer console (local cloud's /_dev, reached through the gateway as `npm start` serves it):
 * a resident files a report in the app; the console finds it as the newest case, shows the plan of
 * its queries, edits its description (with markup in it, which must stay text) and the app shows the
 * edit; the call log shows the report; then export, reset to the demo seed (the case is gone), import
 * the export, and the case is back, edit included.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { DemoPerson } from '../../local-stack/demo-people';
import { launchChromium } from './support/browser';
import { createKit, STEP_TIMEOUT_MS, waitUntil, walkSteps, type Kit } from './support/kit';
import { startE2EStack, type E2EStack } from './support/stack';
import { pagePath } from '../../types/routes';

jest.setTimeout(120_000);

let stack: E2EStack;
let browser: Browser;
let kit: Kit;
let desk: BrowserContext;
let consolePage: Page;
let exportDir: string;
const step = walkSteps();

const EDITED = '东侧消防通道已清理<img src=x onerror="window.__xss=1">请核实';

/** The app's own API, as the H5 client calls it through the gateway. */
async function callAs(person: DemoPerson, fn: string, data: Record<string, unknown>): Promise<{ ok: boolean; data?: Record<string, unknown>; error?: { code: string } }> {
  const login = await fetch(`${stack.url}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid: person.openid }) });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const res = await fetch(`${stack.url}/api/functions/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ data }) });
  return ((await res.json()) as { result: { ok: boolean; data?: Record<string, unknown>; error?: { code: string } } }).result;
}

async function caseCount(): Promise<number> {
  const list = (await (await fetch(`${stack.url}/_dev/api/collections`)).json()) as Array<{ name: string; count: number }>;
  return list.find((c) => c.name === 'cases')!.count;
}

async function status(text: RegExp): Promise<void> {
  await consolePage.locator('#status').filter({ hasText: text }).waitFor({ timeout: STEP_TIMEOUT_MS });
}

let seedCases = 0;
let caseId = '';

beforeAll(async () => {
  browser = await launchChromium();
  stack = await startE2EStack();
  kit = createKit(browser, stack, 'console');
  exportDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'console-walk-')), 'export');
  desk = await browser.newContext({ baseURL: stack.url, locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  desk.setDefaultTimeout(STEP_TIMEOUT_MS);
  // Reset and snapshot ask before they act.
  desk.on('page', (p) => p.on('dialog', (d) => void d.accept()));
}, 600_000);

afterAll(async () => {
  await desk?.close();
  await kit?.close();
  await browser?.close();
  await stack?.stop();
  if (exportDir) fs.rmSync(path.dirname(exportDir), { recursive: true, force: true });
});

step('a resident files a report in the app', async () => {
  seedCases = await caseCount();
  const result = await callAs(stack.person('刘玉芬'), 'cases', {
    action: 'create',
    input: {
      kind: 'report',
      category: 'fire_lane_blocked',
      description: '东侧消防通道被杂物堵住了',
      anonymous: false,
      clientRequestId: `console-walk-${Date.now()}`,
      photos: [],
      location: { point: { latitude: 39.12, longitude: 117.2, address: '梦和园东门' } },
    },
  });
  expect(result.ok).toBe(true);
  caseId = String((result.data!.case as { id: string }).id);
  expect(await caseCount()).toBe(seedCases + 1);
});

step('the console lists the collections with counts and indexes, and finds the newest case', async () => {
  consolePage = await desk.newPage();
  await consolePage.goto('/_dev');
  const cases = consolePage.locator('button.coll[data-collection="cases"]');
  await cases.waitFor();
  await expect(cases.textContent()).resolves.toContain(`${seedCases + 1} 条`);
  await expect(cases.textContent()).resolves.toContain('索引：');
  await cases.click();
  await consolePage.locator('#newest').click();
  const first = consolePage.locator('tr.doc-row').first();
  await waitUntil('the newest case on top', async () => (await first.getAttribute('data-id')) === caseId);
  await expect(consolePage.locator('#plan-examined').textContent()).resolves.toMatch(/检查文档 \d+ 个/);
  // By _id: the primary key, one document examined.
  await consolePage.locator('#filter').fill(JSON.stringify({ _id: caseId }));
  await consolePage.locator('#query').click();
  await consolePage.locator('#plan-index').filter({ hasText: '主键 _id' }).waitFor();
  await expect(consolePage.locator('#plan-examined').textContent()).resolves.toBe('检查文档 1 个');
  await kit.shot(consolePage, 'newest-case');
});

step('editing its description in the console shows in the app, as text', async () => {
  await consolePage.locator(`tr.doc-row[data-id="${caseId}"]`).click();
  const editor = consolePage.locator('#doc-editor');
  await waitUntil('the document in the editor', async () => (await editor.inputValue()).includes(caseId));
  const doc = JSON.parse(await editor.inputValue()) as Record<string, unknown>;
  expect(doc.createdAt).toEqual({ $date: expect.any(String) });
  await editor.fill(JSON.stringify({ ...doc, description: EDITED }, null, 2));
  await consolePage.locator('#save-doc').click();
  await status(/已保存/);
  // The row shows the markup as text; nothing ran.
  await consolePage.locator('#columns').fill('description,status');
  await consolePage.locator('#query').click();
  await consolePage.locator('tr.doc-row').filter({ hasText: '<img src=x' }).first().waitFor();
  expect(await consolePage.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

  const seen = await callAs(stack.person('刘玉芬'), 'cases', { action: 'get', input: { caseId } });
  expect((seen.data as { description: string }).description).toBe(EDITED);
  const phone = await kit.phone(stack.person('刘玉芬'), `/#${pagePath('caseDetail', { id: caseId })}`);
  await kit.see(phone, '东侧消防通道已清理<img src=x onerror="window.__xss=1">请核实');
  expect(await phone.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await kit.shot(phone, 'edited-in-app');
});

step('the call log shows the report with its caller, time and round trips', async () => {
  await consolePage.locator('nav button[data-tab="calls"]').click();
  await consolePage.locator('#calls-fn').fill('cases.create');
  await consolePage.locator('#calls-refresh').click();
  const row = consolePage.locator('tr.call-row').filter({ hasText: stack.person('刘玉芬').openid }).first();
  await row.waitFor();
  await expect(row.textContent()).resolves.toMatch(/create.*ms.*数据库 \d+.*成功/);
  await kit.shot(consolePage, 'calls');
});

step('export, reset to the demo seed (the case is gone), import: the case is back', async () => {
  await consolePage.locator('nav button[data-tab="data"]').click();
  await consolePage.locator('#export-dir').fill(exportDir);
  await consolePage.locator('#export').click();
  await status(/导出完成/);
  expect(fs.existsSync(path.join(exportDir, 'manifest.json'))).toBe(true);

  await consolePage.locator('#reset').click();
  await status(/重置完成/);
  expect(await caseCount()).toBe(seedCases);
  const gone = await callAs(stack.person('刘玉芬'), 'cases', { action: 'get', input: { caseId } });
  expect(gone.ok).toBe(false);

  await consolePage.locator('#import-dir').fill(exportDir);
  await consolePage.locator('#import-replace').check();
  await consolePage.locator('#import').click();
  await status(/导入完成/);
  expect(await caseCount()).toBe(seedCases + 1);
  const back = await callAs(stack.person('刘玉芬'), 'cases', { action: 'get', input: { caseId } });
  expect((back.data as { description: string }).description).toBe(EDITED);
  await kit.shot(consolePage, 'imported');
});

step('fires a timer trigger and shows the outbox and the stored files', async () => {
  await consolePage.locator('nav button[data-tab="triggers"]').click();
  await consolePage.locator('button[data-fire="scheduler"]').click();
  await status(/已触发 scheduler/);
  await consolePage.locator('nav button[data-tab="outbox"]').click();
  await consolePage.getByText('订阅消息发件箱').waitFor();
  await consolePage.locator('nav button[data-tab="files"]').click();
  await consolePage.locator('#files a').first().waitFor();
  await kit.shot(consolePage, 'files');
});
