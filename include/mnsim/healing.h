/* Healing: the wound-healing response to a course of microneedling sessions.
 *
 * Each session's channels (mn_puncture_stats) give an injury impulse; an ODE system (danger
 * signal, inflammatory and repair macrophages, TGF-β, fibroblasts, new collagen III, new
 * collagen I not yet cross-linked, new cross-linked (mature) collagen I, new elastin;
 * docs/model.md section 6) integrated with SUNDIALS CVODE turns the impulses into new collagen
 * and elastin over the course and the follow-up. The patient's age (patient.age_years) scales
 * the fibroblasts' collagen output. States are dimensionless: collagen
 * and elastin are fractions of the baseline amount in the papillary dermis, the cells and
 * signals are relative to the response to the calibration session (a 1.5 mm roller).
 *
 *   mn_healing *h = NULL;
 *   if (mn_healing_run(ctx, &scenario, &layers, &stats, &h) != MN_OK)
 *     fprintf(stderr, "%s\n", mn_ctx_errmsg(ctx));
 *   else
 *     printf("collagen %+.1f %%\n", mn_healing_collagen_change_percent(h));
 *   mn_healing_destroy(&h);
 */
#ifndef MNSIM_HEALING_H
#define MNSIM_HEALING_H

#include "mnsim/puncture.h"
#include "mnsim/scenario.h"
#include "mnsim/skin.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The states of the model, in the order of the state vector. */
typedef enum {
  MN_HEAL_DANGER = 0,          /* D: danger signal released by the puncture */
  MN_HEAL_M1 = 1,              /* inflammatory macrophages */
  MN_HEAL_M2 = 2,              /* repair macrophages */
  MN_HEAL_TGFB = 3,            /* active TGF-β */
  MN_HEAL_FIBROBLASTS = 4,     /* activated fibroblasts above baseline (F0 = 1) */
  MN_HEAL_COLLAGEN3 = 5,       /* new collagen III, fraction of baseline dermal collagen */
  MN_HEAL_COLLAGEN1 = 6,       /* new collagen I not yet cross-linked (soluble), same unit */
  MN_HEAL_ELASTIN = 7,         /* new elastic fibre, fraction of baseline dermal elastin */
  MN_HEAL_COLLAGEN_MATURE = 8, /* new cross-linked (mature) collagen I, as collagen III */
  MN_HEAL_N_STATES = 9
} mn_heal_state;

/** "danger", "m1", "m2", "tgfb", "fibroblasts", "collagen3", "collagen1", "elastin",
 *  "collagen_mature"; static. */
MN_API const char *mn_heal_state_name(mn_heal_state s);

/** Warnings a course can raise (bit flags). */
typedef enum {
  MN_HEAL_WARN_INFLAMMATION = 1, /* 28-day inflammation burden above the tolerated protocols */
  MN_HEAL_WARN_INTERVAL = 2,     /* dermal needling sooner than 14 days after the last session */
  MN_HEAL_WARN_EARLY_READ = 4    /* outcome read less than 3 months after the last session */
} mn_heal_warning;

/** Work counters of CVODE over the whole course (summed over the restarts at sessions). */
typedef struct mn_heal_solver_stats {
  long steps;             /* internal time steps */
  long rhs_evals;         /* right-hand-side evaluations */
  long jac_evals;         /* Jacobian evaluations (dense difference quotients) */
  long err_test_fails;    /* local error test failures */
  long nonlin_conv_fails; /* nonlinear solver convergence failures */
  int restarts;           /* CVodeReInit calls (one per session after the first) */
} mn_heal_solver_stats;

typedef struct mn_healing mn_healing;

/** Run the healing model for the scenario's course (course.sessions, interval, follow-up),
 *  each session making the channels described by `injury` in the skin `layers`.
 *  The inputs are not retained. course.sessions must be >= 1.
 *  @return MN_OK; MN_E_ARG (NULL, sessions < 1, bad injury numbers: the message names the
 *          field, value and unit); MN_E_CONFIG (data/healing.yaml malformed);
 *          MN_E_NOCONVERGE (CVODE failed); MN_E_NOMEM. *out is NULL on failure. */
MN_API mn_status mn_healing_run(mn_ctx *ctx, const mn_scenario *s, const mn_layer_stack *layers,
                                const mn_puncture_stats *injury, mn_healing **out);
/** Days of visible redness after one session making the channels `injury` in `layers`
 *  (docs/model.md section 6), without running a course.
 *  @return MN_OK; MN_E_ARG (bad injury numbers); MN_E_CONFIG (data/healing.yaml malformed). */
MN_API mn_status mn_healing_downtime_estimate(mn_ctx *ctx, const mn_layer_stack *layers,
                                              const mn_puncture_stats *injury, double *days);
/** Free the result and set *ph to NULL; NULL is a no-op. */
MN_API void mn_healing_destroy(mn_healing **ph);

/** Number of daily samples (day 0 to the end of the follow-up, inclusive). */
MN_API size_t mn_healing_n_days(const mn_healing *h);
/** Times of the samples [days] (borrowed; mn_healing_n_days values). */
MN_API const double *mn_healing_days(const mn_healing *h);
/** Daily curve of one state (borrowed; mn_healing_n_days values; NULL for a bad state). */
MN_API const double *mn_healing_curve(const mn_healing *h, mn_heal_state state);
/** Daily new collagen, all forms (III + I soluble + I cross-linked), fraction of baseline
 *  (borrowed; mn_healing_n_days values). */
MN_API const double *mn_healing_collagen_curve(const mn_healing *h);
/** Daily inflammation burden accumulated since day 0, ∫M1 dt [relative units × day]. */
MN_API const double *mn_healing_burden_curve(const mn_healing *h);

/** Injury impulse of one session: dermal channel length per skin area relative to the
 *  calibration session's (a 1.5 mm roller on the cheek, data/healing.yaml), which is 1. */
MN_API double mn_healing_impulse(const mn_healing *h);
/** Expected depth the channels reach into the dermis [m] (0 when they stay in the epidermis). */
MN_API double mn_healing_dermal_depth_m(const mn_healing *h);
/** New collagen (III + I, soluble and cross-linked) at the follow-up, % of baseline dermal
 *  collagen: what a collagen stain counts (the calibration's measure, Lotfi 2013). */
MN_API double mn_healing_collagen_change_percent(const mn_healing *h);
/** New cross-linked (mature) collagen I at the follow-up, % of baseline dermal collagen: the
 *  part that gives the skin its strength and keeps growing after the last session while the
 *  soluble part matures (docs/model.md section 6). */
MN_API double mn_healing_mature_collagen_percent(const mn_healing *h);
/** Collagen output of the patient's fibroblasts relative to the calibration cohort's
 *  (patient.age_years; Varani et al. 2006), in (0, 1.1]. */
MN_API double mn_healing_age_factor(const mn_healing *h);
/** New elastin at the follow-up, % of baseline dermal elastin. */
MN_API double mn_healing_elastin_change_percent(const mn_healing *h);
/** Share of type III in the new collagen at the follow-up, in [0, 1]. */
MN_API double mn_healing_type3_fraction(const mn_healing *h);
/** Inflammation burden of the whole course, ∫M1 dt [relative units × day]. */
MN_API double mn_healing_inflammation_burden(const mn_healing *h);
/** Largest inflammation burden accumulated in any 28-day window of the course, and the limit
 *  set by the most intensive tolerated published protocol (docs/model.md section 6). */
MN_API double mn_healing_inflammation_peak_28d(const mn_healing *h);
MN_API double mn_healing_inflammation_limit_28d(const mn_healing *h);
/** Share of patients like this one who get post-inflammatory hyperpigmentation over the
 *  course [%]: an empirical model on the Fitzpatrick type and the share of the epidermis a
 *  session injures, anchored on trial incidences per modality (docs/model.md §6.7). */
MN_API double mn_healing_pih_risk_percent(const mn_healing *h);
/** Expected days of visible redness after one session. */
MN_API double mn_healing_downtime_days(const mn_healing *h);
/** Warnings raised (mn_heal_warning bits) and their text (borrowed; "" when none; lines
 *  separated by '\n'). */
MN_API unsigned mn_healing_warnings(const mn_healing *h);
MN_API const char *mn_healing_warning_text(const mn_healing *h);
/** CVODE's work counters. */
MN_API mn_heal_solver_stats mn_healing_solver_stats(const mn_healing *h);

#ifdef __cplusplus
}
#endif
#endif /* MNSIM_HEALING_H */
