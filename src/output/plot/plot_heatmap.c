/* Heat map of a field on a tensor grid (r or x across, depth down), log10 colour scale over
 * `decades` below the maximum (or below a top shared by several maps). Cells are placed by their true edges (PLplot's pltr1 maps cell
 * indices to the edge coordinates), so non-uniform grids are drawn to their geometry. */
#include <math.h>
#include <plplot/plplot.h>
#include <string.h>

#include "output/plot/plot_int.h"

typedef struct heat_draw {
  const mni_plot_field *f;
  PLFLT **rows;       /* rows[i][j]: log10 value of cell (i, j), i across */
  PLFLT *u_um, *v_um; /* edges in µm */
  double lo, hi;      /* colour range, log10 */
} heat_draw;

static void draw_heat(const void *data)
{
  const heat_draw *d = data;
  const mni_plot_field *f = d->f;
  PLINT nu = (PLINT)f->n_u, nv = (PLINT)f->n_v;
  double u0 = d->u_um[0], u1 = d->u_um[f->n_u], v0 = d->v_um[0], v1 = d->v_um[f->n_v];
  mni_plot_cmap1_viridis();
  plvpor(0.13, 0.80, 0.12, 0.91);
  plwind(u0, u1, v1, v0);
  PLcGrid grid;
  grid.xg = d->u_um;
  grid.yg = d->v_um;
  grid.zg = NULL;
  grid.nx = nu + 1;
  grid.ny = nv + 1;
  grid.nz = 0;
  plimagefr((PLFLT_MATRIX)d->rows, nu, nv, u0, u1, v0, v1, d->lo, d->hi, d->lo, d->hi, pltr1,
            &grid);
  plcol0(MNI_COL_BLACK);
  plbox("bcnst", 0.0, 0, "bcnstv", 0.0, 0);
  pllab(f->u_label ? f->u_label : "", "depth below the surface [µm]", f->title ? f->title : "");
  mni_plot_colorbar(f->value_label ? f->value_label : "", d->lo, d->hi, 1);
}

mn_status mni_plot_heatmap(mn_ctx *ctx, const mni_plot_out *out, const mni_plot_field *f)
{
  MN_REQUIRE(ctx, out != NULL && f != NULL, MN_E_ARG, "plot: NULL argument");
  MN_REQUIRE(ctx, f->n_u >= 1 && f->n_v >= 1 && f->n_u <= 100000 && f->n_v <= 100000, MN_E_ARG,
             "heat map %s: grid %zu x %zu cells", out->name, f->n_u, f->n_v);
  MN_REQUIRE(ctx, isfinite(f->decades) && f->decades > 0.0 && f->decades <= 30.0, MN_E_ARG,
             "heat map %s: decades = %g must be in (0, 30]", out->name, f->decades);
  MN_TRY(mni_plot_check_finite(ctx, "u_edges_m", f->u_edges_m, f->n_u + 1));
  MN_TRY(mni_plot_check_finite(ctx, "v_edges_m", f->v_edges_m, f->n_v + 1));
  MN_TRY(mni_plot_check_finite(ctx, "value", f->value, f->n_u * f->n_v));
  for (size_t i = 0; i < f->n_u; i++)
    MN_REQUIRE(ctx, f->u_edges_m[i + 1] > f->u_edges_m[i], MN_E_ARG,
               "heat map %s: u_edges_m must increase (u_edges_m[%zu] = %g)", out->name, i + 1,
               f->u_edges_m[i + 1]);
  for (size_t j = 0; j < f->n_v; j++)
    MN_REQUIRE(ctx, f->v_edges_m[j + 1] > f->v_edges_m[j], MN_E_ARG,
               "heat map %s: v_edges_m must increase (v_edges_m[%zu] = %g)", out->name, j + 1,
               f->v_edges_m[j + 1]);
  MN_REQUIRE(ctx, isfinite(f->top) && f->top >= 0.0, MN_E_ARG,
             "heat map %s: top = %g must be finite and >= 0", out->name, f->top);
  double vmax = f->top;
  if (vmax == 0.0)
    for (size_t k = 0; k < f->n_u * f->n_v; k++)
      vmax = fmax(vmax, f->value[k]);
  MN_REQUIRE(ctx, vmax > 0.0, MN_E_ARG,
             "heat map %s: the field has no positive value to draw on a log scale", out->name);

  heat_draw d;
  memset(&d, 0, sizeof d);
  d.f = f;
  d.hi = log10(vmax);
  d.lo = d.hi - f->decades;
  size_t nu = f->n_u, nv = f->n_v;
  mn_status st = MN_OK;
  /* PLplot takes rows of pointers: they point into one block */
  PLFLT *block = mn_alloc(ctx, nu * nv * sizeof(PLFLT));
  d.rows = mn_calloc(ctx, nu, sizeof *d.rows);
  d.u_um = mn_alloc(ctx, (nu + 1) * sizeof(PLFLT));
  d.v_um = mn_alloc(ctx, (nv + 1) * sizeof(PLFLT));
  if (block == NULL || d.rows == NULL || d.u_um == NULL || d.v_um == NULL) {
    st = MN_E_NOMEM;
    goto fail;
  }
  for (size_t i = 0; i < nu; i++) {
    d.rows[i] = block + i * nv;
    for (size_t j = 0; j < nv; j++) {
      double v = f->value[j * nu + i];
      d.rows[i][j] = v > 0.0 ? fmin(fmax(log10(v), d.lo), d.hi) : d.lo;
    }
  }
  for (size_t i = 0; i <= nu; i++)
    d.u_um[i] = mn_m_to_um(f->u_edges_m[i]);
  for (size_t j = 0; j <= nv; j++)
    d.v_um[j] = mn_m_to_um(f->v_edges_m[j]);
  st = mni_plot_render(ctx, out, draw_heat, &d);
fail:
  mn_free(ctx, block, nu * nv * sizeof(PLFLT));
  mn_free(ctx, d.rows, nu * sizeof *d.rows);
  mn_free(ctx, d.u_um, (nu + 1) * sizeof(PLFLT));
  mn_free(ctx, d.v_um, (nv + 1) * sizeof(PLFLT));
  return st;
}
