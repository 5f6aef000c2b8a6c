/* The progress bar (progress.h). The time left is the current stage's elapsed wall time scaled
 * by (1 - fraction) / fraction: stages report their own fraction done. */
#define _POSIX_C_SOURCE 200809L
#include "progress.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BAR_WIDTH 24

static double now_s(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

void mn_cli_progress_init(mn_cli_progress *p, int is_quiet)
{
  memset(p, 0, sizeof *p);
  p->is_enabled = !is_quiet && isatty(STDERR_FILENO);
  p->start_s = p->stage_start_s = now_s();
  p->last_draw_s = -1.0;
  p->delay_s = 1.0;
  /* Tests shorten the wait (a run of the test suite lasts well under a second). */
  const char *d = getenv("MNSIM_PROGRESS_DELAY_S");
  if (d != NULL && *d != '\0') p->delay_s = fmax(0.0, atof(d));
}

static void format_duration(char *buf, size_t n, double s)
{
  if (!isfinite(s) || s < 0.0)
    snprintf(buf, n, "?");
  else if (s < 3600.0)
    snprintf(buf, n, "%d:%02d", (int)(s / 60.0), (int)fmod(s, 60.0));
  else
    snprintf(buf, n, "%d:%02d:%02d", (int)(s / 3600.0), (int)fmod(s / 60.0, 60.0),
             (int)fmod(s, 60.0));
}

static void format_sim_time(char *buf, size_t n, double t_s)
{
  if (t_s < 120.0)
    snprintf(buf, n, "%.0f s", t_s);
  else if (t_s < 2.0 * 86400.0)
    snprintf(buf, n, "%.1f h", t_s / 3600.0);
  else
    snprintf(buf, n, "%.0f days", t_s / 86400.0);
}

void mn_cli_progress_format(char *buf, size_t n, const char *stage, double fraction,
                            double sim_time_s, double left_s)
{
  double f = isfinite(fraction) ? fmin(fmax(fraction, 0.0), 1.0) : 0.0;
  char bar[BAR_WIDTH + 1], t[32], left[32];
  int filled = (int)(f * BAR_WIDTH + 0.5);
  for (int i = 0; i < BAR_WIDTH; i++)
    bar[i] = i < filled ? '#' : '.';
  bar[BAR_WIDTH] = '\0';
  format_sim_time(t, sizeof t, isfinite(sim_time_s) ? sim_time_s : 0.0);
  format_duration(left, sizeof left, left_s);
  snprintf(buf, n, "%-11.11s [%s] %3.0f%%  t = %s  %s left", stage ? stage : "", bar, 100.0 * f, t,
           left);
}

int mn_cli_progress_cb(void *ud, const char *stage, double fraction, double sim_time_s)
{
  mn_cli_progress *p = ud;
  if (p == NULL || !p->is_enabled) return 0;
  double now = now_s();
  if (stage != NULL && strncmp(stage, p->stage, sizeof p->stage - 1) != 0) {
    snprintf(p->stage, sizeof p->stage, "%s", stage);
    p->stage_start_s = now;
  }
  if (now - p->start_s < p->delay_s || (p->last_draw_s >= 0.0 && now - p->last_draw_s < 0.1))
    return 0;
  double left = fraction > 1e-3 ? (now - p->stage_start_s) * (1.0 - fraction) / fraction : -1.0;
  char line[160];
  mn_cli_progress_format(line, sizeof line, p->stage, fraction, sim_time_s, left);
  fprintf(stderr, "\r%s\033[K", line);
  fflush(stderr);
  p->is_drawn = 1;
  p->last_draw_s = now;
  return 0;
}

void mn_cli_progress_finish(mn_cli_progress *p)
{
  if (p != NULL && p->is_drawn) {
    fputs("\r\033[K", stderr);
    fflush(stderr);
    p->is_drawn = 0;
  }
}
