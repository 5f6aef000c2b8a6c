/* Outcome, internal: the catalogue data/outcomes.yaml and the anchor protocols' runs.
 * docs/model.md section 6.10 has the mapping. */
#ifndef MNSIM_OUTCOME_INT_H
#define MNSIM_OUTCOME_INT_H

#include "core/core_int.h"
#include "mnsim/outcome.h"

#define MNI_OUT_MAX_ENDPOINTS 4
#define MNI_OUT_MAX_CHECKS    4
#define MNI_OUT_MAX_CONTEXT   4

/* What an endpoint follows: all new collagen, new collagen I, or the cross-linked (mature)
 * new collagen I. */
typedef enum { MNI_OUT_COLLAGEN = 0, MNI_OUT_COLLAGEN1 = 1, MNI_OUT_MATURE = 2 } mni_out_measure;

/* A published protocol as the model runs it. */
typedef struct mni_out_protocol {
  const char *site;
  mn_device_type device;
  double needle_m;
  int passes, sessions;
  double interval_s, follow_up_s;
} mni_out_protocol;

/* A published result of an endpoint: the study, its protocol, its mean change and range. */
typedef struct mni_out_anchor {
  const char *source, *protocol_note, *range_source;
  mni_out_protocol protocol;
  double change, lo, hi; /* lo, hi NaN: no range */
} mni_out_anchor;

typedef struct mni_out_endpoint {
  const char *name, *label, *unit, *limit_source;
  bool lower_is_better;
  double limit;
  mni_out_measure measure;
  mni_out_anchor anchor; /* the one that sets R_a */
  size_t n_checks;
  mni_out_anchor checks[MNI_OUT_MAX_CHECKS]; /* others the model must reproduce */
  size_t n_context;
  const char *context[MNI_OUT_MAX_CONTEXT];
} mni_out_endpoint;

typedef struct mni_out_entry {
  const char *name; /* the indication */
  const char *weakness;
  size_t n_endpoints;
  mni_out_endpoint endpoints[MNI_OUT_MAX_ENDPOINTS];
} mni_out_entry;

/** The entry of an indication (MN_E_NOTFOUND naming the valid ones). */
mn_status mni_out_find(mn_ctx *ctx, const char *indication, const mni_out_entry **out);
/** Parse a text in the format of data/outcomes.yaml (tests of malformed tables), not kept. */
mn_status mni_out_check_text(mn_ctx *ctx, const char *text, size_t len);
/** Every entry of data/outcomes.yaml. */
mn_status mni_out_list(mn_ctx *ctx, const mni_out_entry **list, size_t *n);
/** The scenario that runs a protocol: the built-in default with the protocol's site, device
 *  type, needle length, passes (crosshatched, moderate pressure) and course. */
void mni_out_protocol_scenario(const mni_out_protocol *p, mn_scenario *out);
/** The remodelling R of a healing result at its follow-up (new collagen, fraction). */
double mni_out_remodelling(const mn_healing *h, mni_out_measure m);
/** R of a protocol: skin, puncture, healing. */
mn_status mni_out_protocol_remodelling(mn_ctx *ctx, const mni_out_protocol *p, mni_out_measure m,
                                       double *R);
/** The change the model predicts for the published result a of endpoint e (a may be e's
 *  anchor or one of its checks): R of a's protocol over R_a, through the mapping. */
mn_status mni_out_predict(mn_ctx *ctx, const mni_out_endpoint *e, const mni_out_anchor *a,
                          double *change);

#endif /* MNSIM_OUTCOME_INT_H */
