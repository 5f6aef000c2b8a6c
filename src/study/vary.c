/* Varied keys of sweeps and sensitivity analyses: "KEY=FROM:TO:N[:log]" and "KEY=LO:HI", each
 * value set through mn_scenario_set, so a varied key has --set's checks and messages. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "study/study_int.h"

/* One number of the text, between separators; false when it is not one. */
static bool parse_number(const char *text, size_t len, double *out)
{
  char buf[64];
  if (len == 0 || len >= sizeof buf) return false;
  memcpy(buf, text, len);
  buf[len] = '\0';
  char *end = NULL;
  errno = 0;
  double v = strtod(buf, &end);
  if (*end != '\0' || errno != 0 || !isfinite(v)) return false;
  *out = v;
  return true;
}

/* "key=value" into buf, the value as the key's type wants it (integers rounded). */
static void format_assignment(char *buf, size_t n, const mn_scenario_key *key, double v)
{
  if (key->type == MN_KEY_INT)
    snprintf(buf, n, "%s=%.0f", key->path, floor(v + 0.5));
  else
    snprintf(buf, n, "%s=%.17g", key->path, v);
}

mn_status mn_study_apply(mn_ctx *ctx, mn_scenario *s, const mn_study_vary *vary, size_t n_vary,
                         const double *value)
{
  MNI_C_LOCALE();
  for (size_t k = 0; k < n_vary; k++) {
    const mn_scenario_key *key = mn_scenario_key_find(vary[k].key);
    MN_REQUIRE(ctx, key != NULL, MN_E_CONFIG, "unknown key '%s'", vary[k].key);
    char assignment[MN_STUDY_KEY_MAX + 48];
    format_assignment(assignment, sizeof assignment, key, value[k]);
    MN_TRY(mn_scenario_set(ctx, s, assignment));
  }
  return MN_OK;
}

mn_status mn_study_vary_parse(mn_ctx *ctx, const mn_scenario *base, const char *text, bool is_sweep,
                              mn_study_vary *out)
{
  MNI_C_LOCALE();
  MN_REQUIRE(ctx, base != NULL && text != NULL && out != NULL, MN_E_ARG,
             "mn_study_vary_parse: NULL argument");
  memset(out, 0, sizeof *out);
  const char *form = is_sweep ? "KEY=FROM:TO:N[:log]" : "KEY=LO:HI";
  const char *eq = strchr(text, '=');
  MN_REQUIRE(ctx, eq != NULL && eq != text && (size_t)(eq - text) < MN_STUDY_KEY_MAX, MN_E_CONFIG,
             "--vary '%s': expected %s", text, form);
  memcpy(out->key, text, (size_t)(eq - text));
  out->key[eq - text] = '\0';
  const mn_scenario_key *key = mn_scenario_key_find(out->key);
  if (key == NULL) {
    const mn_scenario_key *near = mn_scenario_key_suggest(out->key);
    return mni_fail(ctx, MN_E_CONFIG, "--vary: unknown key '%s'%s%s%s", out->key,
                    near ? " (did you mean '" : "", near ? near->path : "", near ? "'?)" : "");
  }
  MN_REQUIRE(ctx, key->type == MN_KEY_DOUBLE || key->type == MN_KEY_INT, MN_E_CONFIG,
             "--vary %s: only a number key can be varied", out->key);
  /* The fields between ':' */
  const char *field[4];
  size_t len[4], n_fields = 0;
  const char *p = eq + 1;
  while (n_fields < 4) {
    const char *colon = strchr(p, ':');
    field[n_fields] = p;
    len[n_fields] = colon != NULL ? (size_t)(colon - p) : strlen(p);
    n_fields++;
    if (colon == NULL) break;
    p = colon + 1;
  }
  bool ok = n_fields >= 2 && parse_number(field[0], len[0], &out->lo) &&
            parse_number(field[1], len[1], &out->hi);
  out->n = 2;
  if (is_sweep) {
    double n = 0.0;
    ok = ok && n_fields >= 3 && parse_number(field[2], len[2], &n) && n >= 1.0 && n <= 100000.0 &&
         n == floor(n);
    out->n = (size_t)n;
    if (ok && n_fields == 4) {
      ok = len[3] == 3 && strncmp(field[3], "log", 3) == 0;
      out->is_log = ok;
    }
    ok = ok && strchr(field[n_fields - 1], ':') == NULL;
  } else {
    ok = ok && n_fields == 2;
  }
  MN_REQUIRE(ctx, ok, MN_E_CONFIG, "--vary '%s': expected %s (numbers in the key's unit%s)", text,
             form, is_sweep ? ", N a whole number >= 1" : "");
  MN_REQUIRE(ctx, is_sweep || out->hi > out->lo, MN_E_CONFIG, "--vary '%s': expected LO < HI",
             text);
  MN_REQUIRE(ctx, !out->is_log || (out->lo > 0.0 && out->hi > 0.0), MN_E_CONFIG,
             "--vary '%s': a log sweep needs FROM and TO > 0", text);
  /* Both ends through --set's own checks. */
  mn_scenario s = *base;
  mn_status rc = mn_study_apply(ctx, &s, out, 1, &out->lo);
  if (rc == MN_OK) rc = mn_study_apply(ctx, &s, out, 1, &out->hi);
  if (rc != MN_OK) { /* the --set message, and where the value came from */
    char msg[MNI_ERRMSG_MAX];
    snprintf(msg, sizeof msg, "%s", mn_ctx_errmsg(ctx));
    return mni_fail(ctx, rc, "--vary '%s': %s", text, msg);
  }
  return MN_OK;
}

/* ---- Sweeps ---------------------------------------------------------------------------------- */

typedef struct sweep_rows {
  mn_scenario base;
  const mn_study_vary *vary;
  size_t n_vary;
  size_t n_patients; /* 1: the scenario itself at each point; else virtual patients */
  uint64_t seed;     /* the patients' seed */
} sweep_rows;

/* The value of point `index` (0..n-1) of a varied key. */
static double sweep_value(const mn_study_vary *v, size_t index)
{
  if (v->n <= 1) return v->lo;
  double t = (double)index / (double)(v->n - 1);
  if (v->is_log) return exp(log(v->lo) + t * (log(v->hi) - log(v->lo)));
  return v->lo + t * (v->hi - v->lo);
}

static mn_status sweep_row(mn_ctx *ctx, const void *ud, size_t i, mn_scenario *s, double *inputs)
{
  const sweep_rows *p = ud;
  size_t patient = i % p->n_patients, rest = i / p->n_patients; /* the patients fastest */
  for (size_t k = p->n_vary; k-- > 0;) { /* the last key fastest */
    const mn_study_vary *v = &p->vary[k];
    size_t n = v->n > 0 ? v->n : 1;
    inputs[k] = sweep_value(v, rest % n);
    const mn_scenario_key *key = mn_scenario_key_find(v->key);
    if (key != NULL && key->type == MN_KEY_INT) inputs[k] = floor(inputs[k] + 0.5);
    rest /= n;
  }
  *s = p->base;
  MN_TRY(mn_study_apply(ctx, s, p->vary, p->n_vary, inputs));
  if (p->n_patients == 1) return MN_OK;
  /* Patient j around the point's scenario: the same person (the same draws) at every point,
   * so the points differ by the keys alone. */
  inputs[p->n_vary] = (double)patient;
  mn_scenario point = *s;
  return mn_population_sample(ctx, &point, p->seed, patient, s, NULL);
}

/* A study over varied keys; n_patients > 1 adds the input column "patient". */
static mn_status run_varied(mn_ctx *ctx, const char *kind, const mn_scenario *base,
                            const mn_study_vary *vary, size_t n_vary, size_t n_rows,
                            size_t n_patients, mni_study_row_fn row_fn, const void *ud,
                            mn_study **out)
{
  const char *names[65];
  MN_REQUIRE(ctx, n_vary >= 1 && n_vary <= 64, MN_E_ARG, "%s: 1 to 64 varied keys (got %zu)", kind,
             n_vary);
  MN_TRY(mn_scenario_validate(ctx, base));
  for (size_t k = 0; k < n_vary; k++)
    names[k] = vary[k].key;
  names[n_vary] = "patient";
  mn_study *st = NULL;
  MN_TRY(mni_study_create(ctx, kind, n_rows, n_vary + (n_patients > 1), names, &st));
  st->n_patients = n_patients;
  st->vary = mn_alloc(ctx, n_vary * sizeof *st->vary);
  if (st->vary == NULL) {
    mn_study_destroy(&st);
    return mni_fail(ctx, MN_E_NOMEM, "out of memory");
  }
  memcpy(st->vary, vary, n_vary * sizeof *vary);
  mn_status rc = mni_study_fill(ctx, st, row_fn, ud);
  if (rc != MN_OK) {
    mn_study_destroy(&st);
    return rc;
  }
  *out = st;
  return MN_OK;
}

mn_status mni_study_run_varied(mn_ctx *ctx, const char *kind, const mn_scenario *base,
                               const mn_study_vary *vary, size_t n_vary, size_t n_rows,
                               mni_study_row_fn row_fn, const void *ud, mn_study **out)
{
  return run_varied(ctx, kind, base, vary, n_vary, n_rows, 1, row_fn, ud, out);
}

mn_status mn_sweep_run(mn_ctx *ctx, const mn_scenario *base, const mn_study_vary *vary,
                       size_t n_vary, mn_study **out)
{
  return mn_sweep_run_patients(ctx, base, vary, n_vary, 1, 0, out);
}
mn_status mn_sweep_run_patients(mn_ctx *ctx, const mn_scenario *base, const mn_study_vary *vary,
                                size_t n_vary, size_t n_patients, uint64_t seed, mn_study **out)
{
  MNI_C_LOCALE();
  MN_REQUIRE(ctx, base != NULL && vary != NULL && out != NULL, MN_E_ARG,
             "mn_sweep_run: NULL argument");
  *out = NULL;
  MN_REQUIRE(ctx, n_patients >= 1 && n_patients <= 100000, MN_E_ARG,
             "sweep: 1 to 100000 patients per point (got %zu)", n_patients);
  size_t n_rows = n_patients;
  for (size_t k = 0; k < n_vary; k++) {
    size_t n = vary[k].n > 0 ? vary[k].n : 1;
    MN_REQUIRE(ctx, n_rows <= 10000000 / n, MN_E_ARG, "sweep: more than 1e7 points");
    n_rows *= n;
  }
  sweep_rows rows = {mni_study_base(base), vary, n_vary, n_patients, seed};
  mn_status rc = run_varied(ctx, "sweep", base, vary, n_vary, n_rows, n_patients, sweep_row,
                            &rows, out);
  if (rc == MN_OK) (*out)->seed = seed;
  return rc;
}
