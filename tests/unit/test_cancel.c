/* The cancel hook (mn_ctx_set_cancel): a run stops with MN_E_CANCELLED at whichever poll the hook
 * says so, and mn_result_write stopped at any of its polls leaves the output directory exactly
 * as it was (no file of the new run, no temporary, no staging folder), or complete. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mn_test.h"
#include "output_test_data.h"

static char base[1024];

static int setup(void **state)
{
  (void)state;
  const char *b = getenv("MN_BUILD_DIR");
  if (b == NULL) b = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
  snprintf(base, sizeof base, "%s/test_cancel", b);
  char cmd[1200];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", base);
  return system(cmd) == 0 ? 0 : -1;
}

/* Cancels at the polls_left-th poll (never when negative). */
typedef struct hook {
  long polls_left;
  long polls;
} hook;

static int cancel_at(void *ud)
{
  hook *h = ud;
  h->polls++;
  return h->polls_left >= 0 && --h->polls_left < 0;
}

static mn_scenario short_run(const char *name)
{
  mn_scenario s = mn_scenario_default();
  s.simulation.model = MN_MODEL_1D;
  s.simulation.duration_s = 3600.0;
  s.course.sessions = 1;
  snprintf(s.name, sizeof s.name, "%s", name);
  return s;
}

static void test_run_cancelled(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  hook h = {-1, 0};
  mn_ctx_set_cancel(ctx, cancel_at, &h);
  mn_scenario s = short_run("polls");
  mn_result *r = NULL;
  assert_int_equal(mn_run(ctx, &s, &r), MN_OK); /* the context's caches filled */
  mn_result_destroy(&r);
  h = (hook){-1, 0};
  assert_int_equal(mn_run(ctx, &s, &r), MN_OK); /* counts the polls of a run */
  mn_result_destroy(&r);
  long n_polls = h.polls;
  assert_true(n_polls >= 3); /* the absorption and the healing stages poll */
  for (long k = 0; k < n_polls; k += 1 + n_polls / 8) {
    h = (hook){k, 0};
    mn_status st = mn_run(ctx, &s, &r);
    if (st != MN_E_CANCELLED) fail_msg("cancelled at poll %ld of %ld: status %d", k, n_polls, st);
    assert_null(r);
    assert_non_null(strstr(mn_ctx_errmsg(ctx), "cancelled"));
  }
  mn_ctx_destroy(&ctx);
}

/* Every visible file of dir, names and bytes, in one buffer (sorted by name) of *n_out bytes. */
static char *snapshot(const char *dir, size_t *n_out)
{
  struct dirent **e = NULL;
  int n = scandir(dir, &e, NULL, alphasort);
  size_t len = 0;
  char *buf = NULL;
  for (int i = 0; i < n; i++) {
    if (e[i]->d_name[0] != '.') {
      char p[1400];
      snprintf(p, sizeof p, "%s/%s", dir, e[i]->d_name);
      size_t k = 0;
      char *text = mn_test_slurp(p, &k);
      size_t name_len = strlen(e[i]->d_name) + 1;
      buf = realloc(buf, len + name_len + k + 1);
      memcpy(buf + len, e[i]->d_name, name_len);
      if (k > 0) memcpy(buf + len + name_len, text, k);
      len += name_len + k;
      free(text);
    }
    free(e[i]);
  }
  free(e);
  buf = realloc(buf, len + 1);
  buf[len] = '\0';
  *n_out = len;
  return buf;
}

static int same(const char *a, size_t na, const char *b, size_t nb)
{
  return na == nb && memcmp(a, b, na) == 0;
}

static void test_write_cancelled(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s_old = short_run("OLD"), s_new = short_run("NEW");
  s_new.course.sessions = 0; /* fewer files than the old run: none of them may go */
  mn_result *r_old = NULL, *r_new = NULL;
  assert_int_equal(mn_run(ctx, &s_old, &r_old), MN_OK);
  assert_int_equal(mn_run(ctx, &s_new, &r_new), MN_OK);
  char dir[1200];
  snprintf(dir, sizeof dir, "%s/out", base);
  mn_write_opts o = mn_write_opts_default();
  o.png = o.svg = o.report = false; /* fast: CSV files and summary.json */
  for (int figures = 0; figures < 2; figures++) {
    if (figures) o = mn_write_opts_default();
    hook h = {-1, 0};
    mn_ctx_set_cancel(ctx, cancel_at, &h);
    assert_int_equal(mn_result_write(ctx, r_new, dir, &o), MN_OK); /* counts the polls */
    long n_polls = h.polls;
    size_t n_new = 0, n_before = 0, n_after = 0, n_done = 0;
    char *new_files = snapshot(dir, &n_new);
    assert_true(n_polls >= 4);
    for (long k = 0; k < n_polls; k += figures ? 1 + n_polls / 4 : 1) {
      h = (hook){-1, 0};
      assert_int_equal(mn_result_write(ctx, r_old, dir, &o), MN_OK);
      char *before = snapshot(dir, &n_before);
      h = (hook){k, 0};
      mn_status st = mn_result_write(ctx, r_new, dir, &o);
      assert_int_equal(st, MN_E_CANCELLED);
      char *after = snapshot(dir, &n_after);
      if (!same(before, n_before, after, n_after))
        fail_msg("cancelled at poll %ld of %ld: the directory changed", k, n_polls);
      assert_int_equal(mn_test_count_tmp_files(dir), 0);
      assert_int_equal(mn_test_count_prefix(dir, ".mnsim.stage."), 0);
      free(before);
      free(after);
    }
    /* not cancelled: the new run's files, the old run's extra ones gone (without figures:
     * cairo numbers an SVG's ids on through the process, so two writes differ there) */
    h = (hook){-1, 0};
    assert_int_equal(mn_result_write(ctx, r_new, dir, &o), MN_OK);
    char *done = snapshot(dir, &n_done);
    if (!figures && !same(done, n_done, new_files, n_new))
      fail_msg("the new run's files differ from its first write");
    free(done);
    free(new_files);
  }
  mn_result_destroy(&r_old);
  mn_result_destroy(&r_new);
  mn_ctx_destroy(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_run_cancelled),
      cmocka_unit_test(test_write_cancelled),
  };
  return cmocka_run_group_tests(tests, setup, NULL);
}
