/* mn_absorption_run: intact skin in 1D, the treated skin on the model the scenario asks for (or
 * auto's rule, absorb_choose.c), and the summary. docs/model.md §4-5 have the models.
 * The scenario comes validated (mn_scenario_validate; mn_run does it first), so its ranges are
 * not checked again here: only what validation cannot see is, the stage's own arguments (the
 * layer stack, the channels' statistics) and the receptor depth against the site's layers. */
#include <math.h>
#include <string.h>

#include "absorption/absorb_int.h"
#include "transport/transport_int.h"

struct mn_absorption {
  mn_ctx *ctx; /* allocator of this block, for mn_absorption_destroy */
  mn_compound_props props;
  mn_absorption_summary summary;
  mni_solution1d intact;
  mni_solution1d treated; /* n_out == 0 when no channels were given */
  const double *amount_intact[MN_N_COMP];
  const double *amount_treated[MN_N_COMP];
};

/* The loading zone of a dry deposit: the top 10 % of the SC (Dancik et al. 2013, barrier.md
 * §3). */
#define LOADING_ZONE_FRAC 0.1

/* Fill the problem shared by the intact and the treated run. */
static mn_status problem_from_scenario(mn_ctx *ctx, const mn_scenario *s,
                                       const mn_layer_stack *layers, const mn_compound_props *p,
                                       const double *t_out, double swell_m, mni_problem1d *pb)
{
  memset(pb, 0, sizeof *pb);
  pb->props = p;
  pb->layers = layers;
  pb->bottom_m = layers->top_m[MN_LAYER_DERMIS] + layers->thickness_m[MN_LAYER_DERMIS];
  pb->is_in_vivo = s->simulation.mode == MN_MODE_IN_VIVO;
  if (!pb->is_in_vivo && !isnan(s->simulation.receptor_depth_m)) {
    /* Dermatomed skin: the receptor sits this far below the surface, within the dermis. */
    /* (the swelling of a fully hydrated SC, swell_m, moves the receptor down with the tissue) */
    double receptor_m = s->simulation.receptor_depth_m + swell_m;
    MN_REQUIRE(ctx, receptor_m > layers->top_m[MN_LAYER_DERMIS], MN_E_CONFIG,
               "simulation.receptor_depth_um = %g must be deeper than the dermal-epidermal "
               "junction at %g µm",
               mn_m_to_um(s->simulation.receptor_depth_m),
               mn_m_to_um(layers->top_m[MN_LAYER_DERMIS] - swell_m));
    pb->bottom_m = fmin(pb->bottom_m, receptor_m);
  }
  pb->capillary_top_m = layers->top_m[MN_LAYER_DERMIS] + MNI_CAPILLARY_DEPTH_BELOW_DEJ_M;
  MN_TRY(mni_vehicle_from_scenario(ctx, s, p, &pb->vehicle));
  pb->closure = mni_closure_from_scenario(s, &pb->vehicle);
  pb->n_columns = 1;
  pb->duration_s = s->simulation.duration_s;
  pb->rtol = s->simulation.tolerance;
  pb->grid = mni_grid_opts_default();
  /* cells up to 100 um deep in the tissue: below the capillary bed the profile decays over
   * ~1 mm, and the default run's absorbed shares agree to 6e-5 (treated) and 3e-4 (intact) at
   * 25, 50, 100 and 200 um (bench/RESULTS.md, 2026-12-06), while 100 um saves a fifth of the
   * 1d run's time now that the cheek's dermis is 2.15 mm */
  pb->grid.h_max_m = 100e-6;
  pb->out_t_s = t_out;
  pb->n_out = (size_t)s->simulation.output_points;
  if (pb->vehicle.has_loading_zone) {
    /* The finite-dose set-up (Dancik et al. 2013): a dry deposit or a volatile solvent leaves
     * the dose in the SC's top tenth, its loading zone, up to the SC's saturation; the rest
     * stays on the surface. */
    pb->load_depth_m = LOADING_ZONE_FRAC * layers->thickness_m[MN_LAYER_STRATUM_CORNEUM];
    pb->load_conc_kg_per_m3 =
        fmin(mni_vehicle_dose(&pb->vehicle) / pb->load_depth_m, p->sc_saturation_kg_per_m3);
  }
  return MN_OK;
}

/* The stack the runs see: under wkn a fully hydrated SC is thicker by the properties' factor
 * (43.4 / 13.4, the finite-dose model's swelling), the layers below moved down with it. */
static mn_layer_stack swollen(const mn_layer_stack *L, const mn_compound_props *p)
{
  mn_layer_stack out = *L;
  double dz = (p->sc_thickness_factor - 1.0) * L->thickness_m[MN_LAYER_STRATUM_CORNEUM];
  if (dz == 0.0) return out;
  out.thickness_m[MN_LAYER_STRATUM_CORNEUM] += dz;
  for (int l = MN_LAYER_VIABLE_EPIDERMIS; l < MN_N_LAYERS; l++)
    out.top_m[l] += dz;
  return out;
}

#define INTACT_FLOOR_PERCENT 1e-6
/* Un-ionised share in the SC below which an active counts as mostly ionised: its intact route
 * in mnsim is then the ionised SC lipid route alone (the ER's upper-bound flag). */
#define MOSTLY_IONISED_BELOW 0.5
/* Actives up to the SC model's calibrated 800 Da: small enough for the routes mnsim lacks
 * (follicles; polar pores of a few nm), which real skin opens to them. Larger ones (the
 * hyaluronic acids) keep the lipid route's verdict. */
#define SMALL_ACTIVE_MAX_DA 800.0

/* The open pore of a channel over the needle's opening: the dye-stained openings of a
 * Dermaroller were 70.7 ± 9.9 µm across for needles 140 µm wide at the base (Kalluri, Kolli &
 * Banga 2011, AAPS J 13:473): the skin recovers elastically around the track and interstitial
 * fluid fills what stays open (docs/model.md §4.6). */
#define PORE_OVER_OPENING (70.7 / 140.0)
/* A laser's crater is tissue removed, not a track the tissue closes over: the pore is the
 * crater (its coagulated rim is not resolved as a medium of its own: docs/model.md §9). */
#define PORE_OVER_CRATER 1.0

static double percent(double amount, double dose)
{
  return 100.0 * amount / dose;
}

static double penetrated(const mni_solution1d *sol, size_t k)
{
  return sol->amount[MN_COMP_ABSORBED][k] + sol->amount[MN_COMP_VE][k] +
         sol->amount[MN_COMP_DERMIS][k];
}

static double peak(const double *x, size_t n)
{
  double m = 0.0;
  for (size_t i = 0; i < n; i++)
    m = fmax(m, x[i]);
  return m;
}

mn_status mn_absorption_run(mn_ctx *ctx, const mn_scenario *s, const mn_layer_stack *layers,
                            const mn_puncture_stats *channels, mn_absorption **out)
{
  MNI_C_LOCALE();
  return mni_absorption_run_list(ctx, s, layers, channels, NULL, out);
}

/* The channel set's statistics drive the 1d and axisymmetric models; its positions the 3d. */
mn_status mn_absorption_run_set(mn_ctx *ctx, const mn_scenario *s, const mn_layer_stack *layers,
                                const mn_channel_set *set, mn_absorption **out)
{
  MNI_C_LOCALE();
  if (set == NULL)
    return mni_absorption_run_list(ctx, s, layers, NULL, NULL, out);
  mni_channel_list list = {mn_channel_set_x_m(set), mn_channel_set_y_m(set),
                           mn_channel_set_open_depth_m(set), mn_channel_set_opening_radius_m(set),
                           mn_channel_set_count(set), mn_channel_set_patch_side_m(set)};
  return mni_absorption_run_list(ctx, s, layers, mn_channel_set_stats(set), &list, out);
}

/* The stage's own arguments, which scenario validation cannot see: the skin stage's stack and
 * the puncture stage's statistics (a caller may build either by hand). */
static mn_status check_arguments(mn_ctx *ctx, const mn_layer_stack *layers,
                                 const mn_puncture_stats *channels)
{
  for (int l = 0; l < MN_LAYER_SUBCUTIS; l++)
    MN_REQUIRE(ctx, layers->thickness_m[l] > 0 && isfinite(layers->thickness_m[l]), MN_E_ARG,
               "mn_absorption_run: layers: %s thickness = %g µm; expected > 0 (a stack from "
               "mn_skin_build)",
               mn_layer_name((mn_layer_id)l), mn_m_to_um(layers->thickness_m[l]));
  MN_REQUIRE(ctx, channels == NULL || !(channels->area_fraction >= 1), MN_E_ARG,
             "mn_absorption_run: channels: area_fraction = %g; expected below 1 (the opened "
             "fraction of the surface, mn_puncture_stats)",
             channels != NULL ? channels->area_fraction : 0.0);
  return MN_OK;
}

mn_status mni_absorption_run_list(mn_ctx *ctx, const mn_scenario *s, const mn_layer_stack *layers,
                                  const mn_puncture_stats *channels, const mni_channel_list *set,
                                  mn_absorption **out)
{
  if (ctx == NULL) return MN_E_ARG;
  MN_REQUIRE(ctx, s != NULL && layers != NULL && out != NULL, MN_E_ARG,
             "mn_absorption_run: NULL argument");
  MN_TRY(mn_scenario_validate(ctx, s)); /* a public entry: the scenario may not come from mn_run */
  *out = NULL;
  MN_TRY(check_arguments(ctx, layers, channels));
  mn_status st = MN_OK;
  mn_model model = MN_MODEL_1D;
  const char *reason = s->simulation.model == MN_MODEL_AUTO
                           ? "no channels: intact skin is uniform sideways, 1d is exact"
                           : "simulation.model asked for it";
  double *t_out = NULL;
  size_t n_out = (size_t)s->simulation.output_points;
  mn_absorption *a = mn_calloc(ctx, 1, sizeof *a);
  if (a == NULL) return MN_E_NOMEM;
  a->ctx = ctx;
  MN_CHECK_GOTO(mn_compound_props_derive_scenario(ctx, s, &a->props));
  if (!isnan(s->simulation.clearance_per_s)) a->props.k_clear_per_s = s->simulation.clearance_per_s;
  MN_CHECK_GOTO(mni_log_times(ctx, s->simulation.duration_s, n_out, &t_out));

  mni_problem1d pb;
  double snap_t[MN_PROFILE_TIMES_MAX];
  mn_layer_stack stack = swollen(layers, &a->props);
  /* the swelling moves everything below the SC down: the channels (made in unswollen skin)
   * and a dermatomed receptor keep their place in the tissue */
  double dz = stack.top_m[MN_LAYER_VIABLE_EPIDERMIS] - layers->top_m[MN_LAYER_VIABLE_EPIDERMIS];
  layers = &stack;
  MN_CHECK_GOTO(problem_from_scenario(ctx, s, layers, &a->props, t_out, dz, &pb));
  pb.pore_depth_shift_m = dz;
  pb.n_snap = mni_profile_times(s, snap_t);
  pb.snap_t_s = snap_t;
  MN_CHECK_GOTO(mni_solve1d(ctx, &pb, &a->intact));

  /* the open channels: a needle's track, a laser's crater (a non-ablative zone opens none) */
  bool crater = channels != NULL && channels->is_laser;
  double open_depth_m = channels == NULL ? 0.0
                        : crater         ? channels->ablation_depth_m
                                         : channels->mean_depth_m;
  double pore_over = crater ? PORE_OVER_CRATER : PORE_OVER_OPENING;
  bool has_channels = channels != NULL && channels->area_fraction > 0 && open_depth_m > 0 &&
                      channels->density_per_m2 > 0;
  if (has_channels) {
    pb.n_columns = 2;
    /* The open pores: the openings' radius scaled, their union's area (openings overlapping
     * at random: 1 - (1 - a)^(s²) keeps a Poisson union a union). */
    double sc2 = pore_over * pore_over;
    pb.pore_frac = 1.0 - pow(1.0 - channels->area_fraction, sc2);
    pb.pore_depth_m = fmin(open_depth_m + dz, pb.bottom_m);
    pb.pore_density_per_m2 = channels->density_per_m2;
    pb.pore_radius_m = pore_over * channels->surface_diameter_m / 2;
    pb.pore_over_opening = pore_over;
    if (crater) pb.closure = mni_closure_of_craters(s, &pb.vehicle);
    a->props.channel_hindrance = mni_renkin_hindrance(a->props.solute_radius_m, pb.pore_radius_m);
    /* the spatial models (src/spatial, docs/model.md section 5) resolve the channels */
    model = s->simulation.model;
    if (model == MN_MODEL_AUTO) model = mni_absorb_choose(&pb, &reason);
    if (model == MN_MODEL_3D && set == NULL) {
      /* the stage never invents channels: the 3d patch needs their positions */
      st = mni_fail(ctx, MN_E_CONFIG,
                    "simulation.model = %s: the 3d model needs the puncture stage's channel set "
                    "(positions, depths, openings), and mn_absorption_run was given only their "
                    "statistics; use mn_absorption_run_set (mn_run does)%s%s",
                    s->simulation.model == MN_MODEL_AUTO ? "auto" : "3d",
                    s->simulation.model == MN_MODEL_AUTO ? "; auto chose it because " : "",
                    s->simulation.model == MN_MODEL_AUTO ? reason : "");
      goto fail;
    }
    if (model == MN_MODEL_AXISYMMETRIC)
      MN_CHECK_GOTO(mni_absorb_axisym(ctx, &pb, channels->depth_sd_m, &a->treated));
    else if (model == MN_MODEL_3D)
      MN_CHECK_GOTO(mni_absorb_3d(ctx, &pb, set, &a->treated));
    else
      MN_CHECK_GOTO(mni_solve1d(ctx, &pb, &a->treated));
  }
  const mni_solution1d *tr = has_channels ? &a->treated : &a->intact;
  for (int c = 0; c < MN_N_COMP; c++) {
    a->amount_intact[c] = a->intact.amount[c];
    a->amount_treated[c] = tr->amount[c];
  }

  mn_absorption_summary *sm = &a->summary;
  size_t last = n_out - 1;
  double dose = a->intact.dose_kg_per_m2;
  sm->model = model;
  sm->model_reason = reason;
  sm->duration_s = s->simulation.duration_s;
  sm->dose_kg_per_m2 = dose;
  sm->absorbed_percent = percent(tr->amount[MN_COMP_ABSORBED][last], dose);
  sm->penetrated_percent = percent(penetrated(tr, last), dose);
  sm->intact_absorbed_percent = percent(a->intact.amount[MN_COMP_ABSORBED][last], dose);
  sm->intact_penetrated_percent = percent(penetrated(&a->intact, last), dose);
  /* Below 1e-6 % the intact amount is under the integrator's resolution (absolute tolerance
   * 1e-3 rtol of the dose): the ratio is then a lower bound, not a number to trust. */
  sm->enhancement_is_lower_bound = sm->intact_absorbed_percent < INTACT_FLOOR_PERCENT;
  sm->enhancement_ratio =
      sm->absorbed_percent / fmax(sm->intact_absorbed_percent, INTACT_FLOOR_PERCENT);
  sm->mass_balance_error = fmax(a->intact.mass_balance_error, tr->mass_balance_error);
  sm->peak_flux_kg_per_m2_s = peak(tr->flux_kg_per_m2_s, n_out);
  sm->intact_peak_flux_kg_per_m2_s = peak(a->intact.flux_kg_per_m2_s, n_out);
  sm->dry_time_s = mni_vehicle_dry_time(&pb.vehicle);
  sm->channel_open_fraction_end =
      has_channels ? mni_closure_open_frac(&pb.closure, s->simulation.duration_s) : 0.0;
  sm->has_channels = has_channels;
  for (int c = 0; c < MN_N_COMP; c++) {
    sm->end_percent[c] = percent(tr->amount[c][last], dose);
    sm->intact_end_percent[c] = percent(a->intact.amount[c][last], dose);
  }
  /* The SC of the intact run: layers is the swollen stack here, its SC already the scenario's
   * times sc_thickness_factor. */
  const mn_compound_props *pp = &a->props;
  sm->sc_partition = pp->K_sc;
  sm->sc_diffusivity_m2_per_s = pp->D_sc_m2_per_s;
  sm->sc_thickness_m = layers->thickness_m[MN_LAYER_STRATUM_CORNEUM];
  sm->sc_kp_m_per_s = pp->K_sc * pp->D_sc_m2_per_s / sm->sc_thickness_m;
  sm->unionised_frac_sc = pp->unionised_frac_sc;
  sm->unionised_frac_body = pp->unionised_frac_body;
  sm->channel_hindrance = pp->channel_hindrance;
  sm->has_hydration = s->skin.barrier_model == MN_BARRIER_WKN;
  sm->hydration_state = pp->hydration_state;
  sm->hydration_full_until_s = pp->hydration_full_until_s;
  sm->hydration_relax_s = pp->hydration_relax_s;
  sm->intact_lag_s = sm->sc_diffusivity_m2_per_s > 0.0
                         ? sm->sc_thickness_m * sm->sc_thickness_m /
                               (6.0 * sm->sc_diffusivity_m2_per_s)
                         : HUGE_VAL;
  sm->enhancement_is_upper_bound =
      has_channels && pp->molecular_weight_da <= SMALL_ACTIVE_MAX_DA &&
      (sm->intact_lag_s > sm->duration_s || sm->unionised_frac_sc < MOSTLY_IONISED_BELOW);
  mn_free(ctx, t_out, n_out * sizeof *t_out);
  *out = a;
  return MN_OK;
fail:
  mn_free(ctx, t_out, n_out * sizeof *t_out);
  mn_absorption_destroy(&a);
  return st;
}

void mn_absorption_destroy(mn_absorption **pa)
{
  if (pa == NULL || *pa == NULL) return;
  mn_ctx *ctx = (*pa)->ctx;
  mni_solution1d_free(ctx, &(*pa)->intact);
  mni_solution1d_free(ctx, &(*pa)->treated);
  mn_free(ctx, *pa, sizeof **pa);
  *pa = NULL;
}

const mn_absorption_summary *mn_absorption_summary_get(const mn_absorption *a)
{
  return a ? &a->summary : NULL;
}

const char *mn_absorption_enhancement_bound(const mn_absorption_summary *s)
{
  if (s == NULL) return "";
  bool lo = s->enhancement_is_lower_bound, hi = s->enhancement_is_upper_bound;
  return lo && hi ? "undetermined" : lo ? "at least" : hi ? "at most" : "";
}

const mn_compound_props *mn_absorption_props(const mn_absorption *a)
{
  return a ? &a->props : NULL;
}

double mn_absorption_hydration_weight(const mn_absorption *a, double t_s)
{
  return a != NULL ? mni_hydration_weight(&a->props, t_s) : (double)NAN;
}

size_t mn_absorption_series(const mn_absorption *a, bool is_intact, const double **t_s,
                            const double **flux_kg_per_m2_s, const double *const **amount_kg_per_m2)
{
  if (a == NULL) return 0;
  const mni_solution1d *sol = (is_intact || !a->summary.has_channels) ? &a->intact : &a->treated;
  if (t_s) *t_s = sol->t_s;
  if (flux_kg_per_m2_s) *flux_kg_per_m2_s = sol->flux_kg_per_m2_s;
  if (amount_kg_per_m2) *amount_kg_per_m2 = is_intact ? a->amount_intact : a->amount_treated;
  return sol->n_out;
}

size_t mn_absorption_profiles(const mn_absorption *a, bool is_intact, const double **t_s,
                              const double **depth_edges_m, size_t *n_depth,
                              const double **conc_kg_per_m3)
{
  if (a == NULL) return 0;
  const mni_profiles *p = is_intact || !a->summary.has_channels ? &a->intact.profiles
                                                                 : &a->treated.profiles;
  if (t_s != NULL) *t_s = p->t_s;
  if (depth_edges_m != NULL) *depth_edges_m = p->z_edges_m;
  if (n_depth != NULL) *n_depth = p->n_z;
  if (conc_kg_per_m3 != NULL) *conc_kg_per_m3 = p->conc_kg_per_m3;
  return p->n_t;
}

const mni_field_store *mni_absorption_field(const mn_absorption *a)
{
  return a != NULL && a->summary.has_channels && a->treated.field.n_t > 0 ? &a->treated.field
                                                                          : NULL;
}
