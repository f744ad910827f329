// SPDX-License-Identifier: Apache-2.0
// Must not compile: std::list is not contiguous (ctest ranges_not_contiguous expects the
// message of lanes/detail/ranges.hpp).
#include <list>

#include "lanes/sort.hpp"

int main() {
  std::list<int> keys{3, 1, 2};
  lanes::sort(lanes::seq{}, keys);
}
