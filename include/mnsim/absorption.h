/* The absorption stage: the product on intact skin and on the treated skin, each run with the
 * transport physics (mnsim/transport.h) on the model the scenario asks for (1d, axisymmetric
 * cell, 3d patch; docs/model.md section 4).
 *
 *   mn_absorption *a = NULL;  // channel_set NULL: intact skin only
 *   if (mn_absorption_run_set(ctx, &scenario, &layers, channel_set, &a) != MN_OK)
 *     fprintf(stderr, "%s\n", mn_ctx_errmsg(ctx));
 *   else
 *     printf("ER %g\n", mn_absorption_summary_get(a)->enhancement_ratio);
 *   mn_absorption_destroy(&a);
 */
#ifndef MNSIM_ABSORPTION_H
#define MNSIM_ABSORPTION_H

#include <stdbool.h>

#include "mnsim/puncture.h"
#include "mnsim/scenario.h"
#include "mnsim/skin.h"
#include "mnsim/transport.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The summary numbers of one run (shared/SCENARIO.md, absorption.*). */
typedef struct mn_absorption_summary {
  mn_model model;                    /* the model of the treated skin: 1d, axisymmetric or 3d
                                        (intact skin always runs in 1d: it is uniform
                                        sideways); mn_model_name() names it */
  const char *model_reason;          /* why that model ran (simulation.model = auto: the
                                        rule that applied, docs/model.md section 5; static
                                        text) */
  double duration_s;
  double dose_kg_per_m2;          /* applied amount per area (infinite dose: initial amount) */
  double absorbed_percent;        /* treated skin: % of dose absorbed by duration_s */
  double penetrated_percent;      /* absorbed + viable epidermis + dermis */
  double intact_absorbed_percent; /* the same product on untreated skin */
  double intact_penetrated_percent;
  double enhancement_ratio; /* absorbed_percent / intact_absorbed_percent; when the
                                        intact skin lets less than 1e-6 % through, that floor
                                        is used and the ratio is a lower bound */
  bool enhancement_is_lower_bound;
  double mass_balance_error;    /* max over outputs of |dose - all compartments| / dose,
                                        the larger of the treated and intact runs */
  double peak_flux_kg_per_m2_s; /* treated skin: largest flux into the body over the
                                   output times; the flux is instantaneous in every model
                                   (the rate of the state at the output time, docs/model.md
                                   section 4), not averaged over a step */
  double intact_peak_flux_kg_per_m2_s;
  double dry_time_s;                /* end of evaporation of the vehicle (Inf: never) */
  double channel_open_fraction_end; /* pore barrier left open at duration_s (0 when intact) */
  bool has_channels;                /* false: no channels were given; treated = intact */
  /* Where the dose is at duration_s: % of the dose in each compartment, in mn_compartment order
   * (vehicle, deposit, evaporated, washed, stratum corneum, viable epidermis, dermis,
   * absorbed); each array sums to 100 within the run's mass balance error. */
  double end_percent[MN_N_COMP];        /* treated skin (the intact run when !has_channels) */
  double intact_end_percent[MN_N_COMP]; /* intact skin */
  /* The stratum corneum as the intact run used it (mn_compound_props, the stack's SC). */
  double sc_partition;            /* K_sc, SC / water */
  double sc_diffusivity_m2_per_s; /* D_sc; under hydration auto the partially hydrated state's,
                                     which the run raises towards the fully hydrated kp while
                                     mn_absorption_hydration_weight is above 0 */
  double sc_kp_m_per_s;           /* K_sc D_sc / sc_thickness_m */
  double sc_thickness_m;          /* the stack's SC times sc_thickness_factor (swollen when
                                     fully hydrated under wkn) */
  double unionised_frac_sc;       /* un-ionised fraction in the SC (at formulation.ph) */
  double unionised_frac_body;     /* and below it (pH 7.4) */
  double channel_hindrance;       /* Renkin factor on D_aq in the channels (1 without) */
  /* The SC's hydration (skin.hydration resolved; docs/model.md section 4). */
  bool has_hydration;            /* true under skin.barrier_model wkn; potts_guy has no
                                    hydration model (the fields below then say partial) */
  mn_hydration hydration_state;  /* MN_HYDRATION_PARTIAL or MN_HYDRATION_FULL for the whole
                                    run, or MN_HYDRATION_AUTO: full until
                                    hydration_full_until_s, then relaxing to partial with the
                                    time constant hydration_relax_s */
  double hydration_full_until_s; /* since application: Inf when full, 0 when partial */
  double hydration_relax_s;      /* auto: time constant of the return to partial hydration */
  /* How far to trust the ER (docs/model.md section 4.1, "The intact baseline"). */
  double intact_lag_s;             /* the intact SC's lag time h^2 / (6 D_sc) (Inf when D_sc is
                                      0) */
  bool enhancement_is_upper_bound; /* a small active (<= 800 Da) whose intact run is still in
                                      its lag phase at duration_s, or which is mostly ionised
                                      in the SC: mnsim's intact route is then the slow SC
                                      lipid route alone, while measured skin passes such
                                      actives faster (follicles, polar routes not modelled),
                                      so the ER is an upper bound; with
                                      enhancement_is_lower_bound as well, mnsim cannot bound
                                      the ER at all */
} mn_absorption_summary;

typedef struct mn_absorption mn_absorption;

/** Run the absorption model on the intact skin (1d) and, if channels is not NULL, on the
 *  treated skin with the model of s->simulation.model from the channels' statistics: 1d (two
 *  parallel pathways: channels as aqueous pores over their area fraction to the depth reached,
 *  intact skin elsewhere) or the axisymmetric cell. The 3d model needs the channels' own
 *  positions, which statistics do not give: asked for, or chosen by auto (openings touching),
 *  it fails with MN_E_CONFIG; use mn_absorption_run_set. layers is the site's stack
 *  (mn_skin_build); the channels are those of one session (mn_puncture_stats). s must be a
 *  valid scenario (mn_scenario_validate; mn_run validates before any stage): its ranges are
 *  not checked again here. Nothing is retained.
 *  @return MN_OK; MN_E_ARG (NULL argument, a layer of zero thickness, an area fraction of 1 or
 *          more); MN_E_NOTFOUND (unknown compound); MN_E_CONFIG (non-physical input or the
 *          3d model without a channel set, named in the message); MN_E_NOCONVERGE (the
 *          integrator failed); MN_E_NOMEM. *out is NULL on failure. */
MN_API mn_status mn_absorption_run(mn_ctx *ctx, const mn_scenario *s, const mn_layer_stack *layers,
                                   const mn_puncture_stats *channels, mn_absorption **out);
/** The same with the puncture stage's channel set (mn_puncture_run): its statistics drive the
 *  1d and axisymmetric models, its positions, depths and openings the 3d patch
 *  (simulation.model = 3d, or auto when openings touch). The only way to the 3d model: the
 *  stage never places channels of its own. set NULL: intact skin only. Nothing is retained.
 *  @return as mn_absorption_run. */
MN_API mn_status mn_absorption_run_set(mn_ctx *ctx, const mn_scenario *s,
                                       const mn_layer_stack *layers, const mn_channel_set *set,
                                       mn_absorption **out);
/** Free a result and set *pa to NULL; NULL is a no-op. */
MN_API void mn_absorption_destroy(mn_absorption **pa);

/** The summary (borrowed for the life of a). */
MN_API const mn_absorption_summary *mn_absorption_summary_get(const mn_absorption *a);
/** The word that goes before the enhancement ratio wherever it is shown: "at least"
 *  (enhancement_is_lower_bound), "at most" (enhancement_is_upper_bound), "undetermined"
 *  (both), or "" (a plain number). Static text. */
MN_API const char *mn_absorption_enhancement_bound(const mn_absorption_summary *s);
/** The derived properties the run used (borrowed). */
MN_API const mn_compound_props *mn_absorption_props(const mn_absorption *a);

/** Weight of the fully hydrated state of the SC at t_s [s since application]: 1 fully hydrated,
 *  0 partially hydrated, in between while the SC relaxes under hydration auto (1 until
 *  hydration_full_until_s, then exp(-(t_s - hydration_full_until_s) / hydration_relax_s)); 0
 *  or 1 throughout for a fixed state, 0 without a hydration model (has_hydration false).
 *  @return the weight in [0, 1]; NaN when a is NULL. */
MN_API double mn_absorption_hydration_weight(const mn_absorption *a, double t_s);

/** The time series of the treated (is_intact false) or the intact (is_intact true) skin, all borrowed
 *  for the life of a. t_s[n] output times (t = 0 at application); flux[n] flux into the body
 *  (absorption rate at t_s[n], instantaneous in every model) [kg/m²/s]; amount[c][n] amount
 *  per area [kg/m²] of compartment c.
 *  When no channels were given the treated series is the intact one.
 *  @return the number of output times. */
MN_API size_t mn_absorption_series(const mn_absorption *a, bool is_intact, const double **t_s,
                                   const double **flux_kg_per_m2_s,
                                   const double *const **amount_kg_per_m2);

/** The concentration-depth profiles of the treated (is_intact false) or the intact (is_intact true)
 *  skin at the scenario's profile times (simulation.profile_times_h), all borrowed for the life
 *  of a: t_s[n] the times since application; depth_edges_m[*n_depth + 1] the edges of the
 *  depth cells from the surface down; conc_kg_per_m3[k * *n_depth + i] the concentration in
 *  the tissue (C = K u, mg/mL) of depth cell i at time k, averaged over the skin's area
 *  (channels and the tissue between them). The axisymmetric model gives the cell of the mean
 *  channel depth; the treated depth grid differs from the intact one. Any pointer may be NULL.
 *  @return n, the number of profile times. */
MN_API size_t mn_absorption_profiles(const mn_absorption *a, bool is_intact, const double **t_s,
                                     const double **depth_edges_m, size_t *n_depth,
                                     const double **conc_kg_per_m3);

#ifdef __cplusplus
}
#endif
#endif /* MNSIM_ABSORPTION_H */
