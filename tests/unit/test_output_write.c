/* mn_result_write: the default scenario's result gives summary.json (summary + full scenario +
 * version + seed), every figure in PNG and SVG and a self-contained report.html; options are
 * honoured; a failure part-way leaves the files completed before it whole and no temporary. */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/atomic_file_int.h"
#include "output/output_int.h"
#include "output/plot/plot_int.h"
#include "scenario/scenario_json_int.h"
#include "mn_test.h"
#include "output_test_data.h"

static char base[1024];

static int setup(void **state)
{
  (void)state;
  const char *b = getenv("MN_BUILD_DIR");
  if (b == NULL) b = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
  snprintf(base, sizeof base, "%s/test_output_write", b);
  char cmd[1200];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", base);
  return system(cmd) == 0 ? 0 : -1;
}

static mn_result *default_result(mn_ctx *ctx)
{
  mn_scenario s = mn_scenario_default();
  mn_result *r = NULL;
  assert_int_equal(mn_run(ctx, &s, &r), MN_OK);
  return r;
}

static int exists(const char *dir, const char *name)
{
  char p[1400];
  snprintf(p, sizeof p, "%s/%s", dir, name);
  struct stat sb;
  return stat(p, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0;
}

static void test_default_run(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_result *r = default_result(ctx);
  char dir[1200];
  snprintf(dir, sizeof dir, "%s/default/nested", base); /* parents are created */
  assert_int_equal(mn_result_write(ctx, r, dir, NULL), MN_OK);

  /* summary.json: the summary, the full scenario, version and seed. */
  char path[1400];
  snprintf(path, sizeof path, "%s/summary.json", dir);
  char *text = mn_test_slurp(path, NULL);
  assert_non_null(text);
  cJSON *j = cJSON_Parse(text);
  assert_non_null(j);
  assert_string_equal(cJSON_GetObjectItem(j, "mnsim_version")->valuestring, mn_version());
  assert_non_null(cJSON_GetObjectItem(j, "skin"));
  cJSON *sc = cJSON_GetObjectItem(j, "scenario");
  assert_non_null(sc);
  assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(sc, "skin"), "site")->valuestring,
                      "cheek");
  assert_int_equal((int)cJSON_GetObjectItem(sc, "seed")->valuedouble, 42);
  MN_EXPECT_NEAR(
      cJSON_GetObjectItem(cJSON_GetObjectItem(sc, "device"), "needle_length_mm")->valuedouble, 1.5,
      0, 0);
  /* Every key of the table is in the scenario block. */
  size_t n_keys = 0;
  const mn_scenario_key *keys = mn_scenario_keys(&n_keys);
  for (size_t i = 0; i < n_keys; i++) {
    /* Down the dotted path, one object per section (population.sex.female_share). */
    char part[64];
    const char *p = keys[i].path, *dot;
    const cJSON *v = sc;
    while (v != NULL && (dot = strchr(p, '.')) != NULL) {
      snprintf(part, sizeof part, "%.*s", (int)(dot - p), p);
      v = cJSON_GetObjectItem(v, part);
      p = dot + 1;
    }
    if (v == NULL || cJSON_GetObjectItem(v, p) == NULL)
      fail_msg("summary.json scenario lacks %s", keys[i].path);
  }
  cJSON_Delete(j);
  free(text);

  /* Figures, report, nothing temporary. */
  const char *files[] = {"cross_section.png", "cross_section.svg", "report.html"};
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
    if (!exists(dir, files[i])) fail_msg("%s missing", files[i]);
  snprintf(path, sizeof path, "%s/cross_section.png", dir);
  assert_true(mn_test_is_png(path));
  snprintf(path, sizeof path, "%s/cross_section.svg", dir);
  assert_true(mn_test_svg_parses(path));
  snprintf(path, sizeof path, "%s/report.html", dir);
  char *html = mn_test_slurp(path, NULL);
  assert_non_null(html);
  int n_img = 0;
  assert_true(mn_test_html_self_contained(html, &n_img));
  assert_int_equal(n_img, mn_test_count_suffix(dir, ".png")); /* every figure, embedded */
  assert_int_equal(mn_test_count_suffix(dir, ".png"), mn_test_count_suffix(dir, ".svg"));
  assert_non_null(strstr(html, "Key numbers"));
  assert_non_null(strstr(html, "stratum corneum thickness (cheek)"));
  /* Units read from the summary's suffixes. */
  assert_non_null(strstr(html, "<td>mean depth</td><td class=\"num\">"));
  assert_non_null(strstr(html, "<td>µm</td>"));
  assert_non_null(strstr(html, "<td>per cm²</td>"));  /* density_per_cm2 */
  assert_non_null(strstr(html, "<td>µg/cm²/h</td>")); /* peak_flux_ug_cm2_h */
  assert_non_null(strstr(html, "<td>dose</td><td class=\"num\">40</td><td>µg/cm²</td>"));
  free(html);
  assert_true(mn_test_xml_parses(path));
  assert_int_equal(mn_test_count_tmp_files(dir), 0);

  /* Same result, same bytes. */
  char dir2[1200];
  snprintf(dir2, sizeof dir2, "%s/default2", base);
  assert_int_equal(mn_result_write(ctx, r, dir2, NULL), MN_OK);
  const char *same[] = {"cross_section.png", "report.html", "absorption.csv"};
  for (size_t i = 0; i < 3; i++) {
    char a[1400], b[1400];
    snprintf(a, sizeof a, "%s/%s", dir, same[i]);
    snprintf(b, sizeof b, "%s/%s", dir2, same[i]);
    if (!mn_test_files_equal(a, b))
      fail_msg("%s differs between two writes of one result", same[i]);
  }
  /* summary.json: the same but for its manifest, which lists the SVG files' bytes, and cairo
   * numbers an SVG's ids on from the last figure of the process (two processes give the same
   * bytes: tests/cli/test_outdir.sh) */
  char *sum[2];
  const char *sum_dir[2] = {dir, dir2};
  for (int k = 0; k < 2; k++) {
    char p[1400];
    snprintf(p, sizeof p, "%s/summary.json", sum_dir[k]);
    char *sum_text = mn_test_slurp(p, NULL);
    cJSON *sj = cJSON_Parse(sum_text);
    free(sum_text);
    assert_non_null(cJSON_GetObjectItem(sj, "manifest"));
    cJSON_DeleteItemFromObject(sj, "manifest");
    sum[k] = cJSON_PrintUnformatted(sj);
    cJSON_Delete(sj);
  }
  assert_string_equal(sum[0], sum[1]);
  cJSON_free(sum[0]);
  cJSON_free(sum[1]);
  mn_result_destroy(&r);
  mn_ctx_destroy(&ctx);
}

/* The scenario block gives back every value to the bit (numbers with the fewest digits). */
static void test_scenario_json_exact(void **state)
{
  (void)state;
  mn_scenario s = mn_scenario_default();
  s.seed = UINT64_C(18446744073709551557); /* beyond a double's exact integers */
  s.device.needle_length_m = mn_mm_to_m(0.3);
  s.treatment.area_m2 = mn_cm2_to_m2(12.7);
  cJSON *j = mni_scenario_json(&s);
  assert_non_null(j);
  char *text = cJSON_PrintUnformatted(j);
  assert_non_null(strstr(text, "\"seed\":18446744073709551557"));
  assert_non_null(strstr(text, "\"needle_length_mm\":0.3,"));
  assert_non_null(strstr(text, "\"area_cm2\":12.7,"));
  assert_non_null(strstr(text, "\"needle_base_diameter_um\":null"));
  cJSON_free(text);
  cJSON_Delete(j);
}

static void test_options(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_result *r = default_result(ctx);
  char dir[1200];
  snprintf(dir, sizeof dir, "%s/png_only", base);
  mn_write_opts o = mn_write_opts_default();
  o.svg = false;
  o.summary = false;
  assert_int_equal(mn_result_write(ctx, r, dir, &o), MN_OK);
  assert_true(exists(dir, "cross_section.png"));
  assert_false(exists(dir, "cross_section.svg"));
  assert_false(exists(dir, "summary.json"));
  assert_true(exists(dir, "report.html"));

  o = mn_write_opts_default();
  o.png = false;
  assert_int_equal(mn_result_write(ctx, r, dir, &o), MN_E_ARG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "png"));
  assert_int_equal(mn_result_write(ctx, NULL, dir, NULL), MN_E_ARG);
  assert_int_equal(mn_result_write(ctx, r, NULL, NULL), MN_E_ARG);
  mn_result_destroy(&r);
  mn_ctx_destroy(&ctx);
}

static void test_failure_part_way(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_result *r = default_result(ctx);
  /* outdir is a file: nothing can be written. */
  char file[1200];
  snprintf(file, sizeof file, "%s/plain_file", base);
  FILE *f = fopen(file, "w");
  assert_non_null(f);
  fclose(f);
  assert_int_equal(mn_result_write(ctx, r, file, NULL), MN_E_IO);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "plain_file"));

  /* report.html cannot take its name (a directory holds it): the run fails as it moves its
   * files in; before that the directory held no file of the run, and an earlier run's files
   * stay as they were. First a good run into it, then the blocked one. */
  char dir[1200], blocker[1400];
  snprintf(dir, sizeof dir, "%s/blocked", base);
  snprintf(blocker, sizeof blocker, "%s/report.html", dir);
  char cmd[1500];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  assert_int_equal(system(cmd), 0);
  mn_write_opts no_report = mn_write_opts_default();
  no_report.report = false;
  assert_int_equal(mn_result_write(ctx, r, dir, &no_report), MN_OK);
  snprintf(cmd, sizeof cmd, "mkdir -p '%s'", blocker);
  assert_int_equal(system(cmd), 0);
  assert_int_equal(mn_result_write(ctx, r, dir, NULL), MN_E_IO);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "report.html"));
  assert_null(strstr(mn_ctx_errmsg(ctx), ".mnsim.stage")); /* the file's own name */
  assert_false(exists(dir, "report.html"));
  char path[1400];
  snprintf(path, sizeof path, "%s/summary.json", dir);
  char *text = mn_test_slurp(path, NULL);
  assert_non_null(text);
  cJSON *j = cJSON_Parse(text);
  assert_non_null(j); /* complete, valid JSON */
  cJSON_Delete(j);
  free(text);
  snprintf(path, sizeof path, "%s/cross_section.png", dir);
  assert_true(mn_test_is_png(path));
  assert_int_equal(mn_test_count_tmp_files(dir), 0);
  assert_int_equal(mn_test_count_prefix(dir, ".mnsim.stage."), 0);
  mn_result_destroy(&r);
  mn_ctx_destroy(&ctx);
}

/* A stage's field series: heat maps of the stored times and the HDF5 + XDMF pair; a 3d series
 * is drawn through its middle plane. */
static void test_field_series(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  char dir[1200];
  snprintf(dir, sizeof dir, "%s/fields", base);
  assert_int_equal(mni_mkdir_p(ctx, dir), MN_OK);
  static mn_test_field f;
  mn_test_make_field(&f);
  static mni_outlist ol;
  memset(&ol, 0, sizeof ol);
  ol.ctx = ctx;
  ol.dir = dir;
  ol.formats = MNI_PLOT_PNG | MNI_PLOT_SVG;
  mni_field_series fs = {
      {0, f.r_edges_m, MN_TEST_NR, NULL, 0, f.z_edges_m, MN_TEST_NZ}, f.t_s, MN_TEST_NT, f.c[0]};
  mni_field_meta meta = {"concentration", "kg/m^3", "test", "unit test", 42};
  assert_int_equal(mni_output_field_series(ctx, &ol, &fs, &meta, 1, 1), MN_OK);
  const char *files[] = {"field_t1.png", "field_t1.svg",     "field_t2.png",
                         "field_t2.svg", "concentration.h5", "concentration.xdmf"};
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
    if (!exists(dir, files[i])) fail_msg("%s missing", files[i]);
  assert_int_equal(ol.n_fig, 2);
  assert_non_null(strstr(ol.fig[1].what, "2 h after application"));
  char cmd[1400];
  snprintf(cmd, sizeof cmd, "h5dump -H '%s/concentration.h5' | grep -q 'DATASET \"step_0001\"'",
           dir);
  assert_int_equal(system(cmd), 0);

  /* 3d: 6 x 4 x 5 cells, 1 step; the richest (x, z) plane is drawn. */
  enum { NX = 6, NY = 4, NZ = 5 };
  double xe[NX + 1], ye[NY + 1], ze[NZ + 1], c[NZ * NY * NX], t = 3600.0;
  for (int i = 0; i <= NX; i++)
    xe[i] = 2e-5 * i;
  for (int i = 0; i <= NY; i++)
    ye[i] = 2e-5 * i;
  for (int i = 0; i <= NZ; i++)
    ze[i] = 4e-5 * i;
  for (int k = 0; k < NZ * NY * NX; k++)
    c[k] = 1.0 + k;
  memset(&ol, 0, sizeof ol);
  ol.ctx = ctx;
  ol.dir = dir;
  ol.formats = MNI_PLOT_PNG;
  mni_field_series f3 = {{1, xe, NX, ye, NY, ze, NZ}, &t, 1, c};
  assert_int_equal(mni_output_field_series(ctx, &ol, &f3, &meta, 1, 0), MN_OK);
  assert_int_equal(ol.n_fig, 1);
  assert_non_null(strstr(ol.fig[0].what, "y = 70 µm")); /* the last row holds the most */
  assert_int_equal(ol.n, 1); /* the PNG only: no HDF5 without write_files */
  assert_int_equal(mn_test_count_tmp_files(dir), 0);
  mn_ctx_destroy(&ctx);
}

/* Out of memory at the k-th allocation of the write, for every k until it succeeds: only
 * MN_E_NOMEM, nothing leaked, no temporary left, and every file present is whole. */
static void test_out_of_memory(void **state)
{
  (void)state;
  mn_test_alloc fa = {.allocs_left = 1L << 40};
  mn_ctx *ctx = NULL;
  assert_int_equal(mn_ctx_create(mn_test_fail_alloc, &fa, &ctx), MN_OK);
  mn_result *r = default_result(ctx);
  char dir[1200];
  snprintf(dir, sizeof dir, "%s/oom", base);
  mn_status st = MN_E_NOMEM;
  long k, tried = 0;
  /* PNG only: an SVG takes the same path through the library (another PLplot driver), and
   * every failing allocation redraws the figures before it. */
  mn_write_opts o = mn_write_opts_default();
  o.svg = false;
  /* Each of the first 150 allocations, then every few, a quarter further each time: cJSON's
   * nodes count too since they go through the context (core/json_alloc.c; test_oom fails each
   * of them in the JSON writers), and every try redraws the figures (the suite's time). */
  for (k = 0; k < 100000 && st != MN_OK; k += k < 150 ? 1 : 1 + k / 4) {
    long live = fa.live_bytes;
    tried = k;
    fa.allocs_left = k;
    st = mn_result_write(ctx, r, dir, &o);
    fa.allocs_left = 1L << 40;
    if (st != MN_OK && st != MN_E_NOMEM)
      fail_msg("allocation %ld failed: status %d (%s)", k, (int)st, mn_ctx_errmsg(ctx));
    assert_int_equal(fa.live_bytes, live);
    assert_int_equal(mn_test_count_tmp_files(dir), 0);
  }
  assert_int_equal(st, MN_OK);
  print_message("mn_result_write succeeded once %ld allocations were allowed\n", tried);
  assert_true(k > 5); /* the loop did go through failures */
  char path[1400];
  snprintf(path, sizeof path, "%s/summary.json", dir);
  char *text = mn_test_slurp(path, NULL);
  cJSON *j = cJSON_Parse(text);
  assert_non_null(j);
  cJSON_Delete(j);
  free(text);
  mn_result_destroy(&r);
  mn_ctx_destroy(&ctx);
  assert_int_equal(fa.live_bytes, 0);
}

/* The writers never touch the process's umask (a host's other threads create files meanwhile):
 * while a run's outputs are written on a thread, files created here get 0666 less the umask,
 * every output gets the same, and the umask is the one set. */
typedef struct writer_job {
  const mn_result *r;
  const char *dir;
  mn_status st;
  volatile int is_done;
} writer_job;

static void *write_outputs(void *arg)
{
  writer_job *j = arg;
  mn_ctx *ctx = NULL;
  j->st = mn_ctx_create(NULL, NULL, &ctx);
  if (j->st == MN_OK) j->st = mn_result_write(ctx, j->r, j->dir, NULL);
  mn_ctx_destroy(&ctx);
  j->is_done = 1;
  return NULL;
}

static void test_umask_untouched(void **state)
{
  (void)state;
  mode_t before = umask(022);
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s = mn_scenario_default();
  s.simulation.model = MN_MODEL_1D;
  s.simulation.duration_s = mn_h_to_s(1.0);
  s.course.sessions = 1;
  mn_result *r = NULL;
  assert_int_equal(mn_run(ctx, &s, &r), MN_OK);
  char dir[1200], probe_dir[1200];
  snprintf(dir, sizeof dir, "%s/umask/out", base);
  snprintf(probe_dir, sizeof probe_dir, "%s/umask", base);
  assert_int_equal(mkdir(base, 0777) == 0 || errno == EEXIST, 1);
  assert_int_equal(mkdir(probe_dir, 0777) == 0 || errno == EEXIST, 1);
  writer_job job = {r, dir, MN_OK, 0};
  pthread_t t;
  assert_int_equal(pthread_create(&t, NULL, write_outputs, &job), 0);
  long n_probes = 0, n_wrong = 0;
  while (!job.is_done || n_probes < 100) {
    char p[1300];
    snprintf(p, sizeof p, "%s/probe_%ld", probe_dir, n_probes % 50);
    unlink(p);
    int fd = open(p, O_WRONLY | O_CREAT | O_EXCL, 0666);
    assert_true(fd >= 0);
    struct stat sb;
    assert_int_equal(fstat(fd, &sb), 0);
    close(fd);
    n_wrong += (sb.st_mode & 0777) != 0644;
    n_probes++;
  }
  pthread_join(t, NULL);
  assert_int_equal(job.st, MN_OK);
  print_message("%ld files created while the outputs were written, %ld with another mode\n",
                n_probes, n_wrong);
  assert_int_equal(n_wrong, 0);
  DIR *d = opendir(dir);
  assert_non_null(d);
  int n_outputs = 0;
  for (struct dirent *e; (e = readdir(d)) != NULL;) {
    if (e->d_name[0] == '.') continue;
    char p[1600];
    snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
    struct stat sb;
    assert_int_equal(stat(p, &sb), 0);
    if ((sb.st_mode & 0777) != 0644) fail_msg("%s has mode %o", e->d_name, sb.st_mode & 0777);
    n_outputs++;
  }
  closedir(d);
  assert_true(n_outputs > 5);
  assert_int_equal(umask(before), 022); /* still the one set */
  mn_result_destroy(&r);
  mn_ctx_destroy(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_default_run),  cmocka_unit_test(test_scenario_json_exact),
      cmocka_unit_test(test_options),      cmocka_unit_test(test_failure_part_way),
      cmocka_unit_test(test_field_series), cmocka_unit_test(test_out_of_memory),
      cmocka_unit_test(test_umask_untouched),
  };
  return cmocka_run_group_tests(tests, setup, NULL);
}
