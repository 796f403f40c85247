/**
 * Local cloud benchmark (`npm run bench`; `BENCH_DOCS=100000 npm run bench` for a quick run).
 * Loads BENCH_DOCS documents (default 1,000,000) through the store, measures insert throughput
 * through the real wx-server-sdk over HTTP, then an indexed equality query and an indexed range
 * query with sort (in-process and through the SDK), against the same queries forced to scan.
 * Prints a markdown table. Targets: indexed p95 ≤ 5 ms at 1M documents and ≥ 10× faster than the scan.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startLocalCloud } from '../local-cloud/src';
import { DocumentStore } from '../local-cloud/src/store/store';
import { readDeclarationsFile } from '../local-cloud/src/store/declarations';
import type { SortKey } from '../local-cloud/src/store/planner';

const DOCS = Number(process.env.BENCH_DOCS ?? 1_000_000);
const SDK_INSERTS = Number(process.env.BENCH_SDK_INSERTS ?? 2_000);
const GRIDS = 200;
const STATUSES = ['open', 'assigned', 'resolved', 'closed'];
const T0 = Date.UTC(2025, 0, 1);
const SPAN_MS = 2 * 365 * 24 * 3_600_000;
const DAY = 24 * 3_600_000;

type Row = { operation: string; path: string; runs: number; p50: number; p95: number; note?: string };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function measure(runs: number, fn: (i: number) => unknown | Promise<unknown>, warmup = 3): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < warmup; i++) await fn(i + 10_000); // warm caches and statements
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

/** Deterministic pseudo-random numbers so every run loads the same data. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function makeDoc(i: number, rand: () => number) {
  return {
    _id: `case-${i.toString(36).padStart(6, '0')}`,
    gridId: `g${Math.floor(rand() * GRIDS)}`,
    status: STATUSES[Math.floor(rand() * STATUSES.length)],
    createdAt: new Date(T0 + Math.floor(rand() * SPAN_MS)),
    priority: Math.floor(rand() * 5),
    title: `事件 ${i}: 楼道照明损坏`,
    reporter: { openid: `o-${Math.floor(rand() * 50_000)}`, phoneTail: String(1000 + (i % 9000)) },
    tags: ['设施'],
  };
}

async function main(): Promise<void> {
  // p95 on a shared 2-core machine mostly measures the other processes: the header says how busy it was.
  const loadAtStart = os.loadavg()[0].toFixed(1);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lc-bench-'));
  const collectionsFile = path.join(dataDir, 'collections.json');
  fs.writeFileSync(
    collectionsFile,
    JSON.stringify({
      collections: [
        {
          name: 'cases',
          indexes: [
            { name: 'grid_status_created', unique: false, keys: [{ field: 'gridId', direction: 1 }, { field: 'status', direction: 1 }, { field: 'createdAt', direction: -1 }] },
            { name: 'created', unique: false, keys: [{ field: 'createdAt', direction: -1 }] },
          ],
        },
        { name: 'inserts', indexes: [] },
      ],
    }),
  );
  const lc = await startLocalCloud({ port: 0, dataDir: path.join(dataDir, 'db'), collectionsFile, strict: false, log: () => undefined });
  // A second connection to the same file: the bench drives the store directly for loading and the
  // in-process numbers, while the server answers the SDK.
  const Database = (await import('better-sqlite3')).default;
  const sqlite = new Database(path.join(dataDir, 'db', 'local-cloud.sqlite'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('mmap_size = 268435456');
  const store = new DocumentStore(sqlite, { strict: false, scanLimit: Number.MAX_SAFE_INTEGER, log: () => undefined });
  store.migrate(readDeclarationsFile(collectionsFile));

  const rows: Row[] = [];
  const rand = rng(42);
  const loadStart = performance.now();
  const CHUNK = 20_000;
  for (let i = 0; i < DOCS; i += CHUNK) {
    const docs = [];
    for (let j = i; j < Math.min(DOCS, i + CHUNK); j++) docs.push(makeDoc(j, rand));
    store.bulkInsert('cases', docs);
    if ((i / CHUNK) % 10 === 0) process.stderr.write(`\rloaded ${i + docs.length}/${DOCS}`);
  }
  const loadSeconds = (performance.now() - loadStart) / 1000;
  process.stderr.write(`\rloaded ${DOCS} documents in ${loadSeconds.toFixed(1)} s\n`);
  sqlite.pragma('wal_checkpoint(TRUNCATE)');

  Object.assign(process.env, lc.env, { WX_OPENID: 'o-bench', WX_APPID: 'wx-bench', WX_UNIONID: '', SILENCE: 'true' });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk') as { init(o: unknown): void; DYNAMIC_CURRENT_ENV: symbol; database(): SdkDb };
  type SdkDb = {
    command: { gte(v: unknown): { and(v: unknown): unknown }; lt(v: unknown): unknown };
    collection(n: string): {
      add(o: { data: unknown }): Promise<unknown>;
      where(q: unknown): { orderBy(f: string, d: string): { limit(n: number): { get(): Promise<{ data: unknown[] }> } }; limit(n: number): { get(): Promise<{ data: unknown[] }> } };
    };
  };
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  const db = cloud.database();
  const _ = db.command;

  // Insert throughput through the SDK: single-document adds, 8 in flight, then batches of 100.
  {
    const r = rng(7);
    let next = 0;
    const t = performance.now();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < SDK_INSERTS) {
          const i = next++;
          await db.collection('inserts').add({ data: makeDoc(DOCS + i, r) });
        }
      }),
    );
    const secs = (performance.now() - t) / 1000;
    rows.push({ operation: `insert 1 doc per call (SDK over HTTP, 8 concurrent), ${SDK_INSERTS} docs`, path: 'SDK', runs: SDK_INSERTS, p50: NaN, p95: NaN, note: `${Math.round(SDK_INSERTS / secs)} docs/s` });
    const t2 = performance.now();
    const batches = Math.max(1, Math.floor(SDK_INSERTS / 100));
    for (let b = 0; b < batches; b++) {
      await db.collection('inserts').add({ data: Array.from({ length: 100 }, (_x, k) => makeDoc(DOCS + SDK_INSERTS + b * 100 + k, r)) });
    }
    const secs2 = (performance.now() - t2) / 1000;
    rows.push({ operation: `insert 100 docs per call (SDK over HTTP), ${batches * 100} docs`, path: 'SDK', runs: batches, p50: NaN, p95: NaN, note: `${Math.round((batches * 100) / secs2)} docs/s` });
    rows.push({ operation: `bulk load through the store, ${DOCS} docs`, path: 'store', runs: 1, p50: NaN, p95: NaN, note: `${Math.round(DOCS / loadSeconds)} docs/s` });
  }

  const eqFilter = (i: number) => ({ gridId: `g${i % GRIDS}`, status: STATUSES[i % STATUSES.length] });
  const rangeFrom = (i: number) => new Date(T0 + ((i * 7919) % 700) * DAY);
  const rangeFilter = (i: number) => ({ createdAt: { $gte: rangeFrom(i), $lt: new Date(rangeFrom(i).getTime() + 7 * DAY) } });
  const bySort: SortKey[] = [{ field: 'createdAt', dir: -1 }];

  const storeEq = await measure(500, (i) => store.find('cases', eqFilter(i), { limit: 20 }));
  const storeRange = await measure(500, (i) => store.find('cases', rangeFilter(i), { sort: bySort, limit: 20 }));
  const sdkEq = await measure(300, (i) => db.collection('cases').where(eqFilter(i)).limit(20).get());
  const sdkRange = await measure(300, (i) =>
    db.collection('cases').where({ createdAt: _.gte(rangeFrom(i)).and(_.lt(new Date(rangeFrom(i).getTime() + 7 * DAY))) }).orderBy('createdAt', 'desc').limit(20).get(),
  );
  const scanRuns = DOCS >= 500_000 ? 5 : 15;
  const scanEq = await measure(scanRuns * 4, (i) => store.find('cases', eqFilter(i), { limit: 20, forceScan: true }), 1);
  const scanRange = await measure(scanRuns, (i) => store.find('cases', rangeFilter(i), { sort: bySort, limit: 20, forceScan: true }), 1);

  rows.push(
    { operation: 'equality `{gridId, status}` limit 20, indexed', path: 'store', runs: 500, ...storeEq },
    { operation: 'equality `{gridId, status}` limit 20, indexed', path: 'SDK', runs: 300, ...sdkEq },
    { operation: 'equality `{gridId, status}` limit 20, no index (scan)', path: 'store', runs: scanRuns * 4, ...scanEq, note: `indexed is ${(scanEq.p95 / storeEq.p95).toFixed(0)}× faster (p95, store)` },
    { operation: 'range `createdAt` 7 days, sort desc, limit 20, indexed', path: 'store', runs: 500, ...storeRange },
    { operation: 'range `createdAt` 7 days, sort desc, limit 20, indexed', path: 'SDK', runs: 300, ...sdkRange },
    { operation: 'range `createdAt` 7 days, sort desc, limit 20, no index (scan)', path: 'store', runs: scanRuns, ...scanRange, note: `indexed is ${(scanRange.p95 / storeRange.p95).toFixed(0)}× faster (p95, store)` },
  );

  const fmt = (n: number) => (Number.isNaN(n) ? '' : n.toFixed(2));
  const out = [
    `Local cloud benchmark: ${DOCS.toLocaleString('en-US')} documents, ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)} (at start ${loadAtStart}), Node ${process.version}, ${new Date().toISOString()}`,
    '',
    '| operation | path | runs | p50 ms | p95 ms | note |',
    '|---|---|---:|---:|---:|---|',
    ...rows.map((r) => `| ${r.operation} | ${r.path} | ${r.runs} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${r.note ?? ''} |`),
    '',
    `Targets: indexed p95 ≤ 5 ms → equality ${sdkEq.p95 <= 5 ? 'met' : 'MISSED'} (SDK ${fmt(sdkEq.p95)} ms), range ${sdkRange.p95 <= 5 ? 'met' : 'MISSED'} (SDK ${fmt(sdkRange.p95)} ms); ` +
      `≥ 10× faster than scan → equality ${scanEq.p95 / storeEq.p95 >= 10 ? 'met' : 'MISSED'}, range ${scanRange.p95 / storeRange.p95 >= 10 ? 'met' : 'MISSED'}.`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);

  sqlite.close();
  await lc.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
