/* From a layered skin and a set of channels to the grids (numerics/grid.c, the middle
 * grading) and material maps of the spatial solvers.
 *
 * Materials: layer l of the stack is material l; a channel cell in layer l is material
 * n_layers + l (an aqueous pore: D_aq, K = 1). A closing channel tends to the conductance of
 * its layer, D K = D_l K_l, so its closed diffusivity is D_l K_l / K_channel. */
#ifndef MNSIM_SPATIAL_BUILD_INT_H
#define MNSIM_SPATIAL_BUILD_INT_H

#include "numerics/fv_int.h"

#define MNI_MAX_LAYERS 5

typedef struct mni_skin_column {
  size_t n_layers;
  double thickness_m[MNI_MAX_LAYERS];
  mni_material layer[MNI_MAX_LAYERS]; /* intact media, top down */
  mni_material channel;               /* the open pore's medium */
  double h_min_m;                     /* finest cell at the stratum corneum's faces (depth) */
  double h_tissue_m;                  /* finest cell at the interfaces below (0: h_min_m) */
  double h_max_m;                     /* coarsest cell (depth) */
  double ratio;                       /* growth of cells away from interfaces (<= 1.2) */
} mni_skin_column;

typedef struct mni_channel {
  double x_m, y_m; /* centre on the surface */
  double depth_m;  /* depth reached */
  double radius_m; /* opening radius */
} mni_channel;

/** The material table (2 n_layers entries) and the closed diffusivities per material (-1 for
 *  the layers: they do not close). Both arrays hold 2 MNI_MAX_LAYERS entries. */
void mni_build_materials(const mni_skin_column *col, mni_material *mats, double *D_closed);

/** Axisymmetric cell: r axis 0..R with faces at the channel radius, z axis with faces on the
 *  layer interfaces and the channel's depth; material map (i + nr k), freed with mn_free
 *  (size nr nz). h_r_m: finest radial cell at the channel wall. depth_m <= 0: no channel. */
mn_status mni_build_axisym(mn_ctx *ctx, const mni_skin_column *col, double R_m, double depth_m,
                           double radius_m, double h_r_m, mni_axis *r, mni_axis *z,
                           uint8_t **material);

/** 3D patch [0, side_x] x [0, side_y] (periodic), uniform lateral cells of about h_lat_m; a cell
 *  belongs to a channel when its centre lies within the channel's radius (periodic distance)
 *  and above its depth. Material map (i + nx (j + ny k)) freed with mn_free (size nx ny nz). */
mn_status mni_build_patch(mn_ctx *ctx, const mni_skin_column *col, double side_x_m, double side_y_m,
                          double h_lat_m, const mni_channel *channels, size_t n_channels,
                          mni_axis *x, mni_axis *y, mni_axis *z, uint8_t **material);

#endif /* MNSIM_SPATIAL_BUILD_INT_H */
