/* The scenario back to YAML, in the user's keys and units: what `mnsim run` prints as the
 * resolved scenario, and a file mn_scenario_load_string reads back to the same values. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/catalog_int.h"
#include "scenario/scenario_int.h"

typedef struct {
  mn_ctx *ctx;
  char *buf;
  size_t len, cap;
  bool is_oom;
} text_buf;

static void tb_printf(text_buf *tb, const char *fmt, ...) MNI_PRINTF(2, 3);
static void tb_printf(text_buf *tb, const char *fmt, ...)
{
  if (tb->is_oom) return;
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0) return;
  size_t need = tb->len + (size_t)n + 1;
  if (need > tb->cap) {
    size_t cap = tb->cap ? tb->cap : 1024;
    while (cap < need)
      cap *= 2;
    char *p = mn_realloc(tb->ctx, tb->buf, tb->cap, cap);
    if (p == NULL) {
      tb->is_oom = true;
      return;
    }
    tb->buf = p;
    tb->cap = cap;
  }
  va_start(ap, fmt);
  vsnprintf(tb->buf + tb->len, tb->cap - tb->len, fmt, ap);
  va_end(ap);
  tb->len += (size_t)n;
}

/* A name is written plain only when YAML cannot read it as anything but that string. */
static bool is_plain_safe(const char *t)
{
  static const char *const reserved[] = {"null", "Null",  "NULL",  "true", "True",
                                         "TRUE", "false", "False", "FALSE"};
  if (t[0] == '\0' || !((t[0] >= 'a' && t[0] <= 'z') || (t[0] >= 'A' && t[0] <= 'Z'))) return false;
  for (const char *p = t; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
          *p == '_'))
      return false;
  for (size_t i = 0; i < sizeof reserved / sizeof reserved[0]; i++)
    if (strcmp(t, reserved[i]) == 0) return false;
  return true;
}

static void write_string(text_buf *tb, const char *t, char *out, size_t n)
{
  (void)tb;
  if (is_plain_safe(t)) {
    snprintf(out, n, "%s", t);
    return;
  }
  size_t o = 0;
  out[o++] = '"';
  for (const char *p = t; *p && o + 6 < n; p++) {
    unsigned char c = (unsigned char)*p;
    if (c == '"' || c == '\\') {
      out[o++] = '\\';
      out[o++] = (char)c;
    } else if (c < 0x20 || c == 0x7f) {
      snprintf(out + o, n - o, "\\x%02x", c);
      o += 4;
    } else {
      out[o++] = (char)c;
    }
  }
  out[o++] = '"';
  out[o] = '\0';
}

mn_status mn_scenario_to_yaml(mn_ctx *ctx, const mn_scenario *s, char **yaml_out)
{
  MNI_C_LOCALE();
  MN_REQUIRE(ctx, s != NULL && yaml_out != NULL, MN_E_ARG, "mn_scenario_to_yaml: NULL argument");
  *yaml_out = NULL;
  text_buf tb = {ctx, NULL, 0, 0, false};
  size_t n_keys = 0;
  const mn_scenario_key *keys = mn_scenario_keys(&n_keys);
  char section[64] = "";
  tb_printf(&tb, "# mnsim %s scenario; units are in the key names (docs/scenario.md)\n",
            mn_version());
  /* The user's catalogues of the context: their entries may be named below. */
  size_t n_files = mni_catalog_n_files(ctx);
  for (size_t i = 0; i < n_files; i++) {
    char text[4200];
    write_string(&tb, mni_catalog_file(ctx, i), text, sizeof text);
    tb_printf(&tb, "%s%s%s", i == 0 ? "catalogs: [" : ", ", text,
              i + 1 == n_files ? "]  # the user's catalogue files it needs\n" : "");
  }
  for (size_t i = 0; i < n_keys; i++) {
    const mn_scenario_key *key = &keys[i];
    const char *dot = strchr(key->path, '.');
    const char *leaf = key->path;
    const char *indent = "";
    if (dot != NULL) {
      size_t sl = (size_t)(dot - key->path);
      if (strlen(section) != sl || strncmp(section, key->path, sl) != 0) {
        snprintf(section, sizeof section, "%.*s", (int)sl, key->path);
        tb_printf(&tb, "\n%s:\n", section);
      }
      leaf = dot + 1;
      indent = "  ";
    }
    char value[512], text[1024]; /* a list of 8 numbers of 17 digits fits */
    MN_TRY(mn_scenario_format_value(ctx, s, key, value, sizeof value));
    if (key->type == MN_KEY_STRING)
      write_string(&tb, value, text, sizeof text);
    else
      snprintf(text, sizeof text, "%s", value);
    int w = (int)(strlen(indent) + strlen(leaf) + 2 + strlen(text));
    tb_printf(&tb, "%s%s: %s%*s# %s\n", indent, leaf, text, w < 38 ? 38 - w : 1, "", key->help);
  }
  if (tb.is_oom) {
    mn_free(ctx, tb.buf, tb.cap);
    return mni_fail(ctx, MN_E_NOMEM, "scenario YAML: out of memory");
  }
  /* Hand out exactly strlen + 1 bytes: mn_string_free frees that size. */
  char *out = mn_alloc(ctx, tb.len + 1);
  if (out != NULL) memcpy(out, tb.buf, tb.len + 1);
  mn_free(ctx, tb.buf, tb.cap);
  if (out == NULL) return MN_E_NOMEM;
  *yaml_out = out;
  return MN_OK;
}
