/* Fields in HDF5 + XDMF: h5dump opens the file and lists the documented datasets and
 * attributes; values read back are the values written, to the bit; the XDMF parses and points
 * at the .h5 by its bare name; the same field gives the same bytes; bad input leaves no file. */
#define _POSIX_C_SOURCE 200809L
#include <hdf5.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/atomic_file_int.h"
#include "output/fields_int.h"
#include "mn_test.h"
#include "output_test_data.h"

static char out_dir[1024];

static int setup(void **state)
{
  (void)state;
  const char *b = getenv("MN_BUILD_DIR");
  if (b == NULL) b = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
  snprintf(out_dir, sizeof out_dir, "%s/test_output_fields", b);
  char cmd[1200];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", out_dir);
  if (system(cmd) != 0) return -1;
  mn_ctx *ctx = mn_test_ctx();
  mn_status st = mni_mkdir_p(ctx, out_dir);
  mn_ctx_destroy(&ctx);
  return st == MN_OK ? 0 : -1;
}

/* Output of a shell command into a malloc'd string. */
static char *run(const char *cmd)
{
  FILE *p = popen(cmd, "r");
  if (p == NULL) return NULL;
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap);
  size_t got;
  while (buf != NULL && (got = fread(buf + n, 1, cap - n - 1, p)) > 0) {
    n += got;
    if (n + 1 == cap) {
      char *nb = realloc(buf, cap *= 2);
      if (nb == NULL) {
        free(buf);
        buf = NULL;
      }
      buf = nb;
    }
  }
  int rc = pclose(p);
  if (buf != NULL) buf[n] = '\0';
  if (rc != 0) {
    free(buf);
    return NULL;
  }
  return buf;
}

static mni_field_meta meta(void)
{
  mni_field_meta m = {"concentration", "kg/m^3", "test plume", "unit test", 42};
  return m;
}

static void test_axisymmetric(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  static mn_test_field f;
  mn_test_make_field(&f);
  mni_field_grid g = {0, f.r_edges_m, MN_TEST_NR, NULL, 0, f.z_edges_m, MN_TEST_NZ};
  mni_field_meta m = meta();
  assert_int_equal(mni_fields_write(ctx, out_dir, "conc", &g, &m, f.c[0], f.t_s, MN_TEST_NT),
                   MN_OK);
  assert_int_equal(mn_test_count_tmp_files(out_dir), 0);

  char cmd[1400];
  snprintf(cmd, sizeof cmd, "h5dump -H '%s/conc.h5'", out_dir);
  char *hdr = run(cmd);
  assert_non_null(hdr);
  const char *must[] = {"GROUP \"grid\"",
                        "DATASET \"r_edges_m\"",
                        "DATASET \"z_edges_m\"",
                        "DATASET \"time_s\"",
                        "GROUP \"fields\"",
                        "DATASET \"step_0000\"",
                        "DATASET \"step_0001\"",
                        "ATTRIBUTE \"units\"",
                        "ATTRIBUTE \"t_s\"",
                        "ATTRIBUTE \"mnsim_version\"",
                        "ATTRIBUTE \"seed\"",
                        "ATTRIBUTE \"geometry\"",
                        "ATTRIBUTE \"description\"",
                        "( 60, 40 )"};
  for (size_t i = 0; i < sizeof must / sizeof must[0]; i++) {
    if (strstr(hdr, must[i]) == NULL) fail_msg("h5dump -H lacks %s", must[i]);
  }
  free(hdr);
  snprintf(cmd, sizeof cmd, "h5dump -a /fields/step_0001/units '%s/conc.h5'", out_dir);
  char *units = run(cmd);
  assert_non_null(units);
  assert_non_null(strstr(units, "\"kg/m^3\""));
  free(units);

  /* Values read back to the bit. */
  char path[1200];
  snprintf(path, sizeof path, "%s/conc.h5", out_dir);
  hid_t file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
  assert_true(file >= 0);
  static double back[MN_TEST_NR * MN_TEST_NZ];
  hid_t ds = H5Dopen2(file, "/fields/step_0001", H5P_DEFAULT);
  assert_true(ds >= 0);
  assert_true(H5Dread(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, back) >= 0);
  assert_memory_equal(back, f.c[1], sizeof back);
  H5Dclose(ds);
  double t[MN_TEST_NT];
  ds = H5Dopen2(file, "/time_s", H5P_DEFAULT);
  assert_true(H5Dread(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, t) >= 0);
  assert_memory_equal(t, f.t_s, sizeof t);
  H5Dclose(ds);
  H5Fclose(file);

  /* XDMF: parses, a 2D rectilinear mesh per step, the .h5 by its bare name. */
  snprintf(path, sizeof path, "%s/conc.xdmf", out_dir);
  snprintf(cmd, sizeof cmd, "xmllint --noout '%s'", path);
  assert_int_equal(system(cmd), 0);
  char *x = mn_test_slurp(path, NULL);
  assert_non_null(x);
  assert_non_null(strstr(x, "Version=\"3.0\""));
  assert_non_null(strstr(x, "2DRectMesh\" Dimensions=\"61 41\""));
  assert_non_null(strstr(x, ">conc.h5:/fields/step_0001<"));
  assert_non_null(strstr(x, "<Time Value=\"7200\"/>"));
  assert_null(strstr(x, out_dir));
  free(x);
  mn_ctx_destroy(&ctx);
}

static void test_3d_and_reproducible(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  enum { NX = 5, NY = 4, NZ = 3 };
  double xe[NX + 1], ye[NY + 1], ze[NZ + 1], c[NZ * NY * NX], t = 60.0;
  for (int i = 0; i <= NX; i++)
    xe[i] = 1e-5 * i;
  for (int i = 0; i <= NY; i++)
    ye[i] = 2e-5 * i;
  for (int i = 0; i <= NZ; i++)
    ze[i] = 1e-5 * i * i;
  for (int k = 0; k < NZ * NY * NX; k++)
    c[k] = 0.1 * k;
  mni_field_grid g = {1, xe, NX, ye, NY, ze, NZ};
  mni_field_meta m = meta();
  assert_int_equal(mni_fields_write(ctx, out_dir, "c3d_a", &g, &m, c, &t, 1), MN_OK);
  assert_int_equal(mni_fields_write(ctx, out_dir, "c3d_b", &g, &m, c, &t, 1), MN_OK);
  char cmd[1400];
  snprintf(cmd, sizeof cmd, "h5dump -H '%s/c3d_a.h5'", out_dir);
  char *hdr = run(cmd);
  assert_non_null(hdr);
  assert_non_null(strstr(hdr, "DATASET \"x_edges_m\""));
  assert_non_null(strstr(hdr, "DATASET \"y_edges_m\""));
  assert_non_null(strstr(hdr, "( 3, 4, 5 )"));
  free(hdr);
  char a[1200], b[1200];
  snprintf(a, sizeof a, "%s/c3d_a.h5", out_dir);
  snprintf(b, sizeof b, "%s/c3d_b.h5", out_dir);
  assert_true(mn_test_files_equal(a, b));
  snprintf(a, sizeof a, "%s/c3d_a.xdmf", out_dir);
  char *x = mn_test_slurp(a, NULL);
  assert_non_null(strstr(x, "3DRectMesh\" Dimensions=\"4 5 6\""));
  assert_non_null(strstr(x, "VXVYVZ"));
  free(x);
  mn_ctx_destroy(&ctx);
}

static void test_bad_input(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  double e[3] = {0, 1e-5, 2e-5}, c[4] = {1, 2, 3, 4}, t[2] = {1, 2};
  mni_field_grid g = {0, e, 2, NULL, 0, e, 2};
  mni_field_meta m = meta();
  c[2] = NAN;
  assert_int_equal(mni_fields_write(ctx, out_dir, "bad_nan", &g, &m, c, t, 1), MN_E_NUMERIC);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "cell 2 = nan"));
  c[2] = 3;
  double down[3] = {0, 2e-5, 1e-5};
  g.z_edges_m = down;
  assert_int_equal(mni_fields_write(ctx, out_dir, "bad_edges", &g, &m, c, t, 1), MN_E_ARG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "z_edges_m[2]"));
  g.z_edges_m = e;
  double tdown[2] = {2, 1};
  assert_int_equal(mni_fields_write(ctx, out_dir, "bad_t", &g, &m, c, tdown, 2), MN_E_ARG);
  assert_int_equal(mni_fields_write(ctx, out_dir, "../up", &g, &m, c, t, 1), MN_E_ARG);
  char missing[1200];
  snprintf(missing, sizeof missing, "%s/missing", out_dir);
  assert_int_equal(mni_fields_write(ctx, missing, "f", &g, &m, c, t, 1), MN_E_IO);
  const char *names[] = {"bad_nan.h5", "bad_edges.h5", "bad_t.h5", "bad_nan.xdmf"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    char p[1200];
    snprintf(p, sizeof p, "%s/%s", out_dir, names[i]);
    assert_int_equal(access(p, F_OK), -1);
  }
  assert_int_equal(mn_test_count_tmp_files(out_dir), 0);
  mn_ctx_destroy(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_axisymmetric),
      cmocka_unit_test(test_3d_and_reproducible),
      cmocka_unit_test(test_bad_input),
  };
  return cmocka_run_group_tests(tests, setup, NULL);
}
