#include "lanes/permute.hpp"
#include "support.hpp"

using namespace lanes_test;

namespace {
// A random permutation of [0, n) in the index type I.
template <class I>
std::vector<I> shuffled_indices(std::size_t n) {
  std::vector<I> p(n);
  for (std::size_t i = 0; i < n; ++i) p[i] = static_cast<I>(i);
  std::shuffle(p.begin(), p.end(), std::mt19937_64(n));
  return p;
}
}  // namespace

TEMPLATE_LIST_TEST_CASE("gather and scatter move elements as a naive loop does", "[gather][scatter]",
                        arithmetic_types) {
  using T = TestType;
  for_each_executor([](auto ex) {
    for (std::size_t n : sizes) {
      INFO("n = " << n);
      auto v = random_values<T>(n, 13);
      auto perm = shuffled_indices<std::int64_t>(n);
      std::vector<T> out(n), expected(n);
      lanes::gather(ex, lanes::span<const T>(v), lanes::span<const std::int64_t>(perm), lanes::span<T>(out));
      for (std::size_t i = 0; i < n; ++i) expected[i] = v[perm[i]];
      require_equal(out, expected);
      lanes::scatter(ex, lanes::span<const T>(v), lanes::span<const std::int64_t>(perm), lanes::span<T>(out));
      for (std::size_t i = 0; i < n; ++i) expected[perm[i]] = v[i];
      require_equal(out, expected);
    }
  });
}

TEST_CASE("gather may repeat indices and read a subset", "[gather]") {
  std::vector<double> v = {10, 20, 30};
  std::vector<std::uint32_t> idx = {2, 2, 0, 1, 2};
  std::vector<double> out(5);
  lanes::gather(lanes::cpu{}, lanes::span<const double>(v), lanes::span<const std::uint32_t>(idx), lanes::span<double>(out));
  REQUIRE(out == std::vector<double>{30, 30, 10, 20, 30});
}

TEST_CASE("gather and scatter check every index before writing", "[gather][scatter][errors]") {
  for_each_executor([](auto ex) {
    std::vector<int> v(9000, 1), out(9000, -1);
    auto idx = shuffled_indices<std::int32_t>(9000);
    idx[7000] = -1;
    lanes::span<const int> in(v);
    REQUIRE_THROWS_WITH(lanes::gather(ex, in, lanes::span<const std::int32_t>(idx), lanes::span<int>(out)),
                        Catch::Contains("indices[7000] = -1 is outside in (size 9000)"));
    idx[7000] = 9000;
    REQUIRE_THROWS_WITH(lanes::scatter(ex, in, lanes::span<const std::int32_t>(idx), lanes::span<int>(out)),
                        Catch::Contains("indices[7000] = 9000 is outside out (size 9000)"));
    idx[7000] = idx[3];  // a repeat: two writes to one place
    REQUIRE_THROWS_WITH(lanes::scatter(ex, in, lanes::span<const std::int32_t>(idx), lanes::span<int>(out)),
                        Catch::Contains("appears more than once"));
    REQUIRE(out == std::vector<int>(9000, -1));
    std::vector<int> short_out(8999);
    REQUIRE_THROWS_WITH(lanes::gather(ex, in, lanes::span<const std::int32_t>(idx), lanes::span<int>(short_out)),
                        Catch::Contains("out holds 8999 elements but 9000 are needed"));
    REQUIRE_THROWS_WITH(lanes::scatter(ex, in.subspan(0, 10), lanes::span<const std::int32_t>(idx), lanes::span<int>(out)),
                        Catch::Contains("in has 10 elements but indices has 9000"));
  });
}
