/* The scenario loader, --set, validation and the YAML writer: every bad input gets its status
 * and a message naming where (line:column or --set), the key, the value and what was expected;
 * good input lands in SI; to_yaml -> load gives the same scenario to the bit. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/core_int.h"
#include "scenario/scenario_json_int.h"
#include "mn_test.h"

static mn_status load(mn_ctx *ctx, const char *text, mn_scenario *s)
{
  return mn_scenario_load_string(ctx, text, strlen(text), "t.yaml", s);
}

/* The message holds every needle (NULL-terminated list). */
static void expect_msg(mn_ctx *ctx, const char *const *needles)
{
  const char *msg = mn_ctx_errmsg(ctx);
  for (size_t i = 0; needles[i] != NULL; i++) {
    if (strstr(msg, needles[i]) == NULL) {
      print_error("message \"%s\" lacks \"%s\"\n", msg, needles[i]);
      fail();
    }
  }
}

#define EXPECT_LOAD_FAILS(text, status, ...)                                 \
  do {                                                                       \
    mn_ctx *ctx_ = mn_test_ctx();                                            \
    mn_scenario s_;                                                          \
    assert_int_equal(load(ctx_, (text), &s_), (status));                     \
    const char *const needles_[] = {__VA_ARGS__, NULL};                      \
    expect_msg(ctx_, needles_);                                              \
    mn_scenario d_ = mn_scenario_default();                                  \
    assert_memory_equal(&s_, &d_, sizeof d_); /* no half-applied scenario */ \
    mn_ctx_destroy(&ctx_);                                                   \
  } while (0)

/* ---- Good input ------------------------------------------------------------------------------ */

static void test_short_scenario_keeps_defaults(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s, d = mn_scenario_default();
  assert_int_equal(load(ctx, "skin: {site: forehead}\n", &s), MN_OK);
  assert_string_equal(s.skin.site, "forehead");
  strcpy(d.skin.site, "forehead");
  assert_memory_equal(&s, &d, sizeof s);
  assert_int_equal(mn_scenario_validate(ctx, &s), MN_OK);
  mn_ctx_destroy(&ctx);
}

static void test_values_land_in_si(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s;
  const char *text = "name: my test\n"
                     "seed: 18446744073709551615\n"
                     "skin:\n  site: cheek\n  stratum_corneum_um: 20\n  subcutis_mm: 2.5\n"
                     "  fitzpatrick: 5\n"
                     "device:\n  type: pen\n  needle_length_mm: 1.0\n  needles: 12\n"
                     "  glide_speed_mm_s: 10\n"
                     "treatment: {area_cm2: 25, passes: +3, pattern: random, pressure: firm,"
                     " occluded: true}\n"
                     "formulation:\n  compound: ''\n  molecular_weight_da: 176.12\n"
                     "  log_kow: -1.85\n  dose_ul_cm2: 20\n  applied_after_h: .5\n"
                     "simulation: {duration_h: 48, mode: franz_cell, model: 1d, tolerance: 1e-6}\n"
                     "course: {sessions: 0, interval_weeks: 6, follow_up_months: 3}\n";
  assert_int_equal(load(ctx, text, &s), MN_OK);
  assert_string_equal(s.name, "my test");
  assert_true(s.seed == UINT64_MAX);
  MN_EXPECT_NEAR(s.skin.stratum_corneum_m, 20e-6, 1e-15, 0);
  MN_EXPECT_NEAR(s.skin.subcutis_m, 2.5e-3, 1e-15, 0);
  assert_true(isnan(s.skin.dermis_m));
  assert_int_equal(s.skin.fitzpatrick, 5);
  assert_int_equal(s.device.type, MN_DEVICE_PEN);
  MN_EXPECT_NEAR(s.device.needle_length_m, 1e-3, 1e-15, 0);
  assert_int_equal(s.device.needles, 12);
  MN_EXPECT_NEAR(s.device.glide_speed_m_per_s, 0.01, 1e-15, 0);
  MN_EXPECT_NEAR(s.treatment.area_m2, 25e-4, 1e-15, 0);
  assert_int_equal(s.treatment.passes, 3);
  assert_int_equal(s.treatment.pattern, MN_PATTERN_RANDOM);
  assert_int_equal(s.treatment.pressure, MN_PRESSURE_FIRM);
  assert_true(s.treatment.occluded);
  assert_string_equal(s.formulation.compound, "");
  MN_EXPECT_NEAR(s.formulation.log_kow, -1.85, 1e-15, 0);
  MN_EXPECT_NEAR(s.formulation.dose_film_m, 20e-5, 1e-15, 0); /* 20 µL/cm² = 0.2 mm of film */
  MN_EXPECT_NEAR(s.formulation.applied_after_s, 1800, 1e-15, 0);
  MN_EXPECT_NEAR(s.simulation.duration_s, 48 * 3600.0, 1e-15, 0);
  assert_int_equal(s.simulation.mode, MN_MODE_FRANZ_CELL);
  assert_int_equal(s.simulation.model, MN_MODEL_1D);
  MN_EXPECT_NEAR(s.simulation.tolerance, 1e-6, 1e-15, 0);
  assert_int_equal(s.course.sessions, 0);
  MN_EXPECT_NEAR(s.course.interval_s, 6 * 7 * 86400.0, 1e-15, 0);
  MN_EXPECT_NEAR(s.course.follow_up_s, 3 * 30.4375 * 86400.0, 1e-15, 0);
  assert_int_equal(mn_scenario_validate(ctx, &s), MN_OK);
  mn_ctx_destroy(&ctx);
}

static void test_quoting_empty_sections_and_utf8(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s;
  /* Names and enum values may be quoted; an empty section applies nothing. */
  assert_int_equal(load(ctx, "skin: {site: \"forehead\"}\ndevice:\n  type: 'stamp'\ncourse:\n", &s),
                   MN_OK);
  assert_string_equal(s.skin.site, "forehead");
  assert_int_equal(s.device.type, MN_DEVICE_STAMP);
  assert_int_equal(s.course.sessions, 4);
  /* Four-byte UTF-8 in a name is text; a byte that starts no UTF-8 sequence is not. */
  assert_int_equal(load(ctx, "name: \"\xf0\x9f\x99\x82 cheek\"\n", &s), MN_OK);
  assert_string_equal(s.name, "\xf0\x9f\x99\x82 cheek");
  assert_int_equal(load(ctx, "name: a\xf5\x80\x80\x80\n", &s), MN_E_CONFIG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "t.yaml:1:8: not a text file: byte 0xf5"));
  assert_int_equal(load(ctx, "treatment: {occluded: \"true\"}\n", &s), MN_E_CONFIG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "a quoted string, not true or false"));
  mn_ctx_destroy(&ctx);
}

/* Single-quoted scalars are decoded by the loader (libfyaml 0.7.12 leaks a buffer when it
 * unescapes several '' itself): the same text as libfyaml gives, folding included. */
static void test_single_quoted(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s;
  const struct {
    const char *yaml, *name;
  } cases[] = {
      {"name: 'it''s'\n", "it's"},
      {"name: '" /* 20 escaped quotes: */ "''''''''''''''''''''''''''''''''''''''''"
       "'\n",
       "''''''''''''''''''''"},
      {"name: '  kept  '\n", "  kept  "},
      {"name: 'one\n  two  \n   three'\n", "one two three"},
      {"name: 'a\r\n  b'\n", "a b"},
      {"name: ''\n", ""},
      {"{name: 'x''y', seed: 1}\n", "x'y"},
      {"\xef\xbb\xbfname: 'bom''d'\n", "bom'd"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    if (load(ctx, cases[i].yaml, &s) != MN_OK) {
      print_error("case %zu: %s\n", i, mn_ctx_errmsg(ctx));
      fail();
    }
    assert_string_equal(s.name, cases[i].name);
  }
  /* An empty line folds to a line break, which a name may not hold. */
  assert_int_equal(load(ctx, "name: 'a\n\n  b'\n", &s), MN_E_CONFIG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "name = 'a\\x0ab'"));
  /* Keys and enum values may be single-quoted too. */
  assert_int_equal(load(ctx, "'device': {'type': 'pen'}\n", &s), MN_OK);
  assert_int_equal(s.device.type, MN_DEVICE_PEN);
  mn_ctx_destroy(&ctx);
}

/* A value set through the API that no decimal text times the key's factor reproduces: the
 * writer gives the nearest decimal, which loads back within an ulp or two. */
static void test_api_value_writes_nearest_decimal(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s = mn_scenario_default(), back;
  s.device.needle_length_m = nextafter(1.5e-3, 1.0);
  char *yaml = NULL;
  assert_int_equal(mn_scenario_to_yaml(ctx, &s, &yaml), MN_OK);
  assert_int_equal(mn_scenario_load_string(ctx, yaml, strlen(yaml), "w", &back), MN_OK);
  MN_EXPECT_NEAR(back.device.needle_length_m, s.device.needle_length_m, 1e-15, 0);
  mn_string_free(ctx, yaml);
  mn_ctx_destroy(&ctx);
}

/* The same characters inside quotes, comments or a word are text. */
static void test_indicators_inside_text(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s;
  assert_int_equal(load(ctx,
                        "# a comment: & * ! ? | > %\t\n"
                        "name: \"tab here & *star* !bang ? | > % \\\" #x\"  # trailing\t\n"
                        "seed: 1 # what? &ok\n",
                        &s),
                   MN_OK);
  assert_string_equal(s.name, "tab here & *star* !bang ? | > % \" #x");
  assert_int_equal(load(ctx, "name: it's a what? x&y 50% a|b a>b\n", &s), MN_OK);
  assert_string_equal(s.name, "it's a what? x&y 50% a|b a>b");
  assert_int_equal(load(ctx, "name: 'it''s & ? | ! >'\n", &s), MN_OK);
  assert_string_equal(s.name, "it's & ? | ! >");
  mn_ctx_destroy(&ctx);
}

static void test_null_restores_catalogue_value(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s;
  assert_int_equal(load(ctx, "skin:\n  dermis_um: ~\ndevice:\n  needles: null\n  model:\n", &s),
                   MN_OK);
  assert_true(isnan(s.skin.dermis_m));
  assert_int_equal(s.device.needles, -1);
  assert_string_equal(s.device.model, "");
  mn_ctx_destroy(&ctx);
}

/* ---- Bad input, one case each ---------------------------------------------------------------- */

static void test_unknown_key_suggests(void **state)
{
  (void)state;
  EXPECT_LOAD_FAILS("skin:\n  site: cheek\ndevice:\n  needle_lenght_mm: 1.0\n", MN_E_CONFIG,
                    "t.yaml:4:3:", "unknown key 'device.needle_lenght_mm'",
                    "did you mean 'device.needle_length_mm'");
  EXPECT_LOAD_FAILS("colour: blue\n", MN_E_CONFIG, "t.yaml:1:1:", "unknown key 'colour'");
  EXPECT_LOAD_FAILS("device: {length: 1}\n", MN_E_CONFIG,
                    "t.yaml:1:10:", "unknown key 'device.length'");
}

static void test_wrong_type(void **state)
{
  (void)state;
  EXPECT_LOAD_FAILS("device:\n  needle_length_mm: abc\n", MN_E_CONFIG,
                    "t.yaml:2:21:", "device.needle_length_mm = 'abc'", "not a number",
                    "0.05 to 3.5 mm");
  EXPECT_LOAD_FAILS("device:\n  needle_length_mm: '1.5'\n", MN_E_CONFIG,
                    "t.yaml:2:", "device.needle_length_mm = '1.5'", "quoted");
  EXPECT_LOAD_FAILS("treatment:\n  passes: 2.5\n", MN_E_CONFIG,
                    "t.yaml:2:11:", "treatment.passes = '2.5'", "not an integer", "1 to 100");
  EXPECT_LOAD_FAILS("treatment:\n  occluded: yes\n", MN_E_CONFIG,
                    "t.yaml:2:13:", "treatment.occluded = 'yes'", "true or false");
  EXPECT_LOAD_FAILS("seed: -1\n", MN_E_CONFIG, "t.yaml:1:7:", "seed = '-1'");
  EXPECT_LOAD_FAILS("device:\n  needle_length_mm: [1, 2]\n", MN_E_CONFIG,
                    "t.yaml:2:", "device.needle_length_mm", "a sequence");
  EXPECT_LOAD_FAILS("skin:\n  fitzpatrick: {a: 1}\n", MN_E_CONFIG, "skin.fitzpatrick", "a mapping");
  EXPECT_LOAD_FAILS("skin: forehead\n", MN_E_CONFIG, "t.yaml:1:7:", "skin is a section",
                    "site: forehead");
  /* Forms strtod would take but a scenario does not. */
  const char *const not_numbers[] = {"0x10", "inf", ".inf", "nan", "1e", "1.5.2", "1,5", "1 2"};
  for (size_t i = 0; i < sizeof not_numbers / sizeof not_numbers[0]; i++) {
    char text[64];
    snprintf(text, sizeof text, "simulation:\n  duration_h: %s\n", not_numbers[i]);
    EXPECT_LOAD_FAILS(text, MN_E_CONFIG, "simulation.duration_h", not_numbers[i]);
  }
}

static void test_out_of_range_says_range_and_unit(void **state)
{
  (void)state;
  EXPECT_LOAD_FAILS("device:\n  needle_length_mm: 5\n", MN_E_CONFIG,
                    "t.yaml:2:21:", "device.needle_length_mm = '5'", "out of range",
                    "0.05 to 3.5 mm");
  EXPECT_LOAD_FAILS("skin: {fitzpatrick: 7}\n", MN_E_CONFIG,
                    "t.yaml:1:21:", "skin.fitzpatrick = '7'", "1 to 6");
  EXPECT_LOAD_FAILS("simulation: {duration_h: 1e400}\n", MN_E_CONFIG, "simulation.duration_h",
                    "out of range", "h");
  EXPECT_LOAD_FAILS("seed: 18446744073709551616\n", MN_E_CONFIG, "seed", "out of range");
  EXPECT_LOAD_FAILS("treatment: {passes: 99999999999999999999}\n", MN_E_CONFIG, "treatment.passes",
                    "out of range");
  EXPECT_LOAD_FAILS("device: {needle_length_mm: }\n", MN_E_CONFIG, "device.needle_length_mm",
                    "a value is required");
}

static void test_unknown_enum_lists_names(void **state)
{
  (void)state;
  EXPECT_LOAD_FAILS("device:\n  type: rolller\n", MN_E_CONFIG,
                    "t.yaml:2:9:", "device.type = 'rolller'", "roller, stamp, pen");
  EXPECT_LOAD_FAILS("simulation: {model: 2d}\n", MN_E_CONFIG, "simulation.model = '2d'",
                    "auto, 1d, axisymmetric, 3d");
}

static void test_unknown_site_lists_sites(void **state)
{
  (void)state;
  EXPECT_LOAD_FAILS("skin:\n  site: chek\n", MN_E_NOTFOUND, "t.yaml:2:9:", "skin.site = 'chek'",
                    "forehead", "cheek");
  /* The other catalogue names too, where they are written. */
  EXPECT_LOAD_FAILS("device:\n  type: pen\n  model: pen_99\n", MN_E_NOTFOUND, "t.yaml:3:10:",
                    "device.model = 'pen_99': unknown device 'pen_99'; valid devices:", "pen_9");
  EXPECT_LOAD_FAILS("formulation: {compound: caffiene}\n", MN_E_NOTFOUND, "t.yaml:1:25:",
                    "formulation.compound = 'caffiene'", "valid compounds:", "niacinamide");
}

static void test_malformed_yaml_has_line_and_column(void **state)
{
  (void)state;
  EXPECT_LOAD_FAILS("skin: [1, 2\n", MN_E_CONFIG, "t.yaml:2:1:", "not valid YAML");
  EXPECT_LOAD_FAILS("skin:\n  site: \"cheek\n", MN_E_CONFIG, "t.yaml:2:10:", "not valid YAML",
                    "closing quote");
  EXPECT_LOAD_FAILS("skin:\n  site: cheek\nskin:\n  fitzpatrick: 2\n", MN_E_CONFIG,
                    "t.yaml:3:1:", "duplicate key");
  EXPECT_LOAD_FAILS("a: b: c\n", MN_E_CONFIG, "t.yaml:1:5:", "not valid YAML");
  EXPECT_LOAD_FAILS("skin: {site: forehead}\nskin.site: cheek\n", MN_E_CONFIG,
                    "t.yaml:2:1:", "skin.site is given twice (first on line 1)");
  EXPECT_LOAD_FAILS("seed: 1\n---\nseed: 2\n", MN_E_CONFIG, "t.yaml:3:1:", "second YAML document");
  /* YAML a scenario does not need is refused before libfyaml sees it. */
  EXPECT_LOAD_FAILS("seed: &s 1\nname: *s\n", MN_E_CONFIG, "t.yaml:1:7:", "an anchor");
  EXPECT_LOAD_FAILS("seed: 1\nname: *s\n", MN_E_CONFIG, "t.yaml:2:7:", "an alias");
  EXPECT_LOAD_FAILS("seed: !!int 5\n", MN_E_CONFIG, "t.yaml:1:7:", "a tag");
  EXPECT_LOAD_FAILS("? seed\n: 5\n", MN_E_CONFIG, "t.yaml:1:1:", "an explicit key");
  EXPECT_LOAD_FAILS("{? seed: 5}\n", MN_E_CONFIG, "t.yaml:1:2:", "an explicit key");
  EXPECT_LOAD_FAILS("name: |\n  text\n", MN_E_CONFIG, "t.yaml:1:7:", "a block scalar");
  EXPECT_LOAD_FAILS("name: >-\n  text\n", MN_E_CONFIG, "t.yaml:1:7:", "a block scalar");
  EXPECT_LOAD_FAILS("%YAML 1.2\n---\nseed: 1\n", MN_E_CONFIG, "t.yaml:1:1:", "a directive");
  EXPECT_LOAD_FAILS("skin:\n\tsite: cheek\n", MN_E_CONFIG, "t.yaml:2:1:", "a tab character");
  EXPECT_LOAD_FAILS("seed:\t1\n", MN_E_CONFIG, "t.yaml:1:6:", "a tab character");
  EXPECT_LOAD_FAILS("? ?s:\t ?\n", MN_E_CONFIG, "t.yaml:1:1:", "an explicit key");
  EXPECT_LOAD_FAILS("just text\n", MN_E_CONFIG, "t.yaml:1:1:", "top level is a scalar",
                    "'just text'");
  EXPECT_LOAD_FAILS("- skin\n- device\n", MN_E_CONFIG, "top level is a sequence");
  EXPECT_LOAD_FAILS("name: \"a\\x01b\"\n", MN_E_CONFIG, "name", "control character");
  char long_name[400];
  memset(long_name, 'x', sizeof long_name);
  memcpy(long_name, "name: ", 6);
  long_name[sizeof long_name - 2] = '\n';
  long_name[sizeof long_name - 1] = '\0';
  EXPECT_LOAD_FAILS(long_name, MN_E_CONFIG, "t.yaml:1:7:", "name = 'xxx", "too long",
                    "at most 127 characters");
}

static void test_empty_input(void **state)
{
  (void)state;
  EXPECT_LOAD_FAILS("", MN_E_CONFIG, "t.yaml", "empty");
  EXPECT_LOAD_FAILS("\n\n# only a comment\n", MN_E_CONFIG, "t.yaml", "empty");
  EXPECT_LOAD_FAILS("---\n", MN_E_CONFIG, "t.yaml", "empty");
}

static void test_binary_junk(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s;
  const char junk[] = {'s', 'e', 'e', 'd', ':', ' ', '1', '\n', 'x', '\0', 'y'};
  assert_int_equal(mn_scenario_load_string(ctx, junk, sizeof junk, "j.bin", &s), MN_E_CONFIG);
  const char *const n1[] = {"j.bin:2:2:", "not a text file", "0x00", NULL};
  expect_msg(ctx, n1);
  const char bad_utf8[] = "name: caf\xc3\x28\n";
  assert_int_equal(mn_scenario_load_string(ctx, bad_utf8, strlen(bad_utf8), "u.yaml", &s),
                   MN_E_CONFIG);
  const char *const n2[] = {"u.yaml:1:10:", "0xc3", NULL};
  expect_msg(ctx, n2);
  /* Valid UTF-8 in a name is fine. */
  const char utf8[] = "name: \"joues, 1.5 mm, \xc3\xa9t\xc3\xa9\"\n";
  assert_int_equal(mn_scenario_load_string(ctx, utf8, strlen(utf8), "u.yaml", &s), MN_OK);
  assert_string_equal(s.name, "joues, 1.5 mm, \xc3\xa9t\xc3\xa9");
  mn_ctx_destroy(&ctx);
}

static void test_huge_input_refused(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s;
  size_t n = MN_SCENARIO_MAX_BYTES + 1;
  char *big = malloc(n);
  assert_non_null(big);
  memset(big, '#', n); /* a comment: valid YAML, still refused */
  assert_int_equal(mn_scenario_load_string(ctx, big, n, "big.yaml", &s), MN_E_CONFIG);
  const char *const needles[] = {"big.yaml", "1048577 bytes", "1 MiB", NULL};
  expect_msg(ctx, needles);
  free(big);
  mn_ctx_destroy(&ctx);
}

/* ---- Files ----------------------------------------------------------------------------------- */

static char tmpdir[512];

static void write_file(const char *path, const char *text, size_t n)
{
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(text, 1, n, f), n);
  assert_int_equal(fclose(f), 0);
}

static void test_files(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s;
  char path[640];
  const char *base = getenv("TMPDIR");
  snprintf(tmpdir, sizeof tmpdir, "%s/mn_test_scenario_XXXXXX", base && base[0] ? base : "/tmp");
  assert_non_null(mkdtemp(tmpdir));

  snprintf(path, sizeof path, "%s/ok.yaml", tmpdir);
  write_file(path, "skin: {site: forehead}\n", 23);
  assert_int_equal(mn_scenario_load_file(ctx, path, &s), MN_OK);
  assert_string_equal(s.skin.site, "forehead");
  assert_string_equal(s.name, ""); /* no name in the file: mn_run names it after what runs */

  snprintf(path, sizeof path, "%s/bad.yaml", tmpdir);
  write_file(path, "device:\n  type: drum\n", 21);
  assert_int_equal(mn_scenario_load_file(ctx, path, &s), MN_E_CONFIG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "bad.yaml:2:9: device.type = 'drum'"));

  snprintf(path, sizeof path, "%s/missing.yaml", tmpdir);
  assert_int_equal(mn_scenario_load_file(ctx, path, &s), MN_E_IO);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "missing.yaml: cannot open"));
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "No such file"));

  assert_int_equal(mn_scenario_load_file(ctx, tmpdir, &s), MN_E_IO);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "is a directory"));

  snprintf(path, sizeof path, "%s/empty.yaml", tmpdir);
  write_file(path, "", 0);
  assert_int_equal(mn_scenario_load_file(ctx, path, &s), MN_E_CONFIG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "empty"));

  snprintf(path, sizeof path, "%s/big.yaml", tmpdir);
  size_t n = MN_SCENARIO_MAX_BYTES + 10;
  char *big = malloc(n);
  assert_non_null(big);
  memset(big, '#', n);
  write_file(path, big, n);
  free(big);
  assert_int_equal(mn_scenario_load_file(ctx, path, &s), MN_E_CONFIG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "1 MiB"));
  unlink(path);

  /* Exactly at the limit is accepted (a file of comments and one key). */
  n = MN_SCENARIO_MAX_BYTES;
  big = malloc(n);
  assert_non_null(big);
  memset(big, '#', n);
  memcpy(big, "seed: 7\n", 8);
  big[n - 1] = '\n';
  write_file(path, big, n);
  free(big);
  assert_int_equal(mn_scenario_load_file(ctx, path, &s), MN_OK);
  assert_true(s.seed == 7);
  unlink(path);

  snprintf(path, sizeof path, "%s/ok.yaml", tmpdir);
  unlink(path);
  snprintf(path, sizeof path, "%s/bad.yaml", tmpdir);
  unlink(path);
  snprintf(path, sizeof path, "%s/empty.yaml", tmpdir);
  unlink(path);
  rmdir(tmpdir);
  mn_ctx_destroy(&ctx);
}

/* ---- --set ----------------------------------------------------------------------------------- */

static void test_set(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s = mn_scenario_default(), before;
  assert_int_equal(mn_scenario_set(ctx, &s, "device.needle_length_mm=1.0"), MN_OK);
  MN_EXPECT_NEAR(s.device.needle_length_m, 1e-3, 1e-15, 0);
  assert_int_equal(mn_scenario_set(ctx, &s, " formulation.compound = niacinamide "), MN_OK);
  assert_string_equal(s.formulation.compound, "niacinamide");
  assert_int_equal(mn_scenario_set(ctx, &s, "skin.dermis_um=900"), MN_OK);
  MN_EXPECT_NEAR(s.skin.dermis_m, 900e-6, 1e-15, 0);
  assert_int_equal(mn_scenario_set(ctx, &s, "skin.dermis_um=null"), MN_OK);
  assert_true(isnan(s.skin.dermis_m));
  assert_int_equal(mn_scenario_set(ctx, &s, "name=a=b"), MN_OK); /* first '=' splits */
  assert_string_equal(s.name, "a=b");
  assert_int_equal(mn_scenario_set(ctx, &s, "skin.site=forehead"), MN_OK);

  struct {
    const char *assignment;
    mn_status st;
    const char *needle1, *needle2;
  } bad[] = {
      {"device.needle_lenth_mm=1", MN_E_CONFIG, "--set: unknown key 'device.needle_lenth_mm'",
       "did you mean 'device.needle_length_mm'"},
      {"device.needle_length_mm=9", MN_E_CONFIG, "--set device.needle_length_mm = '9'",
       "0.05 to 3.5 mm"},
      {"device.needle_length_mm=", MN_E_CONFIG, "--set device.needle_length_mm = ''",
       "a value is required"},
      {"treatment.passes=two", MN_E_CONFIG, "--set treatment.passes = 'two'", "1 to 100"},
      {"simulation.mode=vivo", MN_E_CONFIG, "simulation.mode = 'vivo'", "in_vivo, franz_cell"},
      {"skin.site=nowhere", MN_E_NOTFOUND, "--set skin.site = 'nowhere'", "forehead"},
      {"device.model=wand", MN_E_NOTFOUND, "--set device.model = 'wand'", "valid devices:"},
      {"formulation.compound=x", MN_E_NOTFOUND, "--set formulation.compound = 'x'", "niacinamide"},
      {"skin=forehead", MN_E_CONFIG, "'skin' is a section", "skin.site"},
      {"needle_length_mm", MN_E_CONFIG, "expected KEY=VALUE", "needle_length_mm"},
      {"=1", MN_E_CONFIG, "expected KEY=VALUE", "'=1'"},
      {"name=caf\xc3", MN_E_CONFIG, "--set name = 'caf\\xc3'", "not UTF-8"},
      {"zzzzzzzzzzzz=1", MN_E_CONFIG, "--set: unknown key 'zzzzzzzzzzzz'", "such as skin.site"},
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    before = s;
    assert_int_equal(mn_scenario_set(ctx, &s, bad[i].assignment), bad[i].st);
    const char *const needles[] = {bad[i].needle1, bad[i].needle2, NULL};
    expect_msg(ctx, needles);
    assert_memory_equal(&s, &before, sizeof s); /* unchanged on failure */
  }
  assert_int_equal(mn_scenario_set(ctx, NULL, "seed=1"), MN_E_ARG);
  mn_ctx_destroy(&ctx);
}

/* ---- Validation ------------------------------------------------------------------------------ */

typedef struct {
  int n_warnings;
  char last[512];
} log_capture;

static void capture_log(void *ud, mn_log_level level, const char *msg)
{
  log_capture *lc = ud;
  if (level == MN_LOG_WARN) {
    lc->n_warnings++;
    snprintf(lc->last, sizeof lc->last, "%s", msg);
  }
}

/* Each kind of a key's error names the key and the value given (mn_ctx_error_key/_value), for
 * bindings; an error about no key names none, and a later failure forgets the last key. */
static void expect_about(mn_ctx *ctx, const char *key, const char *value)
{
  if (strcmp(mn_ctx_error_key(ctx), key) != 0 || strcmp(mn_ctx_error_value(ctx), value) != 0) {
    print_error("error about '%s' = '%s', expected '%s' = '%s' (%s)\n", mn_ctx_error_key(ctx),
                mn_ctx_error_value(ctx), key, value, mn_ctx_errmsg(ctx));
    fail();
  }
}

static void test_error_names_key_and_value(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s;
  assert_int_equal(load(ctx, "device:\n  needle_length_mm: abc\n", &s), MN_E_CONFIG);
  expect_about(ctx, "device.needle_length_mm", "abc");
  assert_int_equal(load(ctx, "device: {needle_length_mm: 9}\n", &s), MN_E_CONFIG);
  expect_about(ctx, "device.needle_length_mm", "9");
  assert_int_not_equal(load(ctx, "skin: {site: nowhere}\n", &s), MN_OK);
  expect_about(ctx, "skin.site", "nowhere");
  assert_int_equal(load(ctx, "device: {needle_lenght_mm: 1}\n", &s), MN_E_CONFIG);
  expect_about(ctx, "device.needle_lenght_mm", "");
  assert_int_equal(load(ctx, "skin: {site: cheek, site: forehead}\n", &s), MN_E_CONFIG);
  expect_about(ctx, "skin.site", "");
  assert_int_equal(load(ctx, "device: [1, 2\n", &s), MN_E_CONFIG); /* not YAML: no key */
  expect_about(ctx, "", "");

  s = mn_scenario_default();
  assert_int_equal(mn_scenario_set(ctx, &s, "device.type = drill"), MN_E_CONFIG);
  expect_about(ctx, "device.type", "drill");
  assert_int_equal(mn_scenario_set(ctx, &s, "devise.type=pen"), MN_E_CONFIG);
  expect_about(ctx, "devise.type", "pen");

  s.device.needle_length_m = 5e-3; /* through the API: validate names it */
  assert_int_equal(mn_scenario_validate(ctx, &s), MN_E_CONFIG);
  expect_about(ctx, "device.needle_length_mm", "5");
  s = mn_scenario_default();
  s.population.n_fitzpatrick_shares = 6;
  for (int t = 0; t < 6; t++)
    s.population.fitzpatrick_shares[t] = 0.5;
  assert_int_equal(mn_scenario_validate(ctx, &s), MN_E_CONFIG);
  expect_about(ctx, "population.fitzpatrick.shares", "[0.5, 0.5, 0.5, 0.5, 0.5, 0.5]");
  mn_ctx_destroy(&ctx);
}

static void test_validate(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  log_capture lc = {0, ""};
  mn_ctx_set_logger(ctx, capture_log, &lc);
  mn_scenario s = mn_scenario_default();
  assert_int_equal(mn_scenario_validate(ctx, &s), MN_OK);
  assert_int_equal(lc.n_warnings, 0);

  s.device.needle_length_m = 5e-3; /* filled through the API, out of range */
  assert_int_equal(mn_scenario_validate(ctx, &s), MN_E_CONFIG);
  const char *const n1[] = {"device.needle_length_mm = 5 mm", "0.05 to 3.5 mm", NULL};
  expect_msg(ctx, n1);
  s = mn_scenario_default();
  s.simulation.duration_s = (double)NAN; /* not optional */
  assert_int_equal(mn_scenario_validate(ctx, &s), MN_E_CONFIG);
  s = mn_scenario_default();
  s.simulation.model = (mn_model)7;
  assert_int_equal(mn_scenario_validate(ctx, &s), MN_E_CONFIG);
  s = mn_scenario_default();
  strcpy(s.name, "caf\xc3");
  assert_int_equal(mn_scenario_validate(ctx, &s), MN_E_CONFIG);
  const char *const n4[] = {"scenario: name: byte 3 (0xc3)", NULL};
  expect_msg(ctx, n4);
  s = mn_scenario_default();
  s.skin.site[0] = '\0';
  assert_int_equal(mn_scenario_validate(ctx, &s), MN_E_CONFIG);
  const char *const n2[] = {"skin.site is empty", NULL};
  expect_msg(ctx, n2);

  /* A product given by its properties needs both of them. */
  s = mn_scenario_default();
  assert_int_equal(mn_scenario_set(ctx, &s, "formulation.compound="), MN_OK);
  assert_int_equal(mn_scenario_validate(ctx, &s), MN_E_CONFIG);
  const char *const n3[] = {"formulation.molecular_weight_da", "formulation.log_kow", NULL};
  expect_msg(ctx, n3);
  assert_int_equal(mn_scenario_set(ctx, &s, "formulation.molecular_weight_da=176.12"), MN_OK);
  assert_int_equal(mn_scenario_validate(ctx, &s), MN_E_CONFIG);
  assert_int_equal(mn_scenario_set(ctx, &s, "formulation.log_kow=-1.85"), MN_OK);
  assert_int_equal(mn_scenario_validate(ctx, &s), MN_OK);

  /* A pen's key on a roller is ignored, with a warning. */
  assert_int_equal(mn_scenario_set(ctx, &s, "device.frequency_hz=100"), MN_OK);
  assert_int_equal(mn_scenario_validate(ctx, &s), MN_OK);
  assert_int_equal(lc.n_warnings, 1);
  assert_non_null(strstr(lc.last, "device.frequency_hz is ignored"));
  assert_int_equal(mn_scenario_set(ctx, &s, "device.type=pen"), MN_OK);
  assert_int_equal(mn_scenario_validate(ctx, &s), MN_OK);
  assert_int_equal(lc.n_warnings, 1);
  mn_ctx_destroy(&ctx);
}

/* ---- YAML writer: round trip ----------------------------------------------------------------- */

/* Every field of the table equal to the bit (NaN included). */
static void expect_same_scenario(const mn_scenario *a, const mn_scenario *b)
{
  size_t n_keys = 0;
  const mn_scenario_key *keys = mn_scenario_keys(&n_keys);
  for (size_t i = 0; i < n_keys; i++) {
    const char *fa = (const char *)a + keys[i].offset, *fb = (const char *)b + keys[i].offset;
    size_t n = keys[i].type == MN_KEY_STRING ? strlen(fa) + 1 : keys[i].size;
    if (keys[i].type == MN_KEY_DOUBLE_LIST) { /* the count, then the elements it counts */
      int na, nb;
      memcpy(&na, (const char *)a + keys[i].count_offset, sizeof na);
      memcpy(&nb, (const char *)b + keys[i].count_offset, sizeof nb);
      n = na == nb ? (size_t)na * sizeof(double) : 0;
      if (na != nb) {
        print_error("key %s: %d elements, %d after the round trip\n", keys[i].path, na, nb);
        fail();
      }
    }
    if (memcmp(fa, fb, n) != 0) {
      print_error("key %s differs after the round trip\n", keys[i].path);
      fail();
    }
  }
}

static void round_trip(mn_ctx *ctx, const mn_scenario *s)
{
  char *yaml = NULL;
  mn_scenario back;
  assert_int_equal(mn_scenario_to_yaml(ctx, s, &yaml), MN_OK);
  if (mn_scenario_load_string(ctx, yaml, strlen(yaml), "round-trip", &back) != MN_OK) {
    print_error("%s\n--- does not load: %s\n", yaml, mn_ctx_errmsg(ctx));
    fail();
  }
  expect_same_scenario(s, &back);
  mn_string_free(ctx, yaml);
}

static void test_round_trip_default_and_edits(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s = mn_scenario_default();
  round_trip(ctx, &s);
  char *yaml = NULL;
  assert_int_equal(mn_scenario_to_yaml(ctx, &s, &yaml), MN_OK);
  assert_non_null(strstr(yaml, "\n  needle_length_mm: 1.5 "));
  assert_non_null(strstr(yaml, "\n  site: cheek "));
  assert_non_null(strstr(yaml, "\n  stratum_corneum_um: null "));
  assert_non_null(strstr(yaml, "\n  tolerance: 0.0001 "));
  mn_string_free(ctx, yaml);

  const char *const edits[] = {"name=quote \" and \\ backslash, # hash: colon",
                               "name=null",
                               "name=true",
                               "name=12",
                               "formulation.compound=",
                               "formulation.compound=ascorbic_acid",
                               "skin.stratum_corneum_um=13.7",
                               "device.needles=192",
                               "course.interval_weeks=0.1",
                               "course.follow_up_months=7",
                               "formulation.dose_ul_cm2=0.3",
                               "seed=18446744073709551615",
                               "simulation.profile_times_h=1,4,24",
                               "simulation.profile_times_h=[0.001, 719.999]",
                               "simulation.profile_times_h=null"};
  for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
    assert_int_equal(mn_scenario_set(ctx, &s, edits[i]), MN_OK);
    round_trip(ctx, &s);
  }
  mn_ctx_destroy(&ctx);
}

/* Random scenarios (fixed seed): each key a random value of its range in the user's unit, optional
 * keys sometimes unset. */
static void test_round_trip_random(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_rng rng;
  mn_rng_seed(&rng, 20240611, 0);
  size_t n_keys = 0;
  const mn_scenario_key *keys = mn_scenario_keys(&n_keys);
  for (int trial = 0; trial < 200; trial++) {
    mn_scenario s = mn_scenario_default();
    for (size_t i = 0; i < n_keys; i++) {
      const mn_scenario_key *k = &keys[i];
      char assignment[256];
      double u = mn_rng_uniform(&rng);
      bool unset = k->is_optional && mn_rng_uniform(&rng) < 0.3;
      switch (k->type) {
      case MN_KEY_DOUBLE:
        if (unset)
          snprintf(assignment, sizeof assignment, "%s=null", k->path);
        else
          snprintf(assignment, sizeof assignment, "%s=%.17g", k->path,
                   fmin(k->max, k->min + u * (k->max - k->min)));
        break;
      case MN_KEY_INT:
        if (unset)
          snprintf(assignment, sizeof assignment, "%s=null", k->path);
        else
          snprintf(assignment, sizeof assignment, "%s=%d", k->path,
                   (int)(k->min + floor(u * (k->max - k->min + 1)) - (u == 1.0)));
        break;
      case MN_KEY_UINT64:
        snprintf(assignment, sizeof assignment, "%s=%llu", k->path,
                 (unsigned long long)mn_rng_next(&rng));
        break;
      case MN_KEY_BOOL:
        snprintf(assignment, sizeof assignment, "%s=%s", k->path, u < 0.5 ? "true" : "false");
        break;
      case MN_KEY_ENUM: {
        int n = 0;
        while (k->enum_names[n] != NULL)
          n++;
        snprintf(assignment, sizeof assignment, "%s=%s", k->path, k->enum_names[(int)(u * n)]);
        break;
      }
      case MN_KEY_DOUBLE_LIST: {
        /* 0..max_count increasing values of the range, written in either --set form. */
        int n = unset ? 0 : (int)(mn_rng_uniform(&rng) * (double)(k->max_count + 1));
        bool is_bracketed = mn_rng_uniform(&rng) < 0.5;
        size_t o = (size_t)snprintf(assignment, sizeof assignment, "%s=%s", k->path,
                                    is_bracketed ? "[" : "");
        double lo = k->min;
        for (int e = 0; e < n && e < (int)k->max_count; e++) {
          /* Each in (lo, max]: a share of the room left, so the list stays increasing. */
          double v = lo + (k->max - lo) * (0.05 + 0.9 * mn_rng_uniform(&rng)) / (double)(n - e);
          o += (size_t)snprintf(assignment + o, sizeof assignment - o, "%s%.17g", e ? ", " : "", v);
          lo = v;
        }
        if (n == 0 && !is_bracketed)
          snprintf(assignment + o, sizeof assignment - o, "null");
        else if (is_bracketed)
          snprintf(assignment + o, sizeof assignment - o, "]");
        break;
      }
      case MN_KEY_STRING:
        /* Names of a catalogue must be in it (checked on the way in). */
        if (strcmp(k->path, "skin.site") == 0)
          snprintf(assignment, sizeof assignment, "%s=%s", k->path, u < 0.5 ? "cheek" : "forehead");
        else if (strcmp(k->path, "device.model") == 0)
          snprintf(assignment, sizeof assignment, "%s=%s", k->path, u < 0.5 ? "pen_9" : "");
        else if (strcmp(k->path, "formulation.compound") == 0)
          snprintf(assignment, sizeof assignment, "%s=%s", k->path, u < 0.5 ? "niacinamide" : "");
        else if (strcmp(k->path, "indication") == 0)
          snprintf(assignment, sizeof assignment, "%s=%s", k->path, u < 0.5 ? "melasma" : "");
        else
          snprintf(assignment, sizeof assignment, "%s=name %d: \"%x\"", k->path, trial,
                   (unsigned)(u * 65536));
        break;
      }
      if (mn_scenario_set(ctx, &s, assignment) != MN_OK) {
        print_error("trial %d: %s: %s\n", trial, assignment, mn_ctx_errmsg(ctx));
        fail();
      }
    }
    /* The population section's checks across keys (6 shares adding up to 1, min <= max age)
     * are the file's: keep the random values within them. */
    if (s.population.n_fitzpatrick_shares != 0)
      assert_int_equal(
          mn_scenario_set(ctx, &s, "population.fitzpatrick.shares=0.5,0.1,0.1,0.1,0.1,0.1"),
          MN_OK);
    if (s.population.age_min_years > s.population.age_max_years) {
      double a = s.population.age_min_years;
      s.population.age_min_years = s.population.age_max_years;
      s.population.age_max_years = a;
    }
    round_trip(ctx, &s);
  }
  mn_ctx_destroy(&ctx);
}

/* ---- A list key: simulation.profile_times_h ------------------------------------------------- */

/* The profile times in hours: exactly the hours times 3600, the rest of the array zero. */
static void expect_times_h(const mn_scenario *s, const double *h, int n)
{
  assert_int_equal(s->simulation.n_profile_times, n);
  for (int i = 0; i < MN_PROFILE_TIMES_MAX; i++)
    assert_true(s->simulation.profile_times_s[i] == (i < n ? h[i] * 3600.0 : 0.0));
}

static void test_list_loads_every_form(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s;
  const double three[] = {1, 4, 24}, one[] = {6}, fine[] = {0.001, 0.5, 1.25, 2, 3, 4, 5, 720};
  const struct {
    const char *yaml;
    const double *h;
    int n;
  } cases[] = {
      {"simulation: {profile_times_h: [1, 4, 24]}\n", three, 3},
      {"simulation:\n  profile_times_h: [ 1,4 , 24 ]\n", three, 3},
      {"simulation:\n  profile_times_h:\n    - 1\n    - 4\n    - 24\n", three, 3},
      {"simulation:\n  profile_times_h:\n  - 1\n  - 4e0\n  - +24.0\n", three, 3},
      {"simulation.profile_times_h: [1,\n  4, 24]\n", three, 3},
      {"simulation: {profile_times_h: 6}\n", one, 1},
      {"simulation: {profile_times_h: [6]}\n", one, 1},
      {"simulation:\n  profile_times_h: [.001, 0.5, 1.25, 2, 3, 4, 5, 720]\n", fine, 8},
      {"simulation: {profile_times_h: []}\n", NULL, 0},
      {"simulation: {profile_times_h: null}\n", NULL, 0},
      {"simulation: {profile_times_h: ~}\n", NULL, 0},
      {"simulation:\n  profile_times_h:\n", NULL, 0},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    if (load(ctx, cases[i].yaml, &s) != MN_OK) {
      print_error("case %zu: %s\n", i, mn_ctx_errmsg(ctx));
      fail();
    }
    expect_times_h(&s, cases[i].h, cases[i].n);
  }
  /* Not given: 0, the run chooses; the default scenario says so too. */
  assert_int_equal(load(ctx, "skin: {site: cheek}\n", &s), MN_OK);
  assert_int_equal(s.simulation.n_profile_times, 0);
  assert_int_equal(mn_scenario_default().simulation.n_profile_times, 0);
  /* Times up to the duration are valid; duration_h may come after the list in the file. */
  assert_int_equal(load(ctx, "simulation:\n  profile_times_h: [1, 48]\n  duration_h: 48\n", &s),
                   MN_OK);
  assert_int_equal(mn_scenario_validate(ctx, &s), MN_OK);
  mn_ctx_destroy(&ctx);
}

static void test_list_errors_say_where(void **state)
{
  (void)state;
  const char *expected = "expected a list of at most 8 numbers from 0.001 to 720 h, each greater "
                         "than the one before, such as [1, 4, 24] (or null: the run chooses)";
  EXPECT_LOAD_FAILS("simulation:\n  profile_times_h: [1, abc, 24]\n", MN_E_CONFIG,
                    "t.yaml:2:24: simulation.profile_times_h = 'abc': element 2 is not a number",
                    expected);
  EXPECT_LOAD_FAILS("simulation:\n  profile_times_h:\n    - 1\n    - 4\n    - 900\n", MN_E_CONFIG,
                    "t.yaml:5:7: simulation.profile_times_h = '900': element 3 is out of range",
                    expected);
  EXPECT_LOAD_FAILS("simulation: {profile_times_h: 0}\n", MN_E_CONFIG,
                    "t.yaml:1:31: simulation.profile_times_h = '0': element 1 is out of range");
  EXPECT_LOAD_FAILS("simulation: {profile_times_h: -1}\n", MN_E_CONFIG,
                    "simulation.profile_times_h = '-1': element 1 is out of range");
  EXPECT_LOAD_FAILS("simulation: {profile_times_h: abc}\n", MN_E_CONFIG,
                    "t.yaml:1:31: simulation.profile_times_h = 'abc': element 1 is not a number");
  /* In a flow mapping "1, 4" is not one value: 4 is the next key. */
  EXPECT_LOAD_FAILS("simulation: {profile_times_h: 1, 4}\n", MN_E_CONFIG,
                    "t.yaml:1:34: unknown key 'simulation.4'");
  EXPECT_LOAD_FAILS("simulation: {profile_times_h: [1, '4']}\n", MN_E_CONFIG,
                    "t.yaml:1:36: simulation.profile_times_h = '4': element 2 is a quoted string");
  EXPECT_LOAD_FAILS("simulation: {profile_times_h: \"6\"}\n", MN_E_CONFIG,
                    "t.yaml:1:32: simulation.profile_times_h = '6': element 1 is a quoted string");
  EXPECT_LOAD_FAILS("simulation: {profile_times_h: [1, null]}\n", MN_E_CONFIG,
                    "t.yaml:1:35: simulation.profile_times_h = 'null': element 2 is not a number");
  EXPECT_LOAD_FAILS("simulation: {profile_times_h: [1, 2, 3, 4, 5, 6, 7, 8, 9]}\n", MN_E_CONFIG,
                    "t.yaml:1:56: simulation.profile_times_h = '9': element 9 is one too many",
                    "at most 8 numbers");
  EXPECT_LOAD_FAILS("simulation: {profile_times_h: [1, 4, 4]}\n", MN_E_CONFIG,
                    "t.yaml:1:38: simulation.profile_times_h = '4': element 3 is not greater than "
                    "element 2 (4 h)");
  EXPECT_LOAD_FAILS("simulation:\n  profile_times_h:\n    - 4\n    - 0.5\n", MN_E_CONFIG,
                    "t.yaml:4:7: simulation.profile_times_h = '0.5': element 2 is not greater "
                    "than element 1 (4 h)");
  EXPECT_LOAD_FAILS("simulation: {profile_times_h: {at: 1}}\n", MN_E_CONFIG,
                    "t.yaml:1:32: simulation.profile_times_h: got a mapping",
                    "a list of numbers such as [1, 4, 24]");
  EXPECT_LOAD_FAILS("simulation: {profile_times_h: [1, [2, 3]]}\n", MN_E_CONFIG,
                    "t.yaml:1:36: simulation.profile_times_h: an element is a sequence",
                    "expected a number");
  EXPECT_LOAD_FAILS("simulation: {profile_times_h: [1, 4}\n", MN_E_CONFIG,
                    "t.yaml:1:", "not valid YAML");
  EXPECT_LOAD_FAILS("simulation: {profile_times_h: [1]}\nsimulation.profile_times_h: 2\n",
                    MN_E_CONFIG, "t.yaml:2:1: simulation.profile_times_h is given twice");
  /* A list is no value for a number key. */
  EXPECT_LOAD_FAILS("simulation: {duration_h: [1, 2]}\n", MN_E_CONFIG, "simulation.duration_h",
                    "got a sequence");
}

static void test_list_set_forms(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s = mn_scenario_default(), before;
  const double three[] = {1, 4, 24}, one[] = {6}, frac[] = {0.25, 0.5};
  const struct {
    const char *assignment;
    const double *h;
    int n;
  } good[] = {
      {"simulation.profile_times_h=1,4,24", three, 3},
      {"simulation.profile_times_h=null", NULL, 0},
      {"simulation.profile_times_h=[1,4,24]", three, 3},
      {"simulation.profile_times_h=[]", NULL, 0},
      {"simulation.profile_times_h = [ 1 , 4 ,24 ] ", three, 3},
      {"simulation.profile_times_h=", NULL, 0},
      {"simulation.profile_times_h=6", one, 1},
      {"simulation.profile_times_h=[ ]", NULL, 0},
      {"simulation.profile_times_h=.25, 5e-1", frac, 2},
      {"simulation.profile_times_h=~", NULL, 0},
  };
  for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
    if (mn_scenario_set(ctx, &s, good[i].assignment) != MN_OK) {
      print_error("%s: %s\n", good[i].assignment, mn_ctx_errmsg(ctx));
      fail();
    }
    expect_times_h(&s, good[i].h, good[i].n);
  }
  struct {
    const char *assignment, *needle1, *needle2;
  } bad[] = {
      {"simulation.profile_times_h=1,,4",
       "--set simulation.profile_times_h = '': element 2 is not a number",
       "at most 8 numbers from 0.001 to 720 h"},
      {"simulation.profile_times_h=1,4,", "= '': element 3 is not a number", "such as [1, 4, 24]"},
      {"simulation.profile_times_h=[1,4",
       "--set simulation.profile_times_h = '[1,4': an unclosed bracket", "at most 8"},
      {"simulation.profile_times_h=1,4]", "= '1,4]': an unclosed bracket", "at most 8"},
      {"simulation.profile_times_h=[", "= '[': an unclosed bracket", "at most 8"},
      {"simulation.profile_times_h=4,1", "= '1': element 2 is not greater than element 1 (4 h)",
       "each greater than the one before"},
      {"simulation.profile_times_h=1,2,3,4,5,6,7,8,9", "= '9': element 9 is one too many",
       "at most 8"},
      {"simulation.profile_times_h=0", "= '0': element 1 is out of range", "0.001 to 720 h"},
      {"simulation.profile_times_h=721", "= '721': element 1 is out of range", "0.001 to 720 h"},
      {"simulation.profile_times_h=1 4", "= '1 4': element 1 is not a number", "at most 8"},
      {"simulation.profile_times_h=1;4", "= '1;4': element 1 is not a number", "at most 8"},
      {"simulation.profile_times_h=[[1]]", "= '[1]': element 1 is not a number", "at most 8"},
      {"simulation.profile_times_h=1,null", "= 'null': element 2 is not a number", "at most 8"},
      {"simulation.profile_times_h=inf", "= 'inf': element 1 is not a number", "at most 8"},
  };
  assert_int_equal(mn_scenario_set(ctx, &s, "simulation.profile_times_h=2,3"), MN_OK);
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    before = s;
    assert_int_equal(mn_scenario_set(ctx, &s, bad[i].assignment), MN_E_CONFIG);
    const char *const needles[] = {bad[i].needle1, bad[i].needle2, NULL};
    expect_msg(ctx, needles);
    assert_memory_equal(&s, &before, sizeof s); /* unchanged on failure, old list kept */
  }
  mn_ctx_destroy(&ctx);
}

static void test_list_validation(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s = mn_scenario_default();
  /* The last time may be the end of the run, not after it; the message names both keys. */
  assert_int_equal(mn_scenario_set(ctx, &s, "simulation.profile_times_h=1,24"), MN_OK);
  assert_int_equal(mn_scenario_validate(ctx, &s), MN_OK);
  assert_int_equal(mn_scenario_set(ctx, &s, "simulation.profile_times_h=1,30"), MN_OK);
  assert_int_equal(mn_scenario_validate(ctx, &s), MN_E_CONFIG);
  const char *const n1[] = {"simulation.profile_times_h = [1, 30] h: element 2 (30 h) is after "
                            "the end of the run, simulation.duration_h = 24 h",
                            NULL};
  expect_msg(ctx, n1);
  assert_int_equal(mn_scenario_set(ctx, &s, "simulation.duration_h=30"), MN_OK);
  assert_int_equal(mn_scenario_validate(ctx, &s), MN_OK);
  /* Just past the end shows enough digits to differ from the duration. */
  assert_int_equal(mn_scenario_set(ctx, &s, "simulation.profile_times_h=30.000000001"), MN_OK);
  assert_int_equal(mn_scenario_validate(ctx, &s), MN_E_CONFIG);
  const char *const n2[] = {"element 1 (30.000000001 h)", "simulation.duration_h = 30 h", NULL};
  expect_msg(ctx, n2);

  /* Filled through the API: count, range, order and finiteness are checked too. */
  const struct {
    double t0_s, t1_s;
    int n;
    const char *needle;
  } bad[] = {
      {3600, 7200, 9, "simulation.profile_times_h has 9 elements; expected 0 to 8"},
      {3600, 7200, -1, "simulation.profile_times_h has -1 elements; expected 0 to 8"},
      {7200, 3600, 2, "= [2, 1] h: element 2 is not greater than element 1"},
      {3600, 3600, 2, "= [1, 1] h: element 2 is not greater than element 1"},
      {0, 3600, 2, "element 1 is out of range; expected each from 0.001 to 720 h"},
      {3600, (double)NAN, 2, "element 2 is out of range"},
      {3600, (double)INFINITY, 2, "element 2 is out of range"},
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    s = mn_scenario_default();
    s.simulation.profile_times_s[0] = bad[i].t0_s;
    s.simulation.profile_times_s[1] = bad[i].t1_s;
    s.simulation.n_profile_times = bad[i].n;
    assert_int_equal(mn_scenario_validate(ctx, &s), MN_E_CONFIG);
    const char *const needles[] = {bad[i].needle, NULL};
    expect_msg(ctx, needles);
  }
  mn_ctx_destroy(&ctx);
}

/* The writers: YAML as a flow sequence that loads back to the bit, JSON as an array in hours. */
static void test_list_written_back(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s = mn_scenario_default();
  const mn_scenario_key *key = mn_scenario_key_find("simulation.profile_times_h");
  assert_non_null(key);
  char buf[256], *yaml = NULL;
  assert_int_equal(mn_scenario_format_value(ctx, &s, key, buf, sizeof buf), MN_OK);
  assert_string_equal(buf, "null");
  assert_int_equal(mn_scenario_to_yaml(ctx, &s, &yaml), MN_OK);
  assert_non_null(strstr(yaml, "\n  profile_times_h: null "));
  mn_string_free(ctx, yaml);

  assert_int_equal(mn_scenario_set(ctx, &s, "simulation.profile_times_h=0.1,4,24"), MN_OK);
  assert_int_equal(mn_scenario_format_value(ctx, &s, key, buf, sizeof buf), MN_OK);
  assert_string_equal(buf, "[0.1, 4, 24]");
  assert_int_equal(mn_scenario_to_yaml(ctx, &s, &yaml), MN_OK);
  assert_non_null(strstr(yaml, "\n  profile_times_h: [0.1, 4, 24] "));
  mn_string_free(ctx, yaml);
  round_trip(ctx, &s);

  /* Eight times of 17 digits (from the API: no decimal text times 3600 gives them back exactly,
   * so the nearest decimal is written). */
  for (int i = 0; i < MN_PROFILE_TIMES_MAX; i++)
    s.simulation.profile_times_s[i] = nextafter((0.0123456789012345 + i) * 3600.0, 1e9);
  s.simulation.n_profile_times = MN_PROFILE_TIMES_MAX;
  mn_scenario back;
  assert_int_equal(mn_scenario_to_yaml(ctx, &s, &yaml), MN_OK);
  assert_int_equal(mn_scenario_load_string(ctx, yaml, strlen(yaml), "w", &back), MN_OK);
  assert_int_equal(back.simulation.n_profile_times, MN_PROFILE_TIMES_MAX);
  for (int i = 0; i < MN_PROFILE_TIMES_MAX; i++)
    MN_EXPECT_NEAR(back.simulation.profile_times_s[i], s.simulation.profile_times_s[i], 1e-15, 0);
  mn_string_free(ctx, yaml);
  /* A buffer too small for the list: cut, closed, NUL-terminated. */
  assert_int_equal(mn_scenario_format_value(ctx, &s, key, buf, 32), MN_OK);
  assert_true(strlen(buf) < 32);
  assert_non_null(strstr(buf, "...]"));
  assert_true(buf[0] == '[');

  /* JSON: an array of numbers in hours that read back to the same SI values; [] when empty. */
  s = mn_scenario_default();
  assert_int_equal(mn_scenario_set(ctx, &s, "simulation.profile_times_h=[0.1, 4, 24]"), MN_OK);
  cJSON *j = mni_scenario_json(&s);
  assert_non_null(j);
  char *text = cJSON_PrintUnformatted(j);
  assert_non_null(text);
  assert_non_null(strstr(text, "\"profile_times_h\":[0.1,4,24]"));
  cJSON_Delete(j);
  j = cJSON_Parse(text);
  cJSON_free(text);
  const cJSON *arr = cJSON_GetObjectItem(cJSON_GetObjectItem(j, "simulation"), "profile_times_h");
  assert_true(cJSON_IsArray(arr) && cJSON_GetArraySize(arr) == 3);
  for (int i = 0; i < 3; i++) /* the same SI value to the bit, as the scalar keys */
    assert_true(cJSON_GetArrayItem(arr, i)->valuedouble * 3600.0 ==
                s.simulation.profile_times_s[i]);
  cJSON_Delete(j);
  s = mn_scenario_default();
  j = mni_scenario_json(&s);
  assert_non_null(j);
  text = cJSON_PrintUnformatted(j);
  assert_non_null(strstr(text, "\"profile_times_h\":[]"));
  cJSON_free(text);
  cJSON_Delete(j);
  mn_ctx_destroy(&ctx);
}

/* ---- Table, units, allocation failure -------------------------------------------------------- */

static void test_key_table_and_units(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  size_t n_keys = 0;
  const mn_scenario_key *keys = mn_scenario_keys(&n_keys);
  for (size_t i = 0; i < n_keys; i++) {
    const mn_scenario_key *k = &keys[i];
    if (k->type == MN_KEY_INT || k->type == MN_KEY_ENUM) assert_int_equal(k->size, sizeof(int));
    if (k->type == MN_KEY_DOUBLE) {
      assert_int_equal(k->size, sizeof(double));
      assert_true(k->to_si > 0 && k->min <= k->max);
    }
    if (k->type == MN_KEY_DOUBLE_LIST) { /* doubles, an int count inside mn_scenario */
      assert_true(k->max_count > 0 && k->size == k->max_count * sizeof(double));
      assert_true(k->count_offset + sizeof(int) <= sizeof(mn_scenario));
      assert_true(k->to_si > 0 && k->min < k->max && k->is_optional);
    } else {
      assert_int_equal(k->max_count, 0);
    }
    /* A key whose factor is not 1 has a unit suffix the writer and messages can name. */
    if ((k->type == MN_KEY_DOUBLE || k->type == MN_KEY_DOUBLE_LIST) && k->to_si != 1.0 &&
        mn_scenario_key_unit(k)[0] == '\0') {
      print_error("key %s converts by %g but has no unit suffix\n", k->path, k->to_si);
      fail();
    }
  }
  assert_string_equal(mn_scenario_key_unit(mn_scenario_key_find("device.glide_speed_mm_s")),
                      "mm/s");
  assert_string_equal(mn_scenario_key_unit(mn_scenario_key_find("skin.dermis_um")), "µm");
  assert_string_equal(mn_scenario_key_unit(mn_scenario_key_find("formulation.dose_ul_cm2")),
                      "µL/cm²");
  assert_string_equal(mn_scenario_key_unit(mn_scenario_key_find("treatment.passes")), "");
  assert_string_equal(mn_scenario_key_unit(mn_scenario_key_find("simulation.profile_times_h")),
                      "h");
  assert_string_equal(mn_scenario_key_unit(NULL), "");
  mn_ctx_destroy(&ctx);
}

/* Fail the k-th allocation for k = 1, 2, ... until the call succeeds: only MN_E_NOMEM before,
 * and nothing leaks. */
static void test_out_of_memory(void **state)
{
  (void)state;
  const char *text = "skin: {site: forehead}\ndevice: {needle_length_mm: 0.5}\n";
  for (int k = 1;; k++) {
    mn_test_alloc fa = {.allocs_left = k};
    mn_ctx *ctx = NULL;
    assert_int_equal(mn_ctx_create(mn_test_fail_alloc, &fa, &ctx), MN_OK);
    mn_scenario s;
    char *yaml = NULL;
    mn_status st = load(ctx, text, &s);
    if (st == MN_OK) st = mn_scenario_to_yaml(ctx, &s, &yaml);
    mn_string_free(ctx, yaml);
    mn_ctx_destroy(&ctx);
    assert_int_equal(fa.live_bytes, 0);
    if (st == MN_OK) break;
    assert_int_equal(st, MN_E_NOMEM);
    assert_true(k < 100);
  }
}

static void test_null_arguments(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s = mn_scenario_default();
  char buf[64], *yaml = (char *)buf;
  assert_int_equal(mn_scenario_load_string(ctx, NULL, 4, "x", &s), MN_E_ARG);
  assert_int_equal(mn_scenario_load_string(ctx, "a", 1, "x", NULL), MN_E_ARG);
  assert_int_equal(mn_scenario_load_file(ctx, NULL, &s), MN_E_ARG);
  assert_int_equal(mn_scenario_validate(ctx, NULL), MN_E_ARG);
  assert_int_equal(mn_scenario_to_yaml(ctx, NULL, &yaml), MN_E_ARG);
  assert_int_equal(mn_scenario_to_yaml(ctx, &s, NULL), MN_E_ARG);
  const mn_scenario_key *k = mn_scenario_key_find("seed");
  assert_int_equal(mn_scenario_format_value(ctx, &s, k, buf, 8), MN_E_ARG);
  assert_int_equal(mn_scenario_format_value(ctx, &s, NULL, buf, sizeof buf), MN_E_ARG);
  assert_int_equal(mn_scenario_format_value(ctx, &s, k, buf, sizeof buf), MN_OK);
  assert_string_equal(buf, "42");
  /* No origin: messages say <string>. */
  assert_int_equal(mn_scenario_load_string(ctx, "seed: x\n", 8, NULL, &s), MN_E_CONFIG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "<string>:1:7: seed = 'x'"));
  mn_ctx_destroy(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_short_scenario_keeps_defaults),
      cmocka_unit_test(test_values_land_in_si),
      cmocka_unit_test(test_null_restores_catalogue_value),
      cmocka_unit_test(test_indicators_inside_text),
      cmocka_unit_test(test_quoting_empty_sections_and_utf8),
      cmocka_unit_test(test_api_value_writes_nearest_decimal),
      cmocka_unit_test(test_single_quoted),
      cmocka_unit_test(test_unknown_key_suggests),
      cmocka_unit_test(test_wrong_type),
      cmocka_unit_test(test_out_of_range_says_range_and_unit),
      cmocka_unit_test(test_unknown_enum_lists_names),
      cmocka_unit_test(test_unknown_site_lists_sites),
      cmocka_unit_test(test_malformed_yaml_has_line_and_column),
      cmocka_unit_test(test_empty_input),
      cmocka_unit_test(test_binary_junk),
      cmocka_unit_test(test_huge_input_refused),
      cmocka_unit_test(test_files),
      cmocka_unit_test(test_set),
      cmocka_unit_test(test_validate),
      cmocka_unit_test(test_error_names_key_and_value),
      cmocka_unit_test(test_round_trip_default_and_edits),
      cmocka_unit_test(test_round_trip_random),
      cmocka_unit_test(test_list_loads_every_form),
      cmocka_unit_test(test_list_errors_say_where),
      cmocka_unit_test(test_list_set_forms),
      cmocka_unit_test(test_list_validation),
      cmocka_unit_test(test_list_written_back),
      cmocka_unit_test(test_key_table_and_units),
      cmocka_unit_test(test_out_of_memory),
      cmocka_unit_test(test_null_arguments),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
