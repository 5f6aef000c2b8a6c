/* The scenario as a JSON object in the user's keys and units, built from the key table: the
 * "scenario" block of summary.json, from which the run can be repeated exactly. */
#ifndef MNSIM_SCENARIO_JSON_INT_H
#define MNSIM_SCENARIO_JSON_INT_H

#include <cjson/cJSON.h>

#include "core/core_int.h"
#include "mnsim/scenario.h"

/** A new cJSON object {"skin": {"site": ...}, ...} nested by the keys' dotted paths. Numbers
 *  are written with the fewest digits that give back the same SI value bit for bit when read
 *  and multiplied by the key's factor; unset optional values are null; a list is an array of
 *  numbers ([] when empty); the seed is an exact integer. Free with cJSON_Delete. @return NULL when out of memory. */
cJSON *mni_scenario_json(const mn_scenario *s);

#endif /* MNSIM_SCENARIO_JSON_INT_H */
