// SPDX-License-Identifier: Apache-2.0
/* The Lanes C ABI: arrays on a device chosen at run time, and the operations on them, for
 * C, Python (ctypes) and any FFI. Every entry point checks its arguments and returns a
 * status; on failure lanes_last_error() holds a message for the calling thread, and the
 * arrays it was given are unchanged. Nothing aborts the process, no call holds a global
 * lock while it computes, and every call is safe from many threads at once.
 *
 * Arrays of one call must be on the same device (the same spec: two handles of "cpu" are one
 * device, "cpu" and "cpu:2" are two) and (except sort_by_key's
 * values and histogram's bins, which are U64, and the index, mask and count arrays named
 * by their dtype) have the same dtype. Numeric operations take F32 and F64; sort, the
 * scans, sum, min_max, histogram, gather and scatter take every dtype. F32 sums
 * and dots accumulate in double. Arrays of n = 0 are valid (a sum of nothing is 0). An array
 * keeps its device alive: lanes_device_close may come before lanes_array_free. */
#ifndef LANES_LANES_H
#define LANES_LANES_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* In C++ the enums have int as their fixed type, so that any int a C caller passes (a bad
 * dtype) is a value the library may read and refuse, not undefined behaviour. */
#ifdef __cplusplus
#define LANES_ENUM_TYPE : int
#else
#define LANES_ENUM_TYPE
#endif

typedef enum LANES_ENUM_TYPE {
  LANES_OK = 0,
  LANES_EINVAL,   /* a null or malformed argument */
  LANES_ENODEV,   /* the device is not there (also "cuda" in a build without CUDA) */
  LANES_ENOMEM,   /* host or device memory ran out */
  LANES_EDTYPE,   /* an unsupported or mismatched dtype */
  LANES_ESIZE,    /* mismatched sizes, or a size whose byte count overflows */
  LANES_EINTERNAL, /* anything else */
  LANES_EVALIDATE  /* validation found results that differ from the reference device's */
} lanes_status;

/* Appended, never renumbered: I8 and U8 hold images and masks. */
typedef enum LANES_ENUM_TYPE { LANES_F32, LANES_F64, LANES_I32, LANES_I64, LANES_U32, LANES_U64, LANES_I8, LANES_U8 } lanes_dtype;

typedef struct lanes_device lanes_device; /* opaque */
typedef struct lanes_array lanes_array;   /* opaque */

const char* lanes_version(void);
/* The message of this thread's last failed call, "" if none has failed. */
const char* lanes_last_error(void);

/* spec: "auto", "seq", "cpu", "cpu:N", "cuda", "cuda:K". */
lanes_status lanes_device_open(const char* spec, lanes_device** out);
void lanes_device_close(lanes_device* device); /* NULL is fine */
/* What the device is and, for "auto", why it was chosen; "" for NULL. */
const char* lanes_device_name(const lanes_device* device);
/* "seq", "cpu" or "cuda"; "" for NULL. */
const char* lanes_device_kind(const lanes_device* device);

/* n zero elements. */
lanes_status lanes_array_create(lanes_device* device, lanes_dtype dtype, size_t n, lanes_array** out);
/* A copy of src[0, n). */
lanes_status lanes_array_from_host(lanes_device* device, lanes_dtype dtype, const void* src, size_t n,
                                   lanes_array** out);
/* Copies the array's elements to dst, which holds n >= lanes_array_size(array) elements. */
lanes_status lanes_array_to_host(const lanes_array* array, void* dst, size_t n);
void lanes_array_free(lanes_array* array); /* NULL is fine */
size_t lanes_array_size(const lanes_array* array);       /* 0 for NULL */
lanes_dtype lanes_array_dtype(const lanes_array* array); /* LANES_F32 for NULL */
/* An array over the caller's host memory data[0, n), not a copy: calls read and write data
 * itself. Host devices only (seq, cpu, cpu:N; a cuda device is LANES_EINVAL: use
 * lanes_array_from_host). The caller keeps data alive until lanes_array_free. */
lanes_status lanes_array_wrap(lanes_device* device, lanes_dtype dtype, void* data, size_t n, lanes_array** out);
/* An array over elements [begin, begin + n) of `array`, not a copy: calls through either
 * read and write the same memory. It keeps that memory alive, as `array` does, until both
 * are freed (a wrapped array's memory stays the caller's to keep). begin + n past the end is
 * LANES_ESIZE; n = 0 is an empty array. Calls that reject an output overlapping an input
 * (LANES_EINVAL) reject overlapping slices too. */
lanes_status lanes_array_slice(const lanes_array* array, size_t begin, size_t n, lanes_array** out);
/* Copies src's elements into dst: the same dtype and size, on any two devices (host memory
 * to a GPU's, back, or between GPUs). dst overlapping src other than as the same elements
 * is LANES_EINVAL. */
lanes_status lanes_array_copy(const lanes_array* src, lanes_array* dst);
/* Where the elements are: host memory on host devices, device memory on cuda. */
lanes_status lanes_array_data(const lanes_array* array, void** out);

/* y = a x + y */
lanes_status lanes_axpy(double a, const lanes_array* x, lanes_array* y);
lanes_status lanes_dot(const lanes_array* x, const lanes_array* y, double* out);
lanes_status lanes_sum(const lanes_array* x, double* out);
/* NaN is ignored; for no element (or only NaN) *min = +inf and *max = -inf. */
lanes_status lanes_min_max(const lanes_array* x, double* min, double* max);
/* out[i] = in[0] + ... + in[i]; out may be in. Integer scans wrap modulo 2^bits, as
 * unsigned arithmetic does (an I32 scan past INT32_MAX continues from INT32_MIN). */
lanes_status lanes_inclusive_scan(const lanes_array* in, lanes_array* out);
/* Stable; floats ordered -inf < ... < -0.0 < +0.0 < ... < +inf, then every NaN. */
lanes_status lanes_sort(lanes_array* keys);
lanes_status lanes_sort_by_key(lanes_array* keys, lanes_array* values);
/* Overwrites bins_u64 with the counts of its even bins over [lo, hi); NaN and values
 * outside are not counted. */
lanes_status lanes_histogram(const lanes_array* x, double lo, double hi, lanes_array* bins_u64);
/* c = alpha a b + beta c, row-major: a is m x k, b is k x n, c is m x n. */
lanes_status lanes_gemm(size_t m, size_t n, size_t k, double alpha, const lanes_array* a, const lanes_array* b,
                        double beta, lanes_array* c);
/* pi from `samples` points drawn with Philox-4x32-10: the same bits on every device. */
lanes_status lanes_monte_carlo_pi(lanes_device* device, uint64_t samples, uint64_t seed, double* out);
/* The primes in [lo, hi). */
lanes_status lanes_count_primes(lanes_device* device, uint64_t lo, uint64_t hi, uint64_t* out);
/* The circular-motion particle simulator: (int)(dt / 1e-5) steps of 1e-5. */
lanes_status lanes_particles_evolve(lanes_array* x, lanes_array* y, const lanes_array* w, double dt);

/* Appended: the rest of the algorithms and kernels. Shapes are row-major and checked
 * (LANES_ESIZE when an array does not hold them); floats are F32 or F64. */
/* out[i] = in[0] + ... + in[i - 1], out[0] = 0; out may be in. */
lanes_status lanes_exclusive_scan(const lanes_array* in, lanes_array* out);
/* out[i] = in[indices[i]]: out holds as many elements as indices (I64). Every index is
 * checked before anything is written. */
lanes_status lanes_gather(const lanes_array* in, const lanes_array* indices_i64, lanes_array* out);
/* out[indices[i]] = in[i]: indices (I64) as many as in, each inside out and none repeated. */
lanes_status lanes_scatter(const lanes_array* in, const lanes_array* indices_i64, lanes_array* out);
/* x = a x */
lanes_status lanes_scal(double a, lanes_array* x);
/* The Euclidean norm of x, without overflow or underflow on the way. */
lanes_status lanes_nrm2(const lanes_array* x, double* out);
/* y = alpha a x + beta y: a is m x n, x has n elements, y m. */
lanes_status lanes_gemv(size_t m, size_t n, double alpha, const lanes_array* a, const lanes_array* x, double beta,
                        lanes_array* y);
/* `steps` Jacobi heat steps on a rows x cols grid (edges fixed); scratch is as large. */
lanes_status lanes_stencil2d(size_t rows, size_t cols, int64_t steps, lanes_array* grid, lanes_array* scratch);
/* out = image filtered by a size x size filter (3 or 5), edges clamped; rows x cols. */
lanes_status lanes_conv2d(size_t rows, size_t cols, const lanes_array* image, size_t size, const lanes_array* filter,
                          lanes_array* out);
/* Luminance (BT.601) of n pixels of interleaved RGB bytes (3 n U8) into out (n floats). */
lanes_status lanes_grayscale(const lanes_array* rgb_u8, lanes_array* out);
/* mask[i] = 255 where image[i] > level, else 0 (U8). */
lanes_status lanes_threshold(const lanes_array* image, double level, lanes_array* mask_u8);
/* mask = 255 where a pixel exceeds the mean of its block x block window (odd, clamped at
 * the edges) minus c, else 0; rows x cols. */
lanes_status lanes_adaptive_threshold(size_t rows, size_t cols, const lanes_array* image, size_t block, double c,
                                      lanes_array* mask_u8);
/* Escape counts (at most max_iter) of a width x height grid over [x0, x1) x [y0, y1), in
 * double, into counts (U32, row-major); the device is counts'. */
lanes_status lanes_mandelbrot(size_t width, size_t height, double x0, double x1, double y0, double y1,
                              uint32_t max_iter, lanes_array* counts_u32);
/* out (n x n) = the Euclidean distances between the n points (n x dim). */
lanes_status lanes_distance_matrix(size_t n, size_t dim, const lanes_array* points, lanes_array* out);
/* One all-pairs gravity step (G = 1, softening eps) of n bodies: pos and vel 3 n, mass n. */
lanes_status lanes_nbody_step(double dt, double eps, lanes_array* pos, lanes_array* vel, const lanes_array* mass);
/* y = A x for the rows x cols CSR matrix (offsets U64, rows + 1; column indices U32 and
 * values, one per entry), checked first. */
lanes_status lanes_spmv_csr(size_t rows, size_t cols, const lanes_array* offsets_u64, const lanes_array* indices_u32,
                            const lanes_array* values, const lanes_array* x, lanes_array* y);
/* How many of lanes_monte_carlo_pi's points of draws [first_draw, first_draw + draws) (of
 * its ceil(samples / 2) draws) fall inside the quarter circle: workers that split the draws
 * add their counts, and 4 * total / samples is lanes_monte_carlo_pi's estimate. */
lanes_status lanes_monte_carlo_inside(lanes_device* device, uint64_t samples, uint64_t seed, uint64_t first_draw,
                                      uint64_t draws, uint64_t* out);

/* Appended: the sequence algorithms (every dtype; order is lanes_sort's, so -0.0 and +0.0
 * differ and NaNs are equal and last) and the random fills. */
/* The first element of every run of equal elements to the front of out (the same dtype,
 * room for what is kept; the rest of out unchanged); *count = how many. */
lanes_status lanes_unique(const lanes_array* in, lanes_array* out, size_t* count);
/* lanes_unique on keys, the value beside each kept key kept with it: keys_out (keys' dtype)
 * and values_out (values' dtype, any: moved as their bits) hold what is kept, the rest of
 * them unchanged; one value per key; *count = how many. */
lanes_status lanes_unique_by_key(const lanes_array* keys, const lanes_array* values, lanes_array* keys_out,
                                 lanes_array* values_out, size_t* count);
/* out = a and b merged, both sorted; out holds size(a) + size(b). Equal elements: a's first. */
lanes_status lanes_merge(const lanes_array* a, const lanes_array* b, lanes_array* out);
/* lanes_merge on keys, each value moved with its key: a_keys, b_keys and keys_out of one
 * dtype, a_values, b_values and values_out of one (any: moved as their bits), one value per
 * key; keys_out and values_out hold size(a_keys) + size(b_keys). */
lanes_status lanes_merge_by_key(const lanes_array* a_keys, const lanes_array* a_values, const lanes_array* b_keys,
                                const lanes_array* b_values, lanes_array* keys_out, lanes_array* values_out);
/* out[i] (I64, as many as needles) = the first index of sorted whose element is not before
 * (lower) or is after (upper) needles[i]: numpy's searchsorted, side left or right. */
lanes_status lanes_lower_bound(const lanes_array* sorted, const lanes_array* needles, lanes_array* out_i64);
lanes_status lanes_upper_bound(const lanes_array* sorted, const lanes_array* needles, lanes_array* out_i64);
/* x reversed, in place. */
lanes_status lanes_reverse(lanes_array* x);
/* out[0] = in[0], out[i] = in[i] - in[i - 1] (signed integers wrap modulo 2^bits); out is
 * not in. */
lanes_status lanes_adjacent_difference(const lanes_array* in, lanes_array* out);
/* For every run of equal keys (as lanes_unique's): its first key to keys_out (keys' dtype)
 * and the sum of its values, in order, to sums (values' dtype: F32 or F64, one value per
 * key); *runs = how many. Sums keep one order, so their bits are the same on every device
 * and thread count of the CPU. keys_out and sums hold the runs; the rest of them unchanged. */
lanes_status lanes_reduce_by_key(const lanes_array* keys, const lanes_array* values, lanes_array* keys_out,
                                 lanes_array* sums, size_t* runs);
/* Random fills (F32 or F64) from Philox-4x32-10: element i is item offset + i of stream
 * `stream` of `seed`, the same on every device and thread count, so fills split at any
 * offsets make one fill. Uniform in [lo, hi) (a finite range), normal (Box-Muller; finite
 * mean, stddev >= 0), bernoulli 1 with probability p in [0, 1], else 0. */
lanes_status lanes_random_uniform(lanes_array* out, uint64_t seed, uint64_t stream, uint64_t offset, double lo,
                                  double hi);
lanes_status lanes_random_normal(lanes_array* out, uint64_t seed, uint64_t stream, uint64_t offset, double mean,
                                 double stddev);
lanes_status lanes_random_bernoulli(lanes_array* out, uint64_t seed, uint64_t stream, uint64_t offset, double p);

/* A trace of every call (these and the C++ compiled entry points they reach) written to
 * path as Chrome trace-event JSON (Perfetto, chrome://tracing): name, device and why,
 * n, dtype, bytes, time, thread, and the status and message of a failed call. The
 * environment's LANES_TRACE=FILE traces a whole run. LANES_EINVAL: tracing already
 * (start), not tracing (stop), or a file that cannot be written. */
lanes_status lanes_trace_start(const char* path);
lanes_status lanes_trace_stop(void);

/* Until the matching lanes_validate_end, this thread's calls also run on the reference
 * device (a spec as for lanes_device_open), on copies of their inputs, and a result that
 * differs (bit for bit; gemm, and floating scans against a GPU, within stated bounds) is
 * LANES_EVALIDATE, its message naming the call, the first differing element, both values
 * and both devices. Scopes nest. The
 * environment's LANES_VALIDATE=SPEC checks every thread (LANES_VALIDATE_WARN=1: write
 * mismatches to stderr and the trace and go on). LANES_ENODEV: no such device;
 * LANES_EINVAL: a malformed spec, or an end without a begin on this thread. */
lanes_status lanes_validate_begin(const char* reference);
lanes_status lanes_validate_end(void);

#ifdef __cplusplus
}
#endif

#endif /* LANES_LANES_H */
