#!/usr/bin/env bash
# README command 1: install what is missing, build, and open Stepwise on the timer example
# (or on the files given as arguments).
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh
# The same configuration as scripts/test.sh (build/, the default preset's cache variables and
# nothing else), so that running one after the other only builds what is missing.
cmake --preset default >/dev/null
cmake --build --preset default

if [ $# -eq 0 ]; then
    set -- resources/examples/timer.asl.json
fi
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "No display found: starting Stepwise inside Xvfb (set DISPLAY to use your desktop)."
    exec xvfb-run -a -s "-screen 0 1600x1000x24" build/bin/stepwise "$@"
fi
exec build/bin/stepwise "$@"
