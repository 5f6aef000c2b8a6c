/* Helpers to read the compiled-in catalogues; see catalog_int.h. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog_int.h"

mn_status mni_yaml_parse(mn_ctx *ctx, const char *what, const unsigned char *text, size_t len,
                         struct fy_document **out)
{
  struct fy_parse_cfg cfg;
  memset(&cfg, 0, sizeof cfg);
  cfg.flags = FYPCF_QUIET;
  *out = fy_document_build_from_string(&cfg, (const char *)text, len);
  if (*out == NULL || fy_document_root(*out) == NULL) {
    if (*out != NULL)
      fy_document_destroy(*out);
    *out = NULL;
    return mni_fail(ctx, MN_E_CONFIG, "%s: the compiled-in catalogue is not valid YAML", what);
  }
  return MN_OK;
}

struct fy_node *mni_yaml_child(struct fy_node *map, const char *key)
{
  if (map == NULL || !fy_node_is_mapping(map))
    return NULL;
  return fy_node_mapping_lookup_by_string(map, key, strlen(key));
}

/* libfyaml 0.7 gives marks only for scalar tokens: a collection's line is that of its first
 * scalar. */
int mni_yaml_line(struct fy_node *node)
{
  void *iter = NULL;
  while (node != NULL && !fy_node_is_scalar(node)) {
    iter = NULL;
    if (fy_node_is_mapping(node)) {
      struct fy_node_pair *p = fy_node_mapping_iterate(node, &iter);
      node = p ? fy_node_pair_key(p) : NULL;
    } else {
      node = fy_node_sequence_iterate(node, &iter);
    }
  }
  struct fy_token *t = node ? fy_node_get_scalar_token(node) : NULL;
  const struct fy_mark *m = t ? fy_token_start_mark(t) : NULL;
  return m ? m->line + 1 : 0;
}

static const char *scalar_of(struct fy_node *n)
{
  return (n != NULL && fy_node_is_scalar(n)) ? fy_node_get_scalar0(n) : NULL;
}

static mn_status parse_double(mn_ctx *ctx, const char *what, const char *entry, struct fy_node *map,
                              const char *key, struct fy_node *n, double *out)
{
  const char *s = scalar_of(n);
  char *end = NULL;
  errno = 0;
  double v = s ? strtod(s, &end) : (double)NAN;
  if (s == NULL || end == s || *end != '\0' || errno == ERANGE || !isfinite(v))
    return mni_fail(ctx, MN_E_CONFIG, "%s:%d: %s.%s: expected a number, got '%s'", what,
                    mni_yaml_line(n ? n : map), entry, key, s ? s : "(not a scalar)");
  *out = v;
  return MN_OK;
}

mn_status mni_yaml_double(mn_ctx *ctx, const char *what, const char *entry, struct fy_node *map,
                          const char *key, double *out)
{
  struct fy_node *n = mni_yaml_child(map, key);
  if (n == NULL)
    return mni_fail(ctx, MN_E_CONFIG, "%s:%d: %s: missing key '%s'", what, mni_yaml_line(map),
                    entry, key);
  return parse_double(ctx, what, entry, map, key, n, out);
}

mn_status mni_yaml_double_opt(mn_ctx *ctx, const char *what, const char *entry,
                              struct fy_node *map, const char *key, double *out)
{
  struct fy_node *n = mni_yaml_child(map, key);
  return n == NULL ? MN_OK : parse_double(ctx, what, entry, map, key, n, out);
}

mn_status mni_yaml_int(mn_ctx *ctx, const char *what, const char *entry, struct fy_node *map,
                       const char *key, int *out)
{
  double v;
  MN_TRY(mni_yaml_double(ctx, what, entry, map, key, &v));
  if (v != floor(v) || fabs(v) > 2e9)
    return mni_fail(ctx, MN_E_CONFIG, "%s:%d: %s.%s: expected an integer, got %g", what,
                    mni_yaml_line(mni_yaml_child(map, key)), entry, key, v);
  *out = (int)v;
  return MN_OK;
}

mn_status mni_yaml_string(mn_ctx *ctx, const char *what, const char *entry, struct fy_node *map,
                          const char *key, const char **out)
{
  struct fy_node *n = mni_yaml_child(map, key);
  const char *s = scalar_of(n);
  if (s == NULL)
    return mni_fail(ctx, MN_E_CONFIG, "%s:%d: %s: missing or non-scalar key '%s'", what,
                    mni_yaml_line(n ? n : map), entry, key);
  *out = s;
  return MN_OK;
}

mn_status mni_yaml_string_opt(mn_ctx *ctx, const char *what, const char *entry,
                              struct fy_node *map, const char *key, const char **out)
{
  if (mni_yaml_child(map, key) == NULL)
    return MN_OK;
  return mni_yaml_string(ctx, what, entry, map, key, out);
}
