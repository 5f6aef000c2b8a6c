/* `--set KEY=VALUE`: one assignment with the loader's conversions and checks. The value is taken
 * as a plain YAML scalar would be (so "null" unsets an optional key), never parsed as YAML. */
#include <stdio.h>
#include <string.h>

#include "scenario/scenario_int.h"

mn_status mn_scenario_set(mn_ctx *ctx, mn_scenario *s, const char *assignment)
{
  MNI_C_LOCALE();
  MN_REQUIRE(ctx, s != NULL && assignment != NULL, MN_E_ARG, "mn_scenario_set: NULL argument");
  char shown[128];
  mni_quote_for_message(shown, sizeof shown, assignment, strlen(assignment));
  const char *eq = strchr(assignment, '=');
  MN_REQUIRE(ctx, eq != NULL && eq != assignment, MN_E_CONFIG,
             "--set %s: expected KEY=VALUE, such as device.needle_length_mm=1.0", shown);
  /* The key without surrounding blanks. */
  const char *k0 = assignment, *k1 = eq;
  while (k0 < k1 && (*k0 == ' ' || *k0 == '\t'))
    k0++;
  while (k1 > k0 && (k1[-1] == ' ' || k1[-1] == '\t'))
    k1--;
  char path[128];
  size_t klen = (size_t)(k1 - k0);
  MN_REQUIRE(ctx, klen > 0, MN_E_CONFIG,
             "--set %s: expected KEY=VALUE, such as device.needle_length_mm=1.0", shown);
  if (klen >= sizeof path) klen = sizeof path - 1;
  memcpy(path, k0, klen);
  path[klen] = '\0';
  const char *value = eq + 1;
  size_t vlen = strlen(value);
  while (vlen > 0 && (*value == ' ' || *value == '\t'))
    value++, vlen--;
  while (vlen > 0 && (value[vlen - 1] == ' ' || value[vlen - 1] == '\t'))
    vlen--;

  return mni_scenario_set_value(ctx, s, path, value, vlen, "--set");
}

mn_status mni_scenario_set_value(mn_ctx *ctx, mn_scenario *s, const char *path, const char *value,
                                 size_t vlen, const char *origin)
{
  char where[64];
  snprintf(where, sizeof where, "%s ", origin);
  const mn_scenario_key *key = mn_scenario_key_find(path);
  if (key == NULL) {
    char prefix[64];
    snprintf(prefix, sizeof prefix, "%s: ", origin);
    mn_status st = mni_scenario_unknown_key(ctx, MN_E_CONFIG, path, prefix);
    mni_error_about(ctx, path, value, vlen);
    return st;
  }
  mn_scenario t = *s;
  MN_TRY(mni_scenario_assign(ctx, &t, key, value, vlen, false, where));
  MN_TRY(mni_scenario_check_name(ctx, &t, key, where));
  *s = t;
  return MN_OK;
}

