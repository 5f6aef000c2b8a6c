/* Fields of spatial runs (axisymmetric, 3d) in HDF5 + XDMF (fields_hdf5.c). */
#include "io/fields_int.h"
#include "io/output_int.h"
#include "run/result_int.h"

mn_status mni_output_fields(mn_ctx *ctx, const mn_result *r, mni_outlist *ol)
{
  (void)ctx;
  (void)r;
  (void)ol;
  return MN_OK;
}
