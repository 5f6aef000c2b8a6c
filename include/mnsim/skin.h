/* Skin: the table of body sites (data/sites.yaml, compiled in) and the layer stack of a site.
 *
 * Depth z is measured from the skin surface downwards, in metres. The stack is stratum corneum,
 * viable epidermis, dermis, subcutis, in that order, each with its thickness; between-person
 * spread is a coefficient of variation per layer (for virtual populations). */
#ifndef MNSIM_SKIN_H
#define MNSIM_SKIN_H

#include <stdbool.h>

#include "mnsim/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  MN_LAYER_STRATUM_CORNEUM = 0,
  MN_LAYER_VIABLE_EPIDERMIS = 1,
  MN_LAYER_DERMIS = 2,
  MN_LAYER_SUBCUTIS = 3,
  MN_N_LAYERS = 4
} mn_layer_id;

/** "stratum_corneum" | "viable_epidermis" | "dermis" | "subcutis"; static. */
MN_API const char *mn_layer_name(mn_layer_id layer);

/** One body site of the table. Strings are owned by the context's catalogue. */
typedef struct mn_site {
  const char *name;                     /* catalogue name: "upper_back" */
  const char *label;                    /* for people: "upper back" */
  const char *region;                   /* "face" | "neck" | "trunk" | "limb" */
  double thickness_m[MN_N_LAYERS];      /* mean thickness of each layer */
  double cv[MN_N_LAYERS];               /* between-person coefficient of variation */
  const char *source[MN_N_LAYERS];      /* citation of each thickness */
  bool is_over_bone;                    /* thin skin over bone (forehead, zygoma, ...) */
} mn_site;

/** All sites of the compiled-in table, borrowed for the life of ctx.
 *  @return MN_OK; MN_E_CONFIG if the compiled-in table is malformed; MN_E_NOMEM. */
MN_API mn_status mn_sites_list(mn_ctx *ctx, const mn_site **sites, size_t *n_sites);

/** Find a site by name. @return MN_OK; MN_E_NOTFOUND (message lists the valid names). */
MN_API mn_status mn_site_find(mn_ctx *ctx, const char *name, const mn_site **site);

/** The layer stack a run uses: thicknesses after overrides, and depth of each layer's top. */
typedef struct mn_layer_stack {
  char site[MN_NAME_MAX];
  double thickness_m[MN_N_LAYERS];
  double top_m[MN_N_LAYERS];            /* depth of the top of each layer below the surface */
  bool is_overridden[MN_N_LAYERS];      /* true where the scenario replaced the site's value */
} mn_layer_stack;

/** Build the layer stack of the scenario's site with its overrides applied.
 *  @return MN_OK; MN_E_NOTFOUND (unknown site); MN_E_CONFIG (non-physical overrides). */
MN_API mn_status mn_skin_build(mn_ctx *ctx, const mn_scenario_skin *skin, mn_layer_stack *out);

/** The layer that contains depth z_m (z below the deepest layer: the subcutis). A layer holds
 *  the depths [top, top + thickness): a depth exactly on a boundary belongs to the layer below.
 *  z_m < 0 (above the surface), NaN, or a NULL stack give the stratum corneum. */
MN_API mn_layer_id mn_layer_at_depth(const mn_layer_stack *stack, double z_m);

/** One person of a virtual population: each layer's thickness drawn from a log-normal with the
 *  site's mean and CV (E[h] = mean, SD[h] / E[h] = cv), layers independent, in the order
 *  stratum corneum, viable epidermis, dermis, subcutis (one normal deviate each from rng).
 *  Same rng state, same stack, to the bit. is_overridden is all 0.
 *  @param site  a site from mn_sites_list / mn_site_find, or a caller's own (borrowed)
 *  @param rng   advanced by 4 normal draws
 *  @return MN_OK; MN_E_ARG (NULL argument, thickness not finite and > 0, or cv < 0). */
MN_API mn_status mn_skin_sample(mn_ctx *ctx, const mn_site *site, mn_rng *rng,
                                mn_layer_stack *out);

#ifdef __cplusplus
}
#endif
#endif /* MNSIM_SKIN_H */
