// SPDX-License-Identifier: Apache-2.0
// Everything of the C++ API in one include; each header also stands on its own.
#pragma once

#include "lanes/array.hpp"
#include "lanes/config.hpp"
#include "lanes/device.hpp"
#include "lanes/error.hpp"
#include "lanes/executor.hpp"
#include "lanes/fill.hpp"
#include "lanes/find.hpp"
#include "lanes/histogram.hpp"
#include "lanes/merge.hpp"
#include "lanes/for_each.hpp"
#include "lanes/min_max.hpp"
#include "lanes/permute.hpp"
#include "lanes/reduce.hpp"
#include "lanes/scan.hpp"
#include "lanes/search.hpp"
#include "lanes/select.hpp"
#include "lanes/sort.hpp"
#include "lanes/span.hpp"
#include "lanes/transform.hpp"
