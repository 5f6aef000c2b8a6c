/* The outcome a clinician reads: the healing stage's new collagen mapped to the endpoints of an
 * indication through their anchor studies (docs/model.md section 6.10). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mnsim/puncture.h"
#include "mnsim/skin.h"
#include "outcome/outcome_int.h"

/* The time course is sampled weekly from the healing stage's daily curve, and at its end. */
#define STEP_DAYS 7

struct mn_outcome {
  mn_ctx *ctx;
  const mni_out_entry *entry;
  size_t n_endpoints;
  mn_outcome_endpoint ep[MNI_OUT_MAX_ENDPOINTS];
  size_t n;       /* samples of every time course */
  double *days;   /* n */
  double *values; /* n per endpoint, endpoint after endpoint */
};

double mn_outcome_map(double x, double anchor_change, double limit)
{
  if (!(x > 0.0) || !(limit > 0.0) || !isfinite(anchor_change)) return 0.0;
  double a = fmin(fabs(anchor_change) / limit, 1.0);
  double mag = a >= 1.0 ? limit : limit * -expm1(x * log1p(-a));
  return anchor_change < 0.0 ? -mag : mag;
}

void mni_out_protocol_scenario(const mni_out_protocol *p, mn_scenario *out)
{
  mn_scenario s = mn_scenario_default();
  snprintf(s.skin.site, sizeof s.skin.site, "%s", p->site);
  s.device.model[0] = '\0';
  s.device.type = p->device;
  s.device.needle_length_m = p->needle_m;
  s.treatment.passes = p->passes;
  s.treatment.pattern = MN_PATTERN_CROSSHATCH;
  s.treatment.pressure = MN_PRESSURE_MODERATE;
  s.course.sessions = p->sessions;
  s.course.interval_s = p->interval_s;
  s.course.follow_up_s = p->follow_up_s;
  *out = s;
}

/* The measure m on day j of the healing curves. */
static double measure_at(const mn_healing *h, mni_out_measure m, size_t j)
{
  double cx = mn_healing_curve(h, MN_HEAL_COLLAGEN_MATURE)[j];
  if (m == MNI_OUT_MATURE) return cx;
  if (m == MNI_OUT_COLLAGEN1) return mn_healing_curve(h, MN_HEAL_COLLAGEN1)[j] + cx;
  return mn_healing_collagen_curve(h)[j];
}

double mni_out_remodelling(const mn_healing *h, mni_out_measure m)
{
  double col = mn_healing_collagen_change_percent(h) / 100.0;
  if (m == MNI_OUT_MATURE) return mn_healing_mature_collagen_percent(h) / 100.0;
  return m == MNI_OUT_COLLAGEN1 ? col * (1.0 - mn_healing_type3_fraction(h)) : col;
}

/* Skin, puncture and healing of a scenario (no absorption). */
static mn_status heal_scenario(mn_ctx *ctx, const mn_scenario *s, mn_healing **h)
{
  mn_layer_stack layers;
  mn_channel_set *set = NULL;
  MN_TRY(mn_skin_build(ctx, &s->skin, &layers));
  MN_TRY(mn_puncture_run(ctx, s, &layers, &set));
  mn_status st = mn_healing_run(ctx, s, &layers, mn_channel_set_stats(set), h);
  mn_channel_set_destroy(&set);
  return st;
}

mn_status mni_out_protocol_remodelling(mn_ctx *ctx, const mni_out_protocol *p, mni_out_measure m,
                                       double *R)
{
  mn_scenario s;
  mni_out_protocol_scenario(p, &s);
  mn_healing *h = NULL;
  /* The anchor runs are the model's, not the user's: their warnings (an early read) are not
   * the user's business. */
  mni_ctx_quiet(ctx, +1);
  mn_status st = heal_scenario(ctx, &s, &h);
  mni_ctx_quiet(ctx, -1);
  MN_TRY(st);
  *R = mni_out_remodelling(h, m);
  mn_healing_destroy(&h);
  MN_REQUIRE(ctx, *R > 0.0, MN_E_CONFIG,
             "outcome: the anchor protocol (%s, %.3g mm) makes no new collagen", p->site,
             p->needle_m * 1e3);
  return MN_OK;
}

mn_status mni_out_predict(mn_ctx *ctx, const mni_out_endpoint *e, const mni_out_anchor *a,
                          double *change)
{
  double Ra = 0, R = 0;
  MN_TRY(mni_out_protocol_remodelling(ctx, &e->anchor.protocol, e->measure, &Ra));
  MN_TRY(mni_out_protocol_remodelling(ctx, &a->protocol, e->measure, &R));
  *change = mn_outcome_map(R / Ra, e->anchor.change, e->limit);
  return MN_OK;
}

mn_status mn_outcome_run(mn_ctx *ctx, const char *indication, const mn_healing *h, mn_outcome **out)
{
  MNI_C_LOCALE();
  if (ctx == NULL) return MN_E_ARG;
  MN_REQUIRE(ctx, out != NULL, MN_E_ARG, "mn_outcome_run: out is NULL");
  *out = NULL;
  MN_REQUIRE(ctx, indication != NULL && h != NULL, MN_E_ARG, "mn_outcome_run: NULL argument");
  const mni_out_entry *entry = NULL;
  mn_status found = mni_out_find(ctx, indication, &entry);
  if (found != MN_OK) {
    char detail[MNI_ERRMSG_MAX];
    snprintf(detail, sizeof detail, "%s", mn_ctx_errmsg(ctx));
    return mni_fail(ctx, found, "outcome: indication = '%.64s': %s", indication, detail);
  }

  /* Weekly samples of the healing curve, and its last day. */
  size_t nd = mn_healing_n_days(h);
  const double *hd = mn_healing_days(h);
  size_t n = nd == 0 ? 0 : (nd - 1) / STEP_DAYS + 1 + ((nd - 1) % STEP_DAYS != 0);
  mn_status st = MN_OK;
  mn_outcome *o = mn_calloc(ctx, 1, sizeof *o);
  if (o == NULL) return MN_E_NOMEM;
  o->ctx = ctx;
  o->entry = entry;
  o->n = n;
  o->days = mn_calloc(ctx, n ? n : 1, sizeof(double));
  o->values = mn_calloc(ctx, (n ? n : 1) * MNI_OUT_MAX_ENDPOINTS, sizeof(double));
  if (o->days == NULL || o->values == NULL) {
    st = MN_E_NOMEM;
    goto fail;
  }
  for (size_t k = 0; k < n; k++) {
    size_t j = k * STEP_DAYS < nd ? k * STEP_DAYS : nd - 1;
    o->days[k] = hd[j];
  }
  for (size_t i = 0; i < entry->n_endpoints; i++) {
    const mni_out_endpoint *e = &entry->endpoints[i];
    mn_outcome_endpoint *p = &o->ep[i];
    double Ra = 0;
    MN_CHECK_GOTO(mni_out_protocol_remodelling(ctx, &e->anchor.protocol, e->measure, &Ra));
    double x = mni_out_remodelling(h, e->measure) / Ra;
    p->name = e->name;
    p->label = e->label;
    p->unit = e->unit;
    p->lower_is_better = e->lower_is_better;
    p->limit = e->limit;
    p->limit_source = e->limit_source;
    p->remodelling_ratio = x;
    p->change = mn_outcome_map(x, e->anchor.change, e->limit);
    p->range_lo = isfinite(e->anchor.lo) ? mn_outcome_map(x, e->anchor.lo, e->limit) : (double)NAN;
    p->range_hi = isfinite(e->anchor.hi) ? mn_outcome_map(x, e->anchor.hi, e->limit) : (double)NAN;
    p->anchor_source = e->anchor.source;
    p->anchor_protocol_note = e->anchor.protocol_note;
    p->anchor_change = e->anchor.change;
    p->anchor_lo = e->anchor.lo;
    p->anchor_hi = e->anchor.hi;
    p->range_source = e->anchor.range_source;
    double *v = o->values + i * (n ? n : 1);
    for (size_t k = 0; k < n; k++) {
      size_t j = k * STEP_DAYS < nd ? k * STEP_DAYS : nd - 1;
      v[k] = mn_outcome_map(measure_at(h, e->measure, j) / Ra, e->anchor.change, e->limit);
    }
    /* The last sample is the follow-up itself, as the change. */
    if (n > 0) v[n - 1] = p->change;
    p->n = n;
    p->days = o->days;
    p->values = v;
    o->n_endpoints++;
  }
  *out = o;
  return MN_OK;
fail:
  mn_outcome_destroy(&o);
  return st;
}

mn_status mn_outcome_of_scenario(mn_ctx *ctx, const mn_scenario *s, mn_outcome **out)
{
  MNI_C_LOCALE();
  if (ctx == NULL) return MN_E_ARG;
  MN_REQUIRE(ctx, out != NULL && s != NULL, MN_E_ARG, "mn_outcome_of_scenario: NULL argument");
  *out = NULL;
  MN_REQUIRE(ctx, s->indication[0] != '\0', MN_E_ARG,
             "mn_outcome_of_scenario: the scenario names no indication");
  MN_TRY(mn_scenario_validate(ctx, s));
  mn_healing *h = NULL;
  /* A run for its outcome only (the planner's): the healing stage's warnings are the run's
   * business, not this estimate's. */
  mni_ctx_quiet(ctx, +1);
  mn_status st = heal_scenario(ctx, s, &h);
  mni_ctx_quiet(ctx, -1);
  MN_TRY(st);
  st = mn_outcome_run(ctx, s->indication, h, out);
  mn_healing_destroy(&h);
  return st;
}

void mn_outcome_destroy(mn_outcome **po)
{
  if (po == NULL || *po == NULL) return;
  mn_outcome *o = *po;
  size_t n = o->n ? o->n : 1;
  mn_free(o->ctx, o->days, n * sizeof(double));
  mn_free(o->ctx, o->values, n * MNI_OUT_MAX_ENDPOINTS * sizeof(double));
  mn_free(o->ctx, o, sizeof *o);
  *po = NULL;
}

const char *mn_outcome_indication(const mn_outcome *o)
{
  return o->entry->name;
}
const char *mn_outcome_weakness(const mn_outcome *o)
{
  return o->entry->weakness;
}
size_t mn_outcome_n_endpoints(const mn_outcome *o)
{
  return o->n_endpoints;
}
const mn_outcome_endpoint *mn_outcome_endpoint_get(const mn_outcome *o, size_t i)
{
  return i < o->n_endpoints ? &o->ep[i] : NULL;
}
