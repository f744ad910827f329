// SPDX-License-Identifier: Apache-2.0
// lanes::dist: Lanes past one process, on MPI. comm wraps a communicator (MPI_COMM_WORLD by
// default); Lanes never calls MPI_Init itself: a program does, or holds a
// lanes::dist::environment for its lifetime. Every collective call checks that MPI is
// initialised and that the ranks agree (sizes, bounds) and throws lanes::error on every
// rank alike, so no rank is left waiting in a collective the others skipped.
#pragma once

#include <mpi.h>

#include <cstdint>
#include <exception>
#include <string>
#include <type_traits>

#include "lanes/detail/checks.hpp"
#include "lanes/error.hpp"

namespace lanes::dist {

// MPI_Init_thread (MPI_THREAD_FUNNELED) on construction, MPI_Finalize on destruction, unless
// MPI was already initialised by the program (then neither).
class environment {
 public:
  environment(int* argc = nullptr, char*** argv = nullptr) {
    int initialised = 0;
    MPI_Initialized(&initialised);
    if (initialised) return;
    int provided = 0;
    if (MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS)
      detail::fail("dist::environment: MPI_Init_thread failed");
    owns_ = true;
  }
  ~environment() {
    int finalised = 0;
    MPI_Finalized(&finalised);
    if (owns_ && !finalised) MPI_Finalize();
  }
  environment(const environment&) = delete;
  environment& operator=(const environment&) = delete;

 private:
  bool owns_ = false;
};

class comm {
 public:
  explicit comm(MPI_Comm c = MPI_COMM_WORLD) : comm_(c) {
    int initialised = 0;
    MPI_Initialized(&initialised);
    if (!initialised)
      detail::fail("dist::comm: MPI is not initialised: call MPI_Init or hold a lanes::dist::environment");
    if (c == MPI_COMM_NULL) detail::fail("dist::comm: the communicator is MPI_COMM_NULL");
    MPI_Comm_rank(c, &rank_);
    MPI_Comm_size(c, &size_);
  }
  int rank() const { return rank_; }
  int size() const { return size_; }
  MPI_Comm get() const { return comm_; }

  // Whether every rank passed the same value (a collective).
  bool agree(std::uint64_t value) const {
    std::uint64_t lo = 0, hi = 0;
    MPI_Allreduce(&value, &lo, 1, MPI_UINT64_T, MPI_MIN, comm_);
    MPI_Allreduce(&value, &hi, 1, MPI_UINT64_T, MPI_MAX, comm_);
    return lo == hi;
  }
  // Whether any rank failed (a collective): each rank's own failure is shared, so that all
  // throw together.
  bool any(bool failed) const {
    int mine = failed, anyone = 0;
    MPI_Allreduce(&mine, &anyone, 1, MPI_INT, MPI_LOR, comm_);
    return anyone != 0;
  }
  // Runs f, this rank's part of `what`, and throws on every rank if it threw on any (a
  // collective): the rank that failed rethrows its own error, the others a lanes::error
  // naming the first rank that failed, so none is left waiting in the next collective.
  template <class F>
  void together(const char* what, F&& f) const {
    std::exception_ptr failure;
    try {
      f();
    } catch (...) {
      failure = std::current_exception();
    }
    int mine = failure ? rank_ : size_, first = size_;
    MPI_Allreduce(&mine, &first, 1, MPI_INT, MPI_MIN, comm_);
    if (failure) std::rethrow_exception(failure);
    if (first < size_) detail::fail(what, ": rank ", first, " failed (its error is raised there)");
  }

 private:
  MPI_Comm comm_;
  int rank_ = 0, size_ = 1;
};

// The MPI datatype of an arithmetic T.
template <class T>
MPI_Datatype mpi_type() {
  if constexpr (std::is_same_v<T, float>) return MPI_FLOAT;
  else if constexpr (std::is_same_v<T, double>) return MPI_DOUBLE;
  else if constexpr (std::is_same_v<T, std::int8_t>) return MPI_INT8_T;
  else if constexpr (std::is_same_v<T, std::uint8_t>) return MPI_UINT8_T;
  else if constexpr (std::is_same_v<T, std::int32_t>) return MPI_INT32_T;
  else if constexpr (std::is_same_v<T, std::uint32_t>) return MPI_UINT32_T;
  else if constexpr (std::is_same_v<T, std::int64_t>) return MPI_INT64_T;
  else if constexpr (std::is_same_v<T, std::uint64_t>) return MPI_UINT64_T;
  else static_assert(sizeof(T) == 0, "no MPI datatype for this element type");
}

}  // namespace lanes::dist
