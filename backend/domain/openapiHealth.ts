/**
 * The post-deploy smoke check: a function tries every openapi call its own config.json declares
 * (the list is read from the config.json deployed with the code, never kept by hand), with input
 * WeChat refuses harmlessly (nothing is sent, queued or stored). What the deploy cannot apply
 * (permissions.openapi is registered only by an upload from WeChat DevTools) is caught here. Every
 * function answers a caller-less `{Type:'Health'}` invocation (npm run deploy sends it; see
 * request/defineFunction.ts); `cases.health` and `scheduler.health` let a station admin run it.
 */
import type { HealthOutput, OpenApiProbe } from '../../types/health';
import { declaredOpenapi } from '../platform/functionConfig';
import { probeOpenApi } from '../platform/openapi';

/** An OPENID for the probes that need one when the deploy invokes the function without a caller. */
const PROBE_OPENID = 'fq-health-probe';

/** Probes in declaration order; the answer names every declared API, so a missing one shows as unchecked. */
export async function checkDeclaredOpenApi(openid: string | null): Promise<HealthOutput> {
  const declared = declaredOpenapi();
  if (declared === null) {
    return { apis: [{ api: 'config.json', status: 'error', errCode: null, message: '读不到本函数的 config.json，无法得知它声明了哪些接口' }] };
  }
  const apis: OpenApiProbe[] = [];
  for (const api of declared) apis.push(await probeOpenApi(api, openid ?? PROBE_OPENID));
  return { apis };
}

export function isHealthEvent(event: unknown): boolean {
  return !!event && typeof event === 'object' && (event as { Type?: unknown }).Type === 'Health';
}
