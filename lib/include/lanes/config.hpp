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

namespace lanes {
// The version of the compiled library (may differ from the headers' LANES_VERSION_STRING).
const char* version() noexcept;
}  // namespace lanes
