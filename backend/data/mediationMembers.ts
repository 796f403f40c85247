/**
 * `mediationMembers`: one record per (case, staff member) who mediates it — community mediators,
 * the judicial mediator (on escalation or a legal-advice routing) and the officer who leads it —
 * so "my mediations" is one indexed query. Index: openid_created. The case itself stays the
 * authority on who may act (`mediation.mediatorIds`); a member record only lists it.
 */
import { coll, collections, docsOf, rt } from './db';
import { afterCursor, CURSOR_SLACK, dropSeen, type PageCursor } from './paging';

export interface MediationMemberDoc {
  /** `${caseId}~${openid}`: writing it again is a no-op. */
  _id: string;
  caseId: string;
  openid: string;
  /** The case's creation time: the workbench lists newest cases first. */
  createdAt: Date;
  addedAt: Date;
}

export const memberId = (caseId: string, openid: string) => `${caseId}~${openid}`;

/** Add members (idempotent by `_id`): one round trip each, in parallel (a handful at most). */
export async function putMembers(docs: MediationMemberDoc[]): Promise<void> {
  await Promise.all(docs.map(({ _id, ...rest }) => rt(() => coll(collections.mediationMembers).doc(_id).set({ data: rest }))));
}

/** Seeds: many at once. */
export async function insertMembers(docs: MediationMemberDoc[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 500) {
    const chunk = docs.slice(i, i + 500);
    if (chunk.length > 0) await rt(() => coll(collections.mediationMembers).add({ data: chunk }));
  }
}

/** One page of a person's mediations, newest case first. */
export async function membershipsOf(openid: string, q: { after?: PageCursor; limit: number }): Promise<MediationMemberDoc[]> {
  const limit = q.limit + (q.after ? CURSOR_SLACK : 0);
  const where = { openid, ...afterCursor('createdAt', q.after) };
  const rows = docsOf<MediationMemberDoc>(
    await rt(() => coll(collections.mediationMembers).where(where).orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(limit).get()),
  );
  return dropSeen(rows, (m) => m.createdAt, q.after).slice(0, q.limit);
}
