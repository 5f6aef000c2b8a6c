/* Non-uniform tensor-product axes for the spatial solvers (see grid_int.h). */
#include <math.h>
#include <string.h>

#include "core/core_int.h"
#include "numerics/axis_int.h"

mn_status mni_axis_uniform(mn_ctx *ctx, double lo_m, double hi_m, size_t n, mni_axis *out)
{
  out->n = 0;
  out->face_m = NULL;
  MN_REQUIRE(ctx, n > 0, MN_E_ARG, "axis: n = %zu cells must be > 0", n);
  MN_REQUIRE(ctx, isfinite(lo_m) && isfinite(hi_m) && hi_m > lo_m, MN_E_ARG,
             "axis: [%g, %g] m is not an interval", lo_m, hi_m);
  out->face_m = mn_alloc(ctx, (n + 1) * sizeof *out->face_m);
  if (out->face_m == NULL) return MN_E_NOMEM;
  for (size_t i = 0; i <= n; i++)
    out->face_m[i] = lo_m + (hi_m - lo_m) * (double)i / (double)n;
  out->face_m[n] = hi_m;
  out->n = n;
  return MN_OK;
}

/* Cell widths of one segment of length L: geometric from h_min at both ends up to h_max, then
 * scaled so that they fill L exactly. Returns the count; writes widths when w is not NULL. */
static size_t segment_widths(double L, double h_min, double h_max, double ratio, double *w)
{
  /* Half the segment from each end: widths h_min, h_min r, ... capped at h_max. */
  double half[4096];
  size_t nh = 0;
  double h = h_min, s = 0.0;
  while (s + h < 0.5 * L && nh < 4096) {
    half[nh++] = h;
    s += h;
    h = fmin(h * ratio, h_max);
  }
  /* the middle gap closes with a few cells no wider than h */
  double gap = L - 2.0 * s;
  size_t n_mid = (size_t)ceil(gap / h - 1e-9);
  if (n_mid == 0) n_mid = 1;
  size_t n = 2 * nh + n_mid;
  if (w != NULL) {
    size_t m = 0;
    for (size_t i = 0; i < nh; i++)
      w[m++] = half[i];
    for (size_t i = 0; i < n_mid; i++)
      w[m++] = gap / (double)n_mid;
    for (size_t i = nh; i-- > 0;)
      w[m++] = half[i];
  }
  return n;
}

mn_status mni_axis_graded(mn_ctx *ctx, const double *breaks_m, size_t n_breaks, double h_min_m,
                          double h_max_m, double ratio, mni_axis *out)
{
  out->n = 0;
  out->face_m = NULL;
  MN_REQUIRE(ctx, n_breaks >= 2, MN_E_ARG, "axis: %zu breaks, need at least 2", n_breaks);
  MN_REQUIRE(ctx, h_min_m > 0.0 && h_max_m >= h_min_m, MN_E_ARG,
             "axis: h_min_m = %g, h_max_m = %g must satisfy 0 < h_min <= h_max", h_min_m, h_max_m);
  MN_REQUIRE(ctx, ratio >= 1.0 && ratio <= 2.0, MN_E_ARG, "axis: ratio = %g must be in [1, 2]",
             ratio);
  size_t n = 0;
  for (size_t s = 0; s + 1 < n_breaks; s++) {
    double L = breaks_m[s + 1] - breaks_m[s];
    MN_REQUIRE(ctx, isfinite(L) && L > 0.0, MN_E_ARG,
               "axis: breaks %zu and %zu (%g m, %g m) are not increasing", s, s + 1, breaks_m[s],
               breaks_m[s + 1]);
    n += segment_widths(L, fmin(h_min_m, 0.25 * L), h_max_m, ratio, NULL);
  }
  double *w = mn_alloc(ctx, n * sizeof *w);
  out->face_m = mn_alloc(ctx, (n + 1) * sizeof *out->face_m);
  if (w == NULL || out->face_m == NULL) {
    mn_free(ctx, w, n * sizeof *w);
    mn_free(ctx, out->face_m, (n + 1) * sizeof *out->face_m);
    out->face_m = NULL;
    return MN_E_NOMEM;
  }
  size_t m = 0;
  out->face_m[0] = breaks_m[0];
  for (size_t s = 0; s + 1 < n_breaks; s++) {
    double L = breaks_m[s + 1] - breaks_m[s];
    size_t ns = segment_widths(L, fmin(h_min_m, 0.25 * L), h_max_m, ratio, w);
    double x = breaks_m[s];
    for (size_t i = 0; i < ns; i++) {
      x += w[i];
      out->face_m[++m] = x;
    }
    out->face_m[m] = breaks_m[s + 1]; /* the interface exactly, not a sum with round-off */
  }
  mn_free(ctx, w, n * sizeof *w);
  out->n = n;
  return MN_OK;
}

void mni_axis_free(mn_ctx *ctx, mni_axis *a)
{
  if (a->face_m != NULL) mn_free(ctx, a->face_m, (a->n + 1) * sizeof *a->face_m);
  a->face_m = NULL;
  a->n = 0;
}

size_t mni_axis_find(const mni_axis *a, double x_m)
{
  size_t lo = 0, hi = a->n; /* invariant: answer in [lo, hi) */
  if (x_m <= a->face_m[0]) return 0;
  if (x_m >= a->face_m[a->n]) return a->n - 1;
  while (hi - lo > 1) {
    size_t mid = (lo + hi) / 2;
    if (a->face_m[mid] <= x_m)
      lo = mid;
    else
      hi = mid;
  }
  return lo;
}
