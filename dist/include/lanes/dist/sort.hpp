// SPDX-License-Identifier: Apache-2.0
// dist::sort and dist::sort_by_key: a stable sample sort over the ranks, in Lanes' key order
// (lanes/sort.hpp: floats -inf < ... < -0.0 < +0.0 < ... < +inf, then every NaN).
//   1. each rank sorts its block (lanes::sort, the radix sort);
//   2. every rank sends 16 p evenly spaced samples of its block to all (MPI_Allgather);
//      the p - 1 splitters are every 16 p-th of the sorted samples, the same on every rank;
//   3. each rank cuts its block at the splitters (keys equal to a splitter all go the same
//      way) and sends the pieces to their ranks (MPI_Alltoallv), then merges the sorted
//      runs it got, which arrive in rank order, so the sort stays stable;
//   4. the sorted runs are moved to the block partition (MPI_Alltoallv by global position).
// Messages per rank: 2 Allgathers, 2 or 4 Alltoallvs (keys, and values for sort_by_key).
#pragma once

#include <algorithm>
#include <cstddef>
#include <limits>
#include <vector>

#include "lanes/detail/radix_key.hpp"
#include "lanes/dist/array.hpp"
#include "lanes/sort.hpp"

namespace lanes::dist {

namespace detail {

template <class K, class V>
struct sample_sorter {
  template <class Ex>
  static void run(const Ex& ex, array<K>& keys, array<V>* values) {
    const comm& c = keys.comm();
    const std::size_t p = std::size_t(c.size());
    if (values && (values->global_size() != keys.global_size() || values->comm().size() != c.size()))
      lanes::detail::fail_as<size_error>("dist::sort_by_key: keys and values are partitioned differently");
    c.together("dist::sort", [&] { sort_block(ex, keys.local(), values ? values->local().data() : nullptr); });
    if (p == 1) return;
    using bits_t = lanes::detail::radix_bits_t<K>;
    auto bits = [](K k) { return lanes::detail::radix_bits(k); };
    // 2. Splitters.
    const std::size_t per_rank = 16 * p, n_local = keys.local_size();
    std::vector<bits_t> samples(per_rank, std::numeric_limits<bits_t>::max());
    for (std::size_t s = 0; s < per_rank && n_local; ++s) samples[s] = bits(keys.local()[s * n_local / per_rank]);
    std::vector<int> have(p);
    int mine = n_local ? 1 : 0;
    MPI_Allgather(&mine, 1, MPI_INT, have.data(), 1, MPI_INT, c.get());
    std::vector<bits_t> all(per_rank * p);
    MPI_Allgather(samples.data(), int(per_rank), mpi_type<bits_t>(), all.data(), int(per_rank), mpi_type<bits_t>(),
                  c.get());
    std::vector<bits_t> real;  // samples of ranks that hold keys
    for (std::size_t r = 0; r < p; ++r)
      if (have[r]) real.insert(real.end(), all.begin() + std::ptrdiff_t(r * per_rank), all.begin() + std::ptrdiff_t((r + 1) * per_rank));
    std::sort(real.begin(), real.end());
    std::vector<bits_t> splitters(p - 1, std::numeric_limits<bits_t>::max());
    for (std::size_t s = 1; s < p && !real.empty(); ++s) splitters[s - 1] = real[s * real.size() / p];
    // 3. Each rank's piece for rank d: keys with splitter[d - 1] <= bits < splitter[d] (all
    // keys equal to a splitter go above it).
    std::vector<int> send(p), recv(p);
    span<const K> local = keys.local();
    std::size_t start = 0;
    for (std::size_t d = 0; d < p; ++d) {
      std::size_t end = d + 1 < p ? std::size_t(std::lower_bound(local.begin() + std::ptrdiff_t(start), local.end(),
                                                                    splitters[d], [&](K k, bits_t s) { return bits(k) < s; }) -
                                                   local.begin())
                                  : n_local;
      send[d] = int(end - start);
      start = end;
    }
    MPI_Alltoall(send.data(), 1, MPI_INT, recv.data(), 1, MPI_INT, c.get());
    // Lanes' host buffers, uninitialised: huge pages where large, no zeroing pass.
    auto got_keys = lanes::array<K>::uninitialized(total(recv));
    auto got_values = lanes::array<V>::uninitialized(values ? got_keys.size() : 0);
    exchange(c, local.data(), send, got_keys.data(), recv);
    if (values) exchange(c, values->local().data(), send, got_values.data(), recv);
    merge_runs(got_keys, got_values, recv);
    // 4. Back to the block partition: my run starts at the keys of the ranks before me.
    std::uint64_t count = got_keys.size(), before = 0;
    MPI_Exscan(&count, &before, 1, MPI_UINT64_T, MPI_SUM, c.get());
    if (c.rank() == 0) before = 0;
    std::fill(send.begin(), send.end(), 0);
    const std::size_t n = keys.global_size();
    for (std::size_t i = 0; i < got_keys.size();) {  // the run [before, before + count) cut by owner
      const std::size_t g = before + i;
      std::size_t r = std::min(p - 1, g / std::max<std::size_t>(1, n / p));
      while (r > 0 && keys.offset_of(int(r)) > g) --r;
      while (r + 1 < p && keys.offset_of(int(r + 1)) <= g) ++r;
      const std::size_t take = std::min(got_keys.size() - i, keys.offset_of(int(r + 1)) - g);
      send[r] += int(take);
      i += take;
    }
    MPI_Alltoall(send.data(), 1, MPI_INT, recv.data(), 1, MPI_INT, c.get());
    exchange(c, got_keys.data(), send, keys.local().data(), recv);
    if (values) exchange(c, got_values.data(), send, values->local().data(), recv);
  }

  template <class Ex>
  static void sort_block(const Ex& ex, span<K> k, V* v) {
    if (v)
      lanes::sort_by_key(ex, k, span<V>(v, k.size()));
    else
      lanes::sort(ex, k);
  }

  // What a rank receives is p sorted runs, in rank order: log2(p) rounds of stable pairwise
  // merges (a merge is one pass; sorting again would be one per digit).
  static void merge_runs(lanes::array<K>& keys_in, lanes::array<V>& values_in, const std::vector<int>& runs) {
    std::vector<std::size_t> bounds{0};
    for (int r : runs) bounds.push_back(bounds.back() + std::size_t(r));
    const bool with_values = values_in.size() != 0;
    if (bounds.size() <= 2) return;  // one run: merged already
    auto keys_other = lanes::array<K>::uninitialized(keys_in.size());
    auto values_other = lanes::array<V>::uninitialized(values_in.size());
    K* keys = keys_in.data();
    K* keys_out = keys_other.data();
    V* values = values_in.data();
    V* values_out = values_other.data();
    auto bits = [](K k) { return lanes::detail::radix_bits(k); };
    while (bounds.size() > 2) {
      std::vector<std::size_t> merged{0};
      for (std::size_t r = 0; r + 1 < bounds.size(); r += 2) {
        const std::size_t a = bounds[r], m = bounds[r + 1], e = r + 2 < bounds.size() ? bounds[r + 2] : m;
        std::size_t i = a, j = m, o = a;
        while (i < m && j < e) {  // ties from the left run first: stable
          const bool left = !(bits(keys[j]) < bits(keys[i]));
          const std::size_t from = left ? i++ : j++;
          keys_out[o] = keys[from];
          if (with_values) values_out[o] = values[from];
          ++o;
        }
        for (; i < m; ++i, ++o) {
          keys_out[o] = keys[i];
          if (with_values) values_out[o] = values[i];
        }
        for (; j < e; ++j, ++o) {
          keys_out[o] = keys[j];
          if (with_values) values_out[o] = values[j];
        }
        merged.push_back(e);
      }
      std::swap(keys, keys_out);
      std::swap(values, values_out);
      bounds.swap(merged);
    }
    if (keys != keys_in.data()) {  // the last round wrote the other buffers
      std::swap(keys_in, keys_other);
      std::swap(values_in, values_other);
    }
  }

  static std::size_t total(const std::vector<int>& counts) {
    std::size_t t = 0;
    for (int x : counts) t += std::size_t(x);
    return t;
  }

  template <class T>
  static void exchange(const comm& c, const T* from, const std::vector<int>& send, T* to, const std::vector<int>& recv) {
    std::vector<int> send_at(send.size()), recv_at(recv.size());
    for (std::size_t r = 1; r < send.size(); ++r) {
      send_at[r] = send_at[r - 1] + send[r - 1];
      recv_at[r] = recv_at[r - 1] + recv[r - 1];
    }
    MPI_Alltoallv(from, send.data(), send_at.data(), mpi_type<T>(), to, recv.data(), recv_at.data(), mpi_type<T>(),
                  c.get());
  }
};

}  // namespace detail

template <class Ex, class K>
void sort(const Ex& ex, array<K>& keys) {
  detail::sample_sorter<K, K>::run(ex, keys, nullptr);
}

template <class Ex, class K, class V>
void sort_by_key(const Ex& ex, array<K>& keys, array<V>& values) {
  detail::sample_sorter<K, V>::run(ex, keys, &values);
}

}  // namespace lanes::dist
