/* Numbers in the library do not follow the host's locale: with a comma-decimal LC_NUMERIC set
 * (process-wide with setlocale, or per thread with uselocale) the scenario loader reads "1.25",
 * the formatter writes "1.25", messages keep the point, the caller's locale is restored, the
 * callbacks run in it, and two threads in different locales do not disturb each other. */
#define _POSIX_C_SOURCE 200809L
#include <locale.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dirent.h>

#include "core/core_int.h"
#include <cjson/cJSON.h>

#include "mn_test.h"
#include "output_test_data.h"

/* LeakSanitizer: output_test_data.h's suppressions cover glibc's setlocale, which keeps the
 * directory list it built from LOCPATH (set below when no comma locale is installed). */

static locale_t comma; /* a comma-decimal locale, (locale_t)0 when none could be had */
static const char *comma_name;

static bool is_comma(void) { return strcmp(localeconv()->decimal_point, ",") == 0; }

/* An installed comma locale, else de_DE compiled into a temporary LOCPATH (glibc reads it at
 * each newlocale) under the build directory, as tests/cli/test_locale.sh does. */
static int find_comma_locale(void **state)
{
  (void)state;
  static const char *const names[] = {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "nl_NL.UTF-8",
                                      "es_ES.UTF-8", "it_IT.UTF-8", "de_DE", NULL};
  for (int pass = 0; pass < 2 && comma == (locale_t)0; pass++) {
    if (pass == 1) {
      const char *build = getenv("MN_BUILD_DIR"); /* set by ctest */
      static char dir[512], cmd[2048];
      if (build == NULL) break;
      snprintf(dir, sizeof dir, "%s/tests/locales", build);
      snprintf(cmd, sizeof cmd, /* compiled aside, then renamed, as the shell test does */
               "d='%s'; mkdir -p \"$d\" && [ -d \"$d/de_DE.UTF-8\" ] || {"
               " localedef -i de_DE -f UTF-8 \"$d/.u$$\";"
               " mv -T \"$d/.u$$\" \"$d/de_DE.UTF-8\" || rm -rf \"$d/.u$$\"; } >/dev/null 2>&1",
               dir);
      (void)system(cmd); /* localedef's warnings give a non-zero status yet a usable locale */
      setenv("LOCPATH", dir, 1);
    }
    for (int i = 0; names[i] != NULL && comma == (locale_t)0; i++) {
      locale_t l = newlocale(LC_ALL_MASK, names[i], (locale_t)0);
      if (l == (locale_t)0) continue;
      locale_t prev = uselocale(l);
      bool ok = is_comma();
      uselocale(prev);
      if (ok) {
        comma = l;
        comma_name = names[i];
      } else {
        freelocale(l);
      }
    }
  }
  return 0;
}

static int free_comma_locale(void **state)
{
  (void)state;
  if (comma != (locale_t)0) freelocale(comma);
  return 0;
}

#define NEED_COMMA()                                                                               \
  do {                                                                                             \
    if (comma == (locale_t)0) {                                                                    \
      print_message("no comma-decimal locale (Debian package 'locales', localedef): skipped\n");  \
      skip();                                                                                      \
    }                                                                                              \
  } while (0)

/* Load "1.25 mm", format it back, and check a message's number; true when all hold. */
static bool load_and_format(mn_ctx *ctx)
{
  static const char text[] = "device: {needle_length_mm: 1.25}";
  mn_scenario s;
  if (mn_scenario_load_string(ctx, text, strlen(text), "t.yaml", &s) != MN_OK) return false;
  if (s.device.needle_length_m != 1.25e-3) return false;
  char buf[64];
  const mn_scenario_key *key = mn_scenario_key_find("device.needle_length_mm");
  if (key == NULL || mn_scenario_format_value(ctx, &s, key, buf, sizeof buf) != MN_OK) return false;
  if (strcmp(buf, "1.25") != 0) return false;
  if (mn_scenario_set(ctx, &s, "device.needle_length_mm=0.75") != MN_OK) return false;
  if (s.device.needle_length_m != 0.75e-3) return false;
  /* the range in the message is formatted by the library */
  if (mn_scenario_set(ctx, &s, "device.needle_length_mm=9") != MN_E_CONFIG) return false;
  return strstr(mn_ctx_errmsg(ctx), "0.05") != NULL && strchr(mn_ctx_errmsg(ctx), ',') == NULL;
}

static void test_setlocale_process_wide(void **state)
{
  (void)state;
  NEED_COMMA();
  assert_non_null(setlocale(LC_ALL, comma_name));
  char probe[16];
  snprintf(probe, sizeof probe, "%g", 1.25);
  assert_string_equal(probe, "1,25"); /* the test means something */
  mn_ctx *ctx = mn_test_ctx();
  static const char text[] = "device: {needle_length_mm: 1.25}";
  mn_scenario s;
  assert_int_equal(mn_scenario_load_string(ctx, text, strlen(text), "t.yaml", &s), MN_OK);
  MN_EXPECT_NEAR(s.device.needle_length_m, 1.25e-3, 0.0, 0.0);
  char buf[64];
  const mn_scenario_key *key = mn_scenario_key_find("device.needle_length_mm");
  assert_non_null(key);
  assert_int_equal(mn_scenario_format_value(ctx, &s, key, buf, sizeof buf), MN_OK);
  assert_string_equal(buf, "1.25");
  char *yaml = NULL;
  assert_int_equal(mn_scenario_to_yaml(ctx, &s, &yaml), MN_OK);
  assert_non_null(strstr(yaml, "needle_length_mm: 1.25 "));
  mn_string_free(ctx, yaml);
  assert_true(load_and_format(ctx));
  assert_true(is_comma()); /* the host's locale is back */
  mn_ctx_destroy(&ctx);
  setlocale(LC_ALL, "C");
}

static int log_calls;
static bool log_saw_comma;
static void logger(void *ud, mn_log_level level, const char *msg)
{
  (void)ud;
  (void)level;
  char probe[16];
  snprintf(probe, sizeof probe, "%g", 1.5);
  log_calls++;
  log_saw_comma = strcmp(probe, "1,5") == 0 && strstr(msg, "2.5") != NULL;
}

/* Inside an entry point (the guard) the library formats in C, the logger in the host's locale. */
static void test_callbacks_get_the_host_locale(void **state)
{
  (void)state;
  NEED_COMMA();
  locale_t prev = uselocale(comma);
  mn_ctx *ctx = mn_test_ctx();
  mn_ctx_set_logger(ctx, logger, NULL);
  {
    MNI_C_LOCALE();
    char probe[16];
    snprintf(probe, sizeof probe, "%g", 1.5);
    assert_string_equal(probe, "1.5");
    {
      MNI_C_LOCALE(); /* nested: still C inside, and the host's locale for callbacks */
      mni_log(ctx, MN_LOG_WARN, "value %g", 2.5);
    }
    snprintf(probe, sizeof probe, "%g", 1.5);
    assert_string_equal(probe, "1.5");
  }
  assert_int_equal(log_calls, 1);
  assert_true(log_saw_comma);
  assert_true(is_comma());
  mn_ctx_destroy(&ctx);
  uselocale(prev);
}

typedef struct {
  locale_t loc;
  int n_ok;
  bool is_restored;
} worker;

static void *work(void *arg)
{
  worker *w = arg;
  uselocale(w->loc);
  const char *dp = localeconv()->decimal_point;
  char want = dp[0];
  mn_ctx *ctx = NULL;
  if (mn_ctx_create(NULL, NULL, &ctx) != MN_OK) return NULL;
  w->is_restored = true;
  for (int i = 0; i < 200; i++) {
    w->n_ok += load_and_format(ctx);
    w->is_restored &= localeconv()->decimal_point[0] == want;
  }
  mn_ctx_destroy(&ctx);
  return NULL;
}

static void test_two_threads_two_locales(void **state)
{
  (void)state;
  NEED_COMMA();
  locale_t c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
  assert_true(c != (locale_t)0);
  worker w[2] = {{comma, 0, false}, {c, 0, false}};
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    assert_int_equal(pthread_create(&t[i], NULL, work, &w[i]), 0);
  for (int i = 0; i < 2; i++)
    assert_int_equal(pthread_join(t[i], NULL), 0);
  for (int i = 0; i < 2; i++) {
    assert_int_equal(w[i].n_ok, 200);
    assert_true(w[i].is_restored);
  }
  freelocale(c);
}

/* A whole run and its files under a process-wide comma locale are the same bytes as under C:
 * summary.json, every CSV and the SVG figures (PLplot's axis labels; cairo's id numbers aside),
 * and the fields read by name. The CLI keeps LC_NUMERIC at C for its own report, so this is the
 * test of the library's guard that a host program relies on. */
static mn_status run_and_write(const char *dir, double *er)
{
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario sc = mn_scenario_default();
  sc.simulation.model = MN_MODEL_1D;
  sc.simulation.duration_s = mn_h_to_s(2.0);
  sc.course.sessions = 1;
  mn_result *r = NULL;
  mn_status st = mn_run(ctx, &sc, &r);
  mn_write_opts o = mn_write_opts_default();
  o.png = o.report = false;
  if (st == MN_OK) st = mn_result_write(ctx, r, dir, &o);
  if (st == MN_OK) st = mn_result_get_double(r, "absorption.enhancement_ratio", er);
  mn_result_destroy(&r);
  mn_ctx_destroy(&ctx);
  return st;
}

/* Length of the cairo id word ("surface", "image", ...) at p, 0 if none: cairo numbers its
 * surfaces, images, glyphs and clips across the process, so a second run of a process names
 * them otherwise ("surface29" for "surface1"; cairo 1.18 of Debian 13 writes "source-173" for
 * "source-74": a hyphen may follow the word). */
static size_t id_word(const char *p, size_t n)
{
  static const char *const words[] = {"surface", "image", "glyph", "clip",
                                      "pattern", "mask",  "source"};
  for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
    size_t len = strlen(words[w]);
    if (len <= n && memcmp(p, words[w], len) == 0) return len < n && p[len] == '-' ? len + 1 : len;
  }
  return 0;
}

/* Files equal, but for the numbers of cairo's ids in an SVG. */
static bool same_text(const char *a, const char *b)
{
  size_t na = 0, nb = 0;
  char *x = mn_test_slurp(a, &na), *y = mn_test_slurp(b, &nb);
  bool same = x != NULL && y != NULL;
  for (size_t i = 0, j = 0; same && (i < na || j < nb);) {
    size_t w = i < na ? id_word(x + i, na - i) : 0;
    if (w > 0 && j + w <= nb && memcmp(x + i, y + j, w) == 0) {
      i += w, j += w;
      while (i < na && x[i] >= '0' && x[i] <= '9') i++;
      while (j < nb && y[j] >= '0' && y[j] <= '9') j++;
      continue;
    }
    same = i < na && j < nb && x[i] == y[j];
    i++, j++;
  }
  free(x);
  free(y);
  return same;
}

/* summary.json's equal but for its manifest's checksums and sizes, which are those of the SVG
 * files with cairo's ids: the same files listed, the rest to the byte. */
static bool same_summary(const char *a, const char *b)
{
  char *text[2] = {mn_test_slurp(a, NULL), mn_test_slurp(b, NULL)};
  cJSON *j[2];
  char *rest[2];
  int n_files[2];
  for (int k = 0; k < 2; k++) {
    j[k] = cJSON_Parse(text[k]);
    free(text[k]);
    n_files[k] = cJSON_GetArraySize(
        cJSON_GetObjectItem(cJSON_GetObjectItem(j[k], "manifest"), "files"));
    cJSON_DeleteItemFromObject(j[k], "manifest");
    rest[k] = cJSON_PrintUnformatted(j[k]);
    cJSON_Delete(j[k]);
  }
  bool same = rest[0] != NULL && rest[1] != NULL && strcmp(rest[0], rest[1]) == 0 &&
              n_files[0] > 0 && n_files[0] == n_files[1];
  cJSON_free(rest[0]);
  cJSON_free(rest[1]);
  return same;
}

static void test_run_and_files_same_bytes(void **state)
{
  (void)state;
  NEED_COMMA();
  const char *b = getenv("MN_BUILD_DIR");
  char base[512], c_dir[600], comma_dir[600], cmd[1400];
  snprintf(base, sizeof base, "%s/test_locale_run", b != NULL ? b : "/tmp");
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", base);
  assert_int_equal(system(cmd), 0);
  snprintf(c_dir, sizeof c_dir, "%s/c", base);
  snprintf(comma_dir, sizeof comma_dir, "%s/comma", base);
  double er_c = 0.0, er_comma = 1.0;
  assert_int_equal(run_and_write(c_dir, &er_c), MN_OK);
  assert_non_null(setlocale(LC_ALL, comma_name));
  char probe[16];
  snprintf(probe, sizeof probe, "%g", 1.25);
  assert_string_equal(probe, "1,25"); /* the test means something */
  assert_int_equal(run_and_write(comma_dir, &er_comma), MN_OK);
  setlocale(LC_ALL, "C");
  assert_true(er_c == er_comma);
  DIR *d = opendir(c_dir);
  assert_non_null(d);
  int n_files = 0;
  for (struct dirent *e; (e = readdir(d)) != NULL;) {
    if (e->d_name[0] == '.') continue;
    char x[1024], y[1024];
    snprintf(x, sizeof x, "%s/%s", c_dir, e->d_name);
    snprintf(y, sizeof y, "%s/%s", comma_dir, e->d_name);
    bool is_summary = strcmp(e->d_name, "summary.json") == 0;
    if (!(is_summary ? same_summary(x, y) : same_text(x, y)))
      fail_msg("%s differs under %s", e->d_name, comma_name);
    n_files++;
  }
  closedir(d);
  assert_true(n_files >= 8); /* summary.json, the CSV files, the SVG figures */
  assert_int_equal(mn_test_count_suffix(comma_dir, ".svg"), mn_test_count_suffix(c_dir, ".svg"));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_setlocale_process_wide),
      cmocka_unit_test(test_callbacks_get_the_host_locale),
      cmocka_unit_test(test_two_threads_two_locales),
      cmocka_unit_test(test_run_and_files_same_bytes),
  };
  return cmocka_run_group_tests(tests, find_comma_locale, free_comma_locale);
}
