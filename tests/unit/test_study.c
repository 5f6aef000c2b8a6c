/* Studies: the population's sampling (spread and physical values, the stream of each patient),
 * the statistics, a small population run at 1 and 2 threads, and the sensitivity estimators on
 * closed forms (Ishigami for Sobol's indices, a linear function for Morris' ranking). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mn_test.h"
#include "study/study_int.h"

#define N_SPREAD 10000

/* 10,000 patients at a site: every sampled value physical (positive thickness, age and type in
 * range, force and passes positive) and the dermis with the site table's mean and CV within 3 %. */
static void check_spread(const char *site_name)
{
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario base = mn_scenario_default();
  snprintf(base.skin.site, sizeof base.skin.site, "%s", site_name);
  const mn_site *site = NULL;
  assert_int_equal(mn_site_find(ctx, site_name, &site), MN_OK);
  double sum = 0.0, sum2 = 0.0;
  double in[MN_POPULATION_INPUTS];
  for (size_t i = 0; i < N_SPREAD; i++) {
    mn_scenario s;
    assert_int_equal(mn_population_sample(ctx, &base, 7, i, &s, in), MN_OK);
    assert_true(s.skin.stratum_corneum_m > 0.0 && s.skin.viable_epidermis_m > 0.0);
    assert_true(s.skin.dermis_m > 0.0 && s.skin.subcutis_m > 0.0);
    assert_true(s.skin.age_years >= 18.0 && s.skin.age_years <= 100.0);
    assert_true(s.skin.fitzpatrick >= 1 && s.skin.fitzpatrick <= 6);
    assert_true(s.treatment.force_n > 0.0 && s.treatment.passes >= 1);
    assert_int_equal(mn_scenario_validate(ctx, &s), MN_OK);
    MN_EXPECT_NEAR(in[4], mn_m_to_um(s.skin.dermis_m), 1e-12, 0.0);
    sum += s.skin.dermis_m;
    sum2 += s.skin.dermis_m * s.skin.dermis_m;
  }
  double mean = sum / N_SPREAD;
  double sd = sqrt((sum2 - N_SPREAD * mean * mean) / (N_SPREAD - 1));
  double want = site->thickness_m[MN_LAYER_DERMIS], want_cv = site->cv[MN_LAYER_DERMIS];
  printf("%s dermis: mean %.4g um (table %.4g), CV %.4f (table %.4f)\n", site_name,
         mn_m_to_um(mean), mn_m_to_um(want), sd / mean, want_cv);
  MN_EXPECT_NEAR(mean, want, 0.03, 0.0);
  MN_EXPECT_NEAR(sd / mean, want_cv, 0.03, 0.0);
  mn_ctx_destroy(&ctx);
}

static void test_spread_cheek(void **state)
{
  (void)state;
  check_spread("cheek");
}

static void test_spread_forehead(void **state)
{
  (void)state;
  check_spread("forehead");
}

/* Patient i's draws depend on (seed, i) alone: the same in any order, different for another i
 * or another seed. */
static void test_stream_per_patient(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario base = mn_scenario_default(), a, b, c, d;
  assert_int_equal(mn_population_sample(ctx, &base, 42, 5, &a, NULL), MN_OK);
  assert_int_equal(mn_population_sample(ctx, &base, 42, 6, &c, NULL), MN_OK);
  assert_int_equal(mn_population_sample(ctx, &base, 42, 5, &b, NULL), MN_OK);
  assert_int_equal(mn_population_sample(ctx, &base, 43, 5, &d, NULL), MN_OK);
  assert_memory_equal(&a, &b, sizeof a);
  assert_true(a.skin.dermis_m != c.skin.dermis_m && a.seed != c.seed);
  assert_true(a.skin.dermis_m != d.skin.dermis_m);
  assert_int_equal(a.simulation.model, MN_MODEL_1D); /* auto runs the 1d model */
  mn_ctx_destroy(&ctx);
}

static void test_stats(void **state)
{
  (void)state;
  double v[6] = {5.0, 1.0, NAN, 3.0, 2.0, 4.0}, scratch[6];
  mn_study_stats s;
  mni_study_stats(v, 6, scratch, &s);
  assert_int_equal(s.n, 5);
  MN_EXPECT_NEAR(s.mean, 3.0, 1e-15, 0.0);
  MN_EXPECT_NEAR(s.sd, sqrt(2.5), 1e-15, 0.0);
  MN_EXPECT_NEAR(s.p50, 3.0, 1e-15, 0.0);
  MN_EXPECT_NEAR(s.p25, 2.0, 1e-15, 0.0);
  MN_EXPECT_NEAR(s.p5, 1.2, 1e-15, 0.0);
  MN_EXPECT_NEAR(s.p95, 4.8, 1e-15, 0.0);
}

/* A small population: the same table at 1 and 2 threads, a failed patient recorded. */
static void test_population_threads(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario base = mn_scenario_default();
  base.simulation.duration_s = 3600.0;
  base.course.sessions = 1;
  mn_study *one = NULL, *two = NULL;
  mn_ctx_set_threads(ctx, 1);
  assert_int_equal(mn_population_run(ctx, &base, 6, 3, &one), MN_OK);
  mn_ctx_set_threads(ctx, 2);
  assert_int_equal(mn_population_run(ctx, &base, 6, 3, &two), MN_OK);
  assert_int_equal(mn_study_rows(one), 6);
  assert_int_equal(mn_study_failed(one), 0);
  for (size_t i = 0; i < 6; i++) {
    assert_memory_equal(mn_study_inputs(one, i), mn_study_inputs(two, i),
                        MN_POPULATION_INPUTS * sizeof(double));
    assert_memory_equal(mn_study_outputs(one, i), mn_study_outputs(two, i),
                        mn_study_output_count() * sizeof(double));
  }
  char *j1 = NULL, *j2 = NULL;
  assert_int_equal(mn_population_json(ctx, one, &j1), MN_OK);
  assert_int_equal(mn_population_json(ctx, two, &j2), MN_OK);
  assert_string_equal(j1, j2);
  assert_non_null(strstr(j1, "\"absorption.enhancement_ratio\""));
  assert_non_null(strstr(j1, "\"p95\""));
  /* the default caffeine serum's ER is an upper bound (docs/model.md §4): a 0/1 column, and
   * its share among the shares */
  size_t ub = mni_study_output_index("absorption.enhancement_is_upper_bound");
  assert_true(ub < mn_study_output_count());
  for (size_t i = 0; i < 6; i++)
    assert_true(mn_study_outputs(one, i)[ub] == 1.0);
  assert_non_null(strstr(j1, "\"enhancement_upper_bound\":\t1"));
  mn_string_free(ctx, j1);
  mn_string_free(ctx, j2);
  mn_study_destroy(&one);
  mn_study_destroy(&two);
  mn_ctx_destroy(&ctx);
}

/* A row whose scenario cannot be made (every third) is recorded with its error; the others run. */
static mn_status failing_row(mn_ctx *ctx, const void *ud, size_t i, mn_scenario *s, double *in)
{
  (void)ud;
  in[0] = (double)i;
  *s = mn_scenario_default();
  s->simulation.model = MN_MODEL_1D;
  s->simulation.duration_s = 600.0;
  s->course.sessions = 1;
  if (i % 3 == 1) return mn_scenario_set(ctx, s, "device.needle_length_mm=99");
  return MN_OK;
}

static void test_failed_rows_recorded(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const char *names[1] = {"row"};
  mn_study *st = NULL;
  assert_int_equal(mni_study_create(ctx, "test", 4, 1, names, &st), MN_OK);
  assert_int_equal(mni_study_fill(ctx, st, failing_row, NULL), MN_OK);
  assert_int_equal(mn_study_failed(st), 1);
  const char *msg = NULL;
  assert_int_equal(mn_study_row_status(st, 1, &msg), MN_E_CONFIG);
  assert_non_null(strstr(msg, "device.needle_length_mm"));
  assert_true(isnan(mn_study_outputs(st, 1)[0]));
  assert_int_equal(mn_study_row_status(st, 2, &msg), MN_OK);
  assert_string_equal(msg, "");
  assert_true(mn_study_outputs(st, 2)[0] > 0.0);
  mn_study_destroy(&st);
  mn_ctx_destroy(&ctx);
}

/* Ishigami's function (a = 7, b = 0.1) on [-pi, pi]^3 and its analytic indices
 * (Ishigami & Homma 1990; Saltelli et al. 2010): V1 = (1 + b pi^4 / 5)^2 / 2, V2 = a^2 / 8,
 * V13 = b^2 pi^8 8 / 225, V = V1 + V2 + V13. */
static double ishigami(const double *u)
{
  double x1 = MN_PI * (2.0 * u[0] - 1.0), x2 = MN_PI * (2.0 * u[1] - 1.0);
  double x3 = MN_PI * (2.0 * u[2] - 1.0);
  return sin(x1) + 7.0 * sin(x2) * sin(x2) + 0.1 * pow(x3, 4) * sin(x1);
}

#define N_SOBOL 8192

static void test_sobol_ishigami(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const double a = 7.0, b = 0.1, pi4 = pow(MN_PI, 4), pi8 = pow(MN_PI, 8);
  double V1 = 0.5 * (1.0 + b * pi4 / 5.0) * (1.0 + b * pi4 / 5.0), V2 = a * a / 8.0;
  double V13 = b * b * pi8 * 8.0 / 225.0, V = V1 + V2 + V13;
  const double S1_want[3] = {V1 / V, V2 / V, 0.0};
  const double ST_want[3] = {(V1 + V13) / V, V2 / V, V13 / V};
  double *A = malloc(N_SOBOL * 3 * sizeof *A), *B = malloc(N_SOBOL * 3 * sizeof *B);
  double *f = malloc(N_SOBOL * 5 * sizeof *f);
  size_t *idx = malloc(N_SOBOL * sizeof *idx);
  assert_non_null(A);
  assert_non_null(B);
  assert_non_null(f);
  assert_non_null(idx);
  assert_int_equal(mni_sobol_design(ctx, N_SOBOL, 3, A, B), MN_OK);
  for (size_t j = 0; j < N_SOBOL; j++) {
    f[j] = ishigami(A + 3 * j);
    f[N_SOBOL + j] = ishigami(B + 3 * j);
    for (size_t i = 0; i < 3; i++) {
      double ab[3] = {A[3 * j], A[3 * j + 1], A[3 * j + 2]};
      ab[i] = B[3 * j + i];
      f[(2 + i) * N_SOBOL + j] = ishigami(ab);
    }
    idx[j] = j;
  }
  double S1[3], ST[3];
  mni_sobol_jansen(f, f + N_SOBOL, f + 2 * N_SOBOL, N_SOBOL, 3, idx, N_SOBOL, S1, ST);
  for (int i = 0; i < 3; i++) {
    printf("x%d: S1 %.4f (analytic %.4f), ST %.4f (analytic %.4f)\n", i + 1, S1[i], S1_want[i],
           ST[i], ST_want[i]);
    MN_EXPECT_NEAR(S1[i], S1_want[i], 0.0, 0.02);
    MN_EXPECT_NEAR(ST[i], ST_want[i], 0.0, 0.02);
  }
  free(A);
  free(B);
  free(f);
  free(idx);
  mn_ctx_destroy(&ctx);
}

/* Morris on f = 10 x1 + 5 x2 + x3 + 0 x4 + 4 x1 x2: mu* ranks x1 > x2 > x3 > x4 (x4 exactly 0),
 * sigma is 0 for the inputs without interaction and > 0 for x1 and x2. */
static void test_morris_ranks(void **state)
{
  (void)state;
  enum { R = 40, K = 4 };
  double x[R * (K + 1) * K], f[R * (K + 1)], ee[R * K];
  size_t which[R * K], idx[R];
  int dir[R * K];
  mn_rng rng;
  mn_rng_seed(&rng, 11, 3);
  mni_morris_design(&rng, R, K, x, which, dir);
  for (size_t p = 0; p < R * (K + 1); p++) {
    const double *u = x + p * K;
    for (size_t i = 0; i < K; i++)
      assert_true(u[i] >= -1e-12 && u[i] <= 1.0 + 1e-12);
    f[p] = 10.0 * u[0] + 5.0 * u[1] + u[2] + 4.0 * u[0] * u[1];
  }
  mni_morris_effects(f, R, K, which, dir, ee);
  for (size_t t = 0; t < R; t++)
    idx[t] = t;
  double mu[K], sigma[K];
  for (size_t i = 0; i < K; i++)
    mni_morris_stats(ee, K, i, idx, R, &mu[i], &sigma[i]);
  printf("mu*: %.3f %.3f %.3f %.3f; sigma: %.3f %.3f %.3f %.3f\n", mu[0], mu[1], mu[2], mu[3],
         sigma[0], sigma[1], sigma[2], sigma[3]);
  assert_true(mu[0] > mu[1] && mu[1] > mu[2] && mu[2] > mu[3]);
  MN_EXPECT_NEAR(mu[2], 1.0, 1e-12, 0.0);
  MN_EXPECT_NEAR(mu[3], 0.0, 0.0, 1e-12);
  MN_EXPECT_NEAR(sigma[2], 0.0, 0.0, 1e-12);
  assert_true(sigma[0] > 0.1 && sigma[1] > 0.1);
}

/* ---- The scenario's population section and the compound's uncertainty ------------------------ */

/* A population: section replaces the data file's values: all women of 30, all type VI. */
static void test_population_section_overrides(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const char *yaml = "skin: {site: cheek}\n"
                     "population:\n"
                     "  sex: {female_share: 1}\n"
                     "  age_years: {min: 30, max: 30}\n"
                     "  fitzpatrick: {shares: [0, 0, 0, 0, 0, 1]}\n"
                     "  force: {cv: 0}\n";
  mn_scenario base;
  assert_int_equal(mn_scenario_load_string(ctx, yaml, strlen(yaml), "pop.yaml", &base), MN_OK);
  double force0 = mn_pressure_force_n(base.treatment.pressure, base.treatment.force_n);
  double in[MN_POPULATION_INPUTS + 1];
  for (size_t i = 0; i < 200; i++) {
    mn_scenario s;
    assert_int_equal(mn_population_sample(ctx, &base, 3, i, &s, in), MN_OK);
    assert_true(in[0] == 1.0);
    MN_EXPECT_NEAR(s.skin.age_years, 30.0, 1e-12, 0.0);
    assert_int_equal(s.skin.fitzpatrick, 6);
    MN_EXPECT_NEAR(s.treatment.force_n, force0, 1e-12, 0.0);
    assert_true(s.formulation.sc_kp_factor == 1.0); /* off by default */
  }
  /* The same scenario without the section draws both sexes and all ages (the data file's). */
  mn_scenario plain = mn_scenario_default();
  int n_men = 0;
  for (size_t i = 0; i < 200; i++) {
    mn_scenario s;
    assert_int_equal(mn_population_sample(ctx, &plain, 3, i, &s, in), MN_OK);
    n_men += in[0] == 0.0;
  }
  assert_true(n_men > 30);
  mn_ctx_destroy(&ctx);
}

/* Wrong values of the section fail with the file, line and column of the value. */
static void test_population_section_errors(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  static const struct {
    const char *yaml, *want1, *want2;
  } cases[] = {
      {"population:\n  fitzpatrick:\n    shares: [0.5, 0.5, 0.5, 0, 0, 0]\n", "pop.yaml:3:14",
       "add up to 1.5"},
      {"population:\n  fitzpatrick: {shares: [0.5, 0.5]}\n", "pop.yaml:2:26", "expected 6"},
      {"population:\n  age_years:\n    min: 50\n    max: 30\n", "pop.yaml:4:10", "min <= max"},
      {"population:\n  sex: {female_share: 1.5}\n", "pop.yaml:2:23", "population.sex.female_share"},
      {"population:\n  force: {cv: -1}\n", "pop.yaml:2:15", "population.force.cv"},
      {"population:\n  passes: {sd: 1}\n", "pop.yaml:2:12", "population.passes.cv"},
  };
  for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
    mn_scenario s;
    mn_status st = mn_scenario_load_string(ctx, cases[c].yaml, strlen(cases[c].yaml), "pop.yaml", &s);
    const char *msg = mn_ctx_errmsg(ctx);
    if (st != MN_E_CONFIG || strstr(msg, cases[c].want1) == NULL ||
        strstr(msg, cases[c].want2) == NULL) {
      print_error("case %zu: status %d, message: %s\n", c, (int)st, msg);
      fail();
    }
  }
  /* Through the API: the validator has the same checks. */
  mn_scenario s = mn_scenario_default();
  assert_int_equal(mn_scenario_set(ctx, &s, "population.fitzpatrick.shares=0.2,0.2,0.2,0.2,0.2,0.2"),
                   MN_OK);
  assert_int_equal(mn_scenario_validate(ctx, &s), MN_E_CONFIG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "add up to 1.2"));
  mn_ctx_destroy(&ctx);
}

/* With compound uncertainty each patient's log10 kp factor is normal with the stated SD: 0.7
 * (data/population.yaml) or the scenario's. The SD of 20,000 draws is within 3 % of it, the mean
 * within 0.02 of 0; the factor is an input column of its own. */
static void check_kp_spread(const char *set_sd, double want_sd)
{
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario base = mn_scenario_default();
  assert_int_equal(mn_scenario_set(ctx, &base, "population.compound_uncertainty=true"), MN_OK);
  if (set_sd != NULL) assert_int_equal(mn_scenario_set(ctx, &base, set_sd), MN_OK);
  assert_int_equal(mni_population_inputs(&base), MN_POPULATION_INPUTS + 1);
  const size_t n = 20000;
  double sum = 0.0, sum2 = 0.0, in[MN_POPULATION_INPUTS + 1];
  for (size_t i = 0; i < n; i++) {
    mn_scenario s;
    assert_int_equal(mn_population_sample(ctx, &base, 11, i, &s, in), MN_OK);
    assert_true(s.formulation.sc_kp_factor == in[MN_POPULATION_INPUTS]);
    double l = log10(s.formulation.sc_kp_factor);
    sum += l;
    sum2 += l * l;
  }
  double mean = sum / (double)n, sd = sqrt((sum2 - (double)n * mean * mean) / (double)(n - 1));
  printf("log10 kp factor: mean %.4f, SD %.4f (stated %.2f)\n", mean, sd, want_sd);
  MN_EXPECT_NEAR(sd, want_sd, 0.03, 0.0);
  assert_true(fabs(mean) < 0.02);
  mn_ctx_destroy(&ctx);
}

static void test_compound_uncertainty_spread(void **state)
{
  (void)state;
  check_kp_spread(NULL, 0.7);
  check_kp_spread("population.compound.log_kp_sd=0.3", 0.3);
}

/* Off by default: nine inputs, every patient's factor 1, and the other draws unchanged when it
 * is on (it is drawn last). The factor scales the barrier model's kp, under both models. */
static void test_compound_uncertainty_off_and_kp(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario base = mn_scenario_default(), on = base;
  on.population.compound_uncertainty = true;
  assert_int_equal(mni_population_inputs(&base), MN_POPULATION_INPUTS);
  for (size_t i = 0; i < 50; i++) {
    mn_scenario a, b;
    double ia[MN_POPULATION_INPUTS + 1], ib[MN_POPULATION_INPUTS + 1];
    assert_int_equal(mn_population_sample(ctx, &base, 5, i, &a, ia), MN_OK);
    assert_int_equal(mn_population_sample(ctx, &on, 5, i, &b, ib), MN_OK);
    assert_true(a.formulation.sc_kp_factor == 1.0);
    assert_memory_equal(ia, ib, MN_POPULATION_INPUTS * sizeof(double));
    assert_true(a.seed == b.seed);
  }
  for (int model = 0; model < 2; model++) {
    mn_scenario s = mn_scenario_default();
    s.skin.barrier_model = model == 0 ? MN_BARRIER_WKN : MN_BARRIER_POTTS_GUY;
    mn_compound_props p1, p10;
    assert_int_equal(mn_compound_props_derive_scenario(ctx, &s, &p1), MN_OK);
    s.formulation.sc_kp_factor = 10.0;
    assert_int_equal(mn_compound_props_derive_scenario(ctx, &s, &p10), MN_OK);
    MN_EXPECT_NEAR(p10.D_sc_m2_per_s / p1.D_sc_m2_per_s, 10.0, 1e-12, 0.0);
    assert_true(p10.K_sc == p1.K_sc);
  }
  mn_ctx_destroy(&ctx);
}

/* ---- Checkpoints: a study in chunks, saved and read back ------------------------------------ */

typedef struct memo {
  mn_study *saved;   /* rows saved by the first run */
  size_t n_saves;    /* chunks saved */
  size_t n_loaded;   /* chunks read back */
  size_t chunks_kept; /* the second run finds the first this many chunks */
  size_t chunk;
} memo;

static int memo_save(void *ud, mn_study *st, size_t first, size_t last)
{
  memo *m = ud;
  m->n_saves++;
  for (size_t i = first; i < last; i++) {
    const char *msg = NULL;
    int status = (int)mn_study_row_status(st, i, &msg);
    if (mn_study_set_row(st->ctx, m->saved, i, mn_study_inputs(st, i), mn_study_outputs(st, i),
                         status, msg) != MN_OK)
      return -1;
  }
  return 0;
}

static int memo_load(void *ud, mn_study *st, size_t first, size_t last)
{
  memo *m = ud;
  if (first / m->chunk >= m->chunks_kept) return 0;
  for (size_t i = first; i < last; i++) {
    const char *msg = NULL;
    int status = (int)mn_study_row_status(m->saved, i, &msg);
    if (mn_study_set_row(st->ctx, st, i, mn_study_inputs(m->saved, i),
                         mn_study_outputs(m->saved, i), status, msg) != MN_OK)
      return -1;
  }
  m->n_loaded++;
  return 1;
}

static int count_runs(void *ud, const char *stage, double fraction, double sim_time_s)
{
  (void)stage;
  (void)sim_time_s;
  *(double *)ud = fraction;
  return 0;
}

/* A population of 40 in chunks of 16 saves 3 chunks; run again finding the first 2, it runs the
 * third only, and its table equals, to the bit, the one made without any checkpoint. */
static void test_checkpoint_resume(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario base = mn_scenario_default();
  base.simulation.duration_s = 7200.0;
  base.course.sessions = 1;
  mn_study *plain = NULL, *first = NULL, *again = NULL;
  assert_int_equal(mn_population_run(ctx, &base, 40, 8, &plain), MN_OK);
  memo m = {.chunk = 16};
  assert_int_equal(mn_population_run_range(ctx, &base, 40, 8, 0, 0, &m.saved), MN_OK);
  assert_int_equal(mn_study_set_checkpoint(ctx, 16, memo_load, memo_save, &m), MN_OK);
  assert_int_equal(mn_population_run(ctx, &base, 40, 8, &first), MN_OK);
  assert_int_equal(m.n_saves, 3);
  assert_int_equal(m.n_loaded, 0);
  m.chunks_kept = 2;
  m.n_saves = 0;
  double fraction = 0.0;
  mn_ctx_set_progress(ctx, count_runs, &fraction);
  assert_int_equal(mn_population_run(ctx, &base, 40, 8, &again), MN_OK);
  assert_int_equal(m.n_loaded, 2);
  assert_int_equal(m.n_saves, 1); /* the third chunk, run */
  MN_EXPECT_NEAR(fraction, 1.0, 1e-12, 0.0); /* the progress counts the loaded rows as done */
  for (size_t i = 0; i < 40; i++) {
    assert_memory_equal(mn_study_outputs(plain, i), mn_study_outputs(first, i),
                        mn_study_output_count() * sizeof(double));
    assert_memory_equal(mn_study_outputs(plain, i), mn_study_outputs(again, i),
                        mn_study_output_count() * sizeof(double));
    assert_memory_equal(mn_study_inputs(plain, i), mn_study_inputs(again, i),
                        MN_POPULATION_INPUTS * sizeof(double));
  }
  /* A load that fails fails the study with MN_E_IO. */
  m.chunks_kept = 3;
  mn_study_destroy(&m.saved);
  assert_int_equal(mn_study_set_checkpoint(ctx, 16, memo_load, NULL, &m), MN_OK);
  mn_study *bad = NULL;
  assert_int_equal(mn_population_run(ctx, &base, 40, 8, &bad), MN_E_IO);
  assert_null(bad);
  assert_int_equal(mn_study_set_checkpoint(ctx, 0, NULL, NULL, NULL), MN_OK);
  mn_study_destroy(&plain);
  mn_study_destroy(&first);
  mn_study_destroy(&again);
  mn_ctx_destroy(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_spread_cheek),       cmocka_unit_test(test_spread_forehead),
      cmocka_unit_test(test_population_section_overrides),
      cmocka_unit_test(test_population_section_errors),
      cmocka_unit_test(test_compound_uncertainty_spread),
      cmocka_unit_test(test_compound_uncertainty_off_and_kp),
      cmocka_unit_test(test_checkpoint_resume),
      cmocka_unit_test(test_stream_per_patient), cmocka_unit_test(test_stats),
      cmocka_unit_test(test_population_threads), cmocka_unit_test(test_sobol_ishigami),
      cmocka_unit_test(test_morris_ranks),       cmocka_unit_test(test_failed_rows_recorded),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
