/* Studies: many runs of one scenario. A population of virtual patients, a sweep over a grid of
 * keys, and a sensitivity analysis (Morris elementary effects, Sobol indices). Every study is a
 * table: one row per run, the inputs that made the row's scenario and the headline results of
 * its summary (by their summary names, mn_study_output_name), or the error of a run that failed.
 *
 *   mn_scenario base = mn_scenario_default();
 *   mn_study *pop = NULL;
 *   if (mn_population_run(ctx, &base, 1000, 42, &pop) != MN_OK ||
 *       mn_population_write(ctx, pop, "out/pop", NULL) != MN_OK)
 *     fprintf(stderr, "%s\n", mn_ctx_errmsg(ctx));
 *   mn_study_destroy(&pop);
 *
 * Threads: the runs go in parallel on mn_ctx_get_threads(ctx) OpenMP threads (0: OpenMP's
 * default), one context per thread, each row written into its own slot: the table, and every
 * file written from it, is the same to the byte at any number of threads. A row's random
 * numbers depend only on the study's seed and the row's index. A run that fails is recorded
 * (its status and message) and the study goes on. The context's progress callback sees the
 * stage "runs" with the fraction of rows done (from one thread at a time); a non-zero return
 * cancels the study (MN_E_CALLBACK). docs/population.md describes the distributions. */
#ifndef MNSIM_STUDY_H
#define MNSIM_STUDY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mnsim/output.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The headline results every study collects, in a fixed order. Names are the summary's
 *  ("absorption.enhancement_ratio", "puncture.mean_depth_um", "healing.downtime_days", ...);
 *  one is derived from it, 0 or 1: "puncture.reaches_dermis" (puncture.deepest_layer is the
 *  dermis or the subcutis); "absorption.enhancement_is_upper_bound" is the summary's flag as
 *  0 or 1.
 *  Each equals the summary's number (healing.* are 0 with course.sessions = 0, as there). Static. */
MN_API size_t mn_study_output_count(void);
MN_API const char *mn_study_output_name(size_t j);

typedef struct mn_study mn_study;

/** Free a study and set *p to NULL; NULL is a no-op. */
MN_API void mn_study_destroy(mn_study **p);
/** Rows (runs) of the study. */
MN_API size_t mn_study_rows(const mn_study *st);
/** Input columns (what made each row's scenario) and their names, e.g. "skin.dermis_um". */
MN_API size_t mn_study_input_count(const mn_study *st);
MN_API const char *mn_study_input_name(const mn_study *st, size_t k);
/** The inputs of row i (mn_study_input_count values, borrowed). NULL past the end. Rows are
 *  stored one after another: mn_study_inputs(st, 0) starts rows x count values (so do the
 *  outputs), for bindings that copy a whole table at once. */
MN_API const double *mn_study_inputs(const mn_study *st, size_t i);
/** The outputs of row i (mn_study_output_count values, borrowed; NaN for a failed row). */
MN_API const double *mn_study_outputs(const mn_study *st, size_t i);
/** The status of row i's run, and its message ("" when it ran), borrowed. */
MN_API mn_status mn_study_row_status(const mn_study *st, size_t i, const char **message);
/** The status of a row not run (yet): positive, not an error (mn_population_run_range). */
#define MN_STUDY_PENDING 1
/** Set row i: its inputs and outputs (mn_study_input_count and mn_study_output_count values),
 *  status (an mn_status, or MN_STUDY_PENDING) and message (NULL: ""). For rows saved by a run
 *  and read back (--resume). @return MN_OK; MN_E_ARG. */
MN_API mn_status mn_study_set_row(mn_ctx *ctx, mn_study *st, size_t i, const double *inputs,
                                  const double *outputs, int status, const char *message);
/** Number of rows whose run failed (pending rows are not counted). */
MN_API size_t mn_study_failed(const mn_study *st);

/* ---- Splitting a study between processes (MPI ranks, or any other transport) ----------------
 *
 * The library knows no MPI: a host that runs n_parts cooperating processes (mnsim under mpirun)
 * tells each context its part. Every study on that context then runs only the rows i with
 * i % n_parts == part, and calls share once its rows are done: share must fill every other row
 * from the other processes (an all-gather: each process ends with the whole table), so each
 * process computes the same statistics and indices, and the table is the same as one process's.
 * Rows are described by flat arrays: inputs (n_rows x n_in), outputs (n_rows x n_out), status
 * (n_rows ints, mn_status) and messages (n_rows x message_size bytes, NUL-terminated). */
typedef mn_status (*mn_study_share_fn)(void *ud, size_t n_rows, size_t n_in, size_t n_out,
                                       double *inputs, double *outputs, int *status, char *messages,
                                       size_t message_size);
/** Split the studies of ctx: this process is part (0 <= part < n_parts). n_parts 1 (or share
 *  NULL) runs every row here again. @return MN_OK; MN_E_ARG; MN_E_NOMEM. */
MN_API mn_status mn_study_set_split(mn_ctx *ctx, int part, int n_parts, mn_study_share_fn share,
                                    void *ud);

/* ---- Resumable studies ----------------------------------------------------------------------
 *
 * A host that keeps finished rows (mnsim's --resume keeps them in files) gives the context a
 * checkpoint: every study on it then runs its rows in chunks of chunk_rows (0: n_rows / 100,
 * within 16 to 1000) from row 0. Before a chunk runs, load may fill its rows from what an
 * earlier, interrupted run saved (mn_study_set_row; return 1), or leave it to be run (0); after
 * a chunk ran (and was shared between processes), save is called with its rows. A negative
 * return of load, or a non-zero one of save, fails the study with MN_E_IO. Rows are the same
 * to the bit with and without a checkpoint, so a resumed study equals one never interrupted. */
typedef int (*mn_study_chunk_fn)(void *ud, mn_study *st, size_t first, size_t last);
/** Set (load or save non-NULL) or clear (both NULL) the checkpoint of ctx's studies.
 *  @return MN_OK; MN_E_NOMEM. */
MN_API mn_status mn_study_set_checkpoint(mn_ctx *ctx, size_t chunk_rows, mn_study_chunk_fn load,
                                         mn_study_chunk_fn save, void *ud);

/* ---- Populations ---------------------------------------------------------------------------- */

/** The sampled inputs of a patient, in the order of mn_study_input_name of a population:
 *  patient.female (1 or 0), patient.age_years, skin.stratum_corneum_um, skin.viable_epidermis_um,
 *  skin.dermis_um, skin.subcutis_mm, skin.fitzpatrick, treatment.force_n, treatment.passes;
 *  with population.compound_uncertainty one more, formulation.sc_kp_factor (the patient's draw). */
#define MN_POPULATION_INPUTS 9

/** Patient i of a population around base: base with the patient's sampled sex, age, layers,
 *  Fitzpatrick type, force per needle, passes and a seed of its own (data/population.yaml,
 *  docs/population.md), drawn from a stream that depends only on (seed, i). A base with
 *  simulation.model auto runs the 1d model.
 *  @param inputs  may be NULL; else receives MN_POPULATION_INPUTS values (+ 1, above)
 *  @return MN_OK; MN_E_NOTFOUND (unknown site); MN_E_CONFIG (malformed data file); MN_E_ARG. */
MN_API mn_status mn_population_sample(mn_ctx *ctx, const mn_scenario *base, uint64_t seed, size_t i,
                                      mn_scenario *out, double *inputs);

/** Run n patients around base (n >= 1). *out is NULL on failure.
 *  @return MN_OK (failed patients are rows with their error); MN_E_ARG; MN_E_NOTFOUND;
 *          MN_E_CONFIG; MN_E_NOMEM; MN_E_CALLBACK (cancelled). */
MN_API mn_status mn_population_run(mn_ctx *ctx, const mn_scenario *base, size_t n, uint64_t seed,
                                   mn_study **out);

/** Patients first..last - 1 of the population of n that mn_population_run would make (each the
 *  same to the bit); the other rows are MN_STUDY_PENDING with NaN values. first = last makes
 *  the table alone (to be filled with mn_study_set_row). @return as mn_population_run. */
MN_API mn_status mn_population_run_range(mn_ctx *ctx, const mn_scenario *base, size_t n,
                                         uint64_t seed, size_t first, size_t last,
                                         mn_study **out);

/** Statistics of one column over the rows where it is finite. */
typedef struct mn_study_stats {
  size_t n;                      /* finite values */
  double mean, sd;               /* sd: sample standard deviation (n - 1) */
  double p5, p25, p50, p75, p95; /* percentiles, linear between order statistics */
  double min, max;
} mn_study_stats;
/** The statistics of output j. @return MN_OK; MN_E_ARG; MN_E_NOMEM. */
MN_API mn_status mn_study_output_stats(mn_ctx *ctx, const mn_study *st, size_t j,
                                       mn_study_stats *out);

/** What a population writes into its directory: patients.csv, population.json, for each
 *  headline result a histogram and violins by Fitzpatrick type (hist_<name>, violin_<name>,
 *  .png / .svg), the depth reached against needle length across patients (needle_reach) and
 *  report.html (each figure captioned). Start from the defaults. */
typedef struct mn_study_write_opts {
  bool png; /* figures as PNG (default true; report.html needs them) */
  bool svg; /* figures as SVG (default true) */
} mn_study_write_opts;
MN_API mn_study_write_opts mn_study_write_opts_default(void);

/** population.json as text (the file's content): the seed, patients, failures and their
 *  messages, and for every output its statistics and the shares "reaches the dermis",
 *  "intact absorption above 10 %", "PIH risk"; and needle_reach: for needle lengths 0.25 to
 *  3 mm the share of patients whose nominal depth reaches their dermis and the depth's P5-P95
 *  (docs/population.md). *json_out is freed with mn_string_free. */
MN_API mn_status mn_population_json(mn_ctx *ctx, const mn_study *st, char **json_out);
/** Write the population's files into outdir (created if missing), each atomically.
 *  @return MN_OK; MN_E_IO; MN_E_NOMEM; MN_E_ARG. */
MN_API mn_status mn_population_write(mn_ctx *ctx, const mn_study *st, const char *outdir,
                                     const mn_study_write_opts *opts);

/* ---- Varied keys: sweeps and sensitivity ---------------------------------------------------- */

#define MN_STUDY_KEY_MAX 128

/** One varied key: a number key of the scenario, from lo to hi in the key's user unit. */
typedef struct mn_study_vary {
  char key[MN_STUDY_KEY_MAX]; /* dotted path: "device.needle_length_mm" */
  double lo, hi;              /* in the key's unit */
  size_t n;                   /* sweep: points from lo to hi (>= 2; 1: lo alone) */
  bool is_log;                /* sweep: geometric spacing (lo, hi > 0) */
} mn_study_vary;

/** Parse "KEY=FROM:TO:N[:log]" (is_sweep) or "KEY=LO:HI" (sensitivity), then check the key and
 *  both ends through mn_scenario_set on a copy of base: the same checks and messages as --set.
 *  Only number keys (real or integer) may be varied.
 *  @return MN_OK; MN_E_CONFIG (the message names the text, the key, the value, what was
 *          expected); MN_E_NOTFOUND (unknown site, ...); MN_E_ARG. */
MN_API mn_status mn_study_vary_parse(mn_ctx *ctx, const mn_scenario *base, const char *text,
                                     bool is_sweep, mn_study_vary *out);

/** Set each varied key of s to value[k] through mn_scenario_set (integer keys rounded).
 *  @return as mn_scenario_set. */
MN_API mn_status mn_study_apply(mn_ctx *ctx, mn_scenario *s, const mn_study_vary *vary,
                                size_t n_vary, const double *value);

/** The full grid over the varied keys (the last key fastest): one row per point, the inputs the
 *  keys' values. A base with simulation.model auto runs the 1d model.
 *  @return as mn_population_run. */
MN_API mn_status mn_sweep_run(mn_ctx *ctx, const mn_scenario *base, const mn_study_vary *vary,
                              size_t n_vary, mn_study **out);
/** As mn_sweep_run with n_patients virtual patients at each point (n_patients >= 1; 1 is
 *  mn_sweep_run): patient j of a point is patient j of mn_population_sample around the point's
 *  scenario (the keys set), drawn from (seed, j), so the same person at every point. Rows are
 *  points x patients, the patients fastest; with n_patients > 1 the last input is "patient"
 *  (its index). The figures then draw each result's median with its P25-P75 and P5-P95 band.
 *  @return as mn_population_run. */
MN_API mn_status mn_sweep_run_patients(mn_ctx *ctx, const mn_scenario *base,
                                       const mn_study_vary *vary, size_t n_vary,
                                       size_t n_patients, uint64_t seed, mn_study **out);
/** Write sweep.csv (the inputs, then the outputs, one row per point, or per point and patient)
 *  and a figure per headline result (sweep_<name>): one key, a line (with patients, the median
 *  and its P25-P75 / P5-P95 band); two keys, a heat map; more, a line per combination. */
MN_API mn_status mn_sweep_write(mn_ctx *ctx, const mn_study *st, const char *outdir,
                                const mn_study_write_opts *opts);

typedef enum { MN_SENS_MORRIS = 0, MN_SENS_SOBOL = 1 } mn_sens_method;

/** Sensitivity of output j to input k. Sobol: first-order and total indices (Jansen
 *  estimators on a Saltelli design) with 95 % bootstrap intervals; Morris: mu* (mean absolute
 *  elementary effect, in the output's unit per the input's whole range) with its bootstrap
 *  interval, and sigma (SD of the elementary effects). Fields of the other method are NaN. */
typedef struct mn_sens_index {
  double s1, s1_lo, s1_hi;
  double st, st_lo, st_hi;
  double mu_star, mu_star_lo, mu_star_hi;
  double sigma;
} mn_sens_index;

typedef struct mn_sensitivity mn_sensitivity;

/** Run a sensitivity analysis of every output over the varied keys (uniform between lo and hi).
 *  Morris: n trajectories (n (k + 1) runs; levels 4); Sobol: n base points of a Sobol sequence
 *  (n (k + 2) runs; k <= 20). seed drives Morris' trajectories and the bootstrap.
 *  @return as mn_population_run; MN_E_ARG for n < 2 or k out of range. */
MN_API mn_status mn_sensitivity_run(mn_ctx *ctx, const mn_scenario *base, const mn_study_vary *vary,
                                    size_t n_vary, mn_sens_method method, size_t n, uint64_t seed,
                                    mn_sensitivity **out);
MN_API void mn_sensitivity_destroy(mn_sensitivity **p);
/** The runs of the analysis (borrowed). */
MN_API const mn_study *mn_sensitivity_runs(const mn_sensitivity *s);
/** Index of output j (mn_study_output_name) to input k (borrowed). */
MN_API const mn_sens_index *mn_sensitivity_index(const mn_sensitivity *s, size_t j, size_t k);
/** sensitivity.json as text. *json_out is freed with mn_string_free. */
MN_API mn_status mn_sensitivity_json(mn_ctx *ctx, const mn_sensitivity *s, char **json_out);
/** Write sensitivity.csv (one row per output and input), sensitivity.json and the bar figure of
 *  the main output (sensitivity.png / .svg) into outdir. */
MN_API mn_status mn_sensitivity_write(mn_ctx *ctx, const mn_sensitivity *s, const char *outdir,
                                      const mn_study_write_opts *opts);

#ifdef __cplusplus
}
#endif
#endif /* MNSIM_STUDY_H */
