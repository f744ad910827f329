#!/usr/bin/env bash
# Builds Lanes and runs the bundled benchmarks; extra arguments go to lanes-bench,
# e.g. scripts/bench.sh --peers --json bench.json
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" --target lanes-bench
build/release/bench/lanes-bench "$@"
