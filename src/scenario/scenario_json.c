/* The scenario as JSON, driven by the key table (scenario_json_int.h). */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/scenario_json_int.h"

/* The object at the parent path of `path` ("device.needle_length_mm" -> root.device), made if
 * missing; *leaf points at the last component. */
static cJSON *parent_of(cJSON *root, const char *path, const char **leaf)
{
  cJSON *obj = root;
  const char *p = path;
  const char *dot;
  while ((dot = strchr(p, '.')) != NULL) {
    char part[MN_NAME_MAX];
    size_t n = (size_t)(dot - p);
    if (n == 0 || n >= sizeof part) return NULL;
    memcpy(part, p, n);
    part[n] = '\0';
    cJSON *child = cJSON_GetObjectItemCaseSensitive(obj, part);
    if (child == NULL) child = cJSON_AddObjectToObject(obj, part);
    if (child == NULL) return NULL;
    obj = child;
    p = dot + 1;
  }
  *leaf = p;
  return obj;
}

/* The shortest decimal text of si / to_si that reads back to si exactly. */
static void format_user(double si, double to_si, char *buf, size_t n)
{
  double u = si == 0.0 ? 0.0 : si / to_si; /* never "-0" */
  for (int prec = 6; prec <= 17; prec++) {
    snprintf(buf, n, "%.*g", prec, u);
    if (strtod(buf, NULL) * to_si == si) return;
  }
  snprintf(buf, n, "%.17g", u);
}

static cJSON *key_value(const mn_scenario *s, const mn_scenario_key *k)
{
  const char *base = (const char *)s + k->offset;
  char buf[64];
  switch (k->type) {
  case MN_KEY_DOUBLE: {
    double v;
    memcpy(&v, base, sizeof v);
    if (!isfinite(v)) return cJSON_CreateNull();
    format_user(v, k->to_si, buf, sizeof buf);
    return cJSON_CreateRaw(buf);
  }
  case MN_KEY_INT: {
    int v;
    memcpy(&v, base, sizeof v);
    if (k->is_optional && v < 0) return cJSON_CreateNull();
    snprintf(buf, sizeof buf, "%d", v);
    return cJSON_CreateRaw(buf);
  }
  case MN_KEY_UINT64: {
    uint64_t v;
    memcpy(&v, base, sizeof v);
    snprintf(buf, sizeof buf, "%" PRIu64, v);
    return cJSON_CreateRaw(buf);
  }
  case MN_KEY_BOOL: {
    bool v;
    memcpy(&v, base, sizeof v);
    return cJSON_CreateBool(v);
  }
  case MN_KEY_STRING: {
    char str[256];
    size_t n = k->size < sizeof str ? k->size : sizeof str;
    memcpy(str, base, n);
    str[n - 1] = '\0';
    return cJSON_CreateString(str);
  }
  case MN_KEY_ENUM: {
    int v;
    memcpy(&v, base, sizeof v);
    int n_names = 0;
    while (k->enum_names != NULL && k->enum_names[n_names] != NULL)
      n_names++;
    return cJSON_CreateString(v >= 0 && v < n_names ? k->enum_names[v] : "(invalid)");
  }
  case MN_KEY_DOUBLE_LIST: {
    int n;
    memcpy(&n, (const char *)s + k->count_offset, sizeof n);
    cJSON *list = cJSON_CreateArray();
    for (int i = 0; list != NULL && i < n && i < (int)k->max_count; i++) {
      double v;
      memcpy(&v, base + (size_t)i * sizeof v, sizeof v);
      if (isfinite(v)) format_user(v, k->to_si, buf, sizeof buf);
      cJSON *item = isfinite(v) ? cJSON_CreateRaw(buf) : cJSON_CreateNull();
      if (item == NULL || !cJSON_AddItemToArray(list, item)) {
        cJSON_Delete(item);
        cJSON_Delete(list);
        list = NULL;
      }
    }
    return list;
  }
  }
  return NULL;
}

cJSON *mni_scenario_json(const mn_scenario *s)
{
  cJSON *root = cJSON_CreateObject();
  if (root == NULL) return NULL;
  size_t n_keys = 0;
  const mn_scenario_key *keys = mn_scenario_keys(&n_keys);
  for (size_t i = 0; i < n_keys; i++) {
    const char *leaf = NULL;
    cJSON *parent = parent_of(root, keys[i].path, &leaf);
    cJSON *v = parent != NULL ? key_value(s, &keys[i]) : NULL;
    if (v == NULL || !cJSON_AddItemToObject(parent, leaf, v)) {
      cJSON_Delete(v);
      cJSON_Delete(root);
      return NULL;
    }
  }
  return root;
}
