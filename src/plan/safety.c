/* The safety rules, one set for the planner and for a run (docs/model.md section 7.6).
 *
 * The planner (plan_rules.c) shapes its protocol with the helpers below (the limits that
 * apply, the subcutis rule, the first session of dark skin types, the shortest interval);
 * mn_safety_check applies the same helpers to any scenario and says which rule it breaks:
 *   - a limit of the catalogue that applies to the site, the device's setting and the
 *     indication, with the needle longer than its cap: block (rule "eyelid" for the
 *     periorbital limit, "bone" over bone, "neck", "site_needle_limit" for the others);
 *   - most channels reach the subcutis (the insertion model's depth distribution at the
 *     site, mni_safety_reach): block ("subcutis_reached"); more than 5 % of them: caution
 *     ("subcutis_some"); most would in skin one between-person SD thinner: caution
 *     ("subcutis_thin_skin");
 *   - Fitzpatrick IV-VI: caution ("pih_risk");
 *   - sessions closer than the shortest interval: block in a clinic below its minimum,
 *     caution otherwise; closer than the redness of one session lasts: caution
 *     ("interval_too_short");
 *   - the needle longer than the indication's usual range: caution
 *     ("beyond_indication_depth").
 * A fractional laser has no needle: the needle-length limits and the indication's needle range
 * do not apply; the subcutis rule and the interval read the depth of its zones.
 * Messages are for clinicians: the catalogue's reason, never its sources' notes. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mnsim/device.h"
#include "plan/plan_int.h"
#include "puncture/insertion_int.h"

#define EPS_M 1e-9 /* lengths closer than a nanometre are equal */

static bool name_in(const char *name, const char *const *list, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (strcmp(name, list[i]) == 0) return true;
  return false;
}

bool mni_safety_limit_applies(const mni_limit *L, const char *indication, const mn_site *site,
                              mn_setting setting)
{
  return (L->n_sites == 0 || name_in(site->name, L->sites, L->n_sites)) &&
         (L->n_indications == 0 ||
          (indication != NULL && name_in(indication, L->indications, L->n_indications))) &&
         (L->region == NULL || (site->region != NULL && strcmp(L->region, site->region) == 0)) &&
         (L->over_bone < 0 || (L->over_bone != 0) == (site->is_over_bone != 0)) &&
         (L->setting < 0 || L->setting == (int)setting);
}

double mni_safety_subcutis_top_m(const double thickness_m[MN_N_LAYERS])
{
  return thickness_m[MN_LAYER_STRATUM_CORNEUM] + thickness_m[MN_LAYER_VIABLE_EPIDERMIS] +
         thickness_m[MN_LAYER_DERMIS];
}

/* The depth distribution of the insertion model at the site: both normal deviates of a
 * channel (the hand's force, the depth's scatter) on a grid of GRID_N points over +-GRID_Z
 * with their normal weights; the model clamps the deviates at its own truncation. */
#define GRID_N 81
#define GRID_Z 4.0

typedef struct depth_w {
  double d_m, w;
} depth_w;

static int by_depth(const void *a, const void *b)
{
  double x = ((const depth_w *)a)->d_m, y = ((const depth_w *)b)->d_m;
  return (x > y) - (x < y);
}

mn_status mni_safety_reach(mn_ctx *ctx, const mn_scenario_device *device,
                           const mn_scenario_treatment *treatment,
                           const double thickness_m[MN_N_LAYERS], mni_reach *out)
{
  mn_device dev;
  mni_insertion_model m;
  mn_layer_stack layers;
  MN_TRY(mn_device_resolve(ctx, device, &dev));
  MN_TRY(mni_insertion_setup(ctx, &dev, treatment, &m));
  memset(&layers, 0, sizeof layers);
  for (int i = 0; i < MN_N_LAYERS; i++)
    layers.thickness_m[i] = thickness_m[i];
  mni_insertion_set_skin(&m, &layers);
  double top = mni_safety_subcutis_top_m(thickness_m);

  size_t n_cells = (size_t)GRID_N * GRID_N;
  depth_w *g = mn_calloc(ctx, n_cells, sizeof *g); /* 100 kB: too large for the stack */
  if (g == NULL) return MN_E_NOMEM;
  double h = 2.0 * GRID_Z / (GRID_N - 1), sum_w = 0.0, mean = 0.0, beyond = 0.0;
  size_t n = 0;
  for (int i = 0; i < GRID_N; i++)
    for (int j = 0; j < GRID_N; j++) {
      double zf = -GRID_Z + i * h, zd = -GRID_Z + j * h;
      double w = exp(-0.5 * (zf * zf + zd * zd));
      double d = mni_insertion_depth_m(&m, zf, zd);
      g[n++] = (depth_w){d, w};
      sum_w += w;
      mean += w * d;
      if (d >= top) beyond += w;
    }
  qsort(g, n, sizeof *g, by_depth);
  double acc = 0.0, p95 = g[n - 1].d_m;
  for (size_t k = 0; k < n; k++) {
    acc += g[k].w;
    if (acc >= MNI_REACH_QUANTILE * sum_w) {
      p95 = g[k].d_m;
      break;
    }
  }
  out->mean_m = mean / sum_w;
  out->p95_m = p95;
  out->deepest_m = mni_insertion_depth_m(&m, HUGE_VAL, HUGE_VAL);
  out->share_beyond = beyond / sum_w;
  out->subcutis_top_m = top;
  mn_free(ctx, g, n_cells * sizeof *g);
  return MN_OK;
}

bool mni_safety_reaches_subcutis(const mni_reach *r)
{
  return r->share_beyond > MNI_REACH_BLOCK_SHARE;
}

void mni_safety_one_class_lower(const mni_plan_catalog *cat, const double range_m[2], double out[2])
{
  size_t c = 0;
  while (c + 1 < cat->n_classes && range_m[1] > cat->classes[c].max_m + EPS_M)
    c++;
  out[0] = range_m[0];
  out[1] = range_m[1];
  if (c > 0) {
    out[0] = fmin(range_m[0], cat->classes[c - 1].min_m);
    out[1] = fmin(range_m[1], cat->classes[c - 1].max_m);
  }
}

double mni_safety_min_interval_s(const mni_plan_catalog *cat, const mn_indication *ind,
                                 mn_setting setting)
{
  double lo = ind != NULL ? ind->interval_s[0] : 0.0;
  if (setting == MN_SETTING_CLINIC) lo = fmax(lo, cat->clinic_min_interval_s);
  return lo;
}

/* ---- mn_safety_check ------------------------------------------------------------------------ */

mn_safety_facts mn_safety_facts_default(void)
{
  mn_safety_facts f;
  memset(&f, 0, sizeof f);
  f.mean_depth_m = NAN;
  f.max_depth_m = NAN;
  f.downtime_days = NAN;
  return f;
}

const char *mn_safety_severity_name(mn_safety_severity severity)
{
  return severity == MN_SAFETY_BLOCK ? "block" : "caution";
}

bool mn_safety_has_block(const mn_safety_list *list)
{
  if (list == NULL) return false;
  for (size_t i = 0; i < list->n; i++)
    if (list->warnings[i].severity == MN_SAFETY_BLOCK) return true;
  return false;
}

static void add(mn_safety_list *l, const char *rule, mn_safety_severity sev, const char *fmt, ...)
    MNI_PRINTF(4, 5);
static void add(mn_safety_list *l, const char *rule, mn_safety_severity sev, const char *fmt, ...)
{
  if (l->n >= MN_SAFETY_MAX_WARNINGS) return;
  mn_safety_warning *w = &l->warnings[l->n++];
  snprintf(w->rule, sizeof w->rule, "%s", rule);
  w->severity = sev;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(w->message, sizeof w->message, fmt, ap);
  va_end(ap);
}

/* The rule id of a catalogue limit: the names a clinician looks for. */
static const char *limit_rule(const char *name)
{
  if (strcmp(name, "periorbital") == 0) return "eyelid";
  if (strcmp(name, "over_bone") == 0) return "bone";
  if (strcmp(name, "neck") == 0) return "neck";
  return "site_needle_limit";
}

static const char *site_label(const mn_site *site)
{
  return site->label != NULL ? site->label : site->name;
}

static void check_limits(const mni_plan_catalog *cat, const mn_scenario *s, const mn_site *site,
                         mn_setting setting, const char *indication, mn_safety_list *l)
{
  double L = s->device.needle_length_m;
  for (size_t i = 0; i < cat->n_limits; i++) {
    const mni_limit *lim = &cat->limits[i];
    if (!mni_safety_limit_applies(lim, indication, site, setting) || L <= lim->max_m + EPS_M)
      continue;
    add(l, limit_rule(lim->name), MN_SAFETY_BLOCK,
        "A %.2f mm needle is longer than the %.2f mm allowed at this site (%s): %s.", mn_m_to_mm(L),
        mn_m_to_mm(lim->max_m), site_label(site), lim->reason);
  }
}

/* The subcutis rule on what the session's needles reach (mni_safety_reach), not the needle's
 * nominal length: a block when most channels enter the fat; a caution when more than 5 % of
 * them do, or when most would in a patient whose dermis is one between-person SD thinner
 * than the site's mean (the site's cv). */
static mn_status check_subcutis(mn_ctx *ctx, const mn_scenario *s, const mn_site *site,
                                const mn_device *dev, const mn_safety_facts *f,
                                mn_safety_list *l)
{
  const double *t = f->layers != NULL ? f->layers->thickness_m : site->thickness_m;
  if (dev->type == MN_DEVICE_FRACTIONAL_LASER) { /* every zone alike: its depth decides */
    double top = mni_safety_subcutis_top_m(t);
    if (f->max_depth_m >= top)
      add(l, "subcutis_reached", MN_SAFETY_BLOCK,
          "The laser's zones reach the subcutaneous fat: %.2f mm deep, below the %.2f mm of "
          "skin above the fat here (%s). Lower the pulse energy.",
          mn_m_to_mm(f->max_depth_m), mn_m_to_mm(top), site_label(site));
    return MN_OK;
  }
  mni_reach r;
  MN_TRY(mni_safety_reach(ctx, &s->device, &s->treatment, t, &r));
  double mean = isnan(f->mean_depth_m) ? r.mean_m : f->mean_depth_m;
  if (mni_safety_reaches_subcutis(&r)) {
    add(l, "subcutis_reached", MN_SAFETY_BLOCK,
        "The needles reach the subcutaneous fat: %.0f %% of the channels go deeper than the "
        "%.2f mm of skin above the fat here (%s); they reach %.2f mm on average and the "
        "deepest 5 %% beyond %.2f mm. Use a shorter needle or lighter pressure.",
        100.0 * r.share_beyond, mn_m_to_mm(r.subcutis_top_m), site_label(site), mn_m_to_mm(mean),
        mn_m_to_mm(r.p95_m));
    return MN_OK;
  }
  if (r.share_beyond > MNI_REACH_CAUTION_SHARE) {
    add(l, "subcutis_some", MN_SAFETY_CAUTION,
        "Some channels reach the subcutaneous fat: %.0f %% of them go deeper than the %.2f mm "
        "of skin above the fat here (%s), though most stay in the dermis (%.2f mm on "
        "average). Press lightly or use a shorter needle to keep them all in the dermis.",
        100.0 * r.share_beyond, mn_m_to_mm(r.subcutis_top_m), site_label(site), mn_m_to_mm(mean));
    return MN_OK;
  }
  double thin[MN_N_LAYERS];
  for (int i = 0; i < MN_N_LAYERS; i++)
    thin[i] = t[i];
  thin[MN_LAYER_DERMIS] *= 1.0 - site->cv[MN_LAYER_DERMIS];
  mni_reach rt;
  MN_TRY(mni_safety_reach(ctx, &s->device, &s->treatment, thin, &rt));
  if (mni_safety_reaches_subcutis(&rt))
    add(l, "subcutis_thin_skin", MN_SAFETY_CAUTION,
        "In thinner skin the needles reach the fat: where the skin above the fat is %.2f mm "
        "instead of %.2f mm (one standard deviation between people at the %s), %.0f %% of "
        "the channels would enter it. Measure its thickness first, or choose a shorter "
        "needle.",
        mn_m_to_mm(rt.subcutis_top_m), mn_m_to_mm(r.subcutis_top_m), site_label(site),
        100.0 * rt.share_beyond);
  return MN_OK;
}

static void check_pih(const mni_plan_catalog *cat, const mn_scenario *s, const mn_device *dev,
                      mn_safety_list *l)
{
  int fz = s->skin.fitzpatrick;
  if (fz < cat->dark_skin_min_fitzpatrick) return;
  if (dev->type == MN_DEVICE_FRACTIONAL_LASER) {
    add(l, "pih_risk", MN_SAFETY_CAUTION,
        "Fitzpatrick type %d: fractional lasers cause post-inflammatory hyperpigmentation more "
        "often in darker skin, and more at higher density; use a low density and a test spot.",
        fz);
    return;
  }
  double L = s->device.needle_length_m, range[2] = {L, L}, lower[2];
  mni_safety_one_class_lower(cat, range, lower);
  char extra[160] = "";
  if (lower[1] < L - EPS_M)
    snprintf(extra, sizeof extra, " For a first session, use %.2f mm or less rather than %.2f mm.",
             mn_m_to_mm(lower[1]), mn_m_to_mm(L));
  /* The catalogue's reason names the types it covers ("Fitzpatrick IV-VI: ..."): the message
   * names the patient's type instead. */
  const char *reason = cat->dark_skin_reason, *colon = strstr(reason, ": ");
  if (strncmp(reason, "Fitzpatrick", 11) == 0 && colon != NULL) reason = colon + 2;
  add(l, "pih_risk", MN_SAFETY_CAUTION, "Fitzpatrick type %d: %s.%s", fz, reason, extra);
}

static void check_interval(const mni_plan_catalog *cat, const mn_scenario *s,
                           const mn_device *dev, const mn_indication *ind, mn_setting setting,
                           const mn_safety_facts *f, mn_safety_list *l)
{
  const mn_scenario_course *c = &s->course;
  if (c->sessions < 2) return;
  double days = mn_s_to_days(c->interval_s);
  /* a laser: the depth of its zones stands for the needle's length */
  double L = dev->type == MN_DEVICE_FRACTIONAL_LASER ? f->mean_depth_m : s->device.needle_length_m;
  /* Without an indication, needles past the epidermal class take the clinic minimum. */
  double min_s = mni_safety_min_interval_s(cat, ind, setting);
  if (ind == NULL && cat->n_classes > 0 && L > cat->classes[0].max_m + EPS_M)
    min_s = fmax(min_s, cat->clinic_min_interval_s);
  if (c->interval_s < min_s - 1.0) {
    bool blocks = setting == MN_SETTING_CLINIC && c->interval_s < cat->clinic_min_interval_s - 1.0;
    add(l, "interval_too_short", blocks ? MN_SAFETY_BLOCK : MN_SAFETY_CAUTION,
        "Sessions %.3g days apart are too close: %s%s%s wait at least %.3g days between "
        "sessions; do not re-treat before the redness has resolved.",
        days, ind != NULL ? "for " : "", ind != NULL ? ind->label : "", ind != NULL ? "," : "",
        mn_s_to_days(min_s));
  } else if (!isnan(f->downtime_days) && f->downtime_days > days) {
    add(l, "interval_too_short", MN_SAFETY_CAUTION,
        "Sessions %.3g days apart, but the redness of one session is expected to last about "
        "%.3g days: let the skin recover before the next session.",
        days, f->downtime_days);
  }
}

static void check_indication(const mn_scenario *s, const mn_indication *ind, mn_setting setting,
                             mn_safety_list *l)
{
  if (ind == NULL) return;
  double L = s->device.needle_length_m, hi = ind->needle_length_m[setting][1];
  if (L <= hi + EPS_M) return;
  add(l, "beyond_indication_depth", MN_SAFETY_CAUTION,
      "A %.2f mm needle is longer than the %.2f-%.2f mm usually used for %s (%s).", mn_m_to_mm(L),
      mn_m_to_mm(ind->needle_length_m[setting][0]), mn_m_to_mm(hi), ind->label,
      setting == MN_SETTING_CLINIC ? "in a clinic" : "at home");
}

/* Blocks first, each group in the order found. */
static void order_blocks_first(mn_safety_list *l)
{
  mn_safety_list tmp;
  tmp.n = 0;
  for (int pass = 0; pass < 2; pass++)
    for (size_t i = 0; i < l->n; i++)
      if ((l->warnings[i].severity == MN_SAFETY_BLOCK) == (pass == 0))
        tmp.warnings[tmp.n++] = l->warnings[i];
  *l = tmp;
}

mn_status mn_safety_check(mn_ctx *ctx, const mn_scenario *scenario, const mn_safety_facts *facts,
                          mn_safety_list *out)
{
  MNI_C_LOCALE();
  MN_REQUIRE(ctx, scenario != NULL && out != NULL, MN_E_ARG, "mn_safety_check: NULL argument");
  out->n = 0;
  mn_safety_facts none = mn_safety_facts_default();
  const mn_safety_facts *f = facts != NULL ? facts : &none;
  const mni_plan_catalog *cat;
  const mn_site *site;
  const mn_indication *ind = NULL;
  mn_device dev;
  MN_TRY(mni_plan_catalog_get(ctx, &cat));
  MN_TRY(mn_site_find(ctx, scenario->skin.site, &site));
  if (f->indication != NULL && f->indication[0] != '\0')
    MN_TRY(mn_indication_find(ctx, f->indication, &ind));
  MN_TRY(mn_device_resolve(ctx, &scenario->device, &dev));
  mn_setting setting =
      dev.setting != NULL && strcmp(dev.setting, "home") == 0 ? MN_SETTING_HOME : MN_SETTING_CLINIC;

  bool is_laser = dev.type == MN_DEVICE_FRACTIONAL_LASER;
  if (!is_laser) check_limits(cat, scenario, site, setting, ind != NULL ? ind->name : NULL, out);
  MN_TRY(check_subcutis(ctx, scenario, site, &dev, f, out));
  check_interval(cat, scenario, &dev, ind, setting, f, out);
  check_pih(cat, scenario, &dev, out);
  if (!is_laser) check_indication(scenario, ind, setting, out);
  order_blocks_first(out);
  return MN_OK;
}
