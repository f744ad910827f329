// SPDX-License-Identifier: Apache-2.0
// The CUDA backend for nvcc-compiled code: the lanes::cuda executor and the algorithms that
// run on it (for_each_index and what is built on it: transform, fill, iota; the reductions:
// reduce, transform_reduce, count_if, min_max; inclusive and exclusive scans; sort and
// sort_by_key; copy_if, gather, scatter and histogram), and the GPU's gemm for
// lanes::kernels::gemm, so every kernel of lanes/kernels runs on cuda with this one include.
#pragma once

#include "lanes/cuda/executor.cuh"
#include "lanes/cuda/for_each.cuh"
#include "lanes/cuda/gemm.cuh"
#include "lanes/cuda/histogram.cuh"
#include "lanes/cuda/merge.cuh"
#include "lanes/cuda/permute.cuh"
#include "lanes/cuda/reduce.cuh"
#include "lanes/cuda/scan.cuh"
#include "lanes/cuda/select.cuh"
#include "lanes/cuda/sort.cuh"
#include "lanes/fill.hpp"
#include "lanes/min_max.hpp"
#include "lanes/select.hpp"
#include "lanes/transform.hpp"
