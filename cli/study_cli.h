/* Shared by the study commands (population, sweep, sensitivity): their common options, the
 * loading of the base scenario, numbers from argv, the runs' progress line. */
#ifndef MNSIM_CLI_STUDY_H
#define MNSIM_CLI_STUDY_H

#include <stdbool.h>
#include <stdint.h>

#include "cli.h"

/* Most --vary of one command: the most any study command takes (sweep and Morris 64). */
#define STUDY_CLI_MAX_VARIES 64

typedef struct study_cli_opts {
  const char *command;       /* "population", for messages */
  const char *scenario_path; /* NULL: the built-in default */
  const char *outdir;        /* -o; NULL: no files */
  bool is_json, is_quiet;
  int n_sets;
  const char **sets; /* the KEY=VALUE of each --set (argv's strings; any number of them) */
  int n_varies;
  const char *varies[STUDY_CLI_MAX_VARIES]; /* the text of each --vary */
  long long n;         /* --n; -1: not given */
  long long patients;  /* --patients (sweep); -1: not given */
  uint64_t seed;       /* --seed */
  bool has_seed;
  const char *method; /* --method */
  int threads;        /* --threads; 0: OpenMP's default */
  const char *resume; /* --resume DIR */
} study_cli_opts;

/* A whole number >= lo from text, for option `what`; reports and returns false if not. */
bool study_cli_number(const char *command, const char *what, const char *text, long long lo,
                      long long *out);
/* Parse the options the three commands share into *o (o->command set); *is_done when --help
 * was printed (help(stdout)). With --resume DIR, none of the options that make the rows may be
 * given (they are the interrupted run's) and -o, if given, must be DIR; o->outdir becomes DIR.
 * Returns 0 to go on, else the exit status. */
int study_cli_parse(int argc, char **argv, study_cli_opts *o, void (*help)(FILE *f),
                    bool *is_done);
/* Free what study_cli_parse allocated in *o (the options stay usable as read-only words). */
void study_cli_opts_free(study_cli_opts *o);
/* A study command's entry: body(&o, argc, argv) with o->command set, then o freed whatever
 * body returned; returns body's exit status. */
int study_cli_main(const char *command, int (*body)(study_cli_opts *o, int argc, char **argv),
                   int argc, char **argv);
/* The base scenario: the file (or the default) with the --set overrides, validated. Reports;
 * returns 0 or the exit status. */
int study_cli_scenario(mn_ctx *ctx, const study_cli_opts *o, mn_scenario *s);
/* Report the context's message for a library failure st; returns its exit status. */
int study_cli_fail(mn_ctx *ctx, mn_status st);

/* Start a study command: the context (o->threads), MPI under mpirun (*rank: this process, 0
 * alone); on ranks other than 0, stdout and stderr go to /dev/null and o->is_quiet is set (rank
 * 0 prints and writes). Returns 0 or the exit status; *ctx is NULL on failure. */
int study_cli_start(study_cli_opts *o, mn_ctx **ctx, int *rank);
/* Finish: destroy the context, then MPI (after the last collective call). */
void study_cli_stop(mn_ctx **ctx);

/* The runs' progress on stderr (a terminal, not --quiet): runs done, runs per second, time left. */
typedef struct study_progress {
  bool is_enabled;
  double start_s, last_draw_s;
  size_t n_runs;
  bool is_drawn;
} study_progress;
void study_progress_init(study_progress *p, size_t n_runs, bool is_quiet);
int study_progress_cb(void *ud, const char *stage, double fraction, double sim_time_s);
void study_progress_finish(study_progress *p);

/* Under mpirun: start MPI and split ctx's studies over the ranks (cli/study_mpi.c); *rank and
 * *size are 0 and 1 when run alone or built without MPI. Returns 0 or the exit status. Every
 * rank runs the same command; only rank 0 prints and writes. */
int study_mpi_begin(mn_ctx *ctx, int *rank, int *size);
/* Finish MPI if study_mpi_begin started it (after the last collective call). */
void study_mpi_end(void);

#endif /* MNSIM_CLI_STUDY_H */
