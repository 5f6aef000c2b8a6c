/* profiles.csv (see absorption_csv_int.h). Long format like absorption.csv: the `skin` column
 * tells the treated rows from the intact ones, whose depth grids differ. */
#include <stdio.h>

#include "output/absorption_csv_int.h"
#include "core/atomic_file_int.h"

static int write_rows(FILE *f, const mn_absorption *a, int is_intact)
{
  const double *t = NULL, *edges = NULL, *conc = NULL;
  size_t n_z = 0;
  size_t n_t = mn_absorption_profiles(a, is_intact, &t, &edges, &n_z, &conc);
  for (size_t k = 0; k < n_t; k++)
    for (size_t i = 0; i < n_z; i++)
      if (fprintf(f, "%s,%.17g,%.17g,%.17g,%.17g\n", is_intact ? "intact" : "treated",
                  mn_s_to_h(t[k]), mn_m_to_um(edges[i]), mn_m_to_um(edges[i + 1]),
                  conc[k * n_z + i]) < 0)
        return 0;
  return 1;
}

mn_status mni_profiles_write_csv(mn_ctx *ctx, const mn_result *r, const char *dir)
{
  MN_REQUIRE(ctx, r != NULL && dir != NULL, MN_E_ARG, "profiles.csv: NULL argument");
  const mn_absorption *a = mn_result_absorption(r);
  if (a == NULL || mn_absorption_profiles(a, 1, NULL, NULL, NULL, NULL) == 0) return MN_OK;
  mni_afile af;
  MN_TRY(mni_afile_open(ctx, dir, "profiles.csv", &af));
  /* kg/m³ and mg/mL are the same number */
  int ok = fputs("skin,t_h,depth_top_um,depth_bottom_um,concentration_mg_ml\n", af.f) >= 0 &&
           write_rows(af.f, a, 0) && write_rows(af.f, a, 1);
  if (!ok) {
    return mni_afile_fail(ctx, &af);
  }
  return mni_afile_commit(ctx, &af);
}
