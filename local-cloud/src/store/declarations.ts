import fs from 'node:fs';

/**
 * The collection + index declaration file the app owns (`cloudfunctions/collections.json`):
 * `{"collections":[{"name":"cases","indexes":[{"name":"grid_status","unique":false,
 *   "keys":[{"field":"gridId","direction":1},{"field":"createdAt","direction":-1}]}]}]}`
 * Deploy tooling reads the same file to create CloudBase indexes.
 */
export interface IndexKey {
  field: string;
  direction: 1 | -1;
}

export interface IndexDeclaration {
  name: string;
  unique: boolean;
  keys: IndexKey[];
}

export interface CollectionDeclaration {
  name: string;
  indexes: IndexDeclaration[];
}

export const COLLECTION_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,127}$/;
const FIELD_PATH = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;
const INDEX_NAME = /^[A-Za-z0-9_-]{1,64}$/;

function fail(file: string, msg: string): never {
  throw new Error(`collections file ${file}: ${msg}`);
}

export function parseDeclarations(json: unknown, file = '<inline>'): CollectionDeclaration[] {
  if (!json || typeof json !== 'object' || !Array.isArray((json as { collections?: unknown }).collections)) {
    fail(file, 'expected {"collections": [...]}');
  }
  const seen = new Set<string>();
  return ((json as { collections: unknown[] }).collections).map((c, i) => {
    const entry = c as { name?: unknown; indexes?: unknown };
    if (typeof entry.name !== 'string' || !COLLECTION_NAME.test(entry.name)) fail(file, `collections[${i}].name is invalid`);
    if (seen.has(entry.name)) fail(file, `collection ${entry.name} is declared twice`);
    seen.add(entry.name);
    const rawIndexes = entry.indexes ?? [];
    if (!Array.isArray(rawIndexes)) fail(file, `${entry.name}.indexes must be an array`);
    const names = new Set<string>();
    const indexes = rawIndexes.map((ix, j): IndexDeclaration => {
      const d = ix as { name?: unknown; unique?: unknown; keys?: unknown };
      const where = `${entry.name}.indexes[${j}]`;
      if (typeof d.name !== 'string' || !INDEX_NAME.test(d.name)) fail(file, `${where}.name is invalid`);
      if (names.has(d.name)) fail(file, `${where}: index name ${d.name} repeated`);
      names.add(d.name);
      if (!Array.isArray(d.keys) || d.keys.length === 0) fail(file, `${where}.keys must be a non-empty array`);
      const keys = d.keys.map((k, n): IndexKey => {
        const key = k as { field?: unknown; direction?: unknown };
        // `_id` alone is always indexed; after other keys it is a tiebreak (keyset paging), as in CloudBase.
        if (typeof key.field !== 'string' || !FIELD_PATH.test(key.field) || (key.field === '_id' && n === 0)) {
          fail(file, `${where}.keys[${n}].field is invalid (dotted path; _id is always indexed, and may only follow other keys)`);
        }
        if (key.direction !== 1 && key.direction !== -1) fail(file, `${where}.keys[${n}].direction must be 1 or -1`);
        return { field: key.field, direction: key.direction };
      });
      return { name: d.name, unique: d.unique === true, keys };
    });
    return { name: entry.name, indexes };
  });
}

export function readDeclarationsFile(file: string): CollectionDeclaration[] {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    fail(file, (err as Error).message);
  }
  return parseDeclarations(json, file);
}
