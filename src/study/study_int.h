/* Studies (include/mnsim/study.h): the table of runs and the engine that fills it on OpenMP
 * threads, the population's distributions, the sensitivity estimators. */
#ifndef MNSIM_STUDY_INT_H
#define MNSIM_STUDY_INT_H

#include <stdio.h>

#include "core/core_int.h"
#include "mnsim/study.h"

#define MNI_STUDY_MSG_MAX 200

struct mn_study {
  mn_ctx *ctx;
  size_t n_rows, n_in, n_out;
  char **in_names;     /* n_in names, owned */
  double *in;          /* n_rows x n_in, row fastest within a row */
  double *out;         /* n_rows x n_out */
  int *status;         /* mn_status of each row's run */
  char *msg;           /* n_rows x MNI_STUDY_MSG_MAX */
  uint64_t seed;       /* the study's seed (population, sensitivity) */
  char kind[16];       /* "population" | "sweep" | "sensitivity" */
  mn_study_vary *vary; /* sweeps and sensitivity: the varied keys (n_in of them), owned */
  size_t first, last;  /* rows mni_study_fill runs (0, n_rows unless set); others stay pending */
  size_t n_patients;   /* sweeps: virtual patients per point (rows: points x patients) */
  bool has_base;       /* populations: base holds the scenario the patients are drawn around */
  mn_scenario base;
};

/** Build row i's scenario into *s and its inputs (n_in values) from the study's description ud,
 *  on the context of the thread that runs it. A failure makes the row a failed run. */
typedef mn_status (*mni_study_row_fn)(mn_ctx *ctx, const void *ud, size_t i, mn_scenario *s,
                                      double *inputs);

/** A table of n_rows rows and n_in inputs named in_names, with the study's outputs. */
mn_status mni_study_create(mn_ctx *ctx, const char *kind, size_t n_rows, size_t n_in,
                           const char *const *in_names, mn_study **out);
/** Fill every row: make its scenario (row_fn), run it, read the outputs. OpenMP threads, one
 *  context each; rows land in their slots, so the table does not depend on the thread count. */
mn_status mni_study_fill(mn_ctx *ctx, mn_study *st, mni_study_row_fn row_fn, const void *ud);
/** A study over varied keys (sweep, sensitivity): validate base, make the table (inputs named
 *  after the keys, the keys kept in st->vary), fill it. */
mn_status mni_study_run_varied(mn_ctx *ctx, const char *kind, const mn_scenario *base,
                               const mn_study_vary *vary, size_t n_vary, size_t n_rows,
                               mni_study_row_fn row_fn, const void *ud, mn_study **out);
/** The headline outputs of a result into out[mn_study_output_count()] (NaN when absent). */
void mni_study_read_outputs(const mn_result *r, double *out);
/** Input columns of a population around base: MN_POPULATION_INPUTS, and the kp factor with
 *  population.compound_uncertainty. */
size_t mni_population_inputs(const mn_scenario *base);
/** Needle lengths of the needle-reach figure: 0.25, 0.5, ..., 3 mm. */
#define MNI_REACH_LENGTHS 12
/** Depth reached against needle length across a population's patients (needle_reach.c). */
typedef struct mni_needle_reach {
  size_t n_lengths; /* 0: not drawn (a laser, or not a population) */
  double length_mm[MNI_REACH_LENGTHS];
  double p5_um[MNI_REACH_LENGTHS], p25_um[MNI_REACH_LENGTHS], p50_um[MNI_REACH_LENGTHS];
  double p75_um[MNI_REACH_LENGTHS], p95_um[MNI_REACH_LENGTHS];
  double dermis_share[MNI_REACH_LENGTHS]; /* patients whose depth passes their own junction */
  double junction_p50_um;                 /* median depth where the dermis begins */
} mni_needle_reach;
mn_status mni_population_needle_reach(mn_ctx *ctx, const mn_study *st, mni_needle_reach *out);
/** The population's figures (population_figures.c): histograms and violins of the headline
 *  results, the needle reach; drawn[] (MNI_POP_FIGURES entries) says which were written. */
#define MNI_POP_FIGURES 17
typedef struct mni_pop_figure {
  char name[96];     /* base name: "violin_absorption-enhancement_ratio" */
  char caption[320]; /* one line for the report page */
} mni_pop_figure;
mn_status mni_population_figures(mn_ctx *ctx, const mn_study *st, const mni_needle_reach *reach,
                                 const char *dir, unsigned formats, mni_pop_figure *figs,
                                 size_t *n_figs);
/** Base scenario of a study: model auto becomes 1d. */
mn_scenario mni_study_base(const mn_scenario *base);

/** Statistics of v[0..n) (finite values only); scratch holds n doubles. */
void mni_study_stats(const double *v, size_t n, double *scratch, mn_study_stats *out);
/** The p-quantile (0..1) of sorted[0..n), linear between order statistics (R's type 7). */
double mni_quantile_sorted(const double *sorted, size_t n, double p);

/** The table as CSV dir/name: first_col (the row's index), status, the inputs, the outputs,
 *  the error ("%.17g"; empty where not finite). Atomic. */
mn_status mni_study_write_csv(mn_ctx *ctx, const mn_study *st, const char *dir, const char *name,
                              const char *first_col);
/** Index of the output named name (mn_study_output_count() when there is none). */
size_t mni_study_output_index(const char *name);
/** A CSV number field: ",%.17g", or "," when v is not finite. */
void mni_study_csv_number(FILE *f, double v);
/** A figure's base name: prefix and the output's name with '.' as '-' ("sens_puncture-..."). */
void mni_study_figure_name(char *buf, size_t n, const char *prefix, const char *output);
/** Print root (then deleted) into *json_out, allocated by ctx (freed with mn_string_free). */
struct cJSON;
mn_status mni_study_json_finish(mn_ctx *ctx, struct cJSON *root, char **json_out);
/** A text file dir/name holding text and a newline. Atomic. */
mn_status mni_study_write_text(mn_ctx *ctx, const char *dir, const char *name, const char *text);
/** Writes a study's files, all but its summary, into dir (the staging folder). */
typedef mn_status (*mni_study_files_fn)(mn_ctx *ctx, const void *what, const char *dir);
/** A study's files as a unit in outdir (output/outdir_int.h: the lock, the staging folder, the
 *  renames, the summary last): `files` writes the others; the summary `summary_name` is then
 *  the tree summary (taken over and deleted, whatever happens) with the manifest of the others
 *  added, or, when summary is NULL, a file `files` wrote (sweep.csv: no manifest, so no
 *  previous file is removed). Call inside MNI_JSON_SCOPE. */
mn_status mni_study_write_unit(mn_ctx *ctx, const char *outdir, const char *summary_name,
                               struct cJSON *summary, mni_study_files_fn files,
                               const void *what);

/* A sensitivity analysis: its runs and the indices of every output to every input. */
struct mn_sensitivity {
  mn_ctx *ctx;
  mn_study *runs;
  mn_sens_method method;
  size_t n, k, n_out;
  mn_sens_index *idx; /* n_out x k */
  uint64_t seed;
};

/* ---- Sensitivity estimators (no simulation: tests use them on closed forms) ------------------ */

/** Saltelli design on a Sobol sequence (GSL): A and B are n x k in [0, 1)^k, from the 2k
 *  dimensions of points 1..n of the sequence (point 0, all zeros, is skipped).
 *  @return MN_OK; MN_E_ARG (k out of 1..20); MN_E_NOMEM. */
mn_status mni_sobol_design(mn_ctx *ctx, size_t n, size_t k, double *A, double *B);
/** Jansen's estimators from f(A)[n], f(B)[n] and f(AB_i)[k x n] (AB_i: A with column i of B):
 *  S1_i = 1 - mean((f_B - f_ABi)^2) / (2 V), ST_i = mean((f_A - f_ABi)^2) / (2 V), V the
 *  variance of f_A and f_B together; rows listed in idx[n_idx] (a bootstrap resample, or all).
 *  Rows where any value is not finite are skipped. */
void mni_sobol_jansen(const double *fA, const double *fB, const double *fAB, size_t n, size_t k,
                      const size_t *idx, size_t n_idx, double *S1, double *ST);
/** Morris trajectories: r of them, k + 1 points each in [0, 1]^k on 4 levels (step 2/3), x
 *  (r (k + 1) x k), and the input that changes at each step: which[r k], step sign dir[r k]. */
void mni_morris_design(mn_rng *rng, size_t r, size_t k, double *x, size_t *which, int *dir);
/** Elementary effects of each input from the values f[r (k + 1)] of the design: ee[r x k] in
 *  the output's unit per the input's whole range (NaN where a value is not finite). */
void mni_morris_effects(const double *f, size_t r, size_t k, const size_t *which, const int *dir,
                        double *ee);
/** mu* (mean |ee|) and sigma (SD of ee) of input i over rows idx[n_idx] of ee (r x k). */
void mni_morris_stats(const double *ee, size_t k, size_t i, const size_t *idx, size_t n_idx,
                      double *mu_star, double *sigma);

#endif /* MNSIM_STUDY_INT_H */
