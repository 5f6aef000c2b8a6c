/* The healing stage: a course of sessions through the ODE model, its outcomes and warnings.
 * The model is in healing_ode.c, its inputs from the channels in healing_injury.c. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "healing/healing_int.h"

#define WARN_TEXT_MAX 1024

struct mn_healing {
  mn_ctx *ctx;         /* allocator of this block, for mn_healing_destroy */
  mni_heal_traj traj;  /* daily samples */
  double *days;        /* traj.n sample times [days] */
  double *burden_days; /* traj.n values of ∫M1 dt [units × day] */
  double *collagen;    /* traj.n values of C3 + C1 + CX */
  double impulse;
  double dermal_depth_m;
  double collagen_percent, mature_percent, elastin_percent, type3_fraction;
  double age_factor;
  double burden, peak_28d, limit_28d;
  double downtime_days;
  double pih_risk; /* share of patients with PIH over the course */
  unsigned warnings;
  char warning_text[WARN_TEXT_MAX];
};

static const char *const state_names[MN_HEAL_N_STATES] = {
    "danger",    "m1",        "m2",      "tgfb",           "fibroblasts",
    "collagen3", "collagen1", "elastin", "collagen_mature"};

const char *mn_heal_state_name(mn_heal_state s)
{
  return (s >= 0 && s < MN_HEAL_N_STATES) ? state_names[s] : "unknown";
}

static void warn(mn_ctx *ctx, mn_healing *h, unsigned bit, const char *text)
{
  h->warnings |= bit;
  size_t used = strlen(h->warning_text);
  snprintf(h->warning_text + used, sizeof h->warning_text - used, "%s%s", used ? "\n" : "", text);
  mni_log(ctx, MN_LOG_WARN, "%s", text);
}

/* Largest 28-day inflammation burden of the most intensive tolerated protocol: the limit. */
mn_status mni_heal_inflammation_limit(mn_ctx *ctx, const mni_heal_params *p, double *limit)
{
  double I_ref = mni_heal_impulse(p, &p->cal.layers, &p->cal.injury);
  double t_end = (double)(p->limit_sessions - 1) * p->limit_interval_s + p->window_s;
  mni_heal_traj tr;
  MN_TRY(mni_heal_solve(ctx, &p->rates, I_ref, p->limit_sessions, p->limit_interval_s, t_end,
                        mn_days_to_s(1.0), &tr));
  *limit = mn_s_to_days(mni_heal_peak_window_burden(&tr, p->window_s));
  mni_heal_traj_free(ctx, &tr);
  return MN_OK;
}

/* The limit kept with the parsed file (it depends on the file alone), else solved now. */
static mn_status inflammation_limit(mn_ctx *ctx, const mni_heal_params *p, double *limit)
{
  if (isfinite(p->limit_28d_days)) {
    *limit = p->limit_28d_days;
    return MN_OK;
  }
  return mni_heal_inflammation_limit(ctx, p, limit);
}

static void check_course(mn_ctx *ctx, const mni_heal_params *p, const mn_scenario_course *c,
                         mn_healing *h)
{
  char msg[320];
  /* Piling up needs two sessions in one window: a single session's burden is r_M I / (k_D k)
   * with k = k_sw + d_M (the integral of the D -> M1 chain). The limit has 0.1 % slack for the
   * rounding of the calibration session's numbers. */
  const mni_heal_rates *r = &p->rates;
  double single = mn_s_to_days(r->r_M * h->impulse / (r->k_D * (r->k_sw + r->d_M)));
  if (h->peak_28d > h->limit_28d * (1.0 + 1e-3) && h->peak_28d > 1.05 * single) {
    snprintf(msg, sizeof msg,
             "healing: the course piles up inflammation: %.3g in the worst 28 days, above %.3g "
             "of the most intensive tolerated protocol (%d sessions %g weeks apart, 1.5 mm "
             "roller; El-Domyati 2015); space the sessions further or needle less deep",
             h->peak_28d, h->limit_28d, p->limit_sessions, p->limit_interval_s / 604800.0);
    warn(ctx, h, MN_HEAL_WARN_INFLAMMATION, msg);
  }
  if (c->sessions > 1 && c->interval_s < p->min_interval_s * (1.0 - 1e-9) &&
      h->dermal_depth_m > p->interval_warn_depth_m) {
    snprintf(msg, sizeof msg,
             "healing: sessions %.3g days apart reach %.0f um into the dermis; clinics wait at "
             "least %.0f days and until the redness has gone",
             mn_s_to_days(c->interval_s), mn_m_to_um(h->dermal_depth_m),
             mn_s_to_days(p->min_interval_s));
    warn(ctx, h, MN_HEAL_WARN_INTERVAL, msg);
  }
  if (c->follow_up_s < p->min_read_s * (1.0 - 1e-9)) {
    snprintf(msg, sizeof msg,
             "healing: the outcome is read %.3g months after the last session; collagen is "
             "still being laid down (judge the result at >= %.0f months)",
             c->follow_up_s / mn_months_to_s(1.0), p->min_read_s / mn_months_to_s(1.0));
    warn(ctx, h, MN_HEAL_WARN_EARLY_READ, msg);
  }
}

mn_status mn_healing_run(mn_ctx *ctx, const mn_scenario *s, const mn_layer_stack *layers,
                         const mn_puncture_stats *injury, mn_healing **out)
{
  MNI_C_LOCALE();
  if (ctx == NULL) return MN_E_ARG;
  MN_REQUIRE(ctx, out != NULL, MN_E_ARG, "mn_healing_run: out is NULL");
  *out = NULL;
  MN_REQUIRE(ctx, s != NULL && layers != NULL && injury != NULL, MN_E_ARG,
             "mn_healing_run: NULL argument");
  const mn_scenario_course *c = &s->course;
  MN_REQUIRE(ctx, c->sessions >= 1, MN_E_ARG, "healing: course.sessions = %d must be >= 1",
             c->sessions);
  MN_REQUIRE(ctx, c->sessions == 1 || (isfinite(c->interval_s) && c->interval_s > 0.0), MN_E_ARG,
             "healing: course.interval_weeks = %g must be > 0 [weeks]", c->interval_s / 604800.0);
  MN_REQUIRE(ctx, isfinite(c->follow_up_s) && c->follow_up_s >= 0.0, MN_E_ARG,
             "healing: course.follow_up_months = %g must be >= 0 [months]",
             c->follow_up_s / mn_months_to_s(1.0));
  MN_REQUIRE(ctx, s->skin.age_years >= 18.0 && s->skin.age_years <= 100.0, MN_E_ARG,
             "healing: patient.age_years = %g must be 18 to 100 [years]", s->skin.age_years);
  MN_TRY(mni_heal_check_input(ctx, layers, injury));

  mni_heal_params p;
  MN_TRY(mni_heal_params_load(ctx, &p));
  mn_status st = MN_OK;
  mn_healing *h = mn_calloc(ctx, 1, sizeof *h);
  if (h == NULL) return MN_E_NOMEM;
  h->ctx = ctx;
  h->impulse = mni_heal_impulse(&p, layers, injury);
  h->dermal_depth_m = mni_heal_dermal_depth_m(layers, injury->mean_depth_m, injury->depth_sd_m);
  h->downtime_days = mni_heal_downtime_days(&p, layers, injury);
  h->age_factor = mni_heal_age_factor(&p, s->skin.age_years);
  h->pih_risk = mni_heal_pih_risk(&p, injury, s->skin.fitzpatrick);
  mni_heal_rates rates = mni_heal_rates_at_age(&p, s->skin.age_years);

  double interval = c->sessions > 1 ? c->interval_s : 0.0;
  double t_end = (double)(c->sessions - 1) * interval + c->follow_up_s;
  MN_CHECK_GOTO(mni_heal_solve(ctx, &rates, h->impulse, c->sessions,
                               c->sessions > 1 ? interval : 1.0, t_end, mn_days_to_s(1.0),
                               &h->traj));
  size_t n = h->traj.n;
  h->days = mn_calloc(ctx, n, sizeof(double));
  h->burden_days = mn_calloc(ctx, n, sizeof(double));
  h->collagen = mn_calloc(ctx, n, sizeof(double));
  if (h->days == NULL || h->burden_days == NULL || h->collagen == NULL) {
    st = MN_E_NOMEM;
    goto fail;
  }
  for (size_t j = 0; j < n; j++) {
    h->days[j] = mn_s_to_days(h->traj.t_s[j]);
    h->burden_days[j] = mn_s_to_days(h->traj.y[MNI_HEAL_BURDEN][j]);
    h->collagen[j] = h->traj.y[MN_HEAL_COLLAGEN3][j] + h->traj.y[MN_HEAL_COLLAGEN1][j] +
                     h->traj.y[MN_HEAL_COLLAGEN_MATURE][j];
  }
  const double *y = h->traj.y_end;
  double col = y[MN_HEAL_COLLAGEN3] + y[MN_HEAL_COLLAGEN1] + y[MN_HEAL_COLLAGEN_MATURE];
  h->collagen_percent = 100.0 * col;
  h->mature_percent = 100.0 * y[MN_HEAL_COLLAGEN_MATURE];
  h->elastin_percent = 100.0 * y[MN_HEAL_ELASTIN];
  h->type3_fraction = col > 0.0 ? y[MN_HEAL_COLLAGEN3] / col : 0.0;
  h->burden = mn_s_to_days(y[MNI_HEAL_BURDEN]);
  h->peak_28d = mn_s_to_days(mni_heal_peak_window_burden(&h->traj, p.window_s));
  MN_CHECK_GOTO(inflammation_limit(ctx, &p, &h->limit_28d));
  check_course(ctx, &p, c, h);
  *out = h;
  return MN_OK;
fail:
  mn_healing_destroy(&h);
  return st;
}

mn_status mn_healing_downtime_estimate(mn_ctx *ctx, const mn_layer_stack *layers,
                                       const mn_puncture_stats *injury, double *days)
{
  MNI_C_LOCALE(); /* the first call on a context may parse data/healing.yaml */
  if (ctx == NULL) return MN_E_ARG;
  MN_REQUIRE(ctx, layers != NULL && injury != NULL && days != NULL, MN_E_ARG,
             "mn_healing_downtime_estimate: NULL argument");
  MN_TRY(mni_heal_check_input(ctx, layers, injury));
  mni_heal_params p;
  MN_TRY(mni_heal_params_load(ctx, &p));
  *days = mni_heal_downtime_days(&p, layers, injury);
  return MN_OK;
}

void mn_healing_destroy(mn_healing **ph)
{
  if (ph == NULL || *ph == NULL) return;
  mn_healing *h = *ph;
  mn_ctx *ctx = h->ctx;
  size_t n = h->traj.n;
  mn_free(ctx, h->days, n * sizeof(double));
  mn_free(ctx, h->burden_days, n * sizeof(double));
  mn_free(ctx, h->collagen, n * sizeof(double));
  mni_heal_traj_free(ctx, &h->traj);
  mn_free(ctx, h, sizeof *h);
  *ph = NULL;
}

size_t mn_healing_n_days(const mn_healing *h)
{
  return h->traj.n;
}
const double *mn_healing_days(const mn_healing *h)
{
  return h->days;
}
const double *mn_healing_curve(const mn_healing *h, mn_heal_state state)
{
  return (state >= 0 && state < MN_HEAL_N_STATES) ? h->traj.y[state] : NULL;
}
const double *mn_healing_collagen_curve(const mn_healing *h)
{
  return h->collagen;
}
const double *mn_healing_burden_curve(const mn_healing *h)
{
  return h->burden_days;
}
double mn_healing_impulse(const mn_healing *h)
{
  return h->impulse;
}
double mn_healing_dermal_depth_m(const mn_healing *h)
{
  return h->dermal_depth_m;
}
double mn_healing_collagen_change_percent(const mn_healing *h)
{
  return h->collagen_percent;
}
double mn_healing_mature_collagen_percent(const mn_healing *h)
{
  return h->mature_percent;
}
double mn_healing_age_factor(const mn_healing *h)
{
  return h->age_factor;
}
double mn_healing_elastin_change_percent(const mn_healing *h)
{
  return h->elastin_percent;
}
double mn_healing_type3_fraction(const mn_healing *h)
{
  return h->type3_fraction;
}
double mn_healing_inflammation_burden(const mn_healing *h)
{
  return h->burden;
}
double mn_healing_inflammation_peak_28d(const mn_healing *h)
{
  return h->peak_28d;
}
double mn_healing_inflammation_limit_28d(const mn_healing *h)
{
  return h->limit_28d;
}
double mn_healing_pih_risk_percent(const mn_healing *h)
{
  return 100.0 * h->pih_risk;
}

double mn_healing_downtime_days(const mn_healing *h)
{
  return h->downtime_days;
}
unsigned mn_healing_warnings(const mn_healing *h)
{
  return h->warnings;
}
const char *mn_healing_warning_text(const mn_healing *h)
{
  return h->warning_text;
}
mn_heal_solver_stats mn_healing_solver_stats(const mn_healing *h)
{
  return h->traj.stats;
}
