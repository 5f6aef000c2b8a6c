/* The one banded LU solver of the library and the banded-matrix operations for CVODE, compiled
 * with the library's flags (the distribution's SUNDIALS is built without optimisation; see
 * fast_vector.c). In place on SUNDIALS' column storage: no copy, and the inner loops run down
 * a column (contiguous). Against the row-major copy the axisymmetric cell used before
 * (2026-12, AMD EPYC, -O3; factorisation / solve, best of 300): 3194 states at bandwidth 39,
 * 1.07 / 0.15 ms against 1.64 / 0.18 ms; 305 states at bandwidth 4, 4.7 / 4.3 us against
 * 8.9 / 5.8 us.
 *
 * The matrices CVODE factors here are M = I - gamma J with J the exact Jacobian of a
 * conservative finite-volume system: off-diagonal entries of J are >= 0, its diagonal <= 0 and
 * its columns sum to zero under positive weights (the cell capacities). M is then a
 * non-singular M-matrix, for which LU without pivoting is stable: no pivoting, no fill above
 * the upper bandwidth. A zero pivot is reported as a recoverable failure (CVODE retries with a
 * smaller step). */
#include <stdbool.h>
#include <string.h>

#include <sundials/sundials_linearsolver.h>
#include <sunmatrix/sunmatrix_band.h>

#include "core/core_int.h"
#include "numerics/cvode_int.h"

/* SUNDIALS 7 replaced the per-module codes by common ones (SUNLS_SUCCESS and SUNMAT_ILL_INPUT
 * are gone); SUNLS_LUFACT_FAIL, a recoverable failure, is in both. */
#if SUNDIALS_VERSION_MAJOR >= 7
#define LS_OK SUN_SUCCESS
#define MAT_BAD_SHAPE SUN_ERR_ARG_INCOMPATIBLE
#else
#define LS_OK SUNLS_SUCCESS
#define MAT_BAD_SHAPE SUNMAT_ILL_INPUT
#endif

/* ---- matrix operations (SUNMatrix ops of a band matrix) ---- */

static int mat_zero(SUNMatrix A)
{
  memset(SM_DATA_B(A), 0, (size_t)SM_LDATA_B(A) * sizeof(sunrealtype));
  return 0;
}

static int mat_copy(SUNMatrix A, SUNMatrix B)
{
  /* Same shape: the solver copies its own saved Jacobian back and forth. */
  if (SM_LDATA_B(A) != SM_LDATA_B(B) || SM_SUBAND_B(A) != SM_SUBAND_B(B)) return MAT_BAD_SHAPE;
  memcpy(SM_DATA_B(B), SM_DATA_B(A), (size_t)SM_LDATA_B(A) * sizeof(sunrealtype));
  return 0;
}

static int mat_scaleaddi(sunrealtype c, SUNMatrix A)
{
  sunrealtype *d = SM_DATA_B(A);
  for (size_t i = 0, n = (size_t)SM_LDATA_B(A); i < n; i++)
    d[i] *= c;
  for (sunindextype j = 0; j < SM_COLUMNS_B(A); j++)
    SM_COLUMN_B(A, j)[0] += 1.0;
  return 0;
}

/* Clones (CVODE keeps a copy of the Jacobian) get the same operations. */
static SUNMatrix mat_clone(SUNMatrix A)
{
  SUNMatrix B = SUNMatClone_Band(A);
  if (B != NULL) mni_sunmatrix_fast_ops(B);
  return B;
}

void mni_sunmatrix_fast_ops(SUNMatrix A)
{
  A->ops->clone = mat_clone;
  A->ops->zero = mat_zero;
  A->ops->copy = mat_copy;
  A->ops->scaleaddi = mat_scaleaddi;
}

/* ---- the linear solver ---- */

/* The solver's content: its rounding (cvode_int.h), one static value per mode. */
static const mni_lu_rounding roundings[2] = {MNI_LU_DIVIDE, MNI_LU_RECIPROCAL};
#define ROUNDING(S) (*(const mni_lu_rounding *)(S)->content)

static SUNLinearSolver_Type ls_type(SUNLinearSolver S)
{
  (void)S;
  return SUNLINEARSOLVER_DIRECT;
}

static SUNLinearSolver_ID ls_id(SUNLinearSolver S)
{
  (void)S;
  return SUNLINEARSOLVER_CUSTOM;
}

static int ls_initialize(SUNLinearSolver S)
{
  (void)S;
  return LS_OK;
}

/* In-place LU of the band (unit lower factor's multipliers stored below the diagonal). */
static int ls_setup(SUNLinearSolver S, SUNMatrix A)
{
  bool reciprocal = ROUNDING(S) == MNI_LU_RECIPROCAL;
  sunindextype n = SM_COLUMNS_B(A), ml = SM_LBAND_B(A), mu = SM_UBAND_B(A), smu = SM_SUBAND_B(A);
  sunrealtype **cols = SM_COLS_B(A); /* column j's diagonal is cols[j][smu] */
  for (sunindextype k = 0; k < n; k++) {
    sunrealtype *ck = cols[k] + smu;
    sunrealtype pivot = ck[0];
    if (pivot == 0.0) return SUNLS_LUFACT_FAIL;
    sunindextype i_end = k + ml < n - 1 ? k + ml : n - 1;
    if (reciprocal) {
      sunrealtype inv = 1.0 / pivot;
      for (sunindextype i = k + 1; i <= i_end; i++)
        ck[i - k] *= inv;
    } else {
      for (sunindextype i = k + 1; i <= i_end; i++)
        ck[i - k] /= pivot;
    }
    sunindextype j_end = k + mu < n - 1 ? k + mu : n - 1;
    for (sunindextype j = k + 1; j <= j_end; j++) {
      sunrealtype *cj = cols[j] + smu;
      sunrealtype a_kj = cj[k - j];
      if (a_kj == 0.0) continue;
      for (sunindextype i = k + 1; i <= i_end; i++)
        cj[i - j] -= ck[i - k] * a_kj;
    }
  }
  return LS_OK;
}

static int ls_solve(SUNLinearSolver S, SUNMatrix A, N_Vector x, N_Vector b, sunrealtype tol)
{
  (void)tol;
  sunindextype n = SM_COLUMNS_B(A), ml = SM_LBAND_B(A), mu = SM_UBAND_B(A), smu = SM_SUBAND_B(A);
  sunrealtype *const *cols = SM_COLS_B(A);
  sunrealtype *xd = N_VGetArrayPointer(x);
  const sunrealtype *bd = N_VGetArrayPointer(b);
  if (xd != bd) memcpy(xd, bd, (size_t)n * sizeof *xd);
  for (sunindextype k = 0; k < n; k++) { /* L y = b */
    const sunrealtype *ck = cols[k] + smu;
    sunrealtype xk = xd[k];
    sunindextype i_end = k + ml < n - 1 ? k + ml : n - 1;
    for (sunindextype i = k + 1; i <= i_end; i++)
      xd[i] -= ck[i - k] * xk;
  }
  if (ROUNDING(S) == MNI_LU_RECIPROCAL) {
    for (sunindextype i = n - 1; i >= 0; i--) { /* U x = y, row by row */
      sunindextype j_end = i + mu < n - 1 ? i + mu : n - 1;
      sunrealtype s = xd[i];
      for (sunindextype j = i + 1; j <= j_end; j++)
        s -= cols[j][smu + i - j] * xd[j];
      xd[i] = s * (1.0 / cols[i][smu]);
    }
    return LS_OK;
  }
  for (sunindextype k = n - 1; k >= 0; k--) { /* U x = y */
    const sunrealtype *ck = cols[k] + smu;
    sunrealtype xk = xd[k] / ck[0];
    xd[k] = xk;
    sunindextype i_begin = k - mu > 0 ? k - mu : 0;
    for (sunindextype i = i_begin; i < k; i++)
      xd[i] -= ck[i - k] * xk;
  }
  return LS_OK;
}

static int ls_free(SUNLinearSolver S)
{
  if (S != NULL) S->content = NULL; /* static: nothing else to free */
  SUNLinSolFreeEmpty(S);
  return LS_OK;
}

SUNLinearSolver mni_band_lu_solver(SUNContext sun, mni_lu_rounding rounding)
{
  SUNLinearSolver S = SUNLinSolNewEmpty(sun);
  if (S == NULL) return NULL;
  S->content = (void *)&roundings[rounding == MNI_LU_RECIPROCAL ? 1 : 0]; /* read only */
  S->ops->gettype = ls_type;
  S->ops->getid = ls_id;
  S->ops->initialize = ls_initialize;
  S->ops->setup = ls_setup;
  S->ops->solve = ls_solve;
  S->ops->free = ls_free;
  return S;
}
