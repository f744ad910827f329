// SPDX-License-Identifier: Apache-2.0
// lanes::dist in a program that never initialised MPI: a lanes::error that says how to fix
// it, not a crash in MPI. Exits 0 when that holds.
#include <cstdio>
#include <cstring>

#include "lanes/dist.hpp"

int main() {
  try {
    lanes::dist::comm world;
    std::puts("no error: dist::comm was made without MPI_Init");
    return 1;
  } catch (const lanes::error& e) {
    std::printf("%s\n", e.what());
    return std::strstr(e.what(), "MPI is not initialised") ? 0 : 1;
  }
}
