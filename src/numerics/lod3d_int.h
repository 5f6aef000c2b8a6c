/* The 3D diffusion solver: finite volumes on a tensor-product non-uniform grid, locally
 * one-dimensional (LOD) splitting with implicit Euler per direction and Thomas sweeps.
 *
 * Unknown: u = C / K, the aqueous-equivalent concentration, continuous across layers and
 * channel walls (shared numerics notes, "Partition jumps"). Cell balance, per direction d:
 *   K_i V_i (u_i' - u_i) / dt = sum_j G_ij (u_j' - u_i') [- k_i K_i V_i u_i' in the z sweep]
 *   G_ij = A_ij / (h_i / (2 D_i K_i) + h_j / (2 D_j K_j))        (harmonic series)
 * Dividing by K_i V_i leaves coefficients that depend only on the materials along a line and
 * the widths along it, so identical lines share one precomputed factorisation ("line
 * classes"): a homogeneous cube has one class per direction, a layered patch with channels a
 * few hundred. Lines are swept eight at a time so the inner loop runs across lines: contiguous
 * (and vectorised) for the y and z sweeps, independent chains for x.
 *
 * Sides x, y: periodic (cyclic Thomas with a Sherman-Morrison correction) or zero flux.
 * Top (z = first face, the skin surface) and bottom: zero flux, sink (u = 0 beyond the face)
 * or, at the top, a well-mixed donor (the vehicle), coupled implicitly: the z lines are
 * eliminated from the bottom up, the donor's balance is solved as one scalar equation, then
 * every line is back-substituted. Clearance (first order, k per material) is implicit in the
 * z sweep. Mass is conserved to round-off: every flux leaves one cell and enters another (or a
 * tallied compartment: donor, sink, cleared).
 *
 * Threads: planes (x, y sweeps) and slabs (z sweep) are shared out with OpenMP; every sum is
 * taken per slab and then added in slab order, so results are bitwise identical for any
 * thread count. */
#ifndef MNSIM_NUMERICS_LOD3D_INT_H
#define MNSIM_NUMERICS_LOD3D_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "mnsim/core.h"
#include "numerics/fv_int.h"

/* The time scheme. Both are first order, conserve mass to round-off and give bitwise the same
 * results at any thread count.
 * SPLIT: implicit Euler per direction in turn, u' = Lz Ly Lx u with L_d = (I - dt A_d)^-1:
 *   positive, but its splitting error does not vanish at a steady state (a channel that
 *   carries a steady flux has an error of order dt in its flux).
 * DOUGLAS: the stabilising correction of Douglas & Gunn (1964) in increment form,
 *   u' = u + Lz Ly Lx (dt A u), with A the whole operator: one explicit evaluation and the
 *   same three sweeps; exact at a steady state, so the step follows the transients only
 *   (Hundsdorfer & Verwer 2003, section IV.3). Not positivity-preserving at large steps. */
typedef enum { MNI_LOD_SPLIT = 0, MNI_LOD_DOUGLAS = 1 } mni_lod3d_scheme;

typedef struct mni_lod3d_spec {
  const mni_axis *x, *y, *z;     /* z: depth from the surface (borrowed during create) */
  const uint8_t *material;       /* per cell, index i + nx (j + ny k) (copied) */
  const mni_material *materials; /* table indexed by material id (copied) */
  size_t n_materials;
  bool is_periodic_xy;      /* else zero flux on the four sides */
  mni_bc top, bottom;       /* bottom: zero flux or sink; top: any */
  double donor_capacity_m3; /* top donor: K_v × vehicle volume; <= 0: infinite dose */
  double donor_u;           /* initial donor u = C_v / K_v [kg/m^3] */
  double dt_s;              /* step, > 0 */
  mni_lod3d_scheme scheme;  /* MNI_LOD_SPLIT (0) unless set */
  int n_threads;            /* 0: OpenMP's default */
} mni_lod3d_spec;

typedef struct mni_lod3d mni_lod3d;

mn_status mni_lod3d_create(mn_ctx *ctx, const mni_lod3d_spec *spec, mni_lod3d **out);
void mni_lod3d_destroy(mni_lod3d **ps);

/** The unknown u = C / K per cell (index i + nx (j + ny k)); writable to set an initial state. */
double *mni_lod3d_u(mni_lod3d *s);
size_t mni_lod3d_n_cells(const mni_lod3d *s);

/** A copy of the state (u, tallies, donor u) for step-doubling error control; u holds
 *  mni_lod3d_n_cells() values and is the caller's. */
typedef struct mni_lod3d_snapshot {
  double *u;
  mni_spatial_tally tally;
  double donor_u;
} mni_lod3d_snapshot;
void mni_lod3d_save(const mni_lod3d *s, mni_lod3d_snapshot *snap);
void mni_lod3d_restore(mni_lod3d *s, const mni_lod3d_snapshot *snap);

/** Advance n_steps steps of dt_s. */
mn_status mni_lod3d_step(mni_lod3d *s, size_t n_steps);
/** Change one material (e.g. a closing channel's D); the factorisations are redone. */
mn_status mni_lod3d_set_material(mni_lod3d *s, size_t id, mni_material m);
/** Replace the whole material table at once (one refactorisation); K may not change. */
mn_status mni_lod3d_set_materials(mni_lod3d *s, const mni_material *mats);
/** The donor from now on: on (a donor with capacity cap_m3 > 0 at u, or an infinite one at u
 *  when cap_m3 <= 0) or off (zero flux: the film was washed off). */
mn_status mni_lod3d_set_donor(mni_lod3d *s, bool is_on, double cap_m3, double u);
/** The donor's contact with the top cells of each material (n_materials values each): the top
 *  conductance per area becomes frac / (h / (2 D K) + r) (frac 1, r 0: a liquid in full
 *  contact; frac 0: nothing crosses there). Refactorises when anything changed. */
mn_status mni_lod3d_set_top_contact(mni_lod3d *s, const double *frac, const double *r_s_per_m);
/** Amount [kg] in the cells of each material (n_materials entries, summed in plane order). */
void mni_lod3d_amounts(const mni_lod3d *s, double *per_material_kg);
/** Change the step (the factorisations are redone; cheap: one per line class). */
mn_status mni_lod3d_set_dt(mni_lod3d *s, double dt_s);
double mni_lod3d_dt(const mni_lod3d *s);
/** Tallies; in_tissue is summed now (mni_lod3d_amounts: per slab, the slabs in order). */
mni_spatial_tally mni_lod3d_tallies(const mni_lod3d *s);
/** The same without summing the tissue (in_tissue_kg = 0): what crossed the faces and was
 *  cleared, kept as the steps go, at no cost. */
mni_spatial_tally mni_lod3d_flows(const mni_lod3d *s);
/** Donor u now (finite or infinite). */
double mni_lod3d_donor_u(const mni_lod3d *s);
/** Number of line classes per direction (for tests and benchmarks). */
void mni_lod3d_classes(const mni_lod3d *s, size_t *nx_classes, size_t *ny_classes,
                       size_t *nz_classes);

#endif /* MNSIM_NUMERICS_LOD3D_INT_H */
