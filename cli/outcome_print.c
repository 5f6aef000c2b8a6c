/* The "outcome:" block of `mnsim run` and `mnsim plan`: the indication's endpoints. */
#include <math.h>
#include <stdio.h>

#include "cli.h"

static void print_value(FILE *f, double v, const char *unit)
{
  fprintf(f, "%+.3g%s%s", v, unit[0] == '%' ? " " : " ", unit);
}

void mn_cli_print_outcome(FILE *f, const mn_outcome *o)
{
  size_t n = mn_outcome_n_endpoints(o);
  fprintf(f, "outcome: %s\n", mn_outcome_indication(o));
  if (n == 0) {
    fprintf(f, "  no clinical endpoint: %s\n", mn_outcome_weakness(o));
    return;
  }
  for (size_t i = 0; i < n; i++) {
    const mn_outcome_endpoint *e = mn_outcome_endpoint_get(o, i);
    fprintf(f, "  %s\n    expected change at follow-up  ", e->label);
    print_value(f, e->change, e->unit);
    if (isfinite(e->range_lo) && isfinite(e->range_hi)) {
      fprintf(f, " (range ");
      print_value(f, e->range_lo, e->unit);
      fprintf(f, " to ");
      print_value(f, e->range_hi, e->unit);
      fprintf(f, ")");
    }
    fprintf(f, "; %s is better\n", e->lower_is_better ? "lower" : "higher");
    fprintf(f, "    anchor                        %s: ", e->anchor_source);
    print_value(f, e->anchor_change, e->unit);
    fprintf(f, "\n    remodelling vs the anchor's   %.3g x\n", e->remodelling_ratio);
    if (i == 0 && e->n > 1) {
      fprintf(f, "    over time (day: change)      ");
      size_t step = e->n > 8 ? (e->n + 7) / 8 : 1;
      for (size_t k = 0; k < e->n; k += step)
        fprintf(f, " %.0f: %+.3g", e->days[k], e->values[k]);
      if ((e->n - 1) % step != 0)
        fprintf(f, " %.0f: %+.3g", e->days[e->n - 1], e->values[e->n - 1]);
      fprintf(f, "\n");
    }
  }
  fprintf(f, "  caveat: %s\n", mn_outcome_weakness(o));
}
