/* Set-ups shared by the benchmarks and the tests (see bench_cases.h). */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "core/core_int.h"
#include "bench_cases.h"

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

mni_skin_column mni_bench_column(double h_min_m)
{
  mni_skin_column col = {0};
  /* cheek: SC 17 µm (Egawa et al. 2007), VE 50 µm (Chopra et al. 2015), dermis 1.0 mm
   * (Meng et al. 2022); shared reference physics.md §1b, §6 */
  col.n_layers = 4;
  col.thickness_m[0] = 17e-6;
  col.thickness_m[1] = 50e-6;
  /* the dermis split at the capillary depth, 150 µm below the junction (Roberts/Anissimov
   * group 2022, physics.md §4): clearance only below */
  col.thickness_m[2] = 150e-6;
  col.thickness_m[3] = 850e-6;
  double D_aq = 6e-10; /* caffeine ~6e-6 cm²/s at 25 °C (physics.md §4, Hayduk-Laudie) */
  /* SC: Potts & Guy 1992 kp = 1.1e-4 cm/h for caffeine (physics.md §4 table) and
   * K_sc = 0.43 Kow^0.81 (Nitsche, Wang & Kasting 2006) with log Kow -0.07: D = kp L / K
   * over the 15 µm reference thickness */
  double K_sc = 0.43 * pow(10.0, 0.81 * -0.07);
  double kp = mn_cm_per_h_to_m_per_s(1.1e-4);
  col.layer[0] = (mni_material){kp * 15e-6 / K_sc, K_sc, 0.0};
  /* VE: D_aq / 7, K 1 (Nitsche & Kasting 2013) */
  col.layer[1] = (mni_material){D_aq / 7.0, 1.0, 0.0};
  /* dermis: K 0.8, D_aq / (1 + B) with B = 1 assumed (Kretsos et al. 2008); clearance
   * 5e-4 /s (Kretsos & Kasting 2005) */
  col.layer[2] = (mni_material){D_aq / 2.0, 0.8, 0.0};
  col.layer[3] = (mni_material){D_aq / 2.0, 0.8, 5e-4};
  col.channel = (mni_material){D_aq, 1.0, 0.0};
  col.h_min_m = h_min_m;
  col.h_tissue_m = 5.0 * h_min_m;
  col.h_max_m = 50e-6;
  col.ratio = 1.2;
  return col;
}

void mni_bench_channels(uint64_t seed, double side_m, size_t n, double mean_depth_m,
                        double radius_m, mni_channel *channels)
{
  mn_rng rng;
  mn_rng_seed(&rng, seed, 5);
  for (size_t c = 0; c < n; c++) {
    channels[c].x_m = side_m * mn_rng_uniform(&rng);
    channels[c].y_m = side_m * mn_rng_uniform(&rng);
    channels[c].depth_m = mean_depth_m * (0.9 + 0.2 * mn_rng_uniform(&rng));
    channels[c].radius_m = radius_m;
  }
}

mn_status mni_bench_channel_list(mn_ctx *ctx, const mn_puncture_stats *p, uint64_t seed,
                                 mni_channel_list *out)
{
  memset(out, 0, sizeof *out);
  double a = 0.5 * p->surface_diameter_m;
  double side = fmax(sqrt(16.0 / p->density_per_m2), 6.0 * a);
  size_t n = (size_t)llround(p->density_per_m2 * side * side);
  n = n > 0 ? n : 1;
  double *v = mn_alloc(ctx, 4 * n * sizeof *v);
  if (v == NULL) return MN_E_NOMEM;
  double *x = v, *y = v + n, *depth = v + 2 * n, *radius = v + 3 * n;
  mn_rng rng;
  mn_rng_seed(&rng, seed, 0x3d);
  for (size_t c = 0; c < n; c++) {
    x[c] = side * mn_rng_uniform(&rng);
    y[c] = side * mn_rng_uniform(&rng);
    double sd = p->depth_sd_m;
    depth[c] = fmax(p->mean_depth_m + (sd > 0 ? sd * mn_rng_normal(&rng) : 0.0), 1e-6);
    radius[c] = a;
  }
  *out = (mni_channel_list){x, y, depth, radius, n, side};
  return MN_OK;
}

void mni_bench_channel_list_free(mn_ctx *ctx, mni_channel_list *list)
{
  if (list->n > 0) mn_free(ctx, (void *)(uintptr_t)list->x_m, 4 * list->n * sizeof(double));
  memset(list, 0, sizeof *list);
}
