/* The user's own catalogues through the C API (mn_catalogue_add, mn_catalogue_origin): entries
 * join the built-in lists, a taken built-in name needs `override: true`, a wrong entry fails
 * with the user's file:line:column, pointers handed out before an add stay valid, a scenario's
 * `catalogs:` is relative to its folder, no leak when memory runs out. Also the model that
 * decides the device type (issue 18 item 11). The files are in tests/data/catalogs. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mn_test.h"

static void expect_msg(mn_ctx *ctx, const char *want)
{
  if (strstr(mn_ctx_errmsg(ctx), want) == NULL)
    fail_msg("message '%s' lacks '%s'", mn_ctx_errmsg(ctx), want);
}

/* tests/data/catalogs/NAME of the source tree. */
static const char *data_path(const char *name)
{
  static char buf[4096];
  const char *src = getenv("MN_SOURCE_DIR");
  snprintf(buf, sizeof buf, "%s/tests/data/catalogs/%s", src ? src : ".", name);
  return buf;
}

/* A file of the given text in the build tree (the tests' scratch place). */
static const char *scratch_file(const char *name, const char *text)
{
  static char buf[4096];
  const char *dir = getenv("MN_BUILD_DIR");
  snprintf(buf, sizeof buf, "%s/%s", dir ? dir : ".", name);
  FILE *f = fopen(buf, "w");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
  return buf;
}

static void test_entries_join_with_origin(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const mn_compound *list = NULL, *c = NULL;
  size_t n_before = 0, n = 0;
  assert_int_equal(mn_compounds_list(ctx, &list, &n_before), MN_OK);
  const mn_compound *caffeine_before = NULL;
  assert_int_equal(mn_compound_find(ctx, "caffeine", &caffeine_before), MN_OK);
  assert_int_equal(mn_compound_find(ctx, "my_serum", &c), MN_E_NOTFOUND);

  char path[4096];
  snprintf(path, sizeof path, "%s", data_path("my_compounds.yaml"));
  assert_int_equal(mn_catalogue_add(ctx, path), MN_OK);
  assert_int_equal(mn_catalogue_add(ctx, path), MN_OK); /* the same file: once */
  assert_int_equal(mn_compounds_list(ctx, &list, &n), MN_OK);
  assert_int_equal(n, n_before + 1);
  assert_int_equal(mn_compound_find(ctx, "my_serum", &c), MN_OK);
  MN_EXPECT_NEAR(c->molecular_weight_da, 450.0, 0, 0);
  const mn_device *d = NULL;
  assert_int_equal(mn_device_find(ctx, "my_pen", &d), MN_OK);
  assert_int_equal(d->type, MN_DEVICE_PEN);
  /* what was handed out before the add is still readable */
  assert_string_equal(caffeine_before->name, "caffeine");

  const char *file = NULL;
  bool is_builtin = true;
  assert_int_equal(mn_catalogue_origin(ctx, "compounds", "my_serum", &file, &is_builtin), MN_OK);
  assert_false(is_builtin);
  assert_string_equal(file, path);
  assert_int_equal(mn_catalogue_origin(ctx, "devices", "pen_12", &file, &is_builtin), MN_OK);
  assert_true(is_builtin);
  assert_string_equal(file, "data/devices.yaml");
  assert_int_equal(mn_catalogue_origin(ctx, "outcomes", "x", &file, NULL), MN_E_NOTFOUND);
  assert_int_equal(mn_catalogue_origin(ctx, "compounds", "nothing", &file, NULL), MN_E_NOTFOUND);
  mn_ctx_destroy(&ctx);
}

static void test_bad_entry_names_its_place(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const mn_compound *list = NULL;
  size_t n = 0;
  /* the names are right: added; the field is wrong: the list fails, naming the user's file */
  assert_int_equal(mn_catalogue_add(ctx, data_path("bad_entry.yaml")), MN_OK);
  assert_int_equal(mn_compounds_list(ctx, &list, &n), MN_E_CONFIG);
  expect_msg(ctx, "bad_entry.yaml:5:14: bad_serum.log_kow: expected a number, got 'high'");
  mn_ctx_destroy(&ctx);
}

static void test_builtin_name_needs_override(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const mn_compound *c = NULL;
  assert_int_equal(mn_catalogue_add(ctx, data_path("takes_caffeine.yaml")), MN_E_CONFIG);
  expect_msg(ctx, "takes_caffeine.yaml:3:11: compounds[0].name = 'caffeine': a compound of that "
                  "name comes from data/compounds.yaml (built in); expected 'override: true'");
  /* refused whole: caffeine is the built-in one */
  assert_int_equal(mn_compound_find(ctx, "caffeine", &c), MN_OK);
  MN_EXPECT_NEAR(c->log_kow, -0.07, 0, 0);

  size_t n_before = 0, n = 0;
  const mn_compound *list = NULL;
  assert_int_equal(mn_compounds_list(ctx, &list, &n_before), MN_OK);
  assert_int_equal(mn_catalogue_add(ctx, data_path("overrides_caffeine.yaml")), MN_OK);
  assert_int_equal(mn_compounds_list(ctx, &list, &n), MN_OK);
  assert_int_equal(n, n_before); /* replaced in place */
  assert_int_equal(mn_compound_find(ctx, "caffeine", &c), MN_OK);
  MN_EXPECT_NEAR(c->log_kow, 0.5, 0, 0);
  assert_string_equal(list[0].name, "caffeine");

  /* a second user file taking the first one's name, without override */
  assert_int_equal(mn_catalogue_add(ctx, data_path("my_compounds.yaml")), MN_OK);
  const char *again = scratch_file("user_catalog_again.yaml",
                                   "compounds:\n  - name: my_serum\n    molecular_weight_da: 1\n");
  assert_int_equal(mn_catalogue_add(ctx, again), MN_E_CONFIG);
  expect_msg(ctx, "my_compounds.yaml; expected 'override: true'");
  mn_ctx_destroy(&ctx);
}

static void test_malformed_files(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  assert_int_equal(mn_catalogue_add(ctx, data_path("no_such_file.yaml")), MN_E_IO);
  expect_msg(ctx, "no_such_file.yaml: cannot open the catalogue: No such file");
  assert_int_equal(mn_catalogue_add(ctx, NULL), MN_E_ARG);
  const char *p = scratch_file("user_catalog_key.yaml", "healing:\n  - name: x\n");
  assert_int_equal(mn_catalogue_add(ctx, p), MN_E_CONFIG);
  expect_msg(ctx, "user_catalog_key.yaml:1:1: unknown key 'healing'; expected compounds, devices, "
                  "sites or indications");
  p = scratch_file("user_catalog_empty.yaml", "sites: []\n");
  assert_int_equal(mn_catalogue_add(ctx, p), MN_E_CONFIG);
  expect_msg(ctx, "sites: expected a non-empty sequence of entries");
  p = scratch_file("user_catalog_yaml.yaml", "compounds: [\n");
  assert_int_equal(mn_catalogue_add(ctx, p), MN_E_CONFIG);
  expect_msg(ctx, "user_catalog_yaml.yaml:");
  expect_msg(ctx, "not valid YAML");
  p = scratch_file("user_catalog_name.yaml", "devices:\n  - name: My Pen\n");
  assert_int_equal(mn_catalogue_add(ctx, p), MN_E_CONFIG);
  expect_msg(ctx, "user_catalog_name.yaml:2:11: devices[0].name = 'My Pen': expected lowercase");
  /* none of them was added */
  const mn_device *d = NULL;
  assert_int_equal(mn_device_find(ctx, "pen_12", &d), MN_OK);
  mn_ctx_destroy(&ctx);
}

static void test_scenario_catalogs(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s;
  /* relative to the scenario file's folder */
  assert_int_equal(mn_scenario_load_file(ctx, data_path("scenario/uses_catalog.yaml"), &s), MN_OK);
  assert_string_equal(s.formulation.compound, "my_serum");
  assert_string_equal(s.device.model, "my_pen");
  mn_ctx_destroy(&ctx);

  ctx = mn_test_ctx();
  const char *text = "catalogs: [nope.yaml]\n";
  assert_int_equal(mn_scenario_load_string(ctx, text, strlen(text), "t.yaml", &s), MN_E_CONFIG);
  expect_msg(ctx, "t.yaml:1:12: catalogs[0] = 'nope.yaml': nope.yaml: cannot open the catalogue");
  text = "catalogs: {a: 1}\n";
  assert_int_equal(mn_scenario_load_string(ctx, text, strlen(text), "t.yaml", &s), MN_E_CONFIG);
  expect_msg(ctx, "t.yaml:1:12: catalogs[0]: got a mapping; expected the path of a catalogue file");
  mn_ctx_destroy(&ctx);
}

/* Issue 18 item 11: a named model decides the type, and the resolved scenario says so. */
static void test_model_decides_type(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s = mn_scenario_default();
  s.device.type = MN_DEVICE_ROLLER;
  snprintf(s.device.model, sizeof s.device.model, "pen_12");
  s.simulation.duration_s = 3600.0;
  s.course.sessions = 0;
  mn_result *r = NULL;
  assert_int_equal(mn_run(ctx, &s, &r), MN_OK);
  assert_int_equal(mn_result_scenario(r)->device.type, MN_DEVICE_PEN);
  mn_result_destroy(&r);
  mn_ctx_destroy(&ctx);
}

static void test_out_of_memory(void **state)
{
  (void)state;
  char path[4096];
  snprintf(path, sizeof path, "%s", data_path("my_compounds.yaml"));
  for (int k = 1;; k++) {
    mn_test_alloc fa = {.allocs_left = k};
    mn_ctx *ctx = NULL;
    if (mn_ctx_create(mn_test_fail_alloc, &fa, &ctx) != MN_OK) continue;
    const mn_compound *c = NULL;
    mn_status st = mn_catalogue_add(ctx, path);
    if (st == MN_OK) st = mn_compound_find(ctx, "my_serum", &c);
    mn_ctx_destroy(&ctx);
    assert_int_equal(fa.live_bytes, 0);
    if (st == MN_OK) break;
    assert_int_equal(st, MN_E_NOMEM);
    assert_true(k < 200);
  }
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_entries_join_with_origin),
      cmocka_unit_test(test_bad_entry_names_its_place),
      cmocka_unit_test(test_builtin_name_needs_override),
      cmocka_unit_test(test_malformed_files),
      cmocka_unit_test(test_scenario_catalogs),
      cmocka_unit_test(test_model_decides_type),
      cmocka_unit_test(test_out_of_memory),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
