/* The Pennes bioheat equation on an axisymmetric (r, z) grid: the heat of one laser pulse.
 *
 *   rho c dT/dt = (1/r) d/dr (k r dT/dr) + d/dz (k dT/dz) - w rho c (T - T_base) + q
 *
 * Unknown theta = T - T_base per cell; finite volumes (cell volume 2 pi r dr dz), uniform
 * tissue (k, rho c, perfusion w as a rate [1/s]: w_b rho_b c_b / rho c). The axis r = 0 and
 * the surface z = 0 are adiabatic (air carries little heat in the milliseconds of a pulse);
 * the far side r = R and the bottom z = L are held at T_base or adiabatic.
 *
 * Time: locally one-dimensional implicit Euler, an r sweep then a z sweep (perfusion implicit
 * in the z sweep), Thomas per line: positive and strongly damped, as the Arrhenius integral
 * needs (an overshoot of a few kelvin changes the damage by a factor of ten), first order in
 * time, second in space (tests/unit/test_bioheat.c). The source q of a step is added before
 * the sweeps.
 *
 * Phase change and ablation (optional), an enthalpy method: a cell that would pass T_vap
 * keeps T_vap and stores the excess as latent heat, and gives it back if conduction cools it
 * (its vapour condenses). When the store reaches the tissue's heat of vaporisation per volume
 * and the cell is open to the air (on the surface, or beside or above an ablated cell), it is
 * ablated: it leaves the grid (its sensible and latent heat go with the plume) and its faces
 * become adiabatic. Ablation needs a free surface for the vapour and debris to go to.
 *
 * A lid (optional): the top lid_m are a dry layer, the stratum corneum, whose little water
 * boils off (h_vap_lid) without tearing it; it is no free surface for the tissue under it.
 * Tissue that has stored its full latent heat under the lid, or under other intact tissue,
 * is confined boiling: it heats on past T_vap, and bursts at t_burst_c, taking every cell
 * above it in its column (lid included) with it. A lid cell itself leaves when it reaches
 * t_burst_c with its water gone and is open to the air. Every joule is tallied: the balance
 * closes to round-off. */
#ifndef MNSIM_NUMERICS_BIOHEAT_INT_H
#define MNSIM_NUMERICS_BIOHEAT_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "mnsim/core.h"
#include "numerics/grid_int.h"

typedef struct mni_thermal {
  double k_w_per_m_k;         /* conductivity */
  double rho_c_j_per_m3_k;    /* volumetric heat capacity */
  double perfusion_per_s;     /* Pennes perfusion rate */
  double t_base_c;            /* body (far) temperature */
  double t_vap_c;             /* vaporisation temperature; ignored without ablation */
  double h_vap_j_per_m3;      /* heat of vaporisation per volume of tissue; <= 0: no ablation */
  double lid_m;               /* depth of a dry surface layer (the stratum corneum); 0: none */
  double h_vap_lid_j_per_m3;  /* the latent heat of the lid's own (little) water per volume */
  double t_burst_c;           /* confined tissue bursts here; <= t_vap_c: never */
} mni_thermal;

typedef struct mni_bioheat_spec {
  const mni_axis *r, *z; /* r from the axis, z from the surface (borrowed during create) */
  mni_thermal tissue;
  bool is_side_fixed;    /* r = R held at T_base (else adiabatic) */
  bool is_bottom_fixed;  /* z = L held at T_base (else adiabatic) */
} mni_bioheat_spec;

/** Energy tallies [J], all from the start. */
typedef struct mni_heat_tally {
  double deposited_j;  /* by the source */
  double perfused_j;   /* carried away by the blood */
  double boundary_j;   /* out through the far faces */
  double ablated_j;    /* left with ablated cells (sensible + latent) */
} mni_heat_tally;

typedef struct mni_bioheat mni_bioheat;

mn_status mni_bioheat_create(mn_ctx *ctx, const mni_bioheat_spec *spec, mni_bioheat **out);
void mni_bioheat_destroy(mni_bioheat **ps);

/** theta = T - T_base per cell, index i + nr k (i radial, k depth); writable (initial state). */
double *mni_bioheat_theta(mni_bioheat *s);
/** 1 where the cell was ablated, else 0 (index as theta). */
const uint8_t *mni_bioheat_ablated(const mni_bioheat *s);
/** The depth of the first remaining cell of column i [m] (0 until the column ablates). */
double mni_bioheat_top_m(const mni_bioheat *s, size_t i);

/** One step of dt with the volumetric source q [W/m^3] per cell (NULL: none). */
mn_status mni_bioheat_step(mni_bioheat *s, double dt_s, const double *q_w_per_m3);
/** The same with q zero outside columns [0, nr_q) and rows [0, nz_q), which are all that is
 *  read of it. */
mn_status mni_bioheat_step_in(mni_bioheat *s, double dt_s, const double *q_w_per_m3,
                              size_t nr_q, size_t nz_q);
/** The window solved so far (bioheat.c): outside columns [0, *nr_w) and rows [0, *nz_w) theta
 *  is 0 (under 1e-9 K where the caller set it so), no cell holds latent heat or is ablated. */
void mni_bioheat_window(const mni_bioheat *s, size_t *nr_w, size_t *nz_w);

/** Heat held now [J]: sensible rho c V theta plus the latent heat stored, over live cells. */
double mni_bioheat_energy_j(const mni_bioheat *s);
mni_heat_tally mni_bioheat_tally(const mni_bioheat *s);

/** Volume of cell (i, k) [m^3]. */
double mni_bioheat_volume_m3(const mni_bioheat *s, size_t i, size_t k);

#endif /* MNSIM_NUMERICS_BIOHEAT_INT_H */
