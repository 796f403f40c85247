/** `session`: who am I, which community do I live in, consent, and staff invites. */
import type { FnOutput } from '../../types/registry';
import { PRIVACY_VERSION } from '../../types/privacy';
import type { Role } from '../../types/user';
import { buildingsOfCommunity, getBuilding, type BuildingDoc } from '../data/buildings';
import { getCommunity, listCommunities, type CommunityDoc } from '../data/communities';
import { getGrid, gridsOfOfficer, type GridDoc } from '../data/grids';
import { handOverGrid } from '../domain/gridOfficer';
import { claimInvite, getInvite, insertInvite, type InviteDoc } from '../data/invites';
import { addStationAdmin, getStation } from '../data/stations';
import { getUser, newUser, putUser, updateUser, type UserDoc } from '../data/users';
import type { FunctionHandlers } from '../request/defineFunction';
import { AppError } from '../platform/errors';
import { inviteCode } from '../platform/ids';
import { tempFileUrls } from '../platform/openapi';
import { subscribeScenes } from '../platform/templates';
import { DAY, iso } from '../platform/time';

type Whoami = FnOutput<'session.whoami'>;

async function officerCardFor(grid: GridDoc | null): Promise<Whoami['officer']> {
  if (!grid) return null;
  const officer = grid.officerId ? await getUser(grid.officerId) : null;
  if (officer?.staff && officer.roles.includes('officer')) {
    const photoId = officer.staff.photoFileId;
    const urls = photoId ? await tempFileUrls([photoId]) : new Map<string, string | null>();
    return {
      name: officer.staff.name,
      title: officer.staff.title,
      photo: photoId ? { fileId: photoId, url: urls.get(photoId) ?? null } : null,
      dutyHours: officer.staff.dutyHours,
      phone: officer.staff.phone,
      isStationFallback: false,
    };
  }
  const station = await getStation(grid.stationId);
  if (!station) return null;
  return { name: station.name, title: '派出所值班室', photo: null, dutyHours: station.dutyHours, phone: station.phone, isStationFallback: true };
}

/** Everything the home page needs about the caller, in a constant number of reads (≤ 6). */
export async function whoamiOf(user: UserDoc | null): Promise<Whoami> {
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
  };
  if (!user) return base;
  const [community, building, staffGrids] = await Promise.all([
    user.communityId ? getCommunity(user.communityId) : Promise.resolve(null),
    user.buildingId ? getBuilding(user.buildingId) : Promise.resolve(null),
    user.roles.includes('officer') ? gridsOfOfficer(user._id) : Promise.resolve([] as GridDoc[]),
  ]);
  const gridId = building?.gridId ?? community?.defaultGridId ?? null;
  const grid = gridId ? await getGrid(gridId) : null;
  return {
    ...base,
    community: community ? { id: community._id, name: community.name, address: community.address } : null,
    building: building ? { id: building._id, name: building.name } : null,
    grid: grid ? { id: grid._id, name: grid.name } : null,
    officer: await officerCardFor(grid),
    staffGrids: staffGrids.map((g) => ({ id: g._id, name: g.name, communityId: g.communityId })),
  };
}

function withRole(roles: Role[], role: Role): Role[] {
  return roles.includes(role) ? roles : [...roles, role];
}

async function checkPlace(communityId: string, buildingId: string | undefined, unit: string | undefined): Promise<{ community: CommunityDoc; building: BuildingDoc | null }> {
  const [community, building] = await Promise.all([getCommunity(communityId), buildingId ? getBuilding(buildingId) : Promise.resolve(null)]);
  if (!community) throw new AppError('INVALID_INPUT', '所选社区不存在', 'communityId');
  if (buildingId && (!building || building.communityId !== communityId)) throw new AppError('INVALID_INPUT', '所选楼栋不属于该社区', 'buildingId');
  if (unit && building && building.units.length > 0 && !building.units.includes(unit)) throw new AppError('INVALID_INPUT', '所选单元不属于该楼栋', 'unit');
  if (unit && !building) throw new AppError('INVALID_INPUT', '请先选择楼栋', 'buildingId');
  return { community, building };
}

export const sessionHandlers: FunctionHandlers<'session'> = {
  whoami: {
    auth: 'anyone',
    handle: async (_input, ctx) => whoamiOf(ctx.user),
  },

  listCommunities: {
    auth: 'anyone',
    handle: async (input) => {
      const [communities, buildings] = await Promise.all([
        listCommunities(),
        input.communityId ? buildingsOfCommunity(input.communityId) : Promise.resolve([] as BuildingDoc[]),
      ]);
      return {
        communities: communities.map((c) => ({ id: c._id, name: c.name, address: c.address })),
        buildings: buildings.map((b) => ({ id: b._id, communityId: b.communityId, name: b.name, units: b.units })),
      };
    },
  },

  consentPrivacy: {
    auth: 'anyone',
    handle: async (input, ctx) => {
      if (ctx.user) await updateUser(ctx.openid, { privacyVersion: input.version, privacyConsentAt: ctx.now, updatedAt: ctx.now });
      else await putUser({ ...newUser(ctx.openid, ctx.now), privacyVersion: input.version, privacyConsentAt: ctx.now });
      return { privacyConsented: true as const, consentedAt: iso(ctx.now) };
    },
  },

  bindCommunity: {
    auth: 'registered',
    collectsPersonalData: true,
    handle: async (input, ctx) => {
      const user = ctx.user!;
      const { community } = await checkPlace(input.communityId, input.buildingId, input.unit);
      const patch = {
        communityId: community._id,
        buildingId: input.buildingId ?? null,
        unit: input.unit ?? null,
        roles: withRole(user.roles, 'resident'),
        stationId: user.stationId ?? community.stationId,
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.phone !== undefined ? { phone: input.phone } : {}),
        updatedAt: ctx.now,
      };
      await updateUser(ctx.openid, patch);
      return whoamiOf({ ...user, ...patch });
    },
  },

  redeemInvite: {
    auth: 'registered',
    handle: async (input, ctx) => {
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
      await Promise.all([
        updateUser(ctx.openid, {
          roles,
          staff: { name: invite.name, title: invite.title, dutyHours: invite.dutyHours, phone: invite.phone, photoFileId: user.staff?.photoFileId ?? null },
          stationId: invite.stationId,
          updatedAt: ctx.now,
        }),
        // The grid and its open cases pass to the new officer.
        invite.role === 'officer' && invite.gridId
          ? handOverGrid(invite.gridId, { openid: ctx.openid, name: invite.name, title: invite.title }, ctx.now)
          : Promise.resolve(0),
        invite.role === 'admin' ? addStationAdmin(invite.stationId, ctx.openid) : Promise.resolve(),
      ]);
      return { roles, granted: invite.role };
    },
  },

  issueInvite: {
    auth: ['admin'],
    handle: async (input, ctx) => {
      const stationId = ctx.user!.stationId;
      if (!stationId) throw new AppError('FORBIDDEN', '您的账号未关联派出所');
      let communityId = input.communityId ?? null;
      if (input.role === 'officer' && !input.gridId) throw new AppError('INVALID_INPUT', '请为社区民警选择负责的网格', 'gridId');
      if (input.gridId) {
        const grid = await getGrid(input.gridId);
        if (!grid || grid.stationId !== stationId) throw new AppError('INVALID_INPUT', '所选网格不存在', 'gridId');
        communityId = grid.communityId;
      }
      const defaultTitles: Record<InviteDoc['role'], string> = {
        officer: '社区民警', mediator: '社区调解员', judicial_mediator: '专职人民调解员', grid_worker: '网格员', volunteer: '和苑家人志愿者', admin: '派出所管理员',
      };
      const expiresAt = new Date(ctx.now.getTime() + input.validDays * DAY);
      for (let attempt = 0; attempt < 3; attempt++) {
        const code = inviteCode();
        const inserted = await insertInvite({
          _id: code, role: input.role, stationId, communityId, gridId: input.gridId ?? null, name: input.name,
          title: input.title ?? defaultTitles[input.role], dutyHours: input.dutyHours ?? '工作日 9:00–17:00', phone: input.phone ?? '',
          status: 'active', issuedBy: ctx.openid, expiresAt, usedBy: null, usedAt: null, createdAt: ctx.now,
        });
        if (inserted) return { code, expiresAt: iso(expiresAt) };
      }
      throw new AppError('INTERNAL');
    },
  },
};
