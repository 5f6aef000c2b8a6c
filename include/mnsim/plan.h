/* The planner: from an indication, a body site, a setting and a patient to a protocol (needle
 * length, passes, sessions, interval), with the limits applied, the warnings, the
 * contraindications and the evidence; and from the protocol to a scenario the simulator runs.
 *
 *   mn_plan_request rq = mn_plan_request_default();
 *   rq.indication = "acne_scars_moderate"; rq.site = "cheek"; rq.setting = MN_SETTING_HOME;
 *   mn_plan *p = NULL;
 *   if (mn_plan_make(ctx, &rq, &p) != MN_OK) fprintf(stderr, "%s\n", mn_ctx_errmsg(ctx));
 *   else
 *     printf("%d to %d sessions\n", mn_plan_protocol_get(p)->sessions[0],
 *            mn_plan_protocol_get(p)->sessions[1]);
 *   mn_plan_destroy(&p);
 *
 * The catalogue (data/indications.yaml, compiled in) holds every number and its source; docs
 * /model.md section 7 explains the rules. */
#ifndef MNSIM_PLAN_H
#define MNSIM_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "mnsim/scenario.h"
#include "mnsim/skin.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum { MN_SETTING_HOME = 0, MN_SETTING_CLINIC = 1 } mn_setting;

/** "home" | "clinic"; static. */
MN_API const char *mn_setting_name(mn_setting setting);
/** Parse "home" / "clinic". @return MN_OK; MN_E_NOTFOUND (message lists the valid names). */
MN_API mn_status mn_setting_parse(mn_ctx *ctx, const char *name, mn_setting *out);

/* ---- The catalogue ---------------------------------------------------------------------- */

/** One study behind an indication. Strings borrowed from the context's catalogue. */
typedef struct mn_plan_evidence {
  const char *citation;
  const char *result; /* what the study reported */
} mn_plan_evidence;

/** One indication of data/indications.yaml. Strings borrowed for the life of ctx. */
typedef struct mn_indication {
  const char *name;       /* "acne_scars_moderate" */
  const char *label;      /* "atrophic acne scars, moderate" */
  const char *endpoint;   /* "erythema" | "pinpoint_bleeding" | "no_bleeding" */
  const char *regions[4]; /* regions where the evidence comes from */
  size_t n_regions;
  double needle_length_m[2][2]; /* [setting][min, max], before site limits */
  const char *needle_source;
  int sessions[2];      /* [min, max] */
  double interval_s[2]; /* [min, max] */
  bool is_ongoing;      /* a course without end (product delivery) */
  const char *course_source;
  const char *maintenance; /* NULL if none */
  const mn_plan_evidence *evidence;
  size_t n_evidence;
} mn_indication;

/** A patient condition: blocks treatment, or warns. Strings borrowed for the life of ctx. */
typedef struct mn_condition {
  const char *name; /* "pregnancy" */
  bool blocks;
  const char *reason;
  const char *source;
} mn_condition;

/** Every indication, borrowed for the life of ctx.
 *  @return MN_OK; MN_E_CONFIG (malformed compiled-in catalogue); MN_E_NOMEM. */
MN_API mn_status mn_indications_list(mn_ctx *ctx, const mn_indication **list, size_t *n);
/** @return MN_OK; MN_E_NOTFOUND (the message lists the valid names). */
MN_API mn_status mn_indication_find(mn_ctx *ctx, const char *name, const mn_indication **out);
/** Every patient condition, borrowed for the life of ctx. @return as mn_indications_list. */
MN_API mn_status mn_conditions_list(mn_ctx *ctx, const mn_condition **list, size_t *n);
/** @return MN_OK; MN_E_NOTFOUND (the message lists the valid names). */
MN_API mn_status mn_condition_find(mn_ctx *ctx, const char *name, const mn_condition **out);

/* ---- A plan ------------------------------------------------------------------------------ */

#define MN_PLAN_MAX_CONDITIONS 32

/** What is asked. Names are borrowed for the call only. */
typedef struct mn_plan_request {
  const char *indication;                         /* name from mn_indications_list */
  const char *site;                               /* name from mn_sites_list */
  mn_setting setting;                             /* default: home */
  int fitzpatrick;                                /* 1..6; default 3 */
  const char *conditions[MN_PLAN_MAX_CONDITIONS]; /* names from mn_conditions_list */
  size_t n_conditions;
} mn_plan_request;

/** Defaults: no indication or site (both must be set), home, Fitzpatrick 3, no conditions. */
MN_API mn_plan_request mn_plan_request_default(void);

/** The protocol. Ranges are [min, max]. */
typedef struct mn_plan_protocol {
  double needle_length_m[2];               /* nominal needle length after every limit */
  double first_session_needle_length_m[2]; /* Fitzpatrick IV-VI: one depth class lower */
  int passes[2];                           /* passes of the device over the area */
  int sessions[2];
  double interval_s[2];       /* time between sessions */
  const char *device_model;   /* from the device catalogue: home_roller, pen_12, clinic_roller */
  mn_device_type device;      /* the type of device_model */
  mn_pressure pressure;       /* from the end point */
  const char *endpoint;       /* "erythema" | "pinpoint_bleeding" | "no_bleeding" */
  const char *endpoint_label; /* "uniform pinpoint bleeding" */
  double max_depth_reached_m; /* 95 % of the channels stay above it at needle_length_m[1] */
  double insertion_fraction;  /* max_depth_reached_m / needle_length_m[1] */
  double subcutis_top_m;      /* stratum corneum + viable epidermis + dermis of the site */
  bool is_extrapolated;       /* the site's region is outside the evidence */
} mn_plan_protocol;

/** A limit that lowered the needle length, and why. Strings owned by the plan. */
typedef struct mn_plan_limit {
  const char *name; /* "over_bone", "neck", "subcutis", ... */
  double max_m;     /* the cap it set */
  const char *reason;
  const char *source;
} mn_plan_limit;

typedef struct mn_plan mn_plan;

/** Make the plan for a request. A blocking condition does not fail the call: the plan is made
 *  and mn_plan_is_blocked() says so.
 *  @return MN_OK; MN_E_ARG (NULL, Fitzpatrick outside 1..6, too many conditions);
 *          MN_E_NOTFOUND (unknown indication, site or condition: the message lists the valid
 *          names); MN_E_CONFIG (catalogue); MN_E_NOMEM. *out is NULL on failure. */
MN_API mn_status mn_plan_make(mn_ctx *ctx, const mn_plan_request *rq, mn_plan **out);
/** Free the plan and set *pp to NULL; NULL is a no-op. */
MN_API void mn_plan_destroy(mn_plan **pp);

/* Accessors: everything is borrowed from the plan (or the context's catalogue) until
 * mn_plan_destroy. Indices run from 0 to the count - 1. */
MN_API const mn_indication *mn_plan_indication(const mn_plan *p);
MN_API const char *mn_plan_site(const mn_plan *p);
MN_API mn_setting mn_plan_setting(const mn_plan *p);
MN_API int mn_plan_fitzpatrick(const mn_plan *p);
MN_API const mn_plan_protocol *mn_plan_protocol_get(const mn_plan *p);
/** True when a condition blocks treatment. */
MN_API bool mn_plan_is_blocked(const mn_plan *p);
MN_API size_t mn_plan_n_limits(const mn_plan *p);
MN_API const mn_plan_limit *mn_plan_limit_get(const mn_plan *p, size_t i);
/** Warnings for this patient and site, one sentence each. */
MN_API size_t mn_plan_n_warnings(const mn_plan *p);
MN_API const char *mn_plan_warning(const mn_plan *p, size_t i);
/** Advice that holds for every plan (sterile topicals, re-treatment, assessment). */
MN_API size_t mn_plan_n_advice(const mn_plan *p);
MN_API const char *mn_plan_advice(const mn_plan *p, size_t i);
/** The patient's conditions that matter (those asked, and dark skin types), blocking or not. */
MN_API size_t mn_plan_n_contraindications(const mn_plan *p);
MN_API const mn_condition *mn_plan_contraindication(const mn_plan *p, size_t i);
/** The studies behind the indication. */
MN_API size_t mn_plan_n_evidence(const mn_plan *p);
MN_API const mn_plan_evidence *mn_plan_evidence_get(const mn_plan *p, size_t i);

/** The plan as the JSON document of shared/SCENARIO.md (`protocol` with [min, max] pairs in
 *  user units, `warnings`, `contraindications`, `evidence`, and more). *json_out is freed with
 *  mn_string_free. @return MN_OK; MN_E_NOMEM. */
MN_API mn_status mn_plan_json(mn_ctx *ctx, const mn_plan *p, char **json_out);

/** A scenario that simulates the protocol: the built-in default scenario with the site,
 *  Fitzpatrick type, device model and type, needle length, passes, crosshatch pattern,
 *  pressure and course of the plan; each range gives its middle (integers rounded half up, a
 *  pen's needle length down to its setting step but not below the range).
 *  @return MN_OK; MN_E_ARG (NULL). */
MN_API mn_status mn_plan_to_scenario(mn_ctx *ctx, const mn_plan *p, mn_scenario *out);

/** As mn_plan_to_scenario into a new handle (for bindings), freed with mn_scn_destroy.
 *  @return MN_OK; MN_E_ARG; MN_E_NOMEM. */
MN_API mn_status mn_plan_to_scn(mn_ctx *ctx, const mn_plan *p, mn_scn **out);

/** Write the scenario of mn_plan_to_scenario as YAML to path, with a comment naming the plan;
 *  `mnsim run path` simulates it. The file is written atomically (a temporary file beside it,
 *  renamed into place), so a failure leaves no half-written file.
 *  @return MN_OK; MN_E_ARG (NULL, empty path, a directory); MN_E_IO; MN_E_NOMEM. */
MN_API mn_status mn_plan_write_scenario(mn_ctx *ctx, const mn_plan *p, const char *path);


/* ---- Safety: the planner's rules applied to any scenario -------------------------------- */

/* One set of rules, used by the planner (the limits that shape its protocol) and by mn_run
 * (the warnings of the scenario it runs): site and setting limits on the needle length
 * (eyelid, bone, neck, ...), the subcutis reached, Fitzpatrick type and PIH risk, the
 * indication's usual needle length, sessions closer than the skin recovers. */

#define MN_SAFETY_MAX_WARNINGS 16
#define MN_SAFETY_TEXT_MAX 512

typedef enum {
  MN_SAFETY_CAUTION = 0, /* treat with care: the planner would warn */
  MN_SAFETY_BLOCK = 1    /* the planner would not propose this */
} mn_safety_severity;

/** One warning: the rule's id ("eyelid", "bone", "neck", "site_needle_limit",
 *  "subcutis_reached", "pih_risk", "interval_too_short", "beyond_indication_depth"), its
 *  severity and a sentence for a clinician. */
typedef struct mn_safety_warning {
  char rule[32];
  mn_safety_severity severity;
  char message[MN_SAFETY_TEXT_MAX];
} mn_safety_warning;

typedef struct mn_safety_list {
  mn_safety_warning warnings[MN_SAFETY_MAX_WARNINGS];
  size_t n;
} mn_safety_list;

/** What is known of the session besides the scenario. NaN or NULL: not known. */
typedef struct mn_safety_facts {
  const mn_layer_stack *layers; /* the run's layers (overrides applied); NULL: the site table */
  double mean_depth_m;          /* the puncture stage's mean depth */
  double max_depth_m;           /* its deepest channel; NaN: the puncture model's deepest
                                   possible channel for the device and pressure (as the planner) */
  double downtime_days;         /* visible redness after one session (healing stage) */
  const char *indication;       /* a name from mn_indications_list; NULL: none */
} mn_safety_facts;

/** No facts: NULL layers and indication, NaN numbers. */
MN_API mn_safety_facts mn_safety_facts_default(void);
/** "block" | "caution"; static. */
MN_API const char *mn_safety_severity_name(mn_safety_severity severity);
/** True when a warning of the list blocks. */
MN_API bool mn_safety_has_block(const mn_safety_list *list);

/** Apply the planner's safety rules to a scenario (its site, Fitzpatrick type, device and its
 *  setting, needle length, pressure, course) and the facts given; *out lists the warnings, in
 *  the order block first. Nothing is printed.
 *  @return MN_OK; MN_E_ARG (NULL); MN_E_NOTFOUND (unknown site, device or indication);
 *          MN_E_CONFIG (catalogue); MN_E_NOMEM. */
MN_API mn_status mn_safety_check(mn_ctx *ctx, const mn_scenario *scenario,
                                 const mn_safety_facts *facts, mn_safety_list *out);

#ifdef __cplusplus
}
#endif
#endif /* MNSIM_PLAN_H */
