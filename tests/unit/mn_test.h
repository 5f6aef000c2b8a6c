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

/* An allocator that fails once allocs_left allocations have been made (Lua's debug_realloc
 * idea), for out-of-memory tests: pass it to mn_ctx_create with a mn_test_alloc as ud.
 * live_bytes counts what is allocated and not yet freed (0 at the end: no leak). */
typedef struct mn_test_alloc {
  long allocs_left; /* allocations still allowed */
  long live_bytes;  /* bytes allocated and not freed */
  long allocs;      /* allocations made */
} mn_test_alloc;
void *mn_test_fail_alloc(void *ud, void *ptr, size_t old_size, size_t new_size);

/* A fresh context; fails the test if it cannot be made. */
mn_ctx *mn_test_ctx(void);

/* Channels of one session as the puncture stage would report them: density, opening, mean
 * depth and its spread (max depth = mean + 2 sd, deepest layer the dermis, 10 cm²). */
mn_puncture_stats mn_test_channel_stats(double density_per_cm2, double diameter_um, double depth_um,
                                   double sd_um);

/* The cheek's layers of the site table: SC 17 µm, VE 50 µm, dermis 1 mm, subcutis 5 mm (tops
 * summed from the surface). */
mn_layer_stack mn_test_cheek_layers(void);

#endif /* MN_TEST_H */
