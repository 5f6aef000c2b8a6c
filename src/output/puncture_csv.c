/* channels.csv of the puncture stage: units in the header, numbers with %.17g so the file
 * holds the channels to the bit (two runs with one seed give identical files). */
#include "core/atomic_file_int.h"
#include "output/puncture_csv_int.h"

mn_status mni_channels_write_csv(mn_ctx *ctx, const mn_channel_set *cs, const char *dir)
{
  MN_REQUIRE(ctx, cs != NULL && dir != NULL, MN_E_ARG, "channels.csv: NULL argument");
  mni_afile af;
  MN_TRY(mni_afile_open(ctx, dir, "channels.csv", &af));
  size_t n = mn_channel_set_count(cs);
  const double *x = mn_channel_set_x_m(cs), *y = mn_channel_set_y_m(cs);
  const double *depth = mn_channel_set_depth_m(cs), *r = mn_channel_set_opening_radius_m(cs);
  const mn_layer_id *layer = mn_channel_set_layer(cs);
  const unsigned char *bled = mn_channel_set_bled(cs);
  fputs("x_um,y_um,depth_um,opening_radius_um,layer,bled\n", af.f);
  for (size_t i = 0; i < n; i++)
    fprintf(af.f, "%.17g,%.17g,%.17g,%.17g,%s,%d\n", mn_m_to_um(x[i]), mn_m_to_um(y[i]),
            mn_m_to_um(depth[i]), mn_m_to_um(r[i]), mn_layer_name(layer[i]), (int)bled[i]);
  mn_status st = mni_afile_commit(ctx, &af);
  mni_afile_abort(&af);
  return st;
}

mn_status mni_puncture_write_csv(mn_ctx *ctx, const mn_result *r, const char *dir)
{
  MN_REQUIRE(ctx, r != NULL && dir != NULL, MN_E_ARG, "channels.csv: NULL argument");
  const mn_channel_set *cs = mn_result_channels(r);
  return cs == NULL ? MN_OK : mni_channels_write_csv(ctx, cs, dir);
}
