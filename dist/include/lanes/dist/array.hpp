// SPDX-License-Identifier: Apache-2.0
// lanes::dist::array<T>: global_size() elements block-partitioned over a communicator's
// ranks in whole granules (1 element, or a grid's row of cols): with u = n / granule units,
// rank r holds units [offset(r), offset(r + 1)), offset(r) = r floor(u / p) + min(r, u mod p),
// so blocks differ by at most one unit (ranks past u hold none). Each block is a
// lanes::array<T> in this rank's host memory.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

#include "lanes/array.hpp"
#include "lanes/dist/comm.hpp"
#include "lanes/span.hpp"

namespace lanes::dist {

// Where rank r's block of n elements over p ranks begins.
inline std::size_t block_offset(std::size_t n, int p, int r) {
  const auto ranks = std::size_t(p), rank = std::size_t(r);
  return rank * (n / ranks) + std::min(rank, n % ranks);
}

template <class T>
class array {
 public:
  // A collective: every rank passes the same global size and granule (else lanes::error on
  // every rank); the size is a whole number of granules.
  array(const comm& c, std::size_t global_size, std::size_t granule = 1)
      : comm_(c), n_(global_size), granule_(checked_granule(global_size, granule)),
        offset_(offset_of(c.rank())), local_(offset_of(c.rank() + 1) - offset_, lanes::device("seq")) {
    if (!c.agree(global_size) || !c.agree(granule)) detail::fail("dist::array: the ranks passed different global sizes");
  }

  const dist::comm& comm() const { return comm_; }
  std::size_t global_size() const { return n_; }
  std::size_t granule() const { return granule_; }
  std::size_t offset() const { return offset_; }  // of this rank's first element
  // Where rank r's block begins (r = size(): global_size()).
  std::size_t offset_of(int r) const { return block_offset(n_ / granule_, comm_.size(), r) * granule_; }
  std::size_t local_size() const { return local_.size(); }
  span<T> local() { return local_.view(); }
  span<const T> local() const { return local_.view(); }

  // Rank root's all[0, global_size) into every rank's block (a collective; only root's
  // `all` is read, and it must hold global_size elements).
  void scatter_from(int root, span<const T> all) {
    const bool bad = comm_.rank() == root && all.size() != n_;
    if (comm_.any(bad))
      detail::fail_as<size_error>("dist::array::scatter_from: root's data has ", all.size(), " elements, not ", n_);
    auto [counts, displs] = layout();
    MPI_Scatterv(all.data(), counts.data(), displs.data(), mpi_type<T>(), local_.data(), int(local_.size()),
                 mpi_type<T>(), root, comm_.get());
  }

  // Every block, in order, on rank root (a collective; other ranks get nothing).
  std::vector<T> gather_to(int root) const {
    std::vector<T> all(comm_.rank() == root ? n_ : 0);
    auto [counts, displs] = layout();
    MPI_Gatherv(local_.data(), int(local_.size()), mpi_type<T>(), all.data(), counts.data(), displs.data(),
                mpi_type<T>(), root, comm_.get());
    return all;
  }

 private:
  std::pair<std::vector<int>, std::vector<int>> layout() const {  // MPI's int counts
    if (n_ > std::size_t(INT32_MAX)) detail::fail("dist::array: ", n_, " elements are past MPI's int counts");
    std::vector<int> counts(std::size_t(comm_.size())), displs(counts.size());
    for (int r = 0; r < comm_.size(); ++r) {
      displs[std::size_t(r)] = int(offset_of(r));
      counts[std::size_t(r)] = int(offset_of(r + 1)) - displs[std::size_t(r)];
    }
    return {counts, displs};
  }

  static std::size_t checked_granule(std::size_t n, std::size_t granule) {
    if (granule == 0 || n % granule != 0)
      detail::fail_as<size_error>("dist::array: ", n, " elements are not whole granules of ", granule);
    return granule;
  }

  dist::comm comm_;
  std::size_t n_, granule_, offset_;
  lanes::array<T> local_;
};

}  // namespace lanes::dist
