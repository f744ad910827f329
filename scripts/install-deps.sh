#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs, from Debian's packages, what building Lanes needs and this machine lacks.
set -euo pipefail
packages=(g++ cmake make pkg-config libtbb-dev catch2 libopenblas-dev python3 python3-numpy python3-pip python3-setuptools
          clang libclang-rt-14-dev  # clang and libFuzzer: the fuzz preset
          libopenmpi-dev openmpi-bin python3-mpi4py  # MPI: lanes::dist
          python3-matplotlib  # bench/plot.py
          libboost-dev libtrilinos-kokkos-dev)  # Boost.Sort and Kokkos: lanes-bench's peers
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
