// SPDX-License-Identifier: Apache-2.0
// lanes::dist, all of it: communicator and environment, block-partitioned arrays, the
// algorithms and the kernels across ranks (docs/scale-out.md has what each sends).
#pragma once

#include "lanes/dist/algorithms.hpp"
#include "lanes/dist/array.hpp"
#include "lanes/dist/comm.hpp"
#include "lanes/dist/kernels.hpp"
#include "lanes/dist/sort.hpp"
