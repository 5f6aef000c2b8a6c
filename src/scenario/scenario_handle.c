/* mn_scn: the scenario as an opaque handle, every key read and written by its dotted path, for
 * bindings (ctypes, cffi) that should know no struct layout. Each call goes through the same
 * code as the YAML loader and --set (mni_scenario_set_value, mn_scenario_format_value), so the
 * checks and the messages are theirs. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/scenario_int.h"

struct mn_scn {
  mn_ctx *ctx;   /* messages and allocator */
  mn_scenario s; /* the value */
};

mn_status mn_scn_create(mn_ctx *ctx, mn_scn **out)
{
  if (out != NULL) *out = NULL;
  if (ctx == NULL) return MN_E_ARG;
  MN_REQUIRE(ctx, out != NULL, MN_E_ARG, "mn_scn_create: out is NULL");
  mn_scn *h = mn_calloc(ctx, 1, sizeof *h);
  if (h == NULL) return MN_E_NOMEM;
  h->ctx = ctx;
  h->s = mn_scenario_default();
  *out = h;
  return MN_OK;
}

void mn_scn_destroy(mn_scn **ph)
{
  if (ph == NULL || *ph == NULL) return;
  mn_free((*ph)->ctx, *ph, sizeof **ph);
  *ph = NULL;
}

mn_status mn_scn_dup(const mn_scn *h, mn_scn **out)
{
  if (out != NULL) *out = NULL;
  if (h == NULL) return MN_E_ARG;
  MN_TRY(mn_scn_create(h->ctx, out));
  (*out)->s = h->s;
  return MN_OK;
}

const mn_scenario *mn_scn_get(const mn_scn *h)
{
  return h ? &h->s : NULL;
}

mn_status mn_scn_assign(mn_scn *h, const mn_scenario *s)
{
  if (h == NULL) return MN_E_ARG;
  MN_REQUIRE(h->ctx, s != NULL, MN_E_ARG, "mn_scn_assign: NULL scenario");
  h->s = *s;
  return MN_OK;
}

mn_status mn_scn_load_file(mn_scn *h, const char *path)
{
  if (h == NULL) return MN_E_ARG;
  mn_scenario t;
  MN_TRY(mn_scenario_load_file(h->ctx, path, &t));
  h->s = t;
  return MN_OK;
}

mn_status mn_scn_load_string(mn_scn *h, const char *text, size_t len, const char *origin)
{
  if (h == NULL) return MN_E_ARG;
  mn_scenario t;
  MN_TRY(mn_scenario_load_string(h->ctx, text, len, origin, &t));
  h->s = t;
  return MN_OK;
}

mn_status mn_scn_set_text(mn_scn *h, const char *key, const char *value)
{
  MNI_C_LOCALE();
  if (h == NULL) return MN_E_ARG;
  MN_REQUIRE(h->ctx, key != NULL && value != NULL, MN_E_ARG, "mn_scn_set_text: NULL argument");
  /* blanks around the value are dropped as --set drops them */
  size_t len = strlen(value);
  while (len > 0 && (*value == ' ' || *value == '\t'))
    value++, len--;
  while (len > 0 && (value[len - 1] == ' ' || value[len - 1] == '\t'))
    len--;
  return mni_scenario_set_value(h->ctx, &h->s, key, value, len, "mn_scn_set_text");
}

mn_status mn_scn_set_double(mn_scn *h, const char *key, double value)
{
  MNI_C_LOCALE();
  if (h == NULL) return MN_E_ARG;
  MN_REQUIRE(h->ctx, key != NULL, MN_E_ARG, "mn_scn_set_double: NULL key");
  const mn_scenario_key *k = mn_scenario_key_find(key);
  MN_REQUIRE(h->ctx,
             k == NULL || k->type == MN_KEY_DOUBLE || k->type == MN_KEY_INT ||
                 k->type == MN_KEY_UINT64,
             MN_E_CONFIG, "mn_scn_set_double: %s is not a number key (use mn_scn_set_text)", key);
  /* %.17g reads back to the same double, so the value goes through the loader's conversion
   * (user unit x factor) exactly as its decimal text would. */
  char text[40];
  if (isfinite(value))
    snprintf(text, sizeof text, "%.17g", value);
  else
    snprintf(text, sizeof text, "%s", isnan(value) ? "nan" : value > 0 ? "inf" : "-inf");
  return mni_scenario_set_value(h->ctx, &h->s, key, text, strlen(text), "mn_scn_set_double");
}

/* The key of path, or MN_E_NOTFOUND naming it (with the nearest key when one is close). */
static mn_status find_key(mn_ctx *ctx, const char *fn, const char *path,
                          const mn_scenario_key **key)
{
  MN_REQUIRE(ctx, path != NULL, MN_E_ARG, "%s: NULL key", fn);
  *key = mn_scenario_key_find(path);
  if (*key != NULL) return MN_OK;
  char prefix[64];
  snprintf(prefix, sizeof prefix, "%s: ", fn);
  return mni_scenario_unknown_key(ctx, MN_E_NOTFOUND, path, prefix);
}

mn_status mn_scn_get_text(const mn_scn *h, const char *key, char *buf, size_t buf_size)
{
  if (h == NULL) return MN_E_ARG;
  const mn_scenario_key *k = NULL;
  MN_TRY(find_key(h->ctx, "mn_scn_get_text", key, &k));
  MN_REQUIRE(h->ctx, buf != NULL && buf_size >= 32, MN_E_ARG,
             "mn_scn_get_text: %s: NULL buffer or one under 32 bytes", key);
  /* a string key needs its whole buffer; a list its elements */
  char tmp[MN_NAME_MAX * 2 + 512];
  MN_TRY(mn_scenario_format_value(h->ctx, &h->s, k, tmp, sizeof tmp));
  size_t n = strlen(tmp);
  MN_REQUIRE(h->ctx, n < buf_size, MN_E_ARG, "mn_scn_get_text: %s: the value needs %zu bytes", key,
             n + 1);
  memcpy(buf, tmp, n + 1);
  return MN_OK;
}

mn_status mn_scn_get_double(const mn_scn *h, const char *key, double *out)
{
  MNI_C_LOCALE();
  if (h == NULL) return MN_E_ARG;
  const mn_scenario_key *k = NULL;
  MN_TRY(find_key(h->ctx, "mn_scn_get_double", key, &k));
  MN_REQUIRE(h->ctx, out != NULL, MN_E_ARG, "mn_scn_get_double: %s: out is NULL", key);
  MN_REQUIRE(h->ctx,
             k->type == MN_KEY_DOUBLE || k->type == MN_KEY_INT || k->type == MN_KEY_UINT64 ||
                 k->type == MN_KEY_BOOL,
             MN_E_ARG, "mn_scn_get_double: %s is not a number (use mn_scn_get_text)", key);
  if (k->type == MN_KEY_BOOL) {
    bool b;
    memcpy(&b, mni_scenario_field_const(&h->s, k), sizeof b);
    *out = b ? 1.0 : 0.0;
    return MN_OK;
  }
  char text[64];
  MN_TRY(mn_scenario_format_value(h->ctx, &h->s, k, text, sizeof text));
  /* the value as the YAML writer shows it, so get(set(x)) == x for every decimal x */
  *out = strcmp(text, "null") == 0 ? (double)NAN : strtod(text, NULL);
  return MN_OK;
}

mn_status mn_scn_to_yaml(const mn_scn *h, char **yaml_out)
{
  if (h == NULL) return MN_E_ARG;
  return mn_scenario_to_yaml(h->ctx, &h->s, yaml_out);
}

mn_status mn_scn_validate(const mn_scn *h)
{
  if (h == NULL) return MN_E_ARG;
  return mn_scenario_validate(h->ctx, &h->s);
}

size_t mn_scn_key_count(void)
{
  size_t n = 0;
  (void)mn_scenario_keys(&n);
  return n;
}

const char *mn_scn_key_name(size_t i)
{
  size_t n = 0;
  const mn_scenario_key *keys = mn_scenario_keys(&n);
  return i < n ? keys[i].path : NULL;
}
