/**
 * Declaration check: every collection the server code opens is declared in collections.json
 * (deploy creates only declared collections, so an undeclared one would fail in production with
 * DATABASE_COLLECTION_NOT_EXIST), and sort fields are covered by a declared index.
 *
 * That "each query is index-backed" is proven by the integration tests, which run local cloud in
 * strict mode against the same declaration file; this static pass catches what is cheap to catch
 * before anything is uploaded.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CollectionDeclaration } from '../declarations';

export interface CollectionUse {
  collection: string;
  file: string;
}

export interface SortUse extends CollectionUse {
  field: string;
}

export interface CollectionsReport {
  uses: CollectionUse[];
  undeclared: CollectionUse[];
  /** `collection(expr)` we could not resolve to a name. */
  unresolved: { expression: string; file: string }[];
  /** Declared collections no scanned code names (kept: the declaration may lead the code). */
  unused: string[];
  /** `orderBy(field)` in a single-collection module with no declared index containing the field. */
  unindexedSorts: SortUse[];
}

/** `db.collection(x)` and the project's typed accessor `coll(x)` (backend/data/db.ts). */
const LITERAL_USE = /(?:\.collection|\bcoll)\(\s*(['"`])([^'"`$]+)\1\s*\)/g;
const EXPRESSION_USE = /(?:\.collection|\bcoll)\(\s*([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)?)\s*\)/g;
/** `const collections = { cases: 'cases', … }`: the registry of names the typed accessor accepts. */
const REGISTRY = /\bconst\s+collections\s*(?::[^=]*)?=\s*\{([\s\S]*?)\}/;
/** `const NAME = { key: 'value', … }` objects anywhere in the scanned code, for `NAME.key`. */
const STRING_OBJECT = /\bconst\s+([A-Za-z_$][\w$]*)\s*(?::[^=]*)?=\s*\{([^{}]*)\}/g;
const STRING_PROP = /([A-Za-z_$][\w$]*)\s*:\s*(['"`])([^'"`$]+)\2/g;
const ORDER_BY = /\.orderBy\(\s*(['"`])([^'"`$]+)\1/g;

function listSourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules') continue;
      out.push(...listSourceFiles(full));
    } else if (/\.(ts|tsx|js)$/.test(entry.name) && !/\.(test|spec)\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      out.push(full);
    }
  }
  return out.sort();
}

/** Strips // and /* *\/ comments so commented-out code does not count (strings are left alone). */
function stripComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** Resolves `NAME` or `OBJ.key` to a string constant defined in the same file or a shared object. */
function resolveConstant(expression: string, code: string, shared: ReadonlyMap<string, string>): string | undefined {
  const [head, member] = expression.split('.');
  if (member && shared.has(expression)) return shared.get(expression);
  if (member) {
    const objectLiteral = new RegExp(`\\b${head}\\s*(?::[^=]*)?=\\s*\\{([\\s\\S]*?)\\}`).exec(code);
    const inner = objectLiteral?.[1];
    const prop = inner ? new RegExp(`\\b${member}\\s*:\\s*(['"\`])([^'"\`]+)\\1`).exec(inner) : null;
    return prop?.[2];
  }
  const constant = new RegExp(`\\b${head}\\s*(?::[^=;]*)?=\\s*(['"\`])([^'"\`$]+)\\1`).exec(code);
  return constant?.[2];
}

function scanCollectionUses(root: string, dirs: readonly string[]): Omit<CollectionsReport, 'undeclared' | 'unused' | 'unindexedSorts'> & { sorts: SortUse[] } {
  const uses: CollectionUse[] = [];
  const unresolved: { expression: string; file: string }[] = [];
  const sorts: SortUse[] = [];
  const files = dirs.flatMap((dir) => listSourceFiles(path.join(root, dir))).map((file) => ({ rel: path.relative(root, file), code: stripComments(fs.readFileSync(file, 'utf8')) }));
  // String-valued object literals (e.g. the `collections` registry) are shared across modules.
  const shared = new Map<string, string>();
  for (const { code } of files) {
    for (const obj of code.matchAll(STRING_OBJECT)) {
      for (const prop of obj[2].matchAll(STRING_PROP)) shared.set(`${obj[1]}.${prop[1]}`, prop[3]);
    }
  }
  for (const { rel, code } of files) {
    const names = new Set<string>();
    // Every name in the registry can be passed to the typed accessor, so each one counts as used.
    const registry = REGISTRY.exec(code);
    if (registry) for (const prop of registry[1].matchAll(STRING_PROP)) uses.push({ collection: prop[3], file: rel });
    for (const m of code.matchAll(LITERAL_USE)) names.add(m[2]);
    for (const m of code.matchAll(EXPRESSION_USE)) {
      const name = resolveConstant(m[1], code, shared);
      if (name) names.add(name);
      // A typed parameter passed through (`coll(name: CollectionName)` → `db.collection(name)`) is the accessor itself.
      else if (!new RegExp(`[(,]\\s*${m[1].replace('$', '\\$')}\\s*:`).test(code)) unresolved.push({ expression: m[1], file: rel });
    }
    for (const name of names) uses.push({ collection: name, file: rel });
    // A sort can only be attributed when the module talks to exactly one collection.
    if (names.size === 1) {
      const [collection] = [...names];
      for (const m of code.matchAll(ORDER_BY)) {
        if (!sorts.some((x) => x.collection === collection && x.file === rel && x.field === m[2])) sorts.push({ collection, file: rel, field: m[2] });
      }
    }
  }
  return { uses, unresolved, sorts };
}

export function checkCollectionDeclarations(declared: readonly CollectionDeclaration[], root: string, dirs: readonly string[] = ['backend', 'cloudfunctions']): CollectionsReport {
  const { uses, unresolved, sorts } = scanCollectionUses(root, dirs);
  const byName = new Map(declared.map((c) => [c.name, c]));
  const undeclared = uses.filter((u) => !byName.has(u.collection));
  const usedNames = new Set(uses.map((u) => u.collection));
  const unused = declared.map((c) => c.name).filter((n) => !usedNames.has(n));
  const unindexedSorts = sorts.filter((s) => {
    const c = byName.get(s.collection);
    if (!c || s.field === '_id') return false;
    return !c.indexes.some((i) => i.keys.some((k) => k.field === s.field));
  });
  return { uses, undeclared, unresolved, unused, unindexedSorts };
}

export function formatCollectionFailures(report: CollectionsReport, collectionsFile: string): string | null {
  if (report.undeclared.length === 0) return null;
  const lines = report.undeclared.map((u) => `  - 集合 ${u.collection}（${u.file} 使用）没有在 ${collectionsFile} 中声明`);
  return `集合声明检查未通过：\n${lines.join('\n')}\n部署只创建声明过的集合；请把它们（和查询需要的索引）加到声明文件里。`;
}
