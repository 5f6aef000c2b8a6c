/* The binding-friendly API: the scenario handle (mn_scn: keys by dotted path, the loader's
 * checks and messages), the result's summary fields by name (types, arrays, unknown names), the
 * spatial field by time index, the exact seed of summary.json, the API version, NULL handling of
 * the absorption accessors, and no leak through the context's allocator. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "mn_test.h"

/* A short run: 2 h of absorption, one healing session followed for a month. */
static mn_scn *short_scn(mn_ctx *ctx)
{
  mn_scn *s = NULL;
  assert_int_equal(mn_scn_create(ctx, &s), MN_OK);
  assert_int_equal(mn_scn_set_text(s, "simulation.duration_h", "2"), MN_OK);
  assert_int_equal(mn_scn_set_text(s, "course.sessions", "1"), MN_OK);
  assert_int_equal(mn_scn_set_double(s, "course.follow_up_months", 1.0), MN_OK);
  return s;
}

static void test_api_version(void **state)
{
  (void)state;
  assert_int_equal(mn_api_version(), MN_API_VERSION);
  assert_true(MN_API_VERSION >= 2);
  assert_string_equal(mn_model_name(MN_MODEL_AXISYMMETRIC), "axisymmetric");
  assert_string_equal(mn_model_name((mn_model)42), "?");
}

static void test_scn_set_get(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scn *s = NULL;
  assert_int_equal(mn_scn_create(ctx, &s), MN_OK);
  char buf[64];
  assert_int_equal(mn_scn_get_text(s, "device.needle_length_mm", buf, sizeof buf), MN_OK);
  assert_string_equal(buf, "1.5");
  assert_int_equal(mn_scn_set_text(s, "device.needle_length_mm", " 1.0 "), MN_OK);
  double v = 0.0;
  assert_int_equal(mn_scn_get_double(s, "device.needle_length_mm", &v), MN_OK);
  assert_true(v == 1.0);
  /* the stored SI value is the one --set gives */
  mn_scenario ref = mn_scenario_default();
  assert_int_equal(mn_scenario_set(ctx, &ref, "device.needle_length_mm=1.0"), MN_OK);
  assert_true(mn_scn_get(s)->device.needle_length_m == ref.device.needle_length_m);
  assert_int_equal(mn_scn_set_double(s, "device.needle_length_mm", 0.3), MN_OK);
  assert_int_equal(mn_scenario_set(ctx, &ref, "device.needle_length_mm=0.3"), MN_OK);
  assert_true(mn_scn_get(s)->device.needle_length_m == ref.device.needle_length_m);
  /* integers, the seed, enums, strings, bools, lists, optional keys */
  assert_int_equal(mn_scn_set_double(s, "seed", 18446744073709551615.0), MN_E_CONFIG);
  assert_int_equal(mn_scn_set_text(s, "seed", "18446744073709551557"), MN_OK);
  assert_true(mn_scn_get(s)->seed == UINT64_C(18446744073709551557));
  assert_int_equal(mn_scn_set_double(s, "course.sessions", 3.0), MN_OK);
  assert_int_equal(mn_scn_get(s)->course.sessions, 3);
  assert_int_equal(mn_scn_set_double(s, "course.sessions", 2.5), MN_E_CONFIG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "course.sessions = '2.5'"));
  assert_int_equal(mn_scn_set_text(s, "device.type", "pen"), MN_OK);
  assert_int_equal(mn_scn_get_text(s, "device.type", buf, sizeof buf), MN_OK);
  assert_string_equal(buf, "pen");
  assert_int_equal(mn_scn_get_double(s, "device.type", &v), MN_E_ARG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "device.type is not a number"));
  /* only number keys take a double: a name, a list or an enum is refused, h unchanged */
  assert_int_equal(mn_scn_set_double(s, "skin.site", 1.0), MN_E_CONFIG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "skin.site is not a number key"));
  assert_int_equal(mn_scn_set_double(s, "name", 1.0), MN_E_CONFIG);
  assert_int_equal(mn_scn_set_double(s, "simulation.profile_times_h", 1.0), MN_E_CONFIG);
  assert_string_equal(mn_scn_get(s)->skin.site, "cheek");
  assert_int_equal(mn_scn_set_text(s, "treatment.occluded", "true"), MN_OK);
  assert_int_equal(mn_scn_get_double(s, "treatment.occluded", &v), MN_OK);
  assert_true(v == 1.0);
  assert_int_equal(mn_scn_set_text(s, "simulation.profile_times_h", "1, 4"), MN_OK);
  assert_int_equal(mn_scn_get_text(s, "simulation.profile_times_h", buf, sizeof buf), MN_OK);
  assert_string_equal(buf, "[1, 4]");
  assert_int_equal(mn_scn_get_double(s, "skin.dermis_um", &v), MN_OK);
  assert_true(isnan(v));
  assert_int_equal(mn_scn_set_double(s, "skin.dermis_um", 900.0), MN_OK);
  assert_int_equal(mn_scn_set_text(s, "skin.dermis_um", "null"), MN_OK);
  assert_true(isnan(mn_scn_get(s)->skin.dermis_m));
  /* the loader's message for a value out of range, naming the origin */
  mn_scenario before = *mn_scn_get(s);
  assert_int_equal(mn_scn_set_text(s, "device.needle_length_mm", "5"), MN_E_CONFIG);
  assert_string_equal(mn_ctx_errmsg(ctx),
                      "mn_scn_set_text device.needle_length_mm = '5': out of range; expected a "
                      "number from 0.05 to 3.5 mm");
  assert_memory_equal(mn_scn_get(s), &before, sizeof before);
  assert_int_equal(mn_scn_set_double(s, "device.needle_length_mm", NAN), MN_E_CONFIG);
  /* unknown keys: set is a config error (as --set), get is not found; both name the key */
  assert_int_equal(mn_scn_set_text(s, "device.needle_lenght_mm", "1"), MN_E_CONFIG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "did you mean 'device.needle_length_mm'"));
  assert_int_equal(mn_scn_get_text(s, "device.nope", buf, sizeof buf), MN_E_NOTFOUND);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "'device.nope'"));
  assert_int_equal(mn_scn_get_double(s, "nope", &v), MN_E_NOTFOUND);
  assert_int_equal(mn_scn_get_text(s, "name", buf, 8), MN_E_ARG);
  /* every key is listed and readable */
  size_t n = mn_scn_key_count();
  assert_true(n > 40);
  for (size_t i = 0; i < n; i++)
    assert_int_equal(mn_scn_get_text(s, mn_scn_key_name(i), buf, sizeof buf), MN_OK);
  assert_null(mn_scn_key_name(n));
  /* to YAML and back */
  char *yaml = NULL;
  assert_int_equal(mn_scn_to_yaml(s, &yaml), MN_OK);
  mn_scn *t = NULL;
  assert_int_equal(mn_scn_create(ctx, &t), MN_OK);
  assert_int_equal(mn_scn_load_string(t, yaml, strlen(yaml), NULL), MN_OK);
  assert_memory_equal(mn_scn_get(t), mn_scn_get(s), sizeof(mn_scenario));
  mn_string_free(ctx, yaml);
  assert_int_equal(mn_scn_load_string(t, "device: {needle_length_mm: 9}", 29, "x.yaml"),
                   MN_E_CONFIG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "x.yaml:1:"));
  assert_memory_equal(mn_scn_get(t), mn_scn_get(s), sizeof(mn_scenario)); /* unchanged */
  assert_int_equal(mn_scn_load_file(t, "/nonexistent/none.yaml"), MN_E_IO);
  mn_scn *u = NULL;
  assert_int_equal(mn_scn_dup(s, &u), MN_OK);
  assert_memory_equal(mn_scn_get(u), mn_scn_get(s), sizeof(mn_scenario));
  assert_int_equal(mn_scn_validate(u), MN_OK);
  mn_scn_destroy(&u);
  mn_scn_destroy(&t);
  mn_scn_destroy(&s);
  assert_null(s);
  mn_scn_destroy(&s);
  mn_scn_destroy(NULL);
  assert_int_equal(mn_scn_set_text(NULL, "seed", "1"), MN_E_ARG);
  assert_null(mn_scn_get(NULL));
  mn_ctx_destroy(&ctx);
}

static void test_result_fields(void **state)
{
  (void)state;
  mn_test_alloc fa = {.allocs_left = 1L << 40};
  mn_ctx *ctx = NULL;
  assert_int_equal(mn_ctx_create(mn_test_fail_alloc, &fa, &ctx), MN_OK);
  mn_scn *s = short_scn(ctx);
  mn_result *r = NULL;
  assert_int_equal(mn_run_scn(ctx, s, &r), MN_OK);

  /* every field agrees with the summary JSON */
  char *json = NULL;
  assert_int_equal(mn_result_summary_json(ctx, r, &json), MN_OK);
  cJSON *root = cJSON_Parse(json);
  assert_non_null(root);
  const cJSON *ab = cJSON_GetObjectItem(root, "absorption");
  double er = 0.0;
  assert_int_equal(mn_result_get_double(r, "absorption.enhancement_ratio", &er), MN_OK);
  assert_true(er == cJSON_GetObjectItem(ab, "enhancement_ratio")->valuedouble);
  MN_EXPECT_NEAR(er, mn_absorption_summary_get(mn_result_absorption(r))->enhancement_ratio, 1e-15,
                 0); /* the text's 15 digits */
  const double *curve = NULL;
  size_t n = 0, m = 0;
  assert_int_equal(mn_result_get_array(r, "absorption.cumulative_absorbed_percent", &curve, &n),
                   MN_OK);
  const cJSON *jc = cJSON_GetObjectItem(ab, "cumulative_absorbed_percent");
  assert_int_equal(n, (size_t)cJSON_GetArraySize(jc));
  assert_int_equal(n, (size_t)mn_scn_get(s)->simulation.output_points);
  for (size_t i = 0; i < n; i++)
    assert_true(curve[i] == cJSON_GetArrayItem(jc, (int)i)->valuedouble);
  assert_int_equal(mn_result_field_length(r, "absorption.time_h", &m), MN_OK);
  assert_int_equal(m, n);
  double buf[4] = {-1, -1, -1, -1};
  assert_int_equal(mn_result_copy_array(r, "absorption.time_h", buf, 3, &m), MN_OK);
  assert_int_equal(m, n);
  assert_true(buf[0] == 0.0 && buf[2] > buf[1] && buf[3] == -1.0);
  assert_int_equal(mn_result_copy_array(r, "absorption.time_h", NULL, 0, &m), MN_OK);
  assert_int_equal(m, n);
  assert_int_equal(mn_result_field_length(r, "healing.collagen_curve_days", &m), MN_OK);
  assert_true(m > 30);
  assert_int_equal(mn_result_field_length(r, "healing.collagen_curve_percent", &n), MN_OK);
  assert_int_equal(m, n);

  /* types */
  mn_field_type type;
  assert_int_equal(mn_result_field_type(r, "absorption.model", &type), MN_OK);
  assert_int_equal(type, MN_FIELD_STRING);
  assert_int_equal(mn_result_field_type(r, "absorption.has_channels", &type), MN_OK);
  assert_int_equal(type, MN_FIELD_BOOL);
  assert_int_equal(mn_result_field_type(r, "absorption.time_h", &type), MN_OK);
  assert_int_equal(type, MN_FIELD_NUMBER_ARRAY);
  assert_int_equal(mn_result_field_type(r, "healing.warnings", &type), MN_OK);
  assert_int_equal(type, MN_FIELD_STRING_ARRAY);
  assert_int_equal(mn_result_field_type(r, "healing.solver.steps", &type), MN_OK);
  assert_int_equal(type, MN_FIELD_NUMBER);
  assert_string_equal(mn_field_type_name(MN_FIELD_NUMBER_ARRAY), "number_array");
  const char *text = NULL;
  assert_int_equal(mn_result_get_string(r, "absorption.model", &text), MN_OK);
  assert_string_equal(text, cJSON_GetObjectItem(ab, "model")->valuestring);
  bool b = false;
  assert_int_equal(mn_result_get_bool(r, "absorption.has_channels", &b), MN_OK);
  assert_true(b);
  int64_t steps = 0;
  assert_int_equal(mn_result_get_int64(r, "healing.solver.steps", &steps), MN_OK);
  assert_true(steps > 0);
  assert_int_equal(mn_result_get_int64(r, "seed", &steps), MN_OK);
  assert_int_equal(steps, 42);

  /* wrong type: MN_E_ARG naming the field and both types */
  assert_int_equal(mn_result_get_double(r, "absorption.model", &er), MN_E_ARG);
  assert_string_equal(mn_ctx_errmsg(ctx),
                      "mn_result_get_double: field 'absorption.model' is a string, not a number");
  assert_int_equal(mn_result_get_array(r, "absorption.enhancement_ratio", &curve, &n), MN_E_ARG);
  assert_int_equal(mn_result_get_bool(r, "absorption.time_h", &b), MN_E_ARG);
  assert_int_equal(mn_result_get_int64(r, "absorption.enhancement_ratio", &steps), MN_E_ARG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "is not an integer"));
  assert_int_equal(mn_result_field_length(r, "absorption.model", &n), MN_E_ARG);
  assert_int_equal(mn_result_get_string_at(r, "absorption.time_h", 0, &text), MN_E_ARG);

  /* unknown names: MN_E_NOTFOUND with the name */
  assert_int_equal(mn_result_get_double(r, "absorption.enhancment_ratio", &er), MN_E_NOTFOUND);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "'absorption.enhancment_ratio'"));
  assert_int_equal(mn_result_field_type(r, "absorption", &type), MN_E_NOTFOUND);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "'absorption' is a section"));
  assert_int_equal(mn_result_get_array(r, "", &curve, &n), MN_E_NOTFOUND);
  assert_int_equal(mn_result_get_double(r, NULL, &er), MN_E_ARG);
  assert_int_equal(mn_result_get_double(NULL, "seed", &er), MN_E_ARG);

  /* the list of names: every leaf, dotted, each findable */
  size_t count = mn_result_field_count(r);
  assert_true(count > 60);
  bool seen_er = false;
  for (size_t i = 0; i < count; i++) {
    const char *name = mn_result_field_name(r, i);
    assert_non_null(name);
    assert_int_equal(mn_result_field_type(r, name, &type), MN_OK);
    seen_er = seen_er || strcmp(name, "absorption.enhancement_ratio") == 0;
  }
  assert_true(seen_er);
  assert_null(mn_result_field_name(r, count));
  assert_string_equal(mn_result_field_name(r, 0), "mnsim_version");
  assert_int_equal(mn_result_field_count(NULL), 0);

  /* the spatial field of the axisymmetric cell */
  assert_int_equal(mn_absorption_summary_get(mn_result_absorption(r))->model,
                   MN_MODEL_AXISYMMETRIC);
  const double *t_s = NULL;
  size_t n_t = mn_result_field_times(r, &t_s);
  assert_true(n_t > 0 && t_s != NULL);
  size_t nx = 0, ny = 0, nz = 0, cells = 0, ne = 0;
  bool is_3d = true;
  assert_int_equal(mn_result_field_dims(r, &nx, &ny, &nz, &is_3d), MN_OK);
  assert_false(is_3d);
  assert_int_equal(ny, 1);
  const double *edges = NULL, *conc = NULL;
  assert_int_equal(mn_result_field_edges(r, 2, &edges, &ne), MN_OK);
  assert_int_equal(ne, nz + 1);
  assert_true(edges[0] == 0.0 && edges[nz] > edges[0]);
  assert_int_equal(mn_result_field_edges(r, 1, &edges, &ne), MN_OK);
  assert_int_equal(ne, 0);
  assert_int_equal(mn_result_field_edges(r, 3, &edges, &ne), MN_E_ARG);
  assert_int_equal(mn_result_field_values(r, n_t - 1, &conc, &cells), MN_OK);
  assert_int_equal(cells, nx * nz);
  assert_int_equal(mn_result_field_values(r, n_t, &conc, &cells), MN_E_ARG);

  cJSON_Delete(root);
  mn_string_free(ctx, json);
  mn_result_destroy(&r);
  assert_null(r);

  /* a 1d run keeps no field */
  assert_int_equal(mn_scn_set_text(s, "simulation.model", "1d"), MN_OK);
  assert_int_equal(mn_run_scn(ctx, s, &r), MN_OK);
  assert_int_equal(mn_result_field_times(r, &t_s), 0);
  assert_int_equal(mn_result_field_dims(r, &nx, NULL, NULL, NULL), MN_E_NOTFOUND);
  mn_result_destroy(&r);
  mn_scn_destroy(&s);
  mn_ctx_destroy(&ctx);
  assert_int_equal(fa.live_bytes, 0); /* the field table went through the allocator, and back */
}

static void test_result_fields_out_of_memory(void **state)
{
  (void)state;
  mn_test_alloc fa = {.allocs_left = 1L << 40};
  mn_ctx *ctx = NULL;
  assert_int_equal(mn_ctx_create(mn_test_fail_alloc, &fa, &ctx), MN_OK);
  mn_scn *s = short_scn(ctx);
  assert_int_equal(mn_scn_set_text(s, "simulation.model", "1d"), MN_OK);
  assert_int_equal(mn_scn_set_text(s, "course.sessions", "0"), MN_OK);
  mn_result *r = NULL;
  assert_int_equal(mn_run_scn(ctx, s, &r), MN_OK);
  /* fail the k-th allocation of the table, for every k until it builds */
  long before = fa.allocs;
  double v = 0.0;
  for (long k = 0;; k++) {
    fa.allocs_left = k;
    mn_status st = mn_result_get_double(r, "absorption.absorbed_percent", &v);
    if (st == MN_OK) break;
    assert_int_equal(st, MN_E_NOMEM);
    assert_true(k < 100000);
  }
  fa.allocs_left = 1L << 40;
  assert_true(fa.allocs > before);
  assert_true(v > 0.0);
  mn_result_destroy(&r);
  mn_scn_destroy(&s);
  mn_ctx_destroy(&ctx);
  assert_int_equal(fa.live_bytes, 0);
}

static void test_seed_exact_in_summary(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scn *s = short_scn(ctx);
  assert_int_equal(mn_scn_set_text(s, "seed", "18446744073709551557"), MN_OK);
  assert_int_equal(mn_scn_set_text(s, "simulation.model", "1d"), MN_OK);
  mn_result *r = NULL;
  assert_int_equal(mn_run_scn(ctx, s, &r), MN_OK);
  char *json = NULL, *full = NULL;
  assert_int_equal(mn_result_summary_json(ctx, r, &json), MN_OK);
  assert_non_null(strstr(json, "\"seed\":\t18446744073709551557,"));
  assert_int_equal(mn_result_summary_full_json(ctx, r, &full), MN_OK);
  const char *first = strstr(full, "\"seed\":\t18446744073709551557,");
  assert_non_null(first);
  assert_non_null(strstr(first + 1, "\"seed\":\t18446744073709551557,")); /* scenario block */
  const char *text = NULL;
  assert_int_equal(mn_result_get_string(r, "seed", &text), MN_OK);
  assert_string_equal(text, "18446744073709551557");
  int64_t i = 0;
  assert_int_equal(mn_result_get_int64(r, "seed", &i), MN_E_ARG); /* above INT64_MAX */
  mn_string_free(ctx, json);
  mn_string_free(ctx, full);
  mn_result_destroy(&r);
  /* a small seed prints as before */
  assert_int_equal(mn_scn_set_text(s, "seed", "42"), MN_OK);
  assert_int_equal(mn_run_scn(ctx, s, &r), MN_OK);
  assert_int_equal(mn_result_summary_json(ctx, r, &json), MN_OK);
  assert_non_null(strstr(json, "\"seed\":\t42,"));
  mn_string_free(ctx, json);
  mn_result_destroy(&r);
  mn_scn_destroy(&s);
  assert_int_equal(mn_run_scn(ctx, NULL, &r), MN_E_ARG);
  assert_null(r);
  mn_ctx_destroy(&ctx);
}

static void test_absorption_accessors_null(void **state)
{
  (void)state;
  const double *t = (const double *)1, *e = NULL, *c = NULL;
  size_t nz = 7;
  assert_int_equal(mn_absorption_profiles(NULL, true, &t, &e, &nz, &c), 0);
  assert_int_equal(mn_absorption_profiles(NULL, false, NULL, NULL, NULL, NULL), 0);
  assert_int_equal(mn_absorption_series(NULL, false, NULL, NULL, NULL), 0);
  assert_null(mn_absorption_summary_get(NULL));
  mn_absorption_destroy(NULL);
  mn_result_destroy(NULL);
  assert_null(mn_result_scenario(NULL));
  assert_null(mn_result_layers(NULL));
  assert_null(mn_result_channels(NULL));
  assert_null(mn_result_absorption(NULL));
  assert_null(mn_result_healing(NULL));
  mn_scn *h = (mn_scn *)1;
  mn_result *r = (mn_result *)1;
  assert_int_equal(mn_scn_create(NULL, &h), MN_E_ARG); /* *out is NULL on every failure */
  assert_null(h);
  h = (mn_scn *)1;
  assert_int_equal(mn_scn_dup(NULL, &h), MN_E_ARG);
  assert_null(h);
  assert_int_equal(mn_run_scn(NULL, NULL, &r), MN_E_ARG);
  assert_null(r);
}

/* A run without warnings still gives healing.warnings as an array of text (empty): a field's
 * type never depends on the run. */
static void test_empty_warnings_keep_their_type(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario sc = mn_scenario_default();
  sc.simulation.model = MN_MODEL_1D;
  sc.simulation.duration_s = mn_h_to_s(1.0);
  sc.course.sessions = 1;
  mn_result *r = NULL;
  assert_int_equal(mn_run(ctx, &sc, &r), MN_OK);
  mn_field_type type;
  size_t n = 99;
  assert_int_equal(mn_result_field_type(r, "healing.warnings", &type), MN_OK);
  assert_int_equal(type, MN_FIELD_STRING_ARRAY);
  assert_int_equal(mn_result_field_length(r, "healing.warnings", &n), MN_OK);
  assert_int_equal(n, 0);
  mn_result_destroy(&r);
  mn_ctx_destroy(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_api_version),
      cmocka_unit_test(test_scn_set_get),
      cmocka_unit_test(test_result_fields),
      cmocka_unit_test(test_result_fields_out_of_memory),
      cmocka_unit_test(test_seed_exact_in_summary),
      cmocka_unit_test(test_absorption_accessors_null),
      cmocka_unit_test(test_empty_warnings_keep_their_type),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
