/* Figures: every plot renders from synthetic data to a PNG with the PNG signature and an SVG
 * that xmllint parses; the same data give the same bytes; bad input is refused with a message
 * naming the value and leaves neither a final nor a temporary file. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/atomic_file_int.h"
#include "output/plot/plot_int.h"
#include "mn_test.h"
#include "output_test_data.h"

static char out_dir[1024];

static int setup(void **state)
{
  (void)state;
  const char *b = getenv("MN_BUILD_DIR");
  if (b == NULL) b = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
  snprintf(out_dir, sizeof out_dir, "%s/test_output_plots", b);
  char cmd[1200];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", out_dir);
  if (system(cmd) != 0) return -1;
  mn_ctx *ctx = mn_test_ctx();
  mn_status st = mni_mkdir_p(ctx, out_dir);
  mn_ctx_destroy(&ctx);
  return st == MN_OK ? 0 : -1;
}

static void check_figure(const char *name)
{
  char path[1200];
  snprintf(path, sizeof path, "%s/%s.png", out_dir, name);
  assert_true(mn_test_is_png(path));
  snprintf(path, sizeof path, "%s/%s.svg", out_dir, name);
  assert_true(mn_test_svg_parses(path));
  assert_int_equal(mn_test_count_tmp_files(out_dir), 0);
}

static mni_plot_out both(const char *name)
{
  mni_plot_out o = {out_dir, name, MNI_PLOT_PNG | MNI_PLOT_SVG};
  return o;
}

static void test_channel_map(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_test_channels ch;
  mn_test_make_channels(&ch);
  mni_plot_out o = both("channel_map");
  assert_int_equal(mni_plot_channel_map(ctx, &o, ch.x_m, ch.y_m, ch.depth_m, ch.diameter_m, ch.n,
                                        ch.patch_m, ch.patch_m),
                   MN_OK);
  check_figure("channel_map");
  /* NULL diameters: fixed-size discs. */
  o = both("channel_map_dots");
  assert_int_equal(
      mni_plot_channel_map(ctx, &o, ch.x_m, ch.y_m, ch.depth_m, NULL, ch.n, ch.patch_m, ch.patch_m),
      MN_OK);
  check_figure("channel_map_dots");
  mn_ctx_destroy(&ctx);
}

static void test_cross_section(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_layer_stack L = mn_test_cheek_layers();
  mn_test_channels ch;
  mn_test_make_channels(&ch);
  mni_plot_out o = both("cross_section");
  assert_int_equal(
      mni_plot_cross_section(ctx, &o, &L, ch.depth_m, ch.diameter_m, ch.n, ch.spacing_m), MN_OK);
  check_figure("cross_section");
  mn_ctx_destroy(&ctx);
}

static void test_curves(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  double t_h[60], treated[60], intact[60];
  mn_test_absorption_curves(t_h, treated, intact, 60);
  mni_plot_series s[2] = {{t_h, treated, 60, "microneedled", 0, 0},
                          {t_h, intact, 60, "intact", 1, 0}};
  mni_plot_lines p = {"Absorbed", "time [h]", "absorbed [% of dose]", 1, 0, 0, s, 2};
  mni_plot_out o = both("absorbed");
  assert_int_equal(mni_plot_curves(ctx, &o, &p), MN_OK);
  check_figure("absorbed");
  mn_ctx_destroy(&ctx);
}

static void test_profiles(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  enum { NZ = 80, NT = 4 };
  double z_um[NZ], c[NT][NZ];
  const double t_h[NT] = {0.5, 2, 8, 24};
  mni_plot_series s[NT];
  char labels[NT][32];
  for (int k = 0; k < NT; k++) {
    for (int i = 0; i < NZ; i++) {
      z_um[i] = 25.0 * i;
      c[k][i] = erfc(z_um[i] * 1e-6 / (2.0 * sqrt(1e-10 * t_h[k] * 3600.0)));
    }
    snprintf(labels[k], sizeof labels[k], "%g h", t_h[k]);
    s[k] = (mni_plot_series){c[k], z_um, NZ, labels[k], 0, 0};
  }
  mni_plot_lines p = {"Profile", "concentration [mg/mL]", "depth [µm]", 1, 0, 1, s, NT};
  mni_plot_out o = both("profiles");
  assert_int_equal(mni_plot_curves(ctx, &o, &p), MN_OK);
  check_figure("profiles");
  mn_ctx_destroy(&ctx);
}

static void test_heatmap(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_test_field f;
  mn_test_make_field(&f);
  mni_plot_field pf = {"Concentration at 1 h",
                       "r [µm]",
                       "concentration [mg/mL]",
                       f.r_edges_m,
                       MN_TEST_NR,
                       f.z_edges_m,
                       MN_TEST_NZ,
                       f.c[0],
                       4.0,
                       0.0};
  mni_plot_out o = both("heatmap");
  assert_int_equal(mni_plot_heatmap(ctx, &o, &pf), MN_OK);
  check_figure("heatmap");

  /* Maps that share one colour scale: a later, emptier step (here all zero) is drawn under the
   * first step's top, not refused and not rescaled to its own maximum. */
  double top = 0.0;
  for (size_t k = 0; k < MN_TEST_NR * MN_TEST_NZ; k++)
    top = top > f.c[0][k] ? top : f.c[0][k];
  for (size_t k = 0; k < MN_TEST_NR * MN_TEST_NZ; k++)
    f.c[1][k] = 0.0;
  mni_plot_field later = pf;
  later.value = f.c[1];
  later.top = top;
  mni_plot_out o2 = both("heatmap_shared_scale");
  assert_int_equal(mni_plot_heatmap(ctx, &o2, &later), MN_OK);
  check_figure("heatmap_shared_scale");
  later.top = -1.0;
  assert_int_equal(mni_plot_heatmap(ctx, &o2, &later), MN_E_ARG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "top = -1"));
  mn_ctx_destroy(&ctx);
}

static void test_course(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  enum { N = 400 };
  double days[N], col[N], ela[N], mat[N];
  const double sessions[4] = {0, 28, 56, 84};
  mn_test_course(days, col, ela, N, sessions, 4);
  for (size_t i = 0; i < N; i++)
    mat[i] = 0.5 * col[i];
  mni_plot_out o = both("course");
  assert_int_equal(mni_plot_course(ctx, &o, days, col, mat, ela, N, sessions, 4), MN_OK);
  check_figure("course");
  o = both("course_no_elastin");
  assert_int_equal(mni_plot_course(ctx, &o, days, col, NULL, NULL, N, sessions, 0), MN_OK);
  check_figure("course_no_elastin");
  mn_ctx_destroy(&ctx);
}

/* Where the dose went: two stacked bars, a part too narrow for its number and one of a
 * solver's round-off below zero; one bar alone. */
static void test_stacked_bars(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const char *bar[2] = {"microneedled", "intact"};
  const char *part[4] = {"surface", "stratum corneum", "dermis", "absorbed"};
  const int colour[4] = {MNI_COL_SERIES + 1, MNI_COL_SC, MNI_COL_DERMIS, MNI_COL_SERIES};
  double value[8] = {0.7, 2.3, 0.003, 97.0, 29.6, 70.2, 0.02, -1e-12};
  mni_plot_bars b = {"Where the dose went", "% of the dose", bar, 2, part, colour, 4, value};
  mni_plot_out o = both("dose");
  assert_int_equal(mni_plot_stacked_bars(ctx, &o, &b), MN_OK);
  check_figure("dose");
  b.bar_labels = bar + 1;
  b.n_bars = 1;
  b.value = value + 4;
  o = both("dose_one_bar");
  assert_int_equal(mni_plot_stacked_bars(ctx, &o, &b), MN_OK);
  check_figure("dose_one_bar");

  /* refused: a value that is not finite, no bar, too many parts */
  value[5] = NAN;
  o = both("dose_bad");
  assert_int_equal(mni_plot_stacked_bars(ctx, &o, &b), MN_E_ARG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "value[1] = nan"));
  value[5] = 70.2;
  b.n_bars = 0;
  assert_int_equal(mni_plot_stacked_bars(ctx, &o, &b), MN_E_ARG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "0 bars"));
  b.n_bars = 1;
  b.n_parts = MNI_PLOT_BARS_MAX_PARTS + 1;
  assert_int_equal(mni_plot_stacked_bars(ctx, &o, &b), MN_E_ARG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "parts"));
  char path[1200];
  snprintf(path, sizeof path, "%s/dose_bad.png", out_dir);
  assert_int_equal(access(path, F_OK), -1);
  assert_int_equal(mn_test_count_tmp_files(out_dir), 0);
  mn_ctx_destroy(&ctx);
}

/* The same data give the same bytes (fixed fonts, page and colours). */
static void test_reproducible(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_test_channels ch;
  mn_test_make_channels(&ch);
  mni_plot_out a = both("repro_a"), b = both("repro_b");
  assert_int_equal(mni_plot_channel_map(ctx, &a, ch.x_m, ch.y_m, ch.depth_m, ch.diameter_m, ch.n,
                                        ch.patch_m, ch.patch_m),
                   MN_OK);
  assert_int_equal(mni_plot_channel_map(ctx, &b, ch.x_m, ch.y_m, ch.depth_m, ch.diameter_m, ch.n,
                                        ch.patch_m, ch.patch_m),
                   MN_OK);
  char pa[1200], pb[1200];
  snprintf(pa, sizeof pa, "%s/repro_a.png", out_dir);
  snprintf(pb, sizeof pb, "%s/repro_b.png", out_dir);
  assert_true(mn_test_files_equal(pa, pb));
  mn_ctx_destroy(&ctx);
}

/* Two contexts in two threads plot at once (PLplot's global state is behind a lock): both
 * succeed and give the bytes of a figure drawn alone. */
typedef struct {
  const char *name;
  mn_status st;
} plot_job;

static void *plot_thread(void *arg)
{
  plot_job *job = arg;
  mn_ctx *ctx = NULL;
  if (mn_ctx_create(NULL, NULL, &ctx) != MN_OK) {
    job->st = MN_E_NOMEM;
    return NULL;
  }
  mn_test_channels ch;
  mn_test_make_channels(&ch);
  mni_plot_out o = {out_dir, job->name, MNI_PLOT_PNG | MNI_PLOT_SVG};
  for (int i = 0; i < 3 && job->st == MN_OK; i++)
    job->st = mni_plot_channel_map(ctx, &o, ch.x_m, ch.y_m, ch.depth_m, ch.diameter_m, ch.n,
                                   ch.patch_m, ch.patch_m);
  mn_ctx_destroy(&ctx);
  return NULL;
}

static void test_threads(void **state)
{
  (void)state;
  plot_job jobs[2] = {{"thread_a", MN_OK}, {"thread_b", MN_OK}};
  pthread_t th[2];
  for (int i = 0; i < 2; i++)
    assert_int_equal(pthread_create(&th[i], NULL, plot_thread, &jobs[i]), 0);
  for (int i = 0; i < 2; i++)
    assert_int_equal(pthread_join(th[i], NULL), 0);
  mn_ctx *ctx = mn_test_ctx();
  mn_test_channels ch;
  mn_test_make_channels(&ch);
  mni_plot_out o = both("alone");
  assert_int_equal(mni_plot_channel_map(ctx, &o, ch.x_m, ch.y_m, ch.depth_m, ch.diameter_m, ch.n,
                                        ch.patch_m, ch.patch_m),
                   MN_OK);
  char alone[1200], path[1200];
  snprintf(alone, sizeof alone, "%s/alone.png", out_dir);
  for (int i = 0; i < 2; i++) {
    assert_int_equal(jobs[i].st, MN_OK);
    snprintf(path, sizeof path, "%s/%s.png", out_dir, jobs[i].name);
    assert_true(mn_test_files_equal(path, alone));
  }
  assert_int_equal(mn_test_count_tmp_files(out_dir), 0);
  mn_ctx_destroy(&ctx);
}

static void test_bad_input(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  double t[3] = {1, 2, 3}, y[3] = {1, NAN, 3};
  mni_plot_series s = {t, y, 3, "bad", 0, 0};
  mni_plot_lines p = {"t", "x", "y", 0, 0, 0, &s, 1};
  mni_plot_out o = both("bad_nan");
  assert_int_equal(mni_plot_curves(ctx, &o, &p), MN_E_ARG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "y[1] = nan"));

  /* Nothing drawable on a log axis. */
  double neg[3] = {-1, 0, -3}, ok[3] = {1, 2, 3};
  s = (mni_plot_series){neg, ok, 3, "neg", 0, 0};
  p.is_log_x = 1;
  assert_int_equal(mni_plot_curves(ctx, &o, &p), MN_E_ARG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "log axis"));

  mni_plot_out badname = both("../escape");
  s = (mni_plot_series){ok, ok, 3, "ok", 0, 0};
  p.is_log_x = 0;
  assert_int_equal(mni_plot_curves(ctx, &badname, &p), MN_E_ARG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "../escape"));

  mni_plot_out noformat = {out_dir, "noformat", 0};
  assert_int_equal(mni_plot_curves(ctx, &noformat, &p), MN_E_ARG);

  /* A directory that does not exist: MN_E_IO, nothing written. */
  char missing[1200];
  snprintf(missing, sizeof missing, "%s/no/such/dir", out_dir);
  mni_plot_out nodir = {missing, "x", MNI_PLOT_PNG};
  assert_int_equal(mni_plot_curves(ctx, &nodir, &p), MN_E_IO);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "no/such/dir"));

  /* A field with no positive value cannot go on a log colour scale. */
  mn_test_field f;
  mn_test_make_field(&f);
  for (size_t k = 0; k < MN_TEST_NR * MN_TEST_NZ; k++)
    f.c[0][k] = 0.0;
  mni_plot_field pf = {"z",         "r",        "c",    f.r_edges_m, MN_TEST_NR,
                       f.z_edges_m, MN_TEST_NZ, f.c[0], 4.0,        0.0};
  mni_plot_out zero = both("zero_field");
  assert_int_equal(mni_plot_heatmap(ctx, &zero, &pf), MN_E_ARG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "no positive value"));
  double save = f.r_edges_m[3];
  f.r_edges_m[3] = f.r_edges_m[2];
  f.c[0][0] = 1.0;
  assert_int_equal(mni_plot_heatmap(ctx, &zero, &pf), MN_E_ARG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "must increase"));
  f.r_edges_m[3] = save;

  mn_layer_stack L = mn_test_cheek_layers();
  double depth[1] = {3e-4}, diam[1] = {7e-5};
  mni_plot_out cs = both("bad_section");
  assert_int_equal(mni_plot_cross_section(ctx, &cs, &L, depth, diam, 1, -1.0), MN_E_ARG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "spacing_m = -1"));
  L.thickness_m[MN_LAYER_DERMIS] = 0.0;
  assert_int_equal(mni_plot_cross_section(ctx, &cs, &L, depth, diam, 1, 5e-4), MN_E_ARG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "dermis"));

  /* No final file and no temporary was left by any refused call. */
  const char *names[] = {"bad_nan", "noformat", "zero_field", "bad_section"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    char path[1200];
    snprintf(path, sizeof path, "%s/%s.png", out_dir, names[i]);
    assert_int_equal(access(path, F_OK), -1);
  }
  assert_int_equal(mn_test_count_tmp_files(out_dir), 0);
  mn_ctx_destroy(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_channel_map),  cmocka_unit_test(test_cross_section),
      cmocka_unit_test(test_curves),       cmocka_unit_test(test_profiles),
      cmocka_unit_test(test_heatmap),      cmocka_unit_test(test_course),
      cmocka_unit_test(test_stacked_bars), cmocka_unit_test(test_reproducible),
      cmocka_unit_test(test_threads),      cmocka_unit_test(test_bad_input),
  };
  return cmocka_run_group_tests(tests, setup, NULL);
}
