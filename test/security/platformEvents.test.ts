/**
 * Platform events are CloudBase's own invocations, with no caller: a timer and WeChat's
 * `wxa_media_check` push. The same shapes sent by a signed-in client are ordinary calls and are
 * refused; and a verdict only moves a photo forward (the first verdict recorded for a check stands).
 */
import type { CaseDoc } from '../../backend/data/cases';
import type { PhotoCheckDoc } from '../../backend/data/photoChecks';
import { dataOf, fireLaneReport, ids, joinResident, stationSuite, unwrap } from '../functions/station';

const stack = stationSuite(async (stack) => {
  await joinResident(stack, 'o-zhang', { communityId: ids.c1, buildingId: ids.b1 }, '张阿姨');
  await joinResident(stack, 'o-li', { communityId: ids.c1, buildingId: ids.b1 }, '李大爷');
});

const push = (traceId: string, suggest: 'pass' | 'risky' | 'review') => ({
  ToUserName: 'gh_test', FromUserName: 'o-platform', CreateTime: 1, MsgType: 'event', Event: 'wxa_media_check',
  appid: 'wx-test', trace_id: traceId, version: 2, errcode: 0, errmsg: 'ok', detail: [], result: { suggest, label: 100 },
});

const caseDoc = (id: string) => dataOf<CaseDoc>(stack.database().collection('cases').doc(id).get());

/**
 * A case with one pending photo whose check has trace id `traceId` and no verdict yet, arranged
 * directly (local cloud would push a "pass" within milliseconds for a real upload).
 */
async function pendingPhotoCase(traceId: string): Promise<string> {
  const { case: c } = unwrap(await stack.call('cases.create', fireLaneReport(), 'o-zhang'));
  const db = stack.database();
  const fileId = `cloud://local.x/uploads/test/${traceId}.jpg`;
  await db.collection('cases').doc(c.id).update({ data: { photos: [{ fileId, review: 'pending', addedAt: new Date(), checkTraceId: traceId }] } });
  const check: PhotoCheckDoc = { _id: traceId, caseId: c.id, fileId, openid: 'o-zhang', requestedAt: new Date(), verdict: null, label: null, decidedAt: null };
  await db.collection('photoChecks').add({ data: check });
  return c.id;
}

async function photoRejectedNotices(openid: string): Promise<number> {
  const list = unwrap(await stack.call('notify.myNotifications', {}, openid));
  return list.items.filter((n) => n.kind === 'photo_rejected').length;
}

describe('platform events', () => {
  it('refuses a wxa_media_check event sent by a signed-in client: no photo changes, no notice', async () => {
    const caseId = await pendingPhotoCase('trace-forged-by-client');
    const before = await photoRejectedNotices('o-zhang');
    const answer = await stack.invoke('cases', push('trace-forged-by-client', 'risky'), { openid: 'o-li' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/[\u4e00-\u9fa5]/) } });
    expect((await caseDoc(caseId)).photos[0]!.review).toBe('pending');
    expect(await photoRejectedNotices('o-zhang')).toBe(before);

    // The platform's own push (no caller) is accepted.
    await stack.invoke('cases', push('trace-forged-by-client', 'risky'));
    expect((await caseDoc(caseId)).photos[0]!.review).toBe('rejected');
    expect(await photoRejectedNotices('o-zhang')).toBe(before + 1);
  });

  it('does not run the timer for a client that sends a timer-shaped event', async () => {
    const answer = await stack.invoke('scheduler', { Type: 'Timer', TriggerName: 'everyMinute', Time: new Date().toISOString() }, { openid: ids.admin });
    // Not `{ok:true}` from the timer: an ordinary call without an action.
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('a malformed push from a client answers a typed refusal, never a stack trace', async () => {
    for (const event of [{ MsgType: 'event', Event: 'wxa_media_check' }, { MsgType: 'event', Event: 'wxa_media_check', trace_id: 7, result: 'x' }]) {
      const answer = await stack.invoke('cases', event, { openid: 'o-li' });
      expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(JSON.stringify(answer)).not.toMatch(/\bat\s|\.js:\d|\/[\w.-]+\/[\w.-]+\.(js|ts)/);
    }
  });
});

describe('a verdict only moves a photo forward', () => {
  it('a later "pass" does not override a genuine "review"', async () => {
    const caseId = await pendingPhotoCase('trace-review-then-pass');
    await stack.invoke('cases', push('trace-review-then-pass', 'review'));
    await stack.invoke('cases', push('trace-review-then-pass', 'pass'));
    expect((await caseDoc(caseId)).photos[0]!.review).toBe('pending');
    const check = await dataOf<PhotoCheckDoc>(stack.database().collection('photoChecks').doc('trace-review-then-pass').get());
    expect(check.verdict).toBe('review');
  });

  it('a later "pass" does not bring back a "risky" photo, and a repeat of the first verdict changes nothing', async () => {
    const caseId = await pendingPhotoCase('trace-risky-then-pass');
    await stack.invoke('cases', push('trace-risky-then-pass', 'risky'));
    const notices = await photoRejectedNotices('o-zhang');
    await stack.invoke('cases', push('trace-risky-then-pass', 'pass'));
    await stack.invoke('cases', push('trace-risky-then-pass', 'risky'));
    expect((await caseDoc(caseId)).photos[0]!.review).toBe('rejected');
    expect(await photoRejectedNotices('o-zhang')).toBe(notices);
  });

  it('a retried push finishes a verdict that was recorded but not applied', async () => {
    const caseId = await pendingPhotoCase('trace-recorded-only');
    // As if the first delivery died between recording the verdict and updating the photo.
    await stack.database().collection('photoChecks').doc('trace-recorded-only').update({ data: { verdict: 'pass', label: 100, decidedAt: new Date() } });
    await stack.invoke('cases', push('trace-recorded-only', 'pass'));
    expect((await caseDoc(caseId)).photos[0]!.review).toBe('approved');
  });
});
