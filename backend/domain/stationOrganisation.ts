/**
 * The organisation as the station admin manages it on the desk: communities with their grids and
 * buildings, the staff and their roles, the invites. Roles are granted only by invites
 * (session.issueInvite / redeemInvite); here an admin revokes an unused invite, takes a role away
 * and moves a grid to another officer (domain/gridOfficer.ts moves its open cases). Every change is
 * in the audit log.
 */
import { roleLabels, staffRoles, type StaffRole } from '../../types/enums';
import type { FnOutput, FnParsedInput } from '../../types/registry';
import { getGrid, gridsOfOfficer, gridsOfStation } from '../data/grids';
import { getInvite, invitesOfStation, revokeActiveInvite } from '../data/invites';
import { removeStationAdmin } from '../data/stations';
import { getUser, staffOfStation, updateUser } from '../data/users';
import { AppError } from '../platform/errors';
import { iso } from '../platform/time';
import { auditRetentionDays, recordStaffAction } from './audit';
import type { CallContext } from './callContext';
import { handOverGrid } from './gridOfficer';
import { organisation } from './organisation';

function stationOf(ctx: CallContext): string {
  const stationId = ctx.user?.stationId;
  if (!stationId) throw new AppError('FORBIDDEN', '您的账号未关联派出所');
  return stationId;
}

export async function organisationView(_input: FnParsedInput<'station.organisation'>, ctx: CallContext): Promise<FnOutput<'station.organisation'>> {
  const stationId = stationOf(ctx);
  const org = await organisation(ctx.now);
  const [grids, staff, invites] = await Promise.all([gridsOfStation(stationId), staffOfStation(stationId), invitesOfStation(stationId, 50)]);
  const gridName = new Map(grids.map((g) => [g._id, g.name]));
  const station = org.station(stationId);
  return {
    station: { id: stationId, name: station?.name ?? '', auditRetentionDays: auditRetentionDays(station) },
    communities: org.communities.filter((c) => c.stationId === stationId).map((c) => ({
      id: c._id, name: c.name,
      grids: grids.filter((g) => g.communityId === c._id).map((g) => ({
        id: g._id, name: g.name, officerId: g.officerId, officerName: g.officerId ? g.officer?.name ?? null : null,
        buildings: org.buildingsOf(c._id).filter((b) => b.gridId === g._id).map((b) => ({ id: b._id, name: b.name })),
      })),
    })),
    staff: staff.map((u) => ({
      id: u._id, name: u.staff!.name, title: u.staff!.title, phone: u.staff!.phone,
      roles: u.roles.filter((r): r is StaffRole => (staffRoles as readonly string[]).includes(r)),
      gridNames: grids.filter((g) => g.officerId === u._id).map((g) => g.name),
    })).filter((s) => s.roles.length > 0),
    invites: invites.map((i) => ({
      code: i._id, role: i.role, name: i.name, title: i.title, gridId: i.gridId, gridName: i.gridId ? gridName.get(i.gridId) ?? null : null,
      status: i.status === 'active' && i.expiresAt < ctx.now ? 'expired' : i.status, expiresAt: iso(i.expiresAt), createdAt: iso(i.createdAt),
    })),
  };
}

export async function revokeInvite(input: FnParsedInput<'station.revokeInvite'>, ctx: CallContext): Promise<FnOutput<'station.revokeInvite'>> {
  const stationId = stationOf(ctx);
  const invite = await getInvite(input.code);
  if (!invite || invite.stationId !== stationId) throw new AppError('NOT_FOUND', '邀请码不存在');
  if (invite.status === 'used') throw new AppError('CONFLICT', '该邀请码已被使用，不能作废；如需收回权限，请撤销其角色');
  if (invite.status === 'active' && !(await revokeActiveInvite(invite._id, stationId))) throw new AppError('CONFLICT', '该邀请码刚刚被使用，不能作废');
  if (invite.status === 'active') {
    await recordStaffAction(ctx, {
      action: 'invite_revoked', stationId, target: { kind: 'invite', id: invite._id, label: `${invite.name}（${roleLabels[invite.role]}）` },
      detail: `作废邀请码 ${invite._id}（${roleLabels[invite.role]} ${invite.name}）`,
    });
  }
  return { code: invite._id, status: 'revoked' };
}

export async function removeRole(input: FnParsedInput<'station.removeRole'>, ctx: CallContext): Promise<FnOutput<'station.removeRole'>> {
  const stationId = stationOf(ctx);
  if (input.userId === ctx.openid && input.role === 'admin') throw new AppError('INVALID_INPUT', '不能撤销自己的管理员角色', 'userId');
  const person = await getUser(input.userId);
  if (!person || person.stationId !== stationId || !person.staff) throw new AppError('NOT_FOUND', '该工作人员不存在');
  if (!person.roles.includes(input.role)) throw new AppError('CONFLICT', `该工作人员没有${roleLabels[input.role]}角色`);
  if (input.role === 'officer') {
    const grids = await gridsOfOfficer(person._id);
    // A grid is never left without someone answering its residents: hand it over first.
    if (grids.length > 0) throw new AppError('CONFLICT', `请先将${grids.map((g) => g.name).join('、')}移交给其他民警，再撤销其民警角色`);
  }
  const roles = person.roles.filter((r) => r !== input.role);
  await Promise.all([
    updateUser(person._id, { roles, updatedAt: ctx.now }),
    input.role === 'admin' ? removeStationAdmin(stationId, person._id) : Promise.resolve(),
  ]);
  await recordStaffAction(ctx, {
    action: 'role_removed', stationId, target: { kind: 'user', id: person._id, label: `${person.staff.name}（${person.staff.title}）` },
    detail: `撤销 ${person.staff.name} 的${roleLabels[input.role]}角色`,
  });
  return { userId: person._id, roles };
}

export async function moveGrid(input: FnParsedInput<'station.moveGrid'>, ctx: CallContext): Promise<FnOutput<'station.moveGrid'>> {
  const stationId = stationOf(ctx);
  const [grid, officer] = await Promise.all([getGrid(input.gridId), getUser(input.officerId)]);
  if (!grid || grid.stationId !== stationId) throw new AppError('NOT_FOUND', '网格不存在');
  if (!officer || officer.stationId !== stationId || !officer.roles.includes('officer') || !officer.staff) throw new AppError('INVALID_INPUT', '请选择本所的社区民警', 'officerId');
  if (grid.officerId === officer._id) throw new AppError('CONFLICT', `${grid.name}已由${officer.staff.name}负责`);
  const moved = await handOverGrid(grid._id, { openid: officer._id, profile: officer.staff }, ctx.now);
  await recordStaffAction(ctx, {
    action: 'grid_moved', stationId, target: { kind: 'grid', id: grid._id, label: grid.name }, counts: { movedCases: moved },
    detail: `${grid.name}由${grid.officer?.name ?? '派出所'}移交给${officer.staff.name}，未办结案件 ${moved} 件随之转交`,
  });
  return { gridId: grid._id, officerName: officer.staff.name, movedCases: moved };
}
