/* The summary JSON tree, shared by mn_result_summary_json (summary_json.c) and the fields read
 * by name (result_fields.c). */
#ifndef MNSIM_OUTPUT_SUMMARY_INT_H
#define MNSIM_OUTPUT_SUMMARY_INT_H

#include <cjson/cJSON.h>

#include "mnsim/run.h"

/** The summary of shared/SCENARIO.md as a cJSON tree (cJSON's own allocator; free it with
 *  cJSON_Delete); NULL when out of memory. The seed is a raw integer item (exact digits). */
cJSON *mni_summary_build(const mn_result *r);
/** The fields of outcome.* into the object o; 0 when out of memory. */
int mni_outcome_to_json(cJSON *o, const mn_outcome *out);

#endif /* MNSIM_OUTPUT_SUMMARY_INT_H */
