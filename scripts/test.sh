#!/usr/bin/env bash
# Builds Lanes and passes its tests: the optimised build, then the same suite under
# AddressSanitizer + UndefinedBehaviorSanitizer. Other presets: scripts/test.sh debug tsan
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
presets=("$@")
[ ${#presets[@]} -eq 0 ] && presets=(release asan)
jobs=$(nproc)
for preset in "${presets[@]}"; do
  echo "=== $preset ==="
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  ctest --preset "$preset"
  # The installed package, from a temporary prefix: the examples build and run from there.
  if [ "$preset" = release ]; then scripts/check-install.sh "build/$preset"; fi
done
