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

int study_cli_parse(int argc, char **argv, study_cli_opts *o, void (*help)(FILE *f),
                    const char **storage, bool *is_done)
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
                                           {NULL, 0, NULL, 0}};
  *is_done = false;
  o->sets = storage;
  o->varies = storage + argc;
  o->n = -1;
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
    case 's':
      o->sets[o->n_sets++] = optarg;
      break;
    case 'V':
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
  for (int i = optind; i < argc; i++) {
    if (o->scenario_path != NULL) {
      mn_cli_error("one scenario file at a time: got '%s' and '%s'", o->scenario_path, argv[i]);
      return MN_EXIT_USAGE;
    }
    o->scenario_path = argv[i];
  }
  return MN_EXIT_OK;
}

int study_cli_exit_for(mn_status st)
{
  return (st == MN_E_CONFIG || st == MN_E_NOTFOUND || st == MN_E_ARG || st == MN_E_IO)
             ? MN_EXIT_USAGE
             : MN_EXIT_FAILED;
}

int study_cli_scenario(mn_ctx *ctx, const study_cli_opts *o, mn_scenario *s)
{
  *s = mn_scenario_default();
  mn_status st = MN_OK;
  if (o->scenario_path != NULL) st = mn_scenario_load_file(ctx, o->scenario_path, s);
  for (int i = 0; st == MN_OK && i < o->n_sets; i++)
    st = mn_scenario_set(ctx, s, o->sets[i]);
  if (st == MN_OK) st = mn_scenario_validate(ctx, s);
  if (st != MN_OK) {
    mn_cli_error("%s", mn_ctx_errmsg(ctx));
    return study_cli_exit_for(st);
  }
  return MN_EXIT_OK;
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
  p->part = n_runs;
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
  double done = (double)p->offset + fraction * (double)p->part;
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
