/* Sensitivity analysis: which varied inputs move each headline result.
 *
 * Sobol (variance-based). Saltelli's design: two n x k matrices A and B of points of a Sobol
 * sequence (GSL's gsl_qrng_sobol in 2k dimensions: A the first k, B the last k), and for each
 * input i the matrix AB_i, A with column i taken from B: n (k + 2) runs. Jansen's estimators
 * (Jansen 1999; Saltelli et al. 2010, Comput Phys Commun 181:259, Table 2):
 *   V    = variance of f(A) and f(B) together
 *   S1_i = (V - mean((f(B) - f(AB_i))^2) / 2) / V        first-order index
 *   ST_i = mean((f(A) - f(AB_i))^2) / 2 / V              total index
 * 95 % intervals by bootstrap: the n rows resampled with replacement (B_BOOT times), the
 * indices recomputed, their 2.5th and 97.5th percentiles.
 *
 * Morris (elementary effects; Morris 1991, Technometrics 33:161; Campolongo et al. 2007,
 * Environ Model Softw 22:1509 for mu*). r trajectories of k + 1 points on a grid of 4 levels in
 * [0, 1]^k, step 2/3; each step moves one input (in a random order, up or down), so each
 * trajectory gives one elementary effect per input EE_i = (f(x') - f(x)) / (+-2/3), in the
 * output's unit per the input's whole range. mu* = mean |EE_i| ranks importance; sigma = SD of
 * EE_i flags non-linearity or interactions. mu*'s interval: bootstrap over the trajectories.
 *
 * The design and the bootstrap draw from streams of the seed; the runs are rows of a study
 * table, so the indices are the same at any thread count. */
#include <gsl/gsl_qrng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "study/study_int.h"

#define SOBOL_MAX_INPUTS 20 /* gsl_qrng_sobol has 40 dimensions: A and B take 2k */
#define B_BOOT           500
#define MORRIS_LEVELS    4
#define MORRIS_STREAM    0x6d6f727200000000ULL
#define BOOT_STREAM      0x626f6f7400000000ULL

/* ---- Estimators ------------------------------------------------------------------------------ */

mn_status mni_sobol_design(mn_ctx *ctx, size_t n, size_t k, double *A, double *B)
{
  MN_REQUIRE(ctx, k >= 1 && k <= SOBOL_MAX_INPUTS, MN_E_ARG, "Sobol design: %zu inputs (1 to %d)",
             k, SOBOL_MAX_INPUTS);
  gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)(2 * k));
  if (q == NULL) return mni_fail(ctx, MN_E_NOMEM, "Sobol design: out of memory");
  double pt[2 * SOBOL_MAX_INPUTS];
  gsl_qrng_get(q, pt); /* the first point is the corner: skipped */
  for (size_t j = 0; j < n; j++) {
    gsl_qrng_get(q, pt);
    for (size_t i = 0; i < k; i++) {
      A[j * k + i] = pt[i];
      B[j * k + i] = pt[k + i];
    }
  }
  gsl_qrng_free(q);
  return MN_OK;
}

void mni_sobol_jansen(const double *fA, const double *fB, const double *fAB, size_t n, size_t k,
                      const size_t *idx, size_t n_idx, double *S1, double *ST)
{
  double sum = 0.0, m = 0.0;
  for (size_t t = 0; t < n_idx; t++) {
    size_t j = idx[t];
    if (!isfinite(fA[j]) || !isfinite(fB[j])) continue;
    sum += fA[j] + fB[j];
    m += 2.0;
  }
  double mean = m > 0.0 ? sum / m : 0.0, ss = 0.0;
  for (size_t t = 0; t < n_idx; t++) {
    size_t j = idx[t];
    if (!isfinite(fA[j]) || !isfinite(fB[j])) continue;
    ss += (fA[j] - mean) * (fA[j] - mean) + (fB[j] - mean) * (fB[j] - mean);
  }
  double V = m > 1.0 ? ss / (m - 1.0) : 0.0;
  for (size_t i = 0; i < k; i++) {
    double sa = 0.0, sb = 0.0, c = 0.0;
    for (size_t t = 0; t < n_idx; t++) {
      size_t j = idx[t];
      double ab = fAB[i * n + j];
      if (!isfinite(fA[j]) || !isfinite(fB[j]) || !isfinite(ab)) continue;
      sa += (fA[j] - ab) * (fA[j] - ab);
      sb += (fB[j] - ab) * (fB[j] - ab);
      c += 1.0;
    }
    if (V > 0.0 && c > 0.0) {
      ST[i] = sa / (2.0 * c) / V;
      S1[i] = (V - sb / (2.0 * c)) / V;
    } else { /* a constant output: no input matters */
      ST[i] = V == 0.0 && c > 0.0 ? 0.0 : (double)NAN;
      S1[i] = ST[i];
    }
  }
}

/* A uniform integer in [0, n). */
static size_t uniform_index(mn_rng *rng, size_t n)
{
  size_t v = (size_t)(mn_rng_uniform(rng) * (double)n);
  return v < n ? v : n - 1;
}

void mni_morris_design(mn_rng *rng, size_t r, size_t k, double *x, size_t *which, int *dir)
{
  const double delta = (double)MORRIS_LEVELS / (2.0 * (MORRIS_LEVELS - 1));
  for (size_t t = 0; t < r; t++) {
    double *p = x + t * (k + 1) * k;
    size_t *order = which + t * k;
    int *d = dir + t * k;
    for (size_t i = 0; i < k; i++) {
      /* base level among those that leave room for a step up: 0 or 1/3 for 4 levels */
      double base = (double)uniform_index(rng, MORRIS_LEVELS / 2) / (MORRIS_LEVELS - 1);
      d[i] = mn_rng_uniform(rng) < 0.5 ? 1 : -1;
      p[i] = d[i] > 0 ? base : base + delta;
      order[i] = i;
    }
    for (size_t i = k; i-- > 1;) { /* random order of the inputs (Fisher-Yates) */
      size_t j = uniform_index(rng, i + 1);
      size_t tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    for (size_t s = 0; s < k; s++) {
      double *prev = p + s * k, *next = p + (s + 1) * k;
      memcpy(next, prev, k * sizeof *next);
      next[order[s]] += d[order[s]] * delta;
    }
    /* dir[t k + s] is the sign of step s (the input order[s]) */
    int signs[64];
    for (size_t s = 0; s < k && s < 64; s++)
      signs[s] = d[order[s]];
    for (size_t s = 0; s < k && s < 64; s++)
      d[s] = signs[s];
  }
}

void mni_morris_effects(const double *f, size_t r, size_t k, const size_t *which, const int *dir,
                        double *ee)
{
  const double delta = (double)MORRIS_LEVELS / (2.0 * (MORRIS_LEVELS - 1));
  for (size_t t = 0; t < r; t++)
    for (size_t s = 0; s < k; s++) {
      double a = f[t * (k + 1) + s], b = f[t * (k + 1) + s + 1];
      size_t i = which[t * k + s];
      ee[t * k + i] = isfinite(a) && isfinite(b) ? (b - a) / (dir[t * k + s] * delta) : (double)NAN;
    }
}

void mni_morris_stats(const double *ee, size_t k, size_t i, const size_t *idx, size_t n_idx,
                      double *mu_star, double *sigma)
{
  double sa = 0.0, s = 0.0, c = 0.0;
  for (size_t t = 0; t < n_idx; t++) {
    double e = ee[idx[t] * k + i];
    if (!isfinite(e)) continue;
    sa += fabs(e);
    s += e;
    c += 1.0;
  }
  double mean = c > 0.0 ? s / c : (double)NAN, ss = 0.0;
  for (size_t t = 0; t < n_idx; t++) {
    double e = ee[idx[t] * k + i];
    if (isfinite(e)) ss += (e - mean) * (e - mean);
  }
  *mu_star = c > 0.0 ? sa / c : (double)NAN;
  *sigma = c > 1.0 ? sqrt(ss / (c - 1.0)) : (double)NAN;
}

/* ---- The analysis ---------------------------------------------------------------------------- */

typedef struct sens_rows {
  mn_scenario base;
  const mn_study_vary *vary;
  size_t k;
  const double *x; /* n_rows x k in [0, 1] */
} sens_rows;

static mn_status sens_row(mn_ctx *ctx, const void *ud, size_t i, mn_scenario *s, double *inputs)
{
  const sens_rows *p = ud;
  for (size_t k = 0; k < p->k; k++) {
    const mn_study_vary *v = &p->vary[k];
    inputs[k] = v->lo + p->x[i * p->k + k] * (v->hi - v->lo);
    const mn_scenario_key *key = mn_scenario_key_find(v->key);
    if (key != NULL && key->type == MN_KEY_INT) inputs[k] = floor(inputs[k] + 0.5);
  }
  *s = p->base;
  return mn_study_apply(ctx, s, p->vary, p->k, inputs);
}

static int cmp_double(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* The 2.5th and 97.5th percentiles of v[0..n) (reordered in place; NaN skipped). */
static void interval(double *v, size_t n, double *lo, double *hi)
{
  size_t m = 0;
  for (size_t i = 0; i < n; i++)
    if (isfinite(v[i])) v[m++] = v[i];
  qsort(v, m, sizeof *v, cmp_double);
  *lo = mni_quantile_sorted(v, m, 0.025);
  *hi = mni_quantile_sorted(v, m, 0.975);
}

static mn_status sobol_indices(mn_ctx *ctx, mn_sensitivity *s, mn_rng *rng)
{
  size_t n = s->n, k = s->k;
  double *f = mn_alloc(ctx, n * (k + 2) * sizeof *f);
  double *boot = mn_alloc(ctx, 2 * k * B_BOOT * sizeof *boot);
  double *S1 = mn_alloc(ctx, 2 * k * sizeof *S1);
  size_t *idx = mn_alloc(ctx, n * sizeof *idx);
  mn_status rc = MN_OK;
  if (f == NULL || boot == NULL || S1 == NULL || idx == NULL) {
    rc = mni_fail(ctx, MN_E_NOMEM, "sensitivity: out of memory");
    goto done;
  }
  double *ST = S1 + k;
  for (size_t j = 0; j < s->n_out; j++) {
    for (size_t row = 0; row < n * (k + 2); row++)
      f[row] = mn_study_outputs(s->runs, row)[j];
    for (size_t t = 0; t < n; t++)
      idx[t] = t;
    mni_sobol_jansen(f, f + n, f + 2 * n, n, k, idx, n, S1, ST);
    for (size_t i = 0; i < k; i++) {
      mn_sens_index *x = &s->idx[j * k + i];
      x->s1 = S1[i];
      x->st = ST[i];
    }
    for (size_t b = 0; b < B_BOOT; b++) {
      for (size_t t = 0; t < n; t++)
        idx[t] = uniform_index(rng, n);
      mni_sobol_jansen(f, f + n, f + 2 * n, n, k, idx, n, S1, ST);
      for (size_t i = 0; i < k; i++) {
        boot[i * B_BOOT + b] = S1[i];
        boot[(k + i) * B_BOOT + b] = ST[i];
      }
    }
    for (size_t i = 0; i < k; i++) {
      mn_sens_index *x = &s->idx[j * k + i];
      interval(boot + i * B_BOOT, B_BOOT, &x->s1_lo, &x->s1_hi);
      interval(boot + (k + i) * B_BOOT, B_BOOT, &x->st_lo, &x->st_hi);
    }
  }
done:
  mn_free(ctx, f, n * (k + 2) * sizeof *f);
  mn_free(ctx, boot, 2 * k * B_BOOT * sizeof *boot);
  mn_free(ctx, S1, 2 * k * sizeof *S1);
  mn_free(ctx, idx, n * sizeof *idx);
  return rc;
}

static mn_status morris_indices(mn_ctx *ctx, mn_sensitivity *s, const size_t *which, const int *dir,
                                mn_rng *rng)
{
  size_t r = s->n, k = s->k;
  double *f = mn_alloc(ctx, r * (k + 1) * sizeof *f);
  double *ee = mn_alloc(ctx, r * k * sizeof *ee);
  double *boot = mn_alloc(ctx, B_BOOT * sizeof *boot);
  size_t *idx = mn_alloc(ctx, r * sizeof *idx);
  mn_status rc = MN_OK;
  if (f == NULL || ee == NULL || boot == NULL || idx == NULL) {
    rc = mni_fail(ctx, MN_E_NOMEM, "sensitivity: out of memory");
    goto done;
  }
  for (size_t j = 0; j < s->n_out; j++) {
    for (size_t row = 0; row < r * (k + 1); row++)
      f[row] = mn_study_outputs(s->runs, row)[j];
    mni_morris_effects(f, r, k, which, dir, ee);
    for (size_t t = 0; t < r; t++)
      idx[t] = t;
    for (size_t i = 0; i < k; i++) {
      mn_sens_index *x = &s->idx[j * k + i];
      mni_morris_stats(ee, k, i, idx, r, &x->mu_star, &x->sigma);
      for (size_t b = 0; b < B_BOOT; b++) {
        for (size_t t = 0; t < r; t++)
          idx[t] = uniform_index(rng, r);
        double sig = 0.0;
        mni_morris_stats(ee, k, i, idx, r, &boot[b], &sig);
      }
      for (size_t t = 0; t < r; t++)
        idx[t] = t;
      interval(boot, B_BOOT, &x->mu_star_lo, &x->mu_star_hi);
    }
  }
done:
  mn_free(ctx, f, r * (k + 1) * sizeof *f);
  mn_free(ctx, ee, r * k * sizeof *ee);
  mn_free(ctx, boot, B_BOOT * sizeof *boot);
  mn_free(ctx, idx, r * sizeof *idx);
  return rc;
}

void mn_sensitivity_destroy(mn_sensitivity **p)
{
  if (p == NULL || *p == NULL) return;
  mn_sensitivity *s = *p;
  mn_study_destroy(&s->runs);
  mn_free(s->ctx, s->idx, s->n_out * s->k * sizeof *s->idx);
  mn_free(s->ctx, s, sizeof *s);
  *p = NULL;
}

mn_status mn_sensitivity_run(mn_ctx *ctx, const mn_scenario *base, const mn_study_vary *vary,
                             size_t n_vary, mn_sens_method method, size_t n, uint64_t seed,
                             mn_sensitivity **out)
{
  MNI_C_LOCALE();
  MN_REQUIRE(ctx, base != NULL && vary != NULL && out != NULL, MN_E_ARG,
             "mn_sensitivity_run: NULL argument");
  *out = NULL;
  size_t k = n_vary;
  size_t max_k = method == MN_SENS_SOBOL ? SOBOL_MAX_INPUTS : 64;
  MN_REQUIRE(ctx, k >= 1 && k <= max_k, MN_E_ARG, "sensitivity: %zu varied keys (1 to %zu)", k,
             max_k);
  MN_REQUIRE(ctx, n >= 2 && n <= 1000000, MN_E_ARG, "sensitivity: n = %zu (2 to 1e6 %s)", n,
             method == MN_SENS_SOBOL ? "base points" : "trajectories");
  size_t n_rows = method == MN_SENS_SOBOL ? n * (k + 2) : n * (k + 1);
  double *x = mn_alloc(ctx, n_rows * k * sizeof *x);
  size_t *which = mn_alloc(ctx, n * k * sizeof *which);
  int *dir = mn_alloc(ctx, n * k * sizeof *dir);
  mn_sensitivity *s = mn_calloc(ctx, 1, sizeof *s);
  mn_status rc = MN_OK;
  if (x == NULL || which == NULL || dir == NULL || s == NULL) {
    rc = mni_fail(ctx, MN_E_NOMEM, "sensitivity: out of memory");
    goto done;
  }
  s->ctx = ctx;
  s->method = method;
  s->n = n;
  s->k = k;
  s->n_out = mn_study_output_count();
  s->seed = seed;
  s->idx = mn_calloc(ctx, s->n_out * k, sizeof *s->idx);
  if (s->idx == NULL) {
    rc = mni_fail(ctx, MN_E_NOMEM, "sensitivity: out of memory");
    goto done;
  }
  for (size_t i = 0; i < s->n_out * k; i++) {
    mn_sens_index *q = &s->idx[i];
    q->s1 = q->s1_lo = q->s1_hi = q->st = q->st_lo = q->st_hi = NAN;
    q->mu_star = q->mu_star_lo = q->mu_star_hi = q->sigma = NAN;
  }
  mn_rng rng;
  if (method == MN_SENS_SOBOL) {
    double *A = x, *B = x + n * k;
    rc = mni_sobol_design(ctx, n, k, A, B);
    for (size_t i = 0; rc == MN_OK && i < k; i++) /* AB_i: A with column i of B */
      for (size_t j = 0; j < n; j++) {
        double *row = x + ((2 + i) * n + j) * k;
        memcpy(row, A + j * k, k * sizeof *row);
        row[i] = B[j * k + i];
      }
  } else {
    mn_rng_seed(&rng, seed, MORRIS_STREAM);
    mni_morris_design(&rng, n, k, x, which, dir);
  }
  if (rc != MN_OK) goto done;
  sens_rows rows = {mni_study_base(base), vary, k, x};
  rc = mni_study_run_varied(ctx, "sensitivity", base, vary, k, n_rows, sens_row, &rows, &s->runs);
  if (rc != MN_OK) goto done;
  s->runs->seed = seed;
  mn_rng_seed(&rng, seed, BOOT_STREAM);
  rc = method == MN_SENS_SOBOL ? sobol_indices(ctx, s, &rng)
                               : morris_indices(ctx, s, which, dir, &rng);
done:
  mn_free(ctx, x, n_rows * k * sizeof *x);
  mn_free(ctx, which, n * k * sizeof *which);
  mn_free(ctx, dir, n * k * sizeof *dir);
  if (rc != MN_OK)
    mn_sensitivity_destroy(&s);
  else
    *out = s;
  return rc;
}

const mn_study *mn_sensitivity_runs(const mn_sensitivity *s)
{
  return s != NULL ? s->runs : NULL;
}

const mn_sens_index *mn_sensitivity_index(const mn_sensitivity *s, size_t j, size_t k)
{
  if (s == NULL || j >= s->n_out || k >= s->k) return NULL;
  return &s->idx[j * s->k + k];
}
