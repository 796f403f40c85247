/** `cases`: the action table; rules live in backend/domain. */
import { caseHandlerRoles } from '../../types/user';
import { caseReaderRoles, mediationStaffRoles } from '../../types/enums';
import { hasRole } from '../domain/callContext';
import type { FunctionHandlers } from '../request/defineFunction';
import { AppError } from '../platform/errors';
import { followerAccess, hasStaffAccess, loadCase } from '../domain/caseAccess';
import * as resident from '../domain/caseResident';
import * as staff from '../domain/caseStaff';
import * as helpers from '../domain/caseHelpers';
import * as templates from '../domain/responseTemplates';
import { checkDeclaredOpenApi } from '../domain/openapiHealth';

// collectsPersonalData: these take a resident's words, photos or place (see defineFunction).
export const casesHandlers: FunctionHandlers<'cases'> = {
  create: { auth: 'resident', collectsPersonalData: true, handle: resident.createCase },
  findSimilar: { auth: 'resident', handle: resident.findSimilar },
  joinSimilar: { auth: 'resident', collectsPersonalData: true, handle: resident.joinSimilar },
  listMine: { auth: 'registered', handle: resident.listMine },
  addInfo: { auth: 'registered', collectsPersonalData: true, handle: resident.addInfo },
  withdraw: { auth: 'registered', collectsPersonalData: true, handle: resident.withdraw },
  reopen: { auth: 'registered', collectsPersonalData: true, handle: resident.reopen },
  rate: { auth: 'registered', collectsPersonalData: true, handle: resident.rate },

  get: {
    auth: 'registered',
    handle: async (input, ctx) => {
      const c = await loadCase(input.caseId);
      // Mediators read the mediations they work on (domain/caseAccess.ts) but act through `mediations`.
      const staffRole = hasRole(ctx, ...mediationStaffRoles, 'grid_worker');
      // A reporter who is also staff sees their own case as a resident unless they ask otherwise.
      const wantStaff = input.as === 'staff' || (input.as === undefined && staffRole && c.reporterId !== ctx.openid);
      if (wantStaff && staffRole && (await hasStaffAccess(ctx, c))) {
        const view = await staff.staffGet(c, ctx);
        if (hasRole(ctx, ...caseHandlerRoles)) return view;
        // A grid worker notes on the cases they read (issue 11); mediators act through `mediations`.
        const notes = hasRole(ctx, 'grid_worker') && view.can.note;
        return { ...view, can: { accept: false, note: notes, startProgress: false, resolve: false, reject: false, transfer: false } };
      }
      if (input.as !== 'staff') {
        const { follows, follow } = await followerAccess(ctx, c);
        if (follows) return resident.residentGet(c, follow, ctx);
      }
      throw new AppError('FORBIDDEN', staffRole ? '该案件不在您负责的网格内' : '只能查看自己提交或关注的案件');
    },
  },

  inbox: { auth: caseReaderRoles, handle: staff.inbox },
  accept: { auth: caseHandlerRoles, handle: staff.accept },
  note: { auth: caseReaderRoles, handle: staff.note },
  startProgress: { auth: caseHandlerRoles, handle: staff.startProgress },
  resolve: { auth: caseHandlerRoles, handle: staff.resolve },
  reject: { auth: caseHandlerRoles, handle: staff.reject },
  transfer: { auth: caseHandlerRoles, handle: staff.transfer },
  transferTargets: { auth: caseHandlerRoles, handle: (_input, ctx) => staff.transferTargets(ctx) },

  // issue 11: grid worker helpers (协办), pressing an overdue case (督办)
  helperOptions: { auth: caseHandlerRoles, handle: helpers.helperOptions },
  addHelper: { auth: caseHandlerRoles, handle: helpers.addHelper },
  removeHelper: { auth: caseHandlerRoles, handle: helpers.removeHelper },
  press: { auth: ['admin'], handle: helpers.press },
  // issue 11: response templates (常用回复)
  templates: { auth: caseHandlerRoles, handle: (_input, ctx) => templates.listTemplates(ctx) },
  saveTemplate: { auth: caseHandlerRoles, handle: templates.saveTemplate },
  removeTemplate: { auth: caseHandlerRoles, handle: templates.removeTemplate },
  // issue 16: the openapi calls config.json declares, tried harmlessly (also run by npm run deploy).
  health: { auth: ['admin'], handle: (_input, ctx) => checkDeclaredOpenApi(ctx.openid) },
};
