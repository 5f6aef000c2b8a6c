/* A run: the scenario through every stage (skin, puncture, absorption, healing) to a result.
 *
 *   mn_scenario scenario = mn_scenario_default();
 *   mn_result *r = NULL;
 *   char *json = NULL;
 *   if (mn_run(ctx, &scenario, &r) != MN_OK || mn_result_summary_json(ctx, r, &json) != MN_OK)
 *     fprintf(stderr, "%s\n", mn_ctx_errmsg(ctx));
 *   else
 *     fputs(json, stdout);
 *   mn_string_free(ctx, json);
 *   mn_result_destroy(&r);
 *
 * A result keeps the context it was made with (its allocator frees it). Two contexts may run two
 * scenarios in two threads at once; the results do not depend on it.
 */
#ifndef MNSIM_RUN_H
#define MNSIM_RUN_H

#include "mnsim/healing.h"
#include "mnsim/outcome.h"
#include "mnsim/puncture.h"
#include "mnsim/scenario.h"
#include "mnsim/skin.h"
#include "mnsim/absorption.h"
#include "mnsim/plan.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mn_result mn_result;

/** Run every stage of the scenario. The scenario is copied; ctx's progress callback, if any,
 *  is called as the stages advance. An empty `name` is filled in the copy from what runs:
 *  "SITE, 1.5 mm roller, caffeine serum" (a laser: "SITE, co2 fractional laser, ..."; a named
 *  device.model in brackets after the device); a name given is kept.
 *  @return MN_OK; MN_E_CONFIG / MN_E_NOTFOUND (bad scenario); MN_E_NOCONVERGE / MN_E_NUMERIC
 *          (a solver failed); MN_E_NOMEM. *out is NULL on failure. */
MN_API mn_status mn_run(mn_ctx *ctx, const mn_scenario *scenario, mn_result **out);
/** Run the scenario held by a handle (mnsim/scenario.h), as mn_run(ctx, mn_scn_get(s), out).
 *  ctx may be the handle's context or another one (the handle is only read). */
MN_API mn_status mn_run_scn(mn_ctx *ctx, const mn_scn *s, mn_result **out);
/** Free a result and set *pr to NULL; NULL is a no-op. */
MN_API void mn_result_destroy(mn_result **pr);

/** The scenario the result was computed from (borrowed). */
MN_API const mn_scenario *mn_result_scenario(const mn_result *r);
/** The layer stack of the site with overrides applied (borrowed). */
MN_API const mn_layer_stack *mn_result_layers(const mn_result *r);
/** The channels of one session of the puncture stage (borrowed); mn_channel_set_stats gives
 *  the summary that absorption and healing use. */
MN_API const mn_channel_set *mn_result_channels(const mn_result *r);

/** The absorption stage's result, intact and treated skin (borrowed). */
MN_API const mn_absorption *mn_result_absorption(const mn_result *r);

/** The healing stage's result (borrowed); NULL when course.sessions = 0. */
MN_API const mn_healing *mn_result_healing(const mn_result *r);
/** The outcome of the scenario's indication (borrowed); NULL without an indication or a course. */
MN_API const mn_outcome *mn_result_outcome(const mn_result *r);

/** The safety warnings of the run (borrowed): the planner's rules (mn_safety_check) applied to
 *  the scenario with the puncture stage's depths and the healing stage's downtime. */
MN_API const mn_safety_list *mn_result_safety(const mn_result *r);

/** The summary of shared/SCENARIO.md as one JSON document (pretty-printed, UTF-8).
 *  *json_out is freed with mn_string_free. @return MN_OK; MN_E_NOMEM. */
MN_API mn_status mn_result_summary_json(mn_ctx *ctx, const mn_result *r, char **json_out);

/** Free a string the library handed out; NULL is a no-op. */
MN_API void mn_string_free(mn_ctx *ctx, char *s);

#ifdef __cplusplus
}
#endif
#endif /* MNSIM_RUN_H */
