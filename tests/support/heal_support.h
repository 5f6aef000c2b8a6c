/* The healing model's calibration fixtures, shared by the tests and the tools (never in the
 * library): the calibration session made by the real skin and puncture stages (heal_session.c)
 * and the fit of the collagen rates to the calibration targets (heal_fit.c). */
#ifndef MNSIM_TESTS_HEAL_SUPPORT_H
#define MNSIM_TESTS_HEAL_SUPPORT_H

#include "healing/healing_int.h"

/* Crosshatched passes of the calibration session: "15-20 passes in 4 directions" (clinical.md
 * (b)), ~250 channels/cm² (Doddaballapur 2009). */
#define MNI_HEAL_CAL_PASSES 16

/** One session of the default scenario's roller with this needle length and passes
 *  (crosshatched), through the skin and puncture stages. */
mn_status mni_heal_roller_session(mn_ctx *ctx, double needle_length_m, int passes,
                                  mn_layer_stack *layers, mn_puncture_stats *stats);

/* The clinic pen of the deep class's downtime anchor (2.0-2.5 mm needling is clinic work,
 * clinical.md section 5 and (b)) and its passes to pinpoint bleeding (the planner's 3-4). */
#define MNI_HEAL_PEN_MODEL  "pen_12"
#define MNI_HEAL_PEN_PASSES 3

/** One session of the clinic pen (MNI_HEAL_PEN_MODEL) at firm pressure on the default site,
 *  crosshatched, through the skin and puncture stages. */
mn_status mni_heal_pen_session(mn_ctx *ctx, double needle_length_m, int passes,
                               mn_layer_stack *layers, mn_puncture_stats *stats);

/** Fit s1 and s3 to the calibration targets (the collagen model is linear in them, so two
 *  solves with unit rates and a 2x2 system give them exactly). rates->s1, s3, s_E are set.
 *  @return MN_OK; MN_E_NOCONVERGE (no positive solution); solver failures. */
mn_status mni_heal_fit(mn_ctx *ctx, const mni_heal_params *p, mni_heal_rates *rates);

#endif /* MNSIM_TESTS_HEAL_SUPPORT_H */
