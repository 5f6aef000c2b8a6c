/* The plan as JSON (shared/SCENARIO.md: `protocol` with [min, max] pairs, `warnings`,
 * `contraindications`, `evidence`), built with cJSON. Lengths in mm, intervals in weeks. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/plan_int.h"

static const char *const device_names[] = {"roller", "stamp", "pen"};
static const char *const pressure_names[] = {"light", "moderate", "firm"};

/* Ten significant digits: drops the last-bit noise of unit conversions (0.3, not
 * 0.30000000000000004). */
static double tidy(double v)
{
  char buf[32];
  snprintf(buf, sizeof buf, "%.10g", v);
  return strtod(buf, NULL);
}

static cJSON *pair(cJSON *obj, const char *key, double lo, double hi)
{
  double v[2] = {tidy(lo), tidy(hi)};
  cJSON *a = cJSON_CreateDoubleArray(v, 2);
  if (a != NULL && !cJSON_AddItemToObject(obj, key, a)) {
    cJSON_Delete(a);
    return NULL;
  }
  return a;
}

static int add_protocol(cJSON *root, const mn_plan *p)
{
  const mn_plan_protocol *pr = &p->protocol;
  cJSON *o = cJSON_AddObjectToObject(root, "protocol");
  return o != NULL &&
         pair(o, "needle_length_mm", mn_m_to_mm(pr->needle_length_m[0]),
              mn_m_to_mm(pr->needle_length_m[1])) &&
         pair(o, "first_session_needle_length_mm", mn_m_to_mm(pr->first_session_needle_length_m[0]),
              mn_m_to_mm(pr->first_session_needle_length_m[1])) &&
         pair(o, "passes", pr->passes[0], pr->passes[1]) &&
         pair(o, "sessions", pr->sessions[0], pr->sessions[1]) &&
         pair(o, "interval_weeks", mn_s_to_days(pr->interval_s[0]) / 7.0,
              mn_s_to_days(pr->interval_s[1]) / 7.0) &&
         cJSON_AddStringToObject(o, "device", device_names[pr->device]) &&
         cJSON_AddStringToObject(o, "device_model", pr->device_model) &&
         cJSON_AddStringToObject(o, "pressure", pressure_names[pr->pressure]) &&
         cJSON_AddStringToObject(o, "endpoint", pr->endpoint) &&
         cJSON_AddStringToObject(o, "endpoint_label", pr->endpoint_label) &&
         cJSON_AddNumberToObject(o, "insertion_fraction", pr->insertion_fraction) &&
         cJSON_AddNumberToObject(o, "max_depth_reached_mm",
                                 tidy(mn_m_to_mm(pr->max_depth_reached_m))) &&
         cJSON_AddNumberToObject(o, "subcutis_top_mm", tidy(mn_m_to_mm(pr->subcutis_top_m))) &&
         cJSON_AddBoolToObject(o, "extrapolated", pr->is_extrapolated);
}

static int add_strings(cJSON *root, const char *key, size_t n,
                       const char *(*get)(const mn_plan *, size_t), const mn_plan *p)
{
  cJSON *a = cJSON_AddArrayToObject(root, key);
  for (size_t i = 0; a != NULL && i < n; i++) {
    cJSON *s = cJSON_CreateString(get(p, i));
    if (s == NULL || !cJSON_AddItemToArray(a, s)) {
      cJSON_Delete(s);
      return 0;
    }
  }
  return a != NULL;
}

static int add_lists(cJSON *root, const mn_plan *p)
{
  cJSON *lim = cJSON_AddArrayToObject(root, "limits");
  for (size_t i = 0; lim != NULL && i < p->n_limits; i++) {
    cJSON *o = cJSON_CreateObject();
    if (o == NULL || !cJSON_AddItemToArray(lim, o) ||
        !cJSON_AddStringToObject(o, "name", p->limits[i].name) ||
        !cJSON_AddNumberToObject(o, "max_mm", tidy(mn_m_to_mm(p->limits[i].max_m))) ||
        !cJSON_AddStringToObject(o, "reason", p->limits[i].reason) ||
        !cJSON_AddStringToObject(o, "source", p->limits[i].source))
      return 0;
  }
  cJSON *ci = cJSON_AddArrayToObject(root, "contraindications");
  for (size_t i = 0; ci != NULL && i < p->n_contraindications; i++) {
    const mn_condition *c = &p->contraindications[i];
    cJSON *o = cJSON_CreateObject();
    if (o == NULL || !cJSON_AddItemToArray(ci, o) || !cJSON_AddStringToObject(o, "name", c->name) ||
        !cJSON_AddBoolToObject(o, "blocks", c->blocks) ||
        !cJSON_AddStringToObject(o, "reason", c->reason) ||
        !cJSON_AddStringToObject(o, "source", c->source))
      return 0;
  }
  cJSON *ev = cJSON_AddArrayToObject(root, "evidence");
  for (size_t i = 0; ev != NULL && i < p->indication->n_evidence; i++) {
    const mn_plan_evidence *e = &p->indication->evidence[i];
    cJSON *o = cJSON_CreateObject();
    if (o == NULL || !cJSON_AddItemToArray(ev, o) ||
        !cJSON_AddStringToObject(o, "citation", e->citation) ||
        !cJSON_AddStringToObject(o, "result", e->result))
      return 0;
  }
  return lim != NULL && ci != NULL && ev != NULL &&
         cJSON_AddStringToObject(root, "needle_source", p->indication->needle_source) &&
         cJSON_AddStringToObject(root, "course_source", p->indication->course_source);
}

mn_status mn_plan_json(mn_ctx *ctx, const mn_plan *p, char **json_out)
{
  MNI_JSON_SCOPE(ctx); /* cJSON allocates through ctx */
  MNI_C_LOCALE();
  MN_REQUIRE(ctx, p != NULL && json_out != NULL, MN_E_ARG, "mn_plan_json: NULL argument");
  *json_out = NULL;
  cJSON *root = cJSON_CreateObject();
  int ok = root != NULL && cJSON_AddStringToObject(root, "mnsim_version", mn_version()) &&
           cJSON_AddStringToObject(root, "indication", p->indication->name) &&
           cJSON_AddStringToObject(root, "indication_label", p->indication->label) &&
           cJSON_AddStringToObject(root, "site", p->site) &&
           cJSON_AddStringToObject(root, "setting", mn_setting_name(p->setting)) &&
           cJSON_AddNumberToObject(root, "fitzpatrick", p->fitzpatrick) &&
           cJSON_AddBoolToObject(root, "blocked", p->is_blocked) && add_protocol(root, p) &&
           add_strings(root, "warnings", p->n_warnings, mn_plan_warning, p) &&
           add_strings(root, "advice", p->n_advice, mn_plan_advice, p) && add_lists(root, p);
  char *text = ok ? cJSON_Print(root) : NULL;
  cJSON_Delete(root);
  if (text == NULL) return mni_fail(ctx, MN_E_NOMEM, "plan JSON: out of memory");
  size_t n = strlen(text) + 1;
  *json_out = mn_alloc(ctx, n);
  if (*json_out != NULL) memcpy(*json_out, text, n);
  cJSON_free(text);
  return *json_out ? MN_OK : MN_E_NOMEM;
}
