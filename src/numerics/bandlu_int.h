/* A SUNDIALS linear solver for banded matrices that need no pivoting (row-diagonally dominant,
 * as I - gamma J is for a conservative diffusion-reaction Jacobian): LU in row-major band
 * storage so the inner loop is contiguous: 3.5-4x faster than SUNDIALS' pivoting band solver
 * on the axisymmetric cells of tests/unit/test_axisym.c. A zero pivot returns a recoverable
 * failure (CVODE then retries with a smaller step). */
#ifndef MNSIM_NUMERICS_BANDLU_INT_H
#define MNSIM_NUMERICS_BANDLU_INT_H

#include <sundials/sundials_linearsolver.h>

#include "mnsim/core.h"

/** A solver for SUNBandMatrix matrices of size n with bandwidths mu (upper) and ml (lower).
 *  Freed with SUNLinSolFree. NULL when out of memory. */
SUNLinearSolver mni_bandlu_create(mn_ctx *ctx, size_t n, size_t mu, size_t ml, SUNContext sun);

/** Replace the hot operations of a serial N_Vector (and of every clone made from it) by ones
 *  compiled with the library's flags (fast_vector.c). v is an N_Vector (SUNDIALS). */
struct _generic_N_Vector;
void mni_nvector_fast_ops(struct _generic_N_Vector *v);

/** Band-matrix zero/copy/scale-add-identity compiled with the library's flags (fast_band.c). */
struct _generic_SUNMatrix;
void mni_sunmatrix_fast_ops(struct _generic_SUNMatrix *A);
/** A banded LU linear solver without pivoting, for CVODE's M = I - gamma J when J is the
 *  Jacobian of a conservative diffusion-reaction system (an M-matrix). NULL if out of memory. */
struct _generic_SUNLinearSolver;
struct _SUNContext;
struct _generic_SUNLinearSolver *mni_band_lu_solver(struct _SUNContext *sunctx);

#endif /* MNSIM_NUMERICS_BANDLU_INT_H */
