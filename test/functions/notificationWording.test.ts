/**
 * How in-app notifications read on the 消息 page: the kind's label above, then the title, then the
 * body. The title names the case (what · where), never the kind again; what happened opens the
 * body unless the label already says it. Subscribe messages keep their own field wording and limits.
 */
import { eventLine, notificationBody } from '../../backend/domain/caseNotifications';
import { notificationKindLabels, type NotificationView } from '../../types/notify';
import { fireLaneReport, ids, joinNeighbours, stationSuite, unwrap } from './station';

const stack = stationSuite(async (stack) => {
  await joinNeighbours(stack, ['o-zhang']);
});

async function notesOf(openid: string, caseId: string): Promise<NotificationView[]> {
  return unwrap(await stack.call('notify.myNotifications', { pageSize: 20 }, openid)).items.filter((n) => n.caseId === caseId).reverse();
}

describe('event lines', () => {
  it('drop a headline that only restates the label and keep a bracketed qualifier', () => {
    expect(eventLine('case_new', '新案件')).toBe('');
    expect(eventLine('case_new', '新案件（网格暂无民警）')).toBe('网格暂无民警');
    expect(eventLine('case_new', '转派案件')).toBe('转派案件');
    expect(notificationBody('', '  ')).toBe('');
    expect(notificationBody('居民补充了信息', '今天又堵上了')).toBe('居民补充了信息 · 今天又堵上了');
  });
});

describe('staff notifications', () => {
  it('name the case in the title for every event, with what happened in the body', async () => {
    await stack.grant(ids.officer2, ['local-tpl-case-new']);
    const { case: c } = unwrap(await stack.call('cases.create', fireLaneReport(), 'o-zhang'));
    expect(c.title).toBe('消防通道堵塞 · 3号楼');
    unwrap(await stack.call('cases.addInfo', { caseId: c.id, text: '今天又堵上了', photos: [] }, 'o-zhang'));
    unwrap(await stack.call('cases.transfer', { caseId: c.id, toGridId: ids.g3, reason: '车辆属于欣和园住户' }, ids.officer1));

    const first = await notesOf(ids.officer1, c.id);
    expect(first.map((n) => [n.kind, n.title, n.body])).toEqual([
      ['case_new', '消防通道堵塞 · 3号楼', '3号楼东侧消防通道被私家车堵住了两天'],
      ['case_update', '消防通道堵塞 · 3号楼', '居民补充了信息 · 今天又堵上了'],
    ]);
    const second = await notesOf(ids.officer2, c.id);
    expect(second.map((n) => [n.kind, n.title, n.body])).toEqual([['case_new', '消防通道堵塞 · 3号楼', '转派案件 · 3号楼东侧消防通道被私家车堵住了两天']]);

    // The subscribe message still says what it is about within its 20-character fields.
    const sent = await stack.outbox({ touser: ids.officer2 });
    expect(sent.at(-1)).toMatchObject({ data: { thing1: { value: '转派案件·消防通道堵塞' }, thing2: { value: '夢和园3号楼1单元' } } });
  });

  it('a case of a grid without an officer says so in the body, and a reopened case brings the reason', async () => {
    const { case: c } = unwrap(await stack.call('cases.create', fireLaneReport({ location: { buildingId: ids.b2 }, description: '9号楼门口消防通道堆满杂物' }), 'o-zhang'));
    const [created] = await notesOf(ids.admin, c.id);
    expect(created).toMatchObject({ kind: 'case_new', title: '消防通道堵塞 · 9号楼', body: '网格暂无民警 · 9号楼门口消防通道堆满杂物' });

    unwrap(await stack.call('cases.accept', { caseId: c.id }, ids.admin));
    unwrap(await stack.call('cases.resolve', { caseId: c.id, whatWasDone: '已清理杂物' }, ids.admin));
    unwrap(await stack.call('cases.reopen', { caseId: c.id, reason: '第二天又堆上了' }, 'o-zhang'));
    const reopened = (await notesOf(ids.admin, c.id)).at(-1);
    expect(reopened).toMatchObject({ kind: 'case_new', title: '消防通道堵塞 · 9号楼', body: '居民反馈未解决 · 第二天又堆上了' });
  });
});

describe('every notification', () => {
  it('never repeats its kind label in the title', async () => {
    for (const openid of [ids.officer1, ids.officer2, ids.admin, 'o-zhang']) {
      const items = unwrap(await stack.call('notify.myNotifications', { pageSize: 20 }, openid)).items;
      expect(items.length).toBeGreaterThan(0);
      for (const n of items) {
        expect(n.title).not.toContain(notificationKindLabels[n.kind]);
        expect(n.title).not.toContain('：');
      }
    }
    // The resident's own messages: the case, then the new state.
    const resident = unwrap(await stack.call('notify.myNotifications', { pageSize: 20 }, 'o-zhang')).items;
    expect(resident.find((n) => n.body.startsWith('已受理'))).toMatchObject({ kind: 'case_update', title: '消防通道堵塞 · 9号楼' });
  });
});
