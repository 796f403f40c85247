import type { ApiPair } from '../../protocol/protobuf';
import { WxErr } from './wx-answer';

/**
 * The SDK sends each top-level parameter as a pair whose value is its JSON text (snake_cased).
 * WeChat rebuilds one JSON body from them; a pair that is not JSON makes that body unparseable.
 */
export function pairsToRequest(pairs: ApiPair[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const pair of pairs) {
    if (pair.contentType || pair.filename) {
      out[pair.key] = { contentType: pair.contentType ?? '', filename: pair.filename ?? '', size: pair.value.length };
      continue;
    }
    try {
      out[pair.key] = JSON.parse(pair.value.toString('utf8'));
    } catch {
      throw WxErr.dataFormat();
    }
  }
  return out;
}

export function optionalString(req: Record<string, unknown>, key: string): string | undefined {
  const v = req[key];
  return typeof v === 'string' ? v : undefined;
}
