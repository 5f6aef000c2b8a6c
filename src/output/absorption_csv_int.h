/* absorption.csv and profiles.csv: the absorption curves and the concentration-depth profiles
 * of the treated and the intact skin. */
#ifndef MNSIM_ABSORPTION_CSV_INT_H
#define MNSIM_ABSORPTION_CSV_INT_H

#include "core/core_int.h"
#include "mnsim/run.h"

/** Write dir/absorption.csv (atomically). One row per output time and skin ("treated",
 *  "intact"): time, flux, the amount in every compartment, in µg/cm² and in % of the dose,
 *  and the SC's hydration weight (1 fully, 0 partially hydrated). Nothing is written when the result has no absorption stage.
 *  @return MN_OK; MN_E_IO (message names the file); MN_E_ARG. */
mn_status mni_absorption_write_csv(mn_ctx *ctx, const mn_result *r, const char *dir);

/** Write dir/profiles.csv (atomically, profiles_csv.c): one row per skin ("treated", "intact"),
 *  profile time and depth cell: the cell's top and bottom depth and the concentration in the
 *  tissue, mean over the area (mn_absorption_profiles). Nothing without profiles.
 *  @return MN_OK; MN_E_IO (message names the file); MN_E_ARG. */
mn_status mni_profiles_write_csv(mn_ctx *ctx, const mn_result *r, const char *dir);

#endif /* MNSIM_ABSORPTION_CSV_INT_H */
