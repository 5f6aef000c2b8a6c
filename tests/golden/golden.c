/* Golden outputs: the summary JSON and CSV files of the built-in default scenario and of every
 * scenario in examples/, at one absorption model, compared with the files kept in tests/golden/.
 *
 *   golden MODEL SOURCE_DIR OUT_DIR            run, write into OUT_DIR, compare; exit 1 on drift
 *   golden MODEL SOURCE_DIR OUT_DIR --write    run and (re)write the goldens in tests/golden/
 *
 * MODEL is 1d, axisymmetric or 3d; the 3d cases are short (0.1 h, tolerance 1e-2, 5 output
 * points, one session) so the whole set runs in seconds. Numbers are compared field by field
 * with the tolerance that tests/golden/tolerances.txt gives the field (first matching pattern:
 * a dotted JSON path, or FILE.csv:COLUMN; fnmatch globs); text, booleans, the set of fields and
 * the number of rows are compared exactly. A golden is a reviewed file: rewrite one only when a
 * change of the results is intended, and say in the commit which fields moved and by how much. */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mnsim/mnsim.h"

#define PATH_MAX_LEN 2048
#define TOL_MAX 128
#define MAX_CASES 64

typedef struct tol_rule {
  char pattern[256];
  double rtol, atol;
} tol_rule;

static tol_rule tols[TOL_MAX];
static size_t n_tols;
static long n_compared, n_drifted;

/* ---- small file helpers ------------------------------------------------------------------ */

static char *slurp(const char *path)
{
  FILE *f = fopen(path, "rb");
  if (f == NULL) return NULL;
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap);
  for (size_t got; buf != NULL && (got = fread(buf + n, 1, cap - n - 1, f)) > 0;) {
    n += got;
    if (cap - n < 2) {
      char *nb = realloc(buf, cap * 2);
      if (nb == NULL) free(buf);
      buf = nb;
      cap *= 2;
    }
  }
  fclose(f);
  if (buf != NULL) buf[n] = '\0';
  return buf;
}

static int make_dir(const char *path)
{
  char tmp[PATH_MAX_LEN];
  snprintf(tmp, sizeof tmp, "%s", path);
  for (char *p = tmp + 1; *p; p++)
    if (*p == '/') {
      *p = '\0';
      if (mkdir(tmp, 0777) != 0 && errno != EEXIST) return -1;
      *p = '/';
    }
  return mkdir(tmp, 0777) == 0 || errno == EEXIST ? 0 : -1;
}

static int load_tolerances(const char *path)
{
  FILE *f = fopen(path, "r");
  if (f == NULL) {
    fprintf(stderr, "golden: cannot read %s\n", path);
    return -1;
  }
  char line[512];
  while (fgets(line, sizeof line, f) != NULL) {
    if (line[0] == '#' || line[0] == '\n') continue;
    if (n_tols == TOL_MAX) break;
    tol_rule *t = &tols[n_tols];
    if (sscanf(line, "%255s %lf %lf", t->pattern, &t->rtol, &t->atol) == 3) n_tols++;
  }
  fclose(f);
  return 0;
}

/* The tolerance of a field: the first rule whose pattern matches; exact when none does. */
static const tol_rule *tolerance_of(const char *field)
{
  static const tol_rule exact = {"", 0.0, 0.0};
  for (size_t i = 0; i < n_tols; i++)
    if (fnmatch(tols[i].pattern, field, 0) == 0) return &tols[i];
  return &exact;
}

static void drift(const char *where, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void drift(const char *where, const char *fmt, ...)
{
  if (n_drifted < 40) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "golden: drift: %s: ", where);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
  }
  n_drifted++;
}

static void compare_numbers(const char *where, const char *field, double got, double want)
{
  n_compared++;
  if (got == want || (isnan(got) && isnan(want))) return;
  const tol_rule *t = tolerance_of(field);
  double err = fabs(got - want);
  if (!(err <= t->atol + t->rtol * fabs(want)))
    drift(where, "%s = %.17g, golden %.17g (relative %.3g; tolerance rtol %g atol %g)", field, got,
          want, want != 0 ? err / fabs(want) : err, t->rtol, t->atol);
}

/* ---- JSON -------------------------------------------------------------------------------- */

static void compare_json(const char *where, const char *path, const cJSON *got, const cJSON *want)
{
  if ((got->type & 0xff) != (want->type & 0xff)) {
    drift(where, "%s: type changed", path);
    return;
  }
  if (cJSON_IsNumber(want)) {
    compare_numbers(where, path, got->valuedouble, want->valuedouble);
  } else if (cJSON_IsString(want)) {
    n_compared++;
    if (strcmp(got->valuestring, want->valuestring) != 0)
      drift(where, "%s = \"%s\", golden \"%s\"", path, got->valuestring, want->valuestring);
  } else if (cJSON_IsBool(want)) {
    n_compared++;
    if (cJSON_IsTrue(got) != cJSON_IsTrue(want)) drift(where, "%s: boolean changed", path);
  } else if (cJSON_IsArray(want)) {
    int n = cJSON_GetArraySize(want);
    if (cJSON_GetArraySize(got) != n) {
      drift(where, "%s: %d elements, golden %d", path, cJSON_GetArraySize(got), n);
      return;
    }
    for (int i = 0; i < n; i++) /* elements share their array's tolerance */
      compare_json(where, path, cJSON_GetArrayItem(got, i), cJSON_GetArrayItem(want, i));
  } else if (cJSON_IsObject(want)) {
    const cJSON *w;
    cJSON_ArrayForEach(w, want)
    {
      char sub[512];
      snprintf(sub, sizeof sub, "%s%s%s", path, path[0] ? "." : "", w->string);
      const cJSON *g = cJSON_GetObjectItemCaseSensitive(got, w->string);
      if (g == NULL)
        drift(where, "%s: missing", sub);
      else
        compare_json(where, sub, g, w);
    }
    cJSON_ArrayForEach(w, got)
    {
      if (cJSON_GetObjectItemCaseSensitive(want, w->string) == NULL)
        drift(where, "%s%s%s: new field (rewrite the golden if intended)", path, path[0] ? "." : "",
              w->string);
    }
  }
}

/* ---- CSV --------------------------------------------------------------------------------- */

/* Split one line at commas (no quoting in mnsim's CSV files); returns the number of cells. */
static int split_csv(char *line, char **cell, int max)
{
  int n = 0;
  char *p = line;
  while (n < max) {
    cell[n++] = p;
    char *c = strchr(p, ',');
    if (c == NULL) break;
    *c = '\0';
    p = c + 1;
  }
  return n;
}

static int parse_number(const char *s, double *v)
{
  char *end = NULL;
  if (*s == '\0') return 0;
  *v = strtod(s, &end);
  return end != NULL && *end == '\0';
}

static void compare_csv(const char *where, const char *file, char *got, char *want)
{
  char *gsave = NULL, *wsave = NULL;
  char *gl = strtok_r(got, "\n", &gsave), *wl = strtok_r(want, "\n", &wsave);
  enum { MAXC = 64 };
  char header[MAXC][64];
  int n_header = 0;
  for (long row = 0; gl != NULL || wl != NULL; row++) {
    if (gl == NULL || wl == NULL) {
      drift(where, "%s: %s rows than the golden", file, gl == NULL ? "fewer" : "more");
      return;
    }
    char *gc[MAXC], *wc[MAXC];
    int ng = split_csv(gl, gc, MAXC), nw = split_csv(wl, wc, MAXC);
    if (ng != nw) {
      drift(where, "%s row %ld: %d cells, golden %d", file, row, ng, nw);
      return;
    }
    for (int i = 0; i < nw; i++) {
      if (row == 0) {
        snprintf(header[i], sizeof header[i], "%s", wc[i]);
        n_header = nw;
      }
      char field[256];
      snprintf(field, sizeof field, "%s:%s", file, i < n_header ? header[i] : "?");
      double gv, wv;
      if (row > 0 && parse_number(gc[i], &gv) && parse_number(wc[i], &wv)) {
        compare_numbers(where, field, gv, wv);
      } else {
        n_compared++;
        if (strcmp(gc[i], wc[i]) != 0)
          drift(where, "%s row %ld: \"%s\", golden \"%s\"", field, row, gc[i], wc[i]);
      }
    }
    gl = strtok_r(NULL, "\n", &gsave);
    wl = strtok_r(NULL, "\n", &wsave);
  }
}

static int is_golden_file(const char *name)
{
  size_t n = strlen(name);
  return strcmp(name, "summary.json") == 0 || (n > 4 && strcmp(name + n - 4, ".csv") == 0);
}

/* Every golden file of the case against the file written now, and no file the golden lacks. */
static void compare_case(const char *case_name, const char *golden_dir, const char *out_dir)
{
  const char *dirs[2] = {golden_dir, out_dir};
  for (int side = 0; side < 2; side++) {
    DIR *d = opendir(dirs[side]);
    if (d == NULL) {
      drift(case_name, "cannot open %s", dirs[side]);
      return;
    }
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
      if (!is_golden_file(e->d_name)) continue;
      char gp[PATH_MAX_LEN + 256], op[PATH_MAX_LEN + 256];
      snprintf(gp, sizeof gp, "%s/%s", golden_dir, e->d_name);
      snprintf(op, sizeof op, "%s/%s", out_dir, e->d_name);
      char *want = slurp(gp), *got = slurp(op);
      if (side == 1) { /* written now: only check the golden has it */
        if (want == NULL) drift(case_name, "%s: written but has no golden", e->d_name);
      } else if (got == NULL) {
        drift(case_name, "%s: golden file not written", e->d_name);
      } else if (strcmp(e->d_name, "summary.json") == 0) {
        cJSON *g = cJSON_Parse(got), *w = cJSON_Parse(want);
        /* the manifest's checksums are of the bytes: the files are compared by tolerance */
        cJSON_DeleteItemFromObjectCaseSensitive(g, "manifest");
        cJSON_DeleteItemFromObjectCaseSensitive(w, "manifest");
        if (g == NULL || w == NULL)
          drift(case_name, "summary.json does not parse");
        else
          compare_json(case_name, "", g, w);
        cJSON_Delete(g);
        cJSON_Delete(w);
      } else {
        compare_csv(case_name, e->d_name, got, want);
      }
      free(want);
      free(got);
    }
    closedir(d);
  }
}

/* A golden summary.json holds no manifest (compare_case ignores it): its checksums would change
 * with every last digit that the tolerances allow to move. */
static void strip_manifest(const char *dir)
{
  char p[PATH_MAX_LEN + 256];
  snprintf(p, sizeof p, "%s/summary.json", dir);
  char *text = slurp(p);
  cJSON *j = text != NULL ? cJSON_Parse(text) : NULL;
  free(text);
  cJSON_DeleteItemFromObjectCaseSensitive(j, "manifest");
  char *out = j != NULL ? cJSON_Print(j) : NULL;
  FILE *f = out != NULL ? fopen(p, "w") : NULL;
  if (f != NULL) {
    fprintf(f, "%s\n", out);
    fclose(f);
  }
  cJSON_free(out);
  cJSON_Delete(j);
}

/* Remove the golden files (summary.json, *.csv) a previous run left in dir. */
static void clear_case(const char *dir)
{
  DIR *d = opendir(dir);
  if (d == NULL) return;
  for (struct dirent *e; (e = readdir(d)) != NULL;) {
    if (!is_golden_file(e->d_name)) continue;
    char p[PATH_MAX_LEN + 256];
    snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
    remove(p);
  }
  closedir(d);
}

/* ---- the cases ----------------------------------------------------------------------------- */

static int run_case(mn_ctx *ctx, const char *scenario_path, const char *model, const char *dir)
{
  mn_scenario s = mn_scenario_default();
  if (scenario_path != NULL && mn_scenario_load_file(ctx, scenario_path, &s) != MN_OK) goto fail;
  char set[128];
  snprintf(set, sizeof set, "simulation.model=%s", model);
  if (mn_scenario_set(ctx, &s, set) != MN_OK) goto fail;
  if (strcmp(model, "3d") == 0) {
    const char *short_run[] = {"simulation.duration_h=0.1", "simulation.tolerance=1e-2",
                               "simulation.output_points=5", "course.sessions=1"};
    for (size_t i = 0; i < sizeof short_run / sizeof short_run[0]; i++)
      if (mn_scenario_set(ctx, &s, short_run[i]) != MN_OK) goto fail;
  }
  mn_result *r = NULL;
  if (mn_run(ctx, &s, &r) != MN_OK) goto fail;
  mn_write_opts o = mn_write_opts_default();
  o.png = o.svg = o.report = false;
  mn_status st = mn_result_write(ctx, r, dir, &o);
  mn_result_destroy(&r);
  if (st != MN_OK) goto fail;
  return 0;
fail:
  fprintf(stderr, "golden: %s (%s): %s\n", scenario_path ? scenario_path : "default", model,
          mn_ctx_errmsg(ctx));
  return -1;
}

static int by_name(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
  if (argc < 4 || (argc == 5 && strcmp(argv[4], "--write") != 0) || argc > 5) {
    fprintf(stderr, "usage: golden MODEL SOURCE_DIR OUT_DIR [--write]\n");
    return 2;
  }
  const char *model = argv[1], *src = argv[2], *out = argv[3];
  int write = argc == 5;
  char path[PATH_MAX_LEN];
  snprintf(path, sizeof path, "%s/tests/golden/tolerances.txt", src);
  if (load_tolerances(path) != 0) return 2;

  /* The cases: the default and every .yaml file of examples/, in name order. */
  char *names[MAX_CASES];
  size_t n_names = 0;
  snprintf(path, sizeof path, "%s/examples", src);
  DIR *d = opendir(path);
  if (d == NULL) {
    fprintf(stderr, "golden: cannot open %s\n", path);
    return 2;
  }
  for (struct dirent *e; (e = readdir(d)) != NULL && n_names < MAX_CASES;) {
    size_t n = strlen(e->d_name);
    if (n > 5 && strcmp(e->d_name + n - 5, ".yaml") == 0) names[n_names++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(names, n_names, sizeof names[0], by_name);

  mn_ctx *ctx = NULL;
  if (mn_ctx_create(NULL, NULL, &ctx) != MN_OK) return 2;
  int failed = 0;
  for (size_t i = 0; i <= n_names; i++) {
    char case_name[256], scen[PATH_MAX_LEN + 256], odir[PATH_MAX_LEN + 512], gdir[PATH_MAX_LEN + 512];
    const char *stem = i == 0 ? "default" : names[i - 1];
    snprintf(case_name, sizeof case_name, "%.*s-%s",
             (int)(i == 0 ? strlen(stem) : strlen(stem) - 5), stem, model);
    snprintf(scen, sizeof scen, "%s/examples/%s", src, stem);
    snprintf(gdir, sizeof gdir, "%s/tests/golden/%s", src, case_name);
    if (write)
      snprintf(odir, sizeof odir, "%s", gdir);
    else
      snprintf(odir, sizeof odir, "%s/%s", out, case_name);
    if (!write) clear_case(odir); /* a file no longer written must not pass as an old copy */
    if (make_dir(odir) != 0 || run_case(ctx, i == 0 ? NULL : scen, model, odir) != 0) {
      failed = 1;
      continue;
    }
    if (!write) {
      long before = n_drifted;
      compare_case(case_name, gdir, odir);
      printf("%s %s\n", n_drifted == before ? "ok  " : "DRIFT", case_name);
    } else {
      strip_manifest(gdir);
      printf("wrote %s\n", gdir);
    }
  }
  for (size_t i = 0; i < n_names; i++) free(names[i]);
  mn_ctx_destroy(&ctx);
  if (!write)
    printf("golden %s: %ld values compared, %ld drifted\n", model, n_compared, n_drifted);
  return failed || n_drifted > 0 ? 1 : 0;
}
