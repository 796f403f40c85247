import { z } from '../../types/zod';
import {
  callFunctionPayload, caseStatusLabels, caseStatuses, contract, err, errorCodeMessages, errorCodes,
  helpTypeLabels, helpTypes, mediationOutcomeLabels, mediationOutcomes, mediationTierLabels, mediationTiers,
  mediationTypeLabels, mediationTypes, reportCategories, reportCategoryLabels, roleLabels, roles,
  timelineTypeLabels, timelineTypes, urgencies, urgencyLabels, notificationKindLabels, notificationKinds,
  noticeCategories, noticeCategoryLabels, caseKinds, caseKindLabels,
  agreementConfirmations, agreementConfirmationLabels, mediationSessionStatuses, mediationSessionStatusLabels,
  mediationStages, mediationStageLabels,
} from '../../types';
import { functionNames } from '../../types/registry';

const hasChinese = (s: string) => /[\u4e00-\u9fa5]/.test(s);

function messagesOf(schema: z.ZodType, value: unknown): Array<{ path: string; message: string }> {
  const r = schema.safeParse(value);
  if (r.success) return [];
  return r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('contract registry', () => {
  it('keys every entry "<function>.<action>" with an input and an output schema', () => {
    for (const [name, entry] of Object.entries(contract)) {
      expect(name).toMatch(new RegExp(`^(${functionNames.join('|')})\\.[a-zA-Z]+$`));
      expect(entry.input).toBeInstanceOf(z.ZodType);
      expect(entry.output).toBeInstanceOf(z.ZodType);
    }
  });

  it('builds the callFunction payload from a contract name', () => {
    expect(callFunctionPayload('cases.get', { caseId: 'c1' })).toEqual({ name: 'cases', data: { action: 'get', input: { caseId: 'c1' } } });
  });
});

describe('Chinese validation messages name the field', () => {
  it('explains each wrong field of a report', () => {
    const msgs = messagesOf(contract['cases.create'].input, {
      kind: 'report', category: 'noise', description: '短', clientRequestId: 'x', location: {},
    });
    expect(msgs).toEqual(
      expect.arrayContaining([
        { path: 'description', message: '问题描述至少需要 5 个字' },
        { path: 'location.buildingId', message: '请选择楼栋或在地图上选择位置' },
        { path: 'clientRequestId', message: expect.stringContaining('请求编号') },
      ]),
    );
  });

  it('names a missing field and an out-of-range number', () => {
    const msgs = messagesOf(contract['cases.rate'].input, { caseId: 'c1', satisfaction: 6 });
    expect(msgs).toEqual(
      expect.arrayContaining([
        { path: 'satisfaction', message: '满意度不能大于 5' },
        { path: 'safety', message: '请填写安全感' },
      ]),
    );
  });

  it('names a wrong choice, including the kind of a case', () => {
    expect(messagesOf(contract['cases.create'].input, { kind: 'party' })[0]?.message).toBe('类型不是有效的选项');
    expect(messagesOf(contract['cases.findSimilar'].input, { category: 'x', buildingId: 'b1' })[0]?.message).toBe('问题类别不是有效的选项');
  });

  it('limits photos to nine', () => {
    const photos = Array.from({ length: 10 }, (_, i) => `cloud://env.bucket/p${i}.jpg`);
    const msgs = messagesOf(contract['cases.addInfo'].input, { caseId: 'c1', text: '补充', photos });
    expect(msgs).toEqual([{ path: 'photos', message: '照片最多 9 项' }]);
  });

  it('names the field in the mediation inputs', () => {
    expect(messagesOf(contract['mediations.escalate'].input, { caseId: 'c1', toTier: 'professional', reason: '' })[0]).toMatchObject({ path: 'reason' });
    expect(messagesOf(contract['mediations.escalate'].input, { caseId: 'c1', toTier: 'professional', reason: '' })[0]!.message).toContain('原因');
    expect(messagesOf(contract['mediations.scheduleSession'].input, { caseId: 'c1', at: '2026-01-01T00:00:00Z', place: '', attendees: ['甲'] })[0]!.message).toContain('地点');
    expect(messagesOf(contract['mediations.extendDeadline'].input, { caseId: 'c1', days: 90, reason: '出差' })[0]!.message).toContain('延长天数');
  });

  it('every message of a broad sample is Chinese', () => {
    const samples: Array<[z.ZodType, unknown]> = [
      [contract['session.bindCommunity'].input, { communityId: 5, phone: '123' }],
      [contract['cases.create'].input, { kind: 'help', helpType: 'x', urgency: 'y', description: 1 }],
      [contract['cases.create'].input, { kind: 'mediation', mediationType: 'neighbor', otherParty: '', wants: '' }],
      [contract['notify.markRead'].input, { ids: [] }],
      [contract['cases.inbox'].input, { pageSize: 100, extra: true }],
      [contract['session.redeemInvite'].input, { code: '!' }],
      [contract['mediations.escalate'].input, { caseId: 'c1', toTier: 'joint_office', reason: '' }],
      [contract['mediations.scheduleSession'].input, { caseId: 'c1', at: 'tomorrow', place: '', attendees: [] }],
      [contract['mediations.recordOutcome'].input, { caseId: 'c1', outcome: 'referred', summary: '移交' }],
      [contract['mediations.recordFollowUp'].input, { caseId: 'c1', honoured: true, note: '很好', reopen: true }],
      [contract['mediations.stats'].input, { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }],
    ];
    for (const [schema, value] of samples) {
      const msgs = messagesOf(schema, value);
      expect(msgs.length).toBeGreaterThan(0);
      for (const m of msgs) expect(hasChinese(m.message)).toBe(true);
    }
  });
});

describe('label maps', () => {
  it('give every enum value a Chinese label', () => {
    const pairs: Array<[readonly string[], Record<string, string>]> = [
      [roles, roleLabels], [caseKinds, caseKindLabels], [caseStatuses, caseStatusLabels],
      [reportCategories, reportCategoryLabels], [helpTypes, helpTypeLabels], [urgencies, urgencyLabels],
      [mediationTypes, mediationTypeLabels], [mediationTiers, mediationTierLabels],
      [mediationOutcomes, mediationOutcomeLabels], [timelineTypes, timelineTypeLabels],
      [notificationKinds, notificationKindLabels], [noticeCategories, noticeCategoryLabels],
      [errorCodes, errorCodeMessages],
      [agreementConfirmations, agreementConfirmationLabels], [mediationSessionStatuses, mediationSessionStatusLabels],
      [mediationStages, mediationStageLabels],
    ];
    for (const [values, labels] of pairs) {
      expect(Object.keys(labels).sort()).toEqual([...values].sort());
      for (const v of values) expect(hasChinese(labels[v]!)).toBe(true);
    }
  });

  it('report categories cover the product list', () => {
    expect(Object.values(reportCategoryLabels)).toEqual(
      expect.arrayContaining(['电动车入户充电', '管道井堆物', '消防通道堵塞', '车辆乱停', '争车位', '噪音扰民', '其他']),
    );
  });

  it('an error result carries the default Chinese message', () => {
    expect(err('FORBIDDEN')).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '没有权限进行此操作' } });
  });
});
