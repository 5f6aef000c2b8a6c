/* Strict parsing of option values shared by the subcommands: whole text, no leading blank, no
 * trailing junk (strtol alone takes " 3" and "3 "), and no negative zero echoed back. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

bool mn_cli_parse_ll(const char *text, long long lo, long long hi, long long *out)
{
  const char *p = text[0] == '-' || text[0] == '+' ? text + 1 : text;
  if (p[0] == '\0' || strspn(p, "0123456789") != strlen(p)) return false; /* digits only */
  errno = 0;
  long long v = strtoll(text, NULL, 10);
  if (errno != 0 || v < lo || v > hi) return false;
  *out = v;
  return true;
}

bool mn_cli_parse_double(const char *text, double lo, double hi, double *out)
{
  /* strtod takes leading blanks, hex and "inf": only decimal text is a user's number here. */
  if (text[0] == '\0' || strspn(text, "+-.0123456789eE") != strlen(text)) return false;
  char *end = NULL;
  errno = 0;
  double v = strtod(text, &end);
  if (end == text || *end != '\0' || errno != 0 || !isfinite(v) || v < lo || v > hi) return false;
  *out = v == 0.0 ? 0.0 : v; /* "-0" is 0 */
  return true;
}

bool mn_cli_parse_fitzpatrick(const char *command, const char *text, int *out)
{
  long long n = 0;
  if (!mn_cli_parse_ll(text, 1, 6, &n)) {
    mn_cli_error("%s: --fitzpatrick '%s': expected a skin type 1, 2, 3, 4, 5 or 6", command, text);
    return false;
  }
  *out = (int)n;
  return true;
}
