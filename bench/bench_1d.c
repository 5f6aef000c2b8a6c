/* bench_1d: wall time of the 1D absorption model, intact + treated skin, 24 h (the default
 * scenario: cheek, caffeine serum, 200 channels/cm² of 70 µm to 500 µm), median of N runs.
 * Prints the machine first. Usage: bench_1d [N] */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "machine.h"
#include "mnsim/mnsim.h"

static int cmp(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
  int n = argc > 1 ? atoi(argv[1]) : 51;
  if (n < 1 || n > 100000) n = 51;
  bench_print_machine();
  mn_ctx *ctx = NULL;
  if (mn_ctx_create(NULL, NULL, &ctx) != MN_OK) return 1;
  mn_scenario s = mn_scenario_default();
  s.simulation.model = MN_MODEL_1D; /* the 1D model (auto would take the axisymmetric cell) */
  mn_layer_stack L;
  mn_puncture_stats p;
  memset(&p, 0, sizeof p);
  p.density_per_m2 = 200e4;
  p.mean_depth_m = 500e-6;
  p.surface_diameter_m = 70e-6;
  p.area_fraction = p.density_per_m2 * MN_PI * 35e-6 * 35e-6;
  const char *compounds[3] = {"caffeine", "ascorbic_acid", "testosterone"};
  double *t = malloc((size_t)n * sizeof *t);
  if (t == NULL || mn_skin_build(ctx, &s.skin, &L) != MN_OK) return 1;
  printf("1D absorption, intact + treated skin, 24 h, %s, tolerance %g, median of %d runs:\n",
         L.site, s.simulation.tolerance, n);
  for (int c = 0; c < 3; c++) {
    snprintf(s.formulation.compound, sizeof s.formulation.compound, "%s", compounds[c]);
    mn_absorption *a = NULL;
    if (mn_absorption_run(ctx, &s, &L, &p, &a) != MN_OK) { /* warm-up: catalogue parsed */
      fprintf(stderr, "bench_1d: %s\n", mn_ctx_errmsg(ctx));
      return 1;
    }
    mn_absorption_destroy(&a);
    for (int i = 0; i < n; i++) {
      double t0 = bench_now_s();
      mn_absorption_run(ctx, &s, &L, &p, &a);
      t[i] = bench_now_s() - t0;
      if (i + 1 < n) mn_absorption_destroy(&a);
    }
    qsort(t, (size_t)n, sizeof *t, cmp);
    const mn_absorption_summary *sm = mn_absorption_summary_get(a);
    printf("  %-14s %7.2f ms  (min %.2f, max %.2f)  absorbed %.3g %%, intact %.3g %%, ER %.3g, "
           "mass balance %.1e\n",
           compounds[c], 1e3 * t[n / 2], 1e3 * t[0], 1e3 * t[n - 1], sm->absorbed_percent,
           sm->intact_absorbed_percent, sm->enhancement_ratio, sm->mass_balance_error);
    mn_absorption_destroy(&a);
  }
  free(t);
  mn_ctx_destroy(&ctx);
  return 0;
}
