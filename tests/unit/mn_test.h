/* Test helpers on top of cmocka (shared/reference/style.md B10). */
#ifndef MN_TEST_H
#define MN_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "mnsim/mnsim.h"

/* Fail unless |got - want| <= atol + rtol |want|; prints both values. */
#define MN_EXPECT_NEAR(got, want, rtol, atol)                                                      \
  mn_test_expect_near((got), (want), (rtol), (atol), #got, __FILE__, __LINE__)
void mn_test_expect_near(double got, double want, double rtol, double atol, const char *expr,
                         const char *file, int line);

/* A fresh context; fails the test if it cannot be made. */
mn_ctx *mn_test_ctx(void);

#endif /* MN_TEST_H */
