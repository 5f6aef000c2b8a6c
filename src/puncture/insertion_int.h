/* Insertion mechanics: the depth one needle reaches (docs/model.md, section 2). */
#ifndef MNSIM_INSERTION_INT_H
#define MNSIM_INSERTION_INT_H

#include "core/core_int.h"
#include "mnsim/puncture.h"
#include "mnsim/skin.h"

/* The insertion of a device's needles with a treatment's pressure: what every needle shares.
 * Each needle then draws its own force and depth spread (mni_insertion_sample). */
typedef struct mni_insertion_model {
  double length_m;       /* nominal needle length */
  double force_n;        /* median force per needle from the hand */
  double force_cv;       /* between-needle spread of that force */
  double impact_force_n; /* force a pen's drive adds (0 for rollers and stamps) */
  int is_impact;         /* a pen: the stroke drives the needle to its setting */
  double pierce_force_n; /* force the tip needs to pierce */
  double skin_thickness_m; /* epidermis + dermis of the skin (1 mm until set) */
  double dimple_m;       /* deflection of the skin before it is pierced */
  double force_scale_n;  /* excess force over which the reach saturates */
  double depth_cv;       /* needle-to-needle spread of depth at equal force */
} mni_insertion_model;

/** Set up the model of a resolved device and a treatment, on reference skin (epidermis +
 *  dermis 1 mm); mni_insertion_set_skin then gives it the skin of a site. */
mn_status mni_insertion_setup(mn_ctx *ctx, const mn_device *device,
                              const mn_scenario_treatment *treatment, mni_insertion_model *m);

/** The skin the needles go into: its epidermis + dermis sets the dimple (docs/model.md §2).
 *  NULL layers keep the reference skin. */
void mni_insertion_set_skin(mni_insertion_model *m, const mn_layer_stack *layers);

/** Radius [m] of a channel's opening at the surface once the needle is out: the needle's
 *  cross-section at the depth reached, at most 0.505 of the shaft's (Kalluri 2011). */
double mni_opening_radius_m(const mn_device *device, double depth_m);

/** Depth [m] a needle with force spread z_force and depth spread z_depth (standard normal
 *  draws, truncated at 3) reaches; 0 when it does not pierce. */
double mni_insertion_depth_m(const mni_insertion_model *m, double z_force, double z_depth);

#endif /* MNSIM_INSERTION_INT_H */
