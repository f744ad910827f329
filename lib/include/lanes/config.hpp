// Build-wide facts every Lanes header may need: the version and LANES_HD.
#pragma once

#define LANES_VERSION_MAJOR 0
#define LANES_VERSION_MINOR 1
#define LANES_VERSION_PATCH 0
#define LANES_VERSION_STRING "0.1.0"

// LANES_HD marks a function callable on the host and, under nvcc, on the device.
#if defined(__CUDACC__)
#define LANES_HD __host__ __device__
#else
#define LANES_HD
#endif

// LANES_AVX2_CLONES on a hot CPU function compiles it twice, for AVX2 and for the baseline,
// and the loader picks the one the processor runs (GCC or Clang on x86-64 built without
// -mavx2; empty elsewhere and under nvcc). FMA stays off, so both give the same bits.
// Put it on member functions of class templates only: their clones are resolved at the
// first call, whereas a free function's resolver runs while the library is loaded, before
// ThreadSanitizer has started, and crashes a TSan build.
#if !defined(__CUDACC__) && defined(__x86_64__) && defined(__GNUC__) && !defined(__AVX2__)
#define LANES_AVX2_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define LANES_AVX2_CLONES
#endif

namespace lanes {
// The version of the compiled library (may differ from the headers' LANES_VERSION_STRING).
const char* version() noexcept;
}  // namespace lanes
