/* Set-ups shared by the benchmarks and the tests (see bench_cases_int.h). */
#include <math.h>

#include "core/core_int.h"
#include "spatial/bench_cases_int.h"

mn_status mni_bench_cube_create(mn_ctx *ctx, size_t n, mni_lod3d **out)
{
  *out = NULL;
  double L = (double)n * mn_um_to_m(10.0);
  mni_axis ax = {0, NULL};
  uint8_t *mat = mn_calloc(ctx, n * n * n, 1);
  mn_status st = mat ? mni_axis_uniform(ctx, 0.0, L, n, &ax) : MN_E_NOMEM;
  if (st == MN_OK) {
    /* BioFVM units: D = 1e5 µm²/min, lambda = 0.1 /min, dt = 0.01 min */
    mni_material m = {1e5 * 1e-12 / 60.0, 1.0, 0.1 / 60.0};
    mni_lod3d_spec sp = {0};
    sp.x = sp.y = sp.z = &ax;
    sp.material = mat;
    sp.materials = &m;
    sp.n_materials = 1;
    sp.is_periodic_xy = true;
    sp.top = sp.bottom = MNI_BC_ZERO_FLUX;
    sp.dt_s = 0.01 * 60.0;
    st = mni_lod3d_create(ctx, &sp, out);
  }
  if (st == MN_OK) {
    double *u = mni_lod3d_u(*out);
    double c = 0.5 * L, w = 0.1 * L;
    for (size_t k = 0; k < n; k++)
      for (size_t j = 0; j < n; j++)
        for (size_t i = 0; i < n; i++) {
          double x = mni_axis_centre(&ax, i) - c, y = mni_axis_centre(&ax, j) - c,
                 z = mni_axis_centre(&ax, k) - c;
          u[i + n * (j + n * k)] = exp(-(x * x + y * y + z * z) / (w * w));
        }
  }
  mni_axis_free(ctx, &ax);
  mn_free(ctx, mat, n * n * n);
  return st;
}
