/* mnsim population [SCENARIO.yaml] --n N [--seed S] [-o OUTDIR] [--json] [--quiet] [--set ...]
 *
 * N virtual patients around the scenario (data/population.yaml), on every core: a table of each
 * result's statistics and the shares on stdout (or population.json with --json); with -o the
 * files patients.csv, population.json, the histograms and report.html.
 * Exit status: 0 ok (failed patients are counted, not fatal), 1 the study failed, 2 bad input. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "population_resume.h"
#include "study_cli.h"

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
          "docs/population.md). A scenario with simulation.model auto runs the 1d model.\n"
          "\n"
          "options:\n"
          "  --n N            number of patients (required)\n"
          "  --seed S         seed of the population (default: the scenario's seed); patient\n"
          "                   i's draws depend on S and i only\n"
          "  --set KEY=VALUE  override one key of the scenario, as in 'mnsim run'\n"
          "  -o OUTDIR        write patients.csv, population.json, hist_*.png/svg, report.html\n"
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

/* Patients in chunks of this many when the run is resumable (-o): a killed run loses at most
 * one chunk; each chunk starts the threads' contexts anew (a few ms). */
static size_t chunk_size(size_t n)
{
  size_t k = n / 100;
  return k < 16 ? 16 : (k > 1000 ? 1000 : k);
}

/* The population: at once, or (resumable) chunk by chunk, each finished chunk saved in
 * chunk_dir/.resume by rank 0 and read back instead of run when it is there. */
static int run_population(mn_ctx *ctx, const mn_scenario *s, size_t n, uint64_t seed,
                          const char *chunk_dir, bool is_writer, bool is_quiet, mn_study **out)
{
  study_progress progress;
  study_progress_init(&progress, n, is_quiet);
  mn_ctx_set_progress(ctx, study_progress_cb, &progress);
  mn_status st = MN_OK;
  if (chunk_dir == NULL) {
    st = mn_population_run(ctx, s, n, seed, out);
  } else {
    st = mn_population_run_range(ctx, s, n, seed, 0, 0, out); /* the table, every row pending */
    for (size_t first = 0; st == MN_OK && first < n; first += chunk_size(n)) {
      size_t last = first + chunk_size(n) < n ? first + chunk_size(n) : n;
      progress.offset = first;
      progress.part = last - first;
      int got = resume_load_chunk(ctx, chunk_dir, *out, first, last);
      if (got < 0) {
        study_progress_finish(&progress);
        return MN_EXIT_USAGE;
      }
      if (got > 0) continue; /* done by the interrupted run */
      mn_study *part = NULL;
      st = mn_population_run_range(ctx, s, n, seed, first, last, &part);
      for (size_t i = first; st == MN_OK && i < last; i++) {
        const char *msg = NULL;
        int row_st = (int)mn_study_row_status(part, i, &msg);
        st = mn_study_set_row(ctx, *out, i, mn_study_inputs(part, i), mn_study_outputs(part, i),
                              row_st, msg);
      }
      mn_study_destroy(&part);
      if (st == MN_OK && is_writer && resume_save_chunk(chunk_dir, *out, first, last) != 0) {
        study_progress_finish(&progress);
        mn_cli_error("population: cannot save patients %zu to %zu in %s/.resume", first,
                     last - 1, chunk_dir);
        return MN_EXIT_USAGE;
      }
    }
  }
  study_progress_finish(&progress);
  if (st != MN_OK) {
    mn_cli_error("%s", mn_ctx_errmsg(ctx));
    return study_cli_exit_for(st);
  }
  return MN_EXIT_OK;
}

int mn_cmd_population(int argc, char **argv); /* the entry in main.c's table */
static int population_main(int argc, char **argv, const char **storage)
{
  study_cli_opts o = {.command = "population"};
  bool is_done = false;
  int rc = study_cli_parse(argc, argv, &o, print_help, storage, &is_done);
  if (rc != MN_EXIT_OK || is_done) return rc;
  if (o.n_varies > 0 || o.method != NULL) {
    mn_cli_error("population: --vary and --method belong to 'mnsim sweep' and "
                 "'mnsim sensitivity' (see 'mnsim population --help')");
    return MN_EXIT_USAGE;
  }
  if (o.resume != NULL) {
    if (o.n >= 0 || o.has_seed || o.scenario_path != NULL || o.n_sets > 0) {
      mn_cli_error("population: --resume %s takes the patients, the seed and the scenario of "
                   "the interrupted run from %s/.resume: give none of them",
                   o.resume, o.resume);
      return MN_EXIT_USAGE;
    }
    if (o.outdir != NULL && strcmp(o.outdir, o.resume) != 0) {
      mn_cli_error("population: --resume %s writes into %s (got -o %s)", o.resume, o.resume,
                   o.outdir);
      return MN_EXIT_USAGE;
    }
    o.outdir = o.resume;
  } else if (o.n < 0) {
    mn_cli_error("population: --n N is required (see 'mnsim population --help')");
    return MN_EXIT_USAGE;
  }
  mn_ctx *ctx = mn_cli_ctx_create();
  if (ctx == NULL) return MN_EXIT_FAILED;
  mn_ctx_set_threads(ctx, o.threads);
  int rank = 0, n_ranks = 1;
  if ((rc = study_mpi_begin(ctx, &rank, &n_ranks)) != MN_EXIT_OK) {
    study_mpi_end();
    mn_ctx_destroy(&ctx);
    return rc;
  }
  const char *chunk_dir = o.outdir; /* every rank reads the finished chunks, rank 0 writes */
  if (rank > 0) { /* rank 0 prints and writes: the others run their share of the rows */
    o.is_quiet = true;
    o.outdir = NULL;
    if (freopen("/dev/null", "w", stdout) == NULL || freopen("/dev/null", "w", stderr) == NULL) {
      rc = MN_EXIT_FAILED;
      goto done_early;
    }
  }
  mn_study *pop = NULL;
  mn_scenario s;
  size_t n = o.n > 0 ? (size_t)o.n : 0;
  uint64_t seed = 0;
  if (o.resume != NULL) {
    rc = resume_load_settings(ctx, o.resume, &s, &n, &seed);
  } else {
    rc = study_cli_scenario(ctx, &o, &s);
    if (rc == MN_EXIT_OK && mn_cli_stop_before_work) goto done;
    seed = o.has_seed ? o.seed : s.seed;
    if (rc == MN_EXIT_OK && o.outdir != NULL) {
      resume_finish(o.outdir); /* a fresh run: what an earlier killed run left is dropped */
      rc = resume_save_settings(ctx, o.outdir, &s, n, seed);
    }
  }
  if (rc != MN_EXIT_OK) goto done;
  rc = run_population(ctx, &s, n, seed, chunk_dir, o.outdir != NULL, o.is_quiet, &pop);
  if (rc != MN_EXIT_OK) goto done;
  mn_status st = MN_OK;
  if (o.outdir != NULL) st = mn_population_write(ctx, pop, o.outdir, NULL);
  if (st != MN_OK) {
    mn_cli_error("%s", mn_ctx_errmsg(ctx));
    rc = study_cli_exit_for(st);
    goto done;
  }
  if (o.outdir != NULL) resume_finish(o.outdir);
  if (o.is_json) {
    char *json = NULL;
    if (mn_population_json(ctx, pop, &json) != MN_OK) {
      mn_cli_error("%s", mn_ctx_errmsg(ctx));
      rc = MN_EXIT_FAILED;
      goto done;
    }
    printf("%s\n", json);
    mn_string_free(ctx, json);
  } else {
    print_table(ctx, pop);
  }
done:
  mn_study_destroy(&pop);
done_early:
  mn_ctx_destroy(&ctx);
  study_mpi_end();
  return rc;
}

int mn_cmd_population(int argc, char **argv)
{
  /* --set and --vary: argc slots each, so any number of them (no fixed limit). */
  const char **storage = malloc(2 * (size_t)argc * sizeof *storage);
  if (storage == NULL) {
    mn_cli_error("out of memory");
    return MN_EXIT_FAILED;
  }
  int rc = population_main(argc, argv, storage);
  free(storage);
  return rc;
}
