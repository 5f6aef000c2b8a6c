#include <math.h>
#include <stdio.h>

#include "mn_test.h"

void mn_test_expect_near(double got, double want, double rtol, double atol, const char *expr,
                         const char *file, int line)
{
  double tol = atol + rtol * fabs(want);
  if (!(fabs(got - want) <= tol)) {
    print_error("%s:%d: %s = %.17g, expected %.17g (tolerance %.3g, off by %.3g)\n", file, line,
                expr, got, want, tol, fabs(got - want));
    _fail(file, line);
  }
}

mn_ctx *mn_test_ctx(void)
{
  mn_ctx *ctx = NULL;
  assert_int_equal(mn_ctx_create(NULL, NULL, &ctx), MN_OK);
  assert_non_null(ctx);
  return ctx;
}
