import type { CaseStatus, TimelineType } from '../../types/case';
import type { CaseDoc, TimelineDoc } from '../data/cases';
import type { UserDoc } from '../data/users';
import { randomId } from '../platform/ids';

export interface Actor {
  kind: TimelineDoc['actorKind'];
  id: string | null;
  name: string;
}

export const systemActor: Actor = { kind: 'system', id: null, name: '系统' };

/**
 * How a resident appears in history: an anonymous reporter is never named, to anyone. Others
 * (a joiner) are stored by name: views show it only to themselves and to staff (caseViews.ts).
 */
export function residentActor(user: UserDoc | null, openid: string, c: Pick<CaseDoc, 'anonymous' | 'reporterId'> | null): Actor {
  if (c && c.reporterId === openid && c.anonymous) return { kind: 'resident', id: openid, name: '匿名居民' };
  return { kind: 'resident', id: openid, name: user?.name ?? '居民' };
}

export function staffActor(user: UserDoc | null, openid: string): Actor {
  const name = user?.staff ? `${user.staff.name}（${user.staff.title}）` : '工作人员';
  return { kind: 'staff', id: openid, name };
}

export function entry(
  type: TimelineType,
  actor: Actor,
  at: Date,
  opts: { from?: CaseStatus | null; to?: CaseStatus | null; text?: string | null; internal?: boolean } = {},
): TimelineDoc {
  return {
    id: randomId().slice(0, 12),
    at,
    type,
    actorKind: actor.kind,
    actorId: actor.id,
    actorName: actor.name,
    fromStatus: opts.from ?? null,
    toStatus: opts.to ?? null,
    text: opts.text ?? null,
    visibility: opts.internal ? 'internal' : 'public',
  };
}
