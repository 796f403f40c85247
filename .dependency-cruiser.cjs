/**
 * The import rules of the repository, checked in `npm test` by scripts/check-layers.ts
 * (`npx tsx scripts/check-layers.ts`); test/architecture/layers.test.ts proves that each rule bites.
 *
 * Backend layers, lowest last; a layer may import a lower one, never a higher one:
 *   functions (cloudfunctions/, backend/functions) → request → domain → data → platform
 * types/ is below all of them and imports nothing of the app. Pages reach the backend only through
 * src/services. local-cloud/ is a product of its own and imports nothing of the app.
 *
 * A scan for calls (Taro.cloud, fetch(, Taro.request) outside src/services, which an import graph
 * cannot see, is in scripts/check-layers.ts, which runs both.
 */
const APP_DIRS = '^(src|types|backend|cloudfunctions|local-cloud|local-stack|scripts|test|bench|config)/';

/** Cloud and network clients a page must not import (src/services wraps them). */
const NETWORK_CLIENTS = '(^|/)node_modules/(wx-server-sdk|@cloudbase/|tcb-|node-fetch|cross-fetch|whatwg-fetch|axios|undici)';

/** The backend layers, highest first: each imports only the ones after it. */
const BACKEND_LAYERS = [
  ['functions', '^(backend/functions|cloudfunctions)/', 'the function tables'],
  ['request', '^backend/request/', 'the request wrapper: it does not import the tables it serves'],
  ['domain', '^backend/domain/', 'the rules: they do not know how they are called'],
  ['data', '^backend/data/', 'one module per collection: they store and fetch, with no rules of their own'],
  ['platform', '^backend/platform/', 'SDK, ids, time, templates: the floor, below every other layer'],
];

/** `layer-<name>`: a layer imports no layer above it. */
function layerRules() {
  return BACKEND_LAYERS.slice(1).map(([name, layerPath, what], i) => ({
    name: `layer-${name}`,
    severity: 'error',
    comment: `backend/${name} is ${what}; it never imports ${BACKEND_LAYERS.slice(0, i + 1).map(([above]) => above).join(', ')}.`,
    from: { path: layerPath },
    to: { path: BACKEND_LAYERS.slice(0, i + 1).map(([, above]) => above) },
  }));
}

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No module may import itself through others: a cycle makes load order matter and layers meaningless.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'pages-only-through-services',
      severity: 'error',
      comment: 'Pages and components reach the backend only through src/services (call()); never a cloud or network client.',
      from: { path: '^src/', pathNot: '^src/services/' },
      to: { path: NETWORK_CLIENTS },
    },
    {
      name: 'src-not-server-code',
      severity: 'error',
      comment: 'The mini-program never bundles server code or the local tools: it shares only types/ with them.',
      from: { path: '^src/' },
      to: { path: '^(backend|cloudfunctions|local-cloud|local-stack|scripts|test|bench)/' },
    },
    {
      name: 'backend-ships-alone',
      severity: 'error',
      comment: 'backend/ ships to CloudBase: it never imports the local cloud, the local stack, pages, scripts or tests.',
      from: { path: '^(backend|cloudfunctions)/' },
      to: { path: '^(local-cloud|local-stack|src|scripts|test|bench)/' },
    },
    {
      name: 'local-cloud-stands-alone',
      severity: 'error',
      comment: 'local-cloud/ is a product of its own: it imports nothing outside local-cloud/ but packages and node built-ins.',
      from: { path: '^local-cloud/' },
      to: { pathNot: '^local-cloud/|(^|/)node_modules/', dependencyTypesNot: ['core'] },
    },
    {
      name: 'types-at-the-bottom',
      severity: 'error',
      comment: 'types/ (the zod contracts) is below every layer: it imports nothing of the app outside types/.',
      from: { path: '^types/' },
      to: { path: APP_DIRS, pathNot: '^types/' },
    },
    {
      name: 'domain-not-sdk',
      severity: 'error',
      comment: 'Domain rules do not talk to the SDK: data modules and platform/ wrap it.',
      from: { path: '^backend/domain/' },
      to: { path: ['(^|/)node_modules/wx-server-sdk/', '^backend/platform/cloud\\.ts$'] },
    },
    {
      name: 'db-only-from-data',
      severity: 'error',
      comment: 'Only the data modules (backend/data/*) touch the database handle. Tests may read its collection names (to check collections.json).',
      from: { pathNot: '^(backend/data|test)/' },
      to: { path: '^backend/data/db\\.ts$' },
    },
    ...layerRules(),
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Every import resolves (a computed or missing path is not an import a tool can follow).',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|test-results|\\.local-cloud-data)/' },
    // Type-only imports count: a layer that needs another's types depends on it.
    tsPreCompilationDeps: true,
    // By absolute path, so a scratch tree elsewhere (the rules' own test) resolves like the repository.
    tsConfig: { fileName: require('node:path').join(__dirname, 'tsconfig.json') },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.cjs', '.mjs', '.json', '.d.ts'],
    },
    skipAnalysisNotInRules: true,
  },
};
