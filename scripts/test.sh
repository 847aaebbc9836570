#!/usr/bin/env bash
# README command 2: install what is missing, configure, build and run the whole test suite.
#   scripts/test.sh            the normal build (build/), warnings as errors
#   scripts/test.sh --asan     the same tests under AddressSanitizer + UBSan (build-asan/)
# Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

preset=default
if [ "${1:-}" = "--asan" ]; then
    preset=asan
fi

./scripts/install-deps.sh
# The default preset is also what scripts/run.sh configures (same build/, same cache
# variables): after one of them, the other rebuilds nothing.
cmake --preset "$preset"

# The JavaScript SDK the endpoint's client test drives, installed into the build tree (never
# committed); without npm or the registry that test reports SKIP.
clients="build/node-clients"
[ "$preset" = asan ] && clients="build-asan/node-clients"
if command -v npm >/dev/null 2>&1 && [ ! -d "$clients/node_modules/@aws-sdk/client-sfn" ]; then
    mkdir -p "$clients"
    cp tests/api/package.json "$clients/"
    npm install --prefix "$clients" --no-audit --no-fund --silent ||
        echo "warning: npm could not install @aws-sdk/client-sfn; the JavaScript client test will be skipped"
fi
cmake --build --preset "$preset"
ctest --preset "$preset" -j2
