/** Reading and touching a page rendered by miniprogram-simulate (j-component over exparser, in jsdom). */
import path from 'node:path';
import type { RenderedComponent } from './mini-program';

interface ExparserEvent {
  readonly type: string;
}
interface Exparser {
  Event: {
    create(name: string, detail: unknown, options: Record<string, unknown>): ExparserEvent;
    dispatchEvent(target: unknown, event: ExparserEvent): void;
  };
}

/** The exparser instance j-component renders with (resolved from j-component, so it is the same module). */
function exparser(): Exparser {
  const from = path.dirname(require.resolve('j-component'));
  return require(require.resolve('miniprogram-exparser', { paths: [from] })) as Exparser;
}

export function textOf(page: RenderedComponent): string {
  return page.dom.textContent ?? '';
}

/**
 * The element whose class contains `classPart` and whose text contains `text`. Class names carry
 * miniprogram-simulate's tag prefix (`main--…`), hence the substring match.
 */
export function findByText(page: RenderedComponent, text: string, classPart: string): HTMLElement {
  const candidates = Array.from(page.dom.querySelectorAll<HTMLElement>(`[class*="${classPart}"]`)).filter(
    (el) => (el.getAttribute('class') ?? '').split(/\s+/).some((c) => c === classPart || c.endsWith(`--${classPart}`)) && (el.textContent ?? '').includes(text),
  );
  if (candidates.length === 0) throw new Error(`no .${classPart} containing "${text}" in:\n${textOf(page).slice(0, 500)}`);
  return candidates[candidates.length - 1];
}

/**
 * A tap as WeChat delivers it: the exparser `tap` event on the element, bubbling through the page's
 * template tree to Taro's event handler (`bindtap="eh"`).
 */
export function tap(element: HTMLElement): void {
  const node = (element as HTMLElement & { __wxElement?: unknown }).__wxElement;
  if (!node) throw new Error('element is not rendered by exparser');
  const ex = exparser();
  ex.Event.dispatchEvent(node, ex.Event.create('tap', { x: 0, y: 0 }, { bubbles: true, composed: true, capturePhase: true }));
}

/**
 * Resolves once `done(text)` holds, letting timers and promises run in between (Taro batches
 * setData on a later tick; the cloud shim answers on a later tick). Fails after `timeoutMs`.
 */
export async function settle(page: RenderedComponent, done: (text: string) => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (done(textOf(page))) return;
    if (Date.now() > deadline) throw new Error(`page did not reach the expected state within ${timeoutMs} ms; it shows:\n${textOf(page).slice(0, 800)}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
