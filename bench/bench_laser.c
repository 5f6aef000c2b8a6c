/* Fractional laser benchmark: the wall-clock time of one pulse's treatment zone (light, heat,
 * damage: mni_laser_mtz) for each catalogue laser at its usual settings and at the ends of its
 * energy range, with the zone's depth and width, and a whole laser run (mn_run, 1d, the default
 * course). Target (issue 15): one zone in under 1 s. Times are wall-clock, median of 3. */
#define _POSIX_C_SOURCE 200809L
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "machine.h"
#include "mnsim/mnsim.h"
#include "puncture/laser_int.h"

static int by_double(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static int zone(mn_ctx *ctx, const mn_device *d, double energy_j)
{
  mni_laser_pulse p = {d->laser, energy_j, d->spot_diameter_m, d->pulse_s, 34.0};
  mni_mtz z;
  double t[3];
  for (int k = 0; k < 3; k++) {
    double t0 = bench_now_s();
    if (mni_laser_mtz(ctx, &p, &z) != MN_OK) {
      printf("%s: %s\n", d->name, mn_ctx_errmsg(ctx));
      return 1;
    }
    t[k] = bench_now_s() - t0;
  }
  qsort(t, 3, sizeof t[0], by_double);
  printf("%-18s %-14s %7.3g mJ %6.0f um  zone %5.0f x %4.0f um  crater %5.0f um  %5zu x %3zu "
         "cells %5zu steps  %7.1f ms\n",
         d->name, mn_laser_name(d->laser), energy_j * 1e3, d->spot_diameter_m * 1e6,
         z.coag_depth_m * 1e6, z.coag_width_m * 1e6, z.ablation_depth_m * 1e6, z.n_r, z.n_z,
         z.n_steps, 1e3 * t[1]);
  return 0;
}

int main(void)
{
  bench_print_machine();
  mn_ctx *ctx = NULL;
  if (mn_ctx_create(NULL, NULL, &ctx) != MN_OK) return 1;
  const mn_device *all = NULL;
  size_t n = 0;
  if (mn_devices_list(ctx, &all, &n) != MN_OK) return 1;
  printf("one zone (mni_laser_mtz), median of 3:\n");
  int bad = 0;
  for (size_t i = 0; i < n; i++) {
    const mn_device *d = &all[i];
    if (d->type != MN_DEVICE_FRACTIONAL_LASER) continue;
    bad |= zone(ctx, d, d->pulse_energy_min_j);
    bad |= zone(ctx, d, d->pulse_energy_j);
    bad |= zone(ctx, d, d->pulse_energy_max_j);
  }
  mn_scenario s = mn_scenario_default();
  s.device.type = MN_DEVICE_FRACTIONAL_LASER;
  s.device.laser = MN_LASER_CO2;
  s.treatment.passes = 1;
  s.simulation.model = MN_MODEL_1D;
  double t0 = bench_now_s();
  mn_result *r = NULL;
  if (mn_run(ctx, &s, &r) != MN_OK) {
    printf("run: %s\n", mn_ctx_errmsg(ctx));
    bad = 1;
  } else {
    printf("a whole run (fractional_co2, 1d, 24 h, 4 sessions): %.0f ms\n", 1e3 * (bench_now_s() - t0));
  }
  mn_result_destroy(&r);
  mn_ctx_destroy(&ctx);
  return bad;
}
