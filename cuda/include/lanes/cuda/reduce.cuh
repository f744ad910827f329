// SPDX-License-Identifier: Apache-2.0
// The reductions on the GPU, in the fixed order of lanes/reduce.hpp, so every reduce on
// cuda has the bits that seq and cpu give: 16 threads fold the 16 lanes of a 4096-item
// block, a pairwise tree joins the lanes, and pairwise trees over aligned groups of 256
// join the blocks (a tree over aligned power-of-two groups is the same pairwise tree).
// reducer<cuda> serves detail::reduce_indices, so everything built on it (reduce,
// transform_reduce, count_if, min_max) runs on cuda.
#pragma once

#include <new>

#include "lanes/cuda/executor.cuh"
#include "lanes/reduce.hpp"

namespace lanes {
namespace detail {

inline constexpr unsigned cuda_tree_group = 256;
static_assert(cuda_block_threads % reduce_lanes == 0, "a CUDA block holds whole reduce blocks");

// Shared memory for n values of a type that may lack a trivial constructor.
template <class Acc, unsigned N>
__device__ Acc* shared_slots() {
  __shared__ alignas(alignof(Acc) > 16 ? alignof(Acc) : 16) unsigned char raw[N * sizeof(Acc)];
  return reinterpret_cast<Acc*>(raw);
}

// Pairwise tree over s[0, m) of one group, in shared memory, all threads of the block taking part.
template <class Acc, class Op>
__device__ void tree_in_shared(Acc* s, unsigned t, unsigned m, unsigned group_size, Op& op) {
  for (unsigned stride = 1; stride < group_size; stride *= 2) {
    if (t % (2 * stride) == 0 && t + stride < m) s[t] = op(s[t], s[t + stride]);
    __syncthreads();
  }
}

// partials[b] = the lanes of reduce block b, folded and joined (steps 2 and 3).
template <class Acc, class Op, class F>
__global__ void reduce_blocks_kernel(std::size_t n, std::size_t blocks, Op op, F f, Acc* partials) {
  Acc* s = shared_slots<Acc, cuda_block_threads>();
  unsigned t = threadIdx.x, lane = t % reduce_lanes, first = t - lane;
  std::size_t b = blockIdx.x * std::size_t(cuda_block_threads / reduce_lanes) + t / reduce_lanes;
  std::size_t begin = b * reduce_block, len = 0;
  if (b < blocks) len = (n - begin < reduce_block ? n - begin : reduce_block);
  unsigned used = unsigned(len < reduce_lanes ? len : reduce_lanes);
  if (lane < used) {
    Acc acc = Acc(f(begin + lane));
    for (std::size_t o = lane + reduce_lanes; o < len; o += reduce_lanes) acc = op(acc, Acc(f(begin + o)));
    new (&s[t]) Acc(acc);
  }
  __syncthreads();
  for (unsigned stride = 1; stride < reduce_lanes; stride *= 2) {
    if (lane % (2 * stride) == 0 && lane + stride < used) s[t] = op(s[t], s[t + stride]);
    __syncthreads();
  }
  if (lane == 0 && b < blocks) partials[b] = s[first];
}

// out[g] = the pairwise tree over in[g * 256, min(m, (g + 1) * 256)).
template <class Acc, class Op>
__global__ void tree_groups_kernel(const Acc* in, std::size_t m, Op op, Acc* out) {
  Acc* s = shared_slots<Acc, cuda_tree_group>();
  unsigned t = threadIdx.x;
  std::size_t begin = blockIdx.x * std::size_t(cuda_tree_group);
  unsigned len = unsigned(m - begin < cuda_tree_group ? m - begin : cuda_tree_group);
  if (t < len) new (&s[t]) Acc(in[begin + t]);
  __syncthreads();
  tree_in_shared(s, t, len, cuda_tree_group, op);
  if (t == 0) out[blockIdx.x] = s[0];
}

template <>
struct reducer<cuda> {
  template <class Acc, class Op, class F>
  static Acc run(const cuda& ex, std::size_t n, Acc init, Op op, F f);
};

template <class Acc, class Op, class F>
Acc reducer<cuda>::run(const cuda& ex, std::size_t n, Acc init, Op op, F f) {
  static_assert(std::is_trivially_copyable_v<Acc>, "GPU reductions copy their accumulators bytewise");
  if (n == 0) return init;
  cuda_scope scope(ex.device());
  std::size_t m = ceil_div(n, reduce_block);
  cuda_scratch<Acc> a(m, ex.stream()), b(ceil_div(m, cuda_tree_group), ex.stream());
  constexpr unsigned per_cuda_block = cuda_block_threads / reduce_lanes;
  reduce_blocks_kernel<<<unsigned(ceil_div(m, per_cuda_block)), cuda_block_threads, 0, ex.stream()>>>(n, m, op, f,
                                                                                                   a.get());
  cuda_check_launch("reduce_blocks_kernel", __FILE__, __LINE__);
  Acc *in = a.get(), *out = b.get();
  for (; m > 1; m = ceil_div(m, cuda_tree_group), std::swap(in, out)) {
    tree_groups_kernel<<<unsigned(ceil_div(m, cuda_tree_group)), cuda_tree_group, 0, ex.stream()>>>(in, m, op, out);
    cuda_check_launch("tree_groups_kernel", __FILE__, __LINE__);
  }
  Acc result;
  LANES_CUDA_CHECK(cudaMemcpyAsync(&result, in, sizeof(Acc), cudaMemcpyDeviceToHost, ex.stream()));
  LANES_CUDA_CHECK(cudaStreamSynchronize(ex.stream()));
  return op(init, result);
}

}  // namespace detail
}  // namespace lanes
