/* Fields of axisymmetric and 3D runs in HDF5, with an XDMF 3 file beside it so that ParaView
 * (or VisIt) opens the time series directly. Layout of NAME.h5 (docs/model.md, section 8):
 *
 *   /                         attributes: mnsim_version, seed, scenario, geometry, quantity,
 *                             units, n_steps
 *   /grid/r_edges_m           (axisymmetric) cell edges in r [m], n_r + 1
 *   /grid/x_edges_m, y_edges_m (3d) cell edges [m]
 *   /grid/z_edges_m           cell edges in depth below the surface [m], positive downwards
 *   /time_s                   time of each step [s] since the product was applied
 *   /fields/step_NNNN         the field at step NNNN: (n_z, n_r) or (n_z, n_y, n_x), C order,
 *                             x (or r) fastest; cell-centred; attributes units, t_s, quantity
 *
 * Every dataset carries a "units" and a "description" attribute. NAME.xdmf references NAME.h5
 * by its bare name, so the pair can be moved together. */
#ifndef MNSIM_FIELDS_INT_H
#define MNSIM_FIELDS_INT_H

#include <stddef.h>
#include <stdint.h>

#include "core/core_int.h"

/** The tensor grid of a field: cell edges, increasing. */
typedef struct mni_field_grid {
  int is_3d;               /* 0: axisymmetric (r, z); 1: Cartesian (x, y, z) */
  const double *x_edges_m; /* r (axisymmetric) or x: n_x + 1 edges */
  size_t n_x;
  const double *y_edges_m; /* 3d only: n_y + 1 edges */
  size_t n_y;
  const double *z_edges_m; /* depth below the surface: n_z + 1 edges */
  size_t n_z;
} mni_field_grid;

/** What the field is and where it comes from (written as attributes). */
typedef struct mni_field_meta {
  const char *quantity;    /* "concentration" */
  const char *units;       /* "kg/m^3" */
  const char *description; /* one line for people */
  const char *scenario;    /* the scenario's name */
  uint64_t seed;
} mni_field_meta;

/** Write DIR/NAME.h5 and DIR/NAME.xdmf: n_t steps at times t_s[n_t], the field of step k at
 *  field + k * n_cells (n_cells = n_z * n_x, or n_z * n_y * n_x in 3D; x fastest, z slowest).
 *  Each file is written to a temporary name and renamed into place; if the XDMF file fails the
 *  complete .h5 stays.
 *  @return MN_OK; MN_E_ARG (bad grid, non-finite value, bad name); MN_E_IO (HDF5 or the file
 *          system failed); MN_E_NOMEM. */
mn_status mni_fields_write(mn_ctx *ctx, const char *dir, const char *name,
                           const mni_field_grid *grid, const mni_field_meta *meta,
                           const double *field, const double *t_s, size_t n_t);

#endif /* MNSIM_FIELDS_INT_H */
