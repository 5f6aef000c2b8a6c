/* bench_population: a virtual population of the default scenario on the 1d model (intact +
 * treated absorption over 24 h, a course of 4 sessions): wall time of N patients on every
 * thread, patients per second per core (from the process' CPU time), and the speed-up from 1
 * to 2 threads on M patients. Prints the machine and its load first (the cores may be shared).
 * Usage: bench_population [N [M]]   (defaults 10000 and 1000) */
#define _POSIX_C_SOURCE 200809L
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "machine.h"
#include "mnsim/mnsim.h"

/* One population of n patients on `threads` threads: wall and CPU seconds, failures. */
static int run(int threads, size_t n, double *wall_s, double *cpu_s, size_t *failed)
{
  mn_ctx *ctx = NULL;
  if (mn_ctx_create(NULL, NULL, &ctx) != MN_OK) return 1;
  mn_ctx_set_threads(ctx, threads);
  mn_scenario s = mn_scenario_default();
  s.simulation.model = MN_MODEL_1D;
  mn_study *pop = NULL;
  double w0 = bench_clock_s(CLOCK_MONOTONIC), c0 = bench_clock_s(CLOCK_PROCESS_CPUTIME_ID);
  mn_status st = mn_population_run(ctx, &s, n, 42, &pop);
  *wall_s = bench_clock_s(CLOCK_MONOTONIC) - w0;
  *cpu_s = bench_clock_s(CLOCK_PROCESS_CPUTIME_ID) - c0;
  if (st != MN_OK) {
    fprintf(stderr, "bench_population: %s\n", mn_ctx_errmsg(ctx));
    mn_ctx_destroy(&ctx);
    return 1;
  }
  *failed = mn_study_failed(pop);
  mn_study_destroy(&pop);
  mn_ctx_destroy(&ctx);
  return 0;
}

int main(int argc, char **argv)
{
  long n = argc > 1 ? atol(argv[1]) : 10000;
  long m = argc > 2 ? atol(argv[2]) : 1000;
  if (n < 1 || n > 10000000) n = 10000;
  if (m < 1 || m > 10000000) m = 1000;
  bench_print_machine();
  double wall = 0.0, cpu = 0.0;
  size_t failed = 0;
  int threads = omp_get_max_threads();
  if (run(threads, (size_t)n, &wall, &cpu, &failed) != 0) return 1;
  printf("population of %ld patients (1d, 24 h, 4 sessions) on %d threads: %.1f s wall, %.0f "
         "patients/s, %.1f patients/s per core of CPU time (%.2f ms each), %zu failed\n",
         n, threads, wall, (double)n / wall, (double)n / cpu, 1e3 * cpu / (double)n, failed);
  double w1 = 0.0, c1 = 0.0, w2 = 0.0, c2 = 0.0;
  if (run(1, (size_t)m, &w1, &c1, &failed) != 0 || run(2, (size_t)m, &w2, &c2, &failed) != 0)
    return 1;
  printf("speed-up 1 -> 2 threads on %ld patients: %.1f s -> %.1f s wall, x%.2f (CPU %.1f s -> "
         "%.1f s)\n",
         m, w1, w2, w1 / w2, c1, c2);
  return 0;
}
