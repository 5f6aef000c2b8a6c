/* CVODE's building blocks (numerics/): the hot vector and band-matrix operations compiled with
 * the library's flags (fast_vector.c, band_lu.c), the one banded LU linear solver (band_lu.c)
 * and the one set-up of a CVODE integrator with its error messages routed into the mn_ctx
 * (cvode_setup.c). */
#ifndef MNSIM_NUMERICS_CVODE_INT_H
#define MNSIM_NUMERICS_CVODE_INT_H

#include <cvode/cvode.h>
#include <cvode/cvode_ls.h>
#include <sundials/sundials_linearsolver.h>
#include <sundials/sundials_matrix.h>
#include <sundials/sundials_nvector.h>

#include "core/core_int.h"

/** A SUNDIALS context without a communicator: SUNDIALS 6 takes NULL, 7 takes SUN_COMM_NULL
 *  (Debian 12 ships 6, later releases 7). Non-zero on failure. */
int mni_sun_context_create(SUNContext *sun);

/** Replace the hot operations of a serial N_Vector (and of every clone made from it) by ones
 *  compiled with the library's flags. */
void mni_nvector_fast_ops(N_Vector v);

/** Band-matrix zero/copy/scale-add-identity compiled with the library's flags. */
void mni_sunmatrix_fast_ops(SUNMatrix A);

/* ---- The band LU -------------------------------------------------------------------------- */

/** How the band LU applies a pivot. The factors are the same LU, in the same order; the two
 *  differ in the last bit only, and CVODE's step control turns a last bit into a different
 *  (equally accurate) trajectory: each caller keeps the rounding its results were validated
 *  with (tests/golden). */
typedef enum mni_lu_rounding {
  MNI_LU_DIVIDE = 0,     /* divide by the pivot; back substitution column by column (1D) */
  MNI_LU_RECIPROCAL = 1, /* multiply by 1 / pivot; back substitution row by row (axisym) */
} mni_lu_rounding;

/** A banded LU linear solver without pivoting, in place on SUNBandMatrix storage (any storage
 *  upper bandwidth >= mu: no pivoting, no fill), for CVODE's M = I - gamma J when J is the
 *  Jacobian of a conservative diffusion-reaction system (a non-singular M-matrix, for which
 *  LU without pivoting is stable). A zero pivot is a recoverable failure. NULL if out of
 *  memory. */
SUNLinearSolver mni_band_lu_solver(SUNContext sun, mni_lu_rounding rounding);

/* ---- The CVODE set-up --------------------------------------------------------------------- */

/** A CVODE BDF integrator and the last message CVODE reported. CVODE's error handler points
 *  at this struct: it must stay at its address until mni_cvode_free. */
typedef struct mni_cvode {
  mn_ctx *ctx;
  const char *who; /* prefix of the messages ("absorption 1d") */
  void *mem;       /* CVODE's memory (pass to CVode*, never free it yourself) */
  char msg[256];   /* CVODE's last error, "" when none */
} mni_cvode;

typedef struct mni_cvode_spec {
  SUNContext sun;
  const char *who; /* static string */
  CVRhsFn rhs;     /* the right-hand side */
  void *user_data; /* for rhs and jac */
  double t0_s;     /* initial time */
  N_Vector y0;     /* initial state */
  double rtol;     /* relative tolerance */
  N_Vector atol_v; /* absolute tolerances per component, or NULL: */
  double atol;     /*   one for all */
  SUNMatrix A;     /* the linear solver and its matrix */
  SUNLinearSolver LS;
  CVLsJacFn jac;  /* NULL: difference quotients */
  long max_steps; /* 0: CVODE's default */
} mni_cvode_spec;

/** Create CVODE's memory, install the error handler (CVODE's messages go to the context's
 *  log at debug level and into cv->msg, never to stderr), initialise, set the tolerances,
 *  attach the linear solver and the Jacobian. On failure cv is freed and the context's
 *  message names what failed with CVODE's text. */
mn_status mni_cvode_create(mn_ctx *ctx, const mni_cvode_spec *spec, mni_cvode *cv);

/** Free CVODE's memory; cv becomes empty (safe on an empty or zeroed cv). */
void mni_cvode_free(mni_cvode *cv);

/** mni_fail with `fmt` followed by CVODE's last message (if any): "...: CVODE <text>". */
mn_status mni_cvode_fail(mni_cvode *cv, mn_status st, const char *fmt, ...) MNI_PRINTF(3, 4);

#endif /* MNSIM_NUMERICS_CVODE_INT_H */
