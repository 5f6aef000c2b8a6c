#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mn_test.h"

void mn_test_expect_near(double got, double want, double rtol, double atol, const char *expr,
                         const char *file, int line)
{
  double tol = atol + rtol * fabs(want);
  if (!(fabs(got - want) <= tol)) {
    print_error("%s:%d: %s = %.17g, expected %.17g (tolerance %.3g, off by %.3g)\n", file, line,
                expr, got, want, tol, fabs(got - want));
    _fail(file, line);
  }
}

mn_ctx *mn_test_ctx(void)
{
  mn_ctx *ctx = NULL;
  assert_int_equal(mn_ctx_create(NULL, NULL, &ctx), MN_OK);
  assert_non_null(ctx);
  return ctx;
}

mn_puncture_stats mn_test_channel_stats(double density_per_cm2, double diameter_um, double depth_um,
                                   double sd_um)
{
  mn_puncture_stats p;
  memset(&p, 0, sizeof p);
  p.density_per_m2 = density_per_cm2 / mn_cm2_to_m2(1.0);
  p.surface_diameter_m = mn_um_to_m(diameter_um);
  p.mean_depth_m = mn_um_to_m(depth_um);
  p.max_depth_m = p.mean_depth_m + 2.0 * mn_um_to_m(sd_um);
  p.depth_sd_m = mn_um_to_m(sd_um);
  p.area_fraction = p.density_per_m2 * MN_PI * 0.25 * p.surface_diameter_m * p.surface_diameter_m;
  p.channels = density_per_cm2 * 10.0;
  p.deepest_layer = MN_LAYER_DERMIS;
  return p;
}

mn_layer_stack mn_test_cheek_layers(void)
{
  mn_layer_stack L;
  memset(&L, 0, sizeof L);
  strcpy(L.site, "cheek");
  L.thickness_m[MN_LAYER_STRATUM_CORNEUM] = 17e-6;
  L.thickness_m[MN_LAYER_VIABLE_EPIDERMIS] = 50e-6;
  L.thickness_m[MN_LAYER_DERMIS] = 1.0e-3;
  L.thickness_m[MN_LAYER_SUBCUTIS] = 5e-3;
  for (int i = 1; i < MN_N_LAYERS; i++)
    L.top_m[i] = L.top_m[i - 1] + L.thickness_m[i - 1];
  return L;
}

void *mn_test_fail_alloc(void *ud, void *ptr, size_t old_size, size_t new_size)
{
  mn_test_alloc *fa = ud;
  if (new_size == 0) {
    fa->live_bytes -= (long)old_size;
    free(ptr);
    return NULL;
  }
  if (fa->allocs_left-- <= 0)
    return NULL;
  fa->allocs++;
  fa->live_bytes += (long)new_size - (long)(ptr ? old_size : 0);
  return realloc(ptr, new_size);
}
