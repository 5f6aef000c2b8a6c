/* Healing, internal: parameters (data/healing.yaml), the injury impulse, downtime, the CVODE
 * solve of a course and the calibration fit. docs/model.md section 6 has the equations. */
#ifndef MNSIM_HEALING_INT_H
#define MNSIM_HEALING_INT_H

#include "core/core_int.h"
#include "mnsim/healing.h"

/* The ODE carries two internal states: the inflammation burden B = ∫M1 dt, and the
 * fibroblasts' matrix synthesis S (activated fibroblasts seen through a slow return to rest:
 * the collagen chaperone HSP47 stays raised for months after a dermal wound). */
#define MNI_HEAL_BURDEN MN_HEAL_N_STATES
#define MNI_HEAL_SYNTH  (MN_HEAL_N_STATES + 1)
#define MNI_HEAL_NY     (MN_HEAL_N_STATES + 2)

/* Rate constants of the ODE, SI (per second); the rest dimensionless. */
typedef struct mni_heal_rates {
  double k_D, r_M, k_sw, d_M;   /* danger clearance, M1 recruitment, M1->M2 switch, removal */
  double k_T1, k_T2, k_TF, d_T; /* TGF-β from M1, M2, fibroblasts; decay */
  double r_F, d_F, K_F, K_T;    /* fibroblast growth, apoptosis, capacity (× F0), TGF-β K½ */
  double k_m, k_3, k_1, phi;    /* III->I replacement, III loss, soluble I loss, III->I yield */
  double k_x, k_MC;             /* cross-linking of soluble I; loss of cross-linked I */
  double k_S;                   /* return of the fibroblasts' matrix synthesis to rest */
  double s3, s1, s_E, k_E;      /* collagen III, I, elastin production; elastin loss */
} mni_heal_rates;

/* The calibration protocol and its targets (Lotfi 2013; clinical.md section 1). */
typedef struct mni_heal_calibration {
  int sessions;
  double interval_s;
  double read_after_s;         /* after the last session */
  double collagen_change_frac; /* target: 0.532 */
  double type3_time_s;         /* after one session */
  double type3_fraction;       /* target: 0.30 */
  double age_years;            /* the cohort's age: the collagen rates are theirs */
  mn_layer_stack layers;       /* skin of the calibration session */
  mn_puncture_stats injury;    /* channels of the calibration session */
} mni_heal_calibration;

typedef struct mni_heal_params {
  mni_heal_rates rates;
  double elastin_to_collagen1; /* s_E / s1 */
  double age_young_years;      /* fibroblast output 1 at and below this age ... */
  double age_old_years;        /* ... falling linearly to age_old_factor at and above this */
  double age_old_factor;
  double wound_reach_of_spacing; /* r_w over the calibration session's spacing 1/sqrt(n) */
  double wound_radius_m;         /* r_w: a channel wounds the tissue this close to its track */
  double ref_wounded_m;          /* wounded dermis per area of the calibration session: I = 1 */
  double ref_coverage;           /* share of its skin inside a wound zone */
  double ref_dermal_depth_m;     /* its expected depth reached into the dermis */
  mni_heal_calibration cal;
  double window_s;    /* inflammation window (28 d) */
  int limit_sessions; /* protocol that sets the inflammation limit */
  double limit_interval_s;
  double limit_28d_days; /* its burden, the limit: solved once when the file is parsed (the
                            same for every run of the context; NaN: not yet) */
  double min_interval_s;        /* interval warning below this ... */
  double interval_warn_depth_m; /* ... when the channels reach this far into the dermis */
  double min_read_s;            /* outcome read earlier than this is warned about */
  double tau_epi_days, tau_derm_days, depth_exponent, coverage_exponent; /* downtime */
  /* PIH over a course (healing.yaml pih): logit p = logit p_ref + beta (F - 4) + gamma ln(E/E_ref) */
  double pih_per_type, pih_per_log_share;
  double pih_laser_type4, pih_laser_ref_share, pih_needling_type4;
} mni_heal_params;

/** Share of patients (0-1) who get post-inflammatory hyperpigmentation over a course of
 *  sessions like inj at Fitzpatrick type fitzpatrick (healing_pih.c). */
double mni_heal_pih_risk(const mni_heal_params *p, const mn_puncture_stats *inj, int fitzpatrick);

/** The inflammation limit of p's rates and limit protocol: the largest burden in any window of
 *  the most intensive tolerated protocol [days]. */
mn_status mni_heal_inflammation_limit(mn_ctx *ctx, const mni_heal_params *p, double *limit_days);

/** The parameters of data/healing.yaml (parsed once per context), copied into out.
 *  @return MN_OK; MN_E_CONFIG (names the key); MN_E_NOMEM. */
mn_status mni_heal_params_load(mn_ctx *ctx, mni_heal_params *out);
/** Set the units of the injury from p->cal.injury and p->wound_reach_of_spacing: the wound
 *  zone radius, the calibration session's wounded dermis, coverage and dermal depth.
 *  @return MN_OK; MN_E_CONFIG (a session that misses the dermis). */
mn_status mni_heal_set_reference(mn_ctx *ctx, mni_heal_params *p);

/** Collagen output of fibroblasts at age_years relative to the calibration cohort's (Varani et
 *  al. 2006: linear between the young and the old group, flat outside). */
double mni_heal_age_factor(const mni_heal_params *p, double age_years);
/** The rates for a patient of age_years: the collagen and elastin production scaled by
 *  mni_heal_age_factor. */
mni_heal_rates mni_heal_rates_at_age(const mni_heal_params *p, double age_years);

/** Expected depth reached into the dermis [m] by channels whose depths are normal with the
 *  given mean and spread, capped by the bottom of the dermis. */
double mni_heal_dermal_depth_m(const mn_layer_stack *layers, double mean_depth_m,
                               double depth_sd_m);
/** Share of the skin inside the union of the channels' wound zones, 1 - exp(-n pi r_w^2). */
double mni_heal_wound_coverage(const mni_heal_params *p, const mn_puncture_stats *injury);
/** Wounded dermis per skin area [m]: the depth integral over the dermis of the share of tissue
 *  inside the union of the wound zones, 1 - exp(-n pi r_w^2 P(depth > z)). */
double mni_heal_wounded_dermis_m(const mni_heal_params *p, const mn_layer_stack *layers,
                                 const mn_puncture_stats *injury);
/** Injury impulse of one session (dimensionless; 1 = the calibration session): its wounded
 *  dermis per area over the calibration session's. */
double mni_heal_impulse(const mni_heal_params *p, const mn_layer_stack *layers,
                        const mn_puncture_stats *injury);
/** Days of visible redness after one session. */
double mni_heal_downtime_days(const mni_heal_params *p, const mn_layer_stack *layers,
                              const mn_puncture_stats *injury);
/** Check that injury and layers hold usable numbers (MN_E_ARG naming field, value, unit). */
mn_status mni_heal_check_input(mn_ctx *ctx, const mn_layer_stack *layers,
                               const mn_puncture_stats *injury);

/* One course solved: samples every dt from 0 to t_end inclusive. */
typedef struct mni_heal_traj {
  size_t n;                  /* samples */
  double *t_s;               /* n times */
  double *y[MNI_HEAL_NY];    /* n values of each state (and the burden, in units × s) */
  double y_end[MNI_HEAL_NY]; /* the state at t_end exactly */
  mn_heal_solver_stats stats;
} mni_heal_traj;

/** Integrate a course of n_sessions sessions (impulse each), interval_s apart, to t_end_s,
 *  sampling every dt_s. Sessions are events: CVODE stops at each, the impulse is added to the
 *  danger signal and the integrator is reinitialised.
 *  @return MN_OK; MN_E_ARG; MN_E_NOCONVERGE; MN_E_NOMEM. On failure *out holds nothing. */
mn_status mni_heal_solve(mn_ctx *ctx, const mni_heal_rates *r, double impulse, int n_sessions,
                         double interval_s, double t_end_s, double dt_s, mni_heal_traj *out);
void mni_heal_traj_free(mn_ctx *ctx, mni_heal_traj *tr);

/** Largest burden accumulated in any window of length window_s, from a sampled trajectory. */
double mni_heal_peak_window_burden(const mni_heal_traj *tr, double window_s);

#endif /* MNSIM_HEALING_INT_H */
