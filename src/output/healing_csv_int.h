/* healing.csv: the daily states of the healing model over the course and the follow-up. */
#ifndef MNSIM_HEALING_CSV_INT_H
#define MNSIM_HEALING_CSV_INT_H

#include "core/core_int.h"
#include "mnsim/run.h"

/** Write dir/healing.csv (atomically). Writes nothing when the course had no session.
 *  @return MN_OK; MN_E_IO (names the file); MN_E_NOMEM. */
mn_status mni_healing_write_csv(mn_ctx *ctx, const mn_result *r, const char *dir);

#endif /* MNSIM_HEALING_CSV_INT_H */
