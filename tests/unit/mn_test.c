#include <math.h>
#include <stdio.h>
#include <stdlib.h>

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

void *mn_test_fail_alloc(void *ud, void *ptr, size_t old_size, size_t new_size)
{
  mn_test_alloc *fa = ud;
  if (new_size == 0) {
    fa->live_bytes -= (long)old_size;
    free(ptr);
    return NULL;
  }
  if (fa->allocs_left-- <= 0)
    return NULL;
  fa->allocs++;
  fa->live_bytes += (long)new_size - (long)(ptr ? old_size : 0);
  return realloc(ptr, new_size);
}
