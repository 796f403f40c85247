/**
 * Photo file ids a caller names (issue 16): only this environment's files under the app's photo
 * folder (`case-photos/`, where src/services/photos.ts uploads on weapp and H5) are accepted, by the
 * one check in backend/domain/photoFiles.ts. Another environment's id or another folder of ours is
 * refused with a Chinese message on the field, before anything is written: the whole store is the
 * same afterwards. Each action that takes photos is tried through the real functions on local cloud.
 */
import fs from 'node:fs';
import path from 'node:path';
import { getUser, updateUser } from '../../backend/data/users';
import { FOREIGN_PHOTO_MESSAGE, isOwnPhotoFile } from '../../backend/domain/photoFiles';
import type { FnInput, FnName } from '../../types/registry';
import { startTestStack, type TestStack } from '../support/stack';
import { arrangeStation, fireLaneReport, ids, joinResident, requestId, unwrap } from './station';

let stack: TestStack;
let env: string;
const volunteer = 'o-volunteer-photo';

beforeAll(async () => {
  stack = await startTestStack();
  env = stack.cloud.env.TCB_ENV!;
  await arrangeStation(stack);
  await joinResident(stack, 'o-zhang', { communityId: ids.c1, buildingId: ids.b1, unit: '1单元' }, '张阿姨');
  await joinResident(stack, 'o-li', { communityId: ids.c1, buildingId: ids.b1, unit: '2单元' }, '李师傅');
  await joinResident(stack, volunteer, { communityId: ids.c1, buildingId: ids.b1 }, '王秀萍');
  await updateUser(volunteer, { roles: [...(await getUser(volunteer))!.roles, 'volunteer'] });
}, 120_000);
afterAll(() => stack?.close());

const ours = (name: string) => `cloud://${env}.6c6f-${env}-1300000000/case-photos/2026-12-01/${name}`;
const wrongIds = () => ({
  'another environment': `cloud://prod-other-9z8y.7072-prod-other-9z8y-1300000001/case-photos/2026-12-01/door.jpg`,
  'another folder': `cloud://${env}.6c6f-${env}-1300000000/exports/surveys/answers.csv`,
  'a folder climbed out of': `cloud://${env}.6c6f-${env}-1300000000/case-photos/../exports/answers.csv`,
});

/** Every document of every declared collection: what "nothing changed" is measured against. */
async function store(): Promise<string> {
  const declared = (JSON.parse(fs.readFileSync(path.join(__dirname, '../../cloudfunctions/collections.json'), 'utf8')) as { collections: { name: string }[] }).collections;
  const db = stack.database();
  const parts: string[] = [];
  for (const { name } of declared) {
    const { data } = (await db.collection(name).limit(100).get()) as { data: unknown[] };
    parts.push(`${name}:${JSON.stringify(data)}`);
  }
  return parts.join('\n');
}

/** Each wrong id is refused on `field` with the Chinese message, and the store is exactly as before. */
async function expectRefusedUnchanged<N extends FnName>(name: N, input: (fileId: string) => FnInput<N>, openid: string, field: string): Promise<void> {
  for (const [what, fileId] of Object.entries(wrongIds())) {
    const before = await store();
    const answer = await stack.call(name, input(fileId), openid);
    expect([what, answer]).toEqual([what, { ok: false, error: { code: 'INVALID_INPUT', message: FOREIGN_PHOTO_MESSAGE, field } }]);
    expect(await store()).toBe(before);
  }
}

describe('the photo file id rule', () => {
  it('accepts this environment\'s case-photos files only', () => {
    expect(isOwnPhotoFile(ours('a.jpg'), env)).toBe(true);
    for (const id of Object.values(wrongIds())) expect(isOwnPhotoFile(id, env)).toBe(false);
    expect(isOwnPhotoFile(`cloud://${env}.x/case-photos/`, env)).toBe(false);
    expect(isOwnPhotoFile(`cloud://${env}.x/case-photos//a.jpg`, env)).toBe(false);
    expect(isOwnPhotoFile(`cloud://${env}.x/seed/reports/picture-01.png`, env)).toBe(false);
    // A function that cannot tell its environment accepts nothing.
    expect(isOwnPhotoFile(ours('a.jpg'), null)).toBe(false);
  });
});

describe('every action that takes photos refuses other files and changes nothing', () => {
  it('cases.create, with our own photo accepted', async () => {
    await expectRefusedUnchanged('cases.create', (f) => fireLaneReport({ photos: [ours('ok.jpg'), f] }), 'o-zhang', 'photos');
    const { case: c } = unwrap(await stack.call('cases.create', fireLaneReport({ photos: [ours('door.jpg')] }), 'o-zhang'));
    expect(c.photos.map((p) => p.fileId)).toEqual([ours('door.jpg')]);
  });

  it('cases.addInfo and cases.joinSimilar', async () => {
    const { case: c } = unwrap(await stack.call('cases.create', fireLaneReport(), 'o-zhang'));
    await expectRefusedUnchanged('cases.addInfo', (f) => ({ caseId: c.id, text: '今天早上车还在', photos: [f] }), 'o-zhang', 'photos');
    await expectRefusedUnchanged('cases.joinSimilar', (f) => ({ caseId: c.id, text: '我也看到了', photos: [f] }), 'o-li', 'photos');
    unwrap(await stack.call('cases.joinSimilar', { caseId: c.id, text: '我也看到了', photos: [ours('me-too.jpg')] }, 'o-li'));
  });

  it('patrols.addFinding', async () => {
    const { patrol } = unwrap(await stack.call('patrols.start', { clientRequestId: requestId(), buildingIds: [ids.b1] }, volunteer));
    await expectRefusedUnchanged('patrols.addFinding', (f) => ({
      patrolId: patrol.id, clientRequestId: requestId(), category: 'ebike_indoor_charging' as const, description: '楼梯间有两辆电动车在充电', buildingId: ids.b1, photos: [f],
    }), volunteer, 'photos');
  });

  it('notices.publish and notices.edit (the cover)', async () => {
    const notice = (coverFileId?: string) => ({
      clientRequestId: requestId(), communityId: ids.c1, category: 'anti_fraud' as const, title: '警惕刷单返利骗局', text: '凡是让您先垫付的都是骗局，请拨打110。',
      ...(coverFileId ? { coverFileId } : {}),
    });
    await expectRefusedUnchanged('notices.publish', (f) => notice(f), ids.officer1, 'coverFileId');
    const published = unwrap(await stack.call('notices.publish', notice(ours('cover.jpg')), ids.officer1)).notice;
    await expectRefusedUnchanged('notices.edit', (f) => ({ noticeId: published.id, coverFileId: f }), ids.officer1, 'coverFileId');
  });

  it('mediations.recordOutcome and mediations.attachAgreement (the signed agreement)', async () => {
    const { case: c } = unwrap(await stack.call('cases.create', fireLaneReport(), 'o-zhang'));
    await expectRefusedUnchanged('mediations.recordOutcome', (f) => ({
      caseId: c.id, outcome: 'success' as const, summary: '双方达成协议', agreement: { terms: '王先生不再占用车位', fileId: f, signedOnPaper: false },
    }), ids.officer1, 'agreement.fileId');
    await expectRefusedUnchanged('mediations.attachAgreement', (f) => ({ caseId: c.id, fileId: f }), ids.officer1, 'fileId');
  });
});
