// SPDX-License-Identifier: Apache-2.0
// Kernels over 2D grids and images, row-major: the Jacobi heat step (stencil2d), 3x3 and
// 5x5 filters with clamped edges (conv2d), RGB to luminance (grayscale), and global and
// adaptive-mean thresholds. Each body is one LANES_HD function of a grid point.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

#include "lanes/detail/checks.hpp"
#include "lanes/detail/ranges.hpp"
#include "lanes/for_each.hpp"
#include "lanes/kernels/impl/grayscale_x86.hpp"
#include "lanes/kernels/impl/group.hpp"
#include "lanes/span.hpp"

namespace lanes::kernels {
namespace impl {

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

// `steps` Jacobi steps in one sweep over memory, in place (temporal blocking): the grid in
// tiles, bands of rows times strips of columns; a tile sweeps its band's rows once, and each
// row, once loaded, is carried through every step while it is in cache (a ring of the 3
// latest rows per step), so memory sees each cell read and written once per sweep instead of
// once per step. A tile also computes the cells its edge cells depend on (at the first step,
// steps - 1 extra rows and columns each side, one fewer at each next); the cells just outside
// it are saved first (save_edges), since the neighbouring tiles overwrite them. A grid whose
// rows fit in cache runs in one strip, its rows read in place; wider grids run in strips, so
// any width gets the same steps per sweep.
template <class T>
struct jacobi_sweep {
  // Rows of work a tile needs per step: 2 saved rows (one above its band, one below) and 3
  // ring rows.
  static constexpr std::size_t work_rows(std::size_t steps) { return 5 * steps; }

  jacobi_sweep(std::size_t grid_rows, std::size_t grid_cols, std::size_t band, std::size_t strip, std::size_t fused,
               T* grid_data, T* work_data)
      : rows(grid_rows), cols(grid_cols), band_rows(band), strip_cols(strip), steps(fused),
        strips(detail::ceil_div(cols, strip_cols)),
        span(strips == 1 ? cols : std::min(cols, strip_cols + 2 * steps)),
        side_width(strips == 1 ? 0 : 2 * steps),
        work_per_tile(work_rows(steps) * span + band_rows * side_width),
        grid(grid_data),
        work(work_data) {}

  std::size_t rows, cols, band_rows, strip_cols, steps, strips;
  std::size_t span;        // a tile's row: the columns its first step reads, its strip widened by `steps` each side
  std::size_t side_width;  // per band row, the `steps` columns each side of the strip (none for a single strip)
  std::size_t work_per_tile;  // work_rows(steps) rows, then the band's side columns
  T* grid;
  T* work;

  std::size_t tiles() const { return detail::ceil_div(rows, band_rows) * strips; }

  // Tile t: band t / strips (rows [first, last)) times strip t % strips (columns [left,
  // right)), worked out once per call: these are used for every row and step.
  struct tile {
    const jacobi_sweep& s;
    std::size_t first, last, left, right;
    T* work;
    // The rows step k (0: the grid as it is) must produce: k fewer than the band's rows
    // widened by `steps` on each side, within the grid; the columns the same way.
    std::size_t low(std::size_t k) const { return first > s.steps - k ? first - (s.steps - k) : 0; }
    std::size_t high(std::size_t k) const { return std::min(last + (s.steps - k), s.rows); }
    std::size_t col_low(std::size_t k) const { return left > s.steps - k ? left - (s.steps - k) : 0; }
    std::size_t col_high(std::size_t k) const { return std::min(right + (s.steps - k), s.cols); }
    bool in_band(std::size_t i) const { return i >= first && i < last; }
    // A tile's rows start at column col_low(0). Saved row i (outside the band): the rows
    // above the band first, then those below; ring(k, i): row i after step k, in cache (k =
    // 0: a row as read, where it must be copied); band row i's columns left and right of the
    // strip.
    T* saved(std::size_t i) const { return work + (i < first ? i + s.steps - first : s.steps + (i - last)) * s.span; }
    T* ring(std::size_t k, std::size_t i) const { return work + (2 * s.steps + 3 * k + i % 3) * s.span; }
    T* left_side(std::size_t i) const { return work + work_rows(s.steps) * s.span + (i - first) * s.side_width; }
    T* right_side(std::size_t i) const { return left_side(i) + s.steps; }
  };
  tile tile_at(std::size_t t) const {
    const std::size_t first = t / strips * band_rows, left = t % strips * strip_cols;
    return {*this, first, std::min(first + band_rows, rows), left, std::min(left + strip_cols, cols),
            work + t * work_per_tile};
  }

  // One Jacobi step of columns [j0, j1) of a row from the rows above, at and below it, each
  // pointing at its column j0 (mid holds columns j0 - 1 and j1 too, where they exist).
  // first_or_last: a boundary row, copied; columns 0 and cols - 1 are copied too.
  LANES_SIMD_CLONES static void step_row(const T* up, const T* mid, const T* down, T* out, std::size_t j0,
                                         std::size_t j1, std::size_t cols, bool first_or_last) {
    const std::size_t n = j1 - j0;
    std::size_t m = 0;
    if (!first_or_last) {
      const std::size_t inner_end = std::min(j1, cols - 1) - j0;
      if (j0 == 0) out[m++] = mid[0];
      for (; m < inner_end; ++m) out[m] = jacobi_mean(up[m], down[m], mid[m - 1], mid[m + 1]);
    }
    for (; m < n; ++m) out[m] = mid[m];
  }

  void save_edges(std::size_t t) const {
    const tile p = tile_at(t);
    const std::size_t from = p.col_low(0), to = p.col_high(0);
    for (std::size_t i = p.low(0); i < p.high(0); ++i) {
      const T* row = grid + i * cols;
      if (!p.in_band(i)) {
        std::copy(row + from, row + to, p.saved(i));
      } else if (side_width != 0) {
        std::copy(row + from, row + p.left, p.left_side(i));
        std::copy(row + p.right, row + to, p.right_side(i));
      }
    }
  }

  void operator()(std::size_t t) const {
    const tile p = tile_at(t);
    const std::size_t end = p.high(0), base = p.col_low(0);
    const T* start[3] = {};  // the latest 3 rows as they were, read in place or from ring 0
    for (std::size_t r = p.low(0); r < end + steps; ++r) {
      if (r < end) start[r % 3] = read_row(p, r);
      for (std::size_t k = 1; k <= steps; ++k) {  // step k's row r - k: its rows below are ready
        if (r < k || r - k < p.low(k) || r - k >= p.high(k)) continue;
        const std::size_t i = r - k, j0 = p.col_low(k), j1 = p.col_high(k);
        const bool edge = i == 0 || i + 1 == rows;
        T* out = k == steps ? grid + i * cols + j0 : p.ring(k, i) + (j0 - base);
        auto before = [&](std::size_t row) -> const T* {
          return (k == 1 ? start[row % 3] : p.ring(k - 1, row)) + (j0 - base);
        };
        step_row(edge ? nullptr : before(i - 1), before(i), edge ? nullptr : before(i + 1), out, j0, j1, cols, edge);
      }
    }
  }

  // Row r as it was, columns col_low(0) on. A band row of a single strip is read in place,
  // unless one step a sweep writes it back while the next row's step still reads it; a band
  // row of a strip is put together from the grid and the saved side columns.
  const T* read_row(const tile& p, std::size_t r) const {
    if (!p.in_band(r)) return p.saved(r);
    const T* row = grid + r * cols;
    if (side_width == 0 && steps > 1) return row;
    const std::size_t on_left = p.left - p.col_low(0), on_right = p.col_high(0) - p.right;
    T* copy = p.ring(0, r);
    std::copy(p.left_side(r), p.left_side(r) + on_left, copy);
    std::copy(row + p.left, row + p.right, copy + on_left);
    std::copy(p.right_side(r), p.right_side(r) + on_right, copy + on_left + (p.right - p.left));
    return copy;
  }
};

// The sweep for `steps` steps (work_rows(steps) <= rows): strips as wide as keep a tile's
// rings (3 rows per step) within cache_bytes, bands of about band_rows rows (thinner where that
// gives fewer than 4 tiles per worker), fewer bands where scratch cannot hold every tile's
// work, and one strip where it cannot even with one band.
template <class T>
jacobi_sweep<T> plan_sweep(std::size_t rows, std::size_t cols, std::size_t steps, std::size_t workers,
                           std::size_t cache_bytes, T* grid, T* scratch) {
  constexpr std::size_t band_rows = 128;
  const std::size_t ring_cols = cache_bytes / (3 * steps * sizeof(T));
  const std::size_t strip_cols = ring_cols >= cols ? cols : std::max(ring_cols, 3 * steps) - 2 * steps;
  const std::size_t strips = detail::ceil_div(cols, strip_cols);
  const std::size_t most_bands = rows / jacobi_sweep<T>::work_rows(steps);  // one strip: what scratch holds
  const std::size_t wanted = std::max(detail::ceil_div(rows, band_rows), detail::ceil_div(4 * workers, strips));
  auto with_bands = [&](std::size_t bands, std::size_t strip) {
    return jacobi_sweep<T>{rows, cols, detail::ceil_div(rows, bands), strip, steps, grid, scratch};
  };
  for (std::size_t bands = std::min(wanted, most_bands); bands > 0; --bands) {
    const auto s = with_bands(bands, strip_cols);
    if (s.tiles() * s.work_per_tile <= rows * cols) return s;
  }
  return with_bands(std::min(wanted, most_bands), cols);
}

// stencil2d on the CPU: sweeps of up to 8 steps (plan_sweep). cache_bytes: 512 KiB, a core's
// L2 cache on current x86 server cores (smaller in tests, to make narrow strips). false:
// fewer rows than one step's work rows (5) or no columns; the caller then runs
// one step at a time.
template <class Ex, class T>
bool stencil2d_sweeps(const Ex& ex, std::size_t rows, std::size_t cols, long steps, T* grid, T* scratch,
                      std::size_t cache_bytes = 512 * 1024) {
  constexpr std::size_t most_steps = 8;
  const std::size_t one_step = jacobi_sweep<T>::work_rows(1);
  if (cols == 0 || rows < one_step) return false;
  const std::size_t fused = std::min(most_steps, rows / one_step);
  const std::size_t workers = detail::backend<Ex>::concurrency(ex);
  for (long done = 0; done < steps;) {
    const std::size_t n = std::min<std::size_t>(fused, std::size_t(steps - done));
    const auto s = plan_sweep(rows, cols, n, workers, cache_bytes, grid, scratch);
    for_each_heavy_index(ex, s.tiles(), [s](std::size_t t) { s.save_edges(t); });
    for_each_heavy_index(ex, s.tiles(), s);
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
// pixels (i + R, j + R) for j in the piece: on the CPU the piece's loop is an AVX-512 or
// AVX2 clone (16 or 8 floats at a time), without FMA, so the bits stay.
template <class T, int R, std::size_t W>
struct filter_inside_piece {
  filter_point<T, R> f;
  std::size_t width, pieces_per_row;  // the interior's width
  LANES_HD LANES_SIMD_CLONES void operator()(std::size_t index) const {
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
  const std::size_t width = cols - 2 * r, pieces_per_row = detail::ceil_div(width, piece);
  for_each_heavy_index(ex, (rows - 2 * r) * pieces_per_row, filter_inside_piece<T, R, piece>{f, width, pieces_per_row});
  for_each_index(ex, r, cols, filter_edge<T, R>{f, 0, 0});                  // top rows
  for_each_index(ex, r, cols, filter_edge<T, R>{f, rows - r, 0});           // bottom rows
  for_each_index(ex, rows - 2 * r, r, filter_edge<T, R>{f, r, 0});          // left columns
  for_each_index(ex, rows - 2 * r, r, filter_edge<T, R>{f, r, cols - r});   // right columns
}

}  // namespace impl

// `steps` Jacobi heat steps on a rows x cols grid with a fixed boundary; the result is in
// grid. scratch (same size) is workspace, its contents afterwards unspecified. On the CPU
// several steps share one sweep over memory (stencil2d_sweeps); on the GPU, one step a launch.
template <class Ex, class T>
void stencil2d(const Ex& ex, std::size_t rows, std::size_t cols, long steps, span<T> grid, span<T> scratch) {
  detail::check_shape(grid, rows, cols, "stencil2d", "grid", "rows * cols");
  detail::check_shape(scratch, rows, cols, "stencil2d", "scratch", "rows * cols");
  detail::check_disjoint(grid, scratch, "stencil2d", "grid", "scratch");
  if (steps < 0) detail::fail("stencil2d: steps = ", steps, " is negative");
  if constexpr (impl::reuses_cache<Ex>::value) {
    if (impl::stencil2d_sweeps(ex, rows, cols, steps, grid.data(), scratch.data())) return;
  }
  T* from = grid.data();
  T* to = scratch.data();
  for (long s = 0; s < steps; ++s) {
    for_each_index(ex, rows, cols, impl::jacobi_point<T>{rows, cols, from, to});
    std::swap(from, to);
  }
  if (from != grid.data()) for_each_index(ex, rows * cols, [=] LANES_HD(std::size_t i) { grid[i] = from[i]; });
}

// out = image filtered by a size x size filter (size 3 or 5, row-major taps), edges
// clamped: out(i, j) = sum over (a, b) of filter(a, b) * image(clamp(i + a - r), clamp(j + b - r)).
template <class Ex, class T>
void conv2d(const Ex& ex, std::size_t rows, std::size_t cols, detail::input_span<T> image, std::size_t size,
            detail::input_span<T> filter, span<T> out) {
  if (size != 3 && size != 5) detail::fail("conv2d: the filter size is ", size, "; it must be 3 or 5");
  detail::check_shape(image, rows, cols, "conv2d", "image", "rows * cols");
  detail::check_shape(filter, size, size, "conv2d", "filter", "size * size");
  detail::check_shape(out, rows, cols, "conv2d", "out", "rows * cols");
  detail::check_disjoint(image, out, "conv2d", "image", "out");
  detail::check_disjoint(filter, out, "conv2d", "filter", "out");
  if (size == 3)
    impl::filter_image(ex, impl::filter_point<T, 1>{rows, cols, image.data(), filter.data(), out.data()});
  else
    impl::filter_image(ex, impl::filter_point<T, 2>{rows, cols, image.data(), filter.data(), out.data()});
}

namespace impl {
// Pixels to luminance, G per index: loading every third byte vectorises only with byte
// shuffles (SSSE3, AVX2), which the SSE2 baseline lacks: hence the clones.
template <class T, std::size_t G>
struct grayscale_group {
  const std::uint8_t* rgb;
  T* out;
  std::size_t n;
  LANES_HD LANES_SIMD_CLONES void operator()(std::size_t g) const {
    const std::size_t first = g * G, count = n - first < G ? n - first : G;
    const std::uint8_t* in = rgb + 3 * first;
    T* to = out + first;
    std::size_t p = 0;
#if defined(LANES_GRAYSCALE_X86) && !defined(__CUDA_ARCH__)
    if constexpr (std::is_same_v<T, float>) p = grayscale_x86(in, to, count);  // the same bits, faster
#endif
    for (; p < count; ++p)
      to[p] = T(0.299) * T(in[3 * p]) + T(0.587) * T(in[3 * p + 1]) + T(0.114) * T(in[3 * p + 2]);
  }
};
}  // namespace impl

// Luminance of RGB bytes (ITU-R BT.601): out[i] = 0.299 R + 0.587 G + 0.114 B, in [0, 255].
template <class Ex, class T>
void grayscale(const Ex& ex, span<const std::uint8_t> rgb, span<T> out) {
  detail::check_shape(rgb, out.size(), 3, "grayscale", "rgb", "3 * pixels");
  detail::check_data(out, "grayscale", "out");
  constexpr std::size_t group = impl::items_per_index<Ex>::of(256);
  for_each_index(ex, detail::ceil_div(out.size(), group),
                 impl::grayscale_group<T, group>{rgb.data(), out.data(), out.size()});
}

namespace impl {
// G pixels per index, in the AVX-512 or AVX2 clone (a lambda ran the SSE2 baseline). Locals
// behind restrict: a byte store may alias anything, this functor's members too, and GCC then
// reloaded them at every pixel and left the loop scalar (64M floats, one core: 54 ms, not 16).
template <class T, std::size_t G>
struct threshold_group {
  const T* image;
  T level;
  std::uint8_t* mask;
  std::size_t n;
  LANES_HD LANES_SIMD_CLONES void operator()(std::size_t g) const {
    const std::size_t first = g * G, count = n - first < G ? n - first : G;
    const T* __restrict in = image + first;
    std::uint8_t* __restrict out = mask + first;
    const T at = level;
    for (std::size_t p = 0; p < count; ++p) out[p] = in[p] > at ? 255 : 0;
  }
};
}  // namespace impl

// mask[i] = 255 where image[i] > level, else 0.
template <class Ex, class T>
void threshold(const Ex& ex, detail::input_span<T> image, T level, span<std::uint8_t> mask) {
  detail::check_data(image, "threshold", "image");
  detail::check_data(mask, "threshold", "mask");
  detail::check_same_size(image, mask, "threshold", "image", "mask");
  constexpr std::size_t group = impl::items_per_index<Ex>::of(256);
  for_each_index(ex, detail::ceil_div(image.size(), group),
                 impl::threshold_group<T, group>{image.data(), level, mask.data(), image.size()});
}

namespace impl {
// The adaptive threshold of a piece of W pixels of row i. The window sum of a pixel is
// the sum, left to right, of its window's column sums, each summed top to bottom: the
// piece sums its W + block - 1 columns once, so a pixel costs 2 block additions, not
// block^2, and both loops run along the row (vectorised, in the AVX2 clone 8 floats at a
// time). On cuda W is 1 and each thread sums its own columns, in the same order, each
// column as it is met (an array of block column sums would sit in the GPU's slow local
// memory).
template <class T, std::size_t W>
struct adaptive_threshold_piece {
  static constexpr std::size_t max_block = 255;
  std::size_t rows, cols, pieces_per_row, block;
  T area, c;
  const T* image;
  std::uint8_t* mask;
  LANES_HD LANES_SIMD_CLONES void operator()(std::size_t index) const {
    const std::size_t i = index / pieces_per_row;
    if constexpr (W == 1) {
      one_pixel(i, index % pieces_per_row);
    } else {
      const std::size_t j0 = index % pieces_per_row * W;
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
  }

  LANES_HD void one_pixel(std::size_t i, std::size_t j) const {
    const std::ptrdiff_t r = std::ptrdiff_t(block / 2);
    T sum = 0;
    for (std::ptrdiff_t b = -r; b <= r; ++b) {
      const std::size_t column = clamp_index(std::ptrdiff_t(j) + b, cols);
      T column_sum = 0;
      for (std::ptrdiff_t a = -r; a <= r; ++a) column_sum += image[clamp_index(std::ptrdiff_t(i) + a, rows) * cols + column];
      sum += column_sum;
    }
    mask[i * cols + j] = image[i * cols + j] > sum / area - c ? 255 : 0;
  }
};
}  // namespace impl

// Adaptive threshold: mask = 255 where a pixel exceeds the mean of the block x block window
// centred on it (edges clamped, block odd) minus c, else 0. The window is summed in T,
// column by column: the sum, left to right, of each column's sum, top to bottom.
template <class Ex, class T>
void adaptive_threshold(const Ex& ex, std::size_t rows, std::size_t cols, detail::input_span<T> image, std::size_t block, T c,
                        span<std::uint8_t> mask) {
  constexpr std::size_t width = impl::items_per_index<Ex>::of(256);
  using piece = impl::adaptive_threshold_piece<T, width>;
  if (block % 2 == 0 || block < 3 || block > piece::max_block)
    detail::fail("adaptive_threshold: block = ", block, "; it must be odd, from 3 to ", piece::max_block);
  detail::check_shape(image, rows, cols, "adaptive_threshold", "image", "rows * cols");
  detail::check_shape(mask, rows, cols, "adaptive_threshold", "mask", "rows * cols");
  const std::size_t pieces_per_row = detail::ceil_div(cols, width);
  for_each_heavy_index(ex, rows * pieces_per_row,
                       piece{rows, cols, pieces_per_row, block, T(block * block), c, image.data(), mask.data()});
}

LANES_ACCEPT_RANGES(stencil2d)
LANES_ACCEPT_RANGES(conv2d)
LANES_ACCEPT_RANGES(grayscale)
LANES_ACCEPT_RANGES(threshold)
LANES_ACCEPT_RANGES(adaptive_threshold)

}  // namespace lanes::kernels
