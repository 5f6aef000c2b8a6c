/* Types shared by the spatial solvers (3D LOD, axisymmetric cell): media, boundaries, tallies. */
#ifndef MNSIM_NUMERICS_FV_INT_H
#define MNSIM_NUMERICS_FV_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "mnsim/core.h"
#include "numerics/grid_int.h"

typedef enum { MNI_BC_ZERO_FLUX = 0, MNI_BC_SINK = 1, MNI_BC_DONOR = 2 } mni_bc;

/** A medium: diffusivity, partition coefficient to water, first-order clearance. */
typedef struct mni_material {
  double D_m2_per_s; /* >= 0 (0: the medium blocks its faces) */
  double K;          /* > 0, relative to water */
  double k_per_s;    /* >= 0 */
} mni_material;

/** Compartment tallies [kg] since the start. */
typedef struct mni_spatial_tally {
  double in_tissue_kg;   /* sum of K V u over the cells */
  double donor_kg;       /* in the donor (finite dose) */
  double from_donor_kg;  /* that crossed the top face from the donor */
  double to_top_sink_kg; /* that left through a top sink */
  double to_bottom_kg;   /* that left through a bottom sink */
  double cleared_kg;     /* removed by first-order clearance */
} mni_spatial_tally;

#endif /* MNSIM_NUMERICS_FV_INT_H */
