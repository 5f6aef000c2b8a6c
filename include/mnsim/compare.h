/* Comparing two protocols on the same skin: a microneedling protocol and a fractional laser
 * one (or any two scenarios), each run through every stage, read side by side with the
 * evidence for each row (docs/model.md §9.6). */
#ifndef MNSIM_COMPARE_H
#define MNSIM_COMPARE_H

#include "mnsim/device.h"
#include "mnsim/run.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The laser arm for a microneedling scenario: the same patient, site, product, simulation,
 *  indication and number of sessions, with the catalogue's first fractional laser of `laser`
 *  at its usual settings and passes, sessions at least 4 weeks apart (the trials' monthly
 *  sessions: Cachafeiro et al. 2016; 3-4 weeks, Wanner et al. 2007).
 *  @return MN_OK; MN_E_ARG (NULL); MN_E_NOTFOUND (no laser of that line). */
MN_API mn_status mn_compare_laser_scenario(mn_ctx *ctx, const mn_scenario *needling,
                                           mn_laser laser, mn_scenario *out);

/** As mn_compare_laser_scenario on handles (for bindings): *out is a new handle, freed with
 *  mn_scn_destroy. @return as mn_compare_laser_scenario; MN_E_NOMEM. */
MN_API mn_status mn_scn_compare_laser(mn_ctx *ctx, const mn_scn *needling, mn_laser laser,
                                      mn_scn **out);

#define MN_COMPARE_MAX_ROWS 16

/** One row of a comparison: what, each arm's value as text, and the evidence. */
typedef struct mn_compare_row {
  char what[48];
  char arm[2][128];
  char evidence[512];
} mn_compare_row;

/** The rows comparing two results (depth and width reached, surface treated, serum
 *  enhancement, new collagen, the outcome when both have one, downtime, PIH risk, pain from the
 *  literature, sessions and interval). The evidence names the head-to-head trials where they
 *  exist and says where they disagree. @return MN_OK; MN_E_ARG (NULL). */
MN_API mn_status mn_compare_rows(mn_ctx *ctx, const mn_result *a, const mn_result *b,
                                 mn_compare_row rows[MN_COMPARE_MAX_ROWS], size_t *n_rows);

#ifdef __cplusplus
}
#endif
#endif /* MNSIM_COMPARE_H */
