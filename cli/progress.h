/* The progress bar of `mnsim run` on stderr: stage, a bar, the simulated time and the time
 * left. Shown only when stderr is a terminal, the run has lasted more than a second and
 * --quiet was not given; redrawn at most ten times a second; cleared when the run ends. */
#ifndef MNSIM_CLI_PROGRESS_H
#define MNSIM_CLI_PROGRESS_H

#include <stddef.h>

#include "mnsim/mnsim.h"

typedef struct mn_cli_progress {
  int is_enabled;       /* a terminal, and not --quiet */
  double start_s;       /* monotonic clock at the start of the run */
  double stage_start_s; /* ... and of the current stage (for the time left) */
  double last_draw_s;
  double delay_s; /* nothing is shown before this much wall time (1 s) */
  int is_drawn;   /* a bar is on the line */
  char stage[32];
} mn_cli_progress;

/* Start timing; is_quiet silences the bar. Install with
 * mn_ctx_set_progress(ctx, mn_cli_progress_cb, &p). */
void mn_cli_progress_init(mn_cli_progress *p, int is_quiet);
/* The context's progress callback (mn_progress_fn); never cancels. */
int mn_cli_progress_cb(void *ud, const char *stage, double fraction, double sim_time_s);
/* Clear the bar, if one is drawn (call before printing anything else on stderr). */
void mn_cli_progress_finish(mn_cli_progress *p);
/* The bar's text (no control characters): "absorption [#####.....]  50%  t = 12 h  1:05 left". */
void mn_cli_progress_format(char *buf, size_t n, const char *stage, double fraction,
                            double sim_time_s, double left_s);

#endif /* MNSIM_CLI_PROGRESS_H */
