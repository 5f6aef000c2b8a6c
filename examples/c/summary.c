/* A C program on mnsim's public API: run the default scenario (a 1.5 mm roller on the cheek with
 * a caffeine serum), after any KEY=VALUE overrides given as arguments, and print a few of the
 * summary's values by the names summary.json uses.
 *
 *   cc summary.c $(pkg-config --cflags --libs mnsim) -o summary
 *   ./summary device.needle_length_mm=1.0 simulation.model=1d
 *
 * or with CMake (CMakeLists.txt beside this file): find_package(mnsim), link mnsim::mnsim.
 * Exit status: 0 done, 1 the run failed, 2 a bad KEY=VALUE. */
#include <stdio.h>

#include <mnsim/mnsim.h>

int main(int argc, char **argv)
{
  mn_ctx *ctx = NULL;
  if (mn_ctx_create(NULL, NULL, &ctx) != MN_OK) {
    fprintf(stderr, "summary: out of memory\n");
    return 1;
  }
  int rc = 0;
  mn_result *r = NULL;
  mn_scenario s = mn_scenario_default();
  for (int i = 1; i < argc; i++)
    if (mn_scenario_set(ctx, &s, argv[i]) != MN_OK) { /* checked as `mnsim run --set` checks */
      fprintf(stderr, "summary: %s\n", mn_ctx_errmsg(ctx));
      rc = 2;
      goto done;
    }
  if (mn_run(ctx, &s, &r) != MN_OK) {
    fprintf(stderr, "summary: %s\n", mn_ctx_errmsg(ctx));
    rc = 1;
    goto done;
  }
  static const char *const fields[] = {
      "puncture.mean_depth_um",
      "absorption.absorbed_percent",
      "absorption.intact_absorbed_percent",
      "absorption.enhancement_ratio",
      "healing.collagen_change_percent",
  };
  printf("mnsim %s (API %d): %s\n", mn_version(), mn_api_version(), mn_result_scenario(r)->name);
  for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
    double v = 0.0;
    if (mn_result_get_double(r, fields[i], &v) != MN_OK) {
      fprintf(stderr, "summary: %s: no such field\n", fields[i]);
      rc = 1;
      goto done;
    }
    printf("%-36s %.6g\n", fields[i], v);
  }
done:
  mn_result_destroy(&r);
  mn_ctx_destroy(&ctx);
  return rc;
}
