/**
 * `subscriptions`: which templates each user granted at a tap, and how often (`_id` derived from
 * both). WeChat keeps the one-time quota; a send without one answers 43101 and waits in the
 * notification's push state until the next grant re-arms it. By id; index `openid` for a person's
 * export and deletion.
 */
import { derivedId } from '../platform/ids';
import { cmd, coll, collections, docsOf, putById, removeAllOf, rt, updatedCount } from './db';

export interface SubscriptionDoc {
  _id: string;
  openid: string;
  templateId: string;
  /** Grants recorded (taps that accepted this template). */
  grants: number;
  lastGrantedAt: Date;
  updatedAt: Date;
}

export const subscriptionId = (openid: string, templateId: string) => derivedId('sub', openid, templateId);

/** +1 grant: increment if present, create otherwise (two round trips at most). */
export async function addGrant(openid: string, templateId: string, now: Date): Promise<void> {
  const id = subscriptionId(openid, templateId);
  const res = await rt(() =>
    coll(collections.subscriptions).where({ _id: id }).update({ data: { grants: cmd().inc(1), lastGrantedAt: now, updatedAt: now } }),
  );
  if (updatedCount(res) === 0) {
    await putById<SubscriptionDoc>(collections.subscriptions, { _id: id, openid, templateId, grants: 1, lastGrantedAt: now, updatedAt: now });
  }
}

/** A person's grants, for their data export (at most 100 templates exist). */
export async function subscriptionsOf(openid: string): Promise<SubscriptionDoc[]> {
  return docsOf<SubscriptionDoc>(await rt(() => coll(collections.subscriptions).where({ openid }).limit(100).get()));
}

export const removeSubscriptionsOf = (openid: string) => removeAllOf(collections.subscriptions, openid);
