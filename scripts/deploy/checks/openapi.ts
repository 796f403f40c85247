/**
 * Openapi permission check: every `openapi.<namespace>.<method>` a function can reach must be
 * declared in its config.json `permissions.openapi`, or the call fails in production with a
 * permission error that no local test sees (local cloud does not enforce declarations).
 *
 * We bundle the function's index.ts in memory with esbuild (tree-shaken, not minified, the SDK
 * external): the output holds exactly the code the function can run, including everything it
 * imports from backend/, without comments, and marks each module with a `// <path>` line so a
 * call can be traced to its source file.
 */
import path from 'node:path';
import { build } from 'esbuild';
import type { FunctionSource } from '../declarations';

export interface OpenapiCall {
  api: string;
  /** Source file (relative to the project root) the call sits in. */
  file: string;
}

export interface OpenapiReport {
  name: string;
  calls: OpenapiCall[];
  declared: string[];
  undeclared: OpenapiCall[];
  /** Declared but never called: harmless, reported so the list stays honest. */
  unused: string[];
  /** `openapi` used in a way we cannot resolve (computed keys, destructuring). */
  unresolved: OpenapiCall[];
}

const MODULE_MARKER = /^\/\/ (.+\.(?:[cm]?[jt]sx?|json))$/;
/** `openapi.ns.method`, `openapi?.ns.method`, `openapi({...}).ns.method`, `openapi().ns.method` (a typed accessor). */
const CALL = /\bopenapi\s*(?:\?\.)?\s*(?:\(\s*(?:\{[^{}]*\})?\s*\)\s*)?(?:\?\.|\.)\s*([A-Za-z_$][\w$]*)\s*(?:\?\.|\.)\s*([A-Za-z_$][\w$]*)/g;
/**
 * The SDK's `openapi` is a proxy: any `<ns>.<method>` becomes the API name. Calls through an alias
 * (`const api = cloud.openapi; api.security.msgSecCheck()`) are caught by WeChat's namespaces —
 * only the distinctive ones: generic words (`auth`, `search`, `img`…) would flag unrelated code.
 */
const OPENAPI_NAMESPACES = [
  'customerServiceMessage', 'immediateDelivery', 'nearbyPoi', 'phonenumber', 'redpacketcover', 'security', 'serviceMarket',
  'shortlink', 'soter', 'subscribeMessage', 'templateMessage', 'uniformMessage', 'updatableMessage', 'urllink', 'urlscheme', 'wxacode',
];
const ALIASED_CALL = new RegExp(String.raw`(?:\?\.|\.)\s*(${OPENAPI_NAMESPACES.join('|')})\s*(?:\?\.|\.)\s*([A-Za-z_$][\w$]*)\s*\(`, 'g');
/** Uses whose API name cannot be read from the code. */
const COMPUTED = /\bopenapi\s*(?:\(\s*\))?\s*(?:\?\.)?\s*\[|\{[^{}]*\}\s*=\s*[^;]*\bopenapi\b\s*(?:\(\s*\))?\s*;/g;

async function bundleForScan(entry: string, root: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: root,
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'node',
    target: 'node16',
    external: ['wx-server-sdk'],
    logLevel: 'silent',
    minify: false,
    treeShaking: true,
  });
  return result.outputFiles[0].text;
}

/** Splits bundle text into (file, code) sections using esbuild's module markers. */
function sections(bundle: string): { file: string; code: string }[] {
  const out: { file: string; code: string }[] = [];
  let current = { file: '(bundle)', lines: [] as string[] };
  for (const line of bundle.split('\n')) {
    const marker = MODULE_MARKER.exec(line);
    if (marker) {
      out.push({ file: current.file, code: current.lines.join('\n') });
      current = { file: marker[1], lines: [] };
    } else {
      current.lines.push(line);
    }
  }
  out.push({ file: current.file, code: current.lines.join('\n') });
  return out.filter((s) => s.code.trim().length > 0);
}

export function findOpenapiCalls(bundle: string): { calls: OpenapiCall[]; unresolved: OpenapiCall[] } {
  const calls: OpenapiCall[] = [];
  const unresolved: OpenapiCall[] = [];
  const add = (api: string, file: string) => {
    if (!calls.some((c) => c.api === api && c.file === file)) calls.push({ api, file });
  };
  for (const { file, code } of sections(bundle)) {
    // Libraries cannot call the SDK's openapi (the SDK is external); their text is not ours to judge.
    if (file.includes('node_modules/')) continue;
    for (const m of code.matchAll(CALL)) add(`${m[1]}.${m[2]}`, file);
    for (const m of code.matchAll(ALIASED_CALL)) add(`${m[1]}.${m[2]}`, file);
    for (const m of code.matchAll(COMPUTED)) unresolved.push({ api: m[0].replace(/\s+/g, ' ').slice(0, 60), file });
  }
  return { calls, unresolved };
}

export async function checkOpenapi(fn: FunctionSource, root: string): Promise<OpenapiReport> {
  const bundle = await bundleForScan(fn.entry, root);
  const { calls, unresolved } = findOpenapiCalls(bundle);
  const declared = fn.openapi;
  const undeclared = calls.filter((c) => !declared.includes(c.api));
  const unused = declared.filter((d) => !calls.some((c) => c.api === d));
  return { name: fn.name, calls, declared, undeclared, unused, unresolved };
}

export function formatOpenapiFailures(reports: readonly OpenapiReport[]): string | null {
  const bad = reports.filter((r) => r.undeclared.length > 0);
  if (bad.length === 0) return null;
  const lines = bad.flatMap((r) => r.undeclared.map((c) =>
    `  - 云函数 ${r.name} 调用了 openapi.${c.api}（${c.file}），但 ${path.join('cloudfunctions', r.name, 'config.json')} 的 permissions.openapi 没有声明 "${c.api}"`));
  return `openapi 权限检查未通过：\n${lines.join('\n')}\n请在对应 config.json 的 permissions.openapi 中补上，否则线上调用会因无权限失败。`;
}
