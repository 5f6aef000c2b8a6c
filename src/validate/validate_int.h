/* Validation internals: the table of cases (cases.c) that the report (report.c) runs. */
#ifndef MNSIM_VALIDATE_INT_H
#define MNSIM_VALIDATE_INT_H

#include "core/core_int.h"
#include "mnsim/scenario.h"
#include "mnsim/validate.h"

/** Computes one case's prediction, in the case's unit. */
typedef mn_status (*mni_predict_fn)(mn_ctx *ctx, double *predicted);

/** One row of the table: the case as published (predicted and is_pass unset) and how to
 *  predict it. */
typedef struct mni_validation_def {
  mn_validation_case c;
  mni_predict_fn predict;
} mni_validation_def;

/** The table of cases (static); *n receives its length. */
const mni_validation_def *mni_validation_table(size_t *n);
/** The fractional laser's cases (cases_laser.c), run after the table's. */
const mni_validation_def *mni_validation_table_laser(size_t *n);

/** kp_eff of a scenario as the finite-dose model defines it (cases.c): the steady-state
 *  permeability of SC (at its hydration state's thickness), VE and dermis in series [cm/h]. */
mn_status mni_finite_dose_kp_eff(mn_ctx *ctx, const mn_scenario *s, double *kp_cm_h);

#endif /* MNSIM_VALIDATE_INT_H */
