/* mnsim: dispatch to a subcommand (one file per subcommand: cmd_<name>.c); main.c calls it. */
#include <ctype.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build_info.h" /* MN_GIT_REVISION, MN_BUILT_WITH: written at build time */
#include "cli.h"

int mn_cmd_run(int argc, char **argv);
int mn_cmd_sites(int argc, char **argv);
int mn_cmd_devices(int argc, char **argv);
int mn_cmd_compounds(int argc, char **argv);
int mn_cmd_indications(int argc, char **argv);
int mn_cmd_plan(int argc, char **argv);
int mn_cmd_validate(int argc, char **argv);
int mn_cmd_compare(int argc, char **argv);
int mn_cmd_population(int argc, char **argv);
int mn_cmd_sweep(int argc, char **argv);
int mn_cmd_sensitivity(int argc, char **argv);

static const mn_cli_cmd commands[] = {
    {"run", mn_cmd_run, "simulate a scenario (default: the built-in one)"},
    {"sites", mn_cmd_sites, "list the body sites and their skin layers"},
    {"devices", mn_cmd_devices, "list the rollers, stamps and pens and their needles"},
    {"compounds", mn_cmd_compounds, "list the actives and their transport properties"},
    {"indications", mn_cmd_indications, "list the planner's indications and patient conditions"},
    {"plan", mn_cmd_plan, "a protocol for an indication at a site, with its safety checks"},
    {"validate", mn_cmd_validate, "compare mnsim with published measurements"},
    {"compare", mn_cmd_compare, "microneedling against a fractional laser (or two scenarios)"},
    {"population", mn_cmd_population, "virtual patients: the spread of every result"},
    {"sweep", mn_cmd_sweep, "the results over a grid of one or more keys"},
    {"sensitivity", mn_cmd_sensitivity, "which inputs matter: Morris or Sobol indices"},
    {NULL, NULL, NULL},
};

static void print_help(FILE *f)
{
  fprintf(f, "mnsim %s: a simulator of microneedling (collagen induction therapy)\n\n",
          mn_version());
  fprintf(f, "usage: mnsim <command> [options]\n       mnsim --help | --version\n\ncommands:\n");
  for (const mn_cli_cmd *c = commands; c->name != NULL; c++)
    fprintf(f, "  %-12s %s\n", c->name, c->summary);
  fprintf(f, "\nEvery command takes --catalog FILE.yaml (repeatable) and reads MNSIM_CATALOG_PATH\n"
             "(files separated by ':'): your own compounds, devices, sites and indications.\n");
  fprintf(f, "\n'mnsim <command> --help' describes a command.\n");
}

/* "mnsim: KIND: message" on stderr, the one form of every message the tool writes. */
static void say(const char *kind, const char *fmt, va_list ap)
{
  fprintf(stderr, "mnsim: %s: ", kind);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
}

void mn_cli_error(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  say("error", fmt, ap);
  va_end(ap);
}

void mn_cli_warning(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  say("warning", fmt, ap);
  va_end(ap);
}

/* The lowest level shown, by verbosity (ud points at one of them). */
static const mn_log_level shown_from[] = {MN_LOG_WARN, MN_LOG_INFO, MN_LOG_DEBUG};

static void log_to_stderr(void *ud, mn_log_level level, const char *msg)
{
  mn_log_level from = ud != NULL ? *(const mn_log_level *)ud : MN_LOG_WARN;
  if (level < from) return;
  if (level >= MN_LOG_WARN)
    mn_cli_warning("%s", msg);
  else
    fprintf(stderr, "mnsim: %s: %s\n", level == MN_LOG_INFO ? "info" : "debug", msg);
}

void mn_cli_set_verbosity(mn_ctx *ctx, int verbosity)
{
  int v = verbosity < 0 ? 0 : verbosity > 2 ? 2 : verbosity;
  mn_ctx_set_logger(ctx, log_to_stderr, (void *)&shown_from[v]);
}

/* "--x" or "-x" (a letter): an option's shape. "-1" and "-.5" are numbers, "-" is stdin's. */
static bool looks_like_option(const char *word)
{
  return word[0] == '-' && (word[1] == '-' || isalpha((unsigned char)word[1]));
}

int mn_cli_getopt(const char *command, int argc, char **argv, const char *shortopts,
                  const struct option *longopts)
{
  char opts[64];
  snprintf(opts, sizeof opts, ":%s", shortopts); /* ':' first: a missing value returns ':' */
  opterr = 0;                                    /* the messages are ours */
  optarg = NULL;
  int before = optind;
  int c = getopt_long(argc, argv, opts, longopts, NULL);
  const char *word = argv[optind - 1]; /* the argument that held the option (or its value) */
  if (c == '?') {
    /* A long option was a whole word ("--name" or "--name=value"); a short one may sit inside a
     * group ("-qx"), which optind has not passed yet. optopt: the short letter, or the long
     * option's val when it was given a value it does not take, 0 for an unknown long one. */
    bool is_long = optind > before && strncmp(word, "--", 2) == 0;
    int name_len = (int)strcspn(word, "=");
    if (is_long && optopt != 0)
      mn_cli_error("%s: %.*s takes no value (see 'mnsim %s --help')", command, name_len, word,
                   command);
    else if (is_long)
      mn_cli_error("%s: unknown option '%.*s' (see 'mnsim %s --help')", command, name_len, word,
                   command);
    else
      mn_cli_error("%s: unknown option '-%c' (see 'mnsim %s --help')", command, optopt, command);
    return '?';
  }
  if (c == ':') {
    mn_cli_error("%s: %s needs a value (see 'mnsim %s --help')", command, word, command);
    return '?';
  }
  if (optarg != NULL && optarg == word && looks_like_option(optarg)) {
    /* "-o --json", "--site -q": the next word is an option, not the value (issue 18 item 12) */
    mn_cli_error("%s: %s needs a value, not the option '%s' (a value that starts with '-' is "
                 "given as --name=VALUE)",
                 command, argv[optind - 2], optarg);
    return '?';
  }
  if (optarg != NULL && optarg != word && optarg[0] == '=' && word[1] != '-') {
    mn_cli_error("%s: '%s': a short option takes its value as '-%c VALUE' or '-%cVALUE'", command,
                 word, c, c);
    return '?';
  }
  return c;
}

int mn_cli_list_args(const char *command, int argc, char **argv, void (*usage)(FILE *f),
                     int *is_json, int *is_names)
{
  static const struct option with_names[] = {{"json", no_argument, NULL, 'j'},
                                             {"names", no_argument, NULL, 'n'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
  *is_json = 0;
  if (is_names != NULL) *is_names = 0;
  /* Without is_names the table stops before "names": getopt then reports it as unknown. */
  static const struct option without_names[] = {
      {"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
  const struct option *longopts = is_names != NULL ? with_names : without_names;
  int c;
  while ((c = mn_cli_getopt(command, argc, argv, "h", longopts)) != -1) {
    if (c == '?') return MN_EXIT_USAGE;
    if (c == 'h') {
      usage(stdout);
      return MN_EXIT_OK;
    }
    if (c == 'n')
      *is_names = 1;
    else
      *is_json = 1;
  }
  if (optind < argc) {
    mn_cli_error("%s: unknown argument '%s' (see 'mnsim %s --help')", command, argv[optind],
                 command);
    return MN_EXIT_USAGE;
  }
  if (*is_json && is_names != NULL && *is_names) {
    mn_cli_error("%s: --json and --names: choose one (see 'mnsim %s --help')", command, command);
    return MN_EXIT_USAGE;
  }
  return -1;
}

/* The user's catalogue files of this command line, in order: MNSIM_CATALOG_PATH's, then each
 * --catalog (taken out of argv by take_catalogs, so every command has the option). */
#define MAX_CATALOGS 32
static const char *catalogs[MAX_CATALOGS];
static int n_catalogs;

static int add_catalog_name(const char *command, const char *path)
{
  if (path == NULL || path[0] == '\0' || strncmp(path, "--", 2) == 0) {
    mn_cli_error("%s: --catalog needs a file (see 'mnsim %s --help')", command, command);
    return -1;
  }
  if (n_catalogs == MAX_CATALOGS) {
    mn_cli_error("%s: more than %d catalogue files", command, MAX_CATALOGS);
    return -1;
  }
  catalogs[n_catalogs++] = path;
  return 0;
}

/* Take "--catalog FILE" and "--catalog=FILE" out of a command's argv (up to "--"); returns the
 * new argc, or -1 after reporting a bad use. */
static int take_catalogs(int argc, char **argv)
{
  int kept = 1;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--") == 0) {
      while (i < argc)
        argv[kept++] = argv[i++];
      break;
    }
    if (strcmp(argv[i], "--catalog") == 0) {
      if (add_catalog_name(argv[0], i + 1 < argc ? argv[i + 1] : NULL) != 0) return -1;
      i++;
    } else if (strncmp(argv[i], "--catalog=", 10) == 0) {
      if (add_catalog_name(argv[0], argv[i] + 10) != 0) return -1;
    } else {
      argv[kept++] = argv[i];
    }
  }
  argv[kept] = NULL;
  return kept;
}

/* The user's catalogues read and checked whole, before the command runs: a wrong entry is bad
 * input (exit 2) before anything runs, whichever list the command reads. 0, or the exit status
 * after reporting. */
static int check_catalogs(void)
{
  if (n_catalogs == 0) return MN_EXIT_OK;
  mn_ctx *ctx = NULL;
  if (mn_ctx_create(NULL, NULL, &ctx) != MN_OK) {
    mn_cli_error("out of memory");
    return MN_EXIT_FAILED;
  }
  mn_ctx_set_logger(ctx, log_to_stderr, NULL);
  mn_status st = MN_OK;
  for (int i = 0; st == MN_OK && i < n_catalogs; i++)
    st = mn_catalogue_add(ctx, catalogs[i]);
  const mn_site *sites;
  const mn_device *devices;
  const mn_compound *compounds;
  const mn_indication *indications;
  size_t n;
  if (st == MN_OK) st = mn_sites_list(ctx, &sites, &n);
  if (st == MN_OK) st = mn_devices_list(ctx, &devices, &n);
  if (st == MN_OK) st = mn_compounds_list(ctx, &compounds, &n);
  if (st == MN_OK) st = mn_indications_list(ctx, &indications, &n);
  if (st != MN_OK) mn_cli_error("%s", mn_ctx_errmsg(ctx));
  mn_ctx_destroy(&ctx);
  return st == MN_OK ? MN_EXIT_OK : st == MN_E_NOMEM ? MN_EXIT_FAILED : MN_EXIT_USAGE;
}

/* MNSIM_CATALOG_PATH: files separated by ':' (empty parts skipped), before any --catalog. The
 * string is the environment's, which lives as long as the process. */
static int env_catalogs(void)
{
  static char buf[8192];
  const char *env = getenv("MNSIM_CATALOG_PATH");
  if (env == NULL || env[0] == '\0') return 0;
  if (strlen(env) >= sizeof buf) {
    mn_cli_error("MNSIM_CATALOG_PATH is longer than %zu bytes", sizeof buf - 1);
    return -1;
  }
  snprintf(buf, sizeof buf, "%s", env);
  for (char *part = strtok(buf, ":"); part != NULL; part = strtok(NULL, ":")) {
    if (n_catalogs == MAX_CATALOGS) {
      mn_cli_error("MNSIM_CATALOG_PATH: more than %d catalogue files", MAX_CATALOGS);
      return -1;
    }
    catalogs[n_catalogs++] = part;
  }
  return 0;
}

const char *mn_cli_origin(mn_ctx *ctx, const char *catalogue, const char *name)
{
  const char *file = NULL;
  bool is_builtin = true;
  if (mn_catalogue_origin(ctx, catalogue, name, &file, &is_builtin) != MN_OK || is_builtin)
    return "built-in";
  return file;
}

void mn_cli_end_row(mn_ctx *ctx, const char *catalogue, const char *name)
{
  if (n_catalogs > 0) printf("  %s", name ? mn_cli_origin(ctx, catalogue, name) : "origin");
  putchar('\n');
}

mn_ctx *mn_cli_ctx_create(void)
{
  mn_ctx *ctx = NULL;
  if (mn_ctx_create(NULL, NULL, &ctx) != MN_OK) {
    mn_cli_error("out of memory");
    return NULL;
  }
  mn_ctx_set_logger(ctx, log_to_stderr, NULL);
  mn_ctx_set_cancel(ctx, mn_cli_cancel_cb, NULL);
  /* The user's catalogues (checked whole by mn_cli_main before the command ran). */
  for (int i = 0; i < n_catalogs; i++)
    if (mn_catalogue_add(ctx, catalogs[i]) != MN_OK) {
      mn_cli_error("%s", mn_ctx_errmsg(ctx));
      mn_ctx_destroy(&ctx);
      return NULL;
    }
  return ctx;
}

int mn_cli_stop_before_work = 0;

int mn_cli_main(int argc, char **argv)
{
  if (argc < 2) {
    print_help(stderr);
    return MN_EXIT_USAGE;
  }
  if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
      strcmp(argv[1], "help") == 0) {
    print_help(stdout);
    return MN_EXIT_OK;
  }
  if (strcmp(argv[1], "--version") == 0) {
    if (argc > 2) {
      mn_cli_error("--version takes no arguments (got '%s')", argv[2]);
      return MN_EXIT_USAGE;
    }
    printf("mnsim %s\nrevision: %s\nbuilt with: %s\n", mn_version(), MN_GIT_REVISION,
           MN_BUILT_WITH);
    return MN_EXIT_OK;
  }
  for (const mn_cli_cmd *c = commands; c->name != NULL; c++)
    if (strcmp(argv[1], c->name) == 0) {
      /* glibc: optind 0 restarts getopt's scan from scratch (a second call in-process), at
       * argv[1] of the subcommand's argv: past the command's name. */
      optind = 0;
      n_catalogs = 0; /* a second call in-process starts with none */
      if (env_catalogs() != 0) return MN_EXIT_USAGE;
      int n = take_catalogs(argc - 1, argv + 1);
      if (n < 0) return MN_EXIT_USAGE;
      int rc_catalogs = check_catalogs();
      if (rc_catalogs != MN_EXIT_OK) return rc_catalogs;
      if (!mn_cli_stop_before_work) mn_cli_signals_install(); /* a fuzzer keeps its own */
      int rc = c->fn(n, argv + 1);
      int sig = mn_cli_signal_caught();
      if (sig == 0 || rc == MN_EXIT_INTERRUPTED) return rc; /* the command said what it left */
      fprintf(stderr, "mnsim: interrupted by %s\n", mn_cli_signal_name(sig));
      return MN_EXIT_INTERRUPTED;
    }
  if (argv[1][0] == '-') {
    mn_cli_error("unknown option '%s' (see 'mnsim --help')", argv[1]);
    return MN_EXIT_USAGE;
  }
  mn_cli_error("unknown command '%s' (see 'mnsim --help')", argv[1]);
  return MN_EXIT_USAGE;
}
