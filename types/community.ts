/** Places: station → communities → grids → buildings/units. */
import { z } from './zod';
import { docId } from './common';

export const communitySummary = z.object({
  id: docId,
  name: z.string(),
  address: z.string().nullable(),
});
export type CommunitySummary = z.infer<typeof communitySummary>;

export const buildingView = z.object({
  id: docId,
  communityId: docId,
  name: z.string(),
  units: z.array(z.string()),
});
export type BuildingView = z.infer<typeof buildingView>;

export const gridSummary = z.object({
  id: docId,
  communityId: docId,
  communityName: z.string(),
  name: z.string(),
});
export type GridSummary = z.infer<typeof gridSummary>;
