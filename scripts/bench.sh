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
# OPENBLAS_THREAD_TIMEOUT=4: OpenBLAS's threads sleep soon after a call instead of spinning
# for about 2^28 cycles, which slowed the limit loop timed beside its rows (OpenBLAS's scal
# then passed the limit by 1.7x); its calls here are milliseconds long, far above a wake-up.
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_THREAD_TIMEOUT=4 build/release/bench/lanes-bench "$@"
