/**
 * The backend enforces the privacy guide in force: a resident whose consent is for an older version
 * (e.g. a form opened from a shared link, which skips the consent step on home) cannot hand over
 * personal data until they consent again; reading stays possible.
 */
import { getCase } from '../../backend/data/cases';
import { getUser } from '../../backend/data/users';
import { PRIVACY_CONSENT_REQUIRED_MESSAGE, PRIVACY_OUTDATED_MESSAGE, PRIVACY_VERSION } from '../../types/privacy';
import { fireLaneReport, ids, joinResident, stationSuite, unwrap } from './station';

const OLD_VERSION = '2025-01';
const refusedOutdated = { ok: false, error: { code: 'CONSENT_REQUIRED', message: PRIVACY_OUTDATED_MESSAGE } };

const stack = stationSuite();

async function caseCount(openid: string): Promise<number> {
  return unwrap(await stack.call('cases.listMine', { pageSize: 20 }, openid)).items.length;
}

/** A resident who joined under the current guide, then the guide changed (their record says an older version). */
async function residentWithOldConsent(openid: string): Promise<void> {
  await joinResident(stack, openid, { communityId: ids.c1, buildingId: ids.b1, unit: '1单元' });
  unwrap(await stack.call('session.consentPrivacy', { version: OLD_VERSION }, openid));
}

describe('privacy consent version', () => {
  it('refuses to create a case on an older consent, writes nothing, and works after consenting again', async () => {
    await residentWithOldConsent('o-old-consent');
    const inboxBefore = unwrap(await stack.call('cases.inbox', {}, ids.officer1)).items.length;

    const refused = await stack.call('cases.create', fireLaneReport(), 'o-old-consent');
    expect(refused).toEqual(refusedOutdated);
    expect(await caseCount('o-old-consent')).toBe(0);
    expect(unwrap(await stack.call('cases.inbox', {}, ids.officer1)).items.length).toBe(inboxBefore);

    // Reading still works, and whoami tells the page to ask again.
    const me = unwrap(await stack.call('session.whoami', {}, 'o-old-consent'));
    expect(me).toMatchObject({ privacyVersion: OLD_VERSION, currentPrivacyVersion: PRIVACY_VERSION, community: { id: ids.c1 } });

    unwrap(await stack.call('session.consentPrivacy', { version: PRIVACY_VERSION }, 'o-old-consent'));
    const { case: created } = unwrap(await stack.call('cases.create', fireLaneReport(), 'o-old-consent'));
    expect(created.status).toBe('submitted');
    expect(await caseCount('o-old-consent')).toBe(1);
  });

  it('refuses joinSimilar, addInfo, withdraw, reopen, rate and bindCommunity on an older consent, changing nothing', async () => {
    await joinResident(stack, 'o-reporter', { communityId: ids.c1, buildingId: ids.b1 }, '赵大姐');
    const { case: own } = unwrap(await stack.call('cases.create', fireLaneReport({ category: 'ebike_indoor_charging', description: '楼道里有人给电动车充电' }), 'o-reporter'));
    await residentWithOldConsent('o-neighbour');
    unwrap(await stack.call('session.consentPrivacy', { version: OLD_VERSION }, 'o-reporter'));

    stack.database();
    const before = await getCase(own.id);
    expect(await stack.call('cases.joinSimilar', { caseId: own.id }, 'o-neighbour')).toEqual(refusedOutdated);
    expect(await stack.call('cases.addInfo', { caseId: own.id, text: '今天又看到了', photos: [] }, 'o-reporter')).toEqual(refusedOutdated);
    expect(await stack.call('cases.withdraw', { caseId: own.id, reason: '不想报了' }, 'o-reporter')).toEqual(refusedOutdated);
    expect(await stack.call('cases.reopen', { caseId: own.id, reason: '还没解决' }, 'o-reporter')).toEqual(refusedOutdated);
    expect(await stack.call('cases.rate', { caseId: own.id, satisfaction: 5, safety: 5 }, 'o-reporter')).toEqual(refusedOutdated);
    const after = await getCase(own.id);
    expect(after?.timeline).toEqual(before?.timeline);
    expect(after?.supporterCount).toBe(before?.supporterCount);
    expect(after?.status).toBe('submitted');

    const userBefore = await getUser('o-neighbour');
    expect(await stack.call('session.bindCommunity', { communityId: ids.c2, buildingId: ids.b3, name: '钱先生' }, 'o-neighbour')).toEqual(refusedOutdated);
    expect(await getUser('o-neighbour')).toMatchObject({ communityId: userBefore?.communityId, buildingId: userBefore?.buildingId, name: userBefore?.name });

    // Read-only actions keep working on the older consent.
    expect(unwrap(await stack.call('cases.get', { caseId: own.id }, 'o-reporter')).id).toBe(own.id);
    unwrap(await stack.call('cases.findSimilar', { category: 'ebike_indoor_charging', buildingId: ids.b1 }, 'o-neighbour'));
    unwrap(await stack.call('notify.badge', {}, 'o-neighbour'));

    unwrap(await stack.call('session.consentPrivacy', { version: PRIVACY_VERSION }, 'o-neighbour'));
    expect(unwrap(await stack.call('cases.joinSimilar', { caseId: own.id }, 'o-neighbour')).alreadyJoined).toBe(false);
    unwrap(await stack.call('session.consentPrivacy', { version: PRIVACY_VERSION }, 'o-reporter'));
    const added = unwrap(await stack.call('cases.addInfo', { caseId: own.id, text: '今天又看到了', photos: [] }, 'o-reporter'));
    expect(added.case.timeline.at(-1)).toMatchObject({ type: 'info_added' });
  });

  it('tells someone who never consented to read the guide first', async () => {
    // A staff record written by the station has no consent; binding a community collects their place.
    const r = await stack.call('session.bindCommunity', { communityId: ids.c1 }, ids.officer2);
    expect(r).toEqual({ ok: false, error: { code: 'CONSENT_REQUIRED', message: PRIVACY_CONSENT_REQUIRED_MESSAGE } });
  });
});
