/**
 * The post-deploy smoke check: each function tries every openapi call its config.json declares, with
 * input WeChat refuses harmlessly (nothing is sent, queued or stored). What the deploy cannot apply
 * (permissions.openapi is registered only by an upload from WeChat DevTools) is caught here. Run by
 * `npm run deploy` through a caller-less `{Type:'Health'}` invocation, or by a station admin.
 */
import type { HealthOutput, OpenApiProbe } from '../../types/health';

/** An OPENID for the probes that need one when the deploy invokes the function without a caller. */
const PROBE_OPENID = 'fq-health-probe';

export type Probe = (openid: string) => Promise<OpenApiProbe>;

/** Probes in order; the answer names every declared API, so a missing one shows as unchecked. */
export async function checkOpenApi(probes: readonly Probe[], openid: string | null): Promise<HealthOutput> {
  const apis: OpenApiProbe[] = [];
  for (const p of probes) apis.push(await p(openid ?? PROBE_OPENID));
  return { apis };
}

export function isHealthEvent(event: unknown): boolean {
  return !!event && typeof event === 'object' && (event as { Type?: unknown }).Type === 'Health';
}
