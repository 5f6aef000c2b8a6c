/* The options, scenario and progress line shared by the study commands (study_cli.h). */
#define _POSIX_C_SOURCE 200809L
#include "study_cli.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

bool study_cli_number(const char *command, const char *what, const char *text, long long lo,
                      long long *out)
{
  long long v = 0;
  if (!mn_cli_parse_ll(text, lo, LLONG_MAX, &v)) {
    mn_cli_error("%s: %s = '%s': expected a whole number >= %lld", command, what, text, lo);
    return false;
  }
  *out = v;
  return true;
}

void study_cli_opts_free(study_cli_opts *o)
{
  free(o->sets);
  o->sets = NULL;
  o->n_sets = 0;
}

int study_cli_main(const char *command, int (*body)(study_cli_opts *o, int argc, char **argv),
                   int argc, char **argv)
{
  study_cli_opts o = {.command = command};
  int rc = body(&o, argc, argv);
  study_cli_opts_free(&o);
  return rc;
}

int study_cli_parse(int argc, char **argv, study_cli_opts *o, void (*help)(FILE *f),
                    bool *is_done)
{
  static const struct option longopts[] = {{"help", no_argument, NULL, 'h'},
                                           {"json", no_argument, NULL, 'j'},
                                           {"quiet", no_argument, NULL, 'q'},
                                           {"set", required_argument, NULL, 's'},
                                           {"vary", required_argument, NULL, 'V'},
                                           {"output", required_argument, NULL, 'o'},
                                           {"n", required_argument, NULL, 'n'},
                                           {"seed", required_argument, NULL, 'S'},
                                           {"method", required_argument, NULL, 'm'},
                                           {"threads", required_argument, NULL, 't'},
                                           {"resume", required_argument, NULL, 'r'},
                                           {"patients", required_argument, NULL, 'P'},
                                           {NULL, 0, NULL, 0}};
  *is_done = false;
  o->sets = malloc((size_t)argc * sizeof *o->sets); /* a slot per word: any number of --set */
  if (o->sets == NULL) {
    mn_cli_error("out of memory");
    return MN_EXIT_FAILED;
  }
  o->n = -1;
  o->patients = -1;
  long long v = 0;
  int c;
  while ((c = mn_cli_getopt(o->command, argc, argv, "hqo:", longopts)) != -1) {
    switch (c) {
    case 'h':
      help(stdout);
      *is_done = true;
      return MN_EXIT_OK;
    case 'j':
      o->is_json = true;
      break;
    case 'q':
      o->is_quiet = true;
      break;
    case 's': /* each takes a word of argv: room for every one */
      o->sets[o->n_sets++] = optarg;
      break;
    case 'V':
      if (o->n_varies == STUDY_CLI_MAX_VARIES) {
        mn_cli_error("%s: at most %d --vary (see 'mnsim %s --help')", o->command,
                     STUDY_CLI_MAX_VARIES, o->command);
        return MN_EXIT_USAGE;
      }
      o->varies[o->n_varies++] = optarg;
      break;
    case 'o':
      if (optarg[0] == '\0') {
        mn_cli_error("%s: -o needs a directory (see 'mnsim %s --help')", o->command, o->command);
        return MN_EXIT_USAGE;
      }
      o->outdir = optarg;
      break;
    case 'n':
      if (!study_cli_number(o->command, "--n", optarg, 1, &o->n)) return MN_EXIT_USAGE;
      break;
    case 'S':
      if (!study_cli_number(o->command, "--seed", optarg, 0, &v)) return MN_EXIT_USAGE;
      o->seed = (uint64_t)v;
      o->has_seed = true;
      break;
    case 'm':
      o->method = optarg;
      break;
    case 'P':
      if (!study_cli_number(o->command, "--patients", optarg, 1, &o->patients))
        return MN_EXIT_USAGE;
      break;
    case 'r':
      if (optarg[0] == '\0') {
        mn_cli_error("%s: --resume needs a directory", o->command);
        return MN_EXIT_USAGE;
      }
      o->resume = optarg;
      break;
    case 't':
      if (!study_cli_number(o->command, "--threads", optarg, 1, &v)) return MN_EXIT_USAGE;
      o->threads = v > 4096 ? 4096 : (int)v;
      break;
    default:
      return MN_EXIT_USAGE;
    }
  }
  int rc = mn_cli_scenario_operand(argc, argv, optind, &o->scenario_path);
  if (rc != MN_EXIT_OK || o->resume == NULL) return rc;
  if (o->n >= 0 || o->has_seed || o->scenario_path != NULL || o->n_sets > 0 ||
      o->n_varies > 0 || o->method != NULL || o->patients >= 0) {
    mn_cli_error("%s: --resume %s takes the scenario and the options of the interrupted run "
                 "from %s/.resume: give none of them",
                 o->command, o->resume, o->resume);
    return MN_EXIT_USAGE;
  }
  if (o->outdir != NULL && strcmp(o->outdir, o->resume) != 0) {
    mn_cli_error("%s: --resume %s writes into %s (got -o %s)", o->command, o->resume, o->resume,
                 o->outdir);
    return MN_EXIT_USAGE;
  }
  o->outdir = o->resume;
  return MN_EXIT_OK;
}

int study_cli_fail(mn_ctx *ctx, mn_status st)
{
  mn_cli_error("%s", mn_ctx_errmsg(ctx));
  return mn_cli_exit_for(st);
}

int study_cli_scenario(mn_ctx *ctx, const study_cli_opts *o, mn_scenario *s)
{
  mn_status st = mn_cli_scenario_load(ctx, o->scenario_path, o->sets, o->n_sets, s);
  if (st == MN_OK) st = mn_scenario_validate(ctx, s);
  return st == MN_OK ? MN_EXIT_OK : study_cli_fail(ctx, st);
}

int study_cli_start(study_cli_opts *o, mn_ctx **ctx, int *rank)
{
  *rank = 0;
  *ctx = mn_cli_ctx_create();
  if (*ctx == NULL) return MN_EXIT_FAILED;
  mn_ctx_set_threads(*ctx, o->threads);
  int n_ranks = 1, rc = study_mpi_begin(*ctx, rank, &n_ranks);
  if (rc == MN_EXIT_OK && *rank > 0) { /* rank 0 prints and writes */
    o->is_quiet = true;
    if (freopen("/dev/null", "w", stdout) == NULL || freopen("/dev/null", "w", stderr) == NULL)
      rc = MN_EXIT_FAILED;
  }
  if (rc != MN_EXIT_OK) study_cli_stop(ctx);
  return rc;
}

void study_cli_stop(mn_ctx **ctx)
{
  mn_ctx_destroy(ctx);
  study_mpi_end();
}

/* ---- Progress -------------------------------------------------------------------------------- */

static double now_s(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

void study_progress_init(study_progress *p, size_t n_runs, bool is_quiet)
{
  memset(p, 0, sizeof *p);
  p->is_enabled = !is_quiet && isatty(STDERR_FILENO);
  p->start_s = now_s();
  p->last_draw_s = -1.0;
  p->n_runs = n_runs;
}

int study_progress_cb(void *ud, const char *stage, double fraction, double sim_time_s)
{
  (void)stage;
  (void)sim_time_s;
  study_progress *p = ud;
  if (!p->is_enabled) return 0;
  double t = now_s(), elapsed = t - p->start_s;
  if (elapsed < 1.0 || t - p->last_draw_s < 0.1) return 0;
  p->last_draw_s = t;
  double done = fraction * (double)p->n_runs;
  double rate = elapsed > 0.0 ? done / elapsed : 0.0;
  double left = rate > 0.0 ? ((double)p->n_runs - done) / rate : (double)NAN;
  fprintf(stderr, "\r\033[Kruns %.0f/%zu  %.1f/s  %s%d:%02d left", done, p->n_runs, rate,
          isfinite(left) ? "" : "?", isfinite(left) ? (int)(left / 60.0) : 0,
          isfinite(left) ? (int)fmod(left, 60.0) : 0);
  p->is_drawn = true;
  return 0;
}

void study_progress_finish(study_progress *p)
{
  if (p->is_drawn) fputs("\r\033[K", stderr);
  p->is_drawn = false;
}
