/* mnsim sweep [SCENARIO.yaml] --vary KEY=FROM:TO:N[:log]... [-o OUTDIR] [--json] [--quiet]
 *             [--set ...]
 *
 * The full grid over the varied keys (the last key fastest), each value set as --set would set
 * it: sweep.csv and a figure per headline result against the first key with -o; a table (or the
 * rows as JSON with --json) on stdout.
 * Exit status: 0 ok (failed points are listed), 1 the sweep failed, 2 bad input. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "study_cli.h"

static void print_help(FILE *f)
{
  fprintf(f, "usage: mnsim sweep [SCENARIO.yaml] --vary KEY=FROM:TO:N[:log]... [-o OUTDIR]\n"
             "                   [--json] [--set KEY=VALUE]... [--threads T] [--quiet]\n"
             "\n"
             "Run the scenario at every point of a grid: N values of each varied key from FROM\n"
             "to TO (evenly spaced, or geometrically with :log), every combination of the keys.\n"
             "Any number key of the scenario can be varied, in its unit (docs/scenario.md), with\n"
             "the checks and messages of --set. A scenario with simulation.model auto runs the\n"
             "1d model.\n"
             "\n"
             "options:\n"
             "  --vary KEY=FROM:TO:N[:log]  a varied key (repeatable)\n"
             "  --set KEY=VALUE  override one key of the scenario, as in 'mnsim run'\n"
             "  -o OUTDIR        write sweep.csv and sweep_*.png/svg (each headline result\n"
             "                   against the first key, a line per value of the others)\n"
             "  --json           print the points and their results as JSON on stdout\n"
             "  --threads T      threads (default: OMP_NUM_THREADS or every core)\n"
             "  --quiet          no progress on stderr\n"
             "  -h, --help       this help\n"
             "\n"
             "example: mnsim sweep --vary device.needle_length_mm=0.25:2.0:8 -o out/sweep\n");
}

/* Outputs shown in the table on stdout (every one is in sweep.csv). */
static const char *const shown[] = {"puncture.mean_depth_um", "absorption.absorbed_percent",
                                    "absorption.enhancement_ratio",
                                    "healing.collagen_change_percent", "healing.downtime_days"};
#define N_SHOWN (sizeof shown / sizeof shown[0])

static size_t output_index(const char *name)
{
  for (size_t j = 0; j < mn_study_output_count(); j++)
    if (strcmp(mn_study_output_name(j), name) == 0) return j;
  return 0;
}

static void print_number(double v)
{
  if (isfinite(v))
    printf("%.17g", v);
  else
    printf("null");
}

static void print_json(const mn_study *st)
{
  printf("{\n  \"points\": [\n");
  for (size_t i = 0; i < mn_study_rows(st); i++) {
    const char *msg = NULL;
    mn_status rs = mn_study_row_status(st, i, &msg);
    printf("    {");
    for (size_t k = 0; k < mn_study_input_count(st); k++) {
      printf("\"%s\": ", mn_study_input_name(st, k));
      print_number(mn_study_inputs(st, i)[k]);
      printf(", ");
    }
    for (size_t j = 0; j < mn_study_output_count(); j++) {
      printf("\"%s\": ", mn_study_output_name(j));
      print_number(mn_study_outputs(st, i)[j]);
      printf(", ");
    }
    printf("\"ok\": %s", rs == MN_OK ? "true" : "false");
    if (rs != MN_OK) {
      printf(", \"error\": \"");
      for (const char *c = msg; *c != '\0'; c++)
        if (*c == '"' || *c == '\\')
          printf("\\%c", *c);
        else if ((unsigned char)*c >= 0x20)
          putchar(*c);
      printf("\"");
    }
    printf("}%s\n", i + 1 < mn_study_rows(st) ? "," : "");
  }
  printf("  ],\n  \"failed\": %zu\n}\n", mn_study_failed(st));
}

static void print_table(const mn_study *st)
{
  printf("sweep: %zu points, %zu failed\n\n ", mn_study_rows(st), mn_study_failed(st));
  for (size_t k = 0; k < mn_study_input_count(st); k++)
    printf(" %24s", mn_study_input_name(st, k));
  for (size_t s = 0; s < N_SHOWN; s++)
    printf(" %24s", strchr(shown[s], '.') + 1);
  printf("\n");
  for (size_t i = 0; i < mn_study_rows(st); i++) {
    printf(" ");
    for (size_t k = 0; k < mn_study_input_count(st); k++)
      printf(" %24.6g", mn_study_inputs(st, i)[k]);
    for (size_t s = 0; s < N_SHOWN; s++)
      printf(" %24.6g", mn_study_outputs(st, i)[output_index(shown[s])]);
    const char *msg = NULL;
    if (mn_study_row_status(st, i, &msg) != MN_OK) printf("  failed: %s", msg);
    printf("\n");
  }
}

int mn_cmd_sweep(int argc, char **argv); /* the entry in main.c's table */
static int sweep_main(int argc, char **argv, const char **storage)
{
  study_cli_opts o = {.command = "sweep"};
  bool is_done = false;
  int rc = study_cli_parse(argc, argv, &o, print_help, storage, &is_done);
  if (rc != MN_EXIT_OK || is_done) return rc;
  if (o.n_varies == 0) {
    mn_cli_error("sweep: at least one --vary KEY=FROM:TO:N is required (see 'mnsim sweep --help')");
    return MN_EXIT_USAGE;
  }
  if (o.n >= 0 || o.method != NULL || o.has_seed) {
    mn_cli_error("sweep: --n, --seed and --method belong to 'mnsim population' and "
                 "'mnsim sensitivity' (see 'mnsim sweep --help')");
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
  if (rank > 0) { /* rank 0 prints and writes: the others run their share of the rows */
    o.is_quiet = true;
    o.outdir = NULL;
    if (freopen("/dev/null", "w", stdout) == NULL || freopen("/dev/null", "w", stderr) == NULL)
      rc = MN_EXIT_FAILED;
  }
  mn_study *st = NULL;
  mn_study_vary vary[64];
  mn_scenario s;
  rc = study_cli_scenario(ctx, &o, &s);
  if (rc != MN_EXIT_OK) goto done;
  if (o.n_varies > 64) {
    mn_cli_error("sweep: at most 64 --vary (got %d)", o.n_varies);
    rc = MN_EXIT_USAGE;
    goto done;
  }
  size_t n_points = 1;
  for (int k = 0; k < o.n_varies; k++) {
    mn_status vs = mn_study_vary_parse(ctx, &s, o.varies[k], true, &vary[k]);
    if (vs != MN_OK) {
      mn_cli_error("%s", mn_ctx_errmsg(ctx));
      rc = study_cli_exit_for(vs);
      goto done;
    }
    n_points *= vary[k].n;
  }
  if (mn_cli_stop_before_work) goto done;
  study_progress progress;
  study_progress_init(&progress, n_points, o.is_quiet);
  mn_ctx_set_progress(ctx, study_progress_cb, &progress);
  mn_status st_rc = mn_sweep_run(ctx, &s, vary, (size_t)o.n_varies, &st);
  study_progress_finish(&progress);
  if (st_rc == MN_OK && o.outdir != NULL) st_rc = mn_sweep_write(ctx, st, o.outdir, NULL);
  if (st_rc != MN_OK) {
    mn_cli_error("%s", mn_ctx_errmsg(ctx));
    rc = study_cli_exit_for(st_rc);
    goto done;
  }
  if (o.is_json)
    print_json(st);
  else
    print_table(st);
done:
  mn_study_destroy(&st);
  mn_ctx_destroy(&ctx);
  study_mpi_end();
  return rc;
}

int mn_cmd_sweep(int argc, char **argv)
{
  /* --set and --vary: argc slots each, so any number of them (no fixed limit). */
  const char **storage = malloc(2 * (size_t)argc * sizeof *storage);
  if (storage == NULL) {
    mn_cli_error("out of memory");
    return MN_EXIT_FAILED;
  }
  int rc = sweep_main(argc, argv, storage);
  free(storage);
  return rc;
}
