/* report.html of a run: the scenario in a sentence, the key numbers (every scalar of the
 * summary JSON, its unit read from the field's suffix), the figures, the parameters used with
 * their sources, the full scenario and the list of files. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "healing/healing_int.h"
#include "output/output_int.h"
#include "output/report_int.h"
#include "run/result_int.h"
#include "scenario/scenario_json_int.h"
#include "skin/skin_int.h"

/* Unit of a summary field from its suffix (shared/SCENARIO.md): the trailing words of the name
 * that are units ("peak_flux_ug_cm2_h" -> "µg/cm²/h", "density_per_cm2" -> "per cm²"). Writes
 * the unit into unit[n] and returns the length of the name before it. */
static size_t unit_of(const char *key, char *unit, size_t n)
{
  static const struct {
    const char *word, *sym;
  } words[] = {{"ug", "µg"},         {"mg", "mg"},     {"kg", "kg"},     {"ul", "µL"},
               {"ml", "mL"},         {"um", "µm"},     {"mm", "mm"},     {"cm", "cm"},
               {"m", "m"},           {"cm2", "cm²"},   {"m2", "m²"},     {"m3", "m³"},
               {"h", "h"},           {"s", "s"},       {"days", "days"}, {"weeks", "weeks"},
               {"months", "months"}, {"percent", "%"}, {"da", "Da"},     {"hz", "Hz"},
               {"n", "N"},           {"pa", "Pa"},     {"per", "per"}};
  static const char special[] = "_per_cm2_per_pass"; /* a count per area and pass */
  size_t len = strlen(key), ns = sizeof special - 1;
  unit[0] = '\0';
  if (len > ns && strcmp(key + len - ns, special) == 0) {
    snprintf(unit, n, "per cm²");
    return len - ns; /* the caller adds " per pass" to the name */
  }
  /* Walk back over the words that are units. */
  const char *sym[16];
  size_t n_sym = 0, stem = len;
  while (n_sym < 16) {
    size_t start = stem;
    while (start > 0 && key[start - 1] != '_')
      start--;
    if (start == 0) break; /* the first word is the name, never a unit */
    size_t wl = stem - start;
    const char *found = NULL;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
      if (strlen(words[i].word) == wl && strncmp(key + start, words[i].word, wl) == 0)
        found = words[i].sym;
    if (found == NULL) break;
    sym[n_sym++] = found;
    stem = start - 1;
  }
  /* sym[] holds the units last first; a leading "per" reads "per X", later ones "/". */
  size_t used = 0;
  int is_per = 0;
  for (size_t k = n_sym; k-- > 0;) {
    if (strcmp(sym[k], "per") == 0) {
      is_per = 1;
      continue;
    }
    int w =
        snprintf(unit + used, n - used, "%s%s", used == 0 ? (is_per ? "per " : "") : "/", sym[k]);
    if (w < 0 || (size_t)w >= n - used) break;
    used += (size_t)w;
    is_per = 0;
  }
  return used > 0 ? stem : len;
}

#define MAX_ROWS 96
typedef struct rows {
  size_t n;                    /* rows including the header */
  char cell[MAX_ROWS][4][512]; /* sources can be long */
} rows;

static void row_add(rows *t, const char *a, const char *b, const char *c, const char *d)
{
  if (t->n >= MAX_ROWS) return;
  snprintf(t->cell[t->n][0], sizeof t->cell[t->n][0], "%s", a);
  snprintf(t->cell[t->n][1], sizeof t->cell[t->n][1], "%s", b);
  snprintf(t->cell[t->n][2], sizeof t->cell[t->n][2], "%s", c);
  snprintf(t->cell[t->n][3], sizeof t->cell[t->n][3], "%s", d);
  t->n++;
}

static mn_status put_rows(mni_report *rep, const char *caption, const rows *t)
{
  const char *cells[MAX_ROWS * 4];
  for (size_t i = 0; i < t->n; i++)
    for (size_t j = 0; j < 4; j++)
      cells[i * 4 + j] = t->cell[i][j];
  return mni_report_table(rep, caption, t->n, 4, cells);
}

/* Every scalar of each section of the summary ("skin", "puncture", ...): one row each. */
static void key_numbers(const cJSON *summary, rows *t)
{
  row_add(t, "stage", "quantity", "value", "unit");
  const cJSON *sec = NULL;
  cJSON_ArrayForEach(sec, summary)
  {
    if (!cJSON_IsObject(sec) || strcmp(sec->string, "scenario") == 0 ||
        strcmp(sec->string, "outcome") == 0) /* the headline has it */
      continue;
    const cJSON *item = NULL;
    cJSON_ArrayForEach(item, sec)
    {
      char value[64], name[96];
      if (cJSON_IsNumber(item))
        snprintf(value, sizeof value, "%.4g", item->valuedouble);
      else if (cJSON_IsString(item))
        snprintf(value, sizeof value, "%s", item->valuestring);
      else if (cJSON_IsBool(item))
        snprintf(value, sizeof value, "%s", cJSON_IsTrue(item) ? "yes" : "no");
      else
        continue;
      char unit[48];
      size_t stem = unit_of(item->string, unit, sizeof unit);
      snprintf(name, sizeof name, "%.*s", (int)(stem < 95 ? stem : 95), item->string);
      for (char *p = name; *p; p++)
        if (*p == '_') *p = ' ';
      if (strstr(item->string, "_per_pass") != NULL && strlen(name) + 10 < sizeof name)
        strcat(name, " per pass");
      row_add(t, sec->string, name, value, unit);
    }
  }
}

/* The parameters the run took from the catalogues, with their citations. */
static void sources(mn_ctx *ctx, const mn_result *r, rows *t)
{
  static const char *const layer_label[MN_N_LAYERS] = {"stratum corneum thickness",
                                                       "viable epidermis thickness",
                                                       "dermis thickness", "subcutis thickness"};
  char value[96], what[120];
  row_add(t, "parameter", "value", "unit", "source");
  const mn_layer_stack *L = &r->layers;
  const mn_site *site = NULL;
  if (mn_site_find(ctx, L->site, &site) != MN_OK) site = NULL;
  for (int k = 0; k < MN_N_LAYERS; k++) {
    int is_mm = k == MN_LAYER_SUBCUTIS;
    snprintf(value, sizeof value, "%.4g",
             is_mm ? mn_m_to_mm(L->thickness_m[k]) : mn_m_to_um(L->thickness_m[k]));
    snprintf(what, sizeof what, "%s (%s)", layer_label[k], L->site);
    const char *src = L->is_overridden[k]               ? "set in the scenario"
                      : site != NULL && site->source[k] ? site->source[k]
                                                        : "site table";
    char aged[400];
    if (k == MN_LAYER_DERMIS && !L->is_overridden[k] && r->scenario.skin.age_years != 40.0) {
      snprintf(aged, sizeof aged,
               "%s; x %.3g for a patient of %.3g years (-6 %% per decade, "
               "Branchet et al. 1990)",
               src, mni_skin_dermis_age_factor(r->scenario.skin.age_years),
               r->scenario.skin.age_years);
      src = aged;
    }
    row_add(t, what, value, is_mm ? "mm" : "µm", src);
  }
  mni_heal_params hp;
  if (r->healing != NULL && mni_heal_params_load(ctx, &hp) == MN_OK) {
    char src[400];
    snprintf(value, sizeof value, "%.3g", r->scenario.skin.age_years);
    snprintf(src, sizeof src,
             "set in the scenario (default 40); fibroblast collagen output x %.3g of the "
             "calibration cohort's (%.3g years; Varani et al. 2006: 0.68 at 80+ vs 18-29 years); "
             "no study gives how the response to microneedling itself changes with age",
             mn_healing_age_factor(r->healing), hp.cal.age_years);
    row_add(t, "patient age", value, "years", src);
    snprintf(value, sizeof value, "%+.3g", 100.0 * hp.cal.collagen_change_frac);
    snprintf(src, sizeof src,
             "CALIBRATION, not validation: the collagen production rates were fitted to Lotfi, "
             "Moneib & Yehia 2013 (%d sessions %.3g weeks apart, 1.5 mm roller, read %.3g weeks "
             "after the last)",
             hp.cal.sessions, hp.cal.interval_s / 604800.0, hp.cal.read_after_s / 604800.0);
    row_add(t, "new collagen of the calibration course", value, "%", src);
  }
  if (r->channels != NULL) {
    const mn_device *d = mn_channel_set_device(r->channels);
    const char *src = d->source != NULL ? d->source : "device catalogue";
    if (d->type == MN_DEVICE_FRACTIONAL_LASER) {
      const mn_puncture_stats *ps = mn_channel_set_stats(r->channels);
      snprintf(what, sizeof what, "device %s: %s laser, pulse", d->name, mn_laser_name(d->laser));
      snprintf(value, sizeof value, "%.4g mJ, %.4g µm spot, %.4g ms", d->pulse_energy_j * 1e3,
               mn_m_to_um(d->spot_diameter_m), d->pulse_s * 1e3);
      row_add(t, what, value, "", src);
      snprintf(what, sizeof what, "treatment zone (%s)",
               mn_laser_is_ablative(d->laser) ? "crater and coagulated rim" : "coagulated column");
      snprintf(value, sizeof value, "%.4g deep, %.4g wide; crater %.4g deep, %.4g wide",
               mn_m_to_um(ps->coag_depth_m), mn_m_to_um(ps->coag_width_m),
               mn_m_to_um(ps->ablation_depth_m), mn_m_to_um(ps->ablation_width_m));
      row_add(t, what, value, "µm",
              "computed: light absorbed by tissue water, Pennes bioheat, Arrhenius damage "
              "(docs/model.md §9); CO2 craters come out deeper than measured "
              "(docs/validation.md)");
    } else {
    snprintf(what, sizeof what, "device %s: needles", d->name);
    snprintf(value, sizeof value, "%d", d->needles);
    row_add(t, what, value, "", src);
    snprintf(what, sizeof what, "device %s: needle base diameter", d->name);
    snprintf(value, sizeof value, "%.4g", mn_m_to_um(d->needle_base_diameter_m));
    row_add(t, what, value, "µm", src);
    snprintf(what, sizeof what, "device %s: needle tip radius", d->name);
    snprintf(value, sizeof value, "%.4g", mn_m_to_um(d->needle_tip_radius_m));
    row_add(t, what, value, "µm", src);
    }
  }
  const mn_compound *c = NULL;
  if (r->absorption != NULL && r->scenario.formulation.compound[0] != '\0' &&
      mn_compound_find(ctx, r->scenario.formulation.compound, &c) == MN_OK) {
    const char *src = c->source != NULL ? c->source : "compound catalogue";
    snprintf(what, sizeof what, "%s: molecular weight", c->name);
    snprintf(value, sizeof value, "%.5g", c->molecular_weight_da);
    row_add(t, what, value, "Da", src);
    snprintf(what, sizeof what, "%s: log Kow", c->name);
    snprintf(value, sizeof value, "%.3g", c->log_kow);
    row_add(t, what, value, "", src);
    snprintf(what, sizeof what, "%s: water solubility", c->name);
    int is_set = isfinite(r->scenario.formulation.water_solubility_kg_per_m3);
    snprintf(value, sizeof value, "%.4g",
             is_set ? r->scenario.formulation.water_solubility_kg_per_m3
                    : c->water_solubility_kg_per_m3);
    row_add(t, what, value, "mg/mL", is_set ? "set in the scenario" : src);
  }
  /* A compound given by its properties in the scenario. */
  if (r->absorption != NULL && c == NULL) {
    const mn_compound_props *pp = mn_absorption_props(r->absorption);
    snprintf(value, sizeof value, "%.5g", pp->molecular_weight_da);
    row_add(t, "molecular weight", value, "Da", "set in the scenario");
    snprintf(value, sizeof value, "%.3g", pp->log_kow);
    row_add(t, "log Kow", value, "", "set in the scenario");
  }
  if (r->absorption != NULL) {
    const mn_compound_props *pp = mn_absorption_props(r->absorption);
    snprintf(value, sizeof value, "%.4g", mn_m_per_s_to_cm_per_h(pp->kp_potts_guy_m_per_s));
    const mn_scenario_formulation *f = &r->scenario.formulation;
    row_add(t, "stratum corneum permeability", value, "cm/h",
            isfinite(f->kp_m_per_s) ? "set in the scenario" : "Potts & Guy 1992");
    snprintf(value, sizeof value, "%.4g", mn_m_per_s_to_cm_per_h(pp->kp_ve_cap_m_per_s));
    row_add(t, "viable epidermis cap of the permeability", value, "cm/h",
            "2.6/sqrt(MW) cm/h (EPA 2004)");
    snprintf(value, sizeof value, "%.4g", mn_m2_per_s_to_cm2_per_s(pp->D_aq_m2_per_s));
    row_add(t, "aqueous diffusivity", value, "cm²/s",
            isfinite(f->aqueous_diffusivity_m2_per_s) ? "set in the scenario"
                                                      : "Hayduk-Laudie, 25 °C");
  }
}

/* The safety warnings of the run (plan/safety.c), in a box near the top of the page. */
static mn_status safety(mni_report *rep, const mn_result *r)
{
  const mn_safety_list *l = mn_result_safety(r);
  const char *labels[MN_SAFETY_MAX_WARNINGS], *items[MN_SAFETY_MAX_WARNINGS];
  char lab[MN_SAFETY_MAX_WARNINGS][64];
  size_t n = l != NULL ? l->n : 0;
  for (size_t i = 0; i < n; i++) {
    const mn_safety_warning *w = &l->warnings[i];
    snprintf(lab[i], sizeof lab[i], "%s (%s):",
             w->severity == MN_SAFETY_BLOCK ? "BLOCK" : "Caution", w->rule);
    labels[i] = lab[i];
    items[i] = w->message;
  }
  return mni_report_alert(rep, "Safety", labels, items, n, mn_safety_has_block(l),
                          "No safety warning: the planner's rules (site limits, subcutis, skin "
                          "type, intervals) hold for this scenario.");
}

/* Every "warnings" array of strings in a section of the summary, as "section: text" lines. */
static mn_status warnings(mni_report *rep, const cJSON *summary)
{
  enum { MAX_W = 32 };
  char lines[MAX_W][600];
  const char *items[MAX_W];
  size_t n = 0;
  const cJSON *sec = NULL;
  cJSON_ArrayForEach(sec, summary)
  {
    const cJSON *w = cJSON_IsObject(sec) ? cJSON_GetObjectItemCaseSensitive(sec, "warnings") : NULL;
    const cJSON *item = NULL;
    if (!cJSON_IsArray(w)) continue;
    cJSON_ArrayForEach(item, w)
    {
      if (!cJSON_IsString(item) || n >= MAX_W) continue;
      size_t ns = strlen(sec->string);
      int has_prefix =
          strncmp(item->valuestring, sec->string, ns) == 0 && item->valuestring[ns] == ':';
      snprintf(lines[n], sizeof lines[n], "%s%s%s", has_prefix ? "" : sec->string,
               has_prefix ? "" : ": ", item->valuestring);
      items[n] = lines[n];
      n++;
    }
  }
  if (n == 0) return MN_OK;
  MN_TRY(mni_report_heading(rep, "Warnings"));
  return mni_report_list(rep, items, n);
}

static void describe(const mn_scenario *s, char *buf, size_t n)
{
  static const char *const device[] = {"derma roller", "stamp", "pen", "fractional laser"};
  int k = (int)s->device.type;
  char length[96];
  if (s->device.type == MN_DEVICE_FRACTIONAL_LASER)
    snprintf(length, sizeof length, "%s", mn_laser_name(s->device.laser));
  else
    snprintf(length, sizeof length, "needle length %.3g mm", mn_m_to_mm(s->device.needle_length_m));
  char course[96];
  if (s->course.sessions > 0)
    snprintf(course, sizeof course, "a course of %d session%s %.3g weeks apart", s->course.sessions,
             s->course.sessions > 1 ? "s" : "", s->course.interval_s / (7.0 * 86400.0));
  else
    snprintf(course, sizeof course, "no healing course");
  snprintf(
      buf, n,
      "Site: %s. Device: %s%s%s%s, %s, %d passes. Product: %s at %.3g "
      "mg/mL, %.3g µL/cm²%s. Simulated %.3g h after application (%s); %s. Seed %llu, "
      "mnsim %s.",
      s->skin.site, k >= 0 && k < 4 ? device[k] : "device", s->device.model[0] ? " (" : "",
      s->device.model, s->device.model[0] ? ")" : "", length,
      s->treatment.passes,
      s->formulation.compound[0] ? s->formulation.compound : "a product given by its properties",
      s->formulation.concentration_kg_per_m3, mn_m_to_ul_per_cm2(s->formulation.dose_film_m),
      s->formulation.infinite_dose ? " (infinite dose)" : "", mn_s_to_h(s->simulation.duration_s),
      s->simulation.mode == MN_MODE_FRANZ_CELL ? "Franz cell" : "in vivo", course,
      (unsigned long long)s->seed, mn_version());
}

/* "In short": the question answered in sentences with the numbers, before any table. */
static mn_status in_short(mni_report *rep, const mn_result *r)
{
  char text[2400];
  char *p = text;
  size_t left = sizeof text;
#define ADD(...)                                         \
  do {                                                   \
    int w_ = snprintf(p, left, __VA_ARGS__);             \
    if (w_ > 0 && (size_t)w_ < left) {                   \
      p += w_;                                           \
      left -= (size_t)w_;                                \
    }                                                    \
  } while (0)
  const mn_scenario *s = &r->scenario;
  if (r->channels != NULL) {
    const mn_puncture_stats *ps = mn_channel_set_stats(r->channels);
    if (ps->is_laser)
      ADD("Each laser zone reached %.0f µm deep (%s)%s, %.0f zones per cm² covering %.3g %% of "
          "the surface. ",
          mn_m_to_um(ps->coag_depth_m), mn_layer_name(ps->deepest_layer),
          ps->ablation_depth_m > 0.0 ? ", through an open crater" : ", under an intact surface",
          1e-4 * ps->density_per_m2, 100.0 * ps->zone_area_fraction);
    else if (ps->channels > 0.0)
      ADD("The needles reached %.0f µm on average (the deepest %.0f µm), into the %s; %.0f "
          "channels per cm² opened %.3g %% of the surface. ",
          mn_m_to_um(ps->mean_depth_m), mn_m_to_um(ps->max_depth_m),
          mn_layer_name(ps->deepest_layer), 1e-4 * ps->density_per_m2, 100.0 * ps->area_fraction);
    else
      ADD("No needle pierced the skin. ");
  }
  if (r->absorption != NULL) {
    const mn_absorption_summary *a = mn_absorption_summary_get(r->absorption);
    const char *bound = mn_absorption_enhancement_bound(a);
    ADD("Of the %s applied, %.3g %% was absorbed in %.3g h through the treated skin against "
        "%.3g %% through intact skin: %s%s%.3g times as much. ",
        s->formulation.compound[0] ? s->formulation.compound : "product", a->absorbed_percent,
        mn_s_to_h(a->duration_s), a->intact_absorbed_percent, bound, bound[0] ? " " : "",
        a->enhancement_ratio);
    if (a->enhancement_is_upper_bound)
      ADD("That ratio is %s: on intact skin mnsim has only the lipid route of the stratum "
          "corneum, slow for this active (lag time %.3g h; %.2g %% un-ionised), while real skin "
          "also passes it through hair follicles and polar routes that mnsim does not model. ",
          a->enhancement_is_lower_bound ? "not determined" : "an upper bound",
          mn_s_to_h(a->intact_lag_s), 100.0 * a->unionised_frac_sc);
  }
  if (r->healing != NULL) {
    ADD("A course of %d session%s adds %+.3g %% collagen %.3g months after the last; redness "
        "lasts about %.2g days after each session; %.2g %% of such patients get "
        "hyperpigmentation (Fitzpatrick %d). ",
        s->course.sessions, s->course.sessions > 1 ? "s" : "",
        mn_healing_collagen_change_percent(r->healing),
        s->course.follow_up_s / mn_months_to_s(1.0), mn_healing_downtime_days(r->healing),
        mn_healing_pih_risk_percent(r->healing), s->skin.fitzpatrick);
  }
  if (r->outcome != NULL && mn_outcome_n_endpoints(r->outcome) > 0) {
    const mn_outcome_endpoint *e = mn_outcome_endpoint_get(r->outcome, 0);
    ADD("Expected %s: %+.3g %s at the follow-up. ", e->label, e->change, e->unit);
  }
  const mn_safety_list *l = mn_result_safety(r);
  size_t n = l != NULL ? l->n : 0;
  if (n == 0)
    ADD("No safety warning.");
  else
    ADD("%zu safety warning%s%s: see below.", n, n > 1 ? "s" : "",
        mn_safety_has_block(l) ? ", one or more blocking" : "");
#undef ADD
  MN_TRY(mni_report_heading(rep, "In short"));
  return mni_report_paragraph(rep, text);
}

/* The headline: the outcome a clinician reads (docs/model.md section 6.10), when the scenario
 * names an indication. */
static void fmt_change(char *buf, size_t n, double v, const char *unit)
{
  snprintf(buf, n, "%+.3g %s", v, unit);
}

static mn_status outcome_headline(mni_report *rep, const mn_result *r, rows *t)
{
  const mn_outcome *o = r->outcome;
  if (o == NULL) return MN_OK;
  char text[1600];
  size_t n = mn_outcome_n_endpoints(o);
  MN_TRY(mni_report_heading(rep, "Expected outcome"));
  if (n == 0) {
    snprintf(text, sizeof text, "%s: no clinical endpoint. %s.", mn_outcome_indication(o),
             mn_outcome_weakness(o));
    return mni_report_paragraph(rep, text);
  }
  const mn_outcome_endpoint *e = mn_outcome_endpoint_get(o, 0);
  char change[64], lo[64], hi[64];
  fmt_change(change, sizeof change, e->change, e->unit);
  fmt_change(lo, sizeof lo, e->range_lo, e->unit);
  fmt_change(hi, sizeof hi, e->range_hi, e->unit);
  int has_range = isfinite(e->range_lo) && isfinite(e->range_hi);
  snprintf(text, sizeof text,
           "%s (%s): expected change %s %.3g months after the last session%s%s%s%s "
           "(%s is better).",
           e->label, mn_outcome_indication(o), change,
           r->scenario.course.follow_up_s / mn_months_to_s(1.0), has_range ? ", range " : "",
           has_range ? lo : "", has_range ? " to " : "", has_range ? hi : "",
           e->lower_is_better ? "lower" : "higher");
  MN_TRY(mni_report_paragraph(rep, text));
  t->n = 0;
  row_add(t, "endpoint", "expected change", "anchor study and its change",
          "remodelling vs the anchor's");
  for (size_t i = 0; i < n; i++) {
    const mn_outcome_endpoint *x = mn_outcome_endpoint_get(o, i);
    char a[512], c[64], ratio[32];
    fmt_change(c, sizeof c, x->change, x->unit);
    snprintf(a, sizeof a, "%s: %+.3g %s (%s)", x->anchor_source, x->anchor_change, x->unit,
             x->anchor_protocol_note);
    snprintf(ratio, sizeof ratio, "%.3g x", x->remodelling_ratio);
    row_add(t, x->label, c, a, ratio);
  }
  MN_TRY(put_rows(rep, NULL, t));
  if (e->n > 1) {
    char *p = text;
    size_t left = sizeof text;
    int w = snprintf(p, left, "Over time (day: change in %s):", e->unit);
    size_t step = e->n > 12 ? (e->n + 11) / 12 : 1;
    for (size_t k = 0; w > 0 && (size_t)w < left && k < e->n; k += step) {
      p += w;
      left -= (size_t)w;
      w = snprintf(p, left, " %.0f: %+.3g;", e->days[k], e->values[k]);
    }
    if ((e->n - 1) % step != 0 && w > 0 && (size_t)w < left)
      snprintf(p + w, left - (size_t)w, " %.0f: %+.3g (follow-up).", e->days[e->n - 1],
               e->values[e->n - 1]);
    MN_TRY(mni_report_paragraph(rep, text));
  }
  snprintf(text, sizeof text,
           "How this is computed: the endpoint follows the simulated remodelling (for dermal "
           "endpoints the new cross-linked collagen, which keeps maturing for months after the "
           "last session) relative to the same quantity the model computes for the anchor "
           "study's protocol, saturating at the scale's limit; the anchor protocol gives the "
           "anchor's change. The healing model's collagen output is calibrated on Lotfi 2013 "
           "(a calibration, not a validation). Caveat: %s.",
           mn_outcome_weakness(o));
  return mni_report_paragraph(rep, text);
}

mn_status mni_output_report(mn_ctx *ctx, const mn_result *r, const mni_outlist *ol)
{
  mn_status st = MN_OK;
  mni_report *rep = NULL;
  char *summary = NULL, *scen_text = NULL;
  cJSON *sum = NULL;
  rows *t = mn_alloc(ctx, sizeof *t);
  if (t == NULL) return MN_E_NOMEM;

  char title[200], text[800];
  snprintf(title, sizeof title, "mnsim: %s", r->scenario.name[0] ? r->scenario.name : "a run");
  MN_CHECK_GOTO(mni_report_create(ctx, title, &rep));
  describe(&r->scenario, text, sizeof text);
  MN_CHECK_GOTO(mni_report_paragraph(rep, text));
  MN_CHECK_GOTO(in_short(rep, r));
  MN_CHECK_GOTO(outcome_headline(rep, r, t));
  MN_CHECK_GOTO(safety(rep, r));

  MN_CHECK_GOTO(mn_result_summary_json(ctx, r, &summary));
  sum = cJSON_Parse(summary);
  if (sum == NULL) {
    st = mni_fail(ctx, MN_E_NOMEM, "report: cannot read the summary JSON back");
    goto fail;
  }
  MN_CHECK_GOTO(warnings(rep, sum));
  if (ol->n_fig > 0 && (ol->formats & 1u)) {
    MN_CHECK_GOTO(mni_report_heading(rep, "Figures"));
    for (size_t i = 0; i < ol->n_fig; i++) {
      char png[120];
      snprintf(png, sizeof png, "%s.png", ol->fig[i].name);
      MN_CHECK_GOTO(mni_report_figure(rep, ol->dir, png, ol->fig[i].what));
    }
  }

  t->n = 0;
  key_numbers(sum, t);
  MN_CHECK_GOTO(mni_report_heading(rep, "Key numbers"));
  MN_CHECK_GOTO(put_rows(rep, NULL, t));

  MN_CHECK_GOTO(mn_scenario_to_yaml(ctx, &r->scenario, &scen_text));
  MN_CHECK_GOTO(mni_report_heading(rep, "Scenario"));
  MN_CHECK_GOTO(mni_report_paragraph(
      rep, "The file that reproduces this run (save it and run `mnsim run FILE`): every key in "
           "the unit of its suffix; null: the catalogue's value. The same block is in "
           "summary.json."));
  MN_CHECK_GOTO(mni_report_pre(rep, scen_text));

  t->n = 0;
  sources(ctx, r, t);
  MN_CHECK_GOTO(mni_report_heading(rep, "Parameters and their sources"));
  MN_CHECK_GOTO(put_rows(rep, NULL, t));

  const char *items[MNI_OUTLIST_MAX + 1];
  char lines[MNI_OUTLIST_MAX + 1][280];
  size_t n = 0;
  for (size_t i = 0; i < ol->n && n < MNI_OUTLIST_MAX; i++, n++) {
    snprintf(lines[n], sizeof lines[n], "%s: %s", ol->item[i].name, ol->item[i].what);
    items[n] = lines[n];
  }
  snprintf(lines[n], sizeof lines[n], "report.html: this page");
  items[n] = lines[n];
  n++;
  MN_CHECK_GOTO(mni_report_heading(rep, "Files in this folder"));
  MN_CHECK_GOTO(mni_report_list(rep, items, n));
  MN_CHECK_GOTO(mni_report_write(rep, ol->dir, "report.html"));
  mni_log(ctx, MN_LOG_INFO, "wrote %s/report.html",
          ol->shown_dir != NULL ? ol->shown_dir : ol->dir);
fail:
  mn_string_free(ctx, scen_text);
  cJSON_Delete(sum);
  mn_string_free(ctx, summary);
  mni_report_destroy(&rep);
  mn_free(ctx, t, sizeof *t);
  return st;
}
