/* Calibration of the collagen production rates s1 and s3 (docs/model.md section 6).
 *
 * Fibroblasts (and their persistent synthesis S, a linear filter of F) do not depend on
 * collagen, so C3, C1 and the cross-linked CX are linear in (s3, s1): with the trajectories
 * of unit rates, C(t) = s3 a(t) + s1 b(t). Two targets fix the two rates exactly:
 *   1. Lotfi, Moneib & Yehia 2013: total new collagen (C3 + C1 + CX) after the calibration
 *      protocol, read 8 weeks after the last session, = 53.2 %;
 *   2. the share of type III in the new collagen 14 days after one session = 30 %. */
#include <math.h>

#include "heal_support.h"

/* New collagen III and I (soluble and cross-linked) at t_end of a course with unit rates
 * (s3, s1) in 1/day. */
static mn_status unit_run(mn_ctx *ctx, const mni_heal_params *p, double impulse, int sessions,
                          double s3, double s1, double t_end_s, double *c3, double *c1)
{
  mni_heal_rates r = p->rates;
  r.s3 = s3 / 86400.0;
  r.s1 = s1 / 86400.0;
  mni_heal_traj tr;
  MN_TRY(mni_heal_solve(ctx, &r, impulse, sessions, p->cal.interval_s, t_end_s, t_end_s, &tr));
  *c3 = tr.y_end[MN_HEAL_COLLAGEN3];
  *c1 = tr.y_end[MN_HEAL_COLLAGEN1] + tr.y_end[MN_HEAL_COLLAGEN_MATURE];
  mni_heal_traj_free(ctx, &tr);
  return MN_OK;
}

mn_status mni_heal_fit(mn_ctx *ctx, const mni_heal_params *p, mni_heal_rates *rates)
{
  const mni_heal_calibration *cal = &p->cal;
  double I = mni_heal_impulse(p, &cal->layers, &cal->injury);
  MN_REQUIRE(ctx, I > 0.0, MN_E_CONFIG, "healing calibration: the session makes no dermal injury");
  double t_course = (double)(cal->sessions - 1) * cal->interval_s + cal->read_after_s;
  double a3, a1, b3, b1, e3, e1, f3, f1;
  MN_TRY(unit_run(ctx, p, I, cal->sessions, 1.0, 0.0, t_course, &a3, &a1));
  MN_TRY(unit_run(ctx, p, I, cal->sessions, 0.0, 1.0, t_course, &b3, &b1));
  MN_TRY(unit_run(ctx, p, I, 1, 1.0, 0.0, cal->type3_time_s, &e3, &e1));
  MN_TRY(unit_run(ctx, p, I, 1, 0.0, 1.0, cal->type3_time_s, &f3, &f1));
  /* s3 e3 = f (s3 (e3 + e1) + s1 f1)  =>  s3 = rho s1 */
  double f = cal->type3_fraction;
  double den = e3 * (1.0 - f) - f * e1;
  MN_REQUIRE(ctx, den > 0.0 && f1 > 0.0, MN_E_NOCONVERGE,
             "healing calibration: a type III share of %g at day %g cannot be reached", f,
             mn_s_to_days(cal->type3_time_s));
  double rho = f * (f1 + f3) / den;
  double per_s1 = rho * (a3 + a1) + (b3 + b1);
  MN_REQUIRE(ctx, per_s1 > 0.0, MN_E_NOCONVERGE, "healing calibration: no collagen is made");
  double s1 = cal->collagen_change_frac / per_s1;
  rates->s1 = s1 / 86400.0;
  rates->s3 = rho * s1 / 86400.0;
  rates->s_E = p->elastin_to_collagen1 * rates->s1;
  return MN_OK;
}
