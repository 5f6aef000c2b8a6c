/* The accounting: every compartment sums to the dose (numerics notes, "Accounting"). */
#include <math.h>

#include "transport/transport_int.h"

static const char *const names[MN_N_COMP] = {"vehicle", "deposit",         "evaporated",
                                             "washed",  "stratum_corneum", "viable_epidermis",
                                             "dermis",  "absorbed"};

const char *mn_compartment_name(mn_compartment c)
{
  return ((int)c >= 0 && c < MN_N_COMP) ? names[c] : "unknown";
}

double mni_budget_total(const mni_budget *b)
{
  double sum = 0.0;
  for (int c = 0; c < MN_N_COMP; c++)
    sum += b->amount[c];
  return sum;
}

double mni_budget_error(const mni_budget *b, double dose)
{
  return fabs(dose - mni_budget_total(b)) / dose;
}
