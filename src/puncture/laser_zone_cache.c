/* The treatment zones of the pulses a context has computed, kept for its life (laser_int.h).
 *
 * A zone depends on the pulse alone (line, energy, spot, duration, skin temperature: not on
 * the patient, the site or the seed), and one costs 0.1-4 s, so a study of laser patients
 * computed it again for every one: 8 patients took 10 s. Here each context keeps the last
 * MNI_ZONE_CACHE zones it computed; the same pulse gives the same zone to the bit (the
 * zone's Monte Carlo has a fixed seed), so a hit changes no result. Every study thread has
 * its own context (not thread-safe, as the context). */
#include <string.h>

#include "core/core_int.h"
#include "puncture/laser_int.h"

#define MNI_ZONE_CACHE 16 /* a sweep over energy, or a compare's arms: more than enough */

typedef struct zone_cache {
  size_t n, next; /* entries held; the one replaced next (the oldest) */
  mni_laser_pulse pulse[MNI_ZONE_CACHE];
  mni_mtz zone[MNI_ZONE_CACHE];
  size_t hits, misses;
} zone_cache;

static void cache_destroy(mn_ctx *ctx, void *data)
{
  mn_free(ctx, data, sizeof(zone_cache));
}

static bool same_pulse(const mni_laser_pulse *a, const mni_laser_pulse *b)
{
  return a->laser == b->laser && a->energy_j == b->energy_j &&
         a->spot_diameter_m == b->spot_diameter_m && a->pulse_s == b->pulse_s &&
         a->t_skin_c == b->t_skin_c;
}

mn_status mni_laser_mtz_cached(mn_ctx *ctx, const mni_laser_pulse *p, mni_mtz *out)
{
  zone_cache *c = mni_ctx_slot_get(ctx, MNI_SLOT_LASER_ZONES);
  if (c == NULL) {
    c = mn_calloc(ctx, 1, sizeof *c);
    if (c == NULL) return mni_laser_mtz(ctx, p, out); /* no room to keep it: compute it */
    mni_ctx_slot_set(ctx, MNI_SLOT_LASER_ZONES, c, cache_destroy);
  }
  for (size_t i = 0; i < c->n; i++)
    if (same_pulse(&c->pulse[i], p)) {
      *out = c->zone[i];
      c->hits++;
      return MN_OK;
    }
  MN_TRY(mni_laser_mtz(ctx, p, out));
  c->misses++;
  c->pulse[c->next] = *p;
  c->zone[c->next] = *out;
  c->next = (c->next + 1) % MNI_ZONE_CACHE;
  if (c->n < MNI_ZONE_CACHE) c->n++;
  return MN_OK;
}

void mni_laser_mtz_cache_counts(const mn_ctx *ctx, size_t *hits, size_t *misses)
{
  const zone_cache *c = mni_ctx_slot_get(ctx, MNI_SLOT_LASER_ZONES);
  *hits = c != NULL ? c->hits : 0;
  *misses = c != NULL ? c->misses : 0;
}
