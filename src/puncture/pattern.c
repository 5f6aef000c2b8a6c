/* Patterns: the needle entries of every pass over the simulated square patch [0, S)^2.
 *
 * Each pass runs in one direction theta (single: 0; crosshatch: 0, 90, 45, 135 deg in turn;
 * random: uniform). In the pass's frame (u along the motion, v across it, origin at the
 * patch's centre) the device is laid in parallel lanes that tile the plane, with a random
 * lateral origin and a random phase along each lane; the entries that fall in the patch are
 * kept, then each is displaced by a small jitter and wrapped into the periodic patch. So the
 * expected entries per area and pass is the device's formula exactly:
 *   roller  N / (pi D W): rings across the drum's width W, `rows` needles around each ring,
 *           one entry per needle per turn (every pi D of travel); odd rings are staggered by
 *           half a row;
 *   pen     N f / (w v): a shot of the N needles (a Vogel spiral filling the cartridge disc of
 *           diameter w) every v / f of glide; lanes w apart;
 *   stamp   N / (w h): footprints of w x h tiling the plane, a grid of `rows` rows; each pass
 *           is one more stamp on every spot;
 *   laser   n: a scanner lays its microbeams on a square grid of spacing 1 / sqrt(n), with a
 *           random origin each pass. */
#include <math.h>
#include <string.h>

#include "puncture/pattern_int.h"

/* Assumed: hand tremor and skin stretch move each entry by 50 um (standard deviation). */
#define JITTER_M 50e-6

void mni_points_free(mn_ctx *ctx, mni_points *p)
{
  mn_free(ctx, p->x_m, 2 * p->cap * sizeof(double));
  p->x_m = p->y_m = NULL;
  p->n = p->cap = 0;
}

/* x and y share one block (x then y), so a failed growth leaves the list as it was. */
static mn_status push(mn_ctx *ctx, mni_points *p, double x, double y)
{
  if (p->n == p->cap) {
    size_t cap = p->cap ? 2 * p->cap : 1024;
    double *block = mn_alloc(ctx, 2 * cap * sizeof(double));
    if (block == NULL) return MN_E_NOMEM;
    if (p->n > 0) {
      memcpy(block, p->x_m, p->n * sizeof(double));
      memcpy(block + cap, p->y_m, p->n * sizeof(double));
    }
    mn_free(ctx, p->x_m, 2 * p->cap * sizeof(double));
    p->x_m = block;
    p->y_m = block + cap;
    p->cap = cap;
  }
  p->x_m[p->n] = x;
  p->y_m[p->n] = y;
  p->n++;
  return MN_OK;
}

static double wrap(double x, double side)
{
  double w = fmod(x, side);
  if (w < 0.0) w += side;
  return w < side ? w : 0.0;
}

/* The pass's frame and the patch it is laid on. */
typedef struct frame {
  double side_m;       /* patch side S */
  double cos_t, sin_t; /* direction of the pass */
  double reach_m;      /* half-diagonal: the patch lies within |u|, |v| <= reach */
  mn_rng *rng;
  mni_points *out;
} frame;

/* Keep an entry at frame position (u, v) if it falls in the patch. */
static mn_status emit(mn_ctx *ctx, const frame *fr, double u, double v)
{
  double half = 0.5 * fr->side_m;
  double x = half + u * fr->cos_t - v * fr->sin_t;
  double y = half + u * fr->sin_t + v * fr->cos_t;
  if (!(x >= 0.0 && x < fr->side_m && y >= 0.0 && y < fr->side_m)) return MN_OK;
  x = wrap(x + JITTER_M * mn_rng_normal(fr->rng), fr->side_m);
  y = wrap(y + JITTER_M * mn_rng_normal(fr->rng), fr->side_m);
  return push(ctx, fr->out, x, y);
}

static mn_status roller_pass(mn_ctx *ctx, const mn_device *d, const frame *fr)
{
  int rows = d->needle_rows;
  int rings = d->needles / rows;
  double width = d->drum_width_m, turn = MN_PI * d->drum_diameter_m;
  double radius = 0.5 * d->drum_diameter_m, rc = fr->reach_m;
  double v_start = -rc - width * mn_rng_uniform(fr->rng);
  for (double v_lane = v_start; v_lane <= rc; v_lane += width) {
    double u_start = -rc - turn * mn_rng_uniform(fr->rng);
    for (double u_turn = u_start; u_turn <= rc; u_turn += turn)
      for (int j = 0; j < rows; j++)
        for (int k = 0; k < rings; k++) {
          double phi = 2.0 * MN_PI * ((double)j + 0.5 * (double)(k % 2)) / (double)rows;
          double v = v_lane + ((double)k + 0.5) * width / (double)rings;
          MN_TRY(emit(ctx, fr, u_turn + radius * phi, v));
        }
  }
  return MN_OK;
}

static mn_status pen_pass(mn_ctx *ctx, const mn_device *d, const frame *fr)
{
  double w = d->cartridge_diameter_m, step = d->glide_speed_m_per_s / d->frequency_hz;
  double rc = fr->reach_m + w;
  const double golden = MN_PI * (3.0 - sqrt(5.0));
  double v_start = -rc - w * mn_rng_uniform(fr->rng);
  for (double v_lane = v_start; v_lane <= rc; v_lane += w) {
    double u_start = -rc - step * mn_rng_uniform(fr->rng);
    for (double u = u_start; u <= rc; u += step)
      for (int i = 0; i < d->needles; i++) {
        /* Vogel's spiral: N points spread evenly over the cartridge's disc. */
        double r = 0.5 * w * sqrt(((double)i + 0.5) / (double)d->needles);
        double a = golden * (double)i;
        MN_TRY(emit(ctx, fr, u + r * cos(a), v_lane + 0.5 * w + r * sin(a)));
      }
  }
  return MN_OK;
}

static mn_status stamp_pass(mn_ctx *ctx, const mn_device *d, const frame *fr)
{
  int rows = d->needle_rows > 0 ? d->needle_rows : 1;
  int cols = (d->needles + rows - 1) / rows;
  double w = d->stamp_width_m, h = d->stamp_height_m, rc = fr->reach_m;
  double u0 = -rc - w * mn_rng_uniform(fr->rng);
  double v0 = -rc - h * mn_rng_uniform(fr->rng);
  for (double v_spot = v0; v_spot <= rc; v_spot += h)
    for (double u_spot = u0; u_spot <= rc; u_spot += w)
      for (int i = 0; i < d->needles; i++) {
        double u = u_spot + ((double)(i % cols) + 0.5) * w / (double)cols;
        double v = v_spot + ((double)(i / cols) + 0.5) * h / (double)rows;
        MN_TRY(emit(ctx, fr, u, v));
      }
  return MN_OK;
}

static mn_status laser_pass(mn_ctx *ctx, const mn_device *d, const frame *fr)
{
  double a = 1.0 / sqrt(d->density_per_m2), rc = fr->reach_m;
  double u0 = -rc - a * mn_rng_uniform(fr->rng);
  double v0 = -rc - a * mn_rng_uniform(fr->rng);
  for (double v = v0; v <= rc; v += a)
    for (double u = u0; u <= rc; u += a)
      MN_TRY(emit(ctx, fr, u, v));
  return MN_OK;
}

static double pass_angle_rad(mn_pattern pattern, int pass, mn_rng *rng)
{
  static const double crosshatch_deg[4] = {0.0, 90.0, 45.0, 135.0};
  switch (pattern) {
  case MN_PATTERN_SINGLE:
    return 0.0;
  case MN_PATTERN_CROSSHATCH:
    return crosshatch_deg[pass % 4] * MN_PI / 180.0;
  case MN_PATTERN_RANDOM:
    return 2.0 * MN_PI * mn_rng_uniform(rng);
  }
  return 0.0;
}

mn_status mni_pattern_generate(mn_ctx *ctx, const mn_device *device,
                               const mn_scenario_treatment *treatment, double side_m, mn_rng *rng,
                               mni_points *out)
{
  MN_REQUIRE(ctx, side_m > 0.0 && isfinite(side_m), MN_E_ARG,
             "pattern: patch side %g m must be > 0", side_m);
  for (int pass = 0; pass < treatment->passes; pass++) {
    double theta = pass_angle_rad(treatment->pattern, pass, rng);
    frame fr = {side_m, cos(theta), sin(theta), side_m * sqrt(0.5), rng, out};
    switch (device->type) {
    case MN_DEVICE_ROLLER:
      MN_TRY(roller_pass(ctx, device, &fr));
      break;
    case MN_DEVICE_PEN:
      MN_TRY(pen_pass(ctx, device, &fr));
      break;
    case MN_DEVICE_STAMP:
      MN_TRY(stamp_pass(ctx, device, &fr));
      break;
    case MN_DEVICE_FRACTIONAL_LASER:
      MN_REQUIRE(ctx, device->density_per_m2 > 0.0, MN_E_ARG,
                 "pattern: %s: zones per area %g must be > 0", device->name,
                 device->density_per_m2);
      MN_TRY(laser_pass(ctx, device, &fr));
      break;
    }
  }
  return MN_OK;
}
