/**
 * Issue 13, item 6: access follows the resident's current binding. A resident who moves to another
 * community no longer reads or joins the old community's reports and no longer sees the cases they
 * only joined there; their own reports stay theirs.
 */
import { followId, getFollow, putFollow } from '../../backend/data/caseFollows';
import { updateUser } from '../../backend/data/users';
import { fireLaneReport, ids, joinResident, stationSuite, unwrap } from './station';

const stack = stationSuite(async (stack) => {
  await joinResident(stack, 'o-zhang', { communityId: ids.c1, buildingId: ids.b1 }, '张阿姨');
  await joinResident(stack, 'o-mover', { communityId: ids.c1, buildingId: ids.b1 }, '赵先生');
});

const myCaseIds = async (openid: string) => unwrap(await stack.call('cases.listMine', { pageSize: 20 }, openid)).items.map((i) => i.id);

describe('moving to another community', () => {
  let neighbours: string;
  let mine: string;
  let another: string;
  beforeAll(async () => {
    neighbours = unwrap(await stack.call('cases.create', fireLaneReport(), 'o-zhang')).case.id;
    another = unwrap(await stack.call('cases.create', fireLaneReport({ category: 'noise' }), 'o-zhang')).case.id;
    mine = unwrap(await stack.call('cases.create', fireLaneReport({ category: 'illegal_parking' }), 'o-mover')).case.id;
    unwrap(await stack.call('cases.joinSimilar', { caseId: neighbours }, 'o-mover'));
    expect(await myCaseIds('o-mover')).toEqual(expect.arrayContaining([neighbours, mine]));
    unwrap(await stack.call('session.bindCommunity', { communityId: ids.c2, buildingId: ids.b3 }, 'o-mover'));
  });

  it('drops the cases they only joined from "my cases" and refuses to open them', async () => {
    const list = await myCaseIds('o-mover');
    expect(list).toContain(mine);
    expect(list).not.toContain(neighbours);
    const got = await stack.call('cases.get', { caseId: neighbours }, 'o-mover');
    expect(got).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '只能查看自己提交或关注的案件' } });
    expect(await getFollow(neighbours, 'o-mover')).toBeNull();
  });

  it('keeps their own report of the old community', async () => {
    const got = unwrap(await stack.call('cases.get', { caseId: mine }, 'o-mover'));
    expect(got).toMatchObject({ viewer: 'resident', isReporter: true });
  });

  it('no longer offers or joins the old community\'s reports', async () => {
    const similar = await stack.call('cases.findSimilar', { category: 'noise', buildingId: ids.b1 }, 'o-mover');
    expect(similar).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const join = await stack.call('cases.joinSimilar', { caseId: another }, 'o-mover');
    expect(join).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '只能加入本社区的问题' } });
  });

  it('a joiner\'s record left over from before the move gives no access', async () => {
    // A follow written before this rule (or by a move that raced the join) must not open the case.
    const c = unwrap(await stack.call('cases.get', { caseId: another }, 'o-zhang'));
    await putFollow({
      _id: followId(another, 'o-mover'), caseId: another, openid: 'o-mover', role: 'joiner', kind: 'report', status: c.status,
      title: c.title, urgent: false, open: true, unread: true, caseCreatedAt: new Date(c.createdAt), updatedAt: new Date(),
    });
    const got = await stack.call('cases.get', { caseId: another }, 'o-mover');
    expect(got).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('binding again to the same community keeps what they joined', async () => {
    await joinResident(stack, 'o-xinhe', { communityId: ids.c2, buildingId: ids.b3 }, '陈大爷');
    const theirs = unwrap(await stack.call('cases.create', fireLaneReport({ location: { buildingId: ids.b3 } }), 'o-xinhe')).case.id;
    // issue 10: a move makes the binding self-declared; arriving from the new community's group verifies it.
    await updateUser('o-mover', { memberVerified: true, verifiedCommunityIds: [ids.c1, ids.c2] });
    unwrap(await stack.call('cases.joinSimilar', { caseId: theirs }, 'o-mover'));
    unwrap(await stack.call('session.bindCommunity', { communityId: ids.c2, buildingId: ids.b3, unit: '1单元' }, 'o-mover'));
    expect(await myCaseIds('o-mover')).toContain(theirs);
    expect(unwrap(await stack.call('cases.get', { caseId: theirs }, 'o-mover'))).toMatchObject({ viewer: 'resident', isReporter: false });
  });
});
