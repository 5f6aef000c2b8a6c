/* mnsim sensitivity [SCENARIO.yaml] --vary KEY=LO:HI... --method morris|sobol [--n N] [--seed S]
 *                   [-o OUTDIR] [--json] [--quiet] [--set ...]
 * mnsim sensitivity --resume OUTDIR
 *
 * Which of the varied keys move each headline result: Morris' mu* and sigma, or Sobol's
 * first-order and total indices, with 95 % bootstrap intervals. A ranked table on stdout
 * (sensitivity.json with --json); with -o sensitivity.csv, sensitivity.json, runs.csv and a bar
 * figure per headline result.
 * Exit status: 0 ok, 1 the analysis failed, 2 bad input. */
#include <math.h>
#include <string.h>

#include "study_resume.h"

static void print_help(FILE *f)
{
  fprintf(f,
          "usage: mnsim sensitivity [SCENARIO.yaml] --vary KEY=LO:HI... --method morris|sobol\n"
          "                         [--n N] [--seed S] [-o OUTDIR] [--json]\n"
          "                         [--set KEY=VALUE]... [--threads T] [--quiet]\n"
          "       mnsim sensitivity --resume OUTDIR [--json] [--threads T] [--quiet]\n"
          "\n"
          "Rank the varied keys by how much they move each headline result, each key uniform\n"
          "between LO and HI (in its unit, with the checks of --set).\n"
          "  morris  elementary effects: mu* (mean absolute effect over the key's range) and\n"
          "          sigma (non-linearity, interactions); N trajectories, N (k + 1) runs\n"
          "  sobol   first-order S1 and total ST indices (Saltelli design on a Sobol\n"
          "          sequence, Jansen estimators); N base points, N (k + 2) runs, k <= 20\n"
          "Both with 95 %% bootstrap intervals. A scenario with simulation.model auto runs the\n"
          "1d model.\n"
          "\n"
          "options:\n"
          "  --vary KEY=LO:HI  a varied key (repeatable)\n"
          "  --method M       morris or sobol (required)\n"
          "  --n N            trajectories (morris, default 20) or base points (sobol, default\n"
          "                   256; a power of 2 suits the sequence)\n"
          "  --seed S         seed of Morris' trajectories and of the bootstrap (default: the\n"
          "                   scenario's seed)\n"
          "  -o OUTDIR        write sensitivity.csv, sensitivity.json, runs.csv, sens_*.png/svg\n"
          "  --json           print sensitivity.json on stdout, nothing else\n"
          "  --resume DIR     continue an analysis run with -o DIR that was killed: its\n"
          "                   finished runs are read back from DIR/.resume, the others run\n"
          "  --threads T      threads (default: OMP_NUM_THREADS or every core)\n"
          "  --quiet          no progress on stderr\n"
          "  -h, --help       this help\n"
          "\n"
          "example: mnsim sensitivity --vary device.needle_length_mm=0.5:2 \\\n"
          "           --vary treatment.passes=2:12 --method morris -o out/sens\n");
}

static const char *const shown[] = {"absorption.enhancement_ratio", "puncture.mean_depth_um",
                                    "healing.collagen_change_percent", "healing.downtime_days"};

static void print_table(const mn_sensitivity *sa, mn_sens_method method, size_t k,
                        const mn_study_vary *vary)
{
  const mn_study *runs = mn_sensitivity_runs(sa);
  printf("sensitivity (%s): %zu runs, %zu failed\n", method == MN_SENS_SOBOL ? "sobol" : "morris",
         mn_study_rows(runs), mn_study_failed(runs));
  for (size_t s = 0; s < sizeof shown / sizeof shown[0]; s++) {
    size_t j = 0;
    while (j < mn_study_output_count() && strcmp(mn_study_output_name(j), shown[s]) != 0)
      j++;
    printf("\n%s\n", shown[s]);
    if (method == MN_SENS_SOBOL)
      printf("  %-4s %-32s %8s %19s %8s %19s\n", "rank", "key", "ST", "95 % CI", "S1", "95 % CI");
    else
      printf("  %-4s %-32s %11s %25s %11s\n", "rank", "key", "mu*", "95 % CI", "sigma");
    bool used[64] = {false};
    for (size_t r = 0; r < k; r++) { /* by decreasing ST or mu* */
      size_t best = k;
      double best_v = -HUGE_VAL;
      for (size_t i = 0; i < k; i++) {
        const mn_sens_index *x = mn_sensitivity_index(sa, j, i);
        double v = method == MN_SENS_SOBOL ? x->st : x->mu_star;
        if (!used[i] && (best == k || (isfinite(v) && v > best_v))) {
          best = i;
          best_v = isfinite(v) ? v : -HUGE_VAL;
        }
      }
      used[best] = true;
      const mn_sens_index *x = mn_sensitivity_index(sa, j, best);
      if (method == MN_SENS_SOBOL)
        printf("  %-4zu %-32s %8.3f [%8.3f, %8.3f] %8.3f [%8.3f, %8.3f]\n", r + 1, vary[best].key,
               x->st, x->st_lo, x->st_hi, x->s1, x->s1_lo, x->s1_hi);
      else
        printf("  %-4zu %-32s %11.4g [%11.4g, %11.4g] %11.4g\n", r + 1, vary[best].key, x->mu_star,
               x->mu_star_lo, x->mu_star_hi, x->sigma);
    }
  }
}

/* The options that make the runs: at least one --vary, a method, --n >= 2, k in range. */
static int check_options(const study_cli_opts *o)
{
  if (o->n_varies == 0) {
    mn_cli_error("sensitivity: at least one --vary KEY=LO:HI is required (see 'mnsim "
                 "sensitivity --help')");
    return MN_EXIT_USAGE;
  }
  bool is_sobol = o->method != NULL && strcmp(o->method, "sobol") == 0;
  if (!is_sobol && (o->method == NULL || strcmp(o->method, "morris") != 0)) {
    mn_cli_error("sensitivity: --method = '%s': expected morris or sobol",
                 o->method != NULL ? o->method : "");
    return MN_EXIT_USAGE;
  }
  if (o->n_varies > (is_sobol ? 20 : 64)) {
    mn_cli_error("sensitivity: at most %d --vary with --method %s (got %d)", is_sobol ? 20 : 64,
                 o->method, o->n_varies);
    return MN_EXIT_USAGE;
  }
  if (o->n >= 0 && o->n < 2) {
    mn_cli_error("sensitivity: --n = %lld: expected a whole number >= 2", o->n);
    return MN_EXIT_USAGE;
  }
  return MN_EXIT_OK;
}

static int sensitivity(study_cli_opts *o, int argc, char **argv)
{
  bool is_done = false;
  int rc = study_cli_parse(argc, argv, o, print_help, &is_done);
  if (rc != MN_EXIT_OK || is_done) return rc;
  if (o->patients >= 0) {
    mn_cli_error("%s: --patients belongs to 'mnsim sweep' (see 'mnsim %s --help')", o->command,
                 o->command);
    return MN_EXIT_USAGE;
  }
  mn_ctx *ctx = NULL;
  int rank = 0;
  mn_sensitivity *sa = NULL;
  mn_study_vary vary[64];
  mn_scenario s;
  study_resume res = {0};
  if (o->resume == NULL && (rc = check_options(o)) != MN_EXIT_OK) return rc;
  if ((rc = study_cli_start(o, &ctx, &rank)) != MN_EXIT_OK) return rc;
  rc = study_resume_begin(ctx, o, rank, &s, &res);
  if (rc == MN_EXIT_OK && mn_cli_stop_before_work) goto done; /* the fuzz target */
  if (rc == MN_EXIT_OK && o->resume != NULL) rc = check_options(o); /* the saved ones */
  if (rc != MN_EXIT_OK) goto done;
  mn_sens_method method = strcmp(o->method, "sobol") == 0 ? MN_SENS_SOBOL : MN_SENS_MORRIS;
  size_t n = o->n >= 0 ? (size_t)o->n : (method == MN_SENS_SOBOL ? 256 : 20);
  for (int k = 0; k < o->n_varies; k++) {
    mn_status vs = mn_study_vary_parse(ctx, &s, o->varies[k], false, &vary[k]);
    if (vs != MN_OK) {
      rc = study_cli_fail(ctx, vs);
      goto done;
    }
  }
  size_t k = (size_t)o->n_varies;
  study_progress progress;
  study_progress_init(&progress, method == MN_SENS_SOBOL ? n * (k + 2) : n * (k + 1), o->is_quiet);
  mn_ctx_set_progress(ctx, study_progress_cb, &progress);
  mn_status st = mn_sensitivity_run(ctx, &s, vary, k, method, n, o->has_seed ? o->seed : s.seed, &sa);
  study_progress_finish(&progress);
  bool is_writing = st == MN_OK && o->outdir != NULL && rank == 0;
  if (is_writing) st = mn_sensitivity_write(ctx, sa, o->outdir, NULL);
  if (st != MN_OK) {
    if (is_writing) { /* valid input, files failed */
      mn_cli_error("%s", mn_ctx_errmsg(ctx));
      rc = MN_EXIT_FAILED;
    } else {
      rc = res.is_reported ? mn_cli_exit_for(st) : study_cli_fail(ctx, st);
    }
    goto done;
  }
  study_resume_finish(&res);
  if (o->is_json) {
    char *json = NULL;
    if (mn_sensitivity_json(ctx, sa, &json) != MN_OK) {
      rc = study_cli_fail(ctx, MN_E_NOMEM);
      goto done;
    }
    printf("%s\n", json);
    mn_string_free(ctx, json);
  } else {
    print_table(sa, method, k, vary);
  }
done:
  mn_sensitivity_destroy(&sa);
  study_resume_end(&res);
  study_cli_stop(&ctx);
  return rc;
}

int mn_cmd_sensitivity(int argc, char **argv); /* the entry in main.c's table */
int mn_cmd_sensitivity(int argc, char **argv)
{
  return study_cli_main("sensitivity", sensitivity, argc, argv);
}
