/* The one graded grid (see grid_int.h). A segment's cells are counted first (no storage, so
 * no cap), checked against MNI_GRID_MAX_CELLS, then generated again into the faces: both
 * passes run the same arithmetic, so they agree to the bit. */
#include <math.h>
#include <string.h>

#include "core/core_int.h"
#include "numerics/grid_int.h"

mni_grid_opts mni_grid_opts_default(void)
{
  mni_grid_opts o;
  o.h_first_m = 0.5e-6;       /* sub-µm at the stratum corneum's faces */
  o.h_first_tissue_m = 10e-6; /* D is 1e3-1e4 times larger below the SC: profiles are smooth */
  o.h_max_m = 50e-6;
  o.fine_until_m = 0.0;
  o.growth = 1.2;
  o.refine = 0;
  o.grading = MNI_GRADE_SCALED;
  return o;
}

/* MNI_GRADE_SCALED on a segment of length L: cells h0, h0 g, ... (capped at h_max) placed in
 * turn at the left and the right end until they cover L, then scaled by L / sum. Returns the
 * count, or more than `limit` as soon as it exceeds it; writes the widths when w is not NULL
 * (then n is the count of the first pass). */
static size_t scaled_cells(double L, double h_first, double h_max, double g, size_t limit, size_t n,
                           double *w)
{
  double h0 = fmin(h_first, L / 2.0);
  double left = h0, right = h0, sum = 0.0;
  size_t nl = 0, nr = 0;
  while (sum < L && nl + nr <= limit) {
    if (nl <= nr) {
      if (w != NULL) w[nl] = left;
      nl++;
      sum += left;
      left = fmin(left * g, h_max);
    } else {
      if (w != NULL) w[n - 1 - nr] = right;
      nr++;
      sum += right;
      right = fmin(right * g, h_max);
    }
  }
  if (w != NULL) {
    double scale = L / sum;
    for (size_t i = 0; i < n; i++)
      w[i] *= scale;
  }
  return nl + nr;
}

/* MNI_GRADE_MIDDLE on a segment of length L: from each end h0, h0 g, ... (capped at h_max)
 * while they fit in half the segment, then the middle gap in equal cells no wider than the
 * next one. Same contract as scaled_cells. */
static size_t middle_cells(double L, double h_first, double h_max, double g, size_t limit, size_t n,
                           double *w)
{
  double h = fmin(h_first, 0.25 * L), s = 0.0;
  size_t nh = 0;
  while (s + h < 0.5 * L && 2 * nh <= limit) {
    if (w != NULL) w[nh] = w[n - 1 - nh] = h;
    nh++;
    s += h;
    h = fmin(h * g, h_max);
  }
  if (2 * nh > limit) return limit + 1;
  double gap = L - 2.0 * s;
  double mid = ceil(gap / h - 1e-9);
  if (!(mid <= (double)(limit - 2 * nh))) return limit + 1; /* also NaN */
  size_t n_mid = mid < 1.0 ? 1 : (size_t)mid;
  if (w != NULL)
    for (size_t i = 0; i < n_mid; i++)
      w[nh + i] = gap / (double)n_mid;
  return 2 * nh + n_mid;
}

static size_t segment_cells(const mni_grid_opts *o, double L, double bottom_m, size_t limit,
                            size_t n, double *w)
{
  double h = bottom_m <= o->fine_until_m * (1 + 1e-12) ? o->h_first_m : o->h_first_tissue_m;
  double h_max = fmax(h, o->h_max_m);
  return o->grading == MNI_GRADE_SCALED ? scaled_cells(L, h, h_max, o->growth, limit, n, w)
                                        : middle_cells(L, h, h_max, o->growth, limit, n, w);
}

mn_status mni_axis_uniform(mn_ctx *ctx, double lo_m, double hi_m, size_t n, mni_axis *out)
{
  out->n = 0;
  out->face_m = NULL;
  MN_REQUIRE(ctx, n > 0, MN_E_ARG, "grid: n = %zu cells must be > 0", n);
  MN_REQUIRE(ctx, n <= MNI_GRID_MAX_CELLS, MN_E_CONFIG,
             "grid: %zu cells on [%g, %g] m exceed the limit of %d cells per axis", n, lo_m, hi_m,
             MNI_GRID_MAX_CELLS);
  MN_REQUIRE(ctx, isfinite(lo_m) && isfinite(hi_m) && hi_m > lo_m, MN_E_ARG,
             "grid: [%g, %g] m is not an interval", lo_m, hi_m);
  out->face_m = mn_alloc(ctx, (n + 1) * sizeof *out->face_m);
  if (out->face_m == NULL) return MN_E_NOMEM;
  for (size_t i = 0; i <= n; i++)
    out->face_m[i] = lo_m + (hi_m - lo_m) * (double)i / (double)n;
  out->face_m[n] = hi_m;
  out->n = n;
  return MN_OK;
}

mn_status mni_axis_graded(mn_ctx *ctx, const double *breaks_m, size_t n_breaks,
                          const mni_grid_opts *o, mni_axis *out)
{
  out->n = 0;
  out->face_m = NULL;
  MN_REQUIRE(ctx, n_breaks >= 2, MN_E_ARG, "grid: %zu breaks, need at least 2", n_breaks);
  MN_REQUIRE(ctx,
             o->h_first_m > 0 && o->h_first_tissue_m > 0 && o->h_max_m >= 0 && o->growth >= 1.0 &&
                 o->growth <= 2.0 && o->refine >= 0 && o->refine <= 8 &&
                 (o->grading == MNI_GRADE_SCALED || o->grading == MNI_GRADE_MIDDLE),
             MN_E_ARG,
             "grid: bad options (h_first %g m, h_first_tissue %g m, h_max %g m, growth %g, "
             "refine %d)",
             o->h_first_m, o->h_first_tissue_m, o->h_max_m, o->growth, o->refine);
  size_t split = (size_t)1 << o->refine, limit = MNI_GRID_MAX_CELLS / split;
  size_t n = 0, n_seg_max = 0;
  for (size_t s = 0; s + 1 < n_breaks; s++) {
    double L = breaks_m[s + 1] - breaks_m[s];
    MN_REQUIRE(ctx, isfinite(breaks_m[s]) && isfinite(L) && L > 0.0, MN_E_ARG,
               "grid: break %zu at %g m must be deeper than break %zu at %g m", s + 1,
               breaks_m[s + 1], s, breaks_m[s]);
    size_t m = segment_cells(o, L, breaks_m[s + 1], limit - n, 0, NULL);
    MN_REQUIRE(ctx, m <= limit - n, MN_E_CONFIG,
               "grid: [%g, %g] m in cells from %g m (growth %g, up to %g m, refine %d) needs "
               "more than the limit of %d cells per axis",
               breaks_m[0], breaks_m[n_breaks - 1], o->h_first_m, o->growth, o->h_max_m, o->refine,
               MNI_GRID_MAX_CELLS);
    n += m;
    n_seg_max = m > n_seg_max ? m : n_seg_max;
  }
  double *w = mn_alloc(ctx, n_seg_max * sizeof *w);
  out->face_m = mn_alloc(ctx, (n * split + 1) * sizeof *out->face_m);
  if (w == NULL || out->face_m == NULL) {
    mn_free(ctx, w, n_seg_max * sizeof *w);
    mn_free(ctx, out->face_m, (n * split + 1) * sizeof *out->face_m);
    out->face_m = NULL;
    return MN_E_NOMEM;
  }
  size_t f = 0;
  out->face_m[0] = breaks_m[0];
  for (size_t s = 0; s + 1 < n_breaks; s++) {
    double L = breaks_m[s + 1] - breaks_m[s];
    size_t m = segment_cells(o, L, breaks_m[s + 1], limit, 0, NULL);
    segment_cells(o, L, breaks_m[s + 1], limit, m, w);
    double x = breaks_m[s];
    for (size_t k = 0; k < m; k++)
      for (size_t q = 0; q < split; q++) {
        x += w[k] / (double)split;
        out->face_m[++f] = x;
      }
    out->face_m[f] = breaks_m[s + 1]; /* the break exactly, not a sum with round-off */
  }
  mn_free(ctx, w, n_seg_max * sizeof *w);
  out->n = n * split;
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

mn_status mni_grid1d_build(mn_ctx *ctx, const double *iface_m, size_t n_iface,
                           const mni_grid_opts *o, mni_grid1d *out)
{
  memset(out, 0, sizeof *out);
  MN_REQUIRE(ctx, n_iface >= 1 && n_iface < 64, MN_E_ARG, "grid: %zu interfaces, need 1 to 63",
             n_iface);
  double br[64];
  br[0] = 0.0;
  memcpy(br + 1, iface_m, n_iface * sizeof *br);
  mni_axis ax;
  MN_TRY(mni_axis_graded(ctx, br, n_iface + 1, o, &ax));
  size_t n = ax.n;
  out->center_m = mn_alloc(ctx, n * sizeof *out->center_m);
  out->h_m = mn_alloc(ctx, n * sizeof *out->h_m);
  out->face_m = ax.face_m;
  out->n = n;
  if (!out->center_m || !out->h_m) {
    mni_grid1d_free(ctx, out);
    return MN_E_NOMEM;
  }
  for (size_t c = 0; c < n; c++) {
    out->h_m[c] = out->face_m[c + 1] - out->face_m[c];
    out->center_m[c] = 0.5 * (out->face_m[c] + out->face_m[c + 1]);
  }
  return MN_OK;
}

void mni_grid1d_free(mn_ctx *ctx, mni_grid1d *g)
{
  if (g == NULL) return;
  mn_free(ctx, g->face_m, (g->n + 1) * sizeof *g->face_m);
  mn_free(ctx, g->center_m, g->n * sizeof *g->center_m);
  mn_free(ctx, g->h_m, g->n * sizeof *g->h_m);
  memset(g, 0, sizeof *g);
}
