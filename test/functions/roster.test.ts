/**
 * The roster and visits (issue 11) through the real `roster` function on local cloud (strict
 * indexes): who may see which households, masked and revealed contacts with their audit, search and
 * paging, logging a visit (exactly once under concurrent retries) and the help case it opens, the due
 * list, the station's rules, visits done vs due, and the visit-due reminder when the timer fires.
 */
import type { AuditLogDoc } from '../../backend/data/auditLog';
import type { CaseDoc } from '../../backend/data/cases';
import type { HouseholdDoc } from '../../backend/data/households';
import { sweepVisitReminders } from '../../backend/domain/visitReminders';
import { overdueDays } from '../../backend/domain/visitRules';
import { inChina } from '../../backend/platform/time';
import { startTestStack, type TestStack } from '../support/stack';
import { arrangeRosterStation, hh, householdDoc, putHouseholds, rosterPeople } from './rosterStation';
import { dataOf, ids, requestId, unwrap } from './station';

jest.setTimeout(180_000);

let stack: TestStack;
const DAY = 86_400_000;
const staff = rosterPeople;

beforeAll(async () => {
  stack = await startTestStack();
  await arrangeRosterStation(stack);
}, 120_000);
afterAll(() => stack?.close());

const households = () => stack.database().collection('households');

describe('who sees the roster', () => {
  it('the grid officer lists his grid with masked phones, his paired household first', async () => {
    const page = unwrap(await stack.call('roster.list', {}, ids.officer1));
    expect(page.grid).toMatchObject({ id: ids.g1, name: '夢和园第一网格', communityName: '夢和园' });
    expect(page.items.map((h) => h.id)).toEqual([hh.yang, hh.xing]);
    expect(page.items.find((h) => h.id === hh.xing)).toMatchObject({ phoneMasked: '138****1234', pairedWithMe: true, pairedOfficerName: '周建军', tags: ['独居'] });
    expect(JSON.stringify(page)).not.toContain('13800001234');
    expect(page.paired.map((h) => h.id)).toEqual([hh.xing]);
    expect(page.buildings).toEqual([{ id: ids.b1, name: '3号楼' }]);
  });

  it('searches by tag, by the beginning of a name and by building, and pages with a cursor', async () => {
    const ids_ = async (input: object) => unwrap(await stack.call('roster.list', input, ids.officer1)).items.map((h) => h.id);
    expect(await ids_({ tag: '独居' })).toEqual([hh.xing]);
    expect(await ids_({ tag: '残疾' })).toEqual([hh.yang]);
    expect(await ids_({ name: '邢' })).toEqual([hh.xing]);
    expect(await ids_({ name: '杨大爷' })).toEqual([hh.yang]);
    expect(await ids_({ name: '王' })).toEqual([]);
    expect(await ids_({ buildingId: ids.b1 })).toEqual([hh.yang, hh.xing]);
    const first = unwrap(await stack.call('roster.list', { pageSize: 1 }, ids.officer1));
    expect(first.items.map((h) => h.id)).toEqual([hh.yang]);
    const second = unwrap(await stack.call('roster.list', { pageSize: 1, cursor: first.nextCursor! }, ids.officer1));
    expect(second.items.map((h) => h.id)).toEqual([hh.xing]);
    expect(second.nextCursor).toBeNull();
    const searched = unwrap(await stack.call('roster.list', { pageSize: 1, buildingId: ids.b1 }, ids.officer1));
    const more = unwrap(await stack.call('roster.list', { pageSize: 1, buildingId: ids.b1, cursor: searched.nextCursor! }, ids.officer1));
    expect([...searched.items, ...more.items].map((h) => h.id)).toEqual([hh.yang, hh.xing]);
  });

  it('grid workers see the grids of their community; the admin every grid of the station', async () => {
    const worker = unwrap(await stack.call('roster.list', {}, staff.gridWorker));
    expect(worker.grids.map((g) => g.id)).toEqual([ids.g1, ids.g2]);
    expect(worker.items.map((h) => h.id)).toEqual([hh.yang, hh.xing]);
    expect(unwrap(await stack.call('roster.get', { householdId: hh.xing }, staff.gridWorker)).headName).toBe('邢桂珍');
    const admin = unwrap(await stack.call('roster.list', { gridId: ids.g3 }, ids.admin));
    expect(admin.grids.map((g) => g.id)).toEqual([ids.g1, ids.g2, ids.g3]);
    expect(admin.items.map((h) => h.id)).toEqual([hh.xinhe]);
  });

  it('refuses every wrong role, another grid\'s officer and another community\'s grid worker', async () => {
    for (const who of [staff.resident, staff.volunteer, staff.mediator, 'o-nobody']) {
      for (const [name, input] of [['roster.list', {}], ['roster.get', { householdId: hh.xing }], ['roster.revealContact', { householdId: hh.xing }], ['roster.due', {}]] as const) {
        const r = await stack.call(name, input as never, who);
        expect({ who, name, code: r.ok ? 'ok' : r.error.code }).toEqual({ who, name, code: 'FORBIDDEN' });
      }
    }
    // 王卫东 (欣和园) and a grid worker of 欣和园: not 夢和园's households.
    for (const who of [ids.officer2, staff.gridWorkerElsewhere]) {
      expect(await stack.call('roster.list', { gridId: ids.g1 }, who)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await stack.call('roster.get', { householdId: hh.xing }, who)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await stack.call('roster.revealContact', { householdId: hh.xing }, who)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await stack.call('roster.logVisit', { householdId: hh.xing, clientRequestId: requestId(), method: 'home', visitors: '王卫东', found: '路过看看' }, who))
        .toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await stack.call('roster.due', { gridId: ids.g1 }, who)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(unwrap(await stack.call('roster.list', {}, ids.officer2)).items.map((h) => h.id)).toEqual([hh.xinhe]);
    // Only the admin sets the rules.
    for (const who of [ids.officer1, staff.gridWorker, staff.resident]) {
      expect(await stack.call('roster.setVisitRules', { rules: [{ tag: '独居', days: 3 }], pairedDays: 3 }, who)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });
});

describe('the household record', () => {
  it('shows the phone masked; the full number only on request, each read in the audit log', async () => {
    const record = unwrap(await stack.call('roster.get', { householdId: hh.xing }, ids.officer1));
    expect(record).toMatchObject({ phoneMasked: '138****1234', note: '独居老人，女儿在外地', communityName: '夢和园' });
    const before = await dataOf<AuditLogDoc[]>(stack.database().collection('auditLog').where({ stationId: ids.station }).get());
    expect(unwrap(await stack.call('roster.revealContact', { householdId: hh.xing }, ids.officer1))).toEqual({ phone: '13800001234' });
    const after = await dataOf<AuditLogDoc[]>(stack.database().collection('auditLog').where({ stationId: ids.station }).get());
    const added = after.filter((a) => !before.some((b) => b._id === a._id));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ action: 'personal_data_read', by: 'staff', actorId: ids.officer1, actorName: expect.stringContaining('周建军'), target: { kind: 'household', id: hh.xing, label: '3号楼 1单元 202 邢奶奶' } });
  });
});

describe('visits', () => {
  it('lists due and overdue households earliest first, and a visit moves the next one by the rule', async () => {
    // Due a day before the station was arranged: one China day overdue, two once China midnight passed since.
    const dueAt = (await dataOf<HouseholdDoc>(households().doc(hh.xing).get())).nextVisitDue!;
    const before = new Date();
    const due = unwrap(await stack.call('roster.due', {}, ids.officer1));
    expect(due.items.map((h) => h.id)).toEqual([hh.xing]);
    expect([overdueDays(new Date(dueAt), before), overdueDays(new Date(dueAt), new Date())]).toContain(due.items[0]!.overdueDays);
    expect(due.items[0]!.overdueDays).toBeGreaterThanOrEqual(1);

    const logged = unwrap(await stack.call('roster.logVisit', {
      householdId: hh.xing, clientRequestId: requestId(), method: 'home', visitors: '周建军', found: '给邢奶奶做了西红柿炒鸡蛋',
    }, ids.officer1));
    expect(logged).toMatchObject({ duplicate: false, visit: { found: '给邢奶奶做了西红柿炒鸡蛋', caseId: null, loggedByName: '周建军' } });
    // 独居 and paired: weekly.
    expect(logged.household).toMatchObject({ visitIntervalDays: 7, overdueDays: null });
    expect(new Date(logged.household.nextVisitDue!).getTime() - Date.now()).toBeGreaterThan(5 * DAY);
    expect(unwrap(await stack.call('roster.due', {}, ids.officer1)).items).toEqual([]);
    const record = unwrap(await stack.call('roster.get', { householdId: hh.xing }, ids.officer1));
    expect(record.recentVisits[0]).toMatchObject({ id: logged.visit.id, method: 'home' });
  });

  it('opens a help case for the household from the visit, routed to the grid officer, once under concurrent retries', async () => {
    await putHouseholds([householdDoc({ _id: 'hh-li', headName: '李长顺', callName: '李大爷', room: '301', phone: '13800009999' })]);
    const input = {
      householdId: 'hh-li', clientRequestId: requestId(), method: 'home' as const, visitors: '马丽娜', found: '暖气不热，老人屋里只有12度',
      helpNeeded: '需要联系热力公司维修暖气', openHelpCase: true, urgent: true,
    };
    // A double tap and its retries arrive at once.
    const answers = await Promise.all(Array.from({ length: 5 }, () => stack.call('roster.logVisit', input, staff.gridWorker)));
    const done = answers.map((a) => unwrap(a));
    expect(new Set(done.map((d) => d.visit.id)).size).toBe(1);
    expect(done.filter((d) => !d.duplicate)).toHaveLength(1);
    const caseIds = new Set(done.map((d) => d.visit.caseId));
    expect(caseIds.size).toBe(1);
    const caseId = [...caseIds][0]!;

    const visits = await dataOf<unknown[]>(stack.database().collection('visits').where({ householdId: 'hh-li' }).get());
    expect(visits).toHaveLength(1);
    const cases = await dataOf<CaseDoc[]>(stack.database().collection('cases').where({ reporterId: staff.gridWorker }).get());
    expect(cases.map((c) => c._id)).toEqual([caseId]);
    expect(cases[0]).toMatchObject({
      kind: 'help', urgent: true, status: 'submitted', gridId: ids.g1, assigneeId: ids.officer1, buildingId: ids.b1, reporterName: '马丽娜',
      // The number is not copied onto the case: it stays on the household's record behind the audited reveal.
      reporterPhone: null, help: { helpType: 'elderly_care', urgency: 'urgent', callbackAllowed: false },
    });
    expect(cases[0]!.description).toContain('需要联系热力公司维修暖气');
    expect(cases[0]!.description).toContain('李大爷');
    const household = await dataOf<HouseholdDoc>(households().doc('hh-li').get());
    expect(household.version).toBe(1);
    // The officer finds it in his inbox.
    const inbox = unwrap(await stack.call('cases.inbox', {}, ids.officer1));
    expect([...inbox.overdue, ...inbox.items].map((c) => c.id)).toContain(caseId);
  });

  it('two different visits at once: both recorded, the household ends at the later one', async () => {
    await putHouseholds([householdDoc({ _id: 'hh-two', headName: '张秀英', callName: null, room: '402' })]);
    const base = { householdId: 'hh-two', method: 'phone' as const, visitors: '周建军', found: '电话联系，一切都好' };
    const later = new Date(Date.now() - 60_000).toISOString();
    const earlier = new Date(Date.now() - 3600_000).toISOString();
    await Promise.all([
      stack.call('roster.logVisit', { ...base, clientRequestId: requestId(), at: earlier }, ids.officer1),
      stack.call('roster.logVisit', { ...base, clientRequestId: requestId(), at: later }, staff.gridWorker),
    ]).then((r) => r.forEach(unwrap));
    const h = await dataOf<HouseholdDoc>(households().doc('hh-two').get());
    expect(h.lastVisitAt!.toISOString()).toBe(later);
    expect(await dataOf<unknown[]>(stack.database().collection('visits').where({ householdId: 'hh-two' }).get())).toHaveLength(2);
  });

  it('refuses a visit in the future and a help case without what is needed, in Chinese', async () => {
    const future = await stack.call('roster.logVisit', { householdId: hh.yang, clientRequestId: requestId(), method: 'home', visitors: '周建军', found: '还没去', at: new Date(Date.now() + DAY).toISOString() }, ids.officer1);
    expect(future).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '走访时间不能晚于现在' } });
    const noNeed = await stack.call('roster.logVisit', { householdId: hh.yang, clientRequestId: requestId(), method: 'home', visitors: '周建军', found: '需要帮助', openHelpCase: true }, ids.officer1);
    expect(noNeed).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('发起求助时请填写需要的帮助') } });
  });
});

describe('visit rules and numbers', () => {
  it('starts from the default rules; the admin sets the station\'s, which apply from the next visit', async () => {
    const rules = unwrap(await stack.call('roster.visitRules', {}, ids.officer1));
    expect(rules).toMatchObject({ pairedDays: 7, updatedAt: null });
    expect(rules.rules).toContainEqual({ tag: '独居', days: 7 });
    const set = unwrap(await stack.call('roster.setVisitRules', { rules: [{ tag: '残疾', days: 10 }, { tag: '低保', days: 20 }], pairedDays: 5 }, ids.admin));
    expect(set).toMatchObject({ pairedDays: 5, updatedByName: '李明' });
    expect(unwrap(await stack.call('roster.visitRules', {}, staff.gridWorker)).rules).toEqual([{ tag: '残疾', days: 10 }, { tag: '低保', days: 20 }]);
    const visit = unwrap(await stack.call('roster.logVisit', { householdId: hh.yang, clientRequestId: requestId(), method: 'home', visitors: '周建军', found: '杨大爷说新椅子坐着舒服' }, ids.officer1));
    expect(visit.household.visitIntervalDays).toBe(10);
    const dup = await stack.call('roster.setVisitRules', { rules: [{ tag: '残疾', days: 10 }, { tag: '残疾', days: 20 }], pairedDays: 5 }, ids.admin);
    expect(dup).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('每个标签只能设置一条规则') } });
  });

  it('counts visits done vs due per grid in a month', async () => {
    // The China month of the visits the tests above logged (at "now"): not the month at this later
    // instant, which is the next one when China's month turned meanwhile; the busier one if they straddle it.
    const logged = await dataOf<Array<{ at: Date | string }>>(stack.database().collection('visits').where({ gridId: ids.g1 }).get());
    const perMonth = new Map<string, number>();
    for (const m of logged.map((v) => inChina(new Date(v.at)).format('YYYY-MM'))) perMonth.set(m, (perMonth.get(m) ?? 0) + 1);
    const [month, visitsInMonth] = [...perMonth].sort((a, b) => b[1] - a[1])[0]!;
    expect(logged.length).toBeGreaterThanOrEqual(4);
    const stats = unwrap(await stack.call('roster.visitStats', { month }, ids.admin));
    const g1 = stats.grids.find((g) => g.gridId === ids.g1)!;
    expect(g1.done).toBe(visitsInMonth);
    expect(g1.due).toBeGreaterThanOrEqual(g1.dueMet);
    expect(stats.grids.map((g) => g.gridId)).toEqual([ids.g1, ids.g2, ids.g3]);
    // An officer sees his own grids only.
    expect(unwrap(await stack.call('roster.visitStats', { month }, ids.officer1)).grids.map((g) => g.gridId)).toEqual([ids.g1]);
  });
});

describe('the visit-due reminder', () => {
  it('reminds the paired officer on the due day when the timer fires, in the app and by subscribe message, once', async () => {
    // The clock: the due day is today and its reminder time (08:00) has passed.
    const today = new Date();
    await putHouseholds([householdDoc({
      _id: 'hh-due', headName: '周桂英', callName: '周奶奶', room: '501', pairedOfficerId: ids.officer1, pairedOfficerName: '周建军',
      nextVisitDue: today, remindAt: new Date(today.getTime() - 60_000),
    })]);
    await stack.grant(ids.officer1, ['local-tpl-case-overdue']);
    await stack.fireTrigger('scheduler');
    const notes = unwrap(await stack.call('notify.myNotifications', {}, ids.officer1)).items.filter((n) => n.kind === 'visit_due');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ title: '3号楼 1单元 501 周奶奶', body: '周奶奶（独居）今天该走访了（结对帮扶）', caseId: null });
    const sent = (await stack.outbox({ touser: ids.officer1 })).filter((m) => (m.page ?? '').includes('pkg-grid/household/index?id=hh-due'));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ template_id: 'local-tpl-case-overdue', data: { thing1: { value: '走访周奶奶' }, thing4: { value: '今天该走访了' } } });
    expect((await dataOf<HouseholdDoc>(households().doc('hh-due').get())).remindAt).toBeNull();

    // The timer fires again (and by hand): nothing more.
    await stack.fireTrigger('scheduler');
    expect(unwrap(await stack.call('scheduler.tick', {}, ids.admin)).visitReminders).toBe(0);
    expect(unwrap(await stack.call('notify.myNotifications', {}, ids.officer1)).items.filter((n) => n.kind === 'visit_due')).toHaveLength(1);
  });

  it('is sent once when two timer runs meet the same due reminder', async () => {
    const today = new Date();
    await putHouseholds([householdDoc({
      _id: 'hh-race', headName: '钱秀兰', callName: '钱奶奶', room: '602', pairedOfficerId: ids.officer1, pairedOfficerName: '周建军',
      nextVisitDue: today, remindAt: new Date(today.getTime() - 60_000),
    })]);
    // A long-term grant, so a second send would be accepted too: only the sweep can prevent it.
    await stack.grant(ids.officer1, ['local-tpl-case-overdue'], 'long-term');
    // Two runs of the sweep at once (the timer's runs may overlap on CloudBase).
    await Promise.all([sweepVisitReminders(new Date(), 50), sweepVisitReminders(new Date(), 50)]);
    const sent = (await stack.outbox({ touser: ids.officer1 })).filter((m) => m.ok && (m.page ?? '').includes('pkg-grid/household/index?id=hh-race'));
    expect(sent).toHaveLength(1);
    expect(unwrap(await stack.call('notify.myNotifications', {}, ids.officer1)).items.filter((n) => n.kind === 'visit_due' && n.title.includes('钱奶奶'))).toHaveLength(1);
  });
});
