/** Sessions: who am I, which community do I live in, consent, and staff invites. */
import type { FnOutput, FnParsedInput } from '../../types/registry';
import { PRIVACY_VERSION } from '../../types/privacy';
import type { Role } from '../../types/user';
import { removeJoinedFollows } from '../data/caseFollows';
import { getGrid, gridsOfOfficer, type GridDoc } from '../data/grids';
import { claimInvite, getInvite, insertInvite, type InviteDoc } from '../data/invites';
import { addStationAdmin, type StationDoc } from '../data/stations';
import { newUser, putUser, updateUser, type UserDoc } from '../data/users';
import { AppError } from '../platform/errors';
import { inviteCode } from '../platform/ids';
import { miniProgramCode, tempFileUrls } from '../platform/openapi';
import { temporaryUrl, uploadBytes } from '../platform/storage';
import { pagePath } from '../../types/routes';
import { roleLabels } from '../../types/enums';
import { recordStaffAction } from './audit';
import { subscribeScenes } from '../platform/templates';
import { daysLater, iso } from '../platform/time';
import type { CallContext } from './callContext';
import { handOverGrid } from './gridOfficer';
import { organisation, type Organisation } from './organisation';

type Whoami = FnOutput<'session.whoami'>;

async function officerCardFor(grid: GridDoc | null, org: Organisation): Promise<Whoami['officer']> {
  if (!grid) return null;
  const officer = grid.officerId ? grid.officer : null;
  if (officer) {
    const photoId = officer.photoFileId;
    const urls = photoId ? await tempFileUrls([photoId]) : new Map<string, string | null>();
    return {
      name: officer.name,
      title: officer.title,
      photo: photoId ? { fileId: photoId, url: urls.get(photoId) ?? null } : null,
      dutyHours: officer.dutyHours,
      phone: officer.phone,
      isStationFallback: false,
    };
  }
  const station = org.station(grid.stationId);
  if (!station) return null;
  return { name: station.name, title: '派出所值班室', photo: null, dutyHours: station.dutyHours, phone: station.phone, isStationFallback: true };
}

/** How pages name the station; the optional fields fall back so older station documents still work. */
export function stationInfoOf(station: StationDoc): NonNullable<Whoami['station']> {
  return {
    name: station.name,
    shortName: station.shortName || station.name,
    volunteerBrand: station.volunteerBrand || null,
    hotline: station.hotline || station.phone,
  };
}

/** The caller's station; before joining, the organisation's station when there is only one. */
function stationFor(user: UserDoc | null, org: Organisation): StationDoc | null {
  const own = org.station(user?.stationId ?? org.community(user?.communityId)?.stationId);
  if (own) return own;
  return org.stations.length === 1 ? org.stations[0]! : null;
}

/** Everything the home page needs about the caller: the grid read fresh (its officer), the rest cached. */
export async function whoamiOf(user: UserDoc | null, now: Date): Promise<Whoami> {
  const base: Whoami = {
    registered: user !== null,
    roles: user?.roles ?? [],
    name: user?.name ?? null,
    privacyConsented: !!user?.privacyConsentAt,
    privacyVersion: user?.privacyVersion ?? null,
    currentPrivacyVersion: PRIVACY_VERSION,
    community: null,
    building: null,
    unit: user?.unit ?? null,
    grid: null,
    officer: null,
    staffGrids: [],
    subscribeTemplates: subscribeScenes(),
    hasPhone: !!user?.phone,
  };
  const org = await organisation(now);
  const station = stationFor(user, org);
  if (station) base.station = stationInfoOf(station);
  if (!user) return base;
  const community = org.community(user.communityId);
  const building = org.building(user.buildingId);
  const gridId = building?.gridId ?? community?.defaultGridId ?? null;
  // issue 11: a grid worker's grid is among their staff grids (no read when they live in it).
  const workerGridId = user.roles.includes('grid_worker') ? user.workerGridId ?? null : null;
  const [grid, staffGrids, workerGrid] = await Promise.all([
    gridId ? getGrid(gridId) : Promise.resolve(null),
    user.roles.includes('officer') ? gridsOfOfficer(user._id) : Promise.resolve([] as GridDoc[]),
    workerGridId && workerGridId !== gridId ? getGrid(workerGridId) : Promise.resolve(null),
  ]);
  const ownGrid = workerGridId ? (workerGridId === gridId ? grid : workerGrid) : null;
  if (ownGrid && !staffGrids.some((g) => g._id === ownGrid._id)) staffGrids.push(ownGrid);
  return {
    ...base,
    community: community ? { id: community._id, name: community.name, address: community.address } : null,
    building: building ? { id: building._id, name: building.name } : null,
    grid: grid ? { id: grid._id, name: grid.name } : null,
    officer: await officerCardFor(grid, org),
    staffGrids: staffGrids.map((g) => ({ id: g._id, name: g.name, communityId: g.communityId })),
  };
}

export async function listCommunities(input: FnParsedInput<'session.listCommunities'>, ctx: CallContext): Promise<FnOutput<'session.listCommunities'>> {
  const org = await organisation(ctx.now);
  return {
    communities: org.communities.map((c) => ({ id: c._id, name: c.name, address: c.address })),
    buildings: input.communityId ? org.buildingsOf(input.communityId).map((b) => ({ id: b._id, communityId: b.communityId, name: b.name, units: b.units })) : [],
  };
}

export async function consentPrivacy(input: FnParsedInput<'session.consentPrivacy'>, ctx: CallContext): Promise<FnOutput<'session.consentPrivacy'>> {
  if (ctx.user) await updateUser(ctx.openid, { privacyVersion: input.version, privacyConsentAt: ctx.now, updatedAt: ctx.now });
  else await putUser({ ...newUser(ctx.openid, ctx.now), privacyVersion: input.version, privacyConsentAt: ctx.now });
  return { privacyConsented: true as const, consentedAt: iso(ctx.now) };
}

function withRole(roles: Role[], role: Role): Role[] {
  return roles.includes(role) ? roles : [...roles, role];
}

/** issue 10: verified for a community (legacy records without the fields count as verified where bound). */
export function isVerifiedFor(user: Pick<UserDoc, 'communityId' | 'memberVerified' | 'verifiedCommunityIds'>, communityId: string): boolean {
  if ((user.verifiedCommunityIds ?? []).includes(communityId)) return true;
  return user.communityId === communityId && user.memberVerified === undefined;
}

export async function bindCommunity(input: FnParsedInput<'session.bindCommunity'>, ctx: CallContext): Promise<FnOutput<'session.bindCommunity'>> {
  const user = ctx.user!;
  const org = await organisation(ctx.now);
  const community = org.community(input.communityId);
  const building = input.buildingId ? org.building(input.buildingId) : null;
  if (!community) throw new AppError('INVALID_INPUT', '所选社区不存在', 'communityId');
  if (input.buildingId && (!building || building.communityId !== community._id)) throw new AppError('INVALID_INPUT', '所选楼栋不属于该社区', 'buildingId');
  if (input.unit && !building) throw new AppError('INVALID_INPUT', '请先选择楼栋', 'buildingId');
  if (input.unit && building && building.units.length > 0 && !building.units.includes(input.unit)) throw new AppError('INVALID_INPUT', '所选单元不属于该楼栋', 'unit');
  const patch = {
    communityId: community._id,
    buildingId: input.buildingId ?? null,
    unit: input.unit ?? null,
    roles: withRole(user.roles, 'resident'),
    stationId: user.stationId ?? community.stationId,
    // issue 10: self-declared unless they arrived from the community's group or were approved.
    memberVerified: isVerifiedFor(user, community._id),
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.phone !== undefined ? { phone: input.phone } : {}),
    updatedAt: ctx.now,
  };
  const moved = user.communityId !== null && user.communityId !== community._id;
  // Access follows the current binding: the cases they only joined stay with the old community.
  await Promise.all([updateUser(ctx.openid, patch), moved ? removeJoinedFollows(ctx.openid) : Promise.resolve()]);
  return whoamiOf({ ...user, ...patch }, ctx.now);
}

export async function redeemInvite(input: FnParsedInput<'session.redeemInvite'>, ctx: CallContext): Promise<FnOutput<'session.redeemInvite'>> {
  const user = ctx.user!;
  const invite = await getInvite(input.code);
  if (!invite || invite.status === 'revoked' || invite.expiresAt.getTime() < ctx.now.getTime()) {
    throw new AppError('INVALID_INPUT', '邀请码无效或已过期，请联系派出所管理员', 'code');
  }
  if (invite.status === 'used') {
    if (invite.usedBy === ctx.openid) return { roles: user.roles, granted: invite.role };
    throw new AppError('CONFLICT', '该邀请码已被使用');
  }
  if (!(await claimInvite(invite._id, ctx.openid, ctx.now))) throw new AppError('CONFLICT', '该邀请码已被使用');
  const roles = withRole(user.roles, invite.role);
  const staff = { name: invite.name, title: invite.title, dutyHours: invite.dutyHours, phone: invite.phone, photoFileId: user.staff?.photoFileId ?? null };
  // issue 11: a grid worker works the grid of their invite.
  const workerGrid = invite.role === 'grid_worker' && invite.gridId ? { workerGridId: invite.gridId } : {};
  await Promise.all([
    updateUser(ctx.openid, { roles, staff, stationId: invite.stationId, ...workerGrid, updatedAt: ctx.now }),
    // The grid and its open cases pass to the new officer.
    invite.role === 'officer' && invite.gridId ? handOverGrid(invite.gridId, { openid: ctx.openid, profile: staff }, ctx.now) : Promise.resolve(0),
    invite.role === 'admin' ? addStationAdmin(invite.stationId, ctx.openid) : Promise.resolve(),
  ]);
  await recordStaffAction({ ...ctx, user: { ...user, roles, staff, stationId: invite.stationId } }, {
    action: 'role_granted', stationId: invite.stationId, target: { kind: 'invite', id: invite._id, label: `${invite.name}（${roleLabels[invite.role]}）` },
    detail: `${invite.name}使用邀请码 ${invite._id} 获得${roleLabels[invite.role]}角色`,
  });
  return { roles, granted: invite.role };
}

const defaultTitles: Record<InviteDoc['role'], string> = {
  officer: '社区民警', mediator: '社区调解员', judicial_mediator: '专职人民调解员', grid_worker: '网格员', volunteer: '志愿者', admin: '派出所管理员',
};

/** A volunteer's default title carries the station's volunteer brand (和苑家人志愿者) when it has one. */
async function defaultTitle(role: InviteDoc['role'], stationId: string, now: Date): Promise<string> {
  const brand = role === 'volunteer' ? (await organisation(now)).station(stationId)?.volunteerBrand : null;
  return brand ? `${brand}${defaultTitles[role]}` : defaultTitles[role];
}

export async function issueInvite(input: FnParsedInput<'session.issueInvite'>, ctx: CallContext): Promise<FnOutput<'session.issueInvite'>> {
  const stationId = ctx.user!.stationId;
  if (!stationId) throw new AppError('FORBIDDEN', '您的账号未关联派出所');
  let communityId = input.communityId ?? null;
  if (input.role === 'officer' && !input.gridId) throw new AppError('INVALID_INPUT', '请为社区民警选择负责的网格', 'gridId');
  if (input.role === 'grid_worker' && !input.gridId) throw new AppError('INVALID_INPUT', '请为网格员选择所在的网格', 'gridId');
  if (input.gridId) {
    const grid = await getGrid(input.gridId);
    if (!grid || grid.stationId !== stationId) throw new AppError('INVALID_INPUT', '所选网格不存在', 'gridId');
    communityId = grid.communityId;
  }
  const expiresAt = daysLater(ctx.now, input.validDays);
  for (let attempt = 0; attempt < 3; attempt++) {
    const code = inviteCode();
    const inserted = await insertInvite({
      _id: code, role: input.role, stationId, communityId, gridId: input.gridId ?? null, name: input.name,
      title: input.title ?? (await defaultTitle(input.role, stationId, ctx.now)), dutyHours: input.dutyHours ?? '工作日 9:00–17:00', phone: input.phone ?? '',
      status: 'active', issuedBy: ctx.openid, expiresAt, usedBy: null, usedAt: null, createdAt: ctx.now,
    });
    if (!inserted) continue;
    const [qr] = await Promise.all([
      inviteQr(code, stationId),
      recordStaffAction(ctx, {
        action: 'invite_issued', stationId, target: { kind: 'invite', id: code, label: `${input.name}（${roleLabels[input.role]}）` },
        detail: `签发${roleLabels[input.role]}邀请码 ${code} 给 ${input.name}，${input.validDays} 天内有效`,
      }),
    ]);
    return { code, expiresAt: iso(expiresAt), qr };
  }
  throw new AppError('INTERNAL');
}

/**
 * The invite as a mini-program code that opens the redeem page with scene = the code, stored under
 * `invites/` and answered as a link. null when WeChat or storage refused: the code itself still works.
 */
async function inviteQr(code: string, stationId: string): Promise<{ fileId: string; url: string } | null> {
  const image = await miniProgramCode(pagePath('staffRedeem').slice(1), code);
  if (!image) return null;
  try {
    const fileId = await uploadBytes(`invites/${stationId}/${code}.png`, image.buffer);
    return { fileId, url: await temporaryUrl(fileId, 86_400) };
  } catch (e) {
    console.error(JSON.stringify({ msg: 'invite code image not stored', error: e instanceof Error ? e.message : String(e) }));
    return null;
  }
}
