/* calibrate_healing: fit the collagen production rates of the healing model (s1, s3) to the
 * calibration target of data/healing.yaml and print them, with the fit's check.
 *
 *   build/tools/calibrate_healing
 *
 * Target: Lotfi, Moneib & Yehia 2013 (+53.2 % papillary-dermis collagen, 5 monthly sessions
 * with a 1.5 mm roller, read 8 weeks after the last) and a type III share of 30 % two weeks
 * after one session (clinical.md section 1). Copy the printed s3_per_day and s1_per_day into
 * data/healing.yaml; tests/unit/test_healing.c checks that the stored values equal the fit. */
#include <stdio.h>

#include "healing/healing_int.h"

int main(void)
{
  mn_ctx *ctx = NULL;
  if (mn_ctx_create(NULL, NULL, &ctx) != MN_OK) return 1;
  mni_heal_params p;
  mni_heal_rates fit;
  mni_heal_traj tr;
  int rc = 1;
  if (mni_heal_params_load(ctx, &p) != MN_OK) goto done;
  fit = p.rates;
  if (mni_heal_fit(ctx, &p, &fit) != MN_OK) goto done;
  const mni_heal_calibration *cal = &p.cal;
  double I = mni_heal_impulse(&p, &cal->layers, &cal->injury);
  double t_end = (double)(cal->sessions - 1) * cal->interval_s + cal->read_after_s;
  if (mni_heal_solve(ctx, &fit, I, cal->sessions, cal->interval_s, t_end, t_end, &tr) != MN_OK)
    goto done;
  double got = tr.y_end[MN_HEAL_COLLAGEN3] + tr.y_end[MN_HEAL_COLLAGEN1];
  mni_heal_traj_free(ctx, &tr);
  if (mni_heal_solve(ctx, &fit, I, 1, 1.0, cal->type3_time_s, cal->type3_time_s, &tr) != MN_OK)
    goto done;
  double c3 = tr.y_end[MN_HEAL_COLLAGEN3], c1 = tr.y_end[MN_HEAL_COLLAGEN1];
  mni_heal_traj_free(ctx, &tr);

  printf("calibration session: impulse %.6g (dermal depth %.4g mm)\n", I,
         mn_m_to_mm(mni_heal_dermal_depth_m(&cal->layers, cal->injury.mean_depth_m,
                                            cal->injury.depth_sd_m)));
  printf("s3_per_day: %.10g\n", fit.s3 * 86400.0);
  printf("s1_per_day: %.10g\n", fit.s1 * 86400.0);
  printf("check: collagen %.4g %% (target %.4g %%), type III share at day %g %.4g (target %.4g)\n",
         100.0 * got, 100.0 * cal->collagen_change_frac, mn_s_to_days(cal->type3_time_s),
         c3 / (c3 + c1), cal->type3_fraction);
  printf("stored: s3_per_day %.6g, s1_per_day %.6g\n", p.rates.s3 * 86400.0, p.rates.s1 * 86400.0);
  rc = 0;
done:
  if (rc != 0) fprintf(stderr, "calibrate_healing: %s\n", mn_ctx_errmsg(ctx));
  mn_ctx_destroy(&ctx);
  return rc;
}
