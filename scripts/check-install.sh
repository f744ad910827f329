#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Lanes as other projects take it in, each consumer built and run from outside the tree:
#  1. the given build (shared liblanes) installed into a temporary prefix: the consumer
#     project examples/consumer (find_package(Lanes), lanes::lanes) with its C++ and C apps,
#     the C app through pkg-config (lanes.pc), the C++ app through pkg-config with
#     -std=c++20 (lanes.pc must not lower it), and the Python app; then the Python package
#     installed by pip with that liblanes bundled, the app run from outside the tree;
#  2. tests/consumer: Lanes from source through FetchContent as a static library without
#     CUDA (BUILD_SHARED_LIBS=OFF), checking it leaves the parent's languages and build type
#     alone; its apps run, then that static Lanes is installed and examples/consumer and
#     the C app through `pkg-config --static` are built against it.
#   scripts/check-install.sh [build folder, default build/release]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
jobs=$(nproc)

# Builds examples/consumer against the Lanes in prefix $1 and runs its apps.
find_package_consumer() {
  cmake -S examples/consumer -B "$work/consumer-$2" -DCMAKE_PREFIX_PATH="$1" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$work/consumer-$2" -j "$jobs" >/dev/null
  "$work/consumer-$2/app"
  "$work/consumer-$2/app_c"
  if [ -x "$work/consumer-$2/app_dist" ]; then  # lanes::dist, on 2 ranks
    OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_btl=self,vader \
      OMPI_MCA_btl_vader_single_copy_mechanism=none mpirun -np 2 --oversubscribe "$work/consumer-$2/app_dist" 1000 |
      tail -n 1
  fi
}
# pkg-config over the Lanes in prefix $1, with any further flags for pkg-config.
pc() {
  local prefix=$1
  shift
  PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config "$@" lanes
}

echo "--- installed, shared"
shared=$work/shared
cmake --install "$build" --prefix "$shared" >/dev/null
(cd "$shared" && find . -name 'liblanes.*' -o -name 'LanesConfig*.cmake' -o -name lanes.pc -o -name lanes.h \
   -o -name __init__.py | sort | sed 's/^/  /')
if pc "$shared" --cflags | grep -q -- '-std='; then
  echo "lanes.pc sets a language standard: $(pc "$shared" --cflags)" >&2
  exit 1
fi
find_package_consumer "$shared" shared
cc examples/app.c -o "$work/app_pc_c" $(pc "$shared" --cflags --libs) -Wl,-rpath,"$shared/lib"
"$work/app_pc_c"
c++ -std=c++20 examples/app.cpp -o "$work/app_pc_cxx20" $(pc "$shared" --cflags --libs) -Wl,-rpath,"$shared/lib"
"$work/app_pc_cxx20"
# Debian's python3, which has setuptools and pip (a python3 earlier on PATH may not).
python=$(command -v /usr/bin/python3 || command -v python3)
# Each Python run says which liblanes it loaded: the one installed beside it, not the tree's.
loads() {
  (cd "$work" && PYTHONPATH="$1" "$python" -c "import lanes, sys
sys.exit(0 if lanes._lib._name.startswith('$2') else 'loaded ' + lanes._lib._name + ', not from $2')")
}
(cd "$work" && PYTHONPATH="$shared/lib/python3/dist-packages" "$python" "$OLDPWD/examples/app.py")
loads "$shared/lib/python3/dist-packages" "$shared/lib/liblanes.so"
echo "--- pip install ./python, liblanes bundled"
LANES_LIBRARY="$shared/lib/liblanes.so" "$python" -m pip install -q --no-build-isolation --no-deps \
  --target "$work/pip" ./python 2>&1 | grep -v "as the 'root' user" || true
test -f "$work/pip/lanes/liblanes.so"
(cd "$work" && PYTHONPATH="$work/pip" "$python" "$OLDPWD/examples/app.py")
loads "$work/pip" "$work/pip/lanes/liblanes.so"

echo "--- FetchContent, static, without CUDA"
cmake -S tests/consumer -B "$work/fetch" -DLANES_SOURCE_DIR="$PWD" -DBUILD_SHARED_LIBS=OFF >"$work/fetch.log" ||
  { cat "$work/fetch.log"; exit 1; }
grep 'lanes::lanes is a' "$work/fetch.log"
cmake --build "$work/fetch" -j "$jobs" >/dev/null
"$work/fetch/app"
"$work/fetch/app_c"

echo "--- installed, static"
static=$work/static
cmake --install "$work/fetch" --prefix "$static" >/dev/null
test -f "$static/lib/liblanes.a"
find_package_consumer "$static" static
cc examples/app.c -o "$work/app_pc_static" $(pc "$static" --static --cflags --libs)
"$work/app_pc_static"
echo "installed package: every consumer built and ran"
