/* The channel set of one session: punctures laid by the pattern, inserted one by one, merged
 * where a needle re-enters an open channel, and summarised.
 *
 * Simulated patch: a square of area min(treated area, 4 cm^2, 250,000 expected entries /
 * entry density) with periodic edges, so a dense pen pattern stays cheap; every count is then
 * scaled by treated area / patch area.
 *
 * Merging: a puncture whose centre lies within max(r_channel, r_puncture) of an open channel
 * re-enters it; the channel keeps its place and takes the deeper depth and wider opening.
 * Channels sit in a uniform periodic grid of cells no smaller than the widest possible opening
 * (the shaft's radius), so each puncture checks only the 3 x 3 cells around it: O(n).
 *
 * A fractional laser: one pulse's zone from the physics (laser_mtz.c), the same for every
 * microbeam; a microbeam landing inside a zone already made re-enters it (a zone's radius
 * replaces the opening in the test above). Its open channel is the crater (ablative lasers),
 * none for non-ablative ones. */
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "puncture/insertion_int.h"
#include "puncture/laser_int.h"
#include "puncture/pattern_int.h"

#define PATCH_MAX_AREA_M2    4e-4 /* 4 cm^2: the MF8 drum's 2 cm x 2 cm footprint squared */
#define PATCH_MAX_ENTRIES    250000.0
#define RNG_STREAM_PUNCTURE  1   /* core/rng.c: the puncture stage draws from stream 1 */
#define AREA_PROBES_PER_SIDE 512 /* lattice of probes that measures the opened area */
#define SKIN_TEMPERATURE_C   34.0 /* tissue before a laser pulse: assumed (skin surface 32-35 C) */
_Static_assert(AREA_PROBES_PER_SIDE * AREA_PROBES_PER_SIDE % 64 == 0, "whole words of probe bits");

struct mn_channel_set {
  mn_ctx *ctx; /* allocator of this block, for mn_channel_set_destroy */
  mn_device device;
  mn_puncture_stats stats;
  double side_m; /* side of the simulated patch */
  double zone_radius_m; /* a laser zone's radius (re-entry test); 0 for needles */
  size_t n;      /* channels */
  size_t cap;    /* length of the arrays below */
  double *x_m;
  double *y_m;
  double *depth_m;
  double *radius_m;
  double *open_depth_m; /* depth of the open part: the needle's depth, a laser's crater */
  mn_layer_id *layer;
  unsigned char *bled;
};

/* A uniform grid of cells over the periodic patch: head[cell] -> first channel, next[c]. */
typedef struct cell_grid {
  size_t per_side;
  double cell_m;
  size_t *head; /* per_side^2 entries; SIZE_MAX = empty */
  size_t *next; /* one per channel slot */
} cell_grid;

void mn_channel_set_destroy(mn_channel_set **pset)
{
  if (pset == NULL || *pset == NULL) return;
  mn_channel_set *cs = *pset;
  mn_ctx *ctx = cs->ctx;
  mn_free(ctx, cs->x_m, cs->cap * sizeof(double));
  mn_free(ctx, cs->y_m, cs->cap * sizeof(double));
  mn_free(ctx, cs->depth_m, cs->cap * sizeof(double));
  mn_free(ctx, cs->radius_m, cs->cap * sizeof(double));
  mn_free(ctx, cs->open_depth_m, cs->cap * sizeof(double));
  mn_free(ctx, cs->layer, cs->cap * sizeof(mn_layer_id));
  mn_free(ctx, cs->bled, cs->cap * sizeof(unsigned char));
  mn_free(ctx, cs, sizeof *cs);
  *pset = NULL;
}

static mn_status alloc_arrays(mn_ctx *ctx, mn_channel_set *cs, size_t cap)
{
  cs->cap = cap;
  cs->x_m = mn_calloc(ctx, cap, sizeof(double));
  cs->y_m = mn_calloc(ctx, cap, sizeof(double));
  cs->depth_m = mn_calloc(ctx, cap, sizeof(double));
  cs->radius_m = mn_calloc(ctx, cap, sizeof(double));
  cs->open_depth_m = mn_calloc(ctx, cap, sizeof(double));
  cs->layer = mn_calloc(ctx, cap, sizeof(mn_layer_id));
  cs->bled = mn_calloc(ctx, cap, sizeof(unsigned char));
  if (!cs->x_m || !cs->y_m || !cs->depth_m || !cs->radius_m || !cs->open_depth_m || !cs->layer ||
      !cs->bled)
    return MN_E_NOMEM;
  return MN_OK;
}

static void grid_free(mn_ctx *ctx, cell_grid *g, size_t n_slots)
{
  mn_free(ctx, g->head, g->per_side * g->per_side * sizeof(size_t));
  mn_free(ctx, g->next, n_slots * sizeof(size_t));
}

static mn_status grid_init(mn_ctx *ctx, cell_grid *g, double side_m, double min_cell_m,
                           size_t n_slots)
{
  double k = floor(side_m / min_cell_m);
  /* Fewer than 3 cells a side would visit a cell twice: use one cell then. */
  g->per_side = k >= 3.0 ? (size_t)(k < 4096.0 ? k : 4096.0) : 1;
  g->cell_m = side_m / (double)g->per_side;
  g->head = mn_alloc(ctx, g->per_side * g->per_side * sizeof(size_t));
  g->next = mn_alloc(ctx, (n_slots ? n_slots : 1) * sizeof(size_t));
  if (g->head == NULL || g->next == NULL) return MN_E_NOMEM;
  memset(g->head, 0xff, g->per_side * g->per_side * sizeof(size_t));
  return MN_OK;
}

static size_t cell_of(const cell_grid *g, double x)
{
  size_t c = (size_t)(x / g->cell_m);
  return c < g->per_side ? c : g->per_side - 1;
}

/* Shortest periodic difference. */
static double periodic_delta(double a, double b, double side)
{
  double d = a - b;
  if (d > 0.5 * side)
    d -= side;
  else if (d < -0.5 * side)
    d += side;
  return d;
}

/* The channel nearest to (x, y) whose opening (by_zone: a laser's zone) or the puncture's
 * covers the other's centre; SIZE_MAX if none. */
static size_t find_host(const mn_channel_set *cs, const cell_grid *g, double x, double y, double r,
                        bool by_zone)
{
  size_t best = SIZE_MAX;
  double best_d2 = INFINITY;
  size_t cx = cell_of(g, x), cy = cell_of(g, y), n = g->per_side;
  size_t span = n >= 3 ? 3 : 1;
  for (size_t a = 0; a < span; a++)
    for (size_t b = 0; b < span; b++) {
      size_t ix = span == 3 ? (cx + n - 1 + a) % n : cx;
      size_t iy = span == 3 ? (cy + n - 1 + b) % n : cy;
      for (size_t c = g->head[iy * n + ix]; c != SIZE_MAX; c = g->next[c]) {
        double dx = periodic_delta(cs->x_m[c], x, cs->side_m);
        double dy = periodic_delta(cs->y_m[c], y, cs->side_m);
        double rc = by_zone ? cs->zone_radius_m : cs->radius_m[c];
        double d2 = dx * dx + dy * dy, reach = r > rc ? r : rc;
        if (d2 < reach * reach && d2 < best_d2) {
          best_d2 = d2;
          best = c;
        }
      }
    }
  return best;
}

/* Volume of the needle's first d_m from its tip (cone up to the shaft, then cylinder). */
static double needle_volume_m3(const mn_device *dev, double d_m)
{
  double tan_h = tan(0.5 * dev->needle_cone_angle_deg * MN_PI / 180.0);
  double rt = dev->needle_tip_radius_m, rb = 0.5 * dev->needle_base_diameter_m;
  double s_cone = (rb - rt) / tan_h;
  if (d_m <= s_cone) {
    double r = rt + d_m * tan_h;
    return MN_PI * (r * r * r - rt * rt * rt) / (3.0 * tan_h);
  }
  return MN_PI * (rb * rb * rb - rt * rt * rt) / (3.0 * tan_h) + MN_PI * rb * rb * (d_m - s_cone);
}

static double patch_side_m(const mn_device *dev, const mn_scenario_treatment *t)
{
  double per_area = mn_device_punctures_per_m2_per_pass(dev) * (double)t->passes;
  double area = t->area_m2 < PATCH_MAX_AREA_M2 ? t->area_m2 : PATCH_MAX_AREA_M2;
  if (per_area * area > PATCH_MAX_ENTRIES) area = PATCH_MAX_ENTRIES / per_area;
  return sqrt(area);
}

/* The probe of lattice index i along a side: the same expression in both counts below. */
static double probe_at(const mn_channel_set *cs, size_t i, size_t m)
{
  return ((double)i + 0.5) * cs->side_m / (double)m;
}

/* Probes of the lattice inside any opening (by_zone: any laser zone): each probe asks the
 * grid for a channel covering it (find_host). */
static size_t opened_probes(const mn_channel_set *cs, const cell_grid *g, bool by_zone)
{
  size_t hits = 0, m = AREA_PROBES_PER_SIDE;
  for (size_t i = 0; i < m; i++)
    for (size_t j = 0; j < m; j++)
      hits += find_host(cs, g, probe_at(cs, i, m), probe_at(cs, j, m), 0.0, by_zone) != SIZE_MAX;
  return hits;
}

/* The same count channel by channel: each opening marks the probes it covers (the test of
 * find_host, d^2 < r^2 with periodic differences), so only the probes near a channel are
 * visited (the probe loop was two thirds of a 1d run's time). It counts the same probes as
 * opened_probes whenever every opening fits in a grid cell (the grid's 3 x 3 search
 * then sees every channel that can cover a probe), or the grid is one cell; otherwise, or
 * without memory for the marks, the probes are asked one by one. */
static size_t opened_probes_marked(const mn_channel_set *cs, const cell_grid *g, bool by_zone)
{
  const size_t m = AREA_PROBES_PER_SIDE;
  bool fits = true;
  for (size_t c = 0; c < cs->n && g->per_side >= 3; c++)
    fits &= (by_zone ? cs->zone_radius_m : cs->radius_m[c]) <= g->cell_m;
  /* One bit per probe: 32 kB, which the allocator reuses rather than maps afresh each time. */
  const size_t n_words = m * m / 64;
  uint64_t *hit = fits ? mn_calloc(cs->ctx, n_words, sizeof *hit) : NULL;
  if (hit == NULL) return opened_probes(cs, g, by_zone);
  const double h = cs->side_m / (double)m;
  const ptrdiff_t pm = (ptrdiff_t)m;
  for (size_t c = 0; c < cs->n; c++) {
    double r = by_zone ? cs->zone_radius_m : cs->radius_m[c];
    ptrdiff_t i0 = (ptrdiff_t)floor((cs->x_m[c] - r) / h - 0.5) - 1;
    ptrdiff_t i1 = (ptrdiff_t)ceil((cs->x_m[c] + r) / h - 0.5) + 1;
    ptrdiff_t j0 = (ptrdiff_t)floor((cs->y_m[c] - r) / h - 0.5) - 1;
    ptrdiff_t j1 = (ptrdiff_t)ceil((cs->y_m[c] + r) / h - 0.5) + 1;
    if (i1 - i0 >= pm) i0 = 0, i1 = pm - 1; /* an opening wider than the patch */
    if (j1 - j0 >= pm) j0 = 0, j1 = pm - 1;
    for (ptrdiff_t ii = i0; ii <= i1; ii++) {
      size_t i = (size_t)(((ii % pm) + pm) % pm);
      double dx = periodic_delta(cs->x_m[c], probe_at(cs, i, m), cs->side_m);
      for (ptrdiff_t jj = j0; jj <= j1; jj++) {
        size_t j = (size_t)(((jj % pm) + pm) % pm);
        double dy = periodic_delta(cs->y_m[c], probe_at(cs, j, m), cs->side_m);
        if (dx * dx + dy * dy < r * r) hit[(i * m + j) / 64] |= (uint64_t)1 << ((i * m + j) % 64);
      }
    }
  }
  size_t hits = 0;
  for (size_t k = 0; k < n_words; k++)
    hits += (size_t)__builtin_popcountll(hit[k]);
  mn_free(cs->ctx, hit, n_words * sizeof *hit);
  return hits;
}

/* Fraction of the patch inside any opening (by_zone: any laser zone), on the probe lattice. */
static double opened_fraction(const mn_channel_set *cs, const cell_grid *g, bool by_zone)
{
  size_t m = AREA_PROBES_PER_SIDE, hits = opened_probes_marked(cs, g, by_zone);
  /* Every probe inside an opening: the surface is opened all over, as far as the lattice can
   * tell; the stages downstream need an intact part, so the lattice's resolution is left. */
  if (hits == m * m) return 1.0 - 0.5 / (double)(m * m);
  return (double)hits / (double)(m * m);
}

static void summarise(mn_channel_set *cs, const mn_scenario_treatment *t, const cell_grid *g,
                      size_t n_entries, size_t n_pierced)
{
  mn_puncture_stats *st = &cs->stats;
  double area = cs->side_m * cs->side_m, scale = t->area_m2 / area, n = (double)cs->n;
  double sum_d = 0.0, sum_d2 = 0.0, sum_r = 0.0, vol = 0.0, max_d = 0.0;
  size_t n_bled = 0;
  mn_layer_id deepest = MN_LAYER_STRATUM_CORNEUM;
  for (size_t c = 0; c < cs->n; c++) {
    sum_d += cs->depth_m[c];
    sum_d2 += cs->depth_m[c] * cs->depth_m[c];
    sum_r += cs->radius_m[c];
    vol += needle_volume_m3(&cs->device, cs->depth_m[c]);
    max_d = cs->depth_m[c] > max_d ? cs->depth_m[c] : max_d;
    deepest = cs->layer[c] > deepest ? cs->layer[c] : deepest;
    n_bled += cs->bled[c];
  }
  memset(st, 0, sizeof *st);
  st->channels = n * scale;
  st->density_per_m2 = n / area;
  st->punctures = (double)n_entries * scale;
  st->punctures_per_m2_per_pass = (double)n_entries / (area * (double)t->passes);
  st->pierced_fraction = n_entries ? (double)n_pierced / (double)n_entries : 0.0;
  st->deepest_layer = deepest;
  if (cs->n == 0) return;
  st->mean_depth_m = sum_d / n;
  st->max_depth_m = max_d;
  double var = sum_d2 / n - st->mean_depth_m * st->mean_depth_m;
  st->depth_sd_m = var > 0.0 ? sqrt(var) : 0.0;
  st->surface_diameter_m = 2.0 * sum_r / n;
  st->area_fraction = opened_fraction(cs, g, false);
  st->bleeding_fraction = (double)n_bled / n;
  /* Partly overlapping channels are not merged, so their volumes can overlap: never count more
   * than the whole tissue above the deepest channel. */
  st->wound_volume_m3_per_m2 = vol / area < max_d ? vol / area : max_d;
}

/* A laser's zones: every microbeam the same zone; a microbeam inside a zone re-enters it. */
static void laser_summarise(mn_channel_set *cs, const mn_scenario_treatment *t, const cell_grid *g,
                            const mni_mtz *z, size_t n_entries)
{
  mn_puncture_stats *st = &cs->stats;
  double area = cs->side_m * cs->side_m, scale = t->area_m2 / area, n = (double)cs->n;
  memset(st, 0, sizeof *st);
  st->is_laser = true;
  st->ablation_depth_m = z->ablation_depth_m;
  st->ablation_width_m = z->ablation_width_m;
  st->coag_depth_m = z->coag_depth_m;
  st->coag_width_m = z->coag_width_m;
  st->zone_radius_m = cs->zone_radius_m;
  st->peak_temperature_c = z->peak_c;
  st->zone_energy_balance = z->energy_balance;
  st->channels = n * scale;
  st->density_per_m2 = n / area;
  st->punctures = (double)n_entries * scale;
  st->punctures_per_m2_per_pass = (double)n_entries / (area * (double)t->passes);
  st->pierced_fraction = n_entries ? n / (double)n_entries : 0.0; /* the rest re-entered */
  st->deepest_layer = MN_LAYER_STRATUM_CORNEUM;
  if (cs->n == 0) return;
  st->deepest_layer = cs->layer[0];
  st->mean_depth_m = st->max_depth_m = z->coag_depth_m;
  st->surface_diameter_m = z->ablation_width_m;
  st->area_fraction = opened_fraction(cs, g, false);
  st->zone_area_fraction = opened_fraction(cs, g, true);
  st->bleeding_fraction = (double)cs->bled[0];
  /* the destroyed tissue (zones that overlap count once at most: capped as for needles) */
  double vol = n * z->coag_volume_m3 / area;
  st->wound_volume_m3_per_m2 = vol < z->coag_depth_m ? vol : z->coag_depth_m;
}

/* One pulse's zone, then the scanner's passes (docs/model.md §9). */
static mn_status laser_run(mn_ctx *ctx, mn_channel_set *cs, const mn_scenario *s,
                           const mn_layer_stack *layers)
{
  mn_device *dev = &cs->device;
  const mn_scenario_treatment *t = &s->treatment;
  mni_laser_pulse pulse = {dev->laser, dev->pulse_energy_j, dev->spot_diameter_m, dev->pulse_s,
                           SKIN_TEMPERATURE_C};
  mni_mtz z;
  mn_status st = MN_OK;
  mni_points pts = {NULL, NULL, 0, 0};
  cell_grid grid = {0, 0.0, NULL, NULL};
  MN_TRY(mni_progress(ctx, "puncture", 0.0, 0.0));
  MN_TRY(mni_laser_mtz_cached(ctx, &pulse, &z));
  MN_REQUIRE(ctx, z.coag_depth_m > 0.0, MN_E_CONFIG,
             "device %s: a pulse of %g mJ on a %g um spot damages no tissue (peak %.0f C); "
             "expected more energy",
             dev->name, dev->pulse_energy_j * 1e3, mn_m_to_um(dev->spot_diameter_m), z.peak_c);
  cs->zone_radius_m = 0.5 * z.coag_width_m;
  if (!(dev->density_per_m2 > 0.0)) /* set by coverage: as many zones as cover that share */
    dev->density_per_m2 = dev->coverage_fraction / (MN_PI * cs->zone_radius_m * cs->zone_radius_m);
  cs->side_m = patch_side_m(dev, t);
  mn_rng rng;
  mn_rng_seed(&rng, s->seed, RNG_STREAM_PUNCTURE);
  MN_CHECK_GOTO(mni_pattern_generate(ctx, dev, t, cs->side_m, &rng, &pts));
  MN_CHECK_GOTO(alloc_arrays(ctx, cs, pts.n ? pts.n : 1));
  MN_CHECK_GOTO(grid_init(ctx, &grid, cs->side_m, cs->zone_radius_m, cs->cap));
  /* Non-ablative zones leave the stratum corneum intact (Manstein et al. 2004; Laubach et al.
   * 2006): no open channel, even where the zone bursts at an assumed spot (docs/validation.md). */
  bool opens = mn_laser_is_ablative(dev->laser);
  if (!opens) z.ablation_depth_m = z.ablation_width_m = z.ablated_volume_m3 = 0.0;
  double r_open = 0.5 * z.ablation_width_m;
  mn_layer_id layer = mn_layer_at_depth(layers, z.coag_depth_m);
  /* ablative: a crater into the dermis oozes (punctate bleeding, resolved in 24 h) */
  unsigned char bled = z.ablation_depth_m > layers->top_m[MN_LAYER_DERMIS];
  for (size_t i = 0; i < pts.n; i++) {
    double x = pts.x_m[i], y = pts.y_m[i];
    if (find_host(cs, &grid, x, y, 0.0, true) != SIZE_MAX) continue;
    size_t c = cs->n++;
    cs->x_m[c] = x;
    cs->y_m[c] = y;
    cs->depth_m[c] = z.coag_depth_m;
    cs->open_depth_m[c] = z.ablation_depth_m;
    cs->radius_m[c] = r_open;
    cs->layer[c] = layer;
    cs->bled[c] = bled;
    size_t cell = cell_of(&grid, y) * grid.per_side + cell_of(&grid, x);
    grid.next[c] = grid.head[cell];
    grid.head[cell] = c;
  }
  laser_summarise(cs, t, &grid, &z, pts.n);
  MN_CHECK_GOTO(mni_progress(ctx, "puncture", 1.0, 0.0));
fail:
  grid_free(ctx, &grid, cs->cap);
  mni_points_free(ctx, &pts);
  return st;
}

mn_status mn_puncture_run(mn_ctx *ctx, const mn_scenario *s, const mn_layer_stack *layers,
                          mn_channel_set **out)
{
  MNI_C_LOCALE();
  MN_REQUIRE(ctx, s != NULL && layers != NULL && out != NULL, MN_E_ARG,
             "mn_puncture_run: NULL argument");
  *out = NULL;
  const mn_scenario_treatment *t = &s->treatment;
  MN_REQUIRE(ctx, t->passes >= 1, MN_E_CONFIG, "treatment.passes = %d must be >= 1", t->passes);
  MN_REQUIRE(ctx, isfinite(t->area_m2) && t->area_m2 > 0.0, MN_E_CONFIG,
             "treatment.area_cm2 = %g must be > 0", mn_m2_to_cm2(t->area_m2));
  mn_status st = MN_OK;
  mni_points pts = {NULL, NULL, 0, 0};
  cell_grid grid = {0, 0.0, NULL, NULL};
  mn_channel_set *cs = mn_calloc(ctx, 1, sizeof *cs);
  if (cs == NULL) return MN_E_NOMEM;
  cs->ctx = ctx;
  MN_CHECK_GOTO(mn_device_resolve(ctx, &s->device, &cs->device));
  const mn_device *dev = &cs->device;
  if (dev->type == MN_DEVICE_FRACTIONAL_LASER) {
    MN_CHECK_GOTO(laser_run(ctx, cs, s, layers));
    *out = cs;
    return MN_OK;
  }
  mni_insertion_model model;
  memset(&model, 0, sizeof model);
  MN_CHECK_GOTO(mni_insertion_setup(ctx, dev, t, &model));
  mni_insertion_set_skin(&model, layers);
  cs->side_m = patch_side_m(dev, t);

  mn_rng rng;
  mn_rng_seed(&rng, s->seed, RNG_STREAM_PUNCTURE);
  MN_CHECK_GOTO(mni_progress(ctx, "puncture", 0.0, 0.0));
  MN_CHECK_GOTO(mni_pattern_generate(ctx, dev, t, cs->side_m, &rng, &pts));
  MN_CHECK_GOTO(alloc_arrays(ctx, cs, pts.n ? pts.n : 1));
  MN_CHECK_GOTO(grid_init(ctx, &grid, cs->side_m, 0.5 * dev->needle_base_diameter_m, cs->cap));

  size_t n_pierced = 0;
  for (size_t i = 0; i < pts.n; i++) {
    double z_force = mn_rng_normal(&rng), z_depth = mn_rng_normal(&rng);
    double d = mni_insertion_depth_m(&model, z_force, z_depth);
    if (d <= 0.0) continue; /* the skin dimpled but was not pierced: no channel */
    n_pierced++;
    double r = mni_opening_radius_m(dev, d);
    double x = pts.x_m[i], y = pts.y_m[i];
    size_t c = find_host(cs, &grid, x, y, r, false);
    if (c == SIZE_MAX) {
      c = cs->n++;
      cs->x_m[c] = x;
      cs->y_m[c] = y;
      size_t cell = cell_of(&grid, y) * grid.per_side + cell_of(&grid, x);
      grid.next[c] = grid.head[cell];
      grid.head[cell] = c;
    }
    if (d > cs->depth_m[c]) {
      cs->depth_m[c] = d;
      cs->layer[c] = mn_layer_at_depth(layers, d);
      cs->bled[c] = cs->layer[c] >= MN_LAYER_DERMIS;
      cs->open_depth_m[c] = d;
    }
    cs->radius_m[c] = r > cs->radius_m[c] ? r : cs->radius_m[c];
  }
  summarise(cs, t, &grid, pts.n, n_pierced);
  if (cs->stats.area_fraction > 1.0 - 1.0 / (double)(AREA_PROBES_PER_SIDE * AREA_PROBES_PER_SIDE))
    mni_log(ctx, MN_LOG_WARN,
            "puncture: the openings cover the whole surface (treatment.passes = %d, %.0f entries "
            "per cm²); taken as %.6g open: the skin is stripped rather than needled",
            t->passes, 1e-4 * cs->stats.punctures_per_m2_per_pass * (double)t->passes,
            cs->stats.area_fraction);
  if (cs->n == 0)
    mni_log(ctx, MN_LOG_WARN,
            "puncture: no needle pierced the skin (force %g N per needle, %g N needed)",
            model.force_n + model.impact_force_n, model.pierce_force_n);
  MN_CHECK_GOTO(mni_progress(ctx, "puncture", 1.0, 0.0));
  grid_free(ctx, &grid, cs->cap);
  mni_points_free(ctx, &pts);
  *out = cs;
  return MN_OK;
fail:
  grid_free(ctx, &grid, cs->cap);
  mni_points_free(ctx, &pts);
  mn_channel_set_destroy(&cs);
  return st;
}

const mn_puncture_stats *mn_channel_set_stats(const mn_channel_set *set)
{
  return &set->stats;
}
const mn_device *mn_channel_set_device(const mn_channel_set *set)
{
  return &set->device;
}
double mn_channel_set_patch_side_m(const mn_channel_set *set)
{
  return set->side_m;
}
size_t mn_channel_set_count(const mn_channel_set *set)
{
  return set->n;
}
const double *mn_channel_set_x_m(const mn_channel_set *set)
{
  return set->x_m;
}
const double *mn_channel_set_y_m(const mn_channel_set *set)
{
  return set->y_m;
}
const double *mn_channel_set_depth_m(const mn_channel_set *set)
{
  return set->depth_m;
}
const double *mn_channel_set_opening_radius_m(const mn_channel_set *set)
{
  return set->radius_m;
}
const double *mn_channel_set_open_depth_m(const mn_channel_set *set)
{
  return set->open_depth_m;
}
const mn_layer_id *mn_channel_set_layer(const mn_channel_set *set)
{
  return set->layer;
}
const unsigned char *mn_channel_set_bled(const mn_channel_set *set)
{
  return set->bled;
}
