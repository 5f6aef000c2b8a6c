/* Transport internals shared by the 1D solver and the spatial (axisymmetric, 3D) solvers.
 *
 * Conventions (shared/reference/numerics.md): the unknown is u = C / K, the aqueous-equivalent
 * concentration [kg/m³], continuous across every interface; C = K u is the concentration in
 * the medium; the flux is J = -D K du/dz; a cell stores K V u. Depth z is measured from the
 * skin surface downwards [m]. Amounts are per unit skin area [kg/m²].
 *
 *   properties.c  compound catalogue values -> D, K, clearance per layer (mni_medium)
 *   vehicle.c     the applied film: evaporation, saturation and deposit, wash-off
 *   closure.c     the channels' barrier closing with first-order kinetics
 *   budget.c      the accounting of every compartment
 *   solver1d.c    finite volumes + CVODE for intact skin or intact skin + channels
 *   profiles.c    the snapshots: concentration-depth profiles and fields
 *   sc_wkn.c      the brick-and-mortar SC of Wang, Kasting & Nitsche (skin.barrier_model: wkn)
 *   ionisation.c  the un-ionised fraction of an acid or base at a pH (Henderson-Hasselbalch)
 * In numerics/: the grid (grid.c), the band LU and CVODE's fast operations (band_lu.c,
 * fast_vector.c) and the CVODE set-up (cvode_setup.c); the stage that runs intact and treated
 * skin on a model is absorption/.
 */
#ifndef MNSIM_TRANSPORT_INT_H
#define MNSIM_TRANSPORT_INT_H

#include <math.h>
#include <stdbool.h>

#include "core/core_int.h"
#include "mnsim/transport.h"
#include "numerics/grid_int.h"

/* ---- Media: D, K and clearance of each layer ------------------------------------------------ */

/** The transport coefficients of one medium. */
typedef struct mni_medium {
  double D_m2_per_s;    /* diffusivity in the medium */
  double K;             /* partition medium / water (C = K u) */
  double k_clear_per_s; /* first-order clearance (capillaries), 0 where there is none */
} mni_medium;

/** Where the dermal capillaries start clearing: this far below the dermal-epidermal junction
 *  (physics.md §4, §6: Roberts/Anissimov group 2022). */
#define MNI_CAPILLARY_DEPTH_BELOW_DEJ_M 150e-6

/** The medium of layer `layer` (stratum corneum, viable epidermis, dermis; the subcutis is
 *  treated as dermis). Clearance is 0 here: it depends on depth (mni_medium_at). */
mni_medium mni_layer_medium(const mn_compound_props *p, mn_layer_id layer);
/** The medium at depth z_m of the stack, with dermal clearance below the capillary depth when
 *  is_in_vivo (none in a Franz cell). */
mni_medium mni_medium_at(const mn_compound_props *p, const mn_layer_stack *L, double z_m,
                         bool is_in_vivo);
/** The medium of an open aqueous channel: D_aq, K = 1, with the clearance of its depth. */
mni_medium mni_channel_medium(const mn_compound_props *p, const mn_layer_stack *L, double z_m,
                              bool is_in_vivo);

/** Renkin's hindrance factor (partition times drag) of a solute of radius r_solute_m in a
 *  cylindrical pore of radius r_pore_m; 1 when either is unknown (absorption.c). */
double mni_renkin_hindrance(double r_solute_m, double r_pore_m);

/** Hayduk-Laudie aqueous diffusivity [m²/s] at 25 °C for a molecular weight [Da] (the molar
 *  volume is taken as MW / (1 g/cm³), an assumption stated in docs/model.md). */
double mni_hayduk_laudie_D_m2_per_s(double mw_da);
/** Potts & Guy 1992: log10 kp[cm/h] = -2.74 + 0.71 log Kow - 0.0061 MW; returned in m/s. */
double mni_potts_guy_kp_m_per_s(double log_kow, double mw_da);

/** Stratum corneum thickness the Potts-Guy kp refers to, used to turn kp into D_sc
 *  (physics.md §6: SC 15 µm face and body, Egawa 2007; Sandby-Møller 2003). */
#define MNI_SC_REFERENCE_M 15e-6

/* ---- The brick-and-mortar stratum corneum (Wang, Kasting & Nitsche; sc_wkn.c) ------------- */

/** Hydration state of the SC: partially hydrated (open to air, unoccluded) or fully hydrated
 *  (occluded, soaked). */
typedef enum mni_sc_hydration { MNI_SC_PARTIAL = 0, MNI_SC_FULL = 1 } mni_sc_hydration;

/** SC thickness of each state (barrier.md §3: the finite-dose calculator's 13.4 µm partially
 *  hydrated, swelling to 43.4 µm fully hydrated). */
#define MNI_WKN_SC_PARTIAL_M 13.4e-6
#define MNI_WKN_SC_FULL_M    43.4e-6

/** What the WKN model gives for one compound in one hydration state (SI units). The SC is one
 *  homogeneous membrane with these K, D and h; kp = K_sc D_sc / thickness_m. */
typedef struct mni_wkn_sc_result {
  double K_sc;                     /* SC/water partition as used: K_sum capped by density */
  double K_sum;                    /* lipid + corneocyte + water volume-weighted sum */
  double K_water;                  /* the water phase's share of the sum (an ion's partition) */
  double D_sc_m2_per_s;            /* effective diffusivity = thickness kp / K_sc */
  double kp_m_per_s;               /* SC permeability P_sc (homogenisation result) */
  double thickness_m;              /* SC thickness of the state */
  double solubility_32c_kg_per_m3; /* water solubility at skin temperature (≤ density) */
  double saturation_kg_per_m3;     /* SC concentration at saturation: min(K_sum S32, density) */
  bool is_density_capped;          /* saturation limited by the density (K_sc < K_sum) */
  bool is_in_calibrated_range;     /* MW 16-800 Da, log Kow -2..5.5 (the calculator's inputs) */
  /* Intermediates, for the tests and the docs. */
  double K_lip;                /* lipid/water partition */
  double D_lip_m2_per_s;       /* lateral lipid diffusivity */
  double k_trans_m_per_s;      /* trans-bilayer mass-transfer rate */
  double molar_volume_cm3_mol; /* solute molar volume used for its radius */
  double radius_m;             /* solute radius */
  double log10_sigma;          /* lipid/corneocyte conductance ratio (+Inf: corneocytes shut) */
  double log10_r;              /* dimensionless trans-bilayer rate */
  int approximation;           /* which of the homogenised fits gave kp (sc_wkn.c) */
} mni_wkn_sc_result;

/** The WKN stratum corneum of a neutral compound: MW [Da], log Kow, water solubility at 25 °C
 *  and density [kg/m³]. Used under skin.barrier_model: wkn (properties.c).
 *  @return MN_OK; MN_E_CONFIG for a non-positive or non-finite input (named in the message);
 *  MN_E_NUMERIC if the model gives a non-finite value. */
mn_status mni_wkn_sc(mn_ctx *ctx, double mw_da, double log_kow, double solubility_kg_per_m3,
                     double density_kg_per_m3, mni_sc_hydration hydration, mni_wkn_sc_result *out);

/* ---- Ionisation (ionisation.c) ---------------------------------------------------------------- */

/** Fraction of a compound in its un-ionised form at pH ph, by Henderson-Hasselbalch: an acid
 *  1 / (1 + 10^(pH - pKa)), a base (pKa of BH+) 1 / (1 + 10^(pKa - pH)), a neutral compound 1.
 *  NaN for an acid or base without a pKa (the catalogue does not allow one). */
double mni_unionised_fraction(mn_ion_type type, double pka, double ph);
/** The same for a catalogue compound. */
double mni_compound_unionised_fraction(const mn_compound *c, double ph);
/** Fraction of an amino acid (carboxyl pKa pka_acid, ammonium pKa pka_base > pka_acid) in its
 *  net-neutral zwitterion form at pH ph: 1 / (1 + 10^(pKa_acid - pH) + 10^(pH - pKa_base)), the
 *  rest being the cation below and the anion above (micro-species of the uncharged form
 *  neglected). The catalogue lists such a compound as neutral, its log Kow the zwitterion's. */
double mni_zwitterion_fraction(double pka_acid, double pka_base, double ph);

/* The compound catalogue's schema (compounds.c), for tests that parse a text of its format. */
struct mni_catalog_schema;
const struct mni_catalog_schema *mni_compound_schema(void);

/* ---- The vehicle (applied film) -------------------------------------------------------------- */

/** The applied film: a well-mixed liquid of thickness h(t) holding the active, dissolved up to
 *  its solubility, the rest as a deposit. Time t_s is measured from application. */
typedef struct mni_vehicle {
  double film0_m;              /* applied film thickness (volume per area) */
  double conc0_kg_per_m3;      /* concentration of the active as applied */
  double solubility_kg_per_m3; /* solubility of the active in the vehicle */
  double K_vehicle;            /* vehicle / water partition (1: aqueous vehicle) */
  double volatile_frac;        /* fraction of the film that evaporates */
  double evap_rate_m_per_s;    /* film thickness lost per second while it evaporates */
  double active_evap_m_per_s;  /* mass-transfer velocity of the active to the air at
                                   saturation (flux = this × C_dissolved); 0: non-volatile */
  double wash_off_s;           /* time of wash-off (Inf: never) */
  double residual_film_m;      /* h_eff floor: what a dry film's residue is spread over */
  bool is_infinite;            /* a donor that never depletes */
  bool is_occluded;            /* covered: no evaporation of film or active */
  bool is_deposit;             /* laid down dry at t = 0 (formulation.vehicle deposit) */
  bool has_loading_zone;       /* the active fills the SC's loading zone at t = 0 (deposit,
                                  ethanol, acetone: Dancik et al. 2013) */
  bool has_dry_deposit;        /* the film dries whole (or is a deposit): from
                                  dry_deposit_from_s on the surface holds a solid and no liquid
                                  (false, the zero value: a liquid film or residue stays) */
  double dry_deposit_from_s;
  double contact_frac;         /* share of the SC's surface a dried deposit wets */
  double patch_m;              /* radius of the deposit's contact patches */
  double dissolution_m_per_s;  /* a dried deposit's dissolution mass-transfer (Inf: fast) */
} mni_vehicle;

/** How the surface (film or deposit) touches the top cell of a column. A liquid wets it all
 *  (frac 1, no resistance). A dried deposit touches a share frac of the surface in patches of
 *  radius patch_m: the flux converges on the patches through the medium (the constriction
 *  resistance of circular contacts in a flux tube, Cooper, Mikic & Yovanovich 1969, Int J Heat
 *  Mass Transfer 12:279: per area pi a (1 - sqrt(f))^1.5 / (4 f D K)), and dissolves into it
 *  through a mass-transfer coefficient k (Inf: fast) over the patches. frac 0: nothing crosses
 *  (washed off; a dried deposit over a channel). */
typedef struct mni_contact {
  double frac;
  double patch_m;
  double k_m_per_s;
} mni_contact;

/** The resistance per area [s/m, in u = C / K] that the contact adds to the surface of a
 *  medium of conductivity D K [m²/s] and partition K; Inf when frac is 0. Independent of the
 *  grid: it comes in series with the top cell's half-width. */
static inline double mni_contact_r(mni_contact c, double DK, double K)
{
  if (!(c.frac > 0.0)) return HUGE_VAL;
  double r = 0.0;
  if (c.frac < 1.0 && c.patch_m > 0.0 && DK > 0.0) {
    double psi = pow(1.0 - sqrt(c.frac), 1.5);
    r += MN_PI * c.patch_m * psi / (4.0 * c.frac * DK);
  }
  if (c.k_m_per_s < HUGE_VAL) r += 1.0 / (c.frac * c.k_m_per_s * K);
  return r;
}

/** The conductance per area [m/s, in u] from the surface into a top cell whose half-width
 *  conductance per area is g_half, of a medium with D K and K. */
static inline double mni_contact_g(mni_contact c, double g_half, double DK, double K)
{
  if (!(c.frac > 0.0) || !(g_half > 0.0)) return 0.0;
  return 1.0 / (1.0 / g_half + mni_contact_r(c, DK, K));
}

/** The contact at t_s of the tissue (is_channel false) or of an open channel (true): perfect
 *  while a liquid film or residue wets the skin; a dried deposit wets contact_frac of the SC,
 *  through dissolution_m_per_s, and nothing of a channel (it delivers through a channel only
 *  while wet); nothing after wash-off. */
mni_contact mni_vehicle_contact(const mni_vehicle *v, double t_s, bool is_channel);

/** Build the vehicle from the scenario and the derived properties (overrides applied). */
mn_status mni_vehicle_from_scenario(mn_ctx *ctx, const mn_scenario *s, const mn_compound_props *p,
                                    mni_vehicle *out);
/** How long an aqueous film keeps the SC fully hydrated [s from application] under
 *  skin.hydration auto: Inf while occluded, an infinite dose or an aqueous film that never
 *  dries; the water's dry time (or the wash-off, if sooner); 0 for a vehicle that is not water
 *  (ethanol, acetone, deposit, nonvolatile). */
double mni_vehicle_hydrating_until_s(const mn_scenario *s);

/* ---- The SC's hydration over time (hydration.c) ---------------------------------------------- */

/** Time constant of the SC's return to partial hydration after its aqueous film dries: 12 min
 *  (5-30 min; hydration.c has the source). */
#define MNI_HYDRATION_RELAX_S (12.0 * 60.0)

/** Weight of the fully hydrated state at t_s, in [0, 1]: 1 until p->hydration_full_until_s,
 *  then exp(-(t - that) / p->hydration_relax_s); 0 or 1 throughout for a fixed state. */
double mni_hydration_weight(const mn_compound_props *p, double t_s);
/** The factor on the SC's diffusivity at t_s: (kp_full / kp_partial)^weight (1 for a fixed
 *  state, which the SC's parameters already are). */
double mni_hydration_D_factor(const mn_compound_props *p, double t_s);
/** True when the SC's diffusivity changes over the run. */
bool mni_hydration_varies(const mn_compound_props *p);
/** Applied amount per area [kg/m²]. */
double mni_vehicle_dose(const mni_vehicle *v);
/** Time at which the volatile part has evaporated [s from application] (Inf: never). */
double mni_vehicle_dry_time(const mni_vehicle *v);
/** Liquid film thickness at t_s (0 after wash-off). */
double mni_vehicle_film_m(const mni_vehicle *v, double t_s);
/** True while a liquid film wets the skin (before drying and wash-off). */
bool mni_vehicle_is_wet(const mni_vehicle *v, double t_s);
/** Dissolved concentration in the vehicle for an amount M [kg/m²] at t_s, and its derivative
 *  with respect to M (*dC_dM, may be NULL). Infinite dose: constant. After wash-off: 0. */
double mni_vehicle_conc(const mni_vehicle *v, double t_s, double M_kg_per_m2, double *dC_dM);
/** Split an amount M in the vehicle at t_s into the part dissolved in the film and the deposit
 *  (infinite dose and after wash-off: all "dissolved"). */
void mni_vehicle_split(const mni_vehicle *v, double t_s, double M_kg_per_m2, double *dissolved,
                       double *deposit);
/** M / h_eff - S: changes sign where the film saturates or stops being saturated (a kink in
 *  the right-hand side, located by the integrator's root finding). 1 when not applicable. */
double mni_vehicle_saturation_margin(const mni_vehicle *v, double t_s, double M_kg_per_m2);
/** Rate of the active's evaporation [kg/m²/s] for a dissolved concentration C. */
double mni_vehicle_active_evap(const mni_vehicle *v, double t_s, double C_kg_per_m3);

/* ---- Channel closure ------------------------------------------------------------------------- */

/** First-order closure of the channels' barrier: the open fraction c(t) decays at 1/tau_wet
 *  while the skin is wet (product on) or occluded and at 1/tau_air when open to the air. */
typedef struct mni_closure {
  double tau_air_s;           /* open to air (physics.md §3: 0.5 h, Gupta 2011) */
  double tau_wet_s;           /* occluded / product left on (t½ 24 h, Brogden 2021) */
  double open_at_application; /* c at t = 0 (application), after applied_after_s */
  double wet_until_s;         /* the surface is wet/occluded until then (Inf: always) */
} mni_closure;

/** Closure of the scenario: Fitzpatrick 5-6 lengthen both time constants ×1.3 (Ogunjimi 2020);
 *  before the product is applied the channels are open to air unless occluded. */
mni_closure mni_closure_from_scenario(const mn_scenario *s, const mni_vehicle *v);
/** Open fraction of the channels' barrier at t_s after application, in [0, 1]. */
double mni_closure_open_frac(const mni_closure *c, double t_s);
/** The closure of a fractional laser's craters: re-epithelialisation over about two days. */
mni_closure mni_closure_of_craters(const mn_scenario *s, const mni_vehicle *v);

/* ---- Accounting ------------------------------------------------------------------------------ */

/** Amount per area [kg/m²] in every compartment (mn_compartment order). */
typedef struct mni_budget {
  double amount[MN_N_COMP];
} mni_budget;

double mni_budget_total(const mni_budget *b);
/** |dose - total| / dose. */
double mni_budget_error(const mni_budget *b, double dose);

/* ---- Snapshots: concentration-depth profiles and fields (profiles.c) ------------------------- */

/** Concentration-depth profiles: at each snapshot time, the mean over the skin's area of the
 *  concentration in the tissue C = K u [kg/m³] in each depth cell. */
typedef struct mni_profiles {
  size_t n_t;
  double *t_s;            /* n_t times since application */
  size_t n_z;             /* depth cells */
  double *z_edges_m;      /* n_z + 1 cell edges, from the surface down */
  double *conc_kg_per_m3; /* n_t x n_z, depth fastest */
} mni_profiles;

/** The concentration field of a spatial run at the snapshot times: (z, r) for the axisymmetric
 *  cell, (z, y, x) for the 3d patch, x (or r) fastest, z slowest; C = K u [kg/m³]. */
typedef struct mni_field_store {
  int is_3d;
  size_t n_x, n_y, n_z;                      /* n_y = 1 for the axisymmetric cell */
  double *x_edges_m, *y_edges_m, *z_edges_m; /* n + 1 edges each (y: NULL when axisymmetric) */
  size_t n_t;
  double *t_s;
  double *conc_kg_per_m3; /* n_t x cells */
} mni_field_store;

/** The snapshot times of a scenario into t_s[MN_PROFILE_TIMES_MAX]: simulation.profile_times_h,
 *  or when none are given 1/96, 1/24, 1/6 and all of the duration. @return how many. */
size_t mni_profile_times(const mn_scenario *s, double *t_s);
/** Room for n_t profiles of n_z cells with the given edges and times (copied). */
mn_status mni_profiles_alloc(mn_ctx *ctx, const double *t_s, size_t n_t, const double *z_edges_m,
                             size_t n_z, mni_profiles *out);
void mni_profiles_free(mn_ctx *ctx, mni_profiles *p);
/** Room for n_t fields on the given edges (copied; y_edges_m NULL: axisymmetric). */
mn_status mni_field_store_alloc(mn_ctx *ctx, const double *t_s, size_t n_t, const double *x_edges_m,
                                size_t n_x, const double *y_edges_m, size_t n_y,
                                const double *z_edges_m, size_t n_z, mni_field_store *out);
void mni_field_store_free(mn_ctx *ctx, mni_field_store *f);

/* ---- The 1D solver --------------------------------------------------------------------------- */

/** A 1D problem: one or two interpenetrating pathways under one vehicle. Pathway 0 is intact
 *  skin; pathway 1 (if any) the channels over area fraction `pore_frac`, aqueous from the
 *  surface to `pore_depth_m`, their conductance blending from the open channel to the native
 *  tissue as the barrier closes, exchanging with the tissue around them through their walls. */
typedef struct mni_problem1d {
  const mn_compound_props *props;
  const mn_layer_stack *layers;
  double bottom_m; /* depth of the lower boundary (sink or receptor) */
  bool is_in_vivo; /* dermal clearance on */
  mni_vehicle vehicle;
  mni_closure closure;
  int n_columns;              /* 1 intact; 2 intact + channels */
  double pore_frac;           /* area fraction of the channels (column 1) */
  double pore_depth_m;        /* depth of the channels */
  double pore_density_per_m2; /* channels per area (lateral exchange through their walls) */
  double pore_radius_m;       /* channel radius (the open pore's) */
  double pore_over_opening;   /* the open pore's radius over the needle opening's (3d: the
                                 channel set's radii are openings) */
  double pore_depth_shift_m;  /* the SC's swelling: added to the depths of the channel set */
  double capillary_top_m;     /* clearance acts below this depth (in vivo) */
  bool is_bottom_closed;      /* zero flux at the bottom instead of a sink (tests) */
  double duration_s;
  double rtol;
  double fixed_step_s; /* > 0: fixed time step (convergence tests); 0: adaptive */
  int max_order;       /* BDF order cap, 1..5 (0: CVODE's 5) */
  mni_grid_opts grid;
  const double *out_t_s; /* output times, increasing, in [0, duration_s] */
  size_t n_out;
  const double *snap_t_s; /* snapshot times (profiles, fields), increasing, in (0, duration_s] */
  size_t n_snap;
  /* A dry deposit's loading zone: at t = 0 the tissue in [0, load_depth_m) of every column
   * but the channels' holds load_conc_kg_per_m3 (the rest of the dose stays in the vehicle);
   * load_depth_m = 0: none. A face of the grid sits at load_depth_m. */
  double load_depth_m;
  double load_conc_kg_per_m3;
} mni_problem1d;

/** What the 1D solver hands back: per output time the budget and the flux into the body. */
typedef struct mni_solution1d {
  size_t n_out;
  double *t_s;
  double *flux_kg_per_m2_s;  /* rate of absorption (clearance + bottom sink) */
  double *amount[MN_N_COMP]; /* n_out values each */
  double mass_balance_error; /* max over outputs */
  double dose_kg_per_m2;
  long n_steps; /* CVODE steps taken (statistics) */
  /* Final state for profile checks (column 0): u [kg/m³] at the cell centres of the grid. */
  mni_grid1d grid;
  double *u_final;      /* n cells of column 0 */
  double *u_final_pore; /* n_pore cells of column 1 (NULL with one column) */
  size_t n_pore;
  mni_profiles profiles; /* at the problem's snapshot times (n_t = 0: none asked) */
  mni_field_store field; /* spatial models only (n_t = 0 for 1d) */
} mni_solution1d;

mn_status mni_solve1d(mn_ctx *ctx, const mni_problem1d *pb, mni_solution1d *out);

/** The next stop of a run that reports at out_t[k..n_out) and takes snapshots at
 *  snap_t[m..n_snap) (both increasing; some left): its time, and which it is (*is_out,
 *  *is_snap; both when they coincide). The 1d, axisymmetric and 3d runs share it. */
static inline double mni_next_stop(const double *out_t, size_t n_out, size_t k,
                                   const double *snap_t, size_t n_snap, size_t m, bool *is_out,
                                   bool *is_snap)
{
  *is_out = k < n_out && (m == n_snap || out_t[k] <= snap_t[m]);
  double t = *is_out ? out_t[k] : snap_t[m];
  *is_snap = m < n_snap && snap_t[m] == t;
  return t;
}
void mni_solution1d_free(mn_ctx *ctx, mni_solution1d *s);

/** Output times on a log scale from 1 min (or duration/100 if shorter) to duration, with 0
 *  first: n points in all. Caller frees with mn_free(ctx, t, n * sizeof *t). */
mn_status mni_log_times(mn_ctx *ctx, double duration_s, size_t n, double **t_out);

#endif /* MNSIM_TRANSPORT_INT_H */
