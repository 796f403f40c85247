/**
 * Stand-in for `zod` in the app bundles (weapp and H5; see config/index.ts).
 *
 * Why: pages import types/ for its TypeScript types and its Chinese label maps, but types/ builds
 * its schemas at module load, which drags all of zod (~140 KB minified with the zh-CN locale) into
 * the weapp main package, whose budget is 500 KB. The app never validates with zod: the cloud
 * functions parse every input and answer INVALID_INPUT with a Chinese message and the field.
 * So in the app every schema is an inert, chainable value. Using one to validate fails loudly
 * rather than passing silently; so does treating one as data (iterating, awaiting, printing).
 */
const validating = new Set([
  'parse', 'safeParse', 'parseAsync', 'safeParseAsync', 'spa',
  'decode', 'encode', 'safeDecode', 'safeEncode', 'decodeAsync', 'encodeAsync', 'safeDecodeAsync', 'safeEncodeAsync',
])

function refuse(name) {
  throw new Error(`zod.${name}() is not bundled into the mini-program; validation happens in the cloud functions`)
}

const handler = {
  get(_target, prop) {
    // Not a thenable, not iterable, not a primitive: misuse as data throws instead of misbehaving.
    if (prop === 'then' || typeof prop === 'symbol') return undefined
    if (validating.has(prop)) return () => refuse(prop)
    return inert
  },
  apply() {
    return inert
  },
  construct() {
    return inert
  },
}

const inert = new Proxy(function zodInert() {}, handler)

export const z = inert
export default inert
