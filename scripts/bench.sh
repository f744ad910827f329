#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds Lanes and runs the bundled benchmarks; extra arguments go to lanes-bench,
# e.g. scripts/bench.sh --peers --json bench.json
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
# The peers are built for this machine (Lanes picks its instructions at run time).
cmake --preset release -DLANES_BENCH_PEERS_MARCH=native >/dev/null
cmake --build --preset release -j "$(nproc)" --target lanes-bench
# OpenBLAS at its best, the peer gemm is measured against: some machines set
# OPENBLAS_CORETYPE (and OPENBLAS_L2_SIZE) to hold it to an older kernel (AVX2 where the
# processor has AVX-512); unset for this command alone (lanes-bench names the kernel it ran).
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE build/release/bench/lanes-bench "$@"
