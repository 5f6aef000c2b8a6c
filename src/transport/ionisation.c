/* The un-ionised fraction of an acid or a base at a pH, by Henderson-Hasselbalch, and the
 * zwitterion fraction of an amino acid. Only the un-ionised form partitions into the stratum
 * corneum's lipids to any extent (barrier.md section 3); not yet used by the absorption runs. */
#include <math.h>

#include "transport/transport_int.h"

/* 1 / (1 + 10^x): overflows to 0 and underflows to 1 cleanly for any finite x. */
static double logistic10(double x)
{
  return 1.0 / (1.0 + pow(10.0, x));
}

double mni_unionised_fraction(mn_ion_type type, double pka, double ph)
{
  switch (type) {
  case MN_ION_ACID:
    return logistic10(ph - pka); /* HA <-> A- + H+ */
  case MN_ION_BASE:
    return logistic10(pka - ph); /* BH+ <-> B + H+ */
  case MN_ION_NEUTRAL:
  default:
    return 1.0;
  }
}

double mni_compound_unionised_fraction(const mn_compound *c, double ph)
{
  return mni_unionised_fraction(c->ion_type, c->pka, ph);
}

double mni_zwitterion_fraction(double pka_acid, double pka_base, double ph)
{
  return 1.0 / (1.0 + pow(10.0, pka_acid - ph) + pow(10.0, ph - pka_base));
}
