/* Fields of spatial runs (axisymmetric, 3d): heat maps and HDF5 + XDMF (fields_hdf5.c).
 * A run without a spatial field (1d) writes none and says so through the logger. */
#include <math.h>
#include <stdio.h>

#include "output/fields_int.h"
#include "output/output_int.h"
#include "output/plot/plot_int.h"
#include "run/result_int.h"
#include "absorption/absorb_int.h"

/* Cells of one time step. */
static size_t n_cells(const mni_field_grid *g)
{
  return g->n_z * g->n_x * (g->is_3d ? g->n_y : 1);
}

/* 3d: the y cell whose (x, z) plane holds the most at the first step (it cuts through the
 * channels rather than between them); the first such cell on ties. */
static size_t richest_plane(const mni_field_series *fs)
{
  const mni_field_grid *g = &fs->grid;
  size_t best = 0;
  double best_sum = -1.0;
  for (size_t jy = 0; jy < g->n_y; jy++) {
    double sum = 0.0;
    for (size_t kz = 0; kz < g->n_z; kz++)
      for (size_t ix = 0; ix < g->n_x; ix++)
        sum += fs->value[(kz * g->n_y + jy) * g->n_x + ix] *
               (g->x_edges_m[ix + 1] - g->x_edges_m[ix]) *
               (g->z_edges_m[kz + 1] - g->z_edges_m[kz]);
    if (sum > best_sum) best_sum = sum, best = jy;
  }
  return best;
}

/* The largest value a map of step k shows (3d: in the plane at y cell jy). */
static double plane_max(const mni_field_series *fs, size_t k, size_t jy)
{
  const mni_field_grid *g = &fs->grid;
  const double *step = fs->value + k * n_cells(g);
  double top = 0.0;
  for (size_t kz = 0; kz < g->n_z; kz++)
    for (size_t ix = 0; ix < g->n_x; ix++)
      top = fmax(top, g->is_3d ? step[(kz * g->n_y + jy) * g->n_x + ix] : step[kz * g->n_x + ix]);
  return top;
}

/* The heat map of step k: axisymmetric directly; 3d the (x, z) plane at y cell jy. */
static mn_status heat_map(mn_ctx *ctx, mni_outlist *ol, const mni_field_series *fs, size_t k,
                          size_t index, size_t jy, double top)
{
  const mni_field_grid *g = &fs->grid;
  const double *step = fs->value + k * n_cells(g);
  double *plane = NULL;
  size_t n_plane = g->n_x * g->n_z;
  if (g->is_3d) {
    plane = mn_alloc(ctx, n_plane * sizeof *plane);
    if (plane == NULL) return MN_E_NOMEM;
    for (size_t kz = 0; kz < g->n_z; kz++)
      for (size_t ix = 0; ix < g->n_x; ix++)
        plane[kz * g->n_x + ix] = step[(kz * g->n_y + jy) * g->n_x + ix];
  }
  char name[32], when[32], title[96], caption[288], where[96];
  snprintf(name, sizeof name, "field_t%zu", index);
  mni_time_label(when, sizeof when, fs->t_s[k]);
  snprintf(title, sizeof title, "Concentration %s after application", when);
  if (g->is_3d)
    snprintf(where, sizeof where, "3d patch: the plane y = %.0f µm, through the channels",
             mn_m_to_um(0.5 * (g->y_edges_m[jy] + g->y_edges_m[jy + 1])));
  else
    snprintf(where, sizeof where, "axisymmetric cell around one channel");
  snprintf(caption, sizeof caption,
           "Concentration in the skin %s after application (%s), on the log colour scale that "
           "all the run's maps share (top %.3g mg/mL)",
           when, where, top);
  mni_plot_field pf = {title,
                       g->is_3d ? "x [µm]" : "r [µm]",
                       "concentration [mg/mL]",
                       g->x_edges_m,
                       g->n_x,
                       g->z_edges_m,
                       g->n_z,
                       g->is_3d ? plane : step,
                       4.0,
                       top};
  mni_plot_out out = {ol->dir, name, ol->formats};
  mn_status st = mni_plot_heatmap(ctx, &out, &pf);
  mn_free(ctx, plane, n_plane * sizeof *plane);
  MN_TRY(st);
  return mni_output_figure(ol, name, caption);
}

mn_status mni_output_field_series(mn_ctx *ctx, mni_outlist *ol, const mni_field_series *fs,
                                  const mni_field_meta *meta, int draw_maps, int write_files)
{
  MN_REQUIRE(ctx, fs != NULL && meta != NULL && fs->n_t >= 1, MN_E_ARG,
             "fields: empty field series");
  if (draw_maps && ol->formats != 0) {
    /* Up to 4 steps spread over the series, the last included. */
    size_t n_maps = fs->n_t < 4 ? fs->n_t : 4;
    size_t jy = fs->grid.is_3d ? richest_plane(fs) : 0;
    double top = 0.0; /* one colour scale for all the maps: the largest value they show */
    for (size_t m = 0; m < n_maps; m++)
      top = fmax(top, plane_max(fs, mni_spread_index(m, n_maps, fs->n_t), jy));
    if (!(top > 0.0)) /* nothing in the skin at any drawn time: no map, not a failure */
      mni_log(ctx, MN_LOG_INFO, "fields: the skin holds none of the product at the drawn times: "
              "no heat map");
    for (size_t m = 0; m < n_maps && top > 0.0; m++) {
      size_t k = mni_spread_index(m, n_maps, fs->n_t);
      MN_TRY(heat_map(ctx, ol, fs, k, m + 1, jy, top));
    }
  }
  if (write_files) {
    MN_TRY(mni_fields_write(ctx, ol->dir, "concentration", &fs->grid, meta, fs->value, fs->t_s,
                            fs->n_t));
    mni_outlist_add(ol, "concentration.h5", "the concentration field at the stored times (HDF5)");
    mni_outlist_add(ol, "concentration.xdmf", "the same for ParaView (XDMF 3, refers to the .h5)");
  }
  return MN_OK;
}

mn_status mni_output_fields(mn_ctx *ctx, const mn_result *r, mni_outlist *ol, int draw_maps,
                            int write_files)
{
  const mni_field_store *f = r->absorption != NULL ? mni_absorption_field(r->absorption) : NULL;
  if (f == NULL) {
    if (write_files)
      mni_log(ctx, MN_LOG_WARN,
              "fields: this run has no concentration field to write (only axisymmetric and 3d "
              "runs have one; this one ran %s)",
              r->absorption != NULL ? mn_model_name(mn_absorption_summary_get(r->absorption)->model)
                                    : "none");
    return MN_OK;
  }
  mni_field_series fs = {
      {f->is_3d, f->x_edges_m, f->n_x, f->y_edges_m, f->n_y, f->z_edges_m, f->n_z},
      f->t_s,
      f->n_t,
      f->conc_kg_per_m3};
  mni_field_meta meta = {"concentration", "kg/m^3",
                         f->is_3d ? "concentration in the tissue (C = K u) of the 3d patch"
                                  : "concentration in the tissue (C = K u) of the axisymmetric "
                                    "cell around a channel of the mean depth",
                         r->scenario.name, r->scenario.seed};
  return mni_output_field_series(ctx, ol, &fs, &meta, draw_maps, write_files);
}
