// SPDX-License-Identifier: Apache-2.0
// Build-wide facts every Lanes header may need: the version (generated from CMake's
// project(VERSION) into lanes/build_config.hpp), LANES_HD and the SIMD clone attributes.
#pragma once

#include "lanes/build_config.hpp"

// LANES_HD marks a function callable on the host and, under nvcc, on the device.
#if defined(__CUDACC__)
#define LANES_HD __host__ __device__
#else
#define LANES_HD
#endif

// Hot CPU code may be compiled for wider vectors as well as for the baseline, the processor
// picking one at run time (GCC or Clang on x86-64; never under nvcc). Every copy rounds each
// operation as the source says: AVX-512 brings FMA, so Lanes is built with
// -ffp-contract=off (PUBLIC in lanes::lanes and lanes.pc, as --fmad=false is for CUDA) and
// a * b + c is never fused behind the code's back (code that includes these headers without
// the flag may get FMAs in that clone: seq and cpu still agree, the naive loop's bits not).
// Two ways, by what the code is instantiated with:
// - LANES_SIMD_CLONES on a member function of a class template of named types (a kernel's
//   body): GCC clones it for AVX-512 (x86-64-v4), AVX2 and the baseline, and the clone is
//   resolved at the first call. Not on a free function, nor on code instantiated with a
//   lambda: their clones are resolved by IRELATIVE relocations while the library loads,
//   before ThreadSanitizer has started, which crashes a TSan build (the test
//   no_load_time_resolvers checks liblanes). A large function that such a body calls gets
//   LANES_IN_CLONES, so that it is inlined into every clone: GCC may otherwise compile it
//   once, for the baseline, and call it from each.
// - LANES_AVX2_TARGET on a function that calls a LANES_ALWAYS_INLINE body, chosen where
//   lanes::detail::cpu_has_avx2(): for code instantiated with lambdas (reduce's blocks).
#if !defined(__CUDACC__) && defined(__x86_64__) && defined(__GNUC__)
namespace lanes::detail {
// What the processor running this has, asked once.
inline bool cpu_has_avx2() {
  static const bool yes = (__builtin_cpu_init(), __builtin_cpu_supports("avx2"));
  return yes;
}
inline bool cpu_has_avx2_fma() {  // gemm's micro-kernel (FMA changes bits, so only there)
  static const bool yes = cpu_has_avx2() && __builtin_cpu_supports("fma");
  return yes;
}
inline bool cpu_has_avx512f() {  // gemm's wider micro-kernel
  static const bool yes = (__builtin_cpu_init(), __builtin_cpu_supports("avx512f"));
  return yes;
}
// The widest vectors of the hand-written x86 code (compaction, Philox, merge), picked at run
// time: AVX-512 where it has F, VL and BW (as x86-64-v4 does), else AVX2, else none.
enum class vector_isa { none, avx2, avx512 };
inline vector_isa vector_isa_here() {
  static const vector_isa isa = (__builtin_cpu_init(), __builtin_cpu_supports("avx512f") &&
                                                           __builtin_cpu_supports("avx512vl") &&
                                                           __builtin_cpu_supports("avx512bw"))
                                    ? vector_isa::avx512
                                : __builtin_cpu_supports("avx2") ? vector_isa::avx2
                                                                 : vector_isa::none;
  return isa;
}
}  // namespace lanes::detail
#endif
#if !defined(__CUDACC__) && defined(__x86_64__) && defined(__GNUC__) && !defined(__AVX512F__)
#define LANES_SIMD_CLONES __attribute__((target_clones("arch=x86-64-v4", "avx2", "default")))
#define LANES_IN_CLONES __attribute__((always_inline))
#else
#define LANES_SIMD_CLONES
#define LANES_IN_CLONES
#endif
// GCC 12's intrinsics read an "undefined" vector that -Wuninitialized then reports (GCC bug
// 105593, mended in 12.3): around the code that uses them. Clang needs nothing.
#if !defined(__CUDACC__) && defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define LANES_INTRINSICS_BEGIN \
  _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Wuninitialized\"") \
      _Pragma("GCC diagnostic ignored \"-Wmaybe-uninitialized\"")
#define LANES_INTRINSICS_END _Pragma("GCC diagnostic pop")
#else
#define LANES_INTRINSICS_BEGIN
#define LANES_INTRINSICS_END
#endif
#if !defined(__CUDACC__) && defined(__x86_64__) && defined(__GNUC__) && !defined(__AVX2__)
#define LANES_AVX2_TARGET __attribute__((target("avx2")))
#define LANES_ALWAYS_INLINE __attribute__((always_inline)) inline
#define LANES_AVX2_AT_RUN_TIME 1
#else
#define LANES_ALWAYS_INLINE inline
#define LANES_AVX2_AT_RUN_TIME 0
#endif

namespace lanes {
// The version of the compiled library (may differ from the headers' LANES_VERSION_STRING).
const char* version() noexcept;
}  // namespace lanes
