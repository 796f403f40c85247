/**
 * The layer rules themselves (.dependency-cruiser.cjs + the call scan of scripts/check-layers.ts):
 * the repository passes, and in a scratch tree laid out like it (inside the repository, under
 * test-results/, so packages resolve as they do here) every deliberately bad import or call is
 * refused by exactly the rule meant for it, while the allowed imports next to them pass.
 */
import fs from 'node:fs';
import path from 'node:path';
import { cruise, scanSources, type Violation } from '../../scripts/check-layers';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** A small tree that keeps every rule: each layer imports only the one below it. */
const GOOD: Record<string, string> = {
  'backend/platform/cloud.ts': "import * as sdk from 'wx-server-sdk';\nexport const cloud = sdk;\n",
  'backend/data/db.ts': "import { cloud } from '../platform/cloud';\nexport const db = cloud;\n",
  'backend/data/cases.ts': "import { db } from './db';\nexport const cases = db;\n",
  'backend/domain/rules.ts': "import { cases } from '../data/cases';\nexport const rules = cases;\n",
  'backend/request/wrap.ts': "import { rules } from '../domain/rules';\nimport { cloud } from '../platform/cloud';\nexport const wrap = [rules, cloud];\n",
  'backend/functions/table.ts': "import { wrap } from '../request/wrap';\nexport const table = wrap;\n",
  'cloudfunctions/cases/index.ts': "import { table } from '../../backend/functions/table';\nexport const main = table;\n",
  'types/contract.ts': 'export const contract = 1;\n',
  'src/services/call.ts': "import Taro from '@tarojs/taro';\nexport const call = () => Taro.cloud.callFunction({ name: 'cases' });\nexport const get = () => fetch('/api/functions/cases');\n",
  'src/pages/home.ts': "import { call } from '../services/call';\nimport { contract } from '../../types/contract';\n// Never fetch( here: pages go through src/services.\nexport const home = [call, contract];\n",
  'local-cloud/server.ts': "import fs from 'node:fs';\nimport Database from 'better-sqlite3';\nexport const server = [fs, Database];\n",
  'local-stack/stack.ts': "import { server } from '../local-cloud/server';\nimport { table } from '../backend/functions/table';\nimport { cases } from '../backend/data/cases';\nexport const stack = [server, table, cases, require('node:path')];\n",
};

/** One bad file per rule, and what must be reported for it (rule, file). */
const BAD: Array<{ file: string; text: string; rule: string }> = [
  { file: 'src/pages/client.ts', text: "import * as sdk from 'wx-server-sdk';\nexport const x = sdk;\n", rule: 'pages-only-through-services' },
  { file: 'src/pages/server.ts', text: "import { rules } from '../../backend/domain/rules';\nexport const x = rules;\n", rule: 'src-not-server-code' },
  { file: 'backend/platform/local.ts', text: "import { server } from '../../local-cloud/server';\nexport const x = server;\n", rule: 'backend-ships-alone' },
  { file: 'local-cloud/app.ts', text: "import { contract } from '../types/contract';\nexport const x = contract;\n", rule: 'local-cloud-stands-alone' },
  { file: 'types/upward.ts', text: "import { rules } from '../backend/domain/rules';\nexport const x = rules;\n", rule: 'types-at-the-bottom' },
  { file: 'backend/domain/cloud.ts', text: "import { cloud } from '../platform/cloud';\nexport const x = cloud;\n", rule: 'domain-not-sdk' },
  { file: 'backend/domain/sdk.ts', text: "import type { DB } from 'wx-server-sdk';\nexport type X = DB.Database;\n", rule: 'domain-not-sdk' },
  { file: 'local-stack/seed.ts', text: "import { db } from '../backend/data/db';\nexport const x = db;\n", rule: 'db-only-from-data' },
  { file: 'backend/request/upward.ts', text: "import { table } from '../functions/table';\nexport const x = table;\n", rule: 'layer-request' },
  { file: 'backend/domain/upward.ts', text: "import { wrap } from '../request/wrap';\nexport const x = wrap;\n", rule: 'layer-domain' },
  { file: 'backend/data/upward.ts', text: "import { rules } from '../domain/rules';\nexport const x = rules;\n", rule: 'layer-data' },
  { file: 'backend/platform/upward.ts', text: "import { cases } from '../data/cases';\nexport const x = cases;\n", rule: 'layer-platform' },
  { file: 'scripts/missing.ts', text: "import { gone } from './not-there';\nexport const x = gone;\n", rule: 'not-to-unresolvable' },
];

/** Two modules importing each other: one no-circular violation naming both. */
const CYCLE: Record<string, string> = {
  'scripts/cycle-a.ts': "import { b } from './cycle-b';\nexport const a = () => b;\n",
  'scripts/cycle-b.ts': "import { a } from './cycle-a';\nexport const b = () => a;\n",
};


/** Calls an import graph cannot see, each with how many findings it must give. */
const BAD_CALLS: Array<{ file: string; text: string; rule: string; findings: number }> = [
  {
    file: 'src/pages/calls.ts',
    text: [
      "import Taro from '@tarojs/taro';",
      "export const a = () => Taro.cloud.callFunction({ name: 'cases' });", // Taro.cloud + .cloud.
      "export const b = () => fetch('/api/functions/cases');",
      "export const c = () => Taro.request({ url: '/api' });",
      '',
    ].join('\n'),
    rule: 'pages-call-through-services',
    findings: 4,
  },
  {
    file: 'local-stack/loader.ts',
    text: "import path from 'node:path';\nexport const load = (dir: string) => require(path.join(dir, 'seed'));\nexport const later = (file: string) => import(file);\n",
    rule: 'no-computed-module-paths',
    findings: 2,
  },
];

let scratch: string;

function write(files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(scratch, file)), { recursive: true });
    fs.writeFileSync(path.join(scratch, file), text);
  }
}

const summary = (violations: Violation[]) => violations.map((v) => `${v.rule} ${v.from}`).sort();

beforeAll(() => {
  fs.mkdirSync(path.join(REPO_ROOT, 'test-results'), { recursive: true });
  scratch = fs.mkdtempSync(path.join(REPO_ROOT, 'test-results', 'layers-scratch-'));
  write(GOOD);
});

afterAll(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('the layer rules', () => {
  it('the repository keeps every rule', () => {
    const { violations, modules } = cruise(REPO_ROOT);
    expect(violations).toEqual([]);
    expect(modules).toBeGreaterThan(200);
    expect(scanSources(REPO_ROOT)).toEqual([]);
  });

  it('a tree whose layers only import downwards passes', () => {
    const { violations, modules } = cruise(scratch);
    expect(violations).toEqual([]);
    expect(modules).toBeGreaterThanOrEqual(Object.keys(GOOD).length);
    expect(scanSources(scratch)).toEqual([]);
  });

  it('refuses each deliberately bad import with the rule meant for it, and nothing else', () => {
    write({ ...Object.fromEntries(BAD.map((b) => [b.file, b.text])), ...CYCLE });
    try {
      const { violations } = cruise(scratch);
      const cycles = violations.filter((v) => v.rule === 'no-circular');
      expect(summary(violations.filter((v) => v.rule !== 'no-circular'))).toEqual(BAD.map((b) => `${b.rule} ${b.file}`).sort());
      expect(cycles).toHaveLength(1);
      for (const file of Object.keys(CYCLE)) expect(`${cycles[0]!.from} → ${cycles[0]!.to}`).toContain(file);
    } finally {
      for (const file of [...BAD.map((b) => b.file), ...Object.keys(CYCLE)]) fs.rmSync(path.join(scratch, file));
    }
  });

  it('finds cloud and network calls outside src/services, and module paths no tool can follow', () => {
    write(Object.fromEntries(BAD_CALLS.map((b) => [b.file, b.text])));
    try {
      const found = scanSources(scratch);
      const expected = BAD_CALLS.flatMap((b) => Array.from({ length: b.findings }, () => `${b.rule} ${b.file}`)).sort();
      expect(summary(found)).toEqual(expected);
    } finally {
      for (const b of BAD_CALLS) fs.rmSync(path.join(scratch, b.file));
    }
  });
});
