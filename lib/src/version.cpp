// SPDX-License-Identifier: Apache-2.0
#include "lanes/config.hpp"

const char* lanes::version() noexcept { return LANES_VERSION_STRING; }
