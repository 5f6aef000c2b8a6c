/* Fields of spatial runs (axisymmetric, 3d) in HDF5 + XDMF (fields_hdf5.c). A run without a
 * spatial field (1d) writes none and says so through the logger. */
#include "io/fields_int.h"
#include "io/output_int.h"
#include "run/result_int.h"

mn_status mni_output_fields(mn_ctx *ctx, const mn_result *r, mni_outlist *ol)
{
  (void)r;
  (void)ol;
  mni_log(ctx, MN_LOG_WARN,
          "fields: this run has no concentration field to write (only axisymmetric and 3d "
          "runs have one)");
  return MN_OK;
}
