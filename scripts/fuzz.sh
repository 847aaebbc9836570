#!/usr/bin/env bash
# Builds the libFuzzer targets (the `fuzz` preset, clang) and runs each one on a temporary
# copy of its seeds (tests/fuzz/corpus/<name>/) for N seconds. Exits non-zero on a crash;
# the crashing input is kept as build-fuzz/fuzz/<fuzzer>-crash-*.
#   scripts/fuzz.sh [--seconds N] [FUZZER...]
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=60
only=()
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds="$2"; shift 2 ;;
        -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
        -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
        *) only+=("$1"); shift ;;
    esac
done

fuzzers=()
for src in tests/fuzz/fuzz_*.cpp; do
    [ -e "$src" ] || continue
    name="$(basename "$src" .cpp)"
    if [ ${#only[@]} -eq 0 ] || [[ " ${only[*]} " == *" $name "* ]]; then
        fuzzers+=("$name")
    fi
done
if [ ${#fuzzers[@]} -eq 0 ]; then
    echo "fuzz.sh: no fuzzers to run"
    exit 0
fi

cmake --preset fuzz >/dev/null
ninja -C build-fuzz -j2 "${fuzzers[@]}"

status=0
for name in "${fuzzers[@]}"; do
    work="$(mktemp -d)"
    seeds="tests/fuzz/corpus/${name#fuzz_}"
    [ -d "$seeds" ] && cp -r "$seeds/." "$work/"
    args=("$work" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048
          -print_final_stats=1 -artifact_prefix="build-fuzz/fuzz/$name-")
    [ -f "tests/fuzz/$name.dict" ] && args+=(-dict="tests/fuzz/$name.dict")
    echo "== $name for ${seconds}s"
    if ! "build-fuzz/fuzz/$name" "${args[@]}"; then
        echo "fuzz.sh: $name FAILED (see build-fuzz/fuzz/$name-*)" >&2
        status=1
    fi
    rm -rf "$work"
done
exit $status
