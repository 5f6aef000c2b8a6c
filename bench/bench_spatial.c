/* Spatial solvers benchmark: machine memory bandwidth (STREAM-like triad), the homogeneous
 * 1M-cell diffusion-decay cube (BioFVM's perf_test_voxels problem: 100^3 cells of 10 µm,
 * D = 1e5 µm²/min, decay 0.1 /min, dt = 0.01 min, 200 implicit LOD steps), a layered 3D patch
 * with its channels over 24 h, and the axisymmetric cell.
 * Times are wall-clock (CLOCK_MONOTONIC), never CPU time summed over threads. */
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mnsim/mnsim.h"
#include "spatial/bench_cases_int.h"
#include "spatial/lod3d_int.h"

static double now_s(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void print_machine(void)
{
  char model[256] = "unknown";
  FILE *f = fopen("/proc/cpuinfo", "r");
  if (f != NULL) {
    char line[512];
    while (fgets(line, sizeof line, f))
      if (strncmp(line, "model name", 10) == 0) {
        const char *c = strchr(line, ':');
        if (c != NULL) {
          snprintf(model, sizeof model, "%s", c + 2);
          model[strcspn(model, "\n")] = '\0';
        }
        break;
      }
    fclose(f);
  }
  long mem_kb = 0;
  f = fopen("/proc/meminfo", "r");
  if (f != NULL) {
    if (fscanf(f, "MemTotal: %ld kB", &mem_kb) != 1)
      mem_kb = 0;
    fclose(f);
  }
  printf("machine: %s, %d OpenMP threads, %.1f GiB memory, mnsim %s\n", model,
         omp_get_max_threads(), (double)mem_kb / 1048576.0, mn_version());
}

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
    double t0 = now_s();
#pragma omp parallel for schedule(static)
    for (ptrdiff_t i = 0; i < np; i++)
      a[i] = b[i] + 3.0 * c[i];
    double t = now_s() - t0;
    best = t < best ? t : best;
  }
  printf("triad: %.1f GB/s (3 x %zu doubles, best of 5; check %g)\n",
         3.0 * (double)n * 8.0 / best / 1e9, n, a[n / 2]);
  free(a), free(b), free(c);
}

static void bench_cube(void)
{
  mn_ctx *ctx = NULL;
  if (mn_ctx_create(NULL, NULL, &ctx) != MN_OK)
    return;
  mni_lod3d *s = NULL;
  double t0 = now_s();
  mn_status st = mni_bench_cube_create(ctx, 100, &s);
  double t_setup = now_s() - t0;
  if (st != MN_OK) {
    printf("cube: %s\n", mn_ctx_errmsg(ctx));
    mn_ctx_destroy(&ctx);
    return;
  }
  mni_lod3d_tally t_begin = mni_lod3d_tallies(s);
  t0 = now_s();
  st = mni_lod3d_step(s, 200);
  double t = now_s() - t0;
  mni_lod3d_tally tl = mni_lod3d_tallies(s);
  double err = fabs(tl.in_tissue_kg + tl.cleared_kg - t_begin.in_tissue_kg) / t_begin.in_tissue_kg;
  printf("cube 100^3 cells, 10 um, 200 LOD steps: %.3f s (setup %.3f s), %.3g cell-steps/s, "
         "mass balance %.2g [target < 1 s; BioFVM ~10 s here]\n",
         t, t_setup, 1e6 * 200.0 / t, err);
  mni_lod3d_destroy(&s);
  mn_ctx_destroy(&ctx);
}

int main(void)
{
  print_machine();
  bench_triad();
  bench_cube();
  return 0;
}
