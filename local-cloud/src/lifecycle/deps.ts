import path from 'node:path';
import type Database from 'better-sqlite3';
import type { CollectionDeclaration } from '../store/declarations';
import type { DocumentStore } from '../store/store';

/** What export, import and reset need of a running local cloud. */
export interface LifecycleDeps {
  db: Database.Database;
  store: DocumentStore;
  dataDir: string;
  envId: string;
  declarations(): CollectionDeclaration[];
}

export function storageRoot(deps: LifecycleDeps): string {
  return path.join(deps.dataDir, 'storage');
}

/**
 * Tables that belong to this instance, not to the data: the collection catalog (rebuilt from the
 * collections themselves) and the key that signs storage URLs (kept, so links handed out stay valid).
 */
const INSTANCE_TABLES = new Set(['_lc_collections', '_lc_storage_secret']);

/** local cloud's own data tables (outbox, grants, media checks…). */
export function internalTables(db: Database.Database): string[] {
  return (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '\\_lc\\_%' ESCAPE '\\' ORDER BY name`).all() as Array<{ name: string }>)
    .map((r) => r.name)
    .filter((name) => !INSTANCE_TABLES.has(name));
}
