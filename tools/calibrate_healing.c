/* calibrate_healing: fit the collagen production rates of the healing model (s1, s3) to the
 * calibration target, with the sessions made by the real skin and puncture stages, and print
 * the values to store in data/healing.yaml.
 *
 *   build/tools/calibrate_healing
 *
 * Target: Lotfi, Moneib & Yehia 2013 (+53.2 % papillary-dermis collagen, 5 monthly sessions
 * with a 1.5 mm roller, read 8 weeks after the last) and a type III share of 30 % two weeks
 * after one session (clinical.md section 1). The session: the default scenario's roller and
 * site (cheek) with a 1.5 mm needle, 16 crosshatched passes (~250 channels/cm²: "15-20 passes
 * in 4 directions", clinical.md (b); Doddaballapur 2009). The downtime anchors are the same
 * roller at 1.25 mm and 2.25 mm (the middle of Lima 2013's classes 1.0-1.5 and 2.0-2.5 mm).
 * tests/unit/test_healing.c checks that the stored rates equal the fit and that the target is
 * met through the pipeline. */
#include <stdio.h>

#include "heal_support.h"

static const int passes = MNI_HEAL_CAL_PASSES;

static mn_status session(mn_ctx *ctx, double needle_mm, mn_layer_stack *L, mn_puncture_stats *st)
{
  return mni_heal_roller_session(ctx, mn_mm_to_m(needle_mm), passes, L, st);
}

static mn_status calibrate(mn_ctx *ctx)
{
  mni_heal_params p;
  MN_TRY(mni_heal_params_load(ctx, &p));
  mni_heal_calibration *cal = &p.cal;
  MN_TRY(session(ctx, 1.5, &cal->layers, &cal->injury));
  MN_TRY(mni_heal_set_reference(ctx, &p));
  mni_heal_rates fit = p.rates;
  MN_TRY(mni_heal_fit(ctx, &p, &fit));

  mni_heal_traj tr;
  double t_end = (double)(cal->sessions - 1) * cal->interval_s + cal->read_after_s;
  MN_TRY(mni_heal_solve(ctx, &fit, 1.0, cal->sessions, cal->interval_s, t_end, t_end, &tr));
  double got =
      tr.y_end[MN_HEAL_COLLAGEN3] + tr.y_end[MN_HEAL_COLLAGEN1] + tr.y_end[MN_HEAL_COLLAGEN_MATURE];
  mni_heal_traj_free(ctx, &tr);
  MN_TRY(mni_heal_solve(ctx, &fit, 1.0, 1, 1.0, cal->type3_time_s, cal->type3_time_s, &tr));
  double c3 = tr.y_end[MN_HEAL_COLLAGEN3];
  double c1 = tr.y_end[MN_HEAL_COLLAGEN1] + tr.y_end[MN_HEAL_COLLAGEN_MATURE];
  mni_heal_traj_free(ctx, &tr);

  const mn_layer_stack *L = &cal->layers;
  printf("# data/healing.yaml, model (for a patient of the calibration cohort's age, %g years):\n",
         cal->age_years);
  printf("  s3_per_day: %.10g\n", fit.s3 * 86400.0);
  printf("  s1_per_day: %.10g\n", fit.s1 * 86400.0);
  printf("# calibration (1.5 mm roller, %d crosshatched passes, site %s):\n", passes, L->site);
  printf("  density_per_cm2: %.6g\n", cal->injury.density_per_m2 * 1e-4);
  printf("  mean_depth_um: %.6g\n", mn_m_to_um(cal->injury.mean_depth_m));
  printf("  depth_sd_um: %.6g\n", mn_m_to_um(cal->injury.depth_sd_m));
  printf("  stratum_corneum_um: %.6g\n", mn_m_to_um(L->thickness_m[MN_LAYER_STRATUM_CORNEUM]));
  printf("  viable_epidermis_um: %.6g\n", mn_m_to_um(L->thickness_m[MN_LAYER_VIABLE_EPIDERMIS]));
  printf("  dermis_um: %.6g\n", mn_m_to_um(L->thickness_m[MN_LAYER_DERMIS]));
  const double anchors_mm[2] = {1.25, 2.25};
  printf("# downtime:\n");
  for (int i = 0; i < 2; i++) {
    mn_layer_stack La;
    mn_puncture_stats sa;
    /* The moderate class on the roller it is reported with; the deep class on a clinic pen. */
    if (i == 0)
      MN_TRY(session(ctx, anchors_mm[i], &La, &sa));
    else
      MN_TRY(mni_heal_pen_session(ctx, mn_mm_to_m(anchors_mm[i]), MNI_HEAL_PEN_PASSES, &La, &sa));
    printf("  anchor%d_dermal_depth_um: %.6g    # %.2f mm %s\n", i + 1,
           mn_m_to_um(mni_heal_dermal_depth_m(&La, sa.mean_depth_m, sa.depth_sd_m)), anchors_mm[i],
           i == 0 ? "roller" : "clinic pen, " MNI_HEAL_PEN_MODEL);
    printf("  anchor%d_density_per_cm2: %.6g\n", i + 1, sa.density_per_m2 * 1e-4);
  }
  printf("# injury (derived at load): wound zone radius %.4g um, coverage %.4g, wounded dermis "
         "%.4g um\n",
         mn_m_to_um(p.wound_radius_m), p.ref_coverage, mn_m_to_um(p.ref_wounded_m));
  printf("# check: collagen %.4g %% (target %.4g %%), type III share at day %g %.4g (target %.4g);"
         " dermal depth of the session %.4g um\n",
         100.0 * got, 100.0 * cal->collagen_change_frac, mn_s_to_days(cal->type3_time_s),
         c3 / (c3 + c1), cal->type3_fraction, mn_m_to_um(p.ref_dermal_depth_m));
  return MN_OK;
}

int main(void)
{
  mn_ctx *ctx = NULL;
  if (mn_ctx_create(NULL, NULL, &ctx) != MN_OK) return 1;
  int rc = 0;
  if (calibrate(ctx) != MN_OK) {
    fprintf(stderr, "calibrate_healing: %s\n", mn_ctx_errmsg(ctx));
    rc = 1;
  }
  mn_ctx_destroy(&ctx);
  return rc;
}
