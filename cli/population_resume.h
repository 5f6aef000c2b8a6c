/* Resumable populations (cli/population_resume.c): the settings and finished chunks of a
 * `mnsim population -o DIR` run in DIR/.resume, read back by --resume DIR. */
#ifndef MNSIM_CLI_POPULATION_RESUME_H
#define MNSIM_CLI_POPULATION_RESUME_H

#include <stdbool.h>
#include <stdint.h>

#include "cli.h"

/* Write DIR/.resume/run.txt and scenario.yaml (DIR made if missing). 0 or the exit status. */
int resume_save_settings(mn_ctx *ctx, const char *outdir, const mn_scenario *s, size_t n,
                         uint64_t seed);
/* Read them back. 0 or the exit status (reported). */
int resume_load_settings(mn_ctx *ctx, const char *outdir, mn_scenario *s, size_t *n,
                         uint64_t *seed);
/* Save rows first..last - 1 of st as one chunk file. 0, or -1 on failure. */
int resume_save_chunk(const char *outdir, const mn_study *st, size_t first, size_t last);
/* Read the chunk starting at first into st: 1 read, 0 not there, -1 damaged (reported). */
int resume_load_chunk(mn_ctx *ctx, const char *outdir, mn_study *st, size_t first, size_t last);
/* Remove DIR/.resume and what it holds (after the final files are written). */
void resume_finish(const char *outdir);

#endif /* MNSIM_CLI_POPULATION_RESUME_H */
