/**
 * Answers for the built mini-program's `wx.cloud.callFunction` in miniprogram-simulate: the platform
 * API is stood in for (there is no WeChat here), not our SDK or services client, which run as built.
 * Every answer is parsed by its output schema from types/, and every request by its input schema, so
 * a fixture cannot drift from the contract and the built client is checked to send valid inputs.
 */
import { PRIVACY_VERSION } from '../../../types/privacy';
import { contract, type FnName, type FnOutput } from '../../../types/registry';
import type { CloudCall } from './mini-program';

export type Fixtures = { [N in FnName]?: FnOutput<N> };

export interface ContractAnswerer {
  answer(call: CloudCall): unknown;
  /** Calls with no fixture or with an input the contract refuses, as "<name>: <why>". */
  problems: string[];
}

function isFnName(name: string): name is FnName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export function answerFromFixtures(fixtures: Fixtures): ContractAnswerer {
  const problems: string[] = [];
  return {
    problems,
    answer({ name: fn, data }) {
      const { action, input } = (data ?? {}) as { action?: unknown; input?: unknown };
      const name = `${fn}.${String(action)}`;
      if (!isFnName(name)) {
        problems.push(`${name}: not in the contract`);
        return { ok: false, error: { code: 'NOT_FOUND', message: '没有这个接口' } };
      }
      const parsedInput = contract[name].input.safeParse(input);
      if (!parsedInput.success) {
        problems.push(`${name}: input refused by the contract: ${parsedInput.error.message}`);
        return { ok: false, error: { code: 'INVALID_INPUT', message: '输入不符合约定' } };
      }
      if (!(name in fixtures)) {
        problems.push(`${name}: no fixture`);
        return { ok: false, error: { code: 'INTERNAL', message: '测试夹具没有这个调用' } };
      }
      return { ok: true, data: contract[name].output.parse(fixtures[name]) };
    },
  };
}

const MENGHE = { id: 'community-menghe', name: '梦和园', address: '天津市红桥区和苑街道梦和园' };

/** A resident of 梦和园 3号楼 2单元 whose grid officer is 周建军: what the home and report pages need. */
export const residentFixtures: Fixtures = {
  'session.whoami': {
    registered: true,
    roles: ['resident'],
    name: '刘玉芬',
    privacyConsented: true,
    privacyVersion: PRIVACY_VERSION,
    community: MENGHE,
    building: { id: 'building-menghe-3', name: '3号楼' },
    unit: '2',
    grid: { id: 'grid-menghe-1', name: '梦和园第一网格' },
    officer: {
      name: '周建军',
      title: '社区民警',
      photo: null,
      dutyHours: '周一至周五 8:30–17:30',
      phone: '022-26530110',
      isStationFallback: false,
    },
    staffGrids: [],
    subscribeTemplates: { onSubmit: ['TPL_CASE_STATUS'], onOpenInbox: [] },
  },
  'notify.badge': { unreadNotifications: 1, myCasesWithNews: 2 },
  'notices.latest': {
    items: [
      {
        id: 'notice-1',
        category: 'fire_safety',
        title: '冬季消防安全提示',
        summary: '楼道内请勿堆放杂物，电动车不要入户充电。',
        // Just after midnight in Beijing, still the 19th in UTC: the page must say the 20th.
        publishedAt: '2026-11-20T00:30:00+08:00',
        readCount: 56,
      },
    ],
  },
  'session.listCommunities': {
    communities: [MENGHE],
    buildings: [{ id: 'building-menghe-3', communityId: MENGHE.id, name: '3号楼', units: ['1', '2', '3'] }],
  },
  'cases.findSimilar': { items: [] },
  'notify.myNotifications': {
    items: [
      {
        id: 'n-photo',
        kind: 'photo_rejected',
        title: '有一张照片未通过审核：消防通道堵塞',
        body: '这张照片不会给其他人看到，您可以补充一张新的照片。',
        caseId: 'case-fire-lane',
        createdAt: '2026-11-28T10:00:00+08:00',
        read: false,
      },
      {
        id: 'n-update',
        kind: 'case_update',
        title: '已受理：楼道堆放杂物',
        body: '周建军已受理，会尽快处理。',
        caseId: 'case-clutter',
        createdAt: '2026-11-27T09:00:00+08:00',
        read: true,
      },
    ],
    nextCursor: null,
  },
  'notify.markRead': { updated: 1 },
};
