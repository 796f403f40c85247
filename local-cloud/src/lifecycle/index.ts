import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { LifecycleDeps } from './deps';
import { exportStore } from './export';
import { importStore, type ImportOptions, type ImportSummary } from './import';
import { ExportFolderError, type Manifest } from './manifest';

export type { LifecycleDeps } from './deps';
export type { ImportOptions, ImportSummary } from './import';
export { ExportFolderError, type Manifest } from './manifest';

const SNAPSHOT_NAME = /^[A-Za-z0-9_-]{1,64}$/;
/** The snapshot the local stack takes right after seeding the demo station; reset's default. */
export const SEED_SNAPSHOT = 'seed';

export class Lifecycle {
  constructor(private readonly deps: LifecycleDeps) {}

  export(dir: string): Manifest {
    return exportStore(this.deps, dir);
  }

  import(dir: string, opts: ImportOptions = {}): ImportSummary {
    return importStore(this.deps, dir, opts);
  }

  snapshotDir(name: string): string {
    if (!SNAPSHOT_NAME.test(name)) throw new ExportFolderError(`快照名只能用字母、数字、_ 和 -: ${name}`);
    return path.join(this.deps.dataDir, 'snapshots', name);
  }

  hasSnapshot(name = SEED_SNAPSHOT): boolean {
    return fs.existsSync(path.join(this.snapshotDir(name), 'manifest.json'));
  }

  /** Exports into `<dataDir>/snapshots/<name>`, replacing an older snapshot of that name only once the new one is complete. */
  snapshot(name = SEED_SNAPSHOT): Manifest {
    const dir = this.snapshotDir(name);
    const fresh = `${dir}.new-${randomBytes(4).toString('hex')}`;
    const manifest = exportStore(this.deps, fresh);
    const old = `${dir}.old-${randomBytes(4).toString('hex')}`;
    if (fs.existsSync(dir)) fs.renameSync(dir, old);
    fs.renameSync(fresh, dir);
    fs.rmSync(old, { recursive: true, force: true });
    return manifest;
  }

  /** Back to a snapshot (default: the demo seed) in one transaction, without a restart. */
  reset(name = SEED_SNAPSHOT): ImportSummary {
    if (!this.hasSnapshot(name)) {
      throw new ExportFolderError(`没有名为 ${name} 的快照：先拍快照（POST /_dev/api/snapshot 或 npm run cloud -- snapshot ${name}）`);
    }
    return importStore(this.deps, this.snapshotDir(name), { replace: true });
  }
}
