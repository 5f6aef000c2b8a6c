/* The sessions the healing model is calibrated and checked with, made by the real skin and
 * puncture stages: the default scenario's roller on its site (the cheek), crosshatched. */
#include <stdio.h>

#include "heal_support.h"

/* The skin and the session's channels of s. */
static mn_status session_of(mn_ctx *ctx, const mn_scenario *s, mn_layer_stack *layers,
                            mn_puncture_stats *stats)
{
  MN_TRY(mn_skin_build(ctx, &s->skin, layers));
  mn_channel_set *cs = NULL;
  MN_TRY(mn_puncture_run(ctx, s, layers, &cs));
  *stats = *mn_channel_set_stats(cs);
  mn_channel_set_destroy(&cs);
  return MN_OK;
}

mn_status mni_heal_roller_session(mn_ctx *ctx, double needle_length_m, int passes,
                                  mn_layer_stack *layers, mn_puncture_stats *stats)
{
  mn_scenario s = mn_scenario_default();
  s.device.needle_length_m = needle_length_m;
  s.treatment.passes = passes;
  s.treatment.pattern = MN_PATTERN_CROSSHATCH;
  return session_of(ctx, &s, layers, stats);
}

mn_status mni_heal_pen_session(mn_ctx *ctx, double needle_length_m, int passes,
                               mn_layer_stack *layers, mn_puncture_stats *stats)
{
  mn_scenario s = mn_scenario_default();
  snprintf(s.device.model, sizeof s.device.model, "%s", MNI_HEAL_PEN_MODEL);
  s.device.type = MN_DEVICE_PEN;
  s.device.needle_length_m = needle_length_m;
  s.treatment.passes = passes;
  s.treatment.pressure = MN_PRESSURE_FIRM;
  s.treatment.pattern = MN_PATTERN_CROSSHATCH;
  return session_of(ctx, &s, layers, stats);
}
