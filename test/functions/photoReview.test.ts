/**
 * Photo review end to end: cases.create / addInfo request `security.mediaCheckAsync` for each
 * photo; local cloud (mediaCheckPush on in the test stack) pushes the verdict to `cases`, which
 * approves or rejects the photo. Local cloud's word list decides: a file name with 赌博 is risky.
 */
import type { CaseDoc } from '../../backend/data/cases';
import type { PhotoCheckDoc } from '../../backend/data/photoChecks';
import { waitFor } from '../support/wait-for';
import { dataOf, fireLaneReport, ids, joinResident, stationSuite, unwrap } from './station';
import { upload } from './uploads';

const stack = stationSuite(async (stack) => {
  await joinResident(stack, 'o-zhang', { communityId: ids.c1, buildingId: ids.b1 }, '张阿姨');
  await joinResident(stack, 'o-li', { communityId: ids.c1, buildingId: ids.b1 }, '李大爷');
  stack.database(); // points the SDK (used by upload() below) at this stack
});

const caseDoc = (id: string) => dataOf<CaseDoc>(stack.database().collection('cases').doc(id).get());

/** The case once `count` photos have a verdict (the verdicts are pushed by local cloud, asynchronously). */
function reviewed(id: string, count: number): Promise<CaseDoc> {
  return waitFor(
    async () => {
      const doc = await caseDoc(id);
      return doc.photos.length >= count && doc.photos.every((p) => p.review !== 'pending') && doc;
    },
    { what: `${count} photos of case ${id} to be reviewed` },
  );
}

interface MediaCheckRow { trace_id: string; media_url: string; media_type: number; openid: string; scene: number; push_status: string }
async function mediaChecks(): Promise<MediaCheckRow[]> {
  return (await (await fetch(new URL('/_dev/media-checks', stack.cloud.url))).json()) as MediaCheckRow[];
}

describe('photo review', () => {
  let caseId: string;
  let clean: string;
  let risky: string;

  it('requests a check per photo, records the trace ids, and applies the pushed verdicts', async () => {
    clean = await upload('door.jpg');
    risky = await upload('赌博.jpg');
    const created = unwrap(await stack.call('cases.create', fireLaneReport({ photos: [clean, risky] }), 'o-zhang'));
    caseId = created.case.id;
    // Until the verdicts arrive, the reporter sees both as under review.
    expect(created.case.photos.map((p) => p.review)).toEqual(['pending', 'pending']);

    const doc = await reviewed(caseId, 2);
    expect(doc.photos.map((p) => [p.fileId, p.review])).toEqual([[clean, 'approved'], [risky, 'rejected']]);
    const traceIds = doc.photos.map((p) => p.checkTraceId);
    expect(traceIds.every((t) => typeof t === 'string' && t.length > 0)).toBe(true);

    // What WeChat was asked: image, v2 fields, the reporter's openid, a temporary URL of the file.
    // Local cloud marks a push delivered only once the `cases` invocation that applied it has
    // returned, which can be after the verdict is visible in the case: wait for that, not a time.
    const rows = await waitFor(
      async () => {
        const mine = (await mediaChecks()).filter((r) => traceIds.includes(r.trace_id));
        return mine.length === 2 && mine.every((r) => r.push_status !== 'pending') && mine;
      },
      { what: 'both verdict pushes to be recorded as delivered', describe: async () => JSON.stringify(await mediaChecks()) },
    );
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r).toMatchObject({ media_type: 2, openid: 'o-zhang', scene: 1, push_status: 'delivered' });
      expect(r.media_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/cos\/case-photos\/test\/.+\?sign=/);
    }
    const check = await dataOf<PhotoCheckDoc>(stack.database().collection('photoChecks').doc(traceIds[1]!).get());
    expect(check).toMatchObject({ caseId, fileId: risky, openid: 'o-zhang', verdict: 'risky', label: 20006 });
  });

  it('shows a rejected photo only to the reporter, marked as failed review', async () => {
    const reporter = unwrap(await stack.call('cases.get', { caseId }, 'o-zhang'));
    expect(reporter.photos).toEqual([
      { fileId: clean, url: expect.stringContaining('/cos/'), review: 'approved' },
      { fileId: risky, url: expect.stringContaining('/cos/'), review: 'rejected' },
    ]);
    const officer = unwrap(await stack.call('cases.get', { caseId }, ids.officer1));
    expect(officer.photos).toEqual([{ fileId: clean, url: expect.stringContaining('/cos/'), review: 'approved' }]);

    unwrap(await stack.call('cases.joinSimilar', { caseId }, 'o-li'));
    const joiner = unwrap(await stack.call('cases.get', { caseId }, 'o-li'));
    expect(joiner.photos).toEqual([{ fileId: clean, url: expect.stringContaining('/cos/'), review: 'approved' }]);

    const notes = unwrap(await stack.call('notify.myNotifications', {}, 'o-zhang'));
    expect(notes.items.find((n) => n.kind === 'photo_rejected')).toMatchObject({ caseId, title: '消防通道堵塞 · 3号楼', body: expect.stringContaining('未通过内容安全审核') });
  });

  it('checks photos added later too', async () => {
    const extra = await upload('lane.jpg');
    const added = unwrap(await stack.call('cases.addInfo', { caseId, text: '补充一张照片', photos: [extra] }, 'o-zhang'));
    expect(added.case.photos.at(-1)).toMatchObject({ fileId: extra, review: 'pending' });
    const doc = await reviewed(caseId, 3);
    expect(doc.photos[2]).toMatchObject({ fileId: extra, review: 'approved' });
  });

  it('ignores a repeated push and refuses one with an unknown trace id (so it is retried), changing nothing', async () => {
    const doc = await caseDoc(caseId);
    const push = (traceId: string, suggest: string) => ({
      MsgType: 'event', Event: 'wxa_media_check', appid: 'wx-test', trace_id: traceId, version: 2, errcode: 0, errmsg: 'ok',
      detail: [], result: { suggest, label: 100 },
    });
    // A late "pass" for the rejected photo does not bring it back.
    await stack.invoke('cases', push(doc.photos[1]!.checkTraceId!, 'pass'));
    expect((await caseDoc(caseId)).photos[1]!.review).toBe('rejected');

    // A push naming a trace id this backend never recorded fails the invocation (WeChat retries it).
    await expect(stack.invoke('cases', push('00000000-00000000-00000000', 'pass'))).rejects.toThrow();
    // The same event from a signed-in client is not a push at all, just a call without an action.
    expect(await stack.invoke('cases', push(doc.photos[1]!.checkTraceId!, 'pass'), { openid: 'o-zhang' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((await caseDoc(caseId)).photos.map((p) => p.review)).toEqual(['approved', 'rejected', 'approved']);
  });

  it('a photo whose file is missing is not checked and stays under review', async () => {
    const { case: c } = unwrap(await stack.call('cases.create', fireLaneReport({ photos: ['cloud://local.x/case-photos/missing/nothing.jpg'] }), 'o-zhang'));
    const doc = await caseDoc(c.id);
    expect(doc.photos[0]).toMatchObject({ review: 'pending', checkTraceId: null });
  });
});
