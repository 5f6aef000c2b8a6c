/* What share of a population's patients reach the dermis with a given needle: each patient's
 * nominal depth (src/puncture/insertion.c: the needle pressed with the patient's force into the
 * patient's skin, before the spread between needles) at needle lengths 0.25 to 3 mm, and where
 * the patient's dermis begins (stratum corneum + viable epidermis). The patients are drawn again
 * from (seed, i), so the answer needs no second simulation; insertion alone costs microseconds.
 * Across patients: P5, P25, P50, P75, P95 of the depth and the share whose depth passes their
 * own dermal-epidermal junction (docs/population.md). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "study/study_int.h"

static int cmp_double(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

mn_status mni_population_needle_reach(mn_ctx *ctx, const mn_study *st, mni_needle_reach *out)
{
  memset(out, 0, sizeof *out);
  if (!st->has_base || st->base.device.type == MN_DEVICE_FRACTIONAL_LASER) return MN_OK;
  mn_device dev;
  MN_TRY(mn_device_resolve(ctx, &st->base.device, &dev));
  size_t n = st->n_rows, n_len = MNI_REACH_LENGTHS;
  double *depth = mn_alloc(ctx, n * n_len * sizeof *depth);
  double *junction = mn_alloc(ctx, n * sizeof *junction);
  double *col = mn_alloc(ctx, n * sizeof *col);
  mn_status rc = MN_OK;
  if (depth == NULL || junction == NULL || col == NULL) {
    rc = mni_fail(ctx, MN_E_NOMEM, "needle reach: out of memory");
    goto done;
  }
  for (size_t i = 0; i < n && rc == MN_OK; i++) {
    mn_scenario s;
    mn_layer_stack layers;
    rc = mn_population_sample(ctx, &st->base, st->seed, i, &s, NULL);
    if (rc == MN_OK) rc = mn_skin_build(ctx, &s.skin, &layers);
    if (rc != MN_OK) break;
    junction[i] = layers.top_m[MN_LAYER_DERMIS];
    for (size_t k = 0; k < n_len && rc == MN_OK; k++) {
      mn_insertion ins;
      dev.needle_length_m = mn_mm_to_m(0.25 * (double)(k + 1));
      rc = mn_insertion_nominal_at(ctx, &dev, &s.treatment, &layers, &ins);
      depth[k * n + i] = rc == MN_OK ? ins.depth_m : (double)NAN;
    }
  }
  if (rc != MN_OK) goto done;
  out->n_lengths = n_len;
  for (size_t k = 0; k < n_len; k++) {
    size_t reach = 0;
    for (size_t i = 0; i < n; i++) {
      col[i] = mn_m_to_um(depth[k * n + i]);
      reach += depth[k * n + i] > junction[i];
    }
    qsort(col, n, sizeof *col, cmp_double);
    out->length_mm[k] = 0.25 * (double)(k + 1);
    out->p5_um[k] = mni_quantile_sorted(col, n, 0.05);
    out->p25_um[k] = mni_quantile_sorted(col, n, 0.25);
    out->p50_um[k] = mni_quantile_sorted(col, n, 0.50);
    out->p75_um[k] = mni_quantile_sorted(col, n, 0.75);
    out->p95_um[k] = mni_quantile_sorted(col, n, 0.95);
    out->dermis_share[k] = (double)reach / (double)n;
  }
  for (size_t i = 0; i < n; i++)
    col[i] = mn_m_to_um(junction[i]);
  qsort(col, n, sizeof *col, cmp_double);
  out->junction_p50_um = mni_quantile_sorted(col, n, 0.50);
done:
  mn_free(ctx, depth, n * n_len * sizeof *depth);
  mn_free(ctx, junction, n * sizeof *junction);
  mn_free(ctx, col, n * sizeof *col);
  return rc;
}
