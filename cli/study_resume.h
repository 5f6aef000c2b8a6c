/* Resumable studies (cli/study_resume.c): the settings and finished chunks of a `mnsim
 * population|sweep|sensitivity -o DIR` run in DIR/.resume, read back by --resume DIR. */
#ifndef MNSIM_CLI_STUDY_RESUME_H
#define MNSIM_CLI_STUDY_RESUME_H

#include <stdbool.h>

#include "study_cli.h"

typedef struct study_resume {
  mn_ctx *ctx;
  const char *dir;   /* DIR, or NULL: the run keeps nothing */
  bool is_writer;    /* this process saves the chunks (rank 0) */
  bool is_resuming;  /* --resume: chunks are read back */
  bool is_reported;  /* a chunk's failure was reported already */
  char *settings;    /* the loaded run.txt (o->varies point into it), owned */
} study_resume;

/* The base scenario of a study and its settings. A fresh run: the scenario from the command
 * line (study_cli_scenario); with -o, rank 0 drops what an earlier killed run left in DIR and
 * saves the settings (the options that make the rows, and the scenario) in DIR/.resume. With
 * --resume DIR: the options and the scenario of the interrupted run, read back into *o and *s.
 * Then, with a directory, the context's studies save each finished chunk (rank 0) and, when
 * resuming, read back those already there. Returns 0 or the exit status (reported). */
int study_resume_begin(mn_ctx *ctx, study_cli_opts *o, int rank, mn_scenario *s, study_resume *r);
/* After the final files are written: remove DIR/.resume (rank 0). */
void study_resume_finish(study_resume *r);
/* Free what study_resume_begin kept (every rank, every path). */
void study_resume_end(study_resume *r);

#endif /* MNSIM_CLI_STUDY_RESUME_H */
