/**
 * The group a card was opened from (issue 10). The page calls `wx.getGroupEnterInfo` and passes
 * `wx.cloud.CloudID(cloudID)` as the event's top-level `groupInfo`; CloudBase resolves it and the
 * function receives `{ cloudID, data: { opengid } }` (or `{ cloudID, errCode, errMsg }` when it could
 * not be resolved). Only that shape is trusted: `{ data: { opengid } }` without a CloudID, or with an
 * error, is what a client could type itself, and is refused.
 */
import { z } from '../../types/zod';
import { AppError } from '../platform/errors';

const resolvedGroupInfo = z.object({
  cloudID: z.string().min(1).max(512),
  data: z.object({ opengid: z.string().min(1).max(128) }),
  errCode: z.undefined().optional(),
});

export const NOT_FROM_GROUP = '请从社区微信群里的问卷卡片打开';

/** The opengid, or an AppError when the call did not come through a resolved CloudID. */
export function arrivedGroup(groupInfo: unknown): string {
  const parsed = resolvedGroupInfo.safeParse(groupInfo);
  if (!parsed.success) throw new AppError('INVALID_INPUT', NOT_FROM_GROUP, 'groupInfo');
  return parsed.data.data.opengid;
}
