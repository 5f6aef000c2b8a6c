/* Outcome: the clinical endpoint of an indication (a scar score, a wrinkle grade, a MASI change)
 * read from the healing stage's simulated remodelling (docs/model.md section 6.10).
 *
 * Each endpoint is tied to the model through one published anchor study (data/outcomes.yaml):
 * the model computes the new collagen R_a of the study's protocol at the time the study read its
 * result, and an outcome with new collagen R changes the endpoint by
 *     sign * L * (1 - (1 - |c_a| / L)^(R / R_a)),
 * c_a the study's mean change and L the scale's limit. The anchor's range maps the same way.
 * The mapping is empirical: no study regresses a clinical score on collagen in one cohort except
 * Lotfi 2013, the healing model's calibration.
 *
 *   mn_outcome *o = NULL;
 *   if (mn_outcome_run(ctx, "acne_scars_moderate", healing, &o) == MN_OK &&
 *       mn_outcome_n_endpoints(o) > 0)
 *     printf("%s %+.2f\n", mn_outcome_endpoint_get(o, 0)->label,
 *            mn_outcome_endpoint_get(o, 0)->change);
 *   mn_outcome_destroy(&o);
 */
#ifndef MNSIM_OUTCOME_H
#define MNSIM_OUTCOME_H

#include <stdbool.h>

#include "mnsim/healing.h"
#include "mnsim/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One endpoint of an outcome. Strings point into the catalogue (valid while the context
 *  lives); arrays are owned by the outcome. */
typedef struct mn_outcome_endpoint {
  const char *name;     /* "goodman_baron_quantitative" */
  const char *label;    /* "Goodman-Baron quantitative acne scar score" */
  const char *unit;     /* "points", "grades", "%" */
  bool lower_is_better; /* a score that falls as the skin improves (change < 0) */
  double limit;         /* L: the largest change the scale allows (its magnitude) */
  const char *limit_source;
  double change;             /* expected change at the follow-up, in unit */
  double range_lo, range_hi; /* the anchor's range mapped the same way (NaN: none) */
  double remodelling_ratio;  /* R / R_a at the follow-up */
  const char *anchor_source; /* the study */
  const char *anchor_protocol_note;
  double anchor_change; /* its mean change */
  double anchor_lo, anchor_hi;
  const char *range_source;
  size_t n;             /* samples of the time course */
  const double *days;   /* days since the first session */
  const double *values; /* the expected change at those days */
} mn_outcome_endpoint;

typedef struct mn_outcome mn_outcome;

/** The outcome of the indication (a name from `mnsim indications`) for the healing result h.
 *  @return MN_OK; MN_E_NOTFOUND (no outcome for that name: the message lists the valid ones);
 *          MN_E_ARG (NULL); MN_E_CONFIG (data/outcomes.yaml malformed); an error of the anchor
 *          protocols' runs (skin, puncture, healing). */
MN_API mn_status mn_outcome_run(mn_ctx *ctx, const char *indication, const mn_healing *h,
                                mn_outcome **out);
/** The outcome of a scenario's course (its `indication`) without the absorption stage: skin,
 *  puncture, healing, then mn_outcome_run. For the planner: nothing is logged (the healing
 *  stage's warnings belong to a run). course.sessions must be >= 1. */
MN_API mn_status mn_outcome_of_scenario(mn_ctx *ctx, const mn_scenario *s, mn_outcome **out);
/** Free the outcome and set *po to NULL; NULL is a no-op. */
MN_API void mn_outcome_destroy(mn_outcome **po);

/** The indication's name (borrowed). */
MN_API const char *mn_outcome_indication(const mn_outcome *o);
/** What the mapping cannot know, in words, for the reader (borrowed). */
MN_API const char *mn_outcome_weakness(const mn_outcome *o);
/** Endpoints: the first is the headline; 0 for an indication with no clinical endpoint. */
MN_API size_t mn_outcome_n_endpoints(const mn_outcome *o);
MN_API const mn_outcome_endpoint *mn_outcome_endpoint_get(const mn_outcome *o, size_t i);

/** The mapping alone: the change for remodelling ratio x = R / R_a, given the anchor's change
 *  c_a and the scale's limit L (magnitude); saturates at +-L. */
MN_API double mn_outcome_map(double x, double anchor_change, double limit);

#ifdef __cplusplus
}
#endif
#endif /* MNSIM_OUTCOME_H */
