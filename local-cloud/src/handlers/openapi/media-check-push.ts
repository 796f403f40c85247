import type { LocalCloudContext, SecCheckWord } from '../../context';
import type { MediaCheckStore } from './media-check-store';

/** WeChat's v2 label for a clean verdict. */
const PASS_LABEL = 100;
/** Delays between attempts when the receiving function fails (WeChat retries a failed push). */
const RETRY_DELAYS_MS = [1000, 3000];
const DEFAULT_DELAY_MS = 50;

export interface MediaVerdict {
  suggest: 'pass' | 'risky';
  label: number;
}

/** `risky` with the label of the first configured word found in the URL or file name, else `pass`. */
export function mediaVerdict(words: SecCheckWord[], mediaUrl: string): MediaVerdict {
  let text = mediaUrl;
  try {
    text = decodeURIComponent(mediaUrl);
  } catch {
    // A URL with a stray % is still matched as it is.
  }
  const lower = text.toLowerCase();
  const hit = words.find((w) => w.word && lower.includes(w.word.toLowerCase()));
  return hit ? { suggest: 'risky', label: hit.label } : { suggest: 'pass', label: PASS_LABEL };
}

/** The event WeChat pushes to the message-push receiver when an asynchronous check finishes. */
export function mediaCheckEvent(traceId: string, verdict: MediaVerdict, envId: string): Record<string, unknown> {
  return {
    ToUserName: `gh_${envId}`,
    FromUserName: 'local-cloud',
    CreateTime: Math.floor(Date.now() / 1000),
    MsgType: 'event',
    Event: 'wxa_media_check',
    appid: 'wx-local-cloud',
    trace_id: traceId,
    version: 2,
    detail: [{ strategy: 'content_model', errcode: 0, suggest: verdict.suggest, label: verdict.label, prob: 90 }],
    errcode: 0,
    errmsg: 'ok',
    result: { suggest: verdict.suggest, label: verdict.label },
  };
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

/**
 * Delivers verdicts asynchronously through `ctx.functionRunner`, as WeChat's message push calls
 * the configured cloud function. A failing receiver is retried twice; every attempt is recorded.
 * Timers are cancelled on close so nothing touches a closed database.
 */
export class MediaCheckPusher {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly ctx: LocalCloudContext,
    private readonly store: MediaCheckStore,
    readonly functionName: string,
    private readonly delayMs = DEFAULT_DELAY_MS,
  ) {}

  schedule(traceId: string, verdict: MediaVerdict): void {
    this.later(this.delayMs, () => this.attempt(traceId, verdict, 0));
  }

  private later(ms: number, run: () => Promise<void>): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.closed) void run();
    }, ms);
    this.timers.add(timer);
  }

  private async attempt(traceId: string, verdict: MediaVerdict, index: number): Promise<void> {
    const runner = this.ctx.functionRunner;
    let error: string | null = null;
    try {
      if (!runner) throw new Error('local cloud has no function runner to deliver the push');
      await runner(this.functionName, mediaCheckEvent(traceId, verdict, this.ctx.options.envId));
    } catch (err) {
      error = describe(err);
    }
    if (this.closed) return;
    const gaveUp = error !== null && index >= RETRY_DELAYS_MS.length;
    this.store.recordAttempt(traceId, error === null ? { ok: true } : { ok: false, error, gaveUp });
    this.ctx.log(`[local-cloud] wxa_media_check ${traceId} → ${this.functionName}: ${error === null ? verdict.suggest : `failed (${error})`}`);
    if (error !== null && !gaveUp) this.later(RETRY_DELAYS_MS[index]!, () => this.attempt(traceId, verdict, index + 1));
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
