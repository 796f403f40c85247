/**
 * How WeChat's answers to wx.requestSubscribeMessage are read (src/services/subscribeDecisions.ts):
 * every "yes" variant counts, the two whole-request refusals are told apart, and old clients get one
 * template per request.
 */
import { acceptedTemplates, maxTemplatesPerRequest, subscribeProblemOf, templatesPerRequest } from '../../src/services/subscribeDecisions';

describe('subscribe answers', () => {
  it('counts accept, acceptWithAlert, acceptWithAudio and acceptWithForcePush as yes; reject and ban as no', () => {
    const ids = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6'];
    const decisions = { T1: 'accept', T2: 'acceptWithAlert', T3: 'acceptWithAudio', T4: 'acceptWithForcePush', T5: 'reject', T6: 'ban', errMsg: 'requestSubscribeMessage:ok' };
    expect(acceptedTemplates(ids, decisions)).toEqual(['T1', 'T2', 'T3', 'T4']);
  });

  it('reports 20004 (notifications off) and 20001 (no such template), nothing else', () => {
    expect(subscribeProblemOf({ errCode: 20004, errMsg: 'requestSubscribeMessage:fail:No permission' })).toBe('notificationsOff');
    expect(subscribeProblemOf({ errCode: 20001, errMsg: 'requestSubscribeMessage:fail:No template data return' })).toBe('templateMisconfigured');
    expect(subscribeProblemOf({ errMsg: 'requestSubscribeMessage:fail cancel' })).toBeNull();
    expect(subscribeProblemOf(null)).toBeNull();
  });

  it('asks for at most 3 templates, and 1 on WeChat before 7.0.6 (iOS) / 7.0.7 (Android)', () => {
    expect(maxTemplatesPerRequest).toBe(3);
    expect(templatesPerRequest('8.0.50', 'ios')).toBe(3);
    expect(templatesPerRequest('7.0.6', 'ios')).toBe(3);
    expect(templatesPerRequest('7.0.5', 'ios')).toBe(1);
    expect(templatesPerRequest('7.0.6', 'android')).toBe(1);
    expect(templatesPerRequest('7.0.7', 'android')).toBe(3);
    expect(templatesPerRequest(undefined, undefined)).toBe(3);
  });
});
