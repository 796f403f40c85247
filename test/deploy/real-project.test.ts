/**
 * The deploy against the repository's own declarations and function folders, built by the real
 * scripts/build-functions.ts. The project is mirrored into a temporary folder (symlinks to the
 * sources) so the test builds into its own dist/ and never rewrites the checkout's.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUNDLES_DIR } from '../../scripts/deploy/bundles';
import { loadCollections, discoverFunctions } from '../../scripts/deploy/declarations';
import { localToolchain } from '../../scripts/deploy/toolchain';
import { appFunctions, REPO_ROOT } from '../support/function-bundles';
import { deploy, FAKE_PEM, FakeCloud, fullEnv } from './helpers';

const LINKED = ['cloudfunctions', 'backend', 'types', 'scripts', 'node_modules', 'package.json', 'project.config.json', 'tsconfig.json'];
let root: string;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'fq-deploy-real-'));
  for (const entry of LINKED) {
    if (fs.existsSync(path.join(REPO_ROOT, entry))) fs.symlinkSync(path.join(REPO_ROOT, entry), path.join(root, entry));
  }
  fs.writeFileSync(path.join(root, 'private.wx0123456789abcdef.key'), FAKE_PEM);
  // Built once with the toolchain deploy uses (scripts/build-functions.ts); both runs below then use --skip-build.
  await localToolchain(root, {}).buildFunctions(path.join(root, BUNDLES_DIR));
});

afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

/** Production-shaped configuration with an id for every template the code defines. */
async function realEnv() {
  const { templates } = (await import(path.join(REPO_ROOT, 'backend/platform/templates.ts'))) as { templates: Record<string, unknown> };
  const ids = Object.fromEntries(Object.keys(templates).map((k, i) => [k, `TPLprod${k}${String(i).padStart(6, '0')}`]));
  return fullEnv({ FQ_DEPLOY_SUBSCRIBE_TEMPLATES: JSON.stringify(ids) });
}

describe('deploy of this repository', () => {
  it('dry run: plans every declared collection and every function folder, and all checks pass', async () => {
    const declared = loadCollections(path.join(REPO_ROOT, 'cloudfunctions/collections.json'));
    const functions = discoverFunctions(path.join(REPO_ROOT, 'cloudfunctions'));
    expect(functions.length).toBeGreaterThan(0);

    const { result, output } = await deploy(root, ['--dry-run', '--skip-build'], { toolchain: localToolchain(root, {}) });
    expect(output).not.toMatch(/\[未通过\]/);
    expect(result.exitCode).toBe(0);
    const plan = result.plan!;
    expect(plan.collections.map((c) => c.name)).toEqual(declared.map((c) => c.name));
    expect(plan.collections.every((c) => c.permission === 'ADMINONLY')).toBe(true);
    expect(plan.functions.map((f) => f.name)).toEqual(functions.map((f) => f.name));
    for (const f of plan.functions) {
      const source = functions.find((s) => s.name === f.name)!;
      expect(f.bytes).toBeGreaterThan(0);
      expect(f.openapi).toEqual(source.openapi);
      expect(f.triggers).toEqual(source.config.triggers);
      expect(output).toContain(`- ${f.name}：上传 ${path.join(BUNDLES_DIR, f.name)}/`);
    }
  });

  it('uploads, for each function, exactly the bundle directory the integration tests run', async () => {
    const cloud = new FakeCloud();
    const { result, output } = await deploy(root, ['--only', 'functions', '--skip-build'], { env: await realEnv(), cloud, toolchain: localToolchain(root, {}) });
    expect(output).not.toMatch(/\[未通过\]/);
    expect(result.exitCode).toBe(0);

    const tested = await appFunctions();
    const names = discoverFunctions(path.join(REPO_ROOT, 'cloudfunctions')).map((f) => f.name);
    expect([...cloud.functionsOnline.keys()].sort()).toEqual([...names].sort());
    for (const name of names) {
      const uploaded = cloud.functionsOnline.get(name)!.uploadedFrom!;
      expect(uploaded).toBe(path.join(root, BUNDLES_DIR, name));
      const files = fs.readdirSync(uploaded).sort();
      expect(files).toEqual(expect.arrayContaining(['config.json', 'index.js', 'package.json']));
      // Same builder, same sources: the same bytes the integration tests loaded.
      for (const file of files) {
        expect(fs.readFileSync(path.join(uploaded, file)).equals(fs.readFileSync(path.join(tested, name, file)))).toBe(true);
      }
    }
  });
});
