// SPDX-License-Identifier: Apache-2.0
// lanes-bench --mpi (run under mpirun): each distributed kernel of lanes::dist on the first
// k ranks for k = 1, 2, 4, ..., p (and p), strong scaling (the same global n for every k)
// and, for kernels whose work is linear in n, weak scaling (n per rank), beside the
// single-process figure of the same kernel in the same run (rank 0 alone on `cpu`, every
// thread it may use, the others idle). A timed call is the slowest rank's, each call
// starting from a barrier. Ranks outside the group, and every rank during the
// single-process run, wait without spinning, so they take no core from the ranks at work.
#include <mpi.h>
#include <sched.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "bench.hpp"
#include "lanes/dist.hpp"
#include "lanes/kernels/pairs.hpp"
#include "report.hpp"

namespace lanes_bench {

namespace {

using lanes::dist::comm;
template <class T>
using darray = lanes::dist::array<T>;

volatile double sink;  // results land here, so no call is optimised away

// The value at global index i of every input: the same on every rank and in one process.
float value_at(std::size_t i) { return float((i * 2654435761u) % 2001) * 0.0005f - 0.5f; }
std::uint32_t key_at(std::size_t i) { return std::uint32_t((i + 1) * 0x9E3779B97F4A7C15ull >> 32); }

template <class T, class G>
std::shared_ptr<darray<T>> filled(const comm& c, std::size_t n, G gen, std::size_t granule = 1) {
  auto a = std::make_shared<darray<T>>(c, n, granule);
  auto l = a->local();
  for (std::size_t i = 0; i < l.size(); ++i) l[i] = gen(a->offset() + i);
  return a;
}

template <class T, class G>
std::shared_ptr<std::vector<T>> whole(std::size_t n, G gen) {
  auto v = std::make_shared<std::vector<T>>(n);
  for (std::size_t i = 0; i < n; ++i) (*v)[i] = gen(i);
  return v;
}

template <class T>
lanes::span<T> view(const std::shared_ptr<std::vector<T>>& v) {
  return lanes::span<T>(*v);
}
template <class T>
lanes::span<const T> cview(const std::shared_ptr<std::vector<T>>& v) {
  return lanes::span<const T>(*v);
}

struct calls {
  std::function<void()> run, prepare = {};
};

// The rows [r0, r1) of the 5-point Laplacian on a grid of `cols` columns and rows*cols
// unknowns, in CSR with offsets from 0 (global column indices).
struct laplacian_rows {
  std::vector<std::uint64_t> offsets{0};
  std::vector<std::uint32_t> columns;
  std::vector<float> values;
  laplacian_rows(std::size_t r0, std::size_t r1, std::size_t cols, std::size_t n) {
    for (std::size_t r = r0; r < r1; ++r) {
      auto add = [&](std::size_t c, float v) { columns.push_back(std::uint32_t(c)), values.push_back(v); };
      if (r >= cols) add(r - cols, -1);
      if (r % cols) add(r - 1, -1);
      add(r, 4);
      if ((r + 1) % cols) add(r + 1, -1);
      if (r + cols < n) add(r + cols, -1);
      offsets.push_back(columns.size());
    }
  }
};

struct dist_case {
  const char* name;
  const char* what;  // and what n counts
  std::size_t default_n;
  bool linear;  // work linear in n: weak scaling applies
  std::function<calls(const comm&, const lanes::cpu&, std::size_t n)> on_ranks;
  std::function<calls(const lanes::cpu&, std::size_t n)> one_process;
};

constexpr std::size_t grid_cols = 2048, laplacian_cols = 1024, gemv_cols = 4096, stencil_steps = 5;

std::vector<dist_case> dist_cases() {
  std::vector<dist_case> cases;
  cases.push_back({"transform", "y = 2x + 1, n floats", std::size_t(1) << 24, true,
                   [](const comm& c, const lanes::cpu& ex, std::size_t n) {
                     auto x = filled<float>(c, n, value_at), y = filled<float>(c, n, value_at);
                     return calls{[=] { lanes::dist::transform(ex, *x, *y, [](float v) { return 2 * v + 1; }); }};
                   },
                   [](const lanes::cpu& ex, std::size_t n) {
                     auto x = whole<float>(n, value_at), y = whole<float>(n, value_at);
                     return calls{[=] { lanes::transform(ex, cview(x), view(y), [](float v) { return 2 * v + 1; }); }};
                   }});
  cases.push_back({"reduce", "sum of n floats (the fixed order: the same bits for any ranks)", std::size_t(1) << 24, true,
                   [](const comm& c, const lanes::cpu& ex, std::size_t n) {
                     auto x = filled<float>(c, n, value_at);
                     return calls{[=] { sink = lanes::dist::reduce(ex, *x, 0.0f); }};
                   },
                   [](const lanes::cpu& ex, std::size_t n) {
                     auto x = whole<float>(n, value_at);
                     return calls{[=] { sink = lanes::reduce(ex, cview(x), 0.0f); }};
                   }});
  cases.push_back({"dot", "dot of n floats (double accumulator)", std::size_t(1) << 24, true,
                   [](const comm& c, const lanes::cpu& ex, std::size_t n) {
                     auto x = filled<float>(c, n, value_at), y = filled<float>(c, n, value_at);
                     return calls{[=] { sink = lanes::dist::dot(ex, *x, *y); }};
                   },
                   [](const lanes::cpu& ex, std::size_t n) {
                     auto x = whole<float>(n, value_at), y = whole<float>(n, value_at);
                     return calls{[=] { sink = lanes::kernels::dot(ex, cview(x), cview(y)); }};
                   }});
  cases.push_back({"inclusive_scan", "n uint32", std::size_t(1) << 24, true,
                   [](const comm& c, const lanes::cpu& ex, std::size_t n) {
                     auto x = filled<std::uint32_t>(c, n, key_at), y = filled<std::uint32_t>(c, n, key_at);
                     return calls{[=] { lanes::dist::inclusive_scan(ex, *x, *y); }};
                   },
                   [](const lanes::cpu& ex, std::size_t n) {
                     auto x = whole<std::uint32_t>(n, key_at), y = whole<std::uint32_t>(n, key_at);
                     return calls{[=] { lanes::inclusive_scan(ex, cview(x), view(y)); }};
                   }});
  cases.push_back({"histogram", "256 bins of n floats", std::size_t(1) << 24, true,
                   [](const comm& c, const lanes::cpu& ex, std::size_t n) {
                     auto x = filled<float>(c, n, value_at);
                     auto bins = std::make_shared<std::vector<std::uint64_t>>(256);
                     return calls{[=] { lanes::dist::histogram(ex, *x, -0.5, 0.5, view(bins)); }};
                   },
                   [](const lanes::cpu& ex, std::size_t n) {
                     auto x = whole<float>(n, value_at);
                     auto bins = std::make_shared<std::vector<std::uint64_t>>(256);
                     return calls{[=] { lanes::histogram(ex, cview(x), -0.5, 0.5, view(bins)); }};
                   }});
  cases.push_back({"sort", "n uint32 keys (sample sort over the ranks; radix sort in one)", std::size_t(1) << 24, true,
                   [](const comm& c, const lanes::cpu& ex, std::size_t n) {
                     auto keys = filled<std::uint32_t>(c, n, key_at), from = filled<std::uint32_t>(c, n, key_at);
                     return calls{[=] { lanes::dist::sort(ex, *keys); },
                                  [=] { std::copy(from->local().begin(), from->local().end(), keys->local().begin()); }};
                   },
                   [](const lanes::cpu& ex, std::size_t n) {
                     auto keys = whole<std::uint32_t>(n, key_at), from = whole<std::uint32_t>(n, key_at);
                     return calls{[=] { lanes::sort(ex, view(keys)); }, [=] { *keys = *from; }};
                   }});
  cases.push_back({"stencil2d", "5 Jacobi steps, n rows of 2048 floats (halo rows traded per step)", 2048, true,
                   [](const comm& c, const lanes::cpu& ex, std::size_t n) {
                     auto grid = filled<float>(c, n * grid_cols, value_at, grid_cols),
                          scratch = filled<float>(c, n * grid_cols, value_at, grid_cols);
                     return calls{[=] { lanes::dist::stencil2d(ex, stencil_steps, *grid, *scratch); }};
                   },
                   [](const lanes::cpu& ex, std::size_t n) {
                     auto grid = whole<float>(n * grid_cols, value_at), scratch = whole<float>(n * grid_cols, value_at);
                     return calls{[=] { lanes::kernels::stencil2d(ex, n, grid_cols, stencil_steps, view(grid), view(scratch)); }};
                   }});
  cases.push_back({"spmv_csr", "5-point Laplacian, n grid rows of 1024 (a matrix made once; its halo of x sent per product)", 1024, true,
                   [](const comm& c, const lanes::cpu& ex, std::size_t n) {
                     const std::size_t rows = n * laplacian_cols;
                     auto x = filled<float>(c, rows, value_at), y = filled<float>(c, rows, value_at);
                     auto a = std::make_shared<laplacian_rows>(y->offset(), y->offset() + y->local_size(), laplacian_cols, rows);
                     auto m = std::make_shared<lanes::dist::csr_matrix<float>>(lanes::dist::csr_matrix<float>::checked(
                         ex, c, rows, rows, lanes::span<const std::uint64_t>(a->offsets),
                         lanes::span<const std::uint32_t>(a->columns), lanes::span<const float>(a->values)));
                     return calls{[ex, m, x, y, a] { lanes::dist::spmv_csr(ex, *m, *x, *y); }};  // m views a
                   },
                   [](const lanes::cpu& ex, std::size_t n) {
                     const std::size_t rows = n * laplacian_cols;
                     auto x = whole<float>(rows, value_at), y = whole<float>(rows, value_at);
                     auto a = std::make_shared<laplacian_rows>(0, rows, laplacian_cols, rows);
                     auto m = lanes::kernels::csr_matrix<float>::checked(
                         ex, rows, rows, lanes::span<const std::uint64_t>(a->offsets),
                         lanes::span<const std::uint32_t>(a->columns), lanes::span<const float>(a->values));
                     return calls{[ex, m, x, y, a] { lanes::kernels::spmv_csr(ex, m, cview(x), view(y)); }};  // m views a
                   }});
  cases.push_back({"gemv", "y = A x, n rows of 4096 floats (row blocks)", 4096, true,
                   [](const comm& c, const lanes::cpu& ex, std::size_t n) {
                     auto y = filled<float>(c, n, value_at);
                     auto a = std::make_shared<std::vector<float>>(y->local_size() * gemv_cols);
                     for (std::size_t i = 0; i < a->size(); ++i) (*a)[i] = value_at(y->offset() * gemv_cols + i);
                     auto x = whole<float>(gemv_cols, value_at);
                     return calls{[=] { lanes::dist::gemv(ex, gemv_cols, 1.0f, cview(a), cview(x), 0.0f, *y); }};
                   },
                   [](const lanes::cpu& ex, std::size_t n) {
                     auto a = whole<float>(n * gemv_cols, value_at), x = whole<float>(gemv_cols, value_at),
                          y = whole<float>(n, value_at);
                     return calls{[=] { lanes::kernels::gemv(ex, n, gemv_cols, 1.0f, cview(a), cview(x), 0.0f, view(y)); }};
                   }});
  cases.push_back({"distance_matrix", "n 3-D points, n x n floats out (row blocks)", 4096, false,
                   [](const comm& c, const lanes::cpu& ex, std::size_t n) {
                     auto points = filled<float>(c, n * 3, value_at, 3);
                     auto out = std::make_shared<darray<float>>(c, n * n, std::max<std::size_t>(n, 1));
                     return calls{[=] { lanes::dist::distance_matrix(ex, *points, *out); }};
                   },
                   [](const lanes::cpu& ex, std::size_t n) {
                     auto points = whole<float>(n * 3, value_at), out = whole<float>(n * n, value_at);
                     return calls{[=] { lanes::kernels::distance_matrix(ex, n, 3, cview(points), view(out)); }};
                   }});
  cases.push_back({"monte_carlo_pi", "n Philox samples (draws split by rank)", std::size_t(1) << 26, true,
                   [](const comm& c, const lanes::cpu& ex, std::size_t n) {
                     return calls{[=] { sink = lanes::dist::monte_carlo_pi(ex, c, n, 42); }};
                   },
                   [](const lanes::cpu& ex, std::size_t n) {
                     return calls{[=] { sink = lanes::kernels::monte_carlo_pi(ex, n, 42); }};
                   }});
  cases.push_back({"count_primes", "primes below n (ranges cut at equal work)", std::size_t(1) << 22, false,
                   [](const comm& c, const lanes::cpu& ex, std::size_t n) {
                     return calls{[=] { sink = double(lanes::dist::count_primes(ex, c, 0, n)); }};
                   },
                   [](const lanes::cpu& ex, std::size_t n) {
                     return calls{[=] { sink = double(lanes::kernels::count_primes(ex, 0, n)); }};
                   }});
  return cases;
}

// A barrier over `c` that sleeps between polls: a waiting rank takes no core.
void idle_barrier(MPI_Comm c) {
  MPI_Request request;
  MPI_Ibarrier(c, &request);
  for (int done = 0; MPI_Test(&request, &done, MPI_STATUS_IGNORE), !done;) usleep(200);
}

double median_of(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t m = v.size();
  return m % 2 ? v[m / 2] : (v[m / 2 - 1] + v[m / 2]) / 2;
}

struct spread {
  double median_s = 0, min_s = 0, max_s = 0;
};

// `repeats` timed calls after a warm-up one; each call's time is the slowest rank's.
spread time_calls(const calls& c, std::size_t repeats, MPI_Comm group) {
  std::vector<double> seconds;
  for (std::size_t r = 0; r <= repeats; ++r) {
    if (c.prepare) c.prepare();
    MPI_Barrier(group);
    const double start = MPI_Wtime();
    c.run();
    double mine = MPI_Wtime() - start, slowest = 0;
    MPI_Allreduce(&mine, &slowest, 1, MPI_DOUBLE, MPI_MAX, group);
    if (r > 0) seconds.push_back(slowest);  // r = 0: the warm-up
  }
  return {median_of(seconds), *std::min_element(seconds.begin(), seconds.end()),
          *std::max_element(seconds.begin(), seconds.end())};
}

struct dist_row {
  std::string kernel, scaling;
  int ranks = 0;
  std::size_t n = 0;
  spread t;
  std::optional<double> vs_one_process, efficiency;
  std::string note;
};

int cpus_of_this_process() {
  cpu_set_t set;
  return sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : int(std::thread::hardware_concurrency());
}

}  // namespace

int run_mpi(int argc, char** argv, const mpi_options& o) {
  lanes::dist::environment mpi(&argc, &argv);
  const comm world;
  const int p = world.size(), me = world.rank();
  const bool root = me == 0;
  auto cases = dist_cases();
  if (o.list) {
    if (root)
      for (const auto& k : cases) std::printf("%-16s %s (default n = %zu)\n", k.name, k.what, k.default_n);
    return 0;
  }
  for (const auto& name : o.kernels)
    if (std::none_of(cases.begin(), cases.end(), [&](const dist_case& k) { return name == k.name; })) {
      if (root) std::cerr << "lanes-bench --mpi: unknown kernel \"" << name << "\" (--list shows them)\n";
      return 2;
    }
  // Each rank's executor: cpu:T, T = the threads asked for, or this node's cores shared
  // among its ranks.
  MPI_Comm node;
  MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, me, MPI_INFO_NULL, &node);
  int ranks_here = 1, node_leader = 0, nodes = 0;
  MPI_Comm_size(node, &ranks_here);
  MPI_Comm_rank(node, &node_leader);
  node_leader = node_leader == 0;
  MPI_Allreduce(&node_leader, &nodes, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
  MPI_Comm_free(&node);
  const int cores = int(std::thread::hardware_concurrency());
  const int threads = o.rank_threads > 0 ? o.rank_threads : std::max(1, cores / ranks_here);
  const lanes::cpu ex(threads), one_process;
  const int root_cpus = cpus_of_this_process();
  std::string context = std::to_string(p) + " ranks on " + std::to_string(nodes) + " node(s), each on cpu:" +
                        std::to_string(threads) + "; one process: rank 0 on cpu, " + std::to_string(root_cpus) +
                        " of " + std::to_string(cores) + " cpus";
  if (root) {
    std::fprintf(stderr, "lanes-bench --mpi: %s\n", context.c_str());
    if (root_cpus < cores)
      std::fprintf(stderr, "note: mpirun bound rank 0 to %d of %d cpus, so the one-process figure uses %d; "
                           "`mpirun --bind-to none` lets it use all\n", root_cpus, cores, root_cpus);
  }
  std::vector<int> rank_counts;
  for (int k = 1; k < p; k *= 2) rank_counts.push_back(k);
  rank_counts.push_back(p);

  std::vector<dist_row> rows;
  std::size_t step = 0, steps = 0;
  for (const auto& k : cases)
    if (o.kernels.empty() || std::count(o.kernels.begin(), o.kernels.end(), k.name))
      steps += rank_counts.size() * (k.linear ? 2 : 1) + 1;
  const double start = MPI_Wtime();
  for (const auto& k : cases) {
    if (!o.kernels.empty() && !std::count(o.kernels.begin(), o.kernels.end(), k.name)) continue;
    const std::size_t n = o.size ? o.size : k.default_n;
    auto progress = [&](const std::string& what) {
      ++step;
      if (!root) return;
      const double done = MPI_Wtime() - start;
      std::fprintf(stderr, "[%zu/%zu] %s %s (%.0f s so far)\n", step, steps, k.name, what.c_str(), done);
    };
    // The single-process figure: rank 0 alone, every thread; the others wait idle.
    progress("one process");
    spread single;
    if (root) single = time_calls(k.one_process(one_process, n), o.repeat, MPI_COMM_SELF);
    idle_barrier(MPI_COMM_WORLD);
    for (const char* scaling : {"strong", "weak"}) {
      const bool weak = std::string(scaling) == "weak";
      if (weak && !k.linear) continue;
      spread one_rank;
      for (int ranks : rank_counts) {
        progress(std::string(scaling) + " on " + std::to_string(ranks) + " rank(s)");
        MPI_Comm group;
        MPI_Comm_split(MPI_COMM_WORLD, me < ranks ? 0 : MPI_UNDEFINED, me, &group);
        const std::size_t global_n = weak ? n * std::size_t(ranks) : n;
        spread t;
        if (group != MPI_COMM_NULL) {
          t = time_calls(k.on_ranks(comm(group), ex, global_n), o.repeat, group);
          MPI_Comm_free(&group);
        }
        idle_barrier(MPI_COMM_WORLD);
        if (!root) continue;
        if (ranks == 1) one_rank = t;
        dist_row r{k.name, scaling, ranks, global_n, t, {}, {}, {}};
        if (!weak) r.vs_one_process = single.median_s / t.median_s;
        r.efficiency = one_rank.median_s / t.median_s / (weak ? 1.0 : double(ranks));
        rows.push_back(r);
      }
    }
  }
  if (!root) return 0;
  std::printf("lanes-bench --mpi | %s | medians of %zu\n", context.c_str(), o.repeat);
  std::printf("%-16s %-7s %5s %12s %10s %10s %10s %9s %10s\n", "kernel", "scaling", "ranks", "n", "median", "min",
              "max", "vs_1proc", "efficiency");
  for (const auto& r : rows)
    std::printf("%-16s %-7s %5d %12zu %10s %10s %10s %9s %10s\n", r.kernel.c_str(), r.scaling.c_str(), r.ranks, r.n,
                human_time(r.t.median_s).c_str(), human_time(r.t.min_s).c_str(), human_time(r.t.max_s).c_str(),
                fixed(r.vs_one_process, 2).c_str(), fixed(r.efficiency, 2).c_str());
  std::printf("vs_1proc: the one-process time (rank 0 on cpu, every thread) / this time, at the same n (strong).\n"
              "efficiency: strong t(1 rank) / (ranks t(ranks)); weak t(1 rank, n) / t(ranks, ranks n).\n");
  if (!o.json.empty()) {
    std::ofstream out(o.json);
    out << "{\"lanes_version\": " << json_string(lanes::version()) << ",\n \"mpi\": {\"ranks\": " << p
        << ", \"nodes\": " << nodes << ", \"threads_per_rank\": " << threads << ", \"one_process_cpus\": " << root_cpus
        << ", \"cpus\": " << cores << "},\n \"results\": [";
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto& r = rows[i];
      out << (i ? ",\n  " : "\n  ") << "{\"kernel\": " << json_string(r.kernel) << ", \"scaling\": "
          << json_string(r.scaling) << ", \"ranks\": " << r.ranks << ", \"n\": " << r.n << ", \"repeats\": " << o.repeat
          << ", \"median_s\": " << json_number(r.t.median_s) << ", \"min_s\": " << json_number(r.t.min_s)
          << ", \"max_s\": " << json_number(r.t.max_s) << ", \"vs_one_process\": " << json_number(r.vs_one_process)
          << ", \"efficiency\": " << json_number(r.efficiency) << "}";
    }
    out << "\n ]}\n";
    if (!out) {
      std::cerr << "lanes-bench: could not write " << o.json << "\n";
      return 1;
    }
  }
  return 0;
}

}  // namespace lanes_bench
