/** `noticeReads`: one record per (notice, reader) so a read is counted once. By id; index `openid` for deletion. */
import { derivedId } from '../platform/ids';
import { collections, insertWithId, removeAllOf } from './db';

export interface NoticeReadDoc {
  _id: string;
  noticeId: string;
  openid: string;
  readAt: Date;
}

/** true the first time this person reads this notice. */
export async function recordRead(noticeId: string, openid: string, now: Date): Promise<boolean> {
  return insertWithId<NoticeReadDoc>(collections.noticeReads, { _id: derivedId('read', noticeId, openid), noticeId, openid, readAt: now });
}

export const removeNoticeReadsOf = (openid: string) => removeAllOf(collections.noticeReads, openid);
