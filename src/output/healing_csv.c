/* healing.csv: one row per day, from day 0 (before the first session) to the end of the
 * follow-up. Cells and signals are relative to a reference session (_rel); collagen and
 * elastin are new amounts in % of the baseline dermal amount; the burden is ∫M1 dt.
 * collagen1_percent is all new collagen I; its two parts (soluble, cross-linked) come last so
 * that the older columns keep their places. */
#include <stdio.h>

#include "core/atomic_file_int.h"
#include "output/healing_csv_int.h"

mn_status mni_healing_write_csv(mn_ctx *ctx, const mn_result *r, const char *dir)
{
  MN_REQUIRE(ctx, r != NULL && dir != NULL, MN_E_ARG, "healing.csv: NULL argument");
  const mn_healing *h = mn_result_healing(r);
  if (h == NULL) return MN_OK;
  mni_afile af;
  MN_TRY(mni_afile_open(ctx, dir, "healing.csv", &af));
  const double *t = mn_healing_days(h), *B = mn_healing_burden_curve(h);
  const double *y[MN_HEAL_N_STATES];
  for (int s = 0; s < MN_HEAL_N_STATES; s++)
    y[s] = mn_healing_curve(h, (mn_heal_state)s);
  int ok = fprintf(af.f, "t_days,danger_rel,m1_rel,m2_rel,tgfb_rel,fibroblasts_rel,"
                         "collagen3_percent,collagen1_percent,collagen_percent,elastin_percent,"
                         "type3_fraction,inflammation_burden_rel_days,collagen1_soluble_percent,"
                         "collagen_mature_percent\n") > 0;
  for (size_t j = 0; ok && j < mn_healing_n_days(h); j++) {
    double c3 = y[MN_HEAL_COLLAGEN3][j], c1s = y[MN_HEAL_COLLAGEN1][j];
    double cx = y[MN_HEAL_COLLAGEN_MATURE][j], c1 = c1s + cx;
    double frac = (c3 + c1) > 0.0 ? c3 / (c3 + c1) : 0.0;
    ok = fprintf(af.f,
                 "%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,"
                 "%.17g\n",
                 t[j], y[MN_HEAL_DANGER][j], y[MN_HEAL_M1][j], y[MN_HEAL_M2][j], y[MN_HEAL_TGFB][j],
                 y[MN_HEAL_FIBROBLASTS][j], 100.0 * c3, 100.0 * c1, 100.0 * (c3 + c1),
                 100.0 * y[MN_HEAL_ELASTIN][j], frac, B[j], 100.0 * c1s, 100.0 * cx) > 0;
  }
  if (!ok) {
    return mni_afile_fail(ctx, &af);
  }
  return mni_afile_commit(ctx, &af);
}
