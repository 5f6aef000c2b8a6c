/* Status texts (from the X-macro list in mnsim/core.h) and the version string. */
#include "core/core_int.h"

const char *mn_status_str(mn_status st)
{
  switch (st) {
#define MN_X_CASE(name, val, text)                                                                 \
  case name:                                                                                       \
    return text;
    MN_STATUS_LIST(MN_X_CASE)
#undef MN_X_CASE
  }
  return "unknown status";
}

const char *mn_version(void) { return MN_VERSION_STRING; }

int mn_api_version(void)
{
  return MN_API_VERSION;
}
