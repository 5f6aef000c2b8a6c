/* The stages' CSV files, each written by its stage's writer (src/io/<stage>_csv.c). */
#include "io/output_int.h"
#include "run/result_int.h"

mn_status mni_output_csv(mn_ctx *ctx, const mn_result *r, mni_outlist *ol)
{
  (void)ctx;
  (void)r;
  (void)ol;
  return MN_OK;
}
