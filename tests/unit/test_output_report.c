/* report.html: self-contained (every image a data: URI, no script, link, URL or file
 * reference), text escaped, well-formed; base64 against RFC 4648's vectors; a missing or
 * non-PNG figure is refused; out of memory at any allocation fails cleanly without leaks. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/atomic_file_int.h"
#include "output/plot/plot_int.h"
#include "output/report_int.h"
#include "mn_test.h"
#include "output_test_data.h"

static char out_dir[1024];

static int setup(void **state)
{
  (void)state;
  const char *b = getenv("MN_BUILD_DIR");
  if (b == NULL) b = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
  snprintf(out_dir, sizeof out_dir, "%s/test_output_report", b);
  char cmd[1200];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", out_dir);
  if (system(cmd) != 0) return -1;
  mn_ctx *ctx = mn_test_ctx();
  mn_status st = mni_mkdir_p(ctx, out_dir);
  /* One figure to embed. */
  double t[60], a[60], b2[60];
  mn_test_absorption_curves(t, a, b2, 60);
  mni_plot_series s[2] = {{t, a, 60, "treated", 0, 0}, {t, b2, 60, "intact", 1, 0}};
  mni_plot_lines p = {"Absorbed", "time [h]", "absorbed [% of dose]", 0, 0, 0, s, 2};
  mni_plot_out o = {out_dir, "fig", MNI_PLOT_PNG};
  if (st == MN_OK) st = mni_plot_curves(ctx, &o, &p);
  char path[1200];
  snprintf(path, sizeof path, "%s/not_a.png", out_dir);
  FILE *f = fopen(path, "w");
  if (f != NULL) {
    fputs("GIF89a this is not a PNG at all", f);
    fclose(f);
  }
  mn_ctx_destroy(&ctx);
  return st == MN_OK && f != NULL ? 0 : -1;
}

static void test_base64(void **state)
{
  (void)state;
  const char *in[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
  const char *want[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
  char out[32];
  for (size_t i = 0; i < 7; i++) {
    size_t n = mni_base64_encode((const unsigned char *)in[i], strlen(in[i]), out);
    assert_string_equal(out, want[i]);
    assert_int_equal(n, strlen(want[i]));
  }
  const unsigned char bin[3] = {0xff, 0xfe, 0x00};
  mni_base64_encode(bin, 3, out);
  assert_string_equal(out, "//4A");
}

/* Everything a report holds, with text that must be escaped. */
static mn_status build(mn_ctx *ctx, const char *name)
{
  mni_report *rep = NULL;
  mn_status st = MN_OK;
  MN_TRY(mni_report_create(ctx, "Cheek & roller <test>", &rep));
  const char *cells[] = {"quantity", "value", "unit", "absorbed", "12.5",
                         "%",        "depth", "300",  "µm"};
  const char *refs[] = {"Kalluri H, Kolli CS, Banga AK (2011) AAPS J 13:473",
                        "<script>alert('x')</script>"};
  MN_CHECK_GOTO(mni_report_heading(rep, "Key numbers"));
  MN_CHECK_GOTO(mni_report_table(rep, "Summary", 3, 3, cells));
  MN_CHECK_GOTO(mni_report_paragraph(rep, "A \"quoted\" & <tagged> paragraph."));
  MN_CHECK_GOTO(mni_report_pre(rep, "skin:\n  site: cheek\n"));
  MN_CHECK_GOTO(mni_report_figure(rep, out_dir, "fig.png", "Absorbed % over time"));
  MN_CHECK_GOTO(mni_report_list(rep, refs, 2));
  MN_CHECK_GOTO(mni_report_write(rep, out_dir, name));
fail:
  mni_report_destroy(&rep);
  return st;
}

static void test_self_contained(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  assert_int_equal(build(ctx, "report.html"), MN_OK);
  char path[1200];
  snprintf(path, sizeof path, "%s/report.html", out_dir);
  char *html = mn_test_slurp(path, NULL);
  assert_non_null(html);
  int n_img = 0;
  assert_true(mn_test_html_self_contained(html, &n_img));
  assert_int_equal(n_img, 1);
  /* The figure's bytes are the ones embedded. */
  snprintf(path, sizeof path, "%s/fig.png", out_dir);
  size_t n = 0;
  char *png = mn_test_slurp(path, &n);
  char *b64 = malloc(4 * ((n + 2) / 3) + 1);
  mni_base64_encode((const unsigned char *)png, n, b64);
  assert_non_null(strstr(html, b64));
  free(png);
  free(b64);
  /* Escaped text, never markup. */
  assert_non_null(strstr(html, "<title>Cheek &amp; roller &lt;test&gt;</title>"));
  assert_non_null(strstr(html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
  assert_non_null(strstr(html, "A &quot;quoted&quot; &amp; &lt;tagged&gt; paragraph."));
  assert_non_null(strstr(html, "<td class=\"num\">12.5</td>"));
  assert_non_null(strstr(html, "<td>µm</td>"));
  free(html);
  snprintf(path, sizeof path, "%s/report.html", out_dir);
  assert_true(mn_test_xml_parses(path));
  assert_int_equal(mn_test_count_tmp_files(out_dir), 0);
  mn_ctx_destroy(&ctx);
}

static void test_bad_figure(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mni_report *rep = NULL;
  assert_int_equal(mni_report_create(ctx, "t", &rep), MN_OK);
  assert_int_equal(mni_report_figure(rep, out_dir, "missing.png", "c"), MN_E_IO);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "missing.png"));
  assert_int_equal(mni_report_figure(rep, out_dir, "not_a.png", "c"), MN_E_IO);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "not a PNG"));
  char missing[1200];
  snprintf(missing, sizeof missing, "%s/no/dir", out_dir);
  assert_int_equal(mni_report_write(rep, missing, "r.html"), MN_E_IO);
  mni_report_destroy(&rep);
  assert_null(rep);
  mni_report_destroy(&rep);
  mn_ctx_destroy(&ctx);
}

static void test_out_of_memory(void **state)
{
  (void)state;
  int ok = 0;
  for (int k = 1; k < 200 && !ok; k++) {
    mn_test_alloc fa = {.allocs_left = 1000};
    mn_ctx *ctx = NULL;
    assert_int_equal(mn_ctx_create(mn_test_fail_alloc, &fa, &ctx), MN_OK);
    long base = fa.live_bytes;
    fa.allocs_left = k;
    mn_status st = build(ctx, "oom.html");
    assert_true(st == MN_OK || st == MN_E_NOMEM);
    ok = st == MN_OK;
    assert_int_equal(fa.live_bytes, base);
    mn_ctx_destroy(&ctx);
    assert_int_equal(fa.live_bytes, 0);
  }
  assert_true(ok);
  assert_int_equal(mn_test_count_tmp_files(out_dir), 0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_base64),
      cmocka_unit_test(test_self_contained),
      cmocka_unit_test(test_bad_figure),
      cmocka_unit_test(test_out_of_memory),
  };
  return cmocka_run_group_tests(tests, setup, NULL);
}
