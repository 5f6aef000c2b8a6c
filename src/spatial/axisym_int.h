/* The axisymmetric unit cell around one channel: (r, z) finite volumes, method of lines with
 * CVODE (BDF, set up by numerics/cvode_setup.c) and the band LU of numerics/band_lu.c.
 *
 * The cell is the cylinder 0 <= r <= R around one channel, R = 1 / sqrt(pi n) for n channels
 * per unit area (equal-area cell of a hexagonal pattern), zero flux at r = 0 and r = R. Cells
 * (i, k) have volume pi (r_{i+1}^2 - r_i^2) dz_k; radial faces 2 pi r dz, axial faces
 * pi (r_out^2 - r_in^2) (shared numerics notes, "Grids"). Unknown u = C / K; face conductance
 * the harmonic series of the two half-cells, G = A / (h_i / (2 D_i K_i) + h_j / (2 D_j K_j)).
 *   K_i V_i du_i/dt = sum_j G_ij (u_j - u_i) - k_i K_i V_i u_i   [+ G_top (u_v - u_i) on top]
 * The donor (vehicle, well mixed) sits on the top face: cap_v du_v/dt = -sum G_top (u_v - u_i),
 * cap_v = K_v V_v; infinite dose: u_v fixed. Channels close: a material may carry a closed
 * diffusivity, D(t) = D_closed + (D - D_closed) exp(-t / tau).
 *
 * Tallies are ODE states too (donor influx; cleared amount per row of cells, placed after the
 * row; bottom outflow last), so the state vector keeps a band of half-width nr + 1 and the
 * total amount is a linear invariant that BDF conserves to round-off. */
#ifndef MNSIM_SPATIAL_AXISYM_INT_H
#define MNSIM_SPATIAL_AXISYM_INT_H

#include "numerics/fv_int.h"
#include "transport/transport_int.h"

typedef struct mni_axisym_spec {
  const mni_axis *r, *z;         /* r: 0 (channel axis) to R; z: depth (borrowed in create) */
  const uint8_t *material;       /* per cell, index i + nr k (copied) */
  const mni_material *materials; /* copied */
  size_t n_materials;
  const double *D_closed_m2_per_s; /* per material; NULL, or < 0 for materials that stay */
  double tau_close_s;              /* closure time constant; <= 0 or inf: never closes */
  mni_bc bottom;                   /* zero flux or sink; the top is the donor */
  double donor_capacity_m3;        /* K_v × vehicle volume over the cell; <= 0: infinite dose */
  double donor_u;                  /* initial u of the donor [kg/m^3] */
  double rtol;                     /* CVODE relative tolerance */
  /* The transport stage's physics (transport_int.h), when given: */
  const mni_vehicle *vehicle; /* the applied film drives the donor (borrowed for the
                                      solver's life): state 0 is its amount M [kg per m² of
                                      skin] (dissolved and deposit), state 1 the amount
                                      evaporated; donor_capacity_m3 / donor_u are ignored */
  double dose_kg_per_m2;      /* vehicle: M at t = 0 */
  const mni_closure *closure; /* channels' open fraction c(t) (borrowed); replaces tau:
                                      D K = c D K_open + (1 - c) D_closed K */
  /* The SC's hydration (borrowed): the D (and D_closed) of the materials with is_sc[m] are
   * scaled by mni_hydration_D_factor(props, t). NULL: fixed. */
  const mn_compound_props *props;
  const bool *is_sc; /* per material (copied); NULL: none */
  /* Initial u of the cells of each material (copied; NULL: 0): a dry deposit's loading zone.
   * The caller takes what it places from dose_kg_per_m2. */
  const double *u0;
} mni_axisym_spec;

typedef struct mni_axisym mni_axisym;

mn_status mni_axisym_create(mn_ctx *ctx, const mni_axisym_spec *spec, mni_axisym **out);
void mni_axisym_destroy(mni_axisym **ps);
/** Integrate to t_s (>= the current time). */
mn_status mni_axisym_advance(mni_axisym *s, double t_s);
mni_spatial_tally mni_axisym_tallies(const mni_axisym *s);
/** u of cell (i, k) now. */
double mni_axisym_u(const mni_axisym *s, size_t i, size_t k);
double mni_axisym_donor_u(const mni_axisym *s);
/** Vehicle mode: the amount M [kg/m²] and the amount evaporated [kg/m²] now. */
void mni_axisym_vehicle_state(const mni_axisym *s, double *M, double *E);
/** Vehicle mode: remove the film (wash-off): returns M [kg/m²], sets it to 0, restarts. */
double mni_axisym_wash(mni_axisym *s);
/** Restart the integrator at the current time (after a kink: the end of evaporation). */
void mni_axisym_restart(mni_axisym *s);
/** Amount [kg] in the cells of each material (n_materials entries). */
void mni_axisym_amounts(const mni_axisym *s, double *per_material_kg);
/** Absorption rate now [kg/s]: clearance plus the bottom sink. */
double mni_axisym_absorption_rate(mni_axisym *s);
/** Cell area pi R² [m²]. */
double mni_axisym_area_m2(const mni_axisym *s);
/** CVODE's step count so far. */
long mni_axisym_steps(const mni_axisym *s);
/** CVODE's counters: steps, right-hand sides, linear solver set-ups (factorisations), Jacobians. */
void mni_axisym_stats(const mni_axisym *s, long *n_steps, long *n_rhs, long *n_setups, long *n_jac);

/** Outer radius of the equal-area cell for n channels per m² [m]. */
double mni_axisym_cell_radius_m(double density_per_m2);

#endif /* MNSIM_SPATIAL_AXISYM_INT_H */
