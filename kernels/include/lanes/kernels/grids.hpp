// Kernels over 2D grids and images, row-major: the Jacobi heat step (stencil2d), 3x3 and
// 5x5 filters with clamped edges (conv2d), RGB to luminance (grayscale), and global and
// adaptive-mean thresholds. Each body is one LANES_HD function of a grid point.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>

#include "lanes/detail/checks.hpp"
#include "lanes/for_each.hpp"
#include "lanes/kernels/detail/group.hpp"
#include "lanes/span.hpp"

namespace lanes::kernels {
namespace detail {

LANES_HD inline std::size_t clamp_index(std::ptrdiff_t i, std::size_t n) {
  return i < 0 ? 0 : std::size_t(i) >= n ? n - 1 : std::size_t(i);
}

// The Jacobi update of a cell from its four neighbours.
template <class T>
LANES_HD inline T jacobi_mean(T up, T down, T left, T right) {
  return T(0.25) * ((up + down) + (left + right));
}

// One Jacobi step at (i, j): the mean of the four neighbours inside, the old value on the
// boundary (held fixed). On an inner row all four neighbours exist in memory, even for the
// first and last column (the rows around wrap), so their loads are unconditional and the
// row's loop vectorises; the column test only picks the result.
template <class T>
struct jacobi_point {
  std::size_t rows, cols;
  const T* in;
  T* out;
  LANES_HD void operator()(std::size_t i, std::size_t j) const {
    const std::size_t c = i * cols + j;
    if (i == 0 || i + 1 == rows) {
      out[c] = in[c];
      return;
    }
    const T mean = jacobi_mean(in[c - cols], in[c + cols], in[c - 1], in[c + 1]);
    out[c] = j == 0 || j + 1 == cols ? in[c] : mean;
  }
};

// `steps` Jacobi steps in one sweep over memory, in place (temporal blocking): the grid's
// rows in bands; a band sweeps its rows once, and each row, once loaded, is carried through
// every step while it is in cache (a ring of the 3 latest rows per step), so memory sees
// each cell read and written once per sweep instead of once per step. A band also computes
// the rows its edge rows depend on (steps - 1 extra rows each side at the first step, one
// fewer at each next); the rows just outside it are saved first (save_edges), since the
// neighbouring band overwrites them.
template <class T>
struct jacobi_sweep {
  std::size_t rows, cols, band_rows, steps;
  T* grid;
  T* work;  // per band, 5 * steps rows: 2 * steps saved rows, then 3-row rings for steps 0 to steps - 1

  static constexpr std::size_t work_rows_per_band(std::size_t steps) { return 5 * steps; }
  T* band_work(std::size_t b) const { return work + b * work_rows_per_band(steps) * cols; }
  std::size_t first(std::size_t b) const { return b * band_rows; }
  std::size_t last(std::size_t b) const { return first(b) + band_rows < rows ? first(b) + band_rows : rows; }
  // The rows step k (0: the grid as it is) must produce for band b: k fewer than the band's
  // own rows widened by `steps` on each side, within the grid.
  std::size_t low(std::size_t b, std::size_t k) const { return first(b) > steps - k ? first(b) - (steps - k) : 0; }
  std::size_t high(std::size_t b, std::size_t k) const { return last(b) + (steps - k) < rows ? last(b) + (steps - k) : rows; }
  // Saved row i (outside band b): the rows above the band first, then those below.
  T* saved(std::size_t b, std::size_t i) const {
    const std::size_t slot = i < first(b) ? i + steps - first(b) : steps + (i - last(b));
    return band_work(b) + slot * cols;
  }

  // One Jacobi step of a whole row from the rows above, at and below it, wherever each
  // lies. first_or_last: a boundary row, copied.
  LANES_AVX2_CLONES static void step_row(const T* up, const T* mid, const T* down, T* out, std::size_t cols,
                                         bool first_or_last) {
    if (first_or_last || cols < 3) {
      for (std::size_t j = 0; j < cols; ++j) out[j] = mid[j];
      return;
    }
    out[0] = mid[0];
    for (std::size_t j = 1; j + 1 < cols; ++j) out[j] = jacobi_mean(up[j], down[j], mid[j - 1], mid[j + 1]);
    out[cols - 1] = mid[cols - 1];
  }

  void save_edges(std::size_t b) const {
    for (std::size_t i = low(b, 0); i < high(b, 0); ++i)
      if (i < first(b) || i >= last(b)) std::copy(grid + i * cols, grid + (i + 1) * cols, saved(b, i));
  }

  void operator()(std::size_t b) const {
    // ring(k, i): row i after step k (0 < k < steps), in cache; step `steps` writes the grid.
    auto ring = [&](std::size_t k, std::size_t i) { return band_work(b) + (2 * steps + 3 * k + i % 3) * cols; };
    const std::size_t begin = low(b, 0), end = high(b, 0);
    const T* start[3] = {};  // the latest 3 rows as they were, read in place (or from ring 0)
    for (std::size_t t = begin; t < end + steps; ++t) {
      if (t < end) {
        const T* row = t < first(b) || t >= last(b) ? saved(b, t) : grid + t * cols;
        if (steps == 1) {  // one step writes row t - 1 back while row t's step still reads it: copy
          std::copy(row, row + cols, ring(0, t));
          row = ring(0, t);
        }
        start[t % 3] = row;
      }
      for (std::size_t k = 1; k <= steps; ++k) {  // step k's row t - k: its rows below are ready
        if (t < k || t - k < low(b, k) || t - k >= high(b, k)) continue;
        const std::size_t i = t - k;
        const bool edge = i == 0 || i + 1 == rows;
        T* out = k == steps ? grid + i * cols : ring(k, i);
        auto before = [&](std::size_t r) -> const T* { return k == 1 ? start[r % 3] : ring(k - 1, r); };
        step_row(edge ? nullptr : before(i - 1), before(i), edge ? nullptr : before(i + 1), out, cols, edge);
      }
    }
  }
};

// stencil2d on the CPU: sweeps of as many steps as keep their rings of rows (3 rows per
// step) within 512 KiB (a core's L2 cache on current x86 server cores), at most 8, in bands
// of about 128 rows (the edge rows a band recomputes are then a few percent of its work),
// thinner where that leaves fewer than 4 bands per worker, and fewer bands where scratch
// cannot hold each one's work rows. false: fewer than 5 rows (no room for one band's work
// rows) or no columns; the caller then runs one step at a time.
template <class Ex, class T>
bool stencil2d_sweeps(const Ex& ex, std::size_t rows, std::size_t cols, long steps, T* grid, T* scratch) {
  constexpr std::size_t cache_bytes = 512 * 1024, band_rows = 128, most_steps = 8;
  using sweep = jacobi_sweep<T>;
  if (cols == 0 || rows < sweep::work_rows_per_band(1)) return false;
  const std::size_t fitting = cache_bytes / (3 * cols * sizeof(T));
  const std::size_t fused = std::max<std::size_t>(1, std::min({fitting, most_steps, rows / sweep::work_rows_per_band(1)}));
  const std::size_t workers = lanes::detail::backend<Ex>::concurrency(ex);
  const std::size_t wanted = std::max(lanes::detail::ceil_div(rows, band_rows), 4 * workers);
  for (long done = 0; done < steps;) {
    const std::size_t n = std::min<std::size_t>(fused, std::size_t(steps - done));
    const std::size_t bands = std::min(wanted, rows / sweep::work_rows_per_band(n));
    const sweep s{rows, cols, lanes::detail::ceil_div(rows, bands), n, grid, scratch};
    const std::size_t count = lanes::detail::ceil_div(rows, s.band_rows);
    for_each_heavy_index(ex, count, [s](std::size_t b) { s.save_edges(b); });
    for_each_heavy_index(ex, count, s);
    done += long(n);
  }
  return true;
}

// Output pixels of a (2R + 1)^2 filter, the taps in row-major order. R is a constant so
// the tap loops unroll. Both forms sum in the same order, so they give the same bits.
template <class T, int R>
struct filter_point {
  std::size_t rows, cols;
  const T* image;
  const T* taps;
  T* out;
  // (i, j) whose window lies inside the image: plain loads at fixed offsets, so a row of
  // such pixels vectorises.
  LANES_HD void inside(std::size_t i, std::size_t j) const {
    constexpr int width = 2 * R + 1;
    const T* corner = image + (i - R) * cols + (j - R);
    T sum = 0;
    for (int a = 0; a < width; ++a)
      for (int b = 0; b < width; ++b) sum += taps[a * width + b] * corner[std::size_t(a) * cols + std::size_t(b)];
    out[i * cols + j] = sum;
  }
  // Any (i, j): the window's rows and columns clamped to the image.
  LANES_HD void clamped(std::size_t i, std::size_t j) const {
    constexpr int width = 2 * R + 1;
    const auto si = std::ptrdiff_t(i), sj = std::ptrdiff_t(j);
    T sum = 0;
    for (int a = 0; a < width; ++a) {
      const T* row = image + clamp_index(si + a - R, rows) * cols;
      for (int b = 0; b < width; ++b) sum += taps[a * width + b] * row[clamp_index(sj + b - R, cols)];
    }
    out[i * cols + j] = sum;
  }
};

// The image's interior in pieces of W pixels of a row (items_per_index), index ->
// pixels (i + R, j + R) for j in the piece: on the CPU the piece's loop is an AVX2 clone
// (8 floats at a time; 1.5x faster than the baseline loop here), without FMA, so the bits
// stay.
template <class T, int R, std::size_t W>
struct filter_inside_piece {
  filter_point<T, R> f;
  std::size_t width, pieces_per_row;  // the interior's width
  LANES_HD LANES_AVX2_CLONES void operator()(std::size_t index) const {
    const std::size_t i = index / pieces_per_row, j0 = index % pieces_per_row * W;
    const std::size_t end = width - j0 < W ? width : j0 + W;
    for (std::size_t j = j0; j < end; ++j) f.inside(i + R, j + R);
  }
};

// A strip along the edge whose corner is pixel (i0, j0).
template <class T, int R>
struct filter_edge {
  filter_point<T, R> f;
  std::size_t i0, j0;
  LANES_HD void operator()(std::size_t i, std::size_t j) const { f.clamped(i0 + i, j0 + j); }
};

// The interior in one pass, then the four edge strips (R pixels wide) with clamping.
template <class Ex, class T, int R>
void filter_image(const Ex& ex, const filter_point<T, R>& f) {
  const std::size_t rows = f.rows, cols = f.cols, r = R;
  if (rows <= 2 * r || cols <= 2 * r) {  // no interior
    for_each_index(ex, rows, cols, filter_edge<T, R>{f, 0, 0});
    return;
  }
  constexpr std::size_t piece = items_per_index<Ex>::of(256);
  const std::size_t width = cols - 2 * r, pieces_per_row = lanes::detail::ceil_div(width, piece);
  for_each_heavy_index(ex, (rows - 2 * r) * pieces_per_row, filter_inside_piece<T, R, piece>{f, width, pieces_per_row});
  for_each_index(ex, r, cols, filter_edge<T, R>{f, 0, 0});                  // top rows
  for_each_index(ex, r, cols, filter_edge<T, R>{f, rows - r, 0});           // bottom rows
  for_each_index(ex, rows - 2 * r, r, filter_edge<T, R>{f, r, 0});          // left columns
  for_each_index(ex, rows - 2 * r, r, filter_edge<T, R>{f, r, cols - r});   // right columns
}

}  // namespace detail

// `steps` Jacobi heat steps on a rows x cols grid with a fixed boundary; the result is in
// grid. scratch (same size) is workspace, its contents afterwards unspecified. On the CPU
// several steps share one sweep over memory (stencil2d_sweeps); on the GPU, one step a launch.
template <class Ex, class T>
void stencil2d(const Ex& ex, std::size_t rows, std::size_t cols, long steps, span<T> grid, span<T> scratch) {
  lanes::detail::check_shape(grid, rows, cols, "stencil2d", "grid", "rows * cols");
  lanes::detail::check_shape(scratch, rows, cols, "stencil2d", "scratch", "rows * cols");
  lanes::detail::check_disjoint(grid, scratch, "stencil2d", "grid", "scratch");
  if (steps < 0) lanes::detail::fail("stencil2d: steps = ", steps, " is negative");
  if constexpr (detail::reuses_cache<Ex>::value) {
    if (detail::stencil2d_sweeps(ex, rows, cols, steps, grid.data(), scratch.data())) return;
  }
  T* from = grid.data();
  T* to = scratch.data();
  for (long s = 0; s < steps; ++s) {
    for_each_index(ex, rows, cols, detail::jacobi_point<T>{rows, cols, from, to});
    std::swap(from, to);
  }
  if (from != grid.data()) for_each_index(ex, rows * cols, [=] LANES_HD(std::size_t i) { grid[i] = from[i]; });
}

// out = image filtered by a size x size filter (size 3 or 5, row-major taps), edges
// clamped: out(i, j) = sum over (a, b) of filter(a, b) * image(clamp(i + a - r), clamp(j + b - r)).
template <class Ex, class T>
void conv2d(const Ex& ex, std::size_t rows, std::size_t cols, span<const T> image, std::size_t size,
            span<const T> filter, span<T> out) {
  if (size != 3 && size != 5) lanes::detail::fail("conv2d: the filter size is ", size, "; it must be 3 or 5");
  lanes::detail::check_shape(image, rows, cols, "conv2d", "image", "rows * cols");
  lanes::detail::check_shape(filter, size, size, "conv2d", "filter", "size * size");
  lanes::detail::check_shape(out, rows, cols, "conv2d", "out", "rows * cols");
  lanes::detail::check_disjoint(image, out, "conv2d", "image", "out");
  lanes::detail::check_disjoint(filter, out, "conv2d", "filter", "out");
  if (size == 3)
    detail::filter_image(ex, detail::filter_point<T, 1>{rows, cols, image.data(), filter.data(), out.data()});
  else
    detail::filter_image(ex, detail::filter_point<T, 2>{rows, cols, image.data(), filter.data(), out.data()});
}

namespace detail {
// Pixels to luminance, G per index: loading every third byte vectorises only with byte
// shuffles (SSSE3, AVX2), hence the AVX2 clone (3x faster than the baseline loop here).
template <class T, std::size_t G>
struct grayscale_group {
  const std::uint8_t* rgb;
  T* out;
  std::size_t n;
  LANES_HD LANES_AVX2_CLONES void operator()(std::size_t g) const {
    const std::size_t first = g * G, count = n - first < G ? n - first : G;
    const std::uint8_t* in = rgb + 3 * first;
    T* to = out + first;
    for (std::size_t p = 0; p < count; ++p)
      to[p] = T(0.299) * T(in[3 * p]) + T(0.587) * T(in[3 * p + 1]) + T(0.114) * T(in[3 * p + 2]);
  }
};
}  // namespace detail

// Luminance of RGB bytes (ITU-R BT.601): out[i] = 0.299 R + 0.587 G + 0.114 B, in [0, 255].
template <class Ex, class T>
void grayscale(const Ex& ex, span<const std::uint8_t> rgb, span<T> out) {
  lanes::detail::check_shape(rgb, out.size(), 3, "grayscale", "rgb", "3 * pixels");
  lanes::detail::check_data(out, "grayscale", "out");
  constexpr std::size_t group = detail::items_per_index<Ex>::of(256);
  for_each_index(ex, lanes::detail::ceil_div(out.size(), group),
                 detail::grayscale_group<T, group>{rgb.data(), out.data(), out.size()});
}

// mask[i] = 255 where image[i] > level, else 0.
template <class Ex, class T>
void threshold(const Ex& ex, span<const T> image, T level, span<std::uint8_t> mask) {
  lanes::detail::check_data(image, "threshold", "image");
  lanes::detail::check_data(mask, "threshold", "mask");
  lanes::detail::check_same_size(image, mask, "threshold", "image", "mask");
  for_each_index(ex, image.size(), [=] LANES_HD(std::size_t i) { mask[i] = image[i] > level ? 255 : 0; });
}

namespace detail {
// The adaptive threshold of a piece of W pixels of row i. The window sum of a pixel is
// the sum, left to right, of its window's column sums, each summed top to bottom: the
// piece sums its W + block - 1 columns once, so a pixel costs 2 block additions, not
// block^2, and both loops run along the row (vectorised, in the AVX2 clone 8 floats at a
// time). On cuda W is 1 and each thread sums its own columns, in the same order.
template <class T, std::size_t W>
struct adaptive_threshold_piece {
  static constexpr std::size_t max_block = 255;
  std::size_t rows, cols, pieces_per_row, block;
  T area, c;
  const T* image;
  std::uint8_t* mask;
  LANES_HD LANES_AVX2_CLONES void operator()(std::size_t index) const {
    const std::size_t i = index / pieces_per_row, j0 = index % pieces_per_row * W;
    const std::size_t width = cols - j0 < W ? cols - j0 : W, columns = width + block - 1;
    const std::ptrdiff_t r = std::ptrdiff_t(block / 2), left = std::ptrdiff_t(j0) - r;
    const bool inside = left >= 0 && j0 + width + std::size_t(r) <= cols;
    T column_sum[W + max_block - 1], sum[W];
    for (std::size_t t = 0; t < columns; ++t) column_sum[t] = 0;
    for (std::ptrdiff_t a = -r; a <= r; ++a) {
      const T* row = image + clamp_index(std::ptrdiff_t(i) + a, rows) * cols;
      if (inside)
        for (std::size_t t = 0; t < columns; ++t) column_sum[t] += row[std::size_t(left) + t];
      else
        for (std::size_t t = 0; t < columns; ++t) column_sum[t] += row[clamp_index(left + std::ptrdiff_t(t), cols)];
    }
    for (std::size_t p = 0; p < width; ++p) sum[p] = 0;
    for (std::size_t b = 0; b < block; ++b)
      for (std::size_t p = 0; p < width; ++p) sum[p] += column_sum[p + b];
    const T* pixel = image + i * cols + j0;
    std::uint8_t* to = mask + i * cols + j0;
    for (std::size_t p = 0; p < width; ++p) to[p] = pixel[p] > sum[p] / area - c ? 255 : 0;
  }
};
}  // namespace detail

// Adaptive threshold: mask = 255 where a pixel exceeds the mean of the block x block window
// centred on it (edges clamped, block odd) minus c, else 0. The window is summed in T,
// column by column: the sum, left to right, of each column's sum, top to bottom.
template <class Ex, class T>
void adaptive_threshold(const Ex& ex, std::size_t rows, std::size_t cols, span<const T> image, std::size_t block, T c,
                        span<std::uint8_t> mask) {
  constexpr std::size_t width = detail::items_per_index<Ex>::of(256);
  using piece = detail::adaptive_threshold_piece<T, width>;
  if (block % 2 == 0 || block < 3 || block > piece::max_block)
    lanes::detail::fail("adaptive_threshold: block = ", block, "; it must be odd, from 3 to ", piece::max_block);
  lanes::detail::check_shape(image, rows, cols, "adaptive_threshold", "image", "rows * cols");
  lanes::detail::check_shape(mask, rows, cols, "adaptive_threshold", "mask", "rows * cols");
  const std::size_t pieces_per_row = lanes::detail::ceil_div(cols, width);
  for_each_heavy_index(ex, rows * pieces_per_row,
                       piece{rows, cols, pieces_per_row, block, T(block * block), c, image.data(), mask.data()});
}

}  // namespace lanes::kernels
