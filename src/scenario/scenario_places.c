/* Where the keys of a scenario file were written, kept in the context after the file is loaded:
 * the checks across keys (mn_scenario_validate) run when the scenario is complete, after --set
 * and API calls, yet their messages should name the file, line and column of the key at fault
 * as the loader's do. A place is used only while the scenario still holds the file's value. */
#include <stdio.h>
#include <string.h>

#include "scenario/scenario_int.h"

#define MAX_KEYS 256

typedef struct places {
  char origin[512];
  mn_scenario loaded;
  int line[MAX_KEYS], col[MAX_KEYS];
} places;

static void places_destroy(mn_ctx *ctx, void *data)
{
  mn_free(ctx, data, sizeof(places));
}

void mni_scenario_places_keep(mn_ctx *ctx, const char *origin, const mn_scenario *loaded,
                              const int *line, const int *col, size_t n)
{
  places *p = mni_ctx_slot_get(ctx, MNI_SLOT_SCENARIO_PLACES);
  if (p == NULL) {
    p = mn_calloc(ctx, 1, sizeof *p);
    if (p == NULL) return; /* messages without a place: not worth failing the load */
    mni_ctx_slot_set(ctx, MNI_SLOT_SCENARIO_PLACES, p, places_destroy);
  }
  snprintf(p->origin, sizeof p->origin, "%s", origin);
  p->loaded = *loaded;
  memset(p->line, 0, sizeof p->line);
  memset(p->col, 0, sizeof p->col);
  for (size_t i = 0; i < n && i < MAX_KEYS; i++) {
    p->line[i] = line[i];
    p->col[i] = col[i];
  }
}

void mni_scenario_where(mn_ctx *ctx, const mn_scenario *s, const char *path, char *buf, size_t size)
{
  snprintf(buf, size, "scenario: ");
  const places *p = mni_ctx_slot_get(ctx, MNI_SLOT_SCENARIO_PLACES);
  const mn_scenario_key *key = mn_scenario_key_find(path);
  if (p == NULL || key == NULL) return;
  size_t index = (size_t)(key - mn_scenario_keys(NULL));
  if (index >= MAX_KEYS || p->line[index] <= 0) return;
  char now[512], then[512];
  if (mn_scenario_format_value(ctx, s, key, now, sizeof now) != MN_OK ||
      mn_scenario_format_value(ctx, &p->loaded, key, then, sizeof then) != MN_OK ||
      strcmp(now, then) != 0)
    return;
  snprintf(buf, size, "%s:%d:%d: ", p->origin, p->line[index], p->col[index]);
}
