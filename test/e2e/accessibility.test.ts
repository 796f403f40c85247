/**
 * issue 14: every resident and staff page of the H5 build, in normal mode and in 长辈模式, checked by
 * machine: axe-core (0 serious or critical violations), the computed font sizes (normal: none under
 * 14 px; elder: none under 16 px, body text 18 px) and the boxes of tap targets (≥ 44×44 px; elder
 * buttons ≥ 48 px high). Screenshots of home, report, case and inbox in both modes are kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { loadSdk, type Loose } from '../local-cloud/helpers';
import { createKit, waitUntil, type Kit } from './support/kit';
import { startE2EStack, type E2EStack } from './support/stack';
import { pagePath, type RouteName } from '../../types/routes';

// 13 pages × 2 modes with axe each: long on a shared machine.
jest.setTimeout(1_200_000);

const PROBLEMS_FILE = path.join(__dirname, '..', '..', 'test-results', 'a11y-problems.txt');

let stack: E2EStack;
let browser: Browser;
let kit: Kit;

beforeAll(async () => {
  fs.mkdirSync(path.dirname(PROBLEMS_FILE), { recursive: true });
  fs.writeFileSync(PROBLEMS_FILE, '');
  browser = await launchChromium();
  stack = await startE2EStack();
  kit = createKit(browser, stack, 'a11y');
}, 600_000);

afterAll(async () => {
  await kit?.close();
  await browser?.close();
  await stack?.stop();
});

type Mode = 'normal' | 'elder';
const MODES: Mode[] = ['normal', 'elder'];

/** Everything a finger is meant to tap in our pages (Taro H5 renders View onClick as plain divs). */
const TAP_TARGETS = [
  'button', 'a[href]', '[role="button"]', '.nut-button', '.fq-choices__item', '.fq-case-row', '.home__entry', '.home__mine',
  '.home__workbench', '.home__hello-change', '.home__notice', '.join__cell', '.join__option', '.rate__star', '.fq-photos__remove',
  '.fq-photos__add', '.notifications__read-all', '.notifications__item', '.fq-list__tab', '.fq-station-strip',
].join(', ');

interface Measured {
  smallText: { text: string; px: number }[];
  bodyPx: number;
  smallTargets: { what: string; w: number; h: number }[];
  shortButtons: { what: string; h: number }[];
}

/** Measures the page on screen (Taro keeps earlier pages in the DOM, hidden: only what is visible counts). */
function measure(page: Page, selectors: string): Promise<Measured> {
  return page.evaluate((sel) => {
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && el.closest('[aria-hidden="true"]') === null;
    };
    const label = (el: Element) => `${el.tagName.toLowerCase()}.${String((el as HTMLElement).className).split(' ').slice(0, 2).join('.')} "${(el.textContent ?? '').trim().slice(0, 16)}"`;
    const smallText: { text: string; px: number }[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const own = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
      if (!own || !visible(el)) continue;
      const px = parseFloat(getComputedStyle(el).fontSize);
      smallText.push({ text: `${label(el)}`, px });
    }
    const smallTargets: { what: string; w: number; h: number }[] = [];
    const shortButtons: { what: string; h: number }[] = [];
    for (const el of Array.from(document.querySelectorAll(sel))) {
      if (!visible(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.width < 43.5 || r.height < 43.5) smallTargets.push({ what: label(el), w: Math.round(r.width), h: Math.round(r.height) });
      if (el.classList.contains('nut-button')) shortButtons.push({ what: label(el), h: Math.round(r.height) });
    }
    return { smallText, bodyPx: parseFloat(getComputedStyle(document.body).fontSize), smallTargets, shortButtons };
  }, selectors);
}

async function setMode(page: Page, mode: Mode): Promise<void> {
  // Taro H5 keeps storage as {data}: the same value the 我的信息 switch writes.
  await page.evaluate((m) => localStorage.setItem('fq-elder-mode', JSON.stringify({ data: m === 'elder' ? 'on' : 'off' })), mode);
}

/** Function calls in flight per page (the H5 client's fetches to the gateway). */
const inFlight = new WeakMap<Page, Set<unknown>>();

function trackCalls(page: Page): void {
  const open = new Set<unknown>();
  inFlight.set(page, open);
  const isCall = (url: string) => url.includes('/api/functions/');
  page.on('request', (r) => { if (isCall(r.url())) open.add(r); });
  page.on('requestfinished', (r) => { open.delete(r); });
  page.on('requestfailed', (r) => { open.delete(r); });
}

/**
 * Opens a page fresh (one page in the DOM) and waits until it has loaded all its content: its text is
 * there, every function call it made has answered (home's notices and badges come after its first
 * text), and the DOM has stopped changing, so late content is measured too.
 */
async function open(page: Page, url: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(url);
  await page.waitForFunction(() => {
    const pages = Array.from(document.querySelectorAll('.taro_page')).filter((p) => (p as HTMLElement).offsetParent !== null || getComputedStyle(p).display !== 'none');
    const text = (pages[pages.length - 1] as HTMLElement | undefined)?.innerText ?? '';
    return text.trim().length > 8 && !text.includes('正在加载');
  }, undefined, { timeout: 20_000 });
  await waitUntil(`${url}'s function calls to answer`, async () => (inFlight.get(page)?.size ?? 0) === 0);
  // Rendered: no DOM change for a few frames' time after the last answer (React renders it in transitions).
  const settled = await page.evaluate(() => new Promise<boolean>((resolve) => {
    const deadline = setTimeout(() => finish(false), 10_000);
    let quiet = setTimeout(() => finish(true), 150);
    const observer = new MutationObserver(() => { clearTimeout(quiet); quiet = setTimeout(() => finish(true), 150); });
    function finish(ok: boolean) { observer.disconnect(); clearTimeout(deadline); clearTimeout(quiet); resolve(ok); }
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  }));
  if (!settled) throw new Error(`${url} kept changing for 10 s after its calls answered`);
  // Let NutUI's transitions settle before measuring.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), undefined, { timeout: 5_000 }).catch(() => undefined);
}

async function check(page: Page, mode: Mode, where: string): Promise<string[]> {
  const problems: string[] = [];
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  for (const v of axe.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
    problems.push(`${where} [${mode}] axe ${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  }
  const m = await measure(page, TAP_TARGETS);
  const floor = mode === 'elder' ? 16 : 14;
  for (const t of m.smallText.filter((x) => x.px < floor - 0.01)) problems.push(`${where} [${mode}] text ${t.px}px < ${floor}px: ${t.text}`);
  if (mode === 'elder' && m.bodyPx < 18) problems.push(`${where} [elder] body text ${m.bodyPx}px < 18px`);
  for (const t of m.smallTargets) problems.push(`${where} [${mode}] tap target ${t.w}×${t.h} < 44×44: ${t.what}`);
  if (mode === 'elder') for (const b of m.shortButtons.filter((x) => x.h < 48)) problems.push(`${where} [elder] button ${b.h}px high < 48px: ${b.what}`);
  return problems;
}

interface Stop {
  route: RouteName;
  params?: Record<string, string>;
  shot?: string;
}

function urlOf(stop: Stop): string {
  const path = pagePath(stop.route as 'home');
  const query = stop.params ? `?${new URLSearchParams(stop.params).toString()}` : '';
  return `/#${path}${query}`;
}

async function casesOf(field: 'reporterId' | 'assigneeId', openid: string): Promise<{ _id: string; kind: string; status: string }[]> {
  const cases = (loadSdk(stack.local.cloud) as Loose).database().collection('cases');
  const res = (await cases.where({ [field]: openid }).orderBy('createdAt', 'desc').limit(50).get()) as { data: { _id: string; kind: string; status: string }[] };
  return res.data;
}

async function walk(person: string, stops: Stop[]): Promise<string[]> {
  const problems: string[] = [];
  for (const mode of MODES) {
    const page = await kit.phone(stack.person(person));
    trackCalls(page);
    await setMode(page, mode);
    for (const stop of stops) {
      const where = `${stop.route}${stop.params ? `?${new URLSearchParams(stop.params).toString()}` : ''}`;
      try {
        await open(page, urlOf(stop));
      } catch (err) {
        throw await kit.explain(page, err);
      }
      if (mode === 'elder') expect(await page.evaluate(() => document.documentElement.classList.contains('fq-elder'))).toBe(true);
      const found = await check(page, mode, where);
      // Written as found, so a slow run that is cut short still says what it saw.
      if (found.length) fs.appendFileSync(PROBLEMS_FILE, `${found.join('\n')}\n`);
      problems.push(...found);
      if (stop.shot) await kit.shot(page, `${stop.shot}-${mode}`);
    }
  }
  return problems;
}

test('every resident page passes axe, the type floors and the tap-target sizes, in both modes', async () => {
  const resident = stack.person('刘玉芬');
  const mine = await casesOf('reporterId', resident.openid);
  const aCase = mine.find((c) => c.kind === 'report') ?? mine[0]!;
  const problems = await walk('刘玉芬', [
    { route: 'home', shot: 'home' },
    { route: 'report', shot: 'report' },
    { route: 'help' },
    { route: 'mediation' },
    { route: 'myCases' },
    { route: 'caseDetail', params: { id: aCase._id }, shot: 'case' },
    { route: 'caseSubmitted', params: { id: aCase._id } },
    { route: 'rate', params: { id: aCase._id } },
    { route: 'notifications' },
    // issue 10: 通知与问卷 (past months' surveys, 下月问卷提醒, the notices)
    { route: 'noticeList', shot: 'notices' },
    { route: 'myData' },
    { route: 'privacy' },
    { route: 'join' },
    { route: 'staffRedeem' },
  ]);
  expect(problems).toEqual([]);
});

test('every staff page passes axe, the type floors and the tap-target sizes, in both modes', async () => {
  const officer = stack.person('周建军');
  const his = await casesOf('assigneeId', officer.openid);
  const aCase = his.find((c) => c.kind !== 'mediation') ?? his[0]!;
  const mediation = his.find((c) => c.kind === 'mediation');
  const problems = await walk('周建军', [
    { route: 'home' },
    { route: 'staffInbox', shot: 'inbox' },
    { route: 'staffCase', params: { id: aCase._id } },
    { route: 'mediationBench' },
    ...(mediation ? [{ route: 'mediationCase' as const, params: { id: mediation._id } }] : []),
  ]);
  expect(problems).toEqual([]);
});

test('长辈模式 comes on by itself when the browser\'s default text is large, and the resident\'s own choice wins', async () => {
  const page = await kit.phone(stack.person('刘玉芬'));
  const cdp = await page.context().newCDPSession(page);
  const elderOn = async () => {
    await open(page, urlOf({ route: 'home' }));
    return page.evaluate(() => document.documentElement.classList.contains('fq-elder'));
  };
  await page.evaluate(() => localStorage.removeItem('fq-elder-mode'));
  expect(await elderOn()).toBe(false);
  // The browser's counterpart of WeChat's font setting: its default ("medium") text size.
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: 20 } });
  expect(await elderOn()).toBe(true);
  await setMode(page, 'normal');
  expect(await elderOn()).toBe(false);
  await page.close();
});
