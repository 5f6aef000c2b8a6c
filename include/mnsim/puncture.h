/* Puncture: from a device, a protocol and a layer stack to the set of channels in the skin.
 * (Issue 3 builds this stage; the summary below is what later stages consume.) */
#ifndef MNSIM_PUNCTURE_H
#define MNSIM_PUNCTURE_H

#include "mnsim/skin.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What the absorption and healing stages need to know of one session's channels.
 *  Fields mirror the puncture.* fields of the summary JSON (shared/SCENARIO.md). */
typedef struct mn_puncture_stats {
  double channels;              /* channels made in the treated area */
  double density_per_m2;        /* channels per m² */
  double mean_depth_m;          /* mean depth reached */
  double max_depth_m;
  double depth_sd_m;            /* spread of depths between channels */
  double surface_diameter_m;    /* mean channel opening at the surface */
  double area_fraction;         /* fraction of the surface opened */
  mn_layer_id deepest_layer;    /* deepest layer reached by any channel */
  double bleeding_fraction;     /* fraction of channels that reach the dermis (pinpoint bleeding) */
  double wound_volume_m3_per_m2; /* volume of tissue displaced per skin area */
} mn_puncture_stats;

#ifdef __cplusplus
}
#endif
#endif /* MNSIM_PUNCTURE_H */
