/* absorption.csv (see absorption_csv_int.h). Long format: a `skin` column tells the treated
 * rows from the intact ones, so one file holds both curves and loads as one table. The last
 * column, sc_hydration, is the weight of the SC's fully hydrated state at the row's time (the
 * same in both skins: the hydration follows the product, not the channels). */
#include <stdio.h>

#include "output/absorption_csv_int.h"
#include "core/atomic_file_int.h"

static int write_rows(FILE *f, const mn_absorption *a, int is_intact, double dose)
{
  const double *t = NULL, *flux = NULL;
  const double *const *amount = NULL;
  size_t n = mn_absorption_series(a, is_intact, &t, &flux, &amount);
  for (size_t i = 0; i < n; i++) {
    if (fprintf(f, "%s,%.17g,%.17g", is_intact ? "intact" : "treated", mn_s_to_h(t[i]),
                mn_kg_per_m2_to_ug_per_cm2(flux[i]) * 3600.0) < 0)
      return 0;
    for (int c = 0; c < MN_N_COMP; c++)
      if (fprintf(f, ",%.17g", mn_kg_per_m2_to_ug_per_cm2(amount[c][i])) < 0) return 0;
    for (int c = 0; c < MN_N_COMP; c++)
      if (fprintf(f, ",%.17g", 100.0 * amount[c][i] / dose) < 0) return 0;
    if (fprintf(f, ",%.17g\n", mn_absorption_hydration_weight(a, t[i])) < 0) return 0;
  }
  return 1;
}

mn_status mni_absorption_write_csv(mn_ctx *ctx, const mn_result *r, const char *dir)
{
  MN_REQUIRE(ctx, r != NULL && dir != NULL, MN_E_ARG, "absorption.csv: NULL argument");
  const mn_absorption *a = mn_result_absorption(r);
  if (a == NULL) return MN_OK;
  double dose = mn_absorption_summary_get(a)->dose_kg_per_m2;
  mni_afile af;
  MN_TRY(mni_afile_open(ctx, dir, "absorption.csv", &af));
  int ok = fprintf(af.f, "skin,t_h,flux_ug_cm2_h") >= 0;
  for (int c = 0; ok && c < MN_N_COMP; c++)
    ok = fprintf(af.f, ",%s_ug_cm2", mn_compartment_name((mn_compartment)c)) >= 0;
  for (int c = 0; ok && c < MN_N_COMP; c++)
    ok = fprintf(af.f, ",%s_percent", mn_compartment_name((mn_compartment)c)) >= 0;
  ok = ok && fprintf(af.f, ",sc_hydration\n") >= 0 && write_rows(af.f, a, 0, dose) &&
       write_rows(af.f, a, 1, dose);
  if (!ok) {
    return mni_afile_fail(ctx, &af);
  }
  return mni_afile_commit(ctx, &af);
}
