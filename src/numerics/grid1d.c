/* Non-uniform 1D grid (numerics notes, "Grids"): a face on every interface; inside each
 * segment the cells grow geometrically from both ends towards the middle (ratio <= growth,
 * first cell h_first, none wider than h_max), then are scaled to fill the segment exactly.
 * `refine` splits every cell into 2^refine equal cells, for convergence studies. */
#include <math.h>
#include <string.h>

#include "core/core_int.h"
#include "numerics/grid1d_int.h"

mni_grid_opts mni_grid_opts_default(void)
{
  mni_grid_opts o;
  o.h_first_m = 0.5e-6;       /* sub-µm at the stratum corneum's faces */
  o.h_first_tissue_m = 10e-6; /* D is 1e3-1e4 times larger below the SC: profiles are smooth */
  o.h_max_m = 50e-6;
  o.fine_until_m = 0.0;
  o.growth = 1.2;
  o.refine = 0;
  return o;
}

/* Cell widths of one segment of length L (unscaled sequence, written to w if not NULL). */
static size_t segment_cells(double L, double h_first, const mni_grid_opts *o, double *w)
{
  double h0 = fmin(h_first, L / 2.0);
  double left = h0, right = h0, sum = 0.0;
  size_t nl = 0, nr = 0;
  double wl[4096], wr[4096];
  while (sum < L && nl + nr < 8000) {
    if (nl <= nr) {
      wl[nl++] = left;
      sum += left;
      left = fmin(left * o->growth, o->h_max_m);
    } else {
      wr[nr++] = right;
      sum += right;
      right = fmin(right * o->growth, o->h_max_m);
    }
  }
  size_t n = nl + nr;
  if (w != NULL) {
    double scale = L / sum;
    for (size_t i = 0; i < nl; i++)
      w[i] = wl[i] * scale;
    for (size_t i = 0; i < nr; i++)
      w[n - 1 - i] = wr[i] * scale;
  }
  return n;
}

mn_status mni_grid1d_build(mn_ctx *ctx, const double *iface_m, size_t n_iface,
                           const mni_grid_opts *o, mni_grid1d *out)
{
  memset(out, 0, sizeof *out);
  MN_REQUIRE(ctx,
             n_iface >= 1 && o->h_first_m > 0 && o->h_first_tissue_m > 0 &&
                 o->h_max_m >= o->h_first_m && o->h_max_m >= o->h_first_tissue_m &&
                 o->growth >= 1.0 && o->growth <= 1.2 && o->refine >= 0 && o->refine <= 8,
             MN_E_ARG, "grid: bad options (h_first %g m, h_max %g m, growth %g, refine %d)",
             o->h_first_m, o->h_max_m, o->growth, o->refine);
  size_t n = 0;
  double prev = 0.0;
  for (size_t s = 0; s < n_iface; s++) {
    MN_REQUIRE(ctx, iface_m[s] > prev && isfinite(iface_m[s]), MN_E_ARG,
               "grid: interface %zu at %g m must be deeper than %g m", s, iface_m[s], prev);
    n += segment_cells(
        iface_m[s] - prev,
        iface_m[s] <= o->fine_until_m * (1 + 1e-12) ? o->h_first_m : o->h_first_tissue_m, o, NULL);
    prev = iface_m[s];
  }
  size_t split = (size_t)1 << o->refine;
  n *= split;
  out->face_m = mn_alloc(ctx, (n + 1) * sizeof *out->face_m);
  out->center_m = mn_alloc(ctx, n * sizeof *out->center_m);
  out->h_m = mn_alloc(ctx, n * sizeof *out->h_m);
  if (!out->face_m || !out->center_m || !out->h_m) {
    out->n = n;
    mni_grid1d_free(ctx, out);
    return MN_E_NOMEM;
  }
  out->n = n;
  size_t i = 0;
  prev = 0.0;
  out->face_m[0] = 0.0;
  for (size_t s = 0; s < n_iface; s++) {
    double w[8000];
    size_t m = segment_cells(
        iface_m[s] - prev,
        iface_m[s] <= o->fine_until_m * (1 + 1e-12) ? o->h_first_m : o->h_first_tissue_m, o, w);
    double z = prev;
    for (size_t k = 0; k < m; k++)
      for (size_t q = 0; q < split; q++) {
        z += w[k] / (double)split;
        out->face_m[++i] = z;
      }
    out->face_m[i] = iface_m[s]; /* exactly on the interface */
    prev = iface_m[s];
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
