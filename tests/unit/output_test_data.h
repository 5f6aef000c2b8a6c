/* Synthetic data and file checks shared by the test_output*.c tests: a patch of channels, the
 * cheek's layers, absorption curves, an axisymmetric field and a healing course, all made up
 * (shapes like the real ones, no physics claimed), plus PNG / SVG / HTML file checks. */
#ifndef MN_OUTPUT_TEST_DATA_H
#define MN_OUTPUT_TEST_DATA_H

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mnsim/mnsim.h"

/* LeakSanitizer (sanitizer builds): fontconfig, under PLplot's cairo driver, keeps its caches
 * for the life of the process; those blocks are not leaks of ours. */
__attribute__((visibility("default"))) const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
  return "leak:libfontconfig.so\n" /* PLplot's fonts, kept for the life of the process */
         "leak:__argz_add_sep\n"; /* glibc setlocale with LOCPATH (test_locale.c) */
}

/* ---- Data ----------------------------------------------------------------------------------- */

#define MN_TEST_NCH 160
typedef struct mn_test_channels {
  size_t n;
  double x_m[MN_TEST_NCH], y_m[MN_TEST_NCH], depth_m[MN_TEST_NCH], diameter_m[MN_TEST_NCH];
  double patch_m;   /* square patch side */
  double spacing_m; /* mean distance between neighbours: 1/sqrt(density) */
} mn_test_channels;

/* 160 channels on an 8 mm patch (250 per cm²), depths about 300 ± 40 µm, openings about 70 µm. */
static inline void mn_test_make_channels(mn_test_channels *ch)
{
  mn_rng rng;
  mn_rng_seed(&rng, 42, 7);
  ch->n = MN_TEST_NCH;
  ch->patch_m = 8e-3;
  ch->spacing_m = ch->patch_m / sqrt((double)MN_TEST_NCH);
  for (size_t i = 0; i < ch->n; i++) {
    ch->x_m[i] = mn_rng_uniform(&rng) * ch->patch_m;
    ch->y_m[i] = mn_rng_uniform(&rng) * ch->patch_m;
    ch->depth_m[i] = 300e-6 + 40e-6 * mn_rng_normal(&rng);
    ch->diameter_m[i] = 70e-6 + 8e-6 * mn_rng_normal(&rng);
  }
}

/* Saturating curves on a log-spaced time axis from 0 h. */
static inline void mn_test_absorption_curves(double *t_h, double *treated, double *intact, size_t n)
{
  t_h[0] = 0.0;
  treated[0] = intact[0] = 0.0;
  for (size_t i = 1; i < n; i++) {
    t_h[i] = 0.01 * pow(10.0, 3.4 * (double)(i - 1) / (double)(n - 2));
    treated[i] = 45.0 * (1.0 - exp(-t_h[i] / 3.0));
    intact[i] = 2.0 * (1.0 - exp(-t_h[i] / 12.0));
  }
}

#define MN_TEST_NR 40
#define MN_TEST_NZ 60
#define MN_TEST_NT 2
typedef struct mn_test_field {
  double r_edges_m[MN_TEST_NR + 1], z_edges_m[MN_TEST_NZ + 1];
  double c[MN_TEST_NT][MN_TEST_NR * MN_TEST_NZ]; /* c[t][j * NR + i], cell (r_i, z_j) */
  double t_s[MN_TEST_NT];
} mn_test_field;

/* A plume around a channel on the axis, on grids that grow geometrically from the surface. */
static inline void mn_test_make_field(mn_test_field *f)
{
  for (int i = 0; i <= MN_TEST_NR; i++)
    f->r_edges_m[i] = 400e-6 * (pow(1.06, i) - 1.0) / (pow(1.06, MN_TEST_NR) - 1.0);
  for (int j = 0; j <= MN_TEST_NZ; j++)
    f->z_edges_m[j] = 1500e-6 * (pow(1.05, j) - 1.0) / (pow(1.05, MN_TEST_NZ) - 1.0);
  for (int k = 0; k < MN_TEST_NT; k++) {
    f->t_s[k] = 3600.0 * (k + 1);
    double L = 60e-6 * sqrt(k + 1.0);
    for (int j = 0; j < MN_TEST_NZ; j++)
      for (int i = 0; i < MN_TEST_NR; i++) {
        double r = 0.5 * (f->r_edges_m[i] + f->r_edges_m[i + 1]);
        double z = 0.5 * (f->z_edges_m[j] + f->z_edges_m[j + 1]);
        double dz = z > 300e-6 ? z - 300e-6 : 0.0;
        f->c[k][j * MN_TEST_NR + i] =
            4.0 * exp(-(r * r + dz * dz) / (L * L)) + 1e-3 * exp(-z / 2e-4);
      }
  }
}

/* A course: each session adds a delayed rise that decays slowly. */
static inline void mn_test_course(double *days, double *col, double *ela, size_t n,
                                  const double *sessions, size_t n_sessions)
{
  for (size_t i = 0; i < n; i++) {
    days[i] = 300.0 * (double)i / (double)(n - 1);
    col[i] = ela[i] = 0.0;
    for (size_t s = 0; s < n_sessions; s++) {
      double t = days[i] - sessions[s];
      if (t > 0) {
        col[i] += 12.0 * (1.0 - exp(-t / 20.0)) * exp(-t / 260.0);
        ela[i] += 4.0 * (1.0 - exp(-t / 30.0)) * exp(-t / 400.0);
      }
    }
  }
}

/* ---- File checks ---------------------------------------------------------------------------- */

static inline int mn_test_is_png(const char *path)
{
  static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  unsigned char b[8];
  FILE *f = fopen(path, "rb");
  if (f == NULL) return 0;
  size_t n = fread(b, 1, 8, f);
  fclose(f);
  return n == 8 && memcmp(b, sig, 8) == 0;
}

/* xmllint (libxml2-utils, scripts/install-deps.sh) parses the file as XML. */
static inline int mn_test_svg_parses(const char *path)
{
  char cmd[4200];
  if (strlen(path) > 2000) return 0;
  snprintf(cmd, sizeof cmd, "xmllint --noout '%s' && grep -q '<svg' '%s'", path, path);
  return system(cmd) == 0;
}

/* Files whose name holds ".tmp." (the atomic writers' temporaries) in dir. */
static inline int mn_test_count_tmp_files(const char *dir)
{
  DIR *d = opendir(dir);
  if (d == NULL) return -1;
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL)
    n += strstr(e->d_name, ".tmp.") != NULL;
  closedir(d);
  return n;
}

/* Entries of dir whose name starts with prefix (an output directory's staging folders). */
static inline int mn_test_count_prefix(const char *dir, const char *prefix)
{
  DIR *d = opendir(dir);
  if (d == NULL) return -1;
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL)
    n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
  closedir(d);
  return n;
}

/* Files in dir whose name ends with suffix. */
static inline int mn_test_count_suffix(const char *dir, const char *suffix)
{
  DIR *d = opendir(dir);
  if (d == NULL) return -1;
  int n = 0;
  size_t ns = strlen(suffix);
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    size_t ne = strlen(e->d_name);
    n += ne > ns && strcmp(e->d_name + ne - ns, suffix) == 0;
  }
  closedir(d);
  return n;
}

/* Whole file into a NUL-terminated malloc'd buffer (NULL on failure). */
static inline char *mn_test_slurp(const char *path, size_t *n_out)
{
  FILE *f = fopen(path, "rb");
  if (f == NULL) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = n >= 0 ? malloc((size_t)n + 1) : NULL;
  if (buf != NULL && fread(buf, 1, (size_t)n, f) != (size_t)n) {
    free(buf);
    buf = NULL;
  }
  fclose(f);
  if (buf != NULL) {
    buf[n] = '\0';
    if (n_out != NULL) *n_out = (size_t)n;
  }
  return buf;
}

static inline int mn_test_files_equal(const char *a, const char *b)
{
  size_t na = 0, nb = 0;
  char *x = mn_test_slurp(a, &na), *y = mn_test_slurp(b, &nb);
  int eq = x != NULL && y != NULL && na == nb && memcmp(x, y, na) == 0;
  free(x);
  free(y);
  return eq;
}

/* report.html must open offline: no script, no stylesheet link, no network, no file reference.
 * Every src= is a data: URI; no href= at all; no CSS url() or @import. Returns 1 if so, and
 * the number of embedded images in *n_img. */
static inline int mn_test_html_self_contained(const char *html, int *n_img)
{
  static const char *const banned[] = {"<script", "<link",  "<iframe", "<object",
                                       "<embed",  "href=",  "url(",    "@import",
                                       "http:",   "https:", "file:"};
  for (size_t i = 0; i < sizeof banned / sizeof banned[0]; i++)
    if (strstr(html, banned[i]) != NULL) {
      fprintf(stderr, "report.html holds '%s'\n", banned[i]);
      return 0;
    }
  int n = 0;
  for (const char *p = strstr(html, "src="); p != NULL; p = strstr(p + 4, "src=")) {
    if (strncmp(p, "src=\"data:image/png;base64,", 27) != 0) {
      fprintf(stderr, "report.html: a src= that is not an embedded PNG: %.40s\n", p);
      return 0;
    }
    n++;
  }
  int imgs = 0;
  for (const char *p = strstr(html, "<img"); p != NULL; p = strstr(p + 4, "<img"))
    imgs++;
  if (imgs != n) {
    fprintf(stderr, "report.html: %d <img> but %d data: sources\n", imgs, n);
    return 0;
  }
  if (n_img != NULL) *n_img = n;
  return 1;
}

/* xmllint parses the file as XML (the report is written as well-formed XHTML-style HTML). */
static inline int mn_test_xml_parses(const char *path)
{
  char cmd[4200];
  if (strlen(path) > 4000) return 0;
  snprintf(cmd, sizeof cmd, "xmllint --noout '%s'", path);
  return system(cmd) == 0;
}

#endif /* MN_OUTPUT_TEST_DATA_H */
