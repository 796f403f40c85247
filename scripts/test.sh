#!/usr/bin/env bash
# The one test command (npm test): type check, the import layers, then every jest suite (unit, local
# cloud wire contract, functions against local cloud, built-weapp rendering, H5 in Chromium).
# Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
mkdir -p test-results

passed=0
failed=0

echo "== type check (tsc --noEmit)"
if npx tsc --noEmit -p .; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "type check failed"; fi

echo "== layers (dependency-cruiser + call scan, scripts/check-layers.ts)"
if npx tsx scripts/check-layers.ts; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "layer check failed"; fi

echo "== jest"
npx jest --ci --json --outputFile=test-results/jest.json "$@"
jest_rc=$?
if [ -f test-results/jest.json ]; then
  read -r jp jf < <(node -e 'const r=require("./test-results/jest.json"); const broken=r.testResults.filter(t=>t.status==="failed"&&t.assertionResults.length===0).length; console.log(r.numPassedTests, r.numFailedTests+broken)')
  passed=$((passed + jp)); failed=$((failed + jf))
  # A suite that crashed before running a test must still count as a failure.
  if [ "$jest_rc" -ne 0 ] && [ "$jf" -eq 0 ]; then failed=$((failed + 1)); fi
else
  failed=$((failed + 1))
fi

echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
