/* Banded LU without pivoting as a SUNDIALS linear solver (see bandlu_int.h). */
#include <string.h>

#include <nvector/nvector_serial.h>
#include <sunmatrix/sunmatrix_band.h>

#include "core/core_int.h"
#include "numerics/bandlu_int.h"

typedef struct bandlu {
  mn_ctx *ctx;
  size_t n, mu, ml, w; /* w = ml + mu + 1 entries per row */
  double *a;           /* row i: columns i - ml .. i + mu at a[i w + (j - i + ml)] */
  double *inv;         /* 1 / pivot */
  sunindextype last;
} bandlu;

#define BL(S) ((bandlu *)(S)->content)

static SUNLinearSolver_Type bl_type(SUNLinearSolver S)
{
  (void)S;
  return SUNLINEARSOLVER_DIRECT;
}

static SUNLinearSolver_ID bl_id(SUNLinearSolver S)
{
  (void)S;
  return SUNLINEARSOLVER_CUSTOM;
}

static int bl_init(SUNLinearSolver S)
{
  BL(S)->last = 0;
  return SUNLS_SUCCESS;
}

static int bl_setup(SUNLinearSolver S, SUNMatrix A)
{
  bandlu *b = BL(S);
  size_t n = b->n, mu = b->mu, ml = b->ml, w = b->w;
  double *a = b->a;
  memset(a, 0, n * w * sizeof *a);
  for (size_t j = 0; j < n; j++) {
    const double *col = SUNBandMatrix_Column(A, (sunindextype)j); /* col[i - j] = A(i, j) */
    size_t i0 = j > mu ? j - mu : 0, i1 = j + ml < n - 1 ? j + ml : n - 1;
    for (size_t i = i0; i <= i1; i++)
      a[i * w + (j + ml - i)] = col[(ptrdiff_t)i - (ptrdiff_t)j];
  }
  for (size_t k = 0; k < n; k++) {
    double piv = a[k * w + ml];
    if (piv == 0.0) {
      b->last = (sunindextype)(k + 1);
      return SUNLS_LUFACT_FAIL;
    }
    double inv = 1.0 / piv;
    b->inv[k] = inv;
    const double *rk = a + k * w + ml; /* rk[d] = A(k, k + d) */
    size_t i1 = k + ml < n - 1 ? k + ml : n - 1;
    size_t nu = k + mu < n - 1 ? mu : n - 1 - k;
    for (size_t i = k + 1; i <= i1; i++) {
      double *ri = a + i * w + (k + ml - i); /* ri[d] = A(i, k + d) */
      double l = ri[0] * inv;
      ri[0] = l;
      for (size_t d = 1; d <= nu; d++)
        ri[d] -= l * rk[d];
    }
  }
  b->last = 0;
  return SUNLS_SUCCESS;
}

static int bl_solve(SUNLinearSolver S, SUNMatrix A, N_Vector xv, N_Vector bv, double tol)
{
  (void)A, (void)tol;
  bandlu *b = BL(S);
  size_t n = b->n, mu = b->mu, ml = b->ml, w = b->w;
  const double *a = b->a;
  double *x = N_VGetArrayPointer(xv);
  if (xv != bv) memcpy(x, N_VGetArrayPointer(bv), n * sizeof *x);
  for (size_t i = 1; i < n; i++) {
    size_t k0 = i > ml ? i - ml : 0;
    const double *ri = a + i * w + ml - i; /* ri[k] = A(i, k) */
    double s = x[i];
    for (size_t k = k0; k < i; k++)
      s -= ri[k] * x[k];
    x[i] = s;
  }
  for (size_t i = n; i-- > 0;) {
    size_t j1 = i + mu < n - 1 ? i + mu : n - 1;
    const double *ri = a + i * w + ml - i;
    double s = x[i];
    for (size_t j = i + 1; j <= j1; j++)
      s -= ri[j] * x[j];
    x[i] = s * b->inv[i];
  }
  return SUNLS_SUCCESS;
}

static sunindextype bl_last(SUNLinearSolver S)
{
  return BL(S)->last;
}

static int bl_space(SUNLinearSolver S, long *lrw, long *liw)
{
  *lrw = (long)(BL(S)->n * (BL(S)->w + 1));
  *liw = 4;
  return SUNLS_SUCCESS;
}

static int bl_free(SUNLinearSolver S)
{
  if (S == NULL) return SUNLS_SUCCESS;
  bandlu *b = BL(S);
  if (b != NULL) {
    mn_ctx *ctx = b->ctx;
    mn_free(ctx, b->a, b->n * b->w * sizeof *b->a);
    mn_free(ctx, b->inv, b->n * sizeof *b->inv);
    mn_free(ctx, b, sizeof *b);
    S->content = NULL;
  }
  SUNLinSolFreeEmpty(S);
  return SUNLS_SUCCESS;
}

SUNLinearSolver mni_bandlu_create(mn_ctx *ctx, size_t n, size_t mu, size_t ml, SUNContext sun)
{
  SUNLinearSolver S = SUNLinSolNewEmpty(sun);
  if (S == NULL) return NULL;
  S->ops->gettype = bl_type;
  S->ops->getid = bl_id;
  S->ops->initialize = bl_init;
  S->ops->setup = bl_setup;
  S->ops->solve = bl_solve;
  S->ops->lastflag = bl_last;
  S->ops->space = bl_space;
  S->ops->free = bl_free;
  bandlu *b = mn_calloc(ctx, 1, sizeof *b);
  if (b == NULL) {
    SUNLinSolFreeEmpty(S);
    return NULL;
  }
  S->content = b;
  b->ctx = ctx;
  b->n = n;
  b->mu = mu;
  b->ml = ml;
  b->w = mu + ml + 1;
  b->a = mn_alloc(ctx, n * b->w * sizeof *b->a);
  b->inv = mn_alloc(ctx, n * sizeof *b->inv);
  if (b->a == NULL || b->inv == NULL) {
    bl_free(S);
    return NULL;
  }
  return S;
}
