/**
 * What every walk needs, bound to one stack and one browser: a signed-in phone per person, waiting for
 * text to appear (a failure names what the browser and the stack said and leaves a screenshot), and
 * numbered screenshots kept as artifacts.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { DemoPerson } from '../../../local-stack/demo-people';
import { collectPageErrors, newPhoneContext, snap } from './browser';
import { HOME_PATH, signIn } from './session';
import type { E2EStack } from './stack';

/** Generous for 2 shared cores running Taro builds beside us; a healthy step takes well under a second. */
export const STEP_TIMEOUT_MS = 20_000;

/** A NutUI button (H5: `.nut-button`) whose whole label is `label`, so "受理" never matches "不予受理". */
export function button(scope: Page | Locator, label: string): Locator {
  const exact = new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  return scope.locator('.nut-button').filter({ hasText: exact, visible: true });
}

/** A text box of Taro H5 (`taro-input-core` / `taro-textarea-core` wrap the real element) by its placeholder. */
export function field(page: Page, placeholder: string, match: 'exact' | 'prefix' = 'exact'): Locator {
  const op = match === 'exact' ? '=' : '^=';
  const value = JSON.stringify(placeholder);
  return page.locator(`input[placeholder${op}${value}], textarea[placeholder${op}${value}]`);
}

/**
 * `test()` for the steps of one walk, which build on each other: once a step fails, the later ones
 * fail at once (naming the cause) instead of each waiting out its timeouts.
 */
export function walkSteps(): (name: string, run: () => Promise<void>) => void {
  let failed: string | null = null;
  return (name, run) =>
    test(name, async () => {
      if (failed) throw new Error(`not run: the earlier step "${failed}" failed`);
      try {
        await run();
      } catch (err) {
        failed = name;
        throw err;
      }
    });
}

/**
 * Resolves with the first truthy value of `probe()`, asking again after each answer (no fixed sleeps:
 * each probe is a request to the stack). Fails after `timeoutMs` with the last value seen.
 */
export async function waitUntil<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = STEP_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    const value = await probe();
    if (value) return value;
    last = value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface Kit {
  /** A fresh phone (own cookies and storage) signed in as `person`, opened at `path`; in Beijing time unless `timezoneId` says. */
  phone(person: DemoPerson, path?: string, timezoneId?: string): Promise<Page>;
  /** Waits until `text` is visible on the page; returns its locator. */
  see(page: Page, text: string | RegExp, within?: Locator): Promise<Locator>;
  /** Screenshot test-results/screenshots/<prefix>-<NN>-<name>.png. */
  shot(page: Page, name: string): Promise<string>;
  /** Wraps an error with the page's errors and the stack's recent log lines, after a screenshot of the page. */
  explain(page: Page, err: unknown): Promise<Error>;
  close(): Promise<void>;
}

export function createKit(browser: Browser, stack: E2EStack, prefix: string): Kit {
  const contexts: BrowserContext[] = [];
  const errorsOf = new WeakMap<Page, string[]>();
  let shots = 0;

  const kit: Kit = {
    async phone(person, path = HOME_PATH, timezoneId) {
      const context = await newPhoneContext(browser, stack.url, timezoneId);
      context.setDefaultTimeout(STEP_TIMEOUT_MS);
      contexts.push(context);
      const page = await signIn(context, person, path);
      errorsOf.set(page, collectPageErrors(page));
      return page;
    },
    async see(page, text, within) {
      // Taro H5 keeps earlier pages of the stack in the DOM, hidden: only visible text counts.
      const target = (within ?? page.locator('body')).getByText(text).filter({ visible: true }).first();
      try {
        await target.waitFor({ state: 'visible' });
      } catch (err) {
        throw await kit.explain(page, err);
      }
      return target;
    },
    shot(page, name) {
      shots += 1;
      return snap(page, `${prefix}-${String(shots).padStart(2, '0')}-${name}`);
    },
    async explain(page, err) {
      const safeName = (expect.getState().currentTestName ?? 'unknown').replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60);
      await snap(page, `${prefix}-FAILED-${safeName}`).catch(() => undefined);
      const browserSide = errorsOf.get(page) ?? [];
      return new Error(
        `${(err as Error)?.message ?? String(err)}\n  at ${page.url()}\n--- browser ---\n${browserSide.slice(-15).join('\n') || '(nothing)'}\n--- stack (last 25 lines) ---\n${stack.logs.slice(-25).join('\n')}`,
      );
    },
    async close() {
      await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    },
  };
  return kit;
}
