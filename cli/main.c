/* mnsim: the program. Everything but the locale is in mn_cli_main (dispatch.c), so that tests and
 * the command-line fuzz target run the same code in-process. */
#include <locale.h>

#include "cli.h"

int main(int argc, char **argv)
{
  /* The user's locale, as any host program would set it (the library keeps the C locale for
   * every number it reads or writes, whatever the host sets), except for numbers: the report
   * on the terminal writes them as the files and --set do, with a decimal point. */
  setlocale(LC_ALL, "");
  setlocale(LC_NUMERIC, "C");
  return mn_cli_main(argc, argv);
}
