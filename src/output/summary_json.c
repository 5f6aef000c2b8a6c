/* The summary JSON of shared/SCENARIO.md, built with cJSON. One function per stage adds that
 * stage's fields; numbers are in the unit of the field's suffix. */
#include <cjson/cJSON.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/core_int.h"
#include "mnsim/output.h"
#include "output/summary_int.h"
#include "run/result_int.h"

/* cJSON allocates with malloc; the string handed out is copied into the context's allocator. */
static mn_status finish(mn_ctx *ctx, cJSON *root, char **json_out)
{
  char *text = cJSON_Print(root);
  cJSON_Delete(root);
  if (text == NULL)
    return mni_fail(ctx, MN_E_NOMEM, "summary JSON: out of memory");
  size_t n = strlen(text) + 1;
  *json_out = mn_alloc(ctx, n);
  if (*json_out != NULL)
    memcpy(*json_out, text, n);
  cJSON_free(text);
  return *json_out ? MN_OK : MN_E_NOMEM;
}

/* Adds item under key, or deletes it: cJSON_AddItemToObject leaves the item to the caller when
 * it cannot copy the key (out of memory), and a NULL item is a failure already. */
static int add_owned(cJSON *o, const char *key, cJSON *item)
{
  if (item != NULL && cJSON_AddItemToObject(o, key, item)) return 1;
  cJSON_Delete(item);
  return 0;
}

/* The seed as an exact integer: a double would lose digits above 2^53. */
static int add_seed(cJSON *root, uint64_t seed)
{
  char text[24];
  snprintf(text, sizeof text, "%" PRIu64, seed);
  return cJSON_AddRawToObject(root, "seed", text) != NULL;
}

static int add_skin(cJSON *root, const mn_result *r)
{
  const mn_layer_stack *L = &r->layers;
  cJSON *skin = cJSON_AddObjectToObject(root, "skin");
  return skin != NULL && cJSON_AddStringToObject(skin, "site", L->site) != NULL &&
         cJSON_AddNumberToObject(skin, "stratum_corneum_um",
                                 mn_m_to_um(L->thickness_m[MN_LAYER_STRATUM_CORNEUM])) != NULL &&
         cJSON_AddNumberToObject(skin, "viable_epidermis_um",
                                 mn_m_to_um(L->thickness_m[MN_LAYER_VIABLE_EPIDERMIS])) != NULL &&
         cJSON_AddNumberToObject(skin, "dermis_um", mn_m_to_um(L->thickness_m[MN_LAYER_DERMIS])) !=
             NULL &&
         cJSON_AddNumberToObject(skin, "subcutis_mm",
                                 mn_m_to_mm(L->thickness_m[MN_LAYER_SUBCUTIS])) != NULL &&
         cJSON_AddNumberToObject(skin, "fitzpatrick", r->scenario.skin.fitzpatrick) != NULL;
}

/* A finite number, or null (cJSON would print Inf as a bare word). */
static cJSON *add_number_or_null(cJSON *o, const char *key, double v)
{
  return isfinite(v) ? cJSON_AddNumberToObject(o, key, v) : cJSON_AddNullToObject(o, key);
}

/* puncture.* of a fractional laser: its pulse and the zone each microbeam makes. */
static int add_laser_zone(cJSON *o, const mn_device *d, const mn_puncture_stats *p)
{
  return cJSON_AddStringToObject(o, "laser", mn_laser_name(d->laser)) != NULL &&
         cJSON_AddBoolToObject(o, "ablative", mn_laser_is_ablative(d->laser)) != NULL &&
         cJSON_AddNumberToObject(o, "wavelength_nm", mn_laser_wavelength_nm(d->laser)) != NULL &&
         cJSON_AddNumberToObject(o, "pulse_energy_mj", d->pulse_energy_j * 1e3) != NULL &&
         cJSON_AddNumberToObject(o, "spot_diameter_um", mn_m_to_um(d->spot_diameter_m)) != NULL &&
         cJSON_AddNumberToObject(o, "pulse_ms", d->pulse_s * 1e3) != NULL &&
         cJSON_AddNumberToObject(o, "ablation_depth_um", mn_m_to_um(p->ablation_depth_m)) !=
             NULL &&
         cJSON_AddNumberToObject(o, "ablation_width_um", mn_m_to_um(p->ablation_width_m)) !=
             NULL &&
         cJSON_AddNumberToObject(o, "coagulation_depth_um", mn_m_to_um(p->coag_depth_m)) != NULL &&
         cJSON_AddNumberToObject(o, "coagulation_width_um", mn_m_to_um(p->coag_width_m)) != NULL &&
         cJSON_AddNumberToObject(o, "zone_area_fraction", p->zone_area_fraction) != NULL &&
         cJSON_AddNumberToObject(o, "peak_temperature_c", p->peak_temperature_c) != NULL &&
         cJSON_AddNumberToObject(o, "zone_energy_balance", p->zone_energy_balance) != NULL;
}

/* puncture.*: the channels of one session, in the treated area. */
static int add_puncture(cJSON *root, const mn_result *r)
{
  if (r->channels == NULL)
    return 1;
  const mn_puncture_stats *p = mn_channel_set_stats(r->channels);
  const mn_device *d = mn_channel_set_device(r->channels);
  cJSON *o = cJSON_AddObjectToObject(root, "puncture");
  if (o != NULL && p->is_laser && !add_laser_zone(o, d, p)) return 0;
  return o != NULL && cJSON_AddStringToObject(o, "device", d->name) != NULL &&
         cJSON_AddStringToObject(o, "device_type", mn_device_type_name(d->type)) != NULL &&
         add_number_or_null(o, "needle_length_mm", mn_m_to_mm(d->needle_length_m)) != NULL &&
         cJSON_AddNumberToObject(o, "channels", p->channels) != NULL &&
         cJSON_AddNumberToObject(o, "density_per_cm2", p->density_per_m2 * 1e-4) != NULL &&
         cJSON_AddNumberToObject(o, "mean_depth_um", mn_m_to_um(p->mean_depth_m)) != NULL &&
         cJSON_AddNumberToObject(o, "max_depth_um", mn_m_to_um(p->max_depth_m)) != NULL &&
         cJSON_AddNumberToObject(o, "depth_sd_um", mn_m_to_um(p->depth_sd_m)) != NULL &&
         add_number_or_null(o, "depth_fraction", p->mean_depth_m / d->needle_length_m) != NULL &&
         cJSON_AddNumberToObject(o, "surface_diameter_um", mn_m_to_um(p->surface_diameter_m)) !=
             NULL &&
         cJSON_AddNumberToObject(o, "area_fraction", p->area_fraction) != NULL &&
         cJSON_AddStringToObject(o, "deepest_layer", mn_layer_name(p->deepest_layer)) != NULL &&
         cJSON_AddNumberToObject(o, "bleeding_fraction", p->bleeding_fraction) != NULL &&
         cJSON_AddNumberToObject(o, "punctures", p->punctures) != NULL &&
         cJSON_AddNumberToObject(o, "punctures_per_cm2_per_pass",
                                 p->punctures_per_m2_per_pass * 1e-4) != NULL &&
         cJSON_AddNumberToObject(o, "pierced_fraction", p->pierced_fraction) != NULL &&
         cJSON_AddNumberToObject(o, "wound_volume_ul_per_cm2",
                                 mn_m_to_ul_per_cm2(p->wound_volume_m3_per_m2)) != NULL &&
         cJSON_AddNumberToObject(o, "patch_side_mm",
                                 mn_m_to_mm(mn_channel_set_patch_side_m(r->channels))) != NULL;
}


static cJSON *percent_curve(const double *amount, size_t n, double dose)
{
  cJSON *a = cJSON_CreateArray();
  for (size_t i = 0; a != NULL && i < n; i++) {
    cJSON *x = cJSON_CreateNumber(100.0 * amount[i] / dose);
    if (x == NULL) {
      cJSON_Delete(a);
      return NULL;
    }
    cJSON_AddItemToArray(a, x);
  }
  return a;
}

/* Times [s] as a JSON array in hours; NULL when out of memory. */
static cJSON *hours_array(const double *t_s, size_t n)
{
  cJSON *a = cJSON_CreateArray();
  for (size_t i = 0; a != NULL && i < n; i++) {
    cJSON *x = cJSON_CreateNumber(mn_s_to_h(t_s[i]));
    if (x == NULL) {
      cJSON_Delete(a);
      return NULL;
    }
    cJSON_AddItemToArray(a, x);
  }
  return a;
}

/* The SC's hydration state as summary.json names it. */
static const char *hydration_word(const mn_absorption_summary *sm)
{
  if (!sm->has_hydration) return "none"; /* potts_guy: no hydration model */
  switch (sm->hydration_state) {
  case MN_HYDRATION_FULL:
    return "full";
  case MN_HYDRATION_AUTO:
    return "full_then_partial";
  default:
    return "partial";
  }
}

/* {"vehicle": %, ..., "absorbed": %} in mn_compartment order. */
static int add_compartments(cJSON *o, const char *key, const double *pct)
{
  cJSON *c = cJSON_AddObjectToObject(o, key);
  for (int k = 0; c != NULL && k < MN_N_COMP; k++)
    if (cJSON_AddNumberToObject(c, mn_compartment_name((mn_compartment)k), pct[k]) == NULL)
      return 0;
  return c != NULL;
}

/* Where the dose went at the end, the SC the intact run used and its hydration over the curve's
 * times t_s[n]. The hydration times are null unless the state changes over the run (auto): Inf
 * (full) and not applicable (partial, none) have no number. */
static int add_dose(cJSON *o, const mn_absorption *a, const double *t_s, size_t n)
{
  const mn_absorption_summary *sm = mn_absorption_summary_get(a);
  int is_auto = sm->has_hydration && sm->hydration_state == MN_HYDRATION_AUTO;
  cJSON *parts = cJSON_AddObjectToObject(o, "compartments_percent");
  int ok =
      cJSON_AddStringToObject(o, "hydration_state", hydration_word(sm)) != NULL &&
      add_number_or_null(o, "hydration_full_until_h",
                         is_auto ? mn_s_to_h(sm->hydration_full_until_s) : (double)NAN) != NULL &&
      add_number_or_null(o, "hydration_relax_h",
                         is_auto ? mn_s_to_h(sm->hydration_relax_s) : (double)NAN) != NULL &&
      cJSON_AddNumberToObject(o, "deposit_percent", sm->end_percent[MN_COMP_DEPOSIT]) != NULL &&
      cJSON_AddNumberToObject(o, "in_stratum_corneum_percent", sm->end_percent[MN_COMP_SC]) !=
          NULL &&
      cJSON_AddNumberToObject(o, "evaporated_percent", sm->end_percent[MN_COMP_EVAPORATED]) !=
          NULL &&
      cJSON_AddNumberToObject(o, "intact_deposit_percent",
                              sm->intact_end_percent[MN_COMP_DEPOSIT]) != NULL &&
      cJSON_AddNumberToObject(o, "intact_in_stratum_corneum_percent",
                              sm->intact_end_percent[MN_COMP_SC]) != NULL &&
      cJSON_AddNumberToObject(o, "intact_evaporated_percent",
                              sm->intact_end_percent[MN_COMP_EVAPORATED]) != NULL &&
      parts != NULL && add_compartments(parts, "treated", sm->end_percent) &&
      add_compartments(parts, "intact", sm->intact_end_percent) &&
      cJSON_AddNumberToObject(o, "sc_partition", sm->sc_partition) != NULL &&
      cJSON_AddNumberToObject(o, "sc_diffusivity_cm2_s",
                              mn_m2_per_s_to_cm2_per_s(sm->sc_diffusivity_m2_per_s)) != NULL &&
      cJSON_AddNumberToObject(o, "sc_kp_cm_h", mn_m_per_s_to_cm_per_h(sm->sc_kp_m_per_s)) != NULL &&
      cJSON_AddNumberToObject(o, "sc_thickness_um", mn_m_to_um(sm->sc_thickness_m)) != NULL &&
      cJSON_AddNumberToObject(o, "unionised_fraction_sc", sm->unionised_frac_sc) != NULL &&
      cJSON_AddNumberToObject(o, "unionised_fraction_body", sm->unionised_frac_body) != NULL &&
      cJSON_AddNumberToObject(o, "channel_hindrance", sm->channel_hindrance) != NULL;
  cJSON *w = ok ? cJSON_AddArrayToObject(o, "sc_hydration") : NULL;
  for (size_t i = 0; w != NULL && i < n; i++) {
    cJSON *x = cJSON_CreateNumber(mn_absorption_hydration_weight(a, t_s[i]));
    if (x == NULL || !cJSON_AddItemToArray(w, x)) {
      cJSON_Delete(x);
      return 0;
    }
  }
  return w != NULL;
}

/* absorption.*: treated and intact skin (shared/SCENARIO.md). */
static int add_absorption(cJSON *root, const mn_result *r)
{
  const mn_absorption *a = r->absorption;
  if (a == NULL)
    return 1;
  const mn_absorption_summary *sm = mn_absorption_summary_get(a);
  const mn_compound_props *p = mn_absorption_props(a);
  cJSON *o = cJSON_AddObjectToObject(root, "absorption");
  const double *t = NULL, *flux = NULL;
  const double *const *amount = NULL, *const *amount_intact = NULL;
  size_t n = mn_absorption_series(a, 0, &t, &flux, &amount);
  (void)mn_absorption_series(a, 1, NULL, NULL, &amount_intact);
  double dose = sm->dose_kg_per_m2;
  cJSON *time_h = hours_array(t, n);
  /* the times the profiles and fields were taken at (the defaults resolved) */
  const double *t_prof = NULL;
  size_t n_prof = mn_absorption_profiles(a, 1, &t_prof, NULL, NULL, NULL);
  cJSON *prof_h = hours_array(t_prof, n_prof);
  cJSON *curve = percent_curve(amount[MN_COMP_ABSORBED], n, dose);
  cJSON *curve_intact = percent_curve(amount_intact[MN_COMP_ABSORBED], n, dose);
  int ok =
      o != NULL && time_h != NULL && prof_h != NULL && curve != NULL && curve_intact != NULL &&
      cJSON_AddStringToObject(o, "model", mn_model_name(sm->model)) != NULL &&
      cJSON_AddStringToObject(o, "model_reason", sm->model_reason ? sm->model_reason : "") !=
          NULL &&
      cJSON_AddStringToObject(o, "compound", r->scenario.formulation.compound) != NULL &&
      cJSON_AddNumberToObject(o, "duration_h", mn_s_to_h(sm->duration_s)) != NULL &&
      cJSON_AddNumberToObject(o, "dose_ug_cm2", mn_kg_per_m2_to_ug_per_cm2(dose)) != NULL &&
      cJSON_AddNumberToObject(o, "absorbed_percent", sm->absorbed_percent) != NULL &&
      cJSON_AddNumberToObject(o, "penetrated_percent", sm->penetrated_percent) != NULL &&
      cJSON_AddNumberToObject(o, "intact_absorbed_percent", sm->intact_absorbed_percent) != NULL &&
      cJSON_AddNumberToObject(o, "intact_penetrated_percent", sm->intact_penetrated_percent) !=
          NULL &&
      cJSON_AddNumberToObject(o, "enhancement_ratio", sm->enhancement_ratio) != NULL &&
      cJSON_AddBoolToObject(o, "enhancement_is_lower_bound", sm->enhancement_is_lower_bound) !=
          NULL &&
      cJSON_AddBoolToObject(o, "enhancement_is_upper_bound", sm->enhancement_is_upper_bound) !=
          NULL &&
      add_number_or_null(o, "intact_lag_h", mn_s_to_h(sm->intact_lag_s)) != NULL &&
      cJSON_AddBoolToObject(o, "has_channels", sm->has_channels) != NULL &&
      cJSON_AddNumberToObject(o, "mass_balance_error", sm->mass_balance_error) != NULL &&
      cJSON_AddNumberToObject(o, "peak_flux_ug_cm2_h",
                              mn_kg_per_m2_to_ug_per_cm2(sm->peak_flux_kg_per_m2_s) * 3600.0) !=
          NULL &&
      cJSON_AddNumberToObject(o, "intact_peak_flux_ug_cm2_h",
                              mn_kg_per_m2_to_ug_per_cm2(sm->intact_peak_flux_kg_per_m2_s) *
                                  3600.0) != NULL &&
      add_number_or_null(o, "dry_time_h", mn_s_to_h(sm->dry_time_s)) != NULL &&
      cJSON_AddNumberToObject(o, "channel_open_fraction_end", sm->channel_open_fraction_end) !=
          NULL &&
      cJSON_AddNumberToObject(o, "kp_intact_cm_h", mn_m_per_s_to_cm_per_h(p->kp_intact_m_per_s)) !=
          NULL;
  if (!ok) {
    cJSON_Delete(time_h);
    cJSON_Delete(prof_h);
    cJSON_Delete(curve);
    cJSON_Delete(curve_intact);
    return 0;
  }
  /* each add_owned deletes its item on failure; the later ones are deleted here */
  if (!add_owned(o, "time_h", time_h)) {
    cJSON_Delete(curve), cJSON_Delete(curve_intact), cJSON_Delete(prof_h);
    return 0;
  }
  if (!add_owned(o, "cumulative_absorbed_percent", curve)) {
    cJSON_Delete(curve_intact), cJSON_Delete(prof_h);
    return 0;
  }
  if (!add_owned(o, "intact_cumulative_absorbed_percent", curve_intact)) {
    cJSON_Delete(prof_h);
    return 0;
  }
  return add_owned(o, "profile_times_h", prof_h) && add_dose(o, a, t, n);
}

/* healing.*: outcomes of the course (shared/SCENARIO.md); zeros and empty curves when the
 * course has no session. */
static int add_healing(cJSON *root, const mn_result *r)
{
  const mn_scenario_course *c = &r->scenario.course;
  const mn_healing *h = r->healing;
  cJSON *o = cJSON_AddObjectToObject(root, "healing");
  int ok = o != NULL && cJSON_AddNumberToObject(o, "sessions", h ? c->sessions : 0) != NULL &&
           cJSON_AddNumberToObject(o, "interval_weeks", c->interval_s / (7.0 * 86400.0)) != NULL &&
           cJSON_AddNumberToObject(o, "follow_up_months", c->follow_up_s / mn_months_to_s(1.0)) !=
               NULL;
  if (!ok)
    return 0;
  size_t n = h ? mn_healing_n_days(h) : 0;
  const double *days = h ? mn_healing_days(h) : NULL;
  const double *col = h ? mn_healing_collagen_curve(h) : NULL;
  const double *cx = h ? mn_healing_curve(h, MN_HEAL_COLLAGEN_MATURE) : NULL;
  cJSON *cd = cJSON_AddArrayToObject(o, "collagen_curve_days");
  cJSON *cp = cJSON_AddArrayToObject(o, "collagen_curve_percent");
  cJSON *mp = cJSON_AddArrayToObject(o, "mature_collagen_curve_percent");
  if (cd == NULL || cp == NULL || mp == NULL)
    return 0;
  for (size_t j = 0; j < n; j++) {
    cJSON *d = cJSON_CreateNumber(days[j]), *v = cJSON_CreateNumber(100.0 * col[j]);
    cJSON *m = cJSON_CreateNumber(100.0 * cx[j]);
    if (d == NULL || v == NULL || m == NULL || !cJSON_AddItemToArray(cd, d) ||
        !cJSON_AddItemToArray(cp, v) || !cJSON_AddItemToArray(mp, m)) {
      cJSON_Delete(d);
      cJSON_Delete(v);
      cJSON_Delete(m);
      return 0;
    }
  }
  ok = cJSON_AddNumberToObject(o, "collagen_change_percent",
                               h ? mn_healing_collagen_change_percent(h) : 0.0) != NULL &&
       cJSON_AddNumberToObject(o, "elastin_change_percent",
                               h ? mn_healing_elastin_change_percent(h) : 0.0) != NULL &&
       cJSON_AddNumberToObject(o, "downtime_days", h ? mn_healing_downtime_days(h) : 0.0) != NULL &&
       cJSON_AddNumberToObject(o, "pih_risk_percent", h ? mn_healing_pih_risk_percent(h) : 0.0) !=
           NULL;
  if (!ok || h == NULL)
    return ok;
  mn_heal_solver_stats st = mn_healing_solver_stats(h);
  cJSON *warnings = cJSON_AddArrayToObject(o, "warnings");
  cJSON *solver = cJSON_AddObjectToObject(o, "solver");
  const double *yc3 = mn_healing_curve(h, MN_HEAL_COLLAGEN3);
  const double *yc1 = mn_healing_curve(h, MN_HEAL_COLLAGEN1);
  size_t last = n - 1;
  ok = cJSON_AddNumberToObject(o, "mature_collagen_percent",
                               mn_healing_mature_collagen_percent(h)) != NULL &&
       cJSON_AddNumberToObject(o, "soluble_collagen1_percent", 100.0 * yc1[last]) != NULL &&
       cJSON_AddNumberToObject(o, "collagen3_percent", 100.0 * yc3[last]) != NULL &&
       cJSON_AddNumberToObject(o, "age_years", r->scenario.skin.age_years) != NULL &&
       cJSON_AddNumberToObject(o, "age_collagen_factor", mn_healing_age_factor(h)) != NULL &&
       cJSON_AddNumberToObject(o, "type3_fraction", mn_healing_type3_fraction(h)) != NULL &&
       cJSON_AddNumberToObject(o, "injury_impulse", mn_healing_impulse(h)) != NULL &&
       cJSON_AddNumberToObject(o, "dermal_depth_um", mn_m_to_um(mn_healing_dermal_depth_m(h))) !=
           NULL &&
       cJSON_AddNumberToObject(o, "inflammation_burden", mn_healing_inflammation_burden(h)) !=
           NULL &&
       cJSON_AddNumberToObject(o, "inflammation_peak_28d", mn_healing_inflammation_peak_28d(h)) !=
           NULL &&
       cJSON_AddNumberToObject(o, "inflammation_limit_28d",
                               mn_healing_inflammation_limit_28d(h)) != NULL &&
       warnings != NULL && solver != NULL &&
       cJSON_AddStringToObject(solver, "integrator", "CVODE BDF, dense") != NULL &&
       cJSON_AddNumberToObject(solver, "steps", (double)st.steps) != NULL &&
       cJSON_AddNumberToObject(solver, "rhs_evals", (double)st.rhs_evals) != NULL &&
       cJSON_AddNumberToObject(solver, "jac_evals", (double)st.jac_evals) != NULL &&
       cJSON_AddNumberToObject(solver, "err_test_fails", (double)st.err_test_fails) != NULL;
  /* One array entry per line of the warning text. */
  const char *text = mn_healing_warning_text(h);
  while (ok && *text != '\0') {
    const char *end = strchr(text, '\n');
    size_t full = end ? (size_t)(end - text) : strlen(text);
    char line[512];
    size_t len = full < sizeof line ? full : sizeof line - 1;
    memcpy(line, text, len);
    line[len] = '\0';
    cJSON *w = cJSON_CreateString(line);
    ok = w != NULL && cJSON_AddItemToArray(warnings, w);
    text += end ? full + 1 : full;
  }
  return ok;
}

/* outcome.*: the indication's endpoints (docs/model.md section 6.10); absent without an
 * indication. The headline endpoint gives outcome.endpoint, change, range, time_days, values;
 * every endpoint is listed under outcome.endpoints[]. */
static cJSON *number_array(const double *v, size_t n)
{
  cJSON *a = cJSON_CreateArray();
  for (size_t i = 0; a != NULL && i < n; i++) {
    cJSON *x = isfinite(v[i]) ? cJSON_CreateNumber(v[i]) : cJSON_CreateNull();
    if (x == NULL || !cJSON_AddItemToArray(a, x)) {
      cJSON_Delete(x);
      cJSON_Delete(a);
      return NULL;
    }
  }
  return a;
}

static int add_endpoint_fields(cJSON *o, const mn_outcome_endpoint *e, int with_curve)
{
  double range[2] = {e->range_lo, e->range_hi};
  double anchor_range[2] = {e->anchor_lo, e->anchor_hi};
  int has_range = isfinite(range[0]) && isfinite(range[1]);
  int ok = cJSON_AddStringToObject(o, "endpoint", e->name) != NULL &&
           cJSON_AddStringToObject(o, "label", e->label) != NULL &&
           cJSON_AddStringToObject(o, "unit", e->unit) != NULL &&
           cJSON_AddStringToObject(o, "better", e->lower_is_better ? "lower" : "higher") != NULL &&
           add_number_or_null(o, "change", e->change) != NULL &&
           add_owned(o, "range", number_array(range, has_range ? 2 : 0)) &&
           add_number_or_null(o, "limit", e->limit) != NULL &&
           add_number_or_null(o, "remodelling_ratio", e->remodelling_ratio) != NULL &&
           cJSON_AddStringToObject(o, "anchor", e->anchor_source) != NULL &&
           cJSON_AddStringToObject(o, "anchor_protocol", e->anchor_protocol_note) != NULL &&
           add_number_or_null(o, "anchor_change", e->anchor_change) != NULL &&
           add_owned(o, "anchor_range", number_array(anchor_range, has_range ? 2 : 0));
  if (ok && with_curve)
    ok = add_owned(o, "time_days", number_array(e->days, e->n)) &&
         add_owned(o, "values", number_array(e->values, e->n));
  return ok;
}

int mni_outcome_to_json(cJSON *o, const mn_outcome *out)
{
  size_t n = mn_outcome_n_endpoints(out);
  int ok = cJSON_AddStringToObject(o, "indication", mn_outcome_indication(out)) != NULL;
  if (ok && n > 0) {
    ok = add_endpoint_fields(o, mn_outcome_endpoint_get(out, 0), 1);
  } else if (ok) {
    ok = cJSON_AddStringToObject(o, "endpoint", "none") != NULL &&
         cJSON_AddNullToObject(o, "change") != NULL &&
         cJSON_AddArrayToObject(o, "range") != NULL &&
         cJSON_AddArrayToObject(o, "time_days") != NULL &&
         cJSON_AddArrayToObject(o, "values") != NULL;
  }
  ok = ok && cJSON_AddStringToObject(o, "weakness", mn_outcome_weakness(out)) != NULL;
  cJSON *all = ok ? cJSON_AddArrayToObject(o, "endpoints") : NULL;
  ok = all != NULL;
  for (size_t i = 0; ok && i < n; i++) {
    cJSON *e = cJSON_CreateObject();
    ok = e != NULL && cJSON_AddItemToArray(all, e) &&
         add_endpoint_fields(e, mn_outcome_endpoint_get(out, i), 0);
  }
  return ok;
}

static int add_outcome(cJSON *root, const mn_result *r)
{
  if (r->outcome == NULL) return 1;
  cJSON *o = cJSON_AddObjectToObject(root, "outcome");
  return o != NULL && mni_outcome_to_json(o, r->outcome);
}

mn_status mn_outcome_json(mn_ctx *ctx, const mn_outcome *o, char **json_out)
{
  MNI_JSON_SCOPE(ctx); /* cJSON allocates through ctx */
  MNI_C_LOCALE();
  MN_REQUIRE(ctx, o != NULL && json_out != NULL, MN_E_ARG, "outcome JSON: NULL argument");
  *json_out = NULL;
  cJSON *root = cJSON_CreateObject();
  if (root == NULL || !mni_outcome_to_json(root, o)) {
    cJSON_Delete(root);
    return mni_fail(ctx, MN_E_NOMEM, "outcome JSON: out of memory");
  }
  return finish(ctx, root, json_out);
}

/* safety.warnings[]: the planner's rules applied to the run (plan/safety.c), blocks first;
 * safety.blocks: true when one of them blocks (mnsim run --strict refuses the run). */
static int add_safety(cJSON *root, const mn_result *r)
{
  const mn_safety_list *l = &r->safety;
  cJSON *o = cJSON_AddObjectToObject(root, "safety");
  cJSON *a = o != NULL ? cJSON_AddArrayToObject(o, "warnings") : NULL;
  if (a == NULL || cJSON_AddBoolToObject(o, "blocks", mn_safety_has_block(l)) == NULL) return 0;
  for (size_t i = 0; i < l->n; i++) {
    const mn_safety_warning *w = &l->warnings[i];
    cJSON *e = cJSON_CreateObject();
    if (e == NULL || !cJSON_AddItemToArray(a, e)) {
      cJSON_Delete(e);
      return 0;
    }
    if (cJSON_AddStringToObject(e, "rule", w->rule) == NULL ||
        cJSON_AddStringToObject(e, "severity", mn_safety_severity_name(w->severity)) == NULL ||
        cJSON_AddStringToObject(e, "message", w->message) == NULL)
      return 0;
  }
  return 1;
}

cJSON *mni_summary_build(const mn_result *r)
{
  cJSON *root = cJSON_CreateObject();
  int ok = root != NULL && cJSON_AddStringToObject(root, "mnsim_version", mn_version()) != NULL &&
           cJSON_AddStringToObject(root, "name", r->scenario.name) != NULL &&
           add_seed(root, r->scenario.seed) && add_skin(root, r) && add_puncture(root, r) &&
           add_absorption(root, r) && add_healing(root, r) && add_outcome(root, r) &&
           add_safety(root, r);
  if (!ok) {
    cJSON_Delete(root);
    return NULL;
  }
  return root;
}

mn_status mn_result_summary_json(mn_ctx *ctx, const mn_result *r, char **json_out)
{
  MNI_JSON_SCOPE(ctx); /* cJSON allocates through ctx */
  MNI_C_LOCALE();
  MN_REQUIRE(ctx, r != NULL && json_out != NULL, MN_E_ARG, "summary JSON: NULL argument");
  *json_out = NULL;
  cJSON *root = mni_summary_build(r);
  if (root == NULL) return mni_fail(ctx, MN_E_NOMEM, "summary JSON: out of memory");
  return finish(ctx, root, json_out);
}

void mn_string_free(mn_ctx *ctx, char *s)
{
  if (s != NULL)
    mn_free(ctx, s, strlen(s) + 1);
}
