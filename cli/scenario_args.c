/* The scenario a command runs, from its command line: the one SCENARIO.yaml operand, the file
 * (or the built-in default) and the --set overrides in order. Shared by run and the studies. */
#include "cli.h"

int mn_cli_scenario_operand(int argc, char **argv, int first, const char **path)
{
  for (int i = first; i < argc; i++) {
    if (*path != NULL) {
      mn_cli_error("one scenario file at a time: got '%s' and '%s'", *path, argv[i]);
      return MN_EXIT_USAGE;
    }
    *path = argv[i];
  }
  return MN_EXIT_OK;
}

mn_status mn_cli_scenario_load(mn_ctx *ctx, const char *path, const char *const *sets, int n_sets,
                               mn_scenario *s)
{
  *s = mn_scenario_default();
  mn_status st = MN_OK;
  if (path != NULL) st = mn_scenario_load_file(ctx, path, s);
  for (int i = 0; st == MN_OK && i < n_sets; i++)
    st = mn_scenario_set(ctx, s, sets[i]);
  return st;
}

int mn_cli_exit_for(mn_status st)
{
  return (st == MN_E_CONFIG || st == MN_E_NOTFOUND || st == MN_E_ARG || st == MN_E_IO)
             ? MN_EXIT_USAGE
             : MN_EXIT_FAILED;
}
