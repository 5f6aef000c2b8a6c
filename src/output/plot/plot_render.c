/* Rendering one figure with PLplot, atomically, in PNG and SVG (see plot_int.h).
 *
 * PLplot writes to a file name it opens itself, so each format is drawn into a temporary
 * "DIR/.NAME.EXT.tmp.PID.N.NS" (mni_afile_reserve) and renamed into place once the stream has
 * ended.
 * PLplot's state is global: the process-wide mutex below serialises figures, each figure gets
 * a stream of its own (plmkstrm ... plend1) and the caller's stream is restored afterwards.
 * PLplot reports recoverable errors through its abort handler, which we point at a buffer
 * (guarded by the same mutex) so they become MN_E_IO instead of text on stderr. Inputs are
 * checked before drawing so that PLplot's fatal path (plexit, which exits) is never reached. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <plplot/plplot.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/atomic_file_int.h"
#include "output/plot/plot_int.h"

/* Page size in pixels (PNG) or points (SVG). */
#define PAGE_W 960
#define PAGE_H 640

static pthread_mutex_t plot_lock = PTHREAD_MUTEX_INITIALIZER;
static char plot_abort_msg[256]; /* guarded by plot_lock */

static void on_plot_abort(PLCHAR_VECTOR msg)
{
  snprintf(plot_abort_msg, sizeof plot_abort_msg, "%s", msg != NULL ? msg : "unknown error");
}

static int is_valid_name(const char *name)
{
  if (name == NULL || name[0] == '\0' || strlen(name) > 200) return 0;
  for (const char *p = name; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
          *p == '_' || *p == '-'))
      return 0;
  return 1;
}

/* cmap0: background, ink, grey, 8 series colours (Okabe-Ito, readable by colour-blind people),
 * the four layers and the channels. */
static void set_palette(void)
{
  static const PLINT r[16] = {255, 0, 150, 0,   230, 0,   204, 86,
                              213, 0, 120, 196, 250, 236, 255, 120};
  static const PLINT g[16] = {255, 0, 150, 114, 159, 158, 121, 180,
                              94,  0, 120, 146, 218, 168, 232, 20};
  static const PLINT b[16] = {255, 0, 150, 178, 0, 115, 167, 233, 0, 0, 120, 90, 196, 168, 150, 20};
  plscmap0(r, g, b, 16);
}

void mni_plot_cmap1_viridis(void)
{
  /* Control points of matplotlib's viridis, a perceptually uniform map. */
  static const PLFLT pos[5] = {0.0, 0.25, 0.5, 0.75, 1.0};
  static const PLFLT r[5] = {0.267, 0.231, 0.128, 0.369, 0.993};
  static const PLFLT g[5] = {0.005, 0.322, 0.567, 0.789, 0.906};
  static const PLFLT b[5] = {0.329, 0.546, 0.551, 0.383, 0.144};
  plscmap1n(256);
  plscmap1l(1, 5, pos, r, g, b, NULL);
}

void mni_plot_colorbar(const char *label, double lo, double hi, int is_log)
{
  /* An image bar of 256 steps: PLplot's gradient bar leaks a cairo pattern per figure. */
  enum { N_STEPS = 256 };
  PLFLT values[N_STEPS];
  for (int i = 0; i < N_STEPS; i++)
    values[i] = lo + (hi - lo) * (double)i / (double)(N_STEPS - 1);
  PLINT n_values[1] = {N_STEPS};
  const PLFLT *vals[1] = {values};
  PLINT label_opts[1] = {PL_COLORBAR_LABEL_RIGHT};
  const char *labels[1] = {label};
  const char *axis_opts[1] = {is_log ? "bcvtml" : "bcvtm"};
  PLFLT ticks[1] = {0.0};
  PLINT sub_ticks[1] = {0};
  PLFLT w = 0.0, h = 0.0;
  plcol0(MNI_COL_BLACK);
  plcolorbar(&w, &h, PL_COLORBAR_IMAGE, PL_POSITION_RIGHT | PL_POSITION_OUTSIDE, 0.03, 0.0, 0.035,
             1.0, MNI_COL_WHITE, MNI_COL_BLACK, 1, 0.0, 1.0, 0, 0.0, 1, label_opts, labels, 1,
             axis_opts, ticks, sub_ticks, n_values, vals);
}

mn_status mni_plot_check_finite(mn_ctx *ctx, const char *what, const double *v, size_t n)
{
  MN_REQUIRE(ctx, v != NULL, MN_E_ARG, "plot: %s is NULL", what);
  for (size_t i = 0; i < n; i++)
    MN_REQUIRE(ctx, isfinite(v[i]), MN_E_ARG, "plot: %s[%zu] = %g is not finite", what, i, v[i]);
  return MN_OK;
}

void mni_plot_range(const double *v, size_t n, double *lo, double *hi)
{
  double a = HUGE_VAL, b = -HUGE_VAL;
  for (size_t i = 0; i < n; i++) {
    if (!isfinite(v[i])) continue;
    a = fmin(a, v[i]);
    b = fmax(b, v[i]);
  }
  if (a > b) {
    a = 0.0;
    b = 1.0;
  }
  if (b - a <= 1e-12 * fmax(fabs(a), fabs(b))) {
    double w = a != 0.0 ? 0.1 * fabs(a) : 1.0;
    a -= w;
    b += w;
  }
  *lo = a;
  *hi = b;
}

/* Draw one format into tmp_path. Returns 0 on success; on failure the abort message says why. */
static int draw_stream(const char *device, const char *tmp_path, mni_plot_draw_fn draw,
                       const void *data)
{
  PLINT caller_stream = 0, stream = 0;
  plgstrm(&caller_stream);
  plmkstrm(&stream);
  if (stream < 0) {
    plsstrm(caller_stream);
    snprintf(plot_abort_msg, sizeof plot_abort_msg, "no free PLplot stream");
    return -1;
  }
  plsdev(device);
  plsfnam(tmp_path);
  plspage(0.0, 0.0, PAGE_W, PAGE_H, 0, 0);
  set_palette();
  plsfont(PL_FCI_SANS, PL_FCI_UPRIGHT, PL_FCI_MEDIUM);
  plinit();
  pladv(0);
  plschr(0.0, 1.15);
  plwidth(1.5);
  if (plot_abort_msg[0] == '\0') draw(data);
  plend1();
  plsstrm(caller_stream);
  return plot_abort_msg[0] != '\0' ? -1 : 0;
}

/* Whether the file ends as a whole PNG (its IEND chunk) or SVG ("</svg>" and white space). */
static int ends_complete(const char *path, const char *ext)
{
  static const unsigned char iend[12] = {0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82};
  unsigned char tail[64];
  FILE *f = fopen(path, "rb");
  if (f == NULL) return 0;
  long size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
  size_t n = size < 0 ? 0 : size < (long)sizeof tail ? (size_t)size : sizeof tail;
  int ok = n > 0 && fseek(f, -(long)n, SEEK_END) == 0 && fread(tail, 1, n, f) == n;
  fclose(f);
  if (!ok) return 0;
  if (strcmp(ext, "png") == 0) return n >= sizeof iend && memcmp(tail + n - 12, iend, 12) == 0;
  while (n > 0 && (tail[n - 1] == '\n' || tail[n - 1] == ' ' || tail[n - 1] == '\r'))
    n--;
  return n >= 6 && memcmp(tail + n - 6, "</svg>", 6) == 0;
}

static mn_status render_one(mn_ctx *ctx, const mni_plot_out *out, const char *ext,
                            const char *device, mni_plot_draw_fn draw, const void *data)
{
  char final_path[4096], tmp_path[4096], file_name[1024];
  int n = snprintf(file_name, sizeof file_name, "%s.%s", out->name, ext);
  if (n < 0 || (size_t)n >= sizeof file_name)
    return mni_fail(ctx, MN_E_IO, "%s/%s.%s: name too long", out->dir, out->name, ext);
  MN_TRY(mni_afile_reserve(ctx, out->dir, file_name, final_path, tmp_path, sizeof tmp_path));

  pthread_mutex_lock(&plot_lock);
  plot_abort_msg[0] = '\0';
  plsabort(on_plot_abort);
  int bad = draw_stream(device, tmp_path, draw, data);
  char msg[sizeof plot_abort_msg];
  memcpy(msg, plot_abort_msg, sizeof msg);
  plsabort(NULL);
  pthread_mutex_unlock(&plot_lock);

  char shown[4096];
  mni_afile_shown(final_path, shown, sizeof shown);
  struct stat sb;
  if (bad || stat(tmp_path, &sb) != 0 || sb.st_size == 0) {
    unlink(tmp_path);
    return mni_fail(ctx, MN_E_IO, "%s: PLplot (%s) failed: %s", shown, device,
                    msg[0] ? msg : "empty output");
  }
  /* PLplot (and cairo under it) ignore write errors: a full disk leaves a file cut short that
   * looks fine to them. Only a file that ends as its format ends may take its final name. */
  if (!ends_complete(tmp_path, ext)) {
    int e = mni_afile_write_errno(tmp_path);
    unlink(tmp_path);
    return mni_fail(ctx, MN_E_IO, "%s: write failed: %s", shown,
                    e != 0 ? strerror(e) : "PLplot wrote an incomplete file");
  }
  mn_status st = mni_afile_sync_path(ctx, tmp_path, final_path);
  if (st == MN_OK && rename(tmp_path, final_path) != 0)
    st = mni_fail(ctx, MN_E_IO, "%s: cannot rename into place: %s", shown, strerror(errno));
  if (st != MN_OK) unlink(tmp_path);
  return st;
}

mn_status mni_plot_render(mn_ctx *ctx, const mni_plot_out *out, mni_plot_draw_fn draw,
                          const void *data)
{
  MN_REQUIRE(ctx, out != NULL && out->dir != NULL && draw != NULL, MN_E_ARG, "plot: NULL argument");
  MN_REQUIRE(ctx, is_valid_name(out->name), MN_E_ARG,
             "plot: figure name '%s' must be letters, digits, '_' or '-'",
             out->name ? out->name : "(null)");
  MN_REQUIRE(ctx, out->formats != 0 && (out->formats & ~(MNI_PLOT_PNG | MNI_PLOT_SVG)) == 0,
             MN_E_ARG, "plot %s: formats = %u must be a non-empty mix of PNG (1) and SVG (2)",
             out->name, out->formats);
  if (out->formats & MNI_PLOT_PNG) MN_TRY(render_one(ctx, out, "png", "pngcairo", draw, data));
  if (out->formats & MNI_PLOT_SVG) MN_TRY(render_one(ctx, out, "svg", "svgcairo", draw, data));
  return MN_OK;
}
