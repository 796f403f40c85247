/** The post-deploy smoke check (`cases.health`, `scheduler.health`): can this function call its openapi? */
import { z } from './zod';

export const healthInput = z.object({}).strict();

export const openapiProbe = z.object({
  /** e.g. `subscribeMessage.send`, as config.json's permissions.openapi names it. */
  api: z.string(),
  /** `missingPermission`: WeChat refused for want of the declared permission (-604101). */
  status: z.enum(['ok', 'missingPermission', 'error']),
  errCode: z.number().nullable(),
  message: z.string(),
});
export type OpenApiProbe = z.infer<typeof openapiProbe>;

export const healthOutput = z.object({ apis: z.array(openapiProbe) });
export type HealthOutput = z.infer<typeof healthOutput>;
