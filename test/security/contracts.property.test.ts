/**
 * Property-based input fuzzing of every contract in types/registry.ts (fast-check): random JSON,
 * and valid inputs (from the authorization matrix's EXPECTED) with one field replaced by something
 * hostile — operator injection (`{"$ne": null}`), prototype keys, wrong types, huge strings, deep
 * nesting. For every input schema:
 *
 * - parsing never throws (defineFunction answers a refusal, not INTERNAL);
 * - a refusal's first issue is in Chinese (it is what the resident reads);
 * - what parses carries no operator object, no prototype key and no undeclared top-level field,
 *   so nothing hostile reaches a query;
 * - Object.prototype is never polluted.
 *
 * Runs are bounded (RUNS per contract) so the suite stays well under a minute on 2 cores.
 */
import fc from 'fast-check';
import { contract, type FnName } from '../../types/registry';
import type { z } from '../../types/zod';
import { EXPECTED, type Targets } from './matrix';

const RUNS = 300;
const names = Object.keys(contract) as FnName[];
const targets: Targets = { caseId: { own: 'case-own-1', other: 'case-other-1' }, noticeId: { own: 'n-own', other: 'n-other' }, surveyId: { own: 'c-own:2026-11', other: 'c-other:2026-11' } };
const CJK = /[\u4e00-\u9fa5]/;

/** Top-level keys a schema declares (objects, and each option of a union). */
function declaredKeys(schema: z.ZodType): Set<string> {
  const s = schema as unknown as { shape?: Record<string, unknown>; options?: z.ZodType[] };
  if (s.shape) return new Set(Object.keys(s.shape));
  if (s.options) return new Set(s.options.flatMap((o) => [...declaredKeys(o)]));
  return new Set();
}

function deep(depth: number): unknown {
  let v: unknown = { leaf: true };
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

/** Parsed through JSON, as the gateway and CloudBase deliver it: `__proto__` is an own key. */
const prototypeKeys = fc.constantFrom(
  JSON.parse('{"__proto__": {"polluted": "yes"}}') as unknown,
  JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}') as unknown,
  JSON.parse('{"__proto__": {"isAdmin": true}, "caseId": "c1"}') as unknown,
);

const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>({ $ne: null }, { $gt: '' }, { $regex: '.*' }, { $where: 'sleep(1000)' }, ['$ne', null], { _id: { $exists: true } }),
  prototypeKeys,
  fc.constantFrom<unknown>(null, true, 0, -1, 1e308, Number.MAX_SAFE_INTEGER + 2, '', ' ', '\u0000', '<script>alert(1)</script>', '../../etc/passwd'),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', minLength: 1000, maxLength: 3000 }),
  fc.double(),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 60 }),
  fc.integer({ min: 2, max: 300 }).map(deep),
  fc.jsonValue({ maxDepth: 3 }),
);

/** A valid input of `name` with one field (existing or new) replaced by a hostile value. */
function nearValid(name: FnName): fc.Arbitrary<unknown> {
  const base = EXPECTED[name].input('own', targets) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(base), ...declaredKeys(contract[name].input), '__proto__', 'constructor', '$where', 'openid', '_openid'])];
  return fc.record({ key: fc.constantFrom(...keys), value: hostile }).map(({ key, value }) => {
    const copy: Record<string, unknown> = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
    Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
    return copy;
  });
}

/** Every object key anywhere in a parsed value that must never survive a contract. */
function forbiddenKeys(value: unknown, found: string[] = [], depth = 0): string[] {
  if (depth > 50 || !value || typeof value !== 'object') return found;
  for (const key of Object.keys(value)) {
    if (key.startsWith('$') || key === '__proto__' || key === 'constructor' || key === 'prototype') found.push(key);
    forbiddenKeys((value as Record<string, unknown>)[key], found, depth + 1);
  }
  return found;
}

describe('every contract input survives hostile input', () => {
  const figures = { parses: 0, refusals: 0, accepted: 0, leaks: 0 };
  afterAll(() => {
    // eslint-disable-next-line no-console
    console.log(`contract fuzzing: ${names.length} contracts × ${RUNS} runs = ${figures.parses} parses; refusals ${figures.refusals}, accepted ${figures.accepted}, leaks ${figures.leaks}`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it.each(names)('%s', (name) => {
    const schema = contract[name].input as z.ZodType;
    const declared = declaredKeys(schema);
    fc.assert(
      fc.property(fc.oneof(nearValid(name), fc.jsonValue({ maxDepth: 4 }), prototypeKeys, hostile), (input) => {
        figures.parses++;
        const parsed = schema.safeParse(input);
        if (!parsed.success) {
          figures.refusals++;
          const message = parsed.error.issues[0]?.message ?? '';
          if (!CJK.test(message)) figures.leaks++;
          expect(message).toMatch(CJK);
          return;
        }
        figures.accepted++;
        const bad = forbiddenKeys(parsed.data);
        const undeclared = parsed.data && typeof parsed.data === 'object' ? Object.keys(parsed.data).filter((k) => !declared.has(k)) : [];
        if (bad.length || undeclared.length) figures.leaks++;
        expect({ bad, undeclared }).toEqual({ bad: [], undeclared: [] });
      }),
      { numRuns: RUNS, seed: 0x13, endOnFailure: true },
    );
  });
});
