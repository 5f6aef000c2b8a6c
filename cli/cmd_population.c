/* mnsim population [SCENARIO.yaml] --n N [--seed S] [-o OUTDIR] [--json] [--quiet] [--set ...]
 *
 * N virtual patients around the scenario (data/population.yaml and the scenario's population:
 * section), on every core: a table of each result's statistics and the shares on stdout (or
 * population.json with --json); with -o the files patients.csv, population.json, the figures
 * and report.html. --resume DIR continues a killed run (cli/study_resume.c).
 * Exit status: 0 ok (failed patients are counted, not fatal), 1 the study failed, 2 bad input. */
#include <math.h>
#include <string.h>

#include "study_resume.h"

static void print_help(FILE *f)
{
  fprintf(f,
          "usage: mnsim population [SCENARIO.yaml] --n N [--seed S] [-o OUTDIR] [--json]\n"
          "       mnsim population --resume OUTDIR [--json]\n"
          "                        [--set KEY=VALUE]... [--threads T] [--quiet]\n"
          "\n"
          "Simulate N virtual patients around a scenario (the built-in default without a\n"
          "file). Each patient varies as people do: sex, age, the thickness of each skin layer\n"
          "(the site table's mean and spread), Fitzpatrick type, and the hand's force per\n"
          "needle and number of passes around the protocol (data/population.yaml; sources in\n"
          "docs/population.md); a population: section of the scenario overrides them, and\n"
          "population.compound_uncertainty: true also draws each patient's stratum corneum kp\n"
          "about the barrier model's (SD 0.7 log10 units). A scenario with simulation.model\n"
          "auto runs the 1d model.\n"
          "\n"
          "options:\n"
          "  --n N            number of patients (required)\n"
          "  --seed S         seed of the population (default: the scenario's seed); patient\n"
          "                   i's draws depend on S and i only\n"
          "  --set KEY=VALUE  override one key of the scenario, as in 'mnsim run'\n"
          "  -o OUTDIR        write patients.csv, population.json, report.html and the\n"
          "                   figures: hist_*, violin_* (by Fitzpatrick type) and\n"
          "                   needle_reach (depth against needle length across patients)\n"
          "  --json           print population.json on stdout, nothing else\n"
          "  --resume DIR     continue a run of 'mnsim population ... -o DIR' that was killed:\n"
          "                   its finished patients are read back from DIR/.resume, the\n"
          "                   others run, and DIR gets the files of an uninterrupted run\n"
          "  --threads T      threads (default: OMP_NUM_THREADS or every core); the files do not\n"
          "                   depend on it\n"
          "  --quiet          no progress on stderr\n"
          "  -h, --help       this help\n"
          "\n"
          "Exit status: 0 success (patients whose run failed are listed with their error),\n"
          "1 the study failed, 2 bad usage or bad input.\n");
}

static void print_table(mn_ctx *ctx, const mn_study *pop)
{
  printf("population: %zu patients, %zu failed\n\n", mn_study_rows(pop), mn_study_failed(pop));
  printf("  %-36s %11s %11s %11s %11s %11s\n", "result", "mean", "SD", "P5", "P50", "P95");
  for (size_t j = 0; j < mn_study_output_count(); j++) {
    mn_study_stats s;
    if (mn_study_output_stats(ctx, pop, j, &s) != MN_OK) continue;
    printf("  %-36s %11.4g %11.4g %11.4g %11.4g %11.4g\n", mn_study_output_name(j), s.mean, s.sd,
           s.p5, s.p50, s.p95);
  }
  for (size_t i = 0, shown = 0; i < mn_study_rows(pop) && shown < 5; i++) {
    const char *msg = NULL;
    if (mn_study_row_status(pop, i, &msg) == MN_OK) continue;
    printf("%s  patient %zu failed: %s\n", shown == 0 ? "\n" : "", i, msg);
    shown++;
  }
}

static int population(study_cli_opts *o, int argc, char **argv)
{
  bool is_done = false;
  int rc = study_cli_parse(argc, argv, o, print_help, &is_done);
  if (rc != MN_EXIT_OK || is_done) return rc;
  if (o->patients >= 0) {
    mn_cli_error("%s: --patients belongs to 'mnsim sweep' (see 'mnsim %s --help')", o->command,
                 o->command);
    return MN_EXIT_USAGE;
  }
  if (o->n_varies > 0 || o->method != NULL) {
    mn_cli_error("population: --vary and --method belong to 'mnsim sweep' and "
                 "'mnsim sensitivity' (see 'mnsim population --help')");
    return MN_EXIT_USAGE;
  }
  if (o->resume == NULL && o->n < 0) {
    mn_cli_error("population: --n N is required (see 'mnsim population --help')");
    return MN_EXIT_USAGE;
  }
  mn_ctx *ctx = NULL;
  int rank = 0;
  if ((rc = study_cli_start(o, &ctx, &rank)) != MN_EXIT_OK) return rc;
  mn_study *pop = NULL;
  mn_scenario s;
  study_resume res;
  rc = study_resume_begin(ctx, o, rank, &s, &res);
  if (rc == MN_EXIT_OK && mn_cli_stop_before_work) goto done; /* the fuzz target */
  if (rc == MN_EXIT_OK && o->n < 1) {
    mn_cli_error("population: --resume %s: the patients of the interrupted run are not saved",
                 o->resume);
    rc = MN_EXIT_USAGE;
  }
  if (rc != MN_EXIT_OK) goto done;
  uint64_t seed = o->has_seed ? o->seed : s.seed;
  study_progress progress;
  study_progress_init(&progress, (size_t)o->n, o->is_quiet);
  mn_ctx_set_progress(ctx, study_progress_cb, &progress);
  mn_status st = mn_population_run(ctx, &s, (size_t)o->n, seed, &pop);
  study_progress_finish(&progress);
  bool is_writing = st == MN_OK && o->outdir != NULL && rank == 0;
  if (is_writing) st = mn_population_write(ctx, pop, o->outdir, NULL);
  if (st != MN_OK) {
    if (is_writing) { /* the files of valid input could not be written (a full disk) */
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
    if (mn_population_json(ctx, pop, &json) != MN_OK) {
      rc = study_cli_fail(ctx, MN_E_NOMEM);
      goto done;
    }
    printf("%s\n", json);
    mn_string_free(ctx, json);
  } else {
    print_table(ctx, pop);
  }
done:
  mn_study_destroy(&pop);
  study_resume_end(&res);
  study_cli_stop(&ctx);
  return rc;
}

int mn_cmd_population(int argc, char **argv); /* the entry in main.c's table */
int mn_cmd_population(int argc, char **argv)
{
  return study_cli_main("population", population, argc, argv);
}
