/* SIGINT and SIGTERM: a run stops cleanly instead of dying mid-file. The handler only sets a
 * flag; the library polls it through the context's cancel hook (mn_ctx_set_cancel), stops,
 * removes its temporaries and returns MN_E_CANCELLED; the command then exits 130. The handler
 * is reset after the first signal (SA_RESETHAND): a second Ctrl-C kills at once, and the next
 * run into the directory removes what the killed one left. */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <string.h>

#include "cli.h"

static volatile sig_atomic_t caught_signal;

static void on_signal(int sig)
{
  caught_signal = sig;
}

void mn_cli_signals_install(void)
{
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  /* no SA_RESTART: a wait (the output directory's lock) returns EINTR and polls the flag */
  sa.sa_flags = (int)SA_RESETHAND; /* an unsigned constant in glibc */
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
}

int mn_cli_cancel_cb(void *ud)
{
  (void)ud;
  return caught_signal != 0;
}

int mn_cli_signal_caught(void)
{
  return (int)caught_signal;
}

const char *mn_cli_signal_name(int sig)
{
  return sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : "a signal";
}
