/* Insertion mechanics: the depth one needle reaches (docs/model.md, section 2). */
#ifndef MNSIM_INSERTION_INT_H
#define MNSIM_INSERTION_INT_H

#include "core/core_int.h"
#include "mnsim/puncture.h"

/* The insertion of a device's needles with a treatment's pressure: what every needle shares.
 * Each needle then draws its own force and depth spread (mni_insertion_sample). */
typedef struct mni_insertion_model {
  double length_m;       /* nominal needle length */
  double force_n;        /* median force per needle from the hand */
  double force_cv;       /* between-needle spread of that force */
  double impact_force_n; /* force a pen's drive adds (0 for rollers and stamps) */
  double pierce_force_n; /* force the tip needs to pierce */
  double dimple_m;       /* deflection of the skin before it is pierced */
  double reach_fraction; /* share of the remaining length the device can press in */
  double force_scale_n;  /* excess force over which the reach saturates */
  double depth_cv;       /* needle-to-needle spread of depth at equal force */
} mni_insertion_model;

/** Set up the model of a resolved device and a treatment. */
mn_status mni_insertion_setup(mn_ctx *ctx, const mn_device *device,
                              const mn_scenario_treatment *treatment, mni_insertion_model *m);

/** Depth [m] a needle with force spread z_force and depth spread z_depth (standard normal
 *  draws, truncated at 3) reaches; 0 when it does not pierce. */
double mni_insertion_depth_m(const mni_insertion_model *m, double z_force, double z_depth);

#endif /* MNSIM_INSERTION_INT_H */
