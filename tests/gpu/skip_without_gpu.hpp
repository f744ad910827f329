// SPDX-License-Identifier: Apache-2.0
// The main of a GPU test binary: runs the Catch2 tests where a GPU answers; elsewhere says
// why and exits 77, which ctest reports as skipped.
#pragma once

#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

#include "lanes/detail/cuda_runtime.hpp"

int main(int argc, char** argv) {
  std::string reason = lanes::detail::cuda_unusable_reason(0);
  if (!reason.empty()) {
    std::printf("skipped: the gpu tests need a usable GPU: %s\n", reason.c_str());
    return 77;
  }
  return Catch::Session().run(argc, argv);
}
