/* Skin internals shared across files and with the tests. */
#ifndef MNSIM_SKIN_INT_H
#define MNSIM_SKIN_INT_H

#include "core/core_int.h"

/** Parse and check a site table given as YAML text (the same checks as the compiled-in
 *  data/sites.yaml), then drop it. Lets the tests reach every rejection of a malformed table.
 *  @return MN_OK (and *n_sites, if not NULL); MN_E_CONFIG naming line, site and key; MN_E_NOMEM. */
mn_status mni_sites_check_text(mn_ctx *ctx, const char *text, size_t len, size_t *n_sites);

/** The dermis of a patient of age_years over the site table's (Branchet et al. 1990: -6 % per
 *  decade, the table taken at 40 years); 1 for a non-finite age. */
double mni_skin_dermis_age_factor(double age_years);

#endif /* MNSIM_SKIN_INT_H */
