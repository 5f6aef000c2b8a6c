/* mnsim sweep [SCENARIO.yaml] --vary KEY=FROM:TO:N[:log]... [-o OUTDIR] [--json] [--quiet]
 *             [--set ...]
 * mnsim sweep --resume OUTDIR
 *
 * The full grid over the varied keys (the last key fastest), each value set as --set would set
 * it: sweep.csv and a figure per headline result against the first key with -o; a table (or the
 * rows as JSON with --json) on stdout.
 * Exit status: 0 ok (failed points are listed), 1 the sweep failed, 2 bad input. */
#include <math.h>
#include <string.h>

#include "study_resume.h"

static void print_help(FILE *f)
{
  fprintf(f, "usage: mnsim sweep [SCENARIO.yaml] --vary KEY=FROM:TO:N[:log]... [-o OUTDIR]\n"
             "                   [--patients M [--seed S]] [--json] [--set KEY=VALUE]...\n"
             "                   [--threads T] [--quiet]\n"
             "       mnsim sweep --resume OUTDIR [--json] [--threads T] [--quiet]\n"
             "\n"
             "Run the scenario at every point of a grid: N values of each varied key from FROM\n"
             "to TO (evenly spaced, or geometrically with :log), every combination of the keys.\n"
             "Any number key of the scenario can be varied, in its unit (docs/scenario.md), with\n"
             "the checks and messages of --set. A scenario with simulation.model auto runs the\n"
             "1d model.\n"
             "\n"
             "options:\n"
             "  --vary KEY=FROM:TO:N[:log]  a varied key (repeatable)\n"
             "  --patients M     run M virtual patients at each point (the same M people at\n"
             "                   every point, drawn as by 'mnsim population' from the seed)\n"
             "  --seed S         seed of the patients (default: the scenario's seed)\n"
             "  --set KEY=VALUE  override one key of the scenario, as in 'mnsim run'\n"
             "  -o OUTDIR        write sweep.csv and sweep_*.png/svg: for one key each headline\n"
             "                   result against it (with --patients the median and its P25-P75\n"
             "                   and P5-P95 band), for two a heat map, for more a line per\n"
             "                   value of the others\n"
             "  --json           print the points and their results as JSON on stdout\n"
             "  --resume DIR     continue a sweep run with -o DIR that was killed: its finished\n"
             "                   points are read back from DIR/.resume, the others run\n"
             "  --threads T      threads (default: OMP_NUM_THREADS or every core)\n"
             "  --quiet          no progress on stderr\n"
             "  -h, --help       this help\n"
             "\n"
             "example: mnsim sweep --vary device.needle_length_mm=0.25:2.0:8 --patients 50 \\\n"
             "           -o out/sweep\n");
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

static int sweep(study_cli_opts *o, int argc, char **argv)
{
  bool is_done = false;
  int rc = study_cli_parse(argc, argv, o, print_help, &is_done);
  if (rc != MN_EXIT_OK || is_done) return rc;
  if (o->resume == NULL && o->n_varies == 0) {
    mn_cli_error("sweep: at least one --vary KEY=FROM:TO:N is required (see 'mnsim sweep --help')");
    return MN_EXIT_USAGE;
  }
  if (o->n >= 0 || o->method != NULL) {
    mn_cli_error("sweep: --n and --method belong to 'mnsim population' and "
                 "'mnsim sensitivity' (see 'mnsim sweep --help')");
    return MN_EXIT_USAGE;
  }
  if (o->has_seed && o->patients < 0) {
    mn_cli_error("sweep: --seed draws the patients of --patients M (see 'mnsim sweep --help')");
    return MN_EXIT_USAGE;
  }
  mn_ctx *ctx = NULL;
  int rank = 0;
  if ((rc = study_cli_start(o, &ctx, &rank)) != MN_EXIT_OK) return rc;
  mn_study *st = NULL;
  mn_study_vary vary[64];
  mn_scenario s;
  study_resume res;
  rc = study_resume_begin(ctx, o, rank, &s, &res);
  if (rc == MN_EXIT_OK && mn_cli_stop_before_work) goto done; /* the fuzz target */
  if (rc != MN_EXIT_OK) goto done;
  size_t n_points = 1;
  for (int k = 0; k < o->n_varies; k++) {
    mn_status vs = mn_study_vary_parse(ctx, &s, o->varies[k], true, &vary[k]);
    if (vs != MN_OK) {
      rc = study_cli_fail(ctx, vs);
      goto done;
    }
    n_points *= vary[k].n;
  }
  size_t n_patients = o->patients > 0 ? (size_t)o->patients : 1;
  study_progress progress;
  study_progress_init(&progress, n_points * n_patients, o->is_quiet);
  mn_ctx_set_progress(ctx, study_progress_cb, &progress);
  mn_status st_rc = mn_sweep_run_patients(ctx, &s, vary, (size_t)o->n_varies, n_patients,
                                          o->has_seed ? o->seed : s.seed, &st);
  study_progress_finish(&progress);
  bool is_writing = st_rc == MN_OK && o->outdir != NULL && rank == 0;
  if (is_writing) st_rc = mn_sweep_write(ctx, st, o->outdir, NULL);
  if (st_rc != MN_OK) {
    if (is_writing) { /* valid input, files failed */
      mn_cli_error("%s", mn_ctx_errmsg(ctx));
      rc = MN_EXIT_FAILED;
    } else {
      rc = res.is_reported ? mn_cli_exit_for(st_rc) : study_cli_fail(ctx, st_rc);
    }
    goto done;
  }
  study_resume_finish(&res);
  if (o->is_json)
    print_json(st);
  else
    print_table(st);
done:
  mn_study_destroy(&st);
  study_resume_end(&res);
  study_cli_stop(&ctx);
  return rc;
}

int mn_cmd_sweep(int argc, char **argv); /* the entry in main.c's table */
int mn_cmd_sweep(int argc, char **argv)
{
  return study_cli_main("sweep", sweep, argc, argv);
}
