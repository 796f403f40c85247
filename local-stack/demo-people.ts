import fs from 'node:fs';
import path from 'node:path';

/** A person of the demo station one can sign in as on the local sign-in page. */
export interface DemoPerson {
  openid: string;
  name: string;
  /** e.g. 居民, 社区民警, 调解员, 志愿者, 管理员 */
  roleLabel: string;
  description: string;
}

export type SeedResult = { seeded: boolean };

/** What local-stack/seed/index.ts exports. */
export interface SeedModule {
  DEMO_PEOPLE: DemoPerson[];
  seedDemoStationIfEmpty(sdkEnv: Record<string, string>): Promise<SeedResult>;
}

const SEED_DIR = path.join(__dirname, 'seed');

/**
 * Used only while the demo station's seed is not written yet: people with no data behind them,
 * so the sign-in page and the gateway still work.
 */
export const PLACEHOLDER_PEOPLE: DemoPerson[] = [
  { openid: 'demo-resident', name: '演示居民', roleLabel: '居民', description: '示例数据尚未生成' },
  { openid: 'demo-officer', name: '演示民警', roleLabel: '社区民警', description: '示例数据尚未生成' },
  { openid: 'demo-mediator', name: '演示调解员', roleLabel: '调解员', description: '示例数据尚未生成' },
  { openid: 'demo-volunteer', name: '演示志愿者', roleLabel: '志愿者', description: '示例数据尚未生成' },
  { openid: 'demo-admin', name: '演示管理员', roleLabel: '管理员', description: '示例数据尚未生成' },
];

function isDemoPerson(p: unknown): p is DemoPerson {
  if (!p || typeof p !== 'object') return false;
  const r = p as Record<string, unknown>;
  return typeof r.openid === 'string' && typeof r.name === 'string' && typeof r.roleLabel === 'string' && typeof r.description === 'string';
}

/** The seed module, or null when local-stack/seed is not there yet. Loaded by path: it is another helper's code. */
export function loadSeedModule(): SeedModule | null {
  if (!['index.ts', 'index.js'].some((f) => fs.existsSync(path.join(SEED_DIR, f)))) return null;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(SEED_DIR) as Partial<SeedModule>;
  if (typeof mod.seedDemoStationIfEmpty !== 'function' || !Array.isArray(mod.DEMO_PEOPLE)) {
    throw new Error('local-stack/seed/index.ts must export seedDemoStationIfEmpty and DEMO_PEOPLE');
  }
  const people = mod.DEMO_PEOPLE.filter(isDemoPerson);
  return { DEMO_PEOPLE: people, seedDemoStationIfEmpty: mod.seedDemoStationIfEmpty };
}
