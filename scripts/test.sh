#!/usr/bin/env bash
# Runs the whole test suite. Installs what the tests need on a fresh machine: Node 24 and the npm
# packages, and from Debian (when run as root with apt) PostgreSQL for the real-database tests
# and Chromium for the browser tests. vitest's globalSetup starts a throwaway PostgreSQL on
# 127.0.0.1. Ends with a plain "N passed, N failed" line from vitest's JSON report.
set -uo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
bash "$here/install.sh" || exit 1
source "$here/node-env.sh"
cd "$MB_ROOT"
bash scripts/ensure-debian-packages.sh || exit 1
mkdir -p test-output
rm -f test-output/vitest.json
static=0
npm run --silent typecheck || { echo "typecheck failed" >&2; static=1; }
npm run --silent lint >test-output/lint.txt 2>&1 || { cat test-output/lint.txt >&2; echo "lint failed" >&2; static=1; }
npx vitest run --reporter=default --reporter=json --outputFile.json=test-output/vitest.json "$@"
status=$?
[ "$static" -eq 0 ] || [ "$status" -ne 0 ] || status=1
if [ -f test-output/vitest.json ]; then
  node -e '
    const r = require("./test-output/vitest.json");
    const skipped = r.numPendingTests + r.numTodoTests;
    console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
  '
else
  echo "0 passed, 1 failed"
  [ "$status" -ne 0 ] || status=1
fi
exit "$status"
