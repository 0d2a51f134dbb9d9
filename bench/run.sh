#!/usr/bin/env bash
# Runs the benchmarks from a release build and prints their tables.
#   bench/run.sh            (builds build/ with the release preset first)
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" --target memsnn_bench_devices memsnn_bench_plasticity \
    memsnn_bench_neurons memsnn_bench_queue memsnn_bench_build >/dev/null
build/bench/memsnn_bench_devices
echo
build/bench/memsnn_bench_plasticity
echo
build/bench/memsnn_bench_neurons
echo
build/bench/memsnn_bench_queue
echo
build/bench/memsnn_bench_build
