/* libFuzzer target for the command line: the input split at newlines into argv ("mnsim" first,
 * at most 64 arguments) and run in-process through mn_cli_main, as the program would. The
 * commands that simulate stop after reading their arguments and scenario
 * (mn_cli_stop_before_work), so an input costs milliseconds; whatever they write (-o,
 * --emit-scenario) goes into a private temporary directory, the working directory, and an
 * argument with '/' is skipped so nothing is written elsewhere. Any argv: no crash, no leak, an
 * exit status of 0, 1 or 2. */
#define _XOPEN_SOURCE 700 /* nftw */
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_ARGS 64

static int is_ready = 0;
static char work_dir[] = "/tmp/mnsim-fuzz-cli-XXXXXX";

static int remove_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
  (void)sb;
  (void)flag;
  (void)ftw;
  return remove(path);
}

/* The temporary directory and what the commands wrote in it, at the end of the process. */
static void remove_work_dir(void)
{
  if (chdir("/") == 0) (void)nftw(work_dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

static int setup(void)
{
  if (mkdtemp(work_dir) == NULL || chdir(work_dir) != 0) return -1;
  atexit(remove_work_dir);
  /* The reports and tables are not checked, only the status: no need to print them. */
  if (freopen("/dev/null", "w", stdout) == NULL) return -1;
  mn_cli_stop_before_work = 1;
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (size > 1 << 16) return 0;
  if (!is_ready) {
    if (setup() != 0) abort();
    is_ready = 1;
  }
  char *text = malloc(size + 1);
  if (text == NULL) return 0;
  memcpy(text, data, size);
  text[size] = '\0';
  static char program[] = "mnsim";
  char *argv[MAX_ARGS + 2] = {program};
  int argc = 1;
  for (char *p = text; p != NULL && argc <= MAX_ARGS;) {
    argv[argc++] = p;
    p = strchr(p, '\n');
    if (p != NULL) *p++ = '\0';
  }
  argv[argc] = NULL;
  for (int i = 1; i < argc; i++)
    if (strchr(argv[i], '/') != NULL || strcmp(argv[i], "..") == 0) goto done; /* stay here */
  int rc = mn_cli_main(argc, argv);
  if (rc < 0 || rc > 2) abort(); /* the documented statuses only */
done:
  free(text);
  return 0;
}
