/* The planner's rules: indication x site x setting x patient -> protocol, limits, warnings.
 *
 * Needle length. Start from the indication's [min, max] for the setting; apply every limit of
 * the catalogue that matches (home device, thin skin over bone, neck, periorbital skin, upper
 * lip, breast): a limit caps max, and when the whole range lies above it the range becomes
 * the limit's [min, max]. Then the subcutis rule: what the session's needles reach (the
 * insertion model's depth distribution at the site, with its spread between needles) must
 * keep most channels above the top of the subcutis, d = stratum corneum + viable epidermis +
 * dermis of the site, so L is capped at the largest needle step for which it does; more than
 * 5 % of them below d, or most of them in skin one SD thinner, is a warning.
 * Fitzpatrick IV-VI: the first session uses the depth class below the one of max (Lima 2013
 * classes), and SPF 50 for 7-10 days.
 * Course. Sessions from the indication, or the body rule (4-6) on trunk and limbs; interval
 * from the indication, never below 14 days in a clinic; passes and pressure from the end point
 * and the device of the setting (home roller, clinic pen).
 * The limits, the subcutis rule, the first session of dark skin and the shortest interval are
 * the helpers of plan/safety.c, which mn_safety_check applies to the scenario of a run. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "mnsim/device.h"
#include "plan/plan_int.h"

#define EPS_M 1e-9 /* lengths closer than a nanometre are equal */

static bool name_in(const char *name, const char *const *list, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (strcmp(name, list[i]) == 0) return true;
  return false;
}

static double subcutis_top_m(const mn_site *site)
{
  return mni_safety_subcutis_top_m(site->thickness_m);
}

static void add_warning(mn_plan *p, const char *fmt, ...) MNI_PRINTF(2, 3);
static void add_warning(mn_plan *p, const char *fmt, ...)
{
  if (p->n_warnings >= MNI_PLAN_MAX_LINES) return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(p->warnings[p->n_warnings++], MNI_PLAN_TEXT_MAX, fmt, ap);
  va_end(ap);
}

static void add_limit(mn_plan *p, const char *name, double max_m, const char *reason,
                      const char *source)
{
  if (p->n_limits >= MNI_PLAN_MAX_LINES) return;
  size_t i = p->n_limits++;
  snprintf(p->limit_reason[i], MNI_PLAN_TEXT_MAX, "%s", reason);
  p->limits[i] = (mn_plan_limit){name, max_m, p->limit_reason[i], source};
  add_warning(p, "needle capped at %.2f mm (%s): %s (%s)", mn_m_to_mm(max_m), name, reason, source);
}

/* The device of the setting for needle length L: the first of the catalogue's list that
 * comes in that length (pens: on a setting step); the last of the list if none does. */
static mn_status pick_device(mn_ctx *ctx, const mni_plan_catalog *cat, mn_setting setting,
                             double L_m, const mn_device **out)
{
  for (size_t i = 0; i < cat->n_devices[setting]; i++) {
    MN_TRY(mn_device_find(ctx, cat->devices[setting][i], out));
    const mn_device *d = *out;
    double k = d->length_step_m > 0.0 ? L_m / d->length_step_m : 0.0;
    if (L_m >= d->length_min_m - EPS_M && L_m <= d->length_max_m + EPS_M &&
        fabs(k - round(k)) < 1e-6)
      return MN_OK;
  }
  return MN_OK;
}

/* What needle length L on the device reaches at the site at the end point's pressure: the
 * shared rule of plan/safety.c, so that a run of the plan's scenario agrees. */
static mn_status reach_at(mn_ctx *ctx, const mni_plan_catalog *cat, const mn_indication *ind,
                          const mn_site *site, const mn_device *device, double L_m, mni_reach *out)
{
  const mni_endpoint *ep = mni_plan_endpoint_find(cat, ind->endpoint);
  mn_scenario s = mn_scenario_default();
  snprintf(s.device.model, sizeof s.device.model, "%s", device->name);
  s.device.type = device->type;
  s.device.needle_length_m = L_m;
  s.treatment.pressure = ep->pressure;
  return mni_safety_reach(ctx, &s.device, &s.treatment, site->thickness_m, out);
}

/* The needle range at a site for a setting, the device and what it reaches at its top;
 * records the limits that bind when p is given. */
static mn_status needle_range(mn_ctx *ctx, const mni_plan_catalog *cat, const mn_indication *ind,
                              const mn_site *site, mn_setting setting, mn_plan *p,
                              double range_m[2], const mn_device **device, mni_reach *reach)
{
  double lo = ind->needle_length_m[setting][0], hi = ind->needle_length_m[setting][1];
  for (size_t i = 0; i < cat->n_limits; i++) {
    const mni_limit *L = &cat->limits[i];
    if (!mni_safety_limit_applies(L, ind->name, site, setting) || L->max_m >= hi - EPS_M) continue;
    hi = L->max_m;
    if (lo > hi + EPS_M) lo = L->min_m;
    if (p != NULL) add_limit(p, L->name, hi, L->reason, L->source);
  }
  /* The subcutis rule: shorten by whole needle steps until most channels stay in the skin
   * above the subcutis (the depth grows with the needle length, so the whole range then
   * does). */
  double d = subcutis_top_m(site), step = cat->needle_step_m, L = hi;
  mni_reach r, r_hi;
  MN_TRY(pick_device(ctx, cat, setting, L, device));
  MN_TRY(reach_at(ctx, cat, ind, site, *device, L, &r));
  r_hi = r;
  while (mni_safety_reaches_subcutis(&r)) {
    L = step * (ceil(L / step - 1e-9) - 1.0);
    MN_REQUIRE(ctx, L > EPS_M, MN_E_CONFIG,
               "site %s: skin %.3f mm thick to the subcutis leaves no needle length above it",
               site->name, mn_m_to_mm(d));
    MN_TRY(pick_device(ctx, cat, setting, L, device));
    MN_TRY(reach_at(ctx, cat, ind, site, *device, L, &r));
  }
  if (L < hi - EPS_M && p != NULL) {
    char reason[MNI_PLAN_TEXT_MAX];
    snprintf(reason, sizeof reason,
             "with %.2f mm %.0f %% of the channels reach the subcutis, %.2f mm below the "
             "surface at %s; at %.2f mm they reach %.2f mm on average",
             mn_m_to_mm(hi), 100.0 * r_hi.share_beyond, mn_m_to_mm(d), site->name, mn_m_to_mm(L),
             mn_m_to_mm(r.mean_m));
    /* The thickness that sets the cap, with its citation (the site's dermis). */
    add_limit(p, "subcutis", L, reason, site->source[MN_LAYER_DERMIS]);
  }
  range_m[0] = fmin(lo, L);
  range_m[1] = L;
  *reach = r;
  return MN_OK;
}

static bool is_body(const mn_site *site)
{
  return site->region != NULL &&
         (strcmp(site->region, "trunk") == 0 || strcmp(site->region, "limb") == 0);
}

static mn_status check_request(mn_ctx *ctx, const mn_plan_request *rq, const mn_site *site)
{
  MN_REQUIRE(ctx, rq != NULL && site != NULL, MN_E_ARG, "mn_plan_make: NULL argument");
  MN_REQUIRE(ctx, rq->setting == MN_SETTING_HOME || rq->setting == MN_SETTING_CLINIC, MN_E_ARG,
             "plan: setting = %d is neither home (0) nor clinic (1)", (int)rq->setting);
  MN_REQUIRE(ctx, rq->fitzpatrick >= 1 && rq->fitzpatrick <= 6, MN_E_ARG,
             "plan: fitzpatrick = %d must be 1..6", rq->fitzpatrick);
  MN_REQUIRE(ctx, rq->n_conditions <= MN_PLAN_MAX_CONDITIONS, MN_E_ARG,
             "plan: %zu conditions, at most %d", rq->n_conditions, MN_PLAN_MAX_CONDITIONS);
  return MN_OK;
}

static mn_status add_conditions(mn_ctx *ctx, const mni_plan_catalog *cat, const mn_plan_request *rq,
                                mn_plan *p)
{
  for (size_t i = 0; i < rq->n_conditions; i++) {
    const mn_condition *c = NULL;
    MN_TRY(mn_condition_find(ctx, rq->conditions[i], &c));
    bool seen = false;
    for (size_t j = 0; j < p->n_contraindications; j++)
      seen = seen || strcmp(p->contraindications[j].name, c->name) == 0;
    if (seen) continue;
    p->contraindications[p->n_contraindications++] = *c;
    p->is_blocked = p->is_blocked || c->blocks;
  }
  if (p->is_blocked)
    add_warning(p, "do not treat: a condition blocks microneedling (see contraindications)");
  for (size_t j = 0; j < p->n_contraindications; j++) {
    const mn_condition *c = &p->contraindications[j];
    if (!c->blocks) add_warning(p, "%s: %s (%s)", c->name, c->reason, c->source);
  }
  if (rq->fitzpatrick >= cat->dark_skin_min_fitzpatrick)
    p->contraindications[p->n_contraindications++] =
        (mn_condition){"fitzpatrick_4_to_6", false, cat->dark_skin_reason, cat->dark_skin_source};
  return MN_OK;
}

static void set_course(const mni_plan_catalog *cat, const mn_indication *ind, const mn_site *site,
                       mn_setting setting, mn_plan *p)
{
  mn_plan_protocol *pr = &p->protocol;
  const mni_endpoint *ep = mni_plan_endpoint_find(cat, ind->endpoint);
  const int *passes = pr->device == MN_DEVICE_PEN ? ep->passes_pen : ep->passes_roller;
  pr->passes[0] = passes[0];
  pr->passes[1] = passes[1];
  pr->pressure = ep->pressure;
  pr->endpoint = ep->name;
  pr->endpoint_label = ep->label;

  pr->sessions[0] = ind->sessions[0];
  pr->sessions[1] = ind->sessions[1];
  if (is_body(site) && !ind->is_ongoing) {
    pr->sessions[0] = cat->body_sessions[0];
    pr->sessions[1] = cat->body_sessions[1];
  }
  pr->interval_s[0] = mni_safety_min_interval_s(cat, ind, setting);
  pr->interval_s[1] = fmax(ind->interval_s[1], pr->interval_s[0]);
}

mn_status mni_plan_make_at(mn_ctx *ctx, const mn_plan_request *rq, const mn_site *site,
                           mn_plan **out)
{
  MN_REQUIRE(ctx, out != NULL, MN_E_ARG, "mn_plan_make: NULL argument");
  *out = NULL;
  MN_TRY(check_request(ctx, rq, site));
  const mni_plan_catalog *cat;
  const mn_indication *ind;
  MN_TRY(mni_plan_catalog_get(ctx, &cat));
  MN_TRY(mn_indication_find(ctx, rq->indication, &ind));

  mn_status st = MN_OK;
  mn_plan *p = mn_calloc(ctx, 1, sizeof *p);
  if (p == NULL) return MN_E_NOMEM;
  p->ctx = ctx;
  p->indication = ind;
  snprintf(p->site, sizeof p->site, "%s", site->name);
  p->setting = rq->setting;
  p->fitzpatrick = rq->fitzpatrick;
  mn_plan_protocol *pr = &p->protocol;

  MN_CHECK_GOTO(add_conditions(ctx, cat, rq, p));
  mni_reach reach, clinic_reach;
  const mn_device *device = NULL, *clinic_device = NULL;
  MN_CHECK_GOTO(
      needle_range(ctx, cat, ind, site, rq->setting, p, pr->needle_length_m, &device, &reach));
  double deepest_m = reach.p95_m;
  pr->device_model = device->name;
  pr->device = device->type;
  p->device_step_m = device->length_step_m;
  pr->first_session_needle_length_m[0] = pr->needle_length_m[0];
  pr->first_session_needle_length_m[1] = pr->needle_length_m[1];
  if (rq->fitzpatrick >= cat->dark_skin_min_fitzpatrick) {
    mni_safety_one_class_lower(cat, pr->needle_length_m, pr->first_session_needle_length_m);
    add_warning(p,
                "Fitzpatrick type %d: first session %.2f-%.2f mm (one depth class lower), "
                "then SPF 50 for 7-10 days (%s)",
                rq->fitzpatrick, mn_m_to_mm(pr->first_session_needle_length_m[0]),
                mn_m_to_mm(pr->first_session_needle_length_m[1]), cat->dark_skin_source);
  }
  pr->max_depth_reached_m = deepest_m;
  pr->insertion_fraction = deepest_m / pr->needle_length_m[1];
  pr->subcutis_top_m = subcutis_top_m(site);
  if (pr->needle_length_m[1] > pr->subcutis_top_m)
    add_warning(p,
                "the %.2f mm needle is longer than the skin is thick here (%.2f mm to the "
                "subcutis); 95 %% of its channels stay above %.2f mm because skin deforms "
                "before it is pierced and a hand presses it only part of the way in (puncture "
                "model, docs/model.md section 2)",
                mn_m_to_mm(pr->needle_length_m[1]), mn_m_to_mm(pr->subcutis_top_m),
                mn_m_to_mm(pr->max_depth_reached_m));
  {
    /* The run's caution for thin skin (plan/safety.c), said in the plan too. */
    mn_scenario s = mn_scenario_default();
    snprintf(s.skin.site, sizeof s.skin.site, "%s", site->name);
    snprintf(s.device.model, sizeof s.device.model, "%s", device->name);
    s.device.type = device->type;
    s.device.needle_length_m = pr->needle_length_m[1];
    s.treatment.pressure = mni_plan_endpoint_find(cat, ind->endpoint)->pressure;
    double thin[MN_N_LAYERS];
    for (int i = 0; i < MN_N_LAYERS; i++)
      thin[i] = site->thickness_m[i];
    thin[MN_LAYER_DERMIS] *= 1.0 - site->cv[MN_LAYER_DERMIS];
    mni_reach rt;
    MN_CHECK_GOTO(mni_safety_reach(ctx, &s.device, &s.treatment, thin, &rt));
    if (reach.share_beyond > MNI_REACH_CAUTION_SHARE)
      add_warning(p,
                  "%.0f %% of the channels of a %.2f mm needle reach the fat (%.2f mm below the "
                  "surface here), though most stay in the dermis (%.2f mm on average); press "
                  "lightly to keep them all in the dermis",
                  100.0 * reach.share_beyond, mn_m_to_mm(pr->needle_length_m[1]),
                  mn_m_to_mm(pr->subcutis_top_m), mn_m_to_mm(reach.mean_m));
    else if (mni_safety_reaches_subcutis(&rt))
      add_warning(p,
                  "thin skin: where the skin above the fat is %.2f mm instead of %.2f mm (one "
                  "standard deviation between people), %.0f %% of the channels of a %.2f mm "
                  "needle would reach it; measure the skin or use a shorter needle",
                  mn_m_to_mm(rt.subcutis_top_m), mn_m_to_mm(pr->subcutis_top_m),
                  100.0 * rt.share_beyond, mn_m_to_mm(pr->needle_length_m[1]));
  }

  if (rq->setting == MN_SETTING_HOME) {
    double clinic_m[2];
    MN_CHECK_GOTO(needle_range(ctx, cat, ind, site, MN_SETTING_CLINIC, NULL, clinic_m,
                               &clinic_device, &clinic_reach));
    double clinic_deepest_m = clinic_reach.p95_m;
    if (clinic_deepest_m > deepest_m + mn_um_to_m(50.0))
      add_warning(p,
                  "%s at %s: a clinic device (%s, up to %.2f mm) goes deeper (%.2f mm) than the "
                  "home roller (%.2f mm); see a clinician for a full course",
                  ind->label, site->name, clinic_device->name, mn_m_to_mm(clinic_m[1]),
                  mn_m_to_mm(clinic_deepest_m), mn_m_to_mm(deepest_m));
  }

  pr->is_extrapolated =
      !(site->region != NULL && name_in(site->region, ind->regions, ind->n_regions));
  if (pr->is_extrapolated)
    add_warning(p,
                "the evidence for %s comes from other body regions than %s (%s): the "
                "protocol is extrapolated",
                ind->label, site->region ? site->region : "unknown", site->name);
  set_course(cat, ind, site, rq->setting, p);
  if (is_body(site) && !ind->is_ongoing &&
      (ind->sessions[0] != pr->sessions[0] || ind->sessions[1] != pr->sessions[1]))
    add_warning(p, "body site: %d-%d sessions instead of %d-%d (%s)", pr->sessions[0],
                pr->sessions[1], ind->sessions[0], ind->sessions[1], cat->body_sessions_source);
  if (rq->setting == MN_SETTING_CLINIC && ind->interval_s[0] < cat->clinic_min_interval_s)
    add_warning(p, "interval raised to %.0f weeks: %s", mn_s_to_days(pr->interval_s[0]) / 7.0,
                cat->clinic_min_interval_source);
  if (ind->is_ongoing) add_warning(p, "%s", cat->topicals);

  p->advice[p->n_advice++] = cat->topicals;
  p->advice[p->n_advice++] = cat->retreat;
  p->advice[p->n_advice++] = cat->assess;
  p->advice[p->n_advice++] = cat->sun;
  if (ind->maintenance != NULL) p->advice[p->n_advice++] = ind->maintenance;
  *out = p;
  return MN_OK;
fail:
  mn_plan_destroy(&p);
  return st;
}
