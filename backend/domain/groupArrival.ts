/**
 * The group a card was opened from (issue 10). The page calls `wx.getGroupEnterInfo` and passes
 * `wx.cloud.CloudID(cloudID)` as the event's top-level `groupInfo`; CloudBase replaces it with
 * `{ cloudID, data }` on the way in. Nothing of that event is trusted but the id itself: the
 * function asks WeChat for the id's data (`cloud.getOpenData`), which answers only for an id issued
 * to this very caller. A `{ cloudID: 'x', data: { opengid } }` typed by a client (or arriving by a
 * path that resolves nothing) is refused.
 */
import { z } from '../../types/zod';
import { AppError } from '../platform/errors';
import { openDataOf } from '../platform/openapi';

const sentGroupInfo = z.object({ cloudID: z.string().min(1).max(512) });
const resolvedGroup = z.object({
  data: z.object({ opengid: z.string().min(1).max(128) }),
  errCode: z.undefined().optional(),
});

export const NOT_FROM_GROUP = '请从社区微信群里的问卷卡片打开';

/** The opengid WeChat vouches for, or an AppError when the call did not come through a real CloudID. */
export async function arrivedGroup(groupInfo: unknown): Promise<string> {
  const sent = sentGroupInfo.safeParse(groupInfo);
  if (!sent.success) throw new AppError('INVALID_INPUT', NOT_FROM_GROUP, 'groupInfo');
  const resolved = resolvedGroup.safeParse(await openDataOf(sent.data.cloudID));
  if (!resolved.success) throw new AppError('INVALID_INPUT', NOT_FROM_GROUP, 'groupInfo');
  return resolved.data.data.opengid;
}
