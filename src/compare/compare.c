/* Two protocols side by side (include/mnsim/compare.h): the laser arm of a microneedling
 * scenario, and the rows a clinician reads, each with its evidence (shared reference
 * laser.md §1.8, clinical.md). The rows report what each arm's run computed; the evidence says
 * what the trials found, including where they disagree with each other or with the model. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/core_int.h"
#include "mnsim/compare.h"
#include "mnsim/outcome.h"

#define LASER_MIN_INTERVAL_S (28.0 * 86400.0) /* monthly sessions: Cachafeiro et al. 2016 */

mn_status mn_compare_laser_scenario(mn_ctx *ctx, const mn_scenario *needling, mn_laser laser,
                                    mn_scenario *out)
{
  MNI_C_LOCALE();
  MN_REQUIRE(ctx, needling != NULL && out != NULL, MN_E_ARG,
             "mn_compare_laser_scenario: NULL argument");
  mn_scenario s = *needling;
  mn_scenario_device none = mn_scenario_default().device; /* no needle overrides carried over */
  s.device = none;
  s.device.type = MN_DEVICE_FRACTIONAL_LASER;
  s.device.laser = laser;
  mn_device dev;
  MN_TRY(mn_device_resolve(ctx, &s.device, &dev));
  snprintf(s.device.model, sizeof s.device.model, "%s", dev.name);
  s.treatment.passes = dev.usual_passes;
  s.treatment.pattern = MN_PATTERN_SINGLE;
  if (s.course.sessions > 1 && s.course.interval_s < LASER_MIN_INTERVAL_S)
    s.course.interval_s = LASER_MIN_INTERVAL_S;
  snprintf(s.name, sizeof s.name, "%s, %s laser (%s)", s.skin.site, mn_laser_name(laser),
           dev.name);
  *out = s;
  return MN_OK;
}

mn_status mn_scn_compare_laser(mn_ctx *ctx, const mn_scn *needling, mn_laser laser, mn_scn **out)
{
  MNI_C_LOCALE();
  if (ctx == NULL) return MN_E_ARG;
  MN_REQUIRE(ctx, needling != NULL && out != NULL, MN_E_ARG, "mn_scn_compare_laser: NULL argument");
  *out = NULL;
  mn_scenario s;
  MN_TRY(mn_compare_laser_scenario(ctx, mn_scn_get(needling), laser, &s));
  MN_TRY(mn_scn_create(ctx, out));
  mn_status st = mn_scn_assign(*out, &s);
  if (st != MN_OK) mn_scn_destroy(out);
  return st;
}

static bool is_laser(const mn_result *r)
{
  return mn_channel_set_stats(mn_result_channels(r))->is_laser;
}

static void protocol(const mn_result *r, char *buf, size_t n)
{
  const mn_device *d = mn_channel_set_device(mn_result_channels(r));
  const mn_scenario *s = mn_result_scenario(r);
  if (d->type == MN_DEVICE_FRACTIONAL_LASER)
    snprintf(buf, n, "%s laser (%s), %.3g mJ, %d pass%s", mn_laser_name(d->laser), d->name,
             d->pulse_energy_j * 1e3, s->treatment.passes, s->treatment.passes > 1 ? "es" : "");
  else
    snprintf(buf, n, "%s (%s), %.3g mm, %d passes", mn_device_type_name(d->type), d->name,
             mn_m_to_mm(d->needle_length_m), s->treatment.passes);
}

static void depth(const mn_result *r, char *buf, size_t n)
{
  const mn_puncture_stats *p = mn_channel_set_stats(mn_result_channels(r));
  if (p->is_laser && p->ablation_depth_m > 0)
    snprintf(buf, n, "%.0f um (crater %.0f um), %s", mn_m_to_um(p->coag_depth_m),
             mn_m_to_um(p->ablation_depth_m), mn_layer_name(p->deepest_layer));
  else
    snprintf(buf, n, "%.0f um, %s", mn_m_to_um(p->mean_depth_m), mn_layer_name(p->deepest_layer));
}

static void width(const mn_result *r, char *buf, size_t n)
{
  const mn_puncture_stats *p = mn_channel_set_stats(mn_result_channels(r));
  if (p->is_laser)
    snprintf(buf, n, "%.0f um zone, %.0f um open", mn_m_to_um(p->coag_width_m),
             mn_m_to_um(p->ablation_width_m));
  else
    snprintf(buf, n, "%.0f um open", mn_m_to_um(p->surface_diameter_m));
}

static void surface(const mn_result *r, char *buf, size_t n)
{
  const mn_puncture_stats *p = mn_channel_set_stats(mn_result_channels(r));
  if (p->is_laser)
    snprintf(buf, n, "%.3g %% in zones, %.3g %% open", 100.0 * p->zone_area_fraction,
             100.0 * p->area_fraction);
  else
    snprintf(buf, n, "%.3g %% open, %.0f channels/cm2", 100.0 * p->area_fraction,
             1e-4 * p->density_per_m2);
}

static void uptake(const mn_result *r, char *buf, size_t n)
{
  const mn_absorption *a = mn_result_absorption(r);
  const mn_absorption_summary *sm = a != NULL ? mn_absorption_summary_get(a) : NULL;
  if (sm == NULL) {
    snprintf(buf, n, "not simulated");
    return;
  }
  /* The ER's bounds as a run states them (docs/model.md §4, "The intact baseline"): an arm
   * whose ER is only an upper bound must not read as a firm number beside the other. */
  const char *bound = mn_absorption_enhancement_bound(sm);
  snprintf(buf, n, "%s%sx%.3g (%.3g %% absorbed in %.3g h; intact %.3g %%)", bound,
           bound[0] ? " " : "", sm->enhancement_ratio, sm->absorbed_percent,
           mn_s_to_h(sm->duration_s), sm->intact_absorbed_percent);
}

static void collagen(const mn_result *r, char *buf, size_t n)
{
  const mn_healing *h = mn_result_healing(r);
  if (h == NULL)
    snprintf(buf, n, "no course");
  else
    snprintf(buf, n, "%+.3g %% at %.3g months", mn_healing_collagen_change_percent(h),
             mn_result_scenario(r)->course.follow_up_s / mn_months_to_s(1.0));
}

static bool outcome(const mn_result *r, char *buf, size_t n, const char **label)
{
  const mn_outcome *o = mn_result_outcome(r);
  if (o == NULL || mn_outcome_n_endpoints(o) == 0) return false;
  const mn_outcome_endpoint *e = mn_outcome_endpoint_get(o, 0);
  snprintf(buf, n, "%+.3g %s", e->change, e->unit);
  *label = e->label;
  return true;
}

static void downtime(const mn_result *r, char *buf, size_t n)
{
  const mn_healing *h = mn_result_healing(r);
  if (h == NULL)
    snprintf(buf, n, "no course");
  else
    snprintf(buf, n, "%.2g days", mn_healing_downtime_days(h));
}

static void pih(const mn_result *r, char *buf, size_t n)
{
  const mn_healing *h = mn_result_healing(r);
  if (h == NULL)
    snprintf(buf, n, "no course");
  else
    snprintf(buf, n, "%.2g %% (Fitzpatrick %d)", mn_healing_pih_risk_percent(h),
             mn_result_scenario(r)->skin.fitzpatrick);
}

/* Pain as the trials rated it (0-10); none was computed. */
static void pain(const mn_result *r, char *buf, size_t n)
{
  const mn_device *d = mn_channel_set_device(mn_result_channels(r));
  if (d->type != MN_DEVICE_FRACTIONAL_LASER)
    snprintf(buf, n, "5.2/10 (Naspolini 2019)");
  else if (d->laser == MN_LASER_ND_YAP_1340)
    snprintf(buf, n, "2.4/10 (Naspolini 2019)");
  else if (!mn_laser_is_ablative(d->laser))
    snprintf(buf, n, "4.6/10 (Fisher 2005, 1,550 nm)");
  else
    snprintf(buf, n, "not rated in the studies read");
}

static void sessions(const mn_result *r, char *buf, size_t n)
{
  const mn_scenario_course *c = &mn_result_scenario(r)->course;
  if (c->sessions <= 1)
    snprintf(buf, n, "%d", c->sessions);
  else
    snprintf(buf, n, "%d, %.3g weeks apart", c->sessions, c->interval_s / (7.0 * 86400.0));
}

static void row(mn_compare_row *rw, const char *what, const char *evidence)
{
  snprintf(rw->what, sizeof rw->what, "%s", what);
  snprintf(rw->evidence, sizeof rw->evidence, "%s", evidence);
}

mn_status mn_compare_rows(mn_ctx *ctx, const mn_result *a, const mn_result *b,
                          mn_compare_row rows[MN_COMPARE_MAX_ROWS], size_t *n_rows)
{
  MNI_C_LOCALE();
  MN_REQUIRE(ctx, a != NULL && b != NULL && rows != NULL && n_rows != NULL, MN_E_ARG,
             "mn_compare_rows: NULL argument");
  const mn_result *arm[2] = {a, b};
  bool any_laser = is_laser(a) || is_laser(b);
  size_t k = 0;
  typedef void (*cell_fn)(const mn_result *, char *, size_t);
  static const struct {
    const char *what;
    cell_fn fn;
    const char *evidence;
    const char *evidence_laser;
  } table[] = {
      {"protocol", protocol, "the scenarios", NULL},
      {"depth of the zone / channel", depth,
       "computed (docs/model.md §2 needles, §9 lasers)",
       "computed; the laser zones come out deeper than histology for CO2 (3-5x) and 1,550 nm "
       "(docs/validation.md, laser cases)"},
      {"width at the surface", width, "computed", NULL},
      {"surface treated", surface, "computed", NULL},
      {"serum uptake (enhancement)", uptake,
       "computed for the scenario's product; \"at most\" where mnsim's intact skin, which has "
       "no follicular route, is still in its lag phase at the end or the active is mostly "
       "ionised (docs/model.md §4, \"The intact baseline\")",
       "computed; ablative columns raise uptake in swine and man (Haedersdal 2011; Lee et al. "
       "2011, no fold values retrieved); non-ablative zones keep the stratum corneum, so the "
       "model gives none, while one study saw more ALA fluorescence after 1,550 nm (Br J "
       "Dermatol 2014); \"at most\" where mnsim's intact skin, which has no follicular "
       "route, is still in its lag phase at the end or the active is mostly ionised "
       "(docs/model.md §4, \"The intact baseline\")"},
      {"new collagen at follow-up", collagen,
       "computed; the production rates are calibrated on one needling trial (Lotfi 2013)",
       "computed with the needling calibration's wound response applied to the thermal zone "
       "(assumed); HSP47 still raised at 3 months after CO2 (Hantash 2007)"},
      {"redness per session", downtime, "computed (docs/model.md §6.6)",
       "computed; trials: adverse effects 3.0 d (MN) vs 4.03 d (1,340 nm), Naspolini 2019; "
       "2 days after 1,550 nm, Fisher 2005; 5-7 days after ablative CO2 (clinic pages, low "
       "reliability)"},
      {"PIH over the course", pih, "empirical model (docs/model.md §6.7)",
       "empirical model; trials: 13.6 % (1,340 nm) vs 0 % (MN), Cachafeiro 2016; 17 % "
       "(1,550 nm) and 14 % (CO2) in type IV, LSM 2011; pooled PIH favours MN (meta-analysis "
       "PMID 35426044)"},
      {"pain (literature)", pain, "as rated in the trials; not computed", NULL},
      {"sessions", sessions, "the scenarios", NULL},
  };
  for (size_t i = 0; i < sizeof table / sizeof table[0] && k < MN_COMPARE_MAX_ROWS; i++) {
    mn_compare_row *rw = &rows[k++];
    row(rw, table[i].what,
        any_laser && table[i].evidence_laser != NULL ? table[i].evidence_laser : table[i].evidence);
    for (int j = 0; j < 2; j++)
      table[i].fn(arm[j], rw->arm[j], sizeof rw->arm[j]);
    if (i == 5) { /* the outcome follows collagen when both arms have one */
      const char *label[2] = {NULL, NULL};
      char cell[2][128];
      if (k < MN_COMPARE_MAX_ROWS && outcome(a, cell[0], sizeof cell[0], &label[0]) &&
          outcome(b, cell[1], sizeof cell[1], &label[1]) && strcmp(label[0], label[1]) == 0) {
        mn_compare_row *ro = &rows[k++];
        row(ro, "clinical outcome at follow-up",
            any_laser ? "mapped from collagen (docs/model.md §8); trials: MN and 1,340 nm alike on "
                        "acne scars (Cachafeiro 2016, p = .264); 1,550 nm and CO2 alike on striae "
                        "(Yang & Lee 2011); MN slightly better on objective acne-scar scores "
                        "(meta-analysis PMID 35426044, MD 0.42)"
                      : "mapped from collagen (docs/model.md §8)");
        snprintf(ro->what, sizeof ro->what, "%.47s", label[0]);
        memcpy(ro->arm[0], cell[0], sizeof cell[0]);
        memcpy(ro->arm[1], cell[1], sizeof cell[1]);
      }
    }
  }
  *n_rows = k;
  return MN_OK;
}
