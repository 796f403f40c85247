/**
 * `subscriptions`: what each user granted at a tap, per template (`_id` derived from both), so we
 * know the remaining one-time quota. WeChat is the authority; this is our bookkeeping. By id only.
 */
import { derivedId } from '../platform/ids';
import { cmd, coll, collections, putById, rt, updatedCount } from './db';

export interface SubscriptionDoc {
  _id: string;
  openid: string;
  templateId: string;
  /** One-time grants not yet used by a send. */
  remaining: number;
  lastGrantedAt: Date;
  updatedAt: Date;
}

export const subscriptionId = (openid: string, templateId: string) => derivedId('sub', openid, templateId);

/** +1 grant: increment if present, create otherwise (two round trips at most). */
export async function addGrant(openid: string, templateId: string, now: Date): Promise<void> {
  const id = subscriptionId(openid, templateId);
  const res = await rt(() =>
    coll(collections.subscriptions).where({ _id: id }).update({ data: { remaining: cmd().inc(1), lastGrantedAt: now, updatedAt: now } }),
  );
  if (updatedCount(res) === 0) {
    await putById<SubscriptionDoc>(collections.subscriptions, { _id: id, openid, templateId, remaining: 1, lastGrantedAt: now, updatedAt: now });
  }
}

/** After a send: one grant used (or, on 43101, none left). */
export async function useGrant(openid: string, templateId: string, noneLeft: boolean, now: Date): Promise<void> {
  const id = subscriptionId(openid, templateId);
  const data = noneLeft ? { remaining: 0, updatedAt: now } : { remaining: cmd().inc(-1), updatedAt: now };
  await rt(() => coll(collections.subscriptions).where({ _id: id, remaining: cmd().gt(0) }).update({ data }));
}
