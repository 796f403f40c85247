/**
 * The deployable shape of every function: a bundle built by scripts/build-functions.ts, a
 * config.json that declares exactly the openapi calls the bundle makes, a package.json that
 * depends only on wx-server-sdk 4.0.2; and a collections.json that declares every collection.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { collections } from '../../backend/data/db';
import { functionNames } from '../../types/registry';
import { buildFunctions, FUNCTIONS_SRC } from '../../scripts/build-functions';

const OPENAPI_CALLS: Record<string, RegExp> = {
  'subscribeMessage.send': /\.subscribeMessage\.send\(/,
  'security.msgSecCheck': /\.security\.msgSecCheck\(/,
  'security.mediaCheckAsync': /\.security\.mediaCheckAsync\(/,
  // issue 10: the survey's live card
  'updatableMessage.createActivityId': /\.updatableMessage\.createActivityId\(/,
  'updatableMessage.setUpdatableMsg': /\.updatableMessage\.setUpdatableMsg\(/,
  'wxacode.getUnlimited': /\.wxacode\.getUnlimited\(/,
};

let outDir: string;
beforeAll(async () => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fengqiao-bundles-'));
  await buildFunctions({ outDir });
}, 60_000);
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;

describe.each([...functionNames])('cloud function %s', (name) => {
  it('is bundled as CommonJS with wx-server-sdk left external', () => {
    const js = fs.readFileSync(path.join(outDir, name, 'index.js'), 'utf8');
    expect(js).toMatch(/require\("wx-server-sdk"\)/);
    expect(js).not.toMatch(/^import /m);
    // The integration suites load and run these bundles; here only their shape is checked.
    expect(js).toMatch(/exports/);
  });

  it('declares exactly the openapi calls its bundle makes', () => {
    const js = fs.readFileSync(path.join(outDir, name, 'index.js'), 'utf8');
    const used = Object.entries(OPENAPI_CALLS).filter(([, re]) => re.test(js)).map(([api]) => api).sort();
    const config = readJson(path.join(outDir, name, 'config.json')) as { permissions?: { openapi?: string[] } };
    expect([...(config.permissions?.openapi ?? [])].sort()).toEqual(used);
  });

  it('depends only on wx-server-sdk 4.0.2', () => {
    const pkg = readJson(path.join(FUNCTIONS_SRC, name, 'package.json'));
    expect(pkg.dependencies).toEqual({ 'wx-server-sdk': '4.0.2' });
    expect(pkg.devDependencies).toBeUndefined();
  });
});

it('the scheduler has one 7-field timer trigger', () => {
  const config = readJson(path.join(FUNCTIONS_SRC, 'scheduler', 'config.json')) as { triggers: Array<{ type: string; config: string }> };
  expect(config.triggers).toHaveLength(1);
  expect(config.triggers[0]!.type).toBe('timer');
  expect(config.triggers[0]!.config.trim().split(/\s+/)).toHaveLength(7);
});

it('collections.json declares every collection the data modules use, and nothing else', () => {
  const declared = (readJson(path.join(FUNCTIONS_SRC, 'collections.json')) as { collections: Array<{ name: string }> }).collections.map((c) => c.name);
  expect([...declared].sort()).toEqual(Object.values(collections).sort());
});
