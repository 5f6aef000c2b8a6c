/* The puncture stage in a run: its summary JSON fields and channels.csv (units in the header,
 * one row per channel, identical bytes for the same seed). */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "output/puncture_csv_int.h"
#include "mn_test.h"

static char *slurp(const char *path, size_t *len)
{
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc((size_t)n + 1);
  assert_non_null(buf);
  assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
  buf[n] = '\0';
  fclose(f);
  *len = (size_t)n;
  return buf;
}

static mn_result *run_default(mn_ctx *ctx, uint64_t seed)
{
  mn_scenario s = mn_scenario_default();
  s.seed = seed;
  mn_result *r = NULL;
  mn_status st = mn_run(ctx, &s, &r);
  if (st != MN_OK) print_error("mn_run: %s\n", mn_ctx_errmsg(ctx));
  assert_int_equal(st, MN_OK);
  assert_non_null(mn_result_channels(r));
  return r;
}

static void test_summary_has_the_puncture_fields(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_result *r = run_default(ctx, 42);
  char *json = NULL;
  assert_int_equal(mn_result_summary_json(ctx, r, &json), MN_OK);
  cJSON *root = cJSON_Parse(json);
  assert_non_null(root);
  cJSON *p = cJSON_GetObjectItemCaseSensitive(root, "puncture");
  assert_non_null(p);
  static const char *const numbers[] = {"channels",     "density_per_cm2",     "mean_depth_um",
                                        "max_depth_um", "surface_diameter_um", "area_fraction"};
  for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
    cJSON *v = cJSON_GetObjectItemCaseSensitive(p, numbers[i]);
    assert_true(cJSON_IsNumber(v));
    assert_true(v->valuedouble > 0);
  }
  const mn_puncture_stats *st = mn_channel_set_stats(mn_result_channels(r));
  /* 8 crosshatched passes of the 1.5 mm home roller over 10 cm^2 of cheek. */
  MN_EXPECT_NEAR(cJSON_GetObjectItemCaseSensitive(p, "density_per_cm2")->valuedouble,
                 st->density_per_m2 * 1e-4, 1e-12, 0);
  MN_EXPECT_NEAR(cJSON_GetObjectItemCaseSensitive(p, "density_per_cm2")->valuedouble,
                 8 * 192 / (MN_PI * 2 * 2), 0.05, 0);
  MN_EXPECT_NEAR(cJSON_GetObjectItemCaseSensitive(p, "channels")->valuedouble,
                 st->density_per_m2 * 1e-3, 1e-9, 0);
  cJSON *deepest = cJSON_GetObjectItemCaseSensitive(p, "deepest_layer");
  assert_true(cJSON_IsString(deepest));
  /* The roller reaches about half its length; its deepest channels (mean + 2 SD) pass the
   * cheek's epidermis + dermis of 1.07 mm (data/sites.yaml). */
  assert_true(strcmp(deepest->valuestring, "dermis") == 0 ||
              strcmp(deepest->valuestring, "subcutis") == 0);
  double mean = cJSON_GetObjectItemCaseSensitive(p, "mean_depth_um")->valuedouble;
  double max = cJSON_GetObjectItemCaseSensitive(p, "max_depth_um")->valuedouble;
  assert_true(mean < max && max < 1500);
  cJSON_Delete(root);
  mn_string_free(ctx, json);
  mn_result_destroy(&r);
  mn_ctx_destroy(&ctx);
}

static void test_channels_csv_is_reproducible(void **state)
{
  (void)state;
  char dir_a[] = "mn_channels_a_XXXXXX", dir_b[] = "mn_channels_b_XXXXXX";
  assert_non_null(mkdtemp(dir_a));
  assert_non_null(mkdtemp(dir_b));
  mn_ctx *ctx = mn_test_ctx();
  mn_result *ra = run_default(ctx, 7), *rb = run_default(ctx, 7);
  assert_int_equal(mni_puncture_write_csv(ctx, ra, dir_a), MN_OK);
  assert_int_equal(mni_puncture_write_csv(ctx, rb, dir_b), MN_OK);
  char path_a[256], path_b[256];
  snprintf(path_a, sizeof path_a, "%s/channels.csv", dir_a);
  snprintf(path_b, sizeof path_b, "%s/channels.csv", dir_b);
  size_t na, nb;
  char *a = slurp(path_a, &na), *b = slurp(path_b, &nb);
  assert_int_equal(na, nb);
  assert_memory_equal(a, b, na);
  /* Units in the header; one row per channel. */
  assert_true(strncmp(a, "x_um,y_um,depth_um,opening_radius_um,layer,bled\n", 48) == 0);
  size_t rows = 0;
  for (char *c = a; *c; c++)
    rows += *c == '\n';
  assert_int_equal(rows, mn_channel_set_count(mn_result_channels(ra)) + 1);
  /* The first row holds the first channel to the bit. */
  double x, y, d, r;
  char layer[32];
  int bled;
  assert_int_equal(
      sscanf(strchr(a, '\n') + 1, "%lf,%lf,%lf,%lf,%31[a-z_],%d", &x, &y, &d, &r, layer, &bled), 6);
  const mn_channel_set *cs = mn_result_channels(ra);
  MN_EXPECT_NEAR(x, mn_m_to_um(mn_channel_set_x_m(cs)[0]), 0, 0);
  MN_EXPECT_NEAR(d, mn_m_to_um(mn_channel_set_depth_m(cs)[0]), 0, 0);
  assert_string_equal(layer, mn_layer_name(mn_channel_set_layer(cs)[0]));
  /* No temporary file is left beside it. */
  assert_int_equal(unlink(path_a), 0);
  assert_int_equal(unlink(path_b), 0);
  assert_int_equal(rmdir(dir_a), 0);
  assert_int_equal(rmdir(dir_b), 0);
  /* A directory that does not exist is an I/O error naming the file. */
  assert_int_equal(mni_puncture_write_csv(ctx, ra, "/nonexistent/mn_dir"), MN_E_IO);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "channels.csv"));
  free(a);
  free(b);
  mn_result_destroy(&ra);
  mn_result_destroy(&rb);
  mn_ctx_destroy(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_summary_has_the_puncture_fields),
      cmocka_unit_test(test_channels_csv_is_reproducible),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
