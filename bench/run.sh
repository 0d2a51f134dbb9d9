#!/usr/bin/env bash
# Runs the benchmarks from a release build and prints their tables.
#   bench/run.sh            (builds build/ with the release preset first)
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" --target memsnn_bench_devices memsnn_bench_plasticity >/dev/null
build/bench/memsnn_bench_devices
echo
build/bench/memsnn_bench_plasticity
