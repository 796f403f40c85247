/**
 * The layer check of `npm test`: dependency-cruiser with the rules of .dependency-cruiser.cjs over the
 * source folders, plus a scan for what an import graph cannot see — pages calling the cloud or the
 * network themselves (`Taro.cloud`, `fetch(`, `Taro.request`) instead of src/services, and modules
 * loaded by a computed path that no tool can follow.
 *
 *   npx tsx scripts/check-layers.ts               # this repository; exit 1 on any violation
 *   npx tsx scripts/check-layers.ts --root DIR    # another tree laid out like it (the rules' own test)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '..');
const RULES_FILE = path.join(REPO_ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = path.join(REPO_ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

/** Every folder of first-party code; all of it is cruised. */
const SOURCE_DIRS = ['src', 'types', 'backend', 'cloudfunctions', 'local-cloud', 'local-stack', 'scripts', 'test', 'bench', 'config'];

export interface Violation {
  rule: string;
  /** Path relative to the checked root. */
  from: string;
  /** What is imported or called, with the line for scan findings. */
  to: string;
}

interface CruiseJson {
  summary: {
    violations: Array<{ from: string; to: string; rule: { name: string; severity: string }; cycle?: Array<{ name: string } | string> }>;
    totalCruised: number;
  };
}

/** dependency-cruiser over `root` (its folders named in SOURCE_DIRS that exist). */
export function cruise(root: string): { violations: Violation[]; modules: number } {
  const dirs = SOURCE_DIRS.filter((d) => fs.existsSync(path.join(root, d)));
  const run = spawnSync(process.execPath, [DEPCRUISE, '--config', RULES_FILE, '--output-type', 'json', ...dirs], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  let report: CruiseJson;
  try {
    report = JSON.parse(run.stdout) as CruiseJson;
  } catch {
    throw new Error(`dependency-cruiser did not answer (exit ${run.status}):\n${run.stderr}`);
  }
  const violations = report.summary.violations
    .filter((v) => v.rule.severity === 'error')
    .map((v) => ({
      rule: v.rule.name,
      from: v.from,
      to: v.cycle ? v.cycle.map((c) => (typeof c === 'string' ? c : c.name)).join(' → ') : v.to,
    }));
  return { violations, modules: report.summary.totalCruised };
}

interface ScanRule {
  rule: string;
  /** Folders (relative to the root) whose files the rule applies to, and the ones it spares. */
  within: string[];
  except?: string[];
  /** Files the rule spares, each with the reason. */
  allowed?: Record<string, string>;
  patterns: Array<[RegExp, string]>;
}

const SCAN_RULES: ScanRule[] = [
  {
    rule: 'pages-call-through-services',
    within: ['src'],
    except: ['src/services'],
    patterns: [
      [/\b(Taro|wx)\.cloud\b/, 'Taro.cloud'],
      [/\.cloud\./, '.cloud.'],
      [/(^|[^\w$])fetch\s*\(/, 'fetch('],
      [/\b(Taro|wx)\.(request|uploadFile|downloadFile|connectSocket)\b/, 'Taro.request / uploadFile / downloadFile / connectSocket'],
      [/\bXMLHttpRequest\b/, 'XMLHttpRequest'],
    ],
  },
  {
    rule: 'no-computed-module-paths',
    within: ['src', 'types', 'backend', 'cloudfunctions', 'local-stack', 'scripts', 'test/support'],
    allowed: {
      // Deploy works on the project at `root` (a fixture project in its tests), so it loads that project's files.
      'scripts/deploy/toolchain.ts': 'loads the function builder of the project being deployed',
      'scripts/deploy/checks/templates.ts': 'loads the template definitions of the project being deployed',
    },
    patterns: [
      [/(^|[^\w$.])require\s*\(\s*(?!['"])/, 'require with a computed path'],
      [/(^|[^\w$.])import\s*\(\s*(?!['"])/, 'dynamic import with a computed path'],
    ],
  },
];

const CODE_FILE = /\.(ts|tsx|js|jsx|cjs|mjs)$/;
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.cache']);

function filesUnder(root: string, dir: string): string[] {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs, { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : filesUnder(root, rel);
    return CODE_FILE.test(entry.name) ? [rel] : [];
  });
}

/** Comments blanked (line numbers kept), so a comment that names `fetch(` is not a call. */
function withoutComments(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (block) => block.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"`\\])\/\/[^\n]*/g, '$1');
}

/** Calls and computed module paths an import graph cannot see. */
export function scanSources(root: string): Violation[] {
  const found: Violation[] = [];
  for (const scan of SCAN_RULES) {
    const files = scan.within.flatMap((dir) => filesUnder(root, dir));
    for (const file of files) {
      if (scan.except?.some((dir) => file.startsWith(`${dir}/`)) || scan.allowed?.[file]) continue;
      const lines = withoutComments(fs.readFileSync(path.join(root, file), 'utf8')).split('\n');
      lines.forEach((line, i) => {
        for (const [pattern, what] of scan.patterns) {
          if (pattern.test(line)) found.push({ rule: scan.rule, from: file, to: `${what} (line ${i + 1})` });
        }
      });
    }
  }
  return found;
}

function main(): void {
  const rootArg = process.argv.indexOf('--root');
  const root = rootArg >= 0 ? path.resolve(process.argv[rootArg + 1] ?? '.') : REPO_ROOT;
  const { violations, modules } = cruise(root);
  const scanned = scanSources(root);
  const all = [...violations, ...scanned];
  for (const v of all) process.stdout.write(`  ✗ ${v.rule}: ${v.from} → ${v.to}\n`);
  if (all.length > 0) {
    process.stdout.write(`${all.length} layer violation(s); the rules and their reasons are in .dependency-cruiser.cjs and scripts/check-layers.ts\n`);
    process.exit(1);
  }
  process.stdout.write(`layers hold: ${modules} modules cruised, no violation\n`);
}

if (require.main === module) main();
