#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds Lanes and passes its tests: the optimised build (then the installed package, from a
# temporary prefix), the same suite under AddressSanitizer + UndefinedBehaviorSanitizer, the
# libFuzzer targets for a bounded time, and the C ABI from 16 threads under ThreadSanitizer.
# Other presets: scripts/test.sh debug tsan fuzz
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
presets=("$@")
default=0
if [ ${#presets[@]} -eq 0 ]; then
  presets=(release asan)
  default=1
fi
jobs=$(nproc)
for preset in "${presets[@]}"; do
  echo "=== $preset ==="
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  ctest --preset "$preset"
  # The installed package, from a temporary prefix: the examples build and run from there.
  if [ "$preset" = release ]; then scripts/check-install.sh "build/$preset"; fi
done
if [ "$default" = 1 ]; then
  # libFuzzer targets (clang, ASan + UBSan): the checked-in corpus, then 25 s of new inputs each.
  echo "=== fuzz ==="
  cmake --preset fuzz >/dev/null
  cmake --build --preset fuzz -j "$jobs"
  ctest --preset fuzz
  # ThreadSanitizer sees Debian's oneTBB uninstrumented and reports its task hand-offs, so
  # the whole suite is not clean under it; the C ABI's own thread safety is checked on the
  # seq device, where no TBB code runs.
  echo "=== tsan: the C ABI from 16 threads, untraced and traced ==="
  cmake --preset tsan >/dev/null
  cmake --build --preset tsan -j "$jobs" --target c_abi_threads
  ctest --preset tsan -R '^c_abi_threads_seq(_traced)?$'
fi
