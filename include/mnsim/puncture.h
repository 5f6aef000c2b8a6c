/* Puncture: from a device, a protocol and a layer stack to the set of channels in the skin.
 *
 * The insertion model (docs/model.md, section 2) gives the depth a needle reaches, which is a
 * fraction of its length: the skin dimples before it is pierced (more where it is thin), a
 * hand presses a roller or stamp only part of the way in, and a pen's stroke drives the needle
 * to its setting. The patterns
 * (section 3) lay the punctures of every pass over a representative square patch with periodic
 * edges; punctures that re-enter an open channel merge with it. Counts are scaled from the
 * patch to the treated area. A fractional laser's zones come from the physics of one pulse
 * (light, heat, damage: docs/model.md §9), laid by its scanner at its density. The same
 * scenario and seed give the same channels, bit for bit. */
#ifndef MNSIM_PUNCTURE_H
#define MNSIM_PUNCTURE_H

#include <stdbool.h>

#include "mnsim/device.h"
#include "mnsim/skin.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What the absorption and healing stages need to know of one session's channels.
 *  Fields mirror the puncture.* fields of the summary JSON (shared/SCENARIO.md). */
typedef struct mn_puncture_stats {
  double channels;       /* channels made in the treated area */
  double density_per_m2; /* channels per m² */
  double mean_depth_m;   /* mean depth reached */
  double max_depth_m;
  double depth_sd_m;         /* spread of depths between channels */
  double surface_diameter_m; /* mean channel opening at the surface */
  double area_fraction;      /* fraction of the surface opened */
  mn_layer_id deepest_layer; /* deepest layer reached by any channel */
  double bleeding_fraction;  /* fraction of channels that reach the dermis (pinpoint bleeding) */
  double wound_volume_m3_per_m2;    /* volume of tissue displaced per skin area */
  double punctures;                 /* needle entries in the treated area, before merging */
  double punctures_per_m2_per_pass; /* needle entries per area and pass (roller, pen) or stamp */
  double pierced_fraction;          /* fraction of needle entries that pierced the skin */
  /* A fractional laser's zones (all 0 for needles). Each microbeam makes one microscopic
   * treatment zone (MTZ): a crater (ablative lasers) lined by a coagulated rim, or a coagulated
   * column under an intact stratum corneum (non-ablative). mean_depth_m is then the zone's
   * depth; the open channels are the craters (surface_diameter_m, area_fraction). */
  bool is_laser;
  double ablation_depth_m;   /* depth of the crater (0: non-ablative) */
  double ablation_width_m;   /* width of the crater at the surface */
  double coag_depth_m;       /* depth of the whole zone, crater and coagulated tissue */
  double coag_width_m;       /* widest extent of the zone */
  double zone_radius_m;      /* radius of the tissue a zone destroys: coag_width_m / 2 */
  double zone_area_fraction; /* share of the surface inside a zone */
  double peak_temperature_c; /* hottest the tissue got in a zone */
  double zone_energy_balance; /* the heat solver's energy balance of one zone (relative) */
} mn_puncture_stats;

/* ---- Insertion mechanics ------------------------------------------------------------------ */

/** The insertion of one needle at the nominal force, without the between-needle spread. */
typedef struct mn_insertion {
  double force_n;          /* force per needle pressing it in */
  double pierce_force_n;   /* force the tip needs to pierce the skin */
  double dimple_m;         /* how far the skin deflects before it is pierced */
  double depth_m;          /* depth reached (0 if not pierced) */
  double depth_fraction;   /* depth_m / needle length */
  double opening_radius_m; /* radius of the channel's opening at the surface */
  bool is_pierced;         /* true if the needle pierces at this force */
} mn_insertion;

/** Force per needle [N] of a pressure class, or force_n when it is given (not NaN). */
MN_API double mn_pressure_force_n(mn_pressure pressure, double force_n);

/** The nominal insertion of a device's needle with a treatment's pressure (or force_n), into
 *  reference skin (epidermis + dermis 1 mm thick).
 *  @return MN_OK; MN_E_ARG (NULL or a non-physical device). */
MN_API mn_status mn_insertion_nominal(mn_ctx *ctx, const mn_device *device,
                                      const mn_scenario_treatment *treatment, mn_insertion *out);

/** As mn_insertion_nominal, into the skin of a layer stack: the thinner its epidermis +
 *  dermis, the more it dimples before it is pierced and the shallower the needle goes
 *  (docs/model.md §2). @return MN_OK; MN_E_ARG (NULL or a non-physical device). */
MN_API mn_status mn_insertion_nominal_at(mn_ctx *ctx, const mn_device *device,
                                         const mn_scenario_treatment *treatment,
                                         const mn_layer_stack *layers, mn_insertion *out);

/* ---- The channel set ---------------------------------------------------------------------- */

/** The channels of one session in the simulated patch (opaque). */
typedef struct mn_channel_set mn_channel_set;

/** Needle the scenario's skin: resolve the device, lay the punctures of every pass over the
 *  simulated patch, insert each needle and merge re-entries. layers is the stack of the site
 *  (mn_skin_build). Uses the scenario's seed; the same input gives the same channels.
 *  @return MN_OK; MN_E_NOTFOUND / MN_E_CONFIG (bad device or treatment); MN_E_NOMEM.
 *          *out is NULL on failure; free it with mn_channel_set_destroy. */
MN_API mn_status mn_puncture_run(mn_ctx *ctx, const mn_scenario *s, const mn_layer_stack *layers,
                                 mn_channel_set **out);
/** Free a channel set and set *pset to NULL; NULL is a no-op. */
MN_API void mn_channel_set_destroy(mn_channel_set **pset);

/** Statistics of the session, scaled to the treated area (borrowed). */
MN_API const mn_puncture_stats *mn_channel_set_stats(const mn_channel_set *set);
/** The device that made the channels, overrides applied (borrowed). */
MN_API const mn_device *mn_channel_set_device(const mn_channel_set *set);
/** Side of the simulated square patch [m]; positions are in [0, side). Its edges are periodic. */
MN_API double mn_channel_set_patch_side_m(const mn_channel_set *set);
/** Number of channels in the simulated patch. */
MN_API size_t mn_channel_set_count(const mn_channel_set *set);
/* Per-channel arrays of mn_channel_set_count entries (borrowed, valid until destroy). */
MN_API const double *mn_channel_set_x_m(const mn_channel_set *set);
MN_API const double *mn_channel_set_y_m(const mn_channel_set *set);
MN_API const double *mn_channel_set_depth_m(const mn_channel_set *set);
MN_API const double *mn_channel_set_opening_radius_m(const mn_channel_set *set);
/** Depth of each channel's open part: the needle's depth; a laser's crater (0 where the zone
 *  is coagulated only). */
MN_API const double *mn_channel_set_open_depth_m(const mn_channel_set *set);
/** Deepest layer each channel reaches. */
MN_API const mn_layer_id *mn_channel_set_layer(const mn_channel_set *set);
/** 1 where the channel reaches the dermis and draws blood (pinpoint bleeding), else 0. */
MN_API const unsigned char *mn_channel_set_bled(const mn_channel_set *set);

#ifdef __cplusplus
}
#endif
#endif /* MNSIM_PUNCTURE_H */
