/* Grids and material maps of the spatial solvers (see build_int.h). */
#include <math.h>
#include <string.h>

#include "core/core_int.h"
#include "spatial/build_int.h"

void mni_build_materials(const mni_skin_column *col, mni_material *mats, double *D_closed)
{
  size_t L = col->n_layers;
  for (size_t l = 0; l < L; l++) {
    mats[l] = col->layer[l];
    D_closed[l] = -1.0; /* tissue does not close */
    mats[L + l] = col->channel;
    /* the channel keeps the layer's clearance: capillaries do not care about the pore */
    mats[L + l].k_per_s = col->layer[l].k_per_s;
    D_closed[L + l] = col->layer[l].D_m2_per_s * col->layer[l].K / col->channel.K;
  }
}

static size_t layer_of(const mni_skin_column *col, double z_m)
{
  double top = 0.0;
  for (size_t l = 0; l < col->n_layers; l++) {
    top += col->thickness_m[l];
    if (z_m < top) return l;
  }
  return col->n_layers - 1;
}

static mn_status check_column(mn_ctx *ctx, const mni_skin_column *col)
{
  MN_REQUIRE(ctx, col->n_layers >= 1 && col->n_layers <= MNI_MAX_LAYERS, MN_E_ARG,
             "skin column: n_layers = %zu must be in [1, %d]", col->n_layers, MNI_MAX_LAYERS);
  for (size_t l = 0; l < col->n_layers; l++)
    MN_REQUIRE(ctx, col->thickness_m[l] > 0.0, MN_E_ARG,
               "skin column: layer %zu thickness_m = %g must be > 0", l, col->thickness_m[l]);
  return MN_OK;
}

/* The spatial solvers' grading (grid_int.h): h_first everywhere, up to h_max. */
static mni_grid_opts spatial_grid(const mni_skin_column *col, double h_first_m)
{
  mni_grid_opts o = mni_grid_opts_default();
  o.h_first_m = o.h_first_tissue_m = h_first_m;
  o.h_max_m = col->h_max_m;
  o.growth = col->ratio;
  o.grading = MNI_GRADE_MIDDLE;
  return o;
}

/* z axis: faces on the layer interfaces and on the given extra depths (inside the stack). */
static mn_status depth_axis(mn_ctx *ctx, const mni_skin_column *col, const double *extra,
                            size_t n_extra, mni_axis *z)
{
  double br[MNI_MAX_LAYERS + 9];
  size_t nb = 0;
  br[nb++] = 0.0;
  double top = 0.0;
  for (size_t l = 0; l < col->n_layers; l++) {
    top += col->thickness_m[l];
    br[nb++] = top;
  }
  for (size_t e = 0; e < n_extra && e < 8; e++) {
    double d = extra[e];
    bool is_new = d > 0.0 && d < top;
    for (size_t b = 0; b < nb && is_new; b++)
      if (fabs(br[b] - d) < 0.05 * col->h_min_m) is_new = false;
    if (!is_new) continue;
    size_t pos = nb;
    while (pos > 0 && br[pos - 1] > d) {
      br[pos] = br[pos - 1];
      pos--;
    }
    br[pos] = d;
    nb++;
  }
  /* the stratum corneum (the first segment) gets h_min; the tissue below h_tissue */
  mni_grid_opts o = spatial_grid(col, col->h_min_m);
  o.h_first_tissue_m = col->h_tissue_m > 0.0 ? col->h_tissue_m : col->h_min_m;
  o.fine_until_m = col->thickness_m[0];
  return mni_axis_graded(ctx, br, nb, &o, z);
}

mn_status mni_build_axisym(mn_ctx *ctx, const mni_skin_column *col, double R_m, double depth_m,
                           double radius_m, double h_r_m, mni_axis *r, mni_axis *z,
                           uint8_t **material)
{
  *material = NULL;
  r->face_m = z->face_m = NULL;
  MN_TRY(check_column(ctx, col));
  bool has_channel = depth_m > 0.0 && radius_m > 0.0;
  MN_REQUIRE(ctx, !has_channel || radius_m < R_m, MN_E_ARG,
             "axisym cell: channel radius %g um must be below the cell radius %g um",
             mn_m_to_um(radius_m), mn_m_to_um(R_m));
  double rb[3] = {0.0, radius_m, R_m};
  mni_grid_opts o = spatial_grid(col, h_r_m);
  o.h_max_m = fmax(h_r_m, 0.1 * R_m);
  mn_status st = has_channel ? mni_axis_graded(ctx, rb, 3, &o, r)
                             : mni_axis_graded(ctx, (double[2]){0.0, R_m}, 2, &o, r);
  if (st == MN_OK) st = depth_axis(ctx, col, &depth_m, has_channel ? 1 : 0, z);
  if (st == MN_OK) {
    *material = mn_alloc(ctx, r->n * z->n);
    st = *material ? MN_OK : MN_E_NOMEM;
  }
  if (st != MN_OK) {
    mni_axis_free(ctx, r);
    mni_axis_free(ctx, z);
    return st;
  }
  for (size_t k = 0; k < z->n; k++) {
    double zc = mni_axis_centre(z, k);
    size_t l = layer_of(col, zc);
    for (size_t i = 0; i < r->n; i++) {
      bool in = has_channel && mni_axis_centre(r, i) < radius_m && zc < depth_m;
      (*material)[i + r->n * k] = (uint8_t)(in ? col->n_layers + l : l);
    }
  }
  return MN_OK;
}

mn_status mni_build_patch(mn_ctx *ctx, const mni_skin_column *col, double side_x_m, double side_y_m,
                          double h_lat_m, const mni_channel *channels, size_t n_channels,
                          mni_axis *x, mni_axis *y, mni_axis *z, uint8_t **material)
{
  *material = NULL;
  x->face_m = y->face_m = z->face_m = NULL;
  MN_TRY(check_column(ctx, col));
  MN_REQUIRE(ctx, h_lat_m > 0.0 && side_x_m >= h_lat_m && side_y_m >= h_lat_m, MN_E_ARG,
             "patch: h_lat_m = %g m for a %g x %g m patch", h_lat_m, side_x_m, side_y_m);
  size_t nx = (size_t)ceil(side_x_m / h_lat_m - 1e-9), ny = (size_t)ceil(side_y_m / h_lat_m - 1e-9);
  /* faces at the distinct channel depths (up to eight; the others fall on cell centres) */
  double depths[8];
  size_t nd = 0;
  for (size_t c = 0; c < n_channels && nd < 8; c++) {
    bool seen = false;
    for (size_t d = 0; d < nd; d++)
      seen = seen || fabs(depths[d] - channels[c].depth_m) < 0.05 * col->h_min_m;
    if (!seen) depths[nd++] = channels[c].depth_m;
  }
  mn_status st = mni_axis_uniform(ctx, 0.0, side_x_m, nx, x);
  if (st == MN_OK) st = mni_axis_uniform(ctx, 0.0, side_y_m, ny, y);
  if (st == MN_OK) st = depth_axis(ctx, col, depths, nd, z);
  size_t nz = z->n;
  if (st == MN_OK) {
    *material = mn_alloc(ctx, nx * ny * nz);
    st = *material ? MN_OK : MN_E_NOMEM;
  }
  if (st != MN_OK) {
    mni_axis_free(ctx, x);
    mni_axis_free(ctx, y);
    mni_axis_free(ctx, z);
    return st;
  }
  uint8_t *m = *material;
  for (size_t k = 0; k < nz; k++) {
    uint8_t l = (uint8_t)layer_of(col, mni_axis_centre(z, k));
    memset(m + nx * ny * k, l, nx * ny);
  }
  /* stamp each channel: only the cells within its bounding box */
  for (size_t c = 0; c < n_channels; c++) {
    const mni_channel *ch = &channels[c];
    double a = ch->radius_m;
    long ic = (long)floor(ch->x_m / side_x_m * (double)nx);
    long jc = (long)floor(ch->y_m / side_y_m * (double)ny);
    long ri = (long)ceil(a / (side_x_m / (double)nx)) + 1,
         rj = (long)ceil(a / (side_y_m / (double)ny)) + 1;
    for (long dj = -rj; dj <= rj; dj++)
      for (long di = -ri; di <= ri; di++) {
        long ii = ((ic + di) % (long)nx + (long)nx) % (long)nx;
        long jj = ((jc + dj) % (long)ny + (long)ny) % (long)ny;
        double dx = mni_axis_centre(x, (size_t)ii) - ch->x_m;
        double dy = mni_axis_centre(y, (size_t)jj) - ch->y_m;
        dx -= side_x_m * round(dx / side_x_m);
        dy -= side_y_m * round(dy / side_y_m);
        if (dx * dx + dy * dy >= a * a) continue;
        for (size_t k = 0; k < nz; k++) {
          double zc = mni_axis_centre(z, k);
          if (zc >= ch->depth_m) break;
          m[(size_t)ii + nx * ((size_t)jj + ny * k)] = (uint8_t)(col->n_layers + layer_of(col, zc));
        }
      }
  }
  return MN_OK;
}
