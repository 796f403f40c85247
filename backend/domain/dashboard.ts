/** `station.dashboard`: the desk's numbers for a period and scope (sections: domain/dashboardSections.ts). */
import type { FnOutput, FnParsedInput } from '../../types/registry';
import type { CallContext } from './callContext';
import { computeSections } from './dashboardSections';
import { resolveDeskScope } from './deskScope';
import { organisation } from './organisation';
import { serviceLevels } from './serviceLevels';

export async function dashboard(input: FnParsedInput<'station.dashboard'>, ctx: CallContext): Promise<FnOutput<'station.dashboard'>> {
  const org = await organisation(ctx.now);
  const { scope, places, ownGridsOnly, filter } = await resolveDeskScope(ctx, org, input);
  const from = new Date(input.from);
  const to = new Date(input.to);
  const sl = serviceLevels();
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    scope: { ...filter, ownGridsOnly },
    serviceLevels: { urgentAcceptMinutes: sl.urgentAcceptMinutes, normalAcceptHours: sl.normalAcceptHours, mediationLimitDays: sl.mediationLimitDays },
    sections: await computeSections({ scope, places, from, to, now: ctx.now, org }),
  };
}
