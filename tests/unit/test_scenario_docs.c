/* The user guide follows the key table: docs/scenario.md has one row per key with its unit,
 * default and range exactly as the table gives them, and docs/units.md names the unit of every
 * suffix a key uses. Run with MN_PRINT_DOC_ROWS=1 to print the rows the guide must hold. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mn_test.h"

static char *read_doc(const char *name)
{
  const char *dir = getenv("MN_SOURCE_DIR");
  assert_non_null(dir); /* set by ctest */
  char path[1024];
  snprintf(path, sizeof path, "%s/docs/%s", dir, name);
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    print_error("cannot open %s\n", path);
    fail();
  }
  static char buf[1 << 18];
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = '\0';
  char *copy = malloc(n + 1);
  assert_non_null(copy);
  memcpy(copy, buf, n + 1);
  return copy;
}

/* Markdown table cell: '|' escaped. */
static void cell(char *out, size_t n, const char *text)
{
  size_t o = 0;
  for (const char *p = text; *p && o + 3 < n; p++) {
    if (*p == '|') out[o++] = '\\';
    out[o++] = *p;
  }
  out[o] = '\0';
}

/* | `key` | unit | default | valid values | meaning | */
static void key_row(mn_ctx *ctx, const mn_scenario *d, const mn_scenario_key *k, char *row,
                    size_t n)
{
  char def[160], range[256], help[512];
  assert_int_equal(mn_scenario_format_value(ctx, d, k, def, sizeof def), MN_OK);
  if (strcmp(def, "null") == 0 && k->type != MN_KEY_DOUBLE_LIST) /* a list's null: the run's */
    snprintf(def, sizeof def, "(catalogue)");
  else if (k->type == MN_KEY_STRING && def[0] == '\0')
    snprintf(def, sizeof def, "\"\"");
  switch (k->type) {
  case MN_KEY_DOUBLE:
  case MN_KEY_INT:
    snprintf(range, sizeof range, "%g to %g%s", k->min, k->max, k->is_optional ? ", or null" : "");
    break;
  case MN_KEY_UINT64:
    snprintf(range, sizeof range, "0 to 18446744073709551615");
    break;
  case MN_KEY_BOOL:
    snprintf(range, sizeof range, "true, false");
    break;
  case MN_KEY_STRING:
    snprintf(range, sizeof range, "text, at most %zu characters", k->size - 1);
    break;
  case MN_KEY_DOUBLE_LIST:
    snprintf(range, sizeof range, "up to %zu numbers, each %g to %g%s; or null", k->max_count,
             k->min, k->max, k->is_any_order ? "" : ", increasing");
    break;
  case MN_KEY_ENUM: {
    size_t o = 0;
    for (int i = 0; k->enum_names[i] != NULL; i++)
      o += (size_t)snprintf(range + o, sizeof range - o, "%s%s", i ? ", " : "", k->enum_names[i]);
    break;
  }
  }
  cell(help, sizeof help, k->help);
  const char *unit = mn_scenario_key_unit(k);
  snprintf(row, n, "| `%s` | %s | %s | %s | %s |", k->path, unit[0] ? unit : "-", def, range, help);
}

static void test_scenario_md_lists_every_key(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  char *doc = read_doc("scenario.md");
  mn_scenario d = mn_scenario_default();
  size_t n_keys = 0;
  const mn_scenario_key *keys = mn_scenario_keys(&n_keys);
  int missing = 0;
  bool print_rows = getenv("MN_PRINT_DOC_ROWS") != NULL;
  for (size_t i = 0; i < n_keys; i++) {
    char row[1024];
    key_row(ctx, &d, &keys[i], row, sizeof row);
    if (print_rows) printf("%s\n", row);
    if (strstr(doc, row) == NULL) {
      print_error("docs/scenario.md lacks the row\n%s\n", row);
      missing++;
    }
  }
  free(doc);
  mn_ctx_destroy(&ctx);
  assert_int_equal(missing, 0);
}

static void test_units_md_names_every_suffix(void **state)
{
  (void)state;
  char *doc = read_doc("units.md");
  size_t n_keys = 0;
  const mn_scenario_key *keys = mn_scenario_keys(&n_keys);
  for (size_t i = 0; i < n_keys; i++) {
    const char *unit = mn_scenario_key_unit(&keys[i]);
    if (unit[0] == '\0') continue;
    /* A row "| `_suffix` | unit | ..." whose suffix ends the key's path. */
    bool found = false;
    size_t plen = strlen(keys[i].path);
    for (const char *p = strstr(doc, "\n| `_"); p != NULL && !found; p = strstr(p + 1, "\n| `_")) {
      const char *s = p + 4, *e = strchr(s, '`');
      const char *eol = strchr(s, '\n');
      if (e == NULL || eol == NULL) break;
      size_t slen = (size_t)(e - s);
      char line[512];
      snprintf(line, sizeof line, "%.*s", (int)(eol - p), p);
      found = slen < plen && strncmp(keys[i].path + plen - slen, s, slen) == 0 &&
              strstr(line, unit) != NULL;
    }
    if (!found) {
      print_error("docs/units.md has no row for the suffix of %s (%s)\n", keys[i].path, unit);
      fail();
    }
  }
  free(doc);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_scenario_md_lists_every_key),
      cmocka_unit_test(test_units_md_names_every_suffix),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
