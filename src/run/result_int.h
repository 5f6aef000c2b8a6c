/* The body of mn_result: one block per stage. Stages fill their block in run.c, in order;
 * the summary writer (output/summary_json.c) and the file writers read it. */
#ifndef MNSIM_RESULT_INT_H
#define MNSIM_RESULT_INT_H

#include "mnsim/healing.h"
#include "mnsim/outcome.h"
#include "mnsim/plan.h"
#include "mnsim/run.h"

struct mn_result {
  mn_ctx *ctx;                  /* allocator of this block, for mn_result_destroy */
  mn_scenario scenario;         /* copy of the input */
  mn_layer_stack layers;        /* skin stage */
  mn_channel_set *channels;     /* puncture stage: the channels of one session */
  mn_absorption *absorption;    /* absorption stage: intact and treated skin */
  mn_healing *healing;          /* healing stage; NULL when course.sessions = 0 */
  mn_outcome *outcome;          /* the indication's endpoints; NULL without an indication */
  mn_safety_list safety;        /* the planner's rules applied to the run (plan/safety.c) */
  /* The summary's fields by name (output/result_fields.c), built on the first read; run/ only
   * frees it, through the function the builder leaves here (output is downstream of run). */
  void *fields;
  void (*fields_free)(mn_result *r);
};

#endif /* MNSIM_RESULT_INT_H */
