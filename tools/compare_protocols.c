/* compare_protocols: predicted collagen gain of common microneedling protocols, side by side.
 *
 *   build/tools/compare_protocols [needle_length_mm]
 *
 * Every session is the default scenario's roller (default needle 1.5 mm) on the cheek with 16
 * crosshatched passes, as the skin and puncture stages make it. Outcomes are read 8 weeks (as
 * Lotfi 2013) and 6 months after the last session. */
#include <stdio.h>
#include <stdlib.h>

#include "heal_support.h"

typedef struct {
  const char *name;
  int sessions;
  double interval_weeks;
} protocol;

static mn_status outcome(mn_ctx *ctx, const mn_scenario *base, const mn_layer_stack *L,
                         const mn_puncture_stats *inj, double follow_up_days, mn_healing **h)
{
  mn_scenario s = *base;
  s.course.follow_up_s = mn_days_to_s(follow_up_days);
  return mn_healing_run(ctx, &s, L, inj, h);
}

int main(int argc, char **argv)
{
  static const protocol protocols[] = {
      {"3 monthly", 3, 4},       {"4 monthly", 4, 4}, {"5 monthly", 5, 4},
      {"6 every 2 weeks", 6, 2}, {"4 weekly", 4, 1},
  };
  mn_ctx *ctx = NULL;
  if (mn_ctx_create(NULL, NULL, &ctx) != MN_OK) return 1;
  double needle_mm = argc > 1 ? atof(argv[1]) : 1.5;
  if (!(needle_mm >= 0.05 && needle_mm <= 3.5)) {
    fprintf(stderr, "compare_protocols: needle length %s mm must be in [0.05, 3.5]\n", argv[1]);
    mn_ctx_destroy(&ctx);
    return 2;
  }
  mn_layer_stack L;
  mn_puncture_stats inj;
  if (mni_heal_roller_session(ctx, mn_mm_to_m(needle_mm), MNI_HEAL_CAL_PASSES, &L, &inj) != MN_OK) {
    fprintf(stderr, "compare_protocols: %s\n", mn_ctx_errmsg(ctx));
    mn_ctx_destroy(&ctx);
    return 1;
  }
  printf("roller %.2f mm on the %s, %d crosshatched passes: %.0f channels/cm2, depth reached "
         "%.0f um (%.0f um into the dermis)\n",
         needle_mm, L.site, MNI_HEAL_CAL_PASSES, inj.density_per_m2 * 1e-4,
         mn_m_to_um(inj.mean_depth_m),
         mn_m_to_um(mni_heal_dermal_depth_m(&L, inj.mean_depth_m, inj.depth_sd_m)));
  printf("%-16s %8s %9s %10s %10s %10s %10s %9s %8s %9s %9s %s\n", "protocol", "sessions",
         "interval", "collagen", "collagen", "mature", "mature", "elastin", "type III", "burden",
         "worst 28d", "warning");
  printf("%-16s %8s %9s %10s %10s %10s %10s %9s %8s %9s %9s\n", "", "", "[weeks]", "8 wk [%]",
         "6 mo [%]", "8 wk [%]", "6 mo [%]", "8 wk [%]", "8 wk", "[rel d]", "[rel d]");
  int rc = 0;
  for (size_t i = 0; i < sizeof protocols / sizeof protocols[0]; i++) {
    const protocol *pr = &protocols[i];
    mn_scenario s = mn_scenario_default();
    s.course.sessions = pr->sessions;
    s.course.interval_s = mn_weeks_to_s(pr->interval_weeks);
    mn_healing *h8 = NULL, *h6 = NULL;
    if (outcome(ctx, &s, &L, &inj, 56.0, &h8) != MN_OK ||
        outcome(ctx, &s, &L, &inj, 182.625, &h6) != MN_OK) {
      fprintf(stderr, "compare_protocols: %s\n", mn_ctx_errmsg(ctx));
      rc = 1;
    } else {
      unsigned w = mn_healing_warnings(h6);
      printf("%-16s %8d %9.0f %10.1f %10.1f %10.1f %10.1f %9.1f %8.2f %9.3f %9.3f %s\n", pr->name,
             pr->sessions, pr->interval_weeks, mn_healing_collagen_change_percent(h8),
             mn_healing_collagen_change_percent(h6), mn_healing_mature_collagen_percent(h8),
             mn_healing_mature_collagen_percent(h6), mn_healing_elastin_change_percent(h8),
             mn_healing_type3_fraction(h8), mn_healing_inflammation_burden(h6),
             mn_healing_inflammation_peak_28d(h6),
             (w & MN_HEAL_WARN_INFLAMMATION) ? "inflammation" : "-");
    }
    mn_healing_destroy(&h8);
    mn_healing_destroy(&h6);
  }
  mn_ctx_destroy(&ctx);
  return rc;
}
