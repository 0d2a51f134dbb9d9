#!/usr/bin/env bash
# Instruction count of one small, fixed run under callgrind: a number that does not depend on
# the machine's load, so a change in the engine's cost shows up even on a noisy machine.
#   bench/callgrind.sh [BUILD_DIR]     (default build/; needs valgrind: apt-get install valgrind)
# Prints the total instructions (Ir) of `memsnn run` on scenarios/brette2007_cuba_jump.json
# shortened to 200 ms, without output file writes beyond the run's own.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
if ! command -v valgrind >/dev/null; then
    echo "callgrind.sh: valgrind is missing (apt-get install valgrind)" >&2
    exit 2
fi
if [ ! -x "$build/tools/memsnn" ]; then
    echo "callgrind.sh: $build/tools/memsnn not found; build first (cmake --preset release && cmake --build --preset release)" >&2
    exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" \
    "$build/tools/memsnn" run scenarios/brette2007_cuba_jump.json --set duration="200 ms" \
    -o "$tmp/out.h5" -q >/dev/null 2>"$tmp/log"
ir=$(grep -E '^(summary|totals):' "$tmp/cg.out" | head -1 | awk '{print $2}')
echo "instructions (Ir), brette2007_cuba_jump 200 ms: $ir"
