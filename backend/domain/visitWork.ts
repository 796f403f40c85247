/**
 * Logging a visit (issue 11). Exactly once: the visit's id derives from who logged it and their
 * request id (a retried or doubled submit finds the first one), the help case opened from it
 * ("一键发起求助") derives its request id from the visit (cases.create is idempotent on it), and the
 * household's next due date moves by compare-and-set on its version, only forward.
 */
import type { FnOutput, FnParsedInput } from '../../types/registry';
import { getHousehold, updateHouseholdAtVersion, type HouseholdDoc } from '../data/households';
import { getVisit, insertVisit, setVisitCase, type VisitDoc } from '../data/visits';
import { AppError } from '../platform/errors';
import { derivedId } from '../platform/ids';
import type { CallContext } from './callContext';
import { createCase } from './caseResident';
import { ensureHouseholdAccess, rosterScope } from './rosterAccess';
import { householdLabel, householdRow, visitView } from './rosterViews';
import { dueDayAfter, intervalFor, remindAtFor, rulesOfStation, type VisitRules } from './visitRules';

const CAS_ATTEMPTS = 3;

export const visitIdFor = (openid: string, clientRequestId: string) => derivedId('visit', openid, clientRequestId);

/** Open the help case for the household, as the visitor, routed like any help request (the grid's officer). */
async function openHelpCase(v: VisitDoc, h: HouseholdDoc, urgent: boolean, ctx: CallContext): Promise<string> {
  const user = ctx.user!;
  const asVisitor: CallContext = {
    ...ctx,
    // The case is placed in the household's community and signed with the visitor's staff name.
    user: { ...user, communityId: h.communityId, buildingId: h.buildingId, unit: h.unit, name: user.staff?.name ?? user.name },
  };
  const created = await createCase(
    {
      kind: 'help',
      helpType: h.tags.includes('独居') ? 'elderly_care' : 'other',
      urgency: urgent ? 'urgent' : 'normal',
      // The household's number stays on its record, where every full read is audited (roster.revealContact).
      callbackAllowed: false,
      description: `走访发现（${householdLabel(h)}）：${v.helpNeeded ?? v.found}`,
      location: { buildingId: h.buildingId, unit: h.unit },
      photos: [],
      clientRequestId: `visit-${v._id}`,
    },
    asVisitor,
  );
  return created.case.id;
}

/** Move the household's last visit and next due date forward (never back), at its version. */
async function advanceHousehold(h0: HouseholdDoc, v: VisitDoc, rules: VisitRules, now: Date): Promise<HouseholdDoc> {
  let h = h0;
  for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
    if (h.lastVisitAt && h.lastVisitAt.getTime() >= v.at.getTime()) return h;
    const interval = intervalFor(h.tags, h.pairedOfficerId !== null, rules);
    const nextVisitDue = interval ? dueDayAfter(v.at, interval) : null;
    const patch = { lastVisitAt: v.at, nextVisitDue, remindAt: nextVisitDue ? remindAtFor(nextVisitDue) : null, visitIntervalDays: interval, updatedAt: now };
    if (await updateHouseholdAtVersion(h._id, h.version, patch)) return { ...h, ...patch, version: h.version + 1 };
    const again = await getHousehold(h._id);
    if (!again) throw new AppError('NOT_FOUND', '没有找到该住户');
    h = again;
  }
  throw new AppError('CONFLICT', '该住户的走访记录刚被其他人更新，请刷新后重试');
}

export async function logVisit(input: FnParsedInput<'roster.logVisit'>, ctx: CallContext): Promise<FnOutput<'roster.logVisit'>> {
  const at = input.at ? new Date(input.at) : ctx.now;
  if (at.getTime() > ctx.now.getTime() + 60_000) throw new AppError('INVALID_INPUT', '走访时间不能晚于现在', 'at');
  const [scope, found] = await Promise.all([rosterScope(ctx), getHousehold(input.householdId)]);
  const h = ensureHouseholdAccess(scope, found, ctx.openid);
  const { rules } = await rulesOfStation(h.stationId);
  const id = visitIdFor(ctx.openid, input.clientRequestId);
  const fresh: VisitDoc = {
    _id: id, stationId: h.stationId, communityId: h.communityId, gridId: h.gridId, householdId: h._id, at, method: input.method,
    visitors: input.visitors, found: input.found, helpNeeded: input.helpNeeded ?? null, caseId: null,
    loggedById: ctx.openid, loggedByName: ctx.user!.staff?.name ?? ctx.user!.name ?? '工作人员',
    dueAt: h.nextVisitDue,
    clientRequestId: input.clientRequestId, createdAt: ctx.now,
  };
  const inserted = await insertVisit(fresh);
  // A retry (or the same submit twice at once) continues with the visit that was written first.
  const v = inserted ? fresh : await getVisit(id);
  if (!v || v.householdId !== h._id) throw new AppError('CONFLICT', '该请求编号已用于其他走访记录，请重新提交');
  if (input.openHelpCase && !v.caseId) {
    v.caseId = await openHelpCase(v, h, input.urgent, ctx);
    await setVisitCase(v._id, v.caseId);
  }
  const household = await advanceHousehold(h, v, rules, ctx.now);
  return { visit: visitView(v), household: householdRow(household, scope.grids, ctx.openid, ctx.now), duplicate: !inserted };
}
