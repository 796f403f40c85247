/**
 * One walk file's browser, stack and kit: started in beforeAll (the first walk of a run may build
 * dist/h5, hence 600 s) and closed in afterAll. The kit it returns works in steps and in later hooks;
 * `stack` and `browser` are there once beforeAll has run.
 */
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { createKit, type Kit } from './kit';
import { throughSubmitted } from './session';
import { startE2EStack, type E2EStack } from './stack';

export interface Walk extends Kit {
  readonly stack: E2EStack;
  readonly browser: Browser;
  /** Through the "submitted" screen to the new case's page (a failure is explained); the case's id. */
  submitted(page: Page): Promise<string>;
}

export function browserWalk(prefix: string): Walk {
  let started: { browser: Browser; stack: E2EStack; kit: Kit } | undefined;
  let browser: Browser | undefined;
  let stack: E2EStack | undefined;
  beforeAll(async () => {
    // Chromium first: when it is missing, that one line is the whole failure.
    browser = await launchChromium();
    stack = await startE2EStack();
    started = { browser, stack, kit: createKit(browser, stack, prefix) };
  }, 600_000);
  afterAll(async () => {
    await started?.kit.close();
    await browser?.close();
    await stack?.stop();
  });
  const now = () => {
    if (!started) throw new Error('the walk starts its browser and stack in beforeAll');
    return started;
  };
  const walk: Walk = {
    get stack() {
      return now().stack;
    },
    get browser() {
      return now().browser;
    },
    phone: (...args) => now().kit.phone(...args),
    see: (...args) => now().kit.see(...args),
    shot: (...args) => now().kit.shot(...args),
    explain: (...args) => now().kit.explain(...args),
    close: () => now().kit.close(),
    async submitted(page) {
      await throughSubmitted(page).catch(async (err: unknown) => {
        throw await walk.explain(page, err);
      });
      const id = new URL(page.url().replace('/#/', '/')).searchParams.get('id') ?? '';
      expect(id).not.toBe('');
      return id;
    },
  };
  return walk;
}
