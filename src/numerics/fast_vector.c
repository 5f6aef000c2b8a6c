/* Vector operations for CVODE compiled with the library's own flags.
 *
 * Why: the distribution's SUNDIALS build (Debian 6.4.1) is compiled without optimisation, and
 * a 1D run spends most of its time in CVODE's vector operations. The serial N_Vector keeps its
 * data layout; only the function pointers of the hot operations are replaced, and every clone
 * CVODE makes inherits them. Each operation is a plain loop in index order, so results are
 * the same on every run. */
#include <math.h>

#include <nvector/nvector_serial.h>

#include "core/core_int.h"
#include "numerics/cvode_int.h"

#define LEN(v)  ((size_t)NV_LENGTH_S(v))
#define DATA(v) NV_DATA_S(v)

static void linearsum(sunrealtype a, N_Vector x, sunrealtype b, N_Vector y, N_Vector z)
{
  const double *xd = DATA(x), *yd = DATA(y);
  double *zd = DATA(z);
  for (size_t i = 0, n = LEN(x); i < n; i++)
    zd[i] = a * xd[i] + b * yd[i];
}

static void vconst(sunrealtype c, N_Vector z)
{
  double *zd = DATA(z);
  for (size_t i = 0, n = LEN(z); i < n; i++)
    zd[i] = c;
}

static void prod(N_Vector x, N_Vector y, N_Vector z)
{
  const double *xd = DATA(x), *yd = DATA(y);
  double *zd = DATA(z);
  for (size_t i = 0, n = LEN(x); i < n; i++)
    zd[i] = xd[i] * yd[i];
}

static void vdiv(N_Vector x, N_Vector y, N_Vector z)
{
  const double *xd = DATA(x), *yd = DATA(y);
  double *zd = DATA(z);
  for (size_t i = 0, n = LEN(x); i < n; i++)
    zd[i] = xd[i] / yd[i];
}

static void scale(sunrealtype c, N_Vector x, N_Vector z)
{
  const double *xd = DATA(x);
  double *zd = DATA(z);
  for (size_t i = 0, n = LEN(x); i < n; i++)
    zd[i] = c * xd[i];
}

static void vabs(N_Vector x, N_Vector z)
{
  const double *xd = DATA(x);
  double *zd = DATA(z);
  for (size_t i = 0, n = LEN(x); i < n; i++)
    zd[i] = fabs(xd[i]);
}

static void inv(N_Vector x, N_Vector z)
{
  const double *xd = DATA(x);
  double *zd = DATA(z);
  for (size_t i = 0, n = LEN(x); i < n; i++)
    zd[i] = 1.0 / xd[i];
}

static void addconst(N_Vector x, sunrealtype b, N_Vector z)
{
  const double *xd = DATA(x);
  double *zd = DATA(z);
  for (size_t i = 0, n = LEN(x); i < n; i++)
    zd[i] = xd[i] + b;
}

static sunrealtype maxnorm(N_Vector x)
{
  const double *xd = DATA(x);
  double m = 0.0;
  for (size_t i = 0, n = LEN(x); i < n; i++)
    m = fmax(m, fabs(xd[i]));
  return m;
}

static sunrealtype wrmsnorm(N_Vector x, N_Vector w)
{
  const double *xd = DATA(x), *wd = DATA(w);
  double s = 0.0;
  size_t n = LEN(x);
  for (size_t i = 0; i < n; i++) {
    double p = xd[i] * wd[i];
    s += p * p;
  }
  return sqrt(s / (double)n);
}

static sunrealtype vmin(N_Vector x)
{
  const double *xd = DATA(x);
  double m = xd[0];
  for (size_t i = 1, n = LEN(x); i < n; i++)
    m = fmin(m, xd[i]);
  return m;
}

static int linearcombination(int nvec, sunrealtype *c, N_Vector *X, N_Vector z)
{
  double *zd = DATA(z);
  size_t n = LEN(z);
  for (size_t i = 0; i < n; i++) {
    double s = 0.0;
    for (int j = 0; j < nvec; j++)
      s += c[j] * DATA(X[j])[i];
    zd[i] = s;
  }
  return 0;
}

static int scaleaddmulti(int nvec, sunrealtype *a, N_Vector x, N_Vector *Y, N_Vector *Z)
{
  const double *xd = DATA(x);
  size_t n = LEN(x);
  for (int j = 0; j < nvec; j++) {
    const double *yd = DATA(Y[j]);
    double *zd = DATA(Z[j]);
    for (size_t i = 0; i < n; i++)
      zd[i] = a[j] * xd[i] + yd[i];
  }
  return 0;
}

void mni_nvector_fast_ops(N_Vector v)
{
  N_Vector_Ops o = v->ops;
  o->nvlinearsum = linearsum;
  o->nvconst = vconst;
  o->nvprod = prod;
  o->nvdiv = vdiv;
  o->nvscale = scale;
  o->nvabs = vabs;
  o->nvinv = inv;
  o->nvaddconst = addconst;
  o->nvmaxnorm = maxnorm;
  o->nvwrmsnorm = wrmsnorm;
  o->nvmin = vmin;
  o->nvlinearcombination = linearcombination;
  o->nvscaleaddmulti = scaleaddmulti;
}
