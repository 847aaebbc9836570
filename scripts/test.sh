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
cmake --build --preset "$preset"
ctest --preset "$preset" -j2
