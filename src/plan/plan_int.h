/* The planner's internals: the parsed catalogue (data/indications.yaml) and the plan object. */
#ifndef MNSIM_PLAN_INT_H
#define MNSIM_PLAN_INT_H

#include "core/core_int.h"
#include "mnsim/plan.h"
#include "mnsim/skin.h"

#define MNI_PLAN_MAX_NAMES 8
#define MNI_PLAN_MAX_TABLE 8
#define MNI_PLAN_TEXT_MAX  1024
#define MNI_PLAN_MAX_LINES 32

/* A depth class of Lima 2013 (epidermal, light, moderate, deep). */
typedef struct mni_depth_class {
  const char *name;
  double min_m, max_m;
} mni_depth_class;

/* An end point of a session and the passes that reach it. */
typedef struct mni_endpoint {
  const char *name, *label, *source;
  mn_pressure pressure;
  int passes_roller[2], passes_pen[2];
} mni_endpoint;

/* A needle-length limit and where it applies (every selector given must match). */
typedef struct mni_limit {
  const char *name, *reason, *source;
  const char *sites[MNI_PLAN_MAX_NAMES]; /* any of these site names; none: any site */
  size_t n_sites;
  const char *indications[MNI_PLAN_MAX_NAMES]; /* any of these; none: any indication */
  size_t n_indications;
  const char *region; /* NULL: any region */
  int over_bone;      /* -1 any, 0 or 1 */
  int setting;        /* -1 any, else an mn_setting */
  double max_m, min_m;
} mni_limit;

typedef struct mni_plan_catalog { /* the strings point into the catalogue's document */
  size_t cap_indications, cap_evidence, cap_conditions, cap_limits; /* allocated lengths */
  mn_indication *indications;
  size_t n_indications;
  mn_plan_evidence *evidence; /* every indication's, one after another */
  size_t n_evidence;
  mn_condition *conditions;
  size_t n_conditions;
  mni_limit *limits;
  size_t n_limits;
  mni_depth_class classes[MNI_PLAN_MAX_TABLE];
  size_t n_classes;
  mni_endpoint endpoints[MNI_PLAN_MAX_TABLE];
  size_t n_endpoints;
  /* rules: */
  double needle_step_m;
  const char *devices[2][MNI_PLAN_MAX_NAMES]; /* device models by setting, in order of choice */
  size_t n_devices[2];
  double clinic_min_interval_s;
  const char *clinic_min_interval_source;
  int body_sessions[2];
  const char *body_sessions_source;
  int dark_skin_min_fitzpatrick;
  const char *dark_skin_reason, *dark_skin_source;
  const char *topicals, *retreat, *assess, *sun;
} mni_plan_catalog;

/** The catalogue, parsed once per context. @return MN_OK; MN_E_CONFIG; MN_E_NOMEM. */
mn_status mni_plan_catalog_get(mn_ctx *ctx, const mni_plan_catalog **out);
/** The end point of that name, or NULL. */
const mni_endpoint *mni_plan_endpoint_find(const mni_plan_catalog *cat, const char *name);

struct mn_plan {
  mn_ctx *ctx;
  const mn_indication *indication;
  char site[MN_NAME_MAX];
  mn_setting setting;
  int fitzpatrick;
  bool is_blocked;
  mn_plan_protocol protocol;
  double device_step_m; /* the device's length step (pens' settings), 0 = any length */
  mn_plan_limit limits[MNI_PLAN_MAX_LINES];
  char limit_reason[MNI_PLAN_MAX_LINES][MNI_PLAN_TEXT_MAX]; /* text of limits[i].reason */
  size_t n_limits;
  char warnings[MNI_PLAN_MAX_LINES][MNI_PLAN_TEXT_MAX];
  size_t n_warnings;
  const char *advice[MNI_PLAN_MAX_LINES];
  size_t n_advice;
  mn_condition contraindications[MN_PLAN_MAX_CONDITIONS + 1];
  size_t n_contraindications;
};

/** The plan for a request at a given site (mn_plan_make looks the site up first).
 *  @return as mn_plan_make. */
mn_status mni_plan_make_at(mn_ctx *ctx, const mn_plan_request *rq, const mn_site *site,
                           mn_plan **out);

/* ---- The safety rules shared by the planner and mn_safety_check (plan/safety.c) ---------- */

/** True when the limit applies to the indication (NULL: none; a limit that names indications
 *  then does not apply), the site and the setting. */
bool mni_safety_limit_applies(const mni_limit *L, const char *indication, const mn_site *site,
                              mn_setting setting);
/** Depth of the top of the subcutis: stratum corneum + viable epidermis + dermis. */
double mni_safety_subcutis_top_m(const double thickness_m[MN_N_LAYERS]);
/** What the needles of a session reach at a site: the insertion model's depth distribution
 *  (the hand's force and the depth's spread between needles), not the nominal length. */
typedef struct mni_reach {
  double mean_m;         /* mean depth of the channels */
  double p95_m;          /* 95 % of the channels stay above this depth */
  double deepest_m;      /* the model's deepest channel (its spreads at their truncation) */
  double share_beyond;   /* share of the channels that reach the subcutis */
  double subcutis_top_m; /* depth of the top of the subcutis at the site */
} mni_reach;

/** The quantile reported as the session's reach: 95 % of the channels stay above it. */
#define MNI_REACH_QUANTILE 0.95
/** The subcutis rule: a session reaches the subcutis (block) when most of its channels enter
 *  the fat; more than 5 % of them is a caution. */
#define MNI_REACH_BLOCK_SHARE   0.5
#define MNI_REACH_CAUTION_SHARE 0.05

/** The reach of the device at the pressure of the treatment into skin of these layer
 *  thicknesses. Deterministic (a quadrature, no seed). @return MN_OK; as mn_device_resolve;
 *  MN_E_NOMEM. */
mn_status mni_safety_reach(mn_ctx *ctx, const mn_scenario_device *device,
                           const mn_scenario_treatment *treatment,
                           const double thickness_m[MN_N_LAYERS], mni_reach *out);
/** The subcutis rule: true when more than half of the channels reach the subcutis. */
bool mni_safety_reaches_subcutis(const mni_reach *r);
/** The range one depth class below the class of range_m[1] (Fitzpatrick IV-VI, first
 *  session); the same range if none is lower. */
void mni_safety_one_class_lower(const mni_plan_catalog *cat, const double range_m[2],
                                double out[2]);
/** The shortest interval between sessions the rules allow: the indication's (NULL: none), and
 *  never below the clinic minimum in a clinic. */
double mni_safety_min_interval_s(const mni_plan_catalog *cat, const mn_indication *ind,
                                 mn_setting setting);

#endif /* MNSIM_PLAN_INT_H */
