/**
 * Debian Chromium driven by playwright-core (which downloads no browser), with a phone-sized touch
 * context: Taro H5 buttons fire on touch, so a mouse click never submits a form — walks use tap().
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT } from '../../../scripts/taro-build';

export const CHROMIUM_MISSING = 'Chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH)';

/** Flags from the toolchain notes: headless, no sandbox (containers), nothing that phones home. */
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!fs.existsSync(executablePath)) {
    // One line, without a stack: the fix is an install, not a debugging session.
    const err = new Error(CHROMIUM_MISSING);
    err.stack = CHROMIUM_MISSING;
    throw err;
  }
  return chromium.launch({ executablePath, args: CHROMIUM_FLAGS });
}

/** An iPhone-X-sized touch phone, Chinese locale and (unless told otherwise) Beijing time like our users. */
export function newPhoneContext(browser: Browser, baseURL: string, timezoneId = 'Asia/Shanghai'): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    hasTouch: true,
    isMobile: true,
    locale: 'zh-CN',
    timezoneId,
  });
}

export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results', 'screenshots');

/** Saves a full-page screenshot as a test artifact: test-results/screenshots/<name>.png. */
export async function snap(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  // Taro H5 slides pages in: let the slide finish (bounded) so the shot shows one page, not two.
  await page
    .waitForFunction(() =>
        document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity) &&
        document.documentElement.scrollWidth <= window.innerWidth + 1, undefined, { timeout: 3_000 })
    .catch(() => undefined);
  // Taro H5 scrolls inside the page element, not the document, so a full-page shot would stop at the
  // fold: grow the viewport to the tallest visible scroller for the shot, then put it back.
  const viewport = page.viewportSize();
  const contentHeight = await page.evaluate(() => {
    let tallest = window.innerHeight;
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      const style = getComputedStyle(el);
      if (!/(auto|scroll)/.test(style.overflowY) || el.scrollHeight <= el.clientHeight || el.offsetParent === null) continue;
      el.scrollTop = 0;
      tallest = Math.max(tallest, el.scrollHeight + el.getBoundingClientRect().top);
    }
    return Math.ceil(tallest);
  });
  const grow = viewport !== null && contentHeight > viewport.height;
  if (grow) await page.setViewportSize({ width: viewport.width, height: Math.min(contentHeight, 4000) });
  try {
    await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  } finally {
    if (grow) await page.setViewportSize(viewport);
  }
  return file;
}

/**
 * Browser-side errors are collected, not thrown: a test asserts on them where it matters, and a
 * failing walk prints them so the cause is visible without a rerun.
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
  });
  return errors;
}
