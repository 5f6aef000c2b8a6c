/* The mnsim command-line tool: shared declarations. Only cli/ prints or exits. */
#ifndef MNSIM_CLI_H
#define MNSIM_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "mnsim/mnsim.h"

/* Exit statuses (shared/SCENARIO.md): 2 bad usage or input, 1 a simulation or an output of
 * valid input failed, 130 stopped by SIGINT or SIGTERM (128 + SIGINT, as shells report it). */
enum { MN_EXIT_OK = 0, MN_EXIT_FAILED = 1, MN_EXIT_USAGE = 2, MN_EXIT_INTERRUPTED = 130 };

/* One subcommand: argv[0] is the subcommand's name. Returns the exit status. */
typedef int (*mn_cli_cmd_fn)(int argc, char **argv);

typedef struct mn_cli_cmd {
  const char *name;
  mn_cli_cmd_fn fn;
  const char *summary;
} mn_cli_cmd;

/* Print "mnsim: error: ..." on stderr. */
void mn_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print "mnsim: warning: ..." on stderr. */
void mn_cli_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The next option of a subcommand's argv (argv[0] is the subcommand), by getopt_long: "--key=value"
 * and "--key value", "-kVALUE" and "-k VALUE", options and operands in any order, "--" ends the
 * options. shortopts as getopt's, without the leading ':'. Returns the option's character (or
 * its long option's val), -1 when the options are done (operands from optind on), or '?' after
 * reporting a bad usage: an unknown option, a missing value (a separate value may not start with
 * "--"), or "-k=VALUE" (not a short-option form). The caller exits with MN_EXIT_USAGE on '?'. */
int mn_cli_getopt(const char *command, int argc, char **argv, const char *shortopts,
                  const struct option *longopts);
/* Arguments of a command that takes only --json, --names and --help (sites, devices, compounds,
 * indications; validate, with is_names NULL, has no --names). Returns -1 to go on (*is_json or
 * *is_names set: --names prints the names one a line, for scripts and the shell completion), or
 * the exit status to return now (--help printed with usage; an unknown argument, or --json with
 * --names, reported). */
int mn_cli_list_args(const char *command, int argc, char **argv, void (*usage)(FILE *f),
                     int *is_json, int *is_names);
/* End a row of a listing: "  ORIGIN" (built-in, or the user's catalogue file the entry comes
 * from) when the user gave catalogues (--catalog, MNSIM_CATALOG_PATH), then a newline. name NULL:
 * the header's "  origin". */
void mn_cli_end_row(mn_ctx *ctx, const char *catalogue, const char *name);
/* "built-in" or the user's file of an entry, for --json listings. */
const char *mn_cli_origin(mn_ctx *ctx, const char *catalogue, const char *name);
/* SIGINT and SIGTERM set a flag (cli/signals.c), installed once by main. */
void mn_cli_signals_install(void);
/* The contexts' cancel hook (mn_cancel_fn): non-zero once a signal came. */
int mn_cli_cancel_cb(void *ud);
/* The signal that came (0: none) and its name. */
int mn_cli_signal_caught(void);
const char *mn_cli_signal_name(int sig);
/* Create a context with the CLI's logger (warnings to stderr) and the signals' cancel hook.
 * NULL on failure (reported). */
mn_ctx *mn_cli_ctx_create(void);
/* Show more of the library's messages on stderr: 0 warnings, 1 also what was done and written
 * ("mnsim: info: ..."), 2 also the solvers' statistics ("mnsim: debug: ..."). */
void mn_cli_set_verbosity(mn_ctx *ctx, int verbosity);
/* The SCENARIO.yaml operand of argv[first..argc): at most one, into *path (left NULL when
 * none). Returns 0, or the exit status after reporting a second one. */
int mn_cli_scenario_operand(int argc, char **argv, int first, const char **path);
/* The scenario of a command: the file at path (NULL: the built-in default), then each --set in
 * order. Not validated. On failure the context's message says why. */
mn_status mn_cli_scenario_load(mn_ctx *ctx, const char *path, const char *const *sets, int n_sets,
                               mn_scenario *s);
/* Exit status of a library failure: bad input (config, not found, argument, I/O) 2, else 1. */
int mn_cli_exit_for(mn_status st);
/* Strict number parsing (cli/cli_parse.c): the whole text, digits only for an integer (no blank,
 * no "3x"), within [lo, hi]; false on anything else, with *out unchanged. */
bool mn_cli_parse_ll(const char *text, long long lo, long long hi, long long *out);
/* A decimal number (no blank, hex, "inf" or "nan") within [lo, hi]; "-0" gives 0. */
bool mn_cli_parse_double(const char *text, double lo, double hi, double *out);
/* --fitzpatrick of plan and compare: 1..6, else reported as '<command>: --fitzpatrick ...'. */
bool mn_cli_parse_fitzpatrick(const char *command, const char *text, int *out);
/* Run the command line argv (argv[0] the program's name) as main() would, in-process: the
 * subcommand's exit status. getopt's state is reset first, so it can be called again. */
int mn_cli_main(int argc, char **argv);
/* Nonzero: the commands that simulate stop after reading their arguments and scenario, before
 * the work (the command-line fuzz target sets it; the program never does). */
extern int mn_cli_stop_before_work;
/* The "outcome:" block (cli/outcome_print.c): the indication's endpoints. */
void mn_cli_print_outcome(FILE *f, const mn_outcome *o);

#endif /* MNSIM_CLI_H */
