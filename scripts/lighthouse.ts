/**
 * `npm run lighthouse` (issue 14): Lighthouse 12 at its default mobile settings (a mid-range phone,
 * simulated slow 4G) on the H5 build's home page, signed in as a demo resident, against a throwaway
 * local stack with the demo station. Prints the performance and accessibility scores and what
 * costs points. A report, not a test: the numbers depend on the machine.
 * `-- --runs N` runs it N times on the same stack and reports the median run (Lighthouse's own
 * computeMedianRun), as Lighthouse advises for a machine whose load varies; each run's scores and the
 * load average are printed too.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalStack } from '../local-stack/stack';
import { buildFunctions } from './build-functions';
import { ensureTaroBuild, outputDir, REPO_ROOT } from './taro-build';
import { pagePath } from '../types/routes';

const RESIDENT = '刘玉芬';

interface Audit {
  id: string;
  title: string;
  score: number | null;
  displayValue?: string;
  details?: { type?: string; overallSavingsMs?: number };
}
interface LhResult {
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, Audit>;
}

async function signInCookie(gateway: string, openid: string): Promise<string> {
  const res = await fetch(new URL('/login', gateway), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid }),
    redirect: 'manual',
  });
  const cookie = res.headers.get('set-cookie');
  if (!cookie) throw new Error(`sign-in as ${openid} gave no session cookie (HTTP ${res.status})`);
  return cookie.split(';')[0]!;
}

function report(name: string, lhr: LhResult): void {
  const cat = lhr.categories[name]!;
  const score = Math.round((cat.score ?? 0) * 100);
  process.stdout.write(`\n${name}: ${score}\n`);
  const weak = cat.auditRefs
    .map((ref) => lhr.audits[ref.id]!)
    .filter((a) => a.score !== null && a.score < 0.9)
    .map((a) => `  - ${a.title}${a.displayValue ? ` (${a.displayValue})` : ''} [${a.id}, ${Math.round((a.score ?? 0) * 100)}]`);
  if (weak.length) process.stdout.write(`${weak.join('\n')}\n`);
}

function runsWanted(): number {
  const at = process.argv.indexOf('--runs');
  const n = at >= 0 ? Number(process.argv[at + 1]) : 1;
  if (!Number.isInteger(n) || n < 1) throw new Error('--runs wants a whole number ≥ 1');
  return n;
}

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'fengqiao-lighthouse-'));
  const functionsDir = path.join(work, 'functions');
  process.stdout.write('building the functions and (if stale) the H5 build…\n');
  await buildFunctions({ outDir: functionsDir });
  // --no-build: score dist/h5 as it is (e.g. while a browser test is serving it).
  const h5Dir = process.argv.includes('--no-build') ? outputDir('h5') : await ensureTaroBuild('h5');
  const stack = await startLocalStack({
    dataDir: path.join(work, 'data'),
    port: 0,
    cloudPort: 0,
    functionsDir,
    h5Dir,
    collectionsFile: path.join(REPO_ROOT, 'cloudfunctions', 'collections.json'),
    log: () => undefined,
  });
  // Both are ES modules only.
  const chromeLauncher = await import('chrome-launcher');
  const { default: lighthouse } = await import('lighthouse');
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const person = stack.people.find((p) => p.name === RESIDENT);
    if (!person) throw new Error(`the demo seed has no ${RESIDENT}`);
    const cookie = await signInCookie(stack.gateway.url, person.openid);
    const url = `${stack.gateway.url}/#${pagePath('home')}`;
    const runs = runsWanted();
    process.stdout.write(`lighthouse 12, mobile defaults, ${url}${runs > 1 ? `, ${runs} runs` : ''}\n`);
    const results: LhResult[] = [];
    for (let i = 1; i <= runs; i += 1) {
      const result = await lighthouse(
        url,
        { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'], extraHeaders: { Cookie: cookie } },
      );
      if (!result) throw new Error('lighthouse gave no result');
      const run = result.lhr as unknown as LhResult;
      results.push(run);
      const score = (name: string) => Math.round((run.categories[name]?.score ?? 0) * 100);
      process.stdout.write(`run ${i}: performance ${score('performance')}, accessibility ${score('accessibility')} (load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores)\n`);
    }
    const { computeMedianRun } = await import('lighthouse/core/lib/median-run.js');
    const lhr = (runs > 1 ? computeMedianRun(results as never) : results[0]) as unknown as LhResult;
    if (runs > 1) process.stdout.write('\nthe median run:');
    report('performance', lhr);
    report('accessibility', lhr);
    const out = path.join(REPO_ROOT, 'test-results', 'lighthouse-home.json');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify(lhr, null, 1));
    process.stdout.write(`\nfull report: ${path.relative(REPO_ROOT, out)}\n`);
  } finally {
    chrome.kill();
    await stack.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
