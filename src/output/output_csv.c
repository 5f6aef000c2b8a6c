/* The stages' CSV files, each written by its stage's writer (src/io/<stage>_csv.c); a stage
 * that did not run writes nothing. */
#include <stdio.h>
#include <sys/stat.h>

#include "output/absorption_csv_int.h"
#include "output/healing_csv_int.h"
#include "output/output_int.h"
#include "output/puncture_csv_int.h"
#include "run/result_int.h"

/* Record `name` if the writer made it. */
static void note(mni_outlist *ol, const char *name, const char *what)
{
  char path[4096];
  struct stat sb;
  snprintf(path, sizeof path, "%s/%s", ol->dir, name);
  if (stat(path, &sb) == 0) mni_outlist_add(ol, name, what);
}

mn_status mni_output_csv(mn_ctx *ctx, const mn_result *r, mni_outlist *ol)
{
  if (r->channels != NULL) {
    MN_TRY(mni_puncture_write_csv(ctx, r, ol->dir));
    note(ol, "channels.csv", "every channel of the simulated patch: position, depth, opening");
  }
  if (r->absorption != NULL) {
    MN_TRY(mni_absorption_write_csv(ctx, r, ol->dir));
    note(ol, "absorption.csv",
         "absorption curves of the treated and the intact skin: every compartment over time");
    MN_TRY(mni_profiles_write_csv(ctx, r, ol->dir));
    note(ol, "profiles.csv",
         "concentration-depth profiles of the treated and the intact skin at the profile times");
  }
  if (r->healing != NULL) {
    MN_TRY(mni_healing_write_csv(ctx, r, ol->dir));
    note(ol, "healing.csv", "daily states of the healing model over the course and follow-up");
  }
  return MN_OK;
}
