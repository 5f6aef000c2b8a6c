/* Spatial solvers benchmark: machine memory bandwidth (STREAM-like triad), the homogeneous
 * 1M-cell diffusion-decay cube (BioFVM's perf_test_voxels problem: 100^3 cells of 10 µm,
 * D = 1e5 µm²/min, decay 0.1 /min, dt = 0.01 min, 200 implicit LOD steps), a layered 3D patch
 * with its channels over 24 h, the axisymmetric cell, and the absorption stage on the 3d model
 * as a user runs it (the default scenario through mn_run).
 * Times are wall-clock (CLOCK_MONOTONIC), never CPU time summed over threads. */
#define _POSIX_C_SOURCE 200809L /* popen */
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "machine.h"
#include "mnsim/mnsim.h"
#include "spatial/axisym_int.h"
#include "bench_cases.h"
#include "numerics/lod3d_int.h"

/* STREAM triad a = b + s c on arrays much larger than the caches; best of 5. */
static void bench_triad(void)
{
  size_t n = 20 * 1000 * 1000;
  double *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b), *c = malloc(n * sizeof *c);
  if (!a || !b || !c) {
    printf("triad: out of memory\n");
    free(a), free(b), free(c);
    return;
  }
  ptrdiff_t np = (ptrdiff_t)n;
#pragma omp parallel for schedule(static)
  for (ptrdiff_t i = 0; i < np; i++) {
    a[i] = 0.0;
    b[i] = 1.0;
    c[i] = 2.0;
  }
  double best = 1e30;
  for (int rep = 0; rep < 5; rep++) {
    double t0 = bench_now_s();
#pragma omp parallel for schedule(static)
    for (ptrdiff_t i = 0; i < np; i++)
      a[i] = b[i] + 3.0 * c[i];
    double t = bench_now_s() - t0;
    best = t < best ? t : best;
  }
  printf("triad: %.1f GB/s (3 x %zu doubles, best of 5; check %g)\n",
         3.0 * (double)n * 8.0 / best / 1e9, n, a[n / 2]);
  free(a), free(b), free(c);
}

static void bench_cube(void)
{
  mn_ctx *ctx = NULL;
  if (mn_ctx_create(NULL, NULL, &ctx) != MN_OK) return;
  mni_lod3d *s = NULL;
  double t0 = bench_now_s();
  mn_status st = mni_bench_cube_create(ctx, 100, &s);
  double t_setup = bench_now_s() - t0;
  if (st != MN_OK) {
    printf("cube: %s\n", mn_ctx_errmsg(ctx));
    mn_ctx_destroy(&ctx);
    return;
  }
  mni_spatial_tally t_begin = mni_lod3d_tallies(s);
  t0 = bench_now_s();
  st = mni_lod3d_step(s, 200);
  double t = bench_now_s() - t0;
  mni_spatial_tally tl = mni_lod3d_tallies(s);
  double err = fabs(tl.in_tissue_kg + tl.cleared_kg - t_begin.in_tissue_kg) / t_begin.in_tissue_kg;
  printf("cube 100^3 cells, 10 um, 200 LOD steps: %.3f s (setup %.3f s), %.3g cell-steps/s, "
         "mass balance %.2g [target < 1 s; BioFVM ~10 s here]\n",
         t, t_setup, 1e6 * 200.0 / t, err);
  mni_lod3d_destroy(&s);
  mn_ctx_destroy(&ctx);
}

/* The 3D patch over 24 h: 2 mm x 2 mm of cheek, the channels of a 1.5 mm roller at about
 * 200 per cm² (8 in the patch), 10 µm lateral cells, a finite caffeine dose (10 µL/cm² at
 * 4 mg/mL), steps growing geometrically from 1 s to 10 min. */
static void bench_patch(void)
{
  mn_ctx *ctx = NULL;
  if (mn_ctx_create(NULL, NULL, &ctx) != MN_OK) return;
  double side = 2e-3, T = 24.0 * 3600.0;
  mni_skin_column col = mni_bench_column(1e-6);
  mni_channel ch[8];
  mni_bench_channels(42, side, 8, 750e-6, 35e-6, ch);
  mni_axis x, y, z;
  uint8_t *mat = NULL;
  double t0 = bench_now_s();
  mn_status st = mni_build_patch(ctx, &col, side, side, 10e-6, ch, 8, &x, &y, &z, &mat);
  mni_material mats[2 * MNI_MAX_LAYERS];
  double Dc[2 * MNI_MAX_LAYERS];
  mni_build_materials(&col, mats, Dc);
  mni_lod3d *s = NULL;
  if (st == MN_OK) {
    mni_lod3d_spec sp = {0};
    sp.x = &x, sp.y = &y, sp.z = &z, sp.material = mat, sp.materials = mats;
    sp.n_materials = 2 * col.n_layers, sp.is_periodic_xy = true;
    sp.top = MNI_BC_DONOR, sp.bottom = MNI_BC_SINK;
    sp.donor_capacity_m3 = side * side * 1e-5, sp.donor_u = 4.0, sp.dt_s = 1.0;
    st = mni_lod3d_create(ctx, &sp, &s);
  }
  double t_setup = bench_now_s() - t0;
  size_t N = x.n * y.n * z.n, steps = 0;
  double dose = side * side * 1e-5 * 4.0, t = 0.0, dt = 1.0;
  t0 = bench_now_s();
  while (st == MN_OK && t < T - 1e-9) {
    dt = fmin(fmin(dt * 1.1, 600.0), T - t);
    st = mni_lod3d_set_dt(s, dt);
    if (st == MN_OK) st = mni_lod3d_step(s, 1);
    t += dt;
    steps++;
  }
  double wall = bench_now_s() - t0;
  if (st != MN_OK) {
    printf("patch: %s\n", mn_ctx_errmsg(ctx));
  } else {
    size_t cx, cy, cz;
    mni_lod3d_classes(s, &cx, &cy, &cz);
    mni_spatial_tally tl = mni_lod3d_tallies(s);
    double err =
        fabs(tl.donor_kg + tl.in_tissue_kg + tl.to_bottom_kg + tl.cleared_kg - dose) / dose;
    printf("patch 2 x 2 mm, 8 channels, %zu x %zu x %zu = %zu cells (%zu/%zu/%zu line classes), "
           "24 h in %zu steps: %.2f s (setup %.2f s), %.3g cell-steps/s; absorbed %.2f%%, "
           "balance %.2g [target < 120 s]\n",
           x.n, y.n, z.n, N, cx, cy, cz, steps, wall, t_setup, (double)N * (double)steps / wall,
           100.0 * (tl.to_bottom_kg + tl.cleared_kg) / dose, err);
  }
  mni_lod3d_destroy(&s);
  mn_free(ctx, mat, N);
  mni_axis_free(ctx, &x);
  mni_axis_free(ctx, &y);
  mni_axis_free(ctx, &z);
  mn_ctx_destroy(&ctx);
}

/* The axisymmetric cell of the same skin and dose: 200 channels per cm², 35 µm radius, 750 µm
 * deep, 24 h, rtol 1e-4. */
static void bench_axisym(void)
{
  mn_ctx *ctx = NULL;
  if (mn_ctx_create(NULL, NULL, &ctx) != MN_OK) return;
  double t0 = bench_now_s();
  mni_skin_column col = mni_bench_column(1e-6);
  double R = mni_axisym_cell_radius_m(200.0 / mn_cm2_to_m2(1.0));
  mni_axis r, z;
  uint8_t *mat = NULL;
  mn_status st = mni_build_axisym(ctx, &col, R, 750e-6, 35e-6, 3e-6, &r, &z, &mat);
  mni_material mats[2 * MNI_MAX_LAYERS];
  double Dc[2 * MNI_MAX_LAYERS];
  mni_build_materials(&col, mats, Dc);
  mni_axisym *s = NULL;
  double dose = MN_PI * R * R * 1e-5 * 4.0;
  if (st == MN_OK) {
    mni_axisym_spec sp = {0};
    sp.r = &r, sp.z = &z, sp.material = mat, sp.materials = mats;
    sp.n_materials = 2 * col.n_layers, sp.bottom = MNI_BC_SINK;
    sp.donor_capacity_m3 = MN_PI * R * R * 1e-5, sp.donor_u = 4.0, sp.rtol = 1e-4;
    st = mni_axisym_create(ctx, &sp, &s);
  }
  if (st == MN_OK) st = mni_axisym_advance(s, 24.0 * 3600.0);
  double wall = bench_now_s() - t0;
  if (st != MN_OK) {
    printf("axisym: %s\n", mn_ctx_errmsg(ctx));
  } else {
    long ns, nf, nsu, nj;
    mni_axisym_stats(s, &ns, &nf, &nsu, &nj);
    mni_spatial_tally tl = mni_axisym_tallies(s);
    double err =
        fabs(tl.donor_kg + tl.in_tissue_kg + tl.to_bottom_kg + tl.cleared_kg - dose) / dose;
    printf("axisymmetric cell R = %.0f um, %zu x %zu cells, 24 h: %.1f ms (%ld steps, %ld "
           "factorisations); absorbed %.2f%%, balance %.2g [target < 200 ms]\n",
           mn_m_to_um(R), r.n, z.n, 1e3 * wall, ns, nsu,
           100.0 * (tl.to_bottom_kg + tl.cleared_kg) / dose, err);
  }
  mni_axisym_destroy(&s);
  mn_free(ctx, mat, r.n * z.n);
  mni_axis_free(ctx, &r);
  mni_axis_free(ctx, &z);
  mn_ctx_destroy(&ctx);
}

/* The side-by-side problem (bench/fenicsx_axisym.py): infinite dose u = 4 kg/m³ on the
 * surface, no closure, the amount in the tissue after 1 h. Level l halves the cells l times. */
static double side_by_side_amount(int level, double rtol, double *wall_s, size_t *cells)
{
  mn_ctx *ctx = NULL;
  if (mn_ctx_create(NULL, NULL, &ctx) != MN_OK) return NAN;
  double t0 = bench_now_s(), f = ldexp(1.0, -level), amount = NAN;
  mni_skin_column col = mni_bench_column(2e-6 * f);
  col.h_tissue_m = 10e-6 * f;
  col.h_max_m = 100e-6 * f;
  double R = mni_axisym_cell_radius_m(200.0 / mn_cm2_to_m2(1.0));
  mni_axis r, z;
  uint8_t *mat = NULL;
  mn_status st = mni_build_axisym(ctx, &col, R, 750e-6, 35e-6, 6e-6 * f, &r, &z, &mat);
  mni_material mats[2 * MNI_MAX_LAYERS];
  double Dc[2 * MNI_MAX_LAYERS];
  mni_build_materials(&col, mats, Dc);
  mni_axisym *s = NULL;
  if (st == MN_OK) {
    mni_axisym_spec sp = {0};
    sp.r = &r, sp.z = &z, sp.material = mat, sp.materials = mats;
    sp.n_materials = 2 * col.n_layers, sp.bottom = MNI_BC_SINK;
    sp.donor_u = 4.0, sp.rtol = rtol;
    st = mni_axisym_create(ctx, &sp, &s);
    *cells = r.n * z.n;
  }
  if (st == MN_OK) st = mni_axisym_advance(s, 3600.0);
  if (st == MN_OK)
    amount = mni_axisym_tallies(s).in_tissue_kg;
  else
    printf("side-by-side: %s\n", mn_ctx_errmsg(ctx));
  *wall_s = bench_now_s() - t0;
  mni_axisym_destroy(&s);
  if (mat != NULL) mn_free(ctx, mat, r.n * z.n);
  mni_axis_free(ctx, &r);
  mni_axis_free(ctx, &z);
  mn_ctx_destroy(&ctx);
  return amount;
}

static void bench_side_by_side(const char *script)
{
  double wall, ref;
  size_t cells;
  ref = side_by_side_amount(4, 1e-10, &wall, &cells);
  printf("side-by-side reference (mnsim level 4, %zu cells, rtol 1e-10): amount %.10g kg in "
         "%.2f s\n",
         cells, ref, wall);
  for (int level = 0; level <= 3; level++) {
    double rtol = 1e-3 * ldexp(1.0, -2 * level);
    double a = side_by_side_amount(level, rtol, &wall, &cells);
    printf("mnsim level %d: %zu cells, rtol %.2g, amount %.10g kg, error %.3g, %.3f s\n", level,
           cells, rtol, a, fabs(a - ref) / ref, wall);
  }
  char cmd[1024];
  snprintf(cmd, sizeof cmd, "/usr/bin/python3 %s %.17g 4 2>/dev/null", script, ref);
  fflush(stdout);
  FILE *p = popen(cmd, "r");
  if (p == NULL) {
    printf("fenicsx: could not start /usr/bin/python3\n");
    return;
  }
  char line[512];
  while (fgets(line, sizeof line, p))
    fputs(line, stdout);
  int rc = pclose(p);
  if (rc != 0)
    printf("fenicsx: the script failed (status %d): is python3-dolfinx installed? "
           "(scripts/install-deps.sh --bench)\n",
           rc);
}

/* The solver's own line ("absorption 3d: N x N x N cells, ...") from the library's log. */
static void print_3d_log(void *ud, mn_log_level level, const char *msg)
{
  (void)ud;
  if (level == MN_LOG_DEBUG && strncmp(msg, "absorption 3d:", 14) == 0) printf("  %s\n", msg);
}

/* The absorption stage on the 3d model as a user runs it: the default scenario (cheek, 1.5 mm
 * roller, the session's own channels, caffeine serum that dries, closure, clearance), 24 h,
 * through mn_run, at two tolerances; the axisymmetric model of the same run for comparison. */
static void bench_stage_3d(void)
{
  const double tols[2] = {1e-3, 1e-4};
  for (int k = 0; k < 3; k++) {
    mn_ctx *ctx = NULL;
    if (mn_ctx_create(NULL, NULL, &ctx) != MN_OK) return;
    mn_ctx_set_logger(ctx, print_3d_log, NULL);
    mn_scenario s = mn_scenario_default();
    s.course.sessions = 0;
    s.simulation.model = k < 2 ? MN_MODEL_3D : MN_MODEL_AXISYMMETRIC;
    s.simulation.tolerance = k < 2 ? tols[k] : 1e-4;
    mn_result *r = NULL;
    double t0 = bench_now_s();
    mn_status st = mn_run(ctx, &s, &r);
    double wall = bench_now_s() - t0;
    if (st != MN_OK) {
      printf("stage 3d: %s\n", mn_ctx_errmsg(ctx));
    } else {
      const mn_absorption_summary *a = mn_absorption_summary_get(mn_result_absorption(r));
      printf("stage %s, default scenario, 24 h, tolerance %g: %.1f s (whole run); absorbed "
             "%.4f%%, ER %.4f, balance %.2g%s\n",
             mn_model_name(a->model), s.simulation.tolerance, wall, a->absorbed_percent,
             a->enhancement_ratio, a->mass_balance_error, k < 2 ? " [target < 120 s]" : "");
    }
    mn_result_destroy(&r);
    mn_ctx_destroy(&ctx);
  }
}

int main(int argc, char **argv)
{
  bench_print_machine();
  bench_triad();
  bench_cube();
  bench_axisym();
  bench_patch();
  bench_stage_3d();
  /* the FEniCSx script: argv[1], or next to this source file when run from the tree */
  bench_side_by_side(argc > 1 ? argv[1] : "bench/fenicsx_axisym.py");
  return 0;
}
