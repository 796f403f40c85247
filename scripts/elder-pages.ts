/**
 * 长辈模式 on every page of the mini-program (issue 14). H5 puts the `fq-elder` class on <html>; the
 * mini-program has no such root, so each page's outermost view carries `elderClass()` (src/lib/elderMode.ts).
 * The per-page change is the import plus that one className; this script finds pages of the route table
 * (types/routes.ts) without it and adds it, so pages added later get it the same way:
 *
 *   npm run elder-pages                  add it where it is missing (prints what it changed)
 *   npm run elder-pages -- --check       list pages without it; exit 1 if any
 *
 * "Outermost view" = the JSX of the page component's last top-level `return` (the main render after any
 * early returns). When that is one of our components (e.g. CaseFormPage), its own root must carry it.
 * test/architecture/elder-pages.test.ts runs the check.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { mainRoutes, routePath, subPackages, type RouteName } from '../types/routes';

const REPO_ROOT = path.resolve(__dirname, '..');
const SRC = path.join(REPO_ROOT, 'src');
const IMPORT_LINE = "import { elderClass } from '@/lib/elderMode'";
/** A className that already follows the mode: the shared helper, or a page's own live `fq-elder` switch. */
const APPLIES = /elderClass\(\)|fq-elder/;

export function allRoutes(): RouteName[] {
  return [...Object.keys(mainRoutes), ...Object.values(subPackages).flatMap((p) => Object.keys(p.routes))] as RouteName[];
}

export function pageFile(route: RouteName): string {
  return path.join(SRC, `${routePath(route)}.tsx`);
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
}

function hasDefault(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
}

/** The body of the file's default-exported function component. */
function defaultComponentBody(sf: ts.SourceFile): ts.Block | undefined {
  let name: string | undefined;
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && hasDefault(st)) return st.body;
    if (ts.isExportAssignment(st) && ts.isIdentifier(st.expression)) name = st.expression.text;
  }
  if (!name) return undefined;
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name?.text === name) return st.body;
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        const init = d.initializer;
        if (ts.isIdentifier(d.name) && d.name.text === name && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) && ts.isBlock(init.body)) return init.body;
      }
    }
  }
  return undefined;
}

function unwrap(e: ts.Expression): ts.Expression {
  return ts.isParenthesizedExpression(e) ? unwrap(e.expression) : e;
}

/** The opening tag of the page's outermost element (the last top-level return's JSX). */
function rootTag(sf: ts.SourceFile): ts.JsxOpeningLikeElement | undefined {
  const body = defaultComponentBody(sf);
  if (!body) return undefined;
  const returns = body.statements.filter((s): s is ts.ReturnStatement => ts.isReturnStatement(s) && !!s.expression);
  const last = returns.at(-1);
  const jsx = last?.expression && unwrap(last.expression);
  if (!jsx) return undefined;
  if (ts.isJsxElement(jsx)) return jsx.openingElement;
  if (ts.isJsxSelfClosingElement(jsx)) return jsx;
  return undefined;
}

function classNameAttr(tag: ts.JsxOpeningLikeElement): ts.JsxAttribute | undefined {
  return tag.attributes.properties.find((p): p is ts.JsxAttribute => ts.isJsxAttribute(p) && p.name.getText() === 'className');
}

/** The file a component tag comes from, when it is one of ours (`@/…` or relative). */
function componentFile(sf: ts.SourceFile, tagName: string): string | undefined {
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !st.importClause || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    const clause = st.importClause;
    const named = clause.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements.map((e) => e.name.text) : [];
    if (clause.name?.text !== tagName && !named.includes(tagName)) continue;
    const spec = st.moduleSpecifier.text;
    const base = spec.startsWith('@/') ? path.join(SRC, spec.slice(2)) : spec.startsWith('.') ? path.resolve(path.dirname(sf.fileName), spec) : undefined;
    if (!base) return undefined;
    return [`${base}.tsx`, path.join(base, 'index.tsx')].find((f) => fs.existsSync(f));
  }
  return undefined;
}

export type ElderStatus = { ok: true } | { ok: false; why: string; fixable: boolean };

/** Whether the page (or the component it renders as its outermost element) carries the mode. */
export function elderStatus(file: string, seen: string[] = []): ElderStatus {
  const sf = parse(file);
  const tag = rootTag(sf);
  if (!tag) return { ok: false, why: 'no default-exported component returning JSX', fixable: false };
  const attr = classNameAttr(tag);
  if (attr && APPLIES.test(attr.getText())) return { ok: true };
  const name = tag.tagName.getText();
  const inner = /^[A-Z]/.test(name) && name !== 'View' ? componentFile(sf, name) : undefined;
  if (inner && !seen.includes(inner)) {
    const status = elderStatus(inner, [...seen, file]);
    return status.ok ? status : { ok: false, why: `its outermost element <${name}> (${path.relative(REPO_ROOT, inner)}): ${status.why}`, fixable: false };
  }
  return { ok: false, why: `<${name}> at line ${sf.getLineAndCharacterOfPosition(tag.getStart()).line + 1} has no elderClass()`, fixable: name === 'View' };
}

/** Adds the import and `${elderClass()}` on the outermost View; returns false when it cannot. */
export function applyElderClass(file: string): boolean {
  const sf = parse(file);
  const tag = rootTag(sf);
  if (!tag || tag.tagName.getText() !== 'View') return false;
  const text = sf.text;
  const edits: { at: number; end: number; text: string }[] = [];
  const attr = classNameAttr(tag);
  const init = attr?.initializer;
  if (!attr) {
    edits.push({ at: tag.tagName.getEnd(), end: tag.tagName.getEnd(), text: ' className={elderClass()}' });
  } else if (init && ts.isStringLiteral(init)) {
    edits.push({ at: init.getStart(), end: init.getEnd(), text: `{\`${init.text}\${elderClass()}\`}` });
  } else if (init && ts.isJsxExpression(init) && init.expression) {
    const e = init.expression;
    if (ts.isNoSubstitutionTemplateLiteral(e) || ts.isTemplateExpression(e)) edits.push({ at: e.getEnd() - 1, end: e.getEnd() - 1, text: '${elderClass()}' });
    else edits.push({ at: e.getStart(), end: e.getEnd(), text: `\`\${${e.getText()}}\${elderClass()}\`` });
  } else {
    return false;
  }
  const imports = sf.statements.filter(ts.isImportDeclaration);
  const fromElder = imports.find((i) => ts.isStringLiteral(i.moduleSpecifier) && i.moduleSpecifier.text === '@/lib/elderMode');
  const bindings = fromElder?.importClause?.namedBindings;
  if (bindings && ts.isNamedImports(bindings)) {
    if (!bindings.elements.some((e) => e.name.text === 'elderClass')) edits.push({ at: bindings.elements.at(-1)!.getEnd(), end: bindings.elements.at(-1)!.getEnd(), text: ', elderClass' });
  } else {
    // Before the first stylesheet import (imports of .scss stay last), else after the last import.
    const style = imports.find((i) => ts.isStringLiteral(i.moduleSpecifier) && /\.s?css$/.test(i.moduleSpecifier.text));
    const at = style ? style.getStart() : (imports.at(-1)?.getEnd() ?? 0);
    edits.push({ at, end: at, text: style ? `${IMPORT_LINE}\n` : `\n${IMPORT_LINE}` });
  }
  let out = text;
  for (const e of edits.sort((a, b) => b.at - a.at)) out = out.slice(0, e.at) + e.text + out.slice(e.end);
  fs.writeFileSync(file, out);
  return true;
}

/** Pages of the route table without the mode, with the reason. */
export function pagesWithoutElderMode(): { route: RouteName; file: string; why: string; fixable: boolean }[] {
  return allRoutes().flatMap((route) => {
    const file = pageFile(route);
    if (!fs.existsSync(file)) return [{ route, file, why: 'page file not found', fixable: false }];
    const status = elderStatus(file);
    return status.ok ? [] : [{ route, file, why: status.why, fixable: status.fixable }];
  });
}

function main(): number {
  const missing = pagesWithoutElderMode();
  const check = process.argv.includes('--check');
  let left = 0;
  for (const m of missing) {
    const rel = path.relative(REPO_ROOT, m.file);
    if (!check && m.fixable && applyElderClass(m.file)) {
      console.log(`added elderClass(): ${rel}`);
    } else {
      left += 1;
      console.log(`${check ? 'missing' : 'edit by hand'}: ${rel} (${m.route}): ${m.why}`);
    }
  }
  if (!missing.length) console.log(`every page of the route table (${allRoutes().length}) follows 长辈模式`);
  return left ? 1 : 0;
}

if (require.main === module) process.exit(main());
