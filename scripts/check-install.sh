#!/usr/bin/env bash
# Installs a build of Lanes into a temporary prefix, then builds and runs the examples from
# there only: the consumer project (find_package(Lanes), lanes::lanes) with its C++ and C
# apps, the C app once more through pkg-config (lanes.pc), and the Python app.
#   scripts/check-install.sh [build folder, default build/release]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix

cmake --install "$build" --prefix "$prefix" >/dev/null
echo "installed into $prefix:"
(cd "$prefix" && find . -name 'liblanes.so*' -o -name 'LanesConfig*.cmake' -o -name lanes.pc -o -name lanes.h \
   -o -name __init__.py | sort | sed 's/^/  /')

cmake -S examples/consumer -B "$work/consumer" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/consumer" -j "$(nproc)" >/dev/null
"$work/consumer/app"
"$work/consumer/app_c"

PKG_CONFIG_PATH="$prefix/lib/pkgconfig" cc examples/app.c -o "$work/app_pkgconfig" \
  $(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --cflags --libs lanes | sed 's/-std=c++17//') \
  -Wl,-rpath,"$prefix/lib"
"$work/app_pkgconfig"

PYTHONPATH="$prefix/lib/python3/site-packages" python3 examples/app.py
echo "installed package: every example built and ran"
