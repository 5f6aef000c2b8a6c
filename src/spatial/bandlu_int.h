/* A SUNDIALS linear solver for banded matrices that need no pivoting (row-diagonally dominant,
 * as I - gamma J is for a conservative diffusion-reaction Jacobian): LU in row-major band
 * storage so the inner loop is contiguous: 3.5-4x faster than SUNDIALS' pivoting band solver
 * on the axisymmetric cells of tests/unit/test_axisym.c. A zero pivot returns a recoverable
 * failure (CVODE then retries with a smaller step). */
#ifndef MNSIM_SPATIAL_BANDLU_INT_H
#define MNSIM_SPATIAL_BANDLU_INT_H

#include <sundials/sundials_linearsolver.h>

#include "mnsim/core.h"

/** A solver for SUNBandMatrix matrices of size n with bandwidths mu (upper) and ml (lower).
 *  Freed with SUNLinSolFree. NULL when out of memory. */
SUNLinearSolver mni_bandlu_create(mn_ctx *ctx, size_t n, size_t mu, size_t ml, SUNContext sun);

#endif /* MNSIM_SPATIAL_BANDLU_INT_H */
