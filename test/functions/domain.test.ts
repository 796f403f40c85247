/** Pure domain rules, no cloud needed: service levels, titles, subscribe-message field limits. */
import { caseStatuses } from '../../types/case';
import { acceptDeadline, ratingReminderAt } from '../../backend/domain/serviceLevels';
import { caseTitle } from '../../backend/domain/caseViews';
import { fitKeyword, templateData, templates } from '../../backend/platform/templates';

describe('service levels', () => {
  const t0 = new Date('2026-11-01T00:00:00.000Z');
  it('gives urgent help 30 minutes and everything else 24 hours', () => {
    expect(acceptDeadline(t0, true).toISOString()).toBe('2026-11-01T00:30:00.000Z');
    expect(acceptDeadline(t0, false).toISOString()).toBe('2026-11-02T00:00:00.000Z');
  });
  it('reminds to rate 3 days after resolution', () => {
    expect(ratingReminderAt(t0).toISOString()).toBe('2026-11-04T00:00:00.000Z');
  });
});

describe('subscribe-message fields', () => {
  it('fits thing to 20, name to 10, phrase to 5 Chinese characters and character_string to 32 ASCII', () => {
    expect([...fitKeyword('thing', '一二三四五六七八九十一二三四五六七八九十二十一')]).toHaveLength(20);
    expect(fitKeyword('thing', '短')).toBe('短');
    expect([...fitKeyword('name', '周建军（和苑派出所社区民警）')]).toHaveLength(10);
    expect(fitKeyword('phrase', '已受理')).toBe('已受理');
    expect(fitKeyword('phrase', 'in progress 处理中啊啊啊')).toBe('处理中啊啊');
    expect(fitKeyword('phrase', 'ok')).toBe('有更新');
    expect(fitKeyword('character_string', '案件 abc-123 编号'.repeat(5))).toMatch(/^[\x21-\x7e]{1,32}$/);
    expect(fitKeyword('time', new Date('2026-11-29T12:02:00.000Z'))).toBe('2026-11-29 20:02');
    expect(fitKeyword('thing', '')).toBe('无');
  });

  it('fills every keyword a template declares', () => {
    for (const key of Object.keys(templates) as Array<keyof typeof templates>) {
      const data = templateData(key, {});
      expect(Object.keys(data).sort()).toEqual(Object.keys(templates[key].keywords).sort());
      for (const { value } of Object.values(data)) expect(value.length).toBeGreaterThan(0);
    }
  });
});

describe('display helpers', () => {
  it('titles a case by what and where', () => {
    expect(caseTitle({ kind: 'report', category: 'noise', help: null, mediation: null, buildingName: '3号楼' })).toBe('噪音扰民 · 3号楼');
    expect(caseTitle({ kind: 'help', category: null, help: { helpType: 'repair', urgency: 'normal', callbackAllowed: false }, mediation: null, buildingName: null })).toBe('维修求助');
  });
});
