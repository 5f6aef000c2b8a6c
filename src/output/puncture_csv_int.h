/* channels.csv: one row per channel of the puncture stage (the simulated patch). */
#ifndef MNSIM_PUNCTURE_CSV_INT_H
#define MNSIM_PUNCTURE_CSV_INT_H

#include "core/core_int.h"
#include "mnsim/run.h"

/** Write dir/channels.csv of a channel set, atomically. Columns: x_um, y_um (position in the
 *  periodic patch), depth_um, opening_radius_um, layer (deepest layer reached), bled (0/1).
 *  @return MN_OK; MN_E_IO (message names the file); MN_E_ARG (NULL). */
mn_status mni_channels_write_csv(mn_ctx *ctx, const mn_channel_set *cs, const char *dir);

/** The puncture stage's file of a run: dir/channels.csv (nothing if the stage did not run). */
mn_status mni_puncture_write_csv(mn_ctx *ctx, const mn_result *r, const char *dir);

#endif /* MNSIM_PUNCTURE_CSV_INT_H */
