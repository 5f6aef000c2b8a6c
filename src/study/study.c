/* The table of a study and the engine that fills it (include/mnsim/study.h).
 *
 * Rows run on OpenMP threads, each thread with a context of its own (catalogues parsed once per
 * thread, messages and allocations private), so nothing is shared but the read-only study
 * description. Row i is made by the study's row function from (its description, i) alone and its
 * results are stored in slot i: the table is the same at any thread count. Rows are handed out
 * one at a time (dynamic schedule) because their cost varies with the patient. */
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "study/study_int.h"

/* The headline results, by the summary's names (two derived ones, see study.h), in the order
 * of mni_study_read_outputs. */
static const char *const output_names[] = {
    "puncture.mean_depth_um",
    "puncture.max_depth_um",
    "puncture.reaches_dermis",
    "puncture.bleeding_fraction",
    "puncture.area_fraction",
    "absorption.absorbed_percent",
    "absorption.intact_absorbed_percent",
    "absorption.penetrated_percent",
    "absorption.enhancement_ratio",
    "absorption.enhancement_is_upper_bound",
    "absorption.mass_balance_error",
    "healing.collagen_change_percent",
    "healing.elastin_change_percent",
    "healing.downtime_days",
    "healing.pih_risk_percent",
};
#define N_OUTPUTS (sizeof output_names / sizeof output_names[0])

size_t mn_study_output_count(void)
{
  return N_OUTPUTS;
}

const char *mn_study_output_name(size_t j)
{
  return j < N_OUTPUTS ? output_names[j] : NULL;
}

size_t mni_study_output_index(const char *name)
{
  size_t j = 0;
  while (j < N_OUTPUTS && strcmp(output_names[j], name) != 0)
    j++;
  return j;
}

/* Each output as summary.json computes it (src/output/summary_json.c), from the result's structs:
 * building the whole summary (its curves as JSON) to read fifteen numbers cost a twentieth of
 * a 1d patient. */
void mni_study_read_outputs(const mn_result *r, double *out)
{
  const mn_channel_set *cs = mn_result_channels(r);
  const mn_puncture_stats *p = cs != NULL ? mn_channel_set_stats(cs) : NULL;
  const mn_absorption *a = mn_result_absorption(r);
  const mn_absorption_summary *m = a != NULL ? mn_absorption_summary_get(a) : NULL;
  const mn_healing *h = mn_result_healing(r);
  const double nan_value = (double)NAN;
  const double v[N_OUTPUTS] = {
      p ? mn_m_to_um(p->mean_depth_m) : nan_value,
      p ? mn_m_to_um(p->max_depth_m) : nan_value,
      p ? (p->deepest_layer >= MN_LAYER_DERMIS ? 1.0 : 0.0) : nan_value,
      p ? p->bleeding_fraction : nan_value,
      p ? p->area_fraction : nan_value,
      m ? m->absorbed_percent : nan_value,
      m ? m->intact_absorbed_percent : nan_value,
      m ? m->penetrated_percent : nan_value,
      m ? m->enhancement_ratio : nan_value,
      m ? (m->enhancement_is_upper_bound ? 1.0 : 0.0) : nan_value,
      m ? m->mass_balance_error : nan_value,
      h ? mn_healing_collagen_change_percent(h) : 0.0, /* the summary's 0 without a course */
      h ? mn_healing_elastin_change_percent(h) : 0.0,
      h ? mn_healing_downtime_days(h) : 0.0,
      h ? mn_healing_pih_risk_percent(h) : 0.0,
  };
  memcpy(out, v, sizeof v);
}

mn_scenario mni_study_base(const mn_scenario *base)
{
  mn_scenario s = *base;
  if (s.simulation.model == MN_MODEL_AUTO) s.simulation.model = MN_MODEL_1D;
  return s;
}

/* ---- The table ------------------------------------------------------------------------------- */

mn_status mni_study_create(mn_ctx *ctx, const char *kind, size_t n_rows, size_t n_in,
                           const char *const *in_names, mn_study **out)
{
  *out = NULL;
  MN_REQUIRE(ctx, n_rows >= 1, MN_E_ARG, "a study needs at least one run (got %zu)", n_rows);
  mn_study *st = mn_calloc(ctx, 1, sizeof *st);
  if (st == NULL) return MN_E_NOMEM;
  st->ctx = ctx;
  st->n_rows = n_rows;
  st->first = 0;
  st->last = n_rows;
  st->n_patients = 1;
  st->n_in = n_in;
  st->n_out = N_OUTPUTS;
  snprintf(st->kind, sizeof st->kind, "%s", kind);
  st->in_names = mn_calloc(ctx, n_in > 0 ? n_in : 1, sizeof *st->in_names);
  st->in = mn_calloc(ctx, n_rows * (n_in > 0 ? n_in : 1), sizeof *st->in);
  st->out = mn_calloc(ctx, n_rows * N_OUTPUTS, sizeof *st->out);
  st->status = mn_calloc(ctx, n_rows, sizeof *st->status);
  st->msg = mn_calloc(ctx, n_rows, MNI_STUDY_MSG_MAX);
  if (st->in_names == NULL || st->in == NULL || st->out == NULL || st->status == NULL ||
      st->msg == NULL)
    goto fail;
  for (size_t i = 0; i < n_rows; i++) { /* pending until run or set */
    st->status[i] = MN_STUDY_PENDING;
    for (size_t k = 0; k < n_in; k++)
      st->in[i * n_in + k] = NAN;
    for (size_t j = 0; j < N_OUTPUTS; j++)
      st->out[i * N_OUTPUTS + j] = NAN;
  }
  for (size_t k = 0; k < n_in; k++) {
    size_t len = strlen(in_names[k]) + 1;
    st->in_names[k] = mn_alloc(ctx, len);
    if (st->in_names[k] == NULL) goto fail;
    memcpy(st->in_names[k], in_names[k], len);
  }
  *out = st;
  return MN_OK;
fail:
  mn_study_destroy(&st);
  return mni_fail(ctx, MN_E_NOMEM, "out of memory for a study of %zu runs", n_rows);
}

void mn_study_destroy(mn_study **p)
{
  if (p == NULL || *p == NULL) return;
  mn_study *st = *p;
  mn_ctx *ctx = st->ctx;
  for (size_t k = 0; st->in_names != NULL && k < st->n_in; k++)
    if (st->in_names[k] != NULL) mn_free(ctx, st->in_names[k], strlen(st->in_names[k]) + 1);
  mn_free(ctx, st->in_names, (st->n_in > 0 ? st->n_in : 1) * sizeof *st->in_names);
  mn_free(ctx, st->in, st->n_rows * (st->n_in > 0 ? st->n_in : 1) * sizeof *st->in);
  mn_free(ctx, st->out, st->n_rows * N_OUTPUTS * sizeof *st->out);
  mn_free(ctx, st->status, st->n_rows * sizeof *st->status);
  mn_free(ctx, st->msg, st->n_rows * MNI_STUDY_MSG_MAX);
  mn_free(ctx, st->vary, st->n_in * sizeof *st->vary);
  mn_free(ctx, st, sizeof *st);
  *p = NULL;
}

size_t mn_study_rows(const mn_study *st)
{
  return st != NULL ? st->n_rows : 0;
}
size_t mn_study_input_count(const mn_study *st)
{
  return st != NULL ? st->n_in : 0;
}

const char *mn_study_input_name(const mn_study *st, size_t k)
{
  return st != NULL && k < st->n_in ? st->in_names[k] : NULL;
}

const double *mn_study_inputs(const mn_study *st, size_t i)
{
  return st != NULL && i < st->n_rows ? st->in + i * st->n_in : NULL;
}

const double *mn_study_outputs(const mn_study *st, size_t i)
{
  return st != NULL && i < st->n_rows ? st->out + i * st->n_out : NULL;
}

mn_status mn_study_row_status(const mn_study *st, size_t i, const char **message)
{
  if (st == NULL || i >= st->n_rows) {
    if (message != NULL) *message = "";
    return MN_E_ARG;
  }
  if (message != NULL) *message = st->msg + i * MNI_STUDY_MSG_MAX;
  return (mn_status)st->status[i];
}

size_t mn_study_failed(const mn_study *st)
{
  size_t n = 0;
  for (size_t i = 0; st != NULL && i < st->n_rows; i++)
    n += st->status[i] < 0;
  return n;
}

mn_status mn_study_set_row(mn_ctx *ctx, mn_study *st, size_t i, const double *inputs,
                           const double *outputs, int status, const char *message)
{
  MN_REQUIRE(ctx, st != NULL && i < st->n_rows && inputs != NULL && outputs != NULL, MN_E_ARG,
             "mn_study_set_row: NULL argument or row %zu out of range", i);
  memcpy(st->in + i * st->n_in, inputs, st->n_in * sizeof *st->in);
  memcpy(st->out + i * st->n_out, outputs, st->n_out * sizeof *st->out);
  st->status[i] = status;
  snprintf(st->msg + i * MNI_STUDY_MSG_MAX, MNI_STUDY_MSG_MAX, "%s",
           message != NULL ? message : "");
  return MN_OK;
}

/* ---- Splitting between processes ------------------------------------------------------------ */

typedef struct study_split {
  int part, n_parts;
  mn_study_share_fn share;
  void *ud;
} study_split;

static void split_destroy(mn_ctx *ctx, void *data)
{
  mn_free(ctx, data, sizeof(study_split));
}

mn_status mn_study_set_split(mn_ctx *ctx, int part, int n_parts, mn_study_share_fn share, void *ud)
{
  MN_REQUIRE(ctx, n_parts >= 1 && part >= 0 && part < n_parts, MN_E_ARG,
             "mn_study_set_split: part %d of %d", part, n_parts);
  if (n_parts == 1 || share == NULL) {
    mni_ctx_slot_set(ctx, MNI_SLOT_STUDY_SPLIT, NULL, NULL);
    return MN_OK;
  }
  study_split *s = mn_alloc(ctx, sizeof *s);
  if (s == NULL) return mni_fail(ctx, MN_E_NOMEM, "out of memory");
  *s = (study_split){part, n_parts, share, ud};
  mni_ctx_slot_set(ctx, MNI_SLOT_STUDY_SPLIT, s, split_destroy);
  return MN_OK;
}

/* ---- Checkpoints ----------------------------------------------------------------------------- */

typedef struct study_checkpoint {
  size_t chunk_rows; /* 0: the default rule */
  mn_study_chunk_fn load, save;
  void *ud;
} study_checkpoint;

static void checkpoint_destroy(mn_ctx *ctx, void *data)
{
  mn_free(ctx, data, sizeof(study_checkpoint));
}

mn_status mn_study_set_checkpoint(mn_ctx *ctx, size_t chunk_rows, mn_study_chunk_fn load,
                                  mn_study_chunk_fn save, void *ud)
{
  if (ctx == NULL) return MN_E_ARG;
  if (load == NULL && save == NULL) {
    mni_ctx_slot_set(ctx, MNI_SLOT_STUDY_CHECKPOINT, NULL, NULL);
    return MN_OK;
  }
  study_checkpoint *c = mn_alloc(ctx, sizeof *c);
  if (c == NULL) return mni_fail(ctx, MN_E_NOMEM, "out of memory");
  *c = (study_checkpoint){chunk_rows, load, save, ud};
  mni_ctx_slot_set(ctx, MNI_SLOT_STUDY_CHECKPOINT, c, checkpoint_destroy);
  return MN_OK;
}

/* Rows per chunk: a killed run loses at most one chunk (1 % of the rows, at least 16 so that
 * the threads' contexts, made anew for each chunk, cost little; at most 1000). */
static size_t chunk_rows_for(const study_checkpoint *c, size_t n_rows)
{
  if (c->chunk_rows > 0) return c->chunk_rows;
  size_t k = n_rows / 100;
  return k < 16 ? 16 : (k > 1000 ? 1000 : k);
}

/* ---- The engine ------------------------------------------------------------------------------ */

/* One row on the thread's context: its scenario, the run, the outputs; or its error. */
static void run_row(mn_ctx *tctx, mn_study *st, mni_study_row_fn row_fn, const void *ud, size_t i)
{
  double *in = st->in + i * st->n_in;
  double *out = st->out + i * st->n_out;
  char *msg = st->msg + i * MNI_STUDY_MSG_MAX;
  mn_scenario s;
  mn_result *r = NULL;
  mn_status rc = row_fn(tctx, ud, i, &s, in);
  if (rc == MN_OK) rc = mn_run(tctx, &s, &r);
  if (rc == MN_OK) {
    mni_study_read_outputs(r, out);
    msg[0] = '\0';
  } else {
    for (size_t j = 0; j < st->n_out; j++)
      out[j] = NAN;
    snprintf(msg, MNI_STUDY_MSG_MAX, "%s", mn_ctx_errmsg(tctx));
  }
  st->status[i] = (int)rc;
  mn_result_destroy(&r);
}

/* This process's rows among first..last - 1 (i % n_parts == part). */
static size_t rows_mine(const study_split *split, size_t first, size_t last)
{
  const size_t part = split != NULL ? (size_t)split->part : 0;
  const size_t n_parts = split != NULL ? (size_t)split->n_parts : 1;
  size_t n = 0;
  for (size_t i = first; i < last; i++)
    n += i % n_parts == part;
  return n;
}

/* Run rows row_first..row_last - 1 (this process's share) and share them. *done counts this
 * process's rows done, of n_mine in the whole study, for the progress callback. */
static mn_status fill_range(mn_ctx *ctx, mn_study *st, mni_study_row_fn row_fn, const void *ud,
                            size_t row_first, size_t row_last, size_t *done_io, size_t n_mine)
{
  const study_split *split = mni_ctx_slot_get(ctx, MNI_SLOT_STUDY_SPLIT);
  const size_t part = split != NULL ? (size_t)split->part : 0;
  const size_t n_parts = split != NULL ? (size_t)split->n_parts : 1;
  size_t n_here = rows_mine(split, row_first, row_last);
  int n_threads = mn_ctx_get_threads(ctx);
  if (n_threads <= 0) n_threads = omp_get_max_threads();
  if ((size_t)n_threads > n_here) n_threads = n_here > 0 ? (int)n_here : 1;
  size_t done = *done_io;
  int is_cancelled = 0;
  mn_status setup = MN_OK;
  const ptrdiff_t first = (ptrdiff_t)row_first, last = (ptrdiff_t)row_last;
#pragma omp parallel num_threads(n_threads)
  {
    mn_ctx *tctx = NULL;
    mn_status cst = mn_ctx_create(NULL, NULL, &tctx);
    if (cst != MN_OK) {
#pragma omp critical(mni_study_state)
      setup = cst;
    }
#pragma omp for schedule(dynamic, 1)
    for (ptrdiff_t ii = first; ii < last; ii++) {
      int stop;
#pragma omp atomic read
      stop = is_cancelled;
      if (stop || tctx == NULL || (size_t)ii % n_parts != part) continue;
      run_row(tctx, st, row_fn, ud, (size_t)ii);
#pragma omp critical(mni_study_state)
      {
        done++;
        if (mni_progress(ctx, "runs", (double)done / (double)n_mine, 0.0) != MN_OK) {
#pragma omp atomic write
          is_cancelled = 1;
        }
      }
    }
    mn_ctx_destroy(&tctx);
  }
  *done_io = done;
  if (setup != MN_OK) return mni_fail(ctx, setup, "a thread's context could not be made");
  if (is_cancelled) return mni_fail(ctx, MN_E_CALLBACK, "the study was cancelled");
  if (split == NULL) return MN_OK;
  mn_status rc = split->share(split->ud, st->n_rows, st->n_in, st->n_out, st->in, st->out,
                              st->status, st->msg, MNI_STUDY_MSG_MAX);
  if (rc != MN_OK)
    return mni_fail(ctx, rc, "the study's rows could not be shared between the processes");
  return MN_OK;
}

mn_status mni_study_fill(mn_ctx *ctx, mn_study *st, mni_study_row_fn row_fn, const void *ud)
{
  const study_split *split = mni_ctx_slot_get(ctx, MNI_SLOT_STUDY_SPLIT);
  const study_checkpoint *cp = mni_ctx_slot_get(ctx, MNI_SLOT_STUDY_CHECKPOINT);
  size_t n_mine = rows_mine(split, st->first, st->last), done = 0;
  if (cp == NULL) return fill_range(ctx, st, row_fn, ud, st->first, st->last, &done, n_mine);
  /* Chunks from the first row, so a resumed study meets the chunks its interrupted run saved. */
  size_t chunk = chunk_rows_for(cp, st->n_rows);
  for (size_t first = st->first; first < st->last; first += chunk) {
    size_t last = first + chunk < st->last ? first + chunk : st->last;
    int got = cp->load != NULL ? cp->load(cp->ud, st, first, last) : 0;
    if (got < 0)
      return mni_fail(ctx, MN_E_IO, "the saved rows %zu to %zu could not be read", first,
                      last - 1);
    if (got > 0) {
      done += rows_mine(split, first, last);
      continue;
    }
    MN_TRY(fill_range(ctx, st, row_fn, ud, first, last, &done, n_mine));
    if (cp->save != NULL && cp->save(cp->ud, st, first, last) != 0)
      return mni_fail(ctx, MN_E_IO, "rows %zu to %zu could not be saved", first, last - 1);
  }
  return MN_OK;
}

/* ---- Statistics ------------------------------------------------------------------------------ */

static int cmp_double(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

double mni_quantile_sorted(const double *sorted, size_t n, double p)
{
  if (n == 0) return NAN;
  double h = p * (double)(n - 1);
  size_t lo = (size_t)floor(h);
  if (lo + 1 >= n) return sorted[n - 1];
  return sorted[lo] + (h - (double)lo) * (sorted[lo + 1] - sorted[lo]);
}

void mni_study_stats(const double *v, size_t n, double *scratch, mn_study_stats *out)
{
  size_t m = 0;
  for (size_t i = 0; i < n; i++)
    if (isfinite(v[i])) scratch[m++] = v[i];
  memset(out, 0, sizeof *out);
  out->n = m;
  if (m == 0) {
    out->mean = out->sd = out->p5 = out->p25 = out->p50 = out->p75 = out->p95 = NAN;
    out->min = out->max = NAN;
    return;
  }
  /* Two passes over the values in their order: the same sums at any thread count. */
  double sum = 0.0;
  for (size_t i = 0; i < m; i++)
    sum += scratch[i];
  double mean = sum / (double)m, ss = 0.0;
  for (size_t i = 0; i < m; i++)
    ss += (scratch[i] - mean) * (scratch[i] - mean);
  out->mean = mean;
  out->sd = m > 1 ? sqrt(ss / (double)(m - 1)) : 0.0;
  qsort(scratch, m, sizeof *scratch, cmp_double);
  out->min = scratch[0];
  out->max = scratch[m - 1];
  out->p5 = mni_quantile_sorted(scratch, m, 0.05);
  out->p25 = mni_quantile_sorted(scratch, m, 0.25);
  out->p50 = mni_quantile_sorted(scratch, m, 0.50);
  out->p75 = mni_quantile_sorted(scratch, m, 0.75);
  out->p95 = mni_quantile_sorted(scratch, m, 0.95);
}

mn_status mn_study_output_stats(mn_ctx *ctx, const mn_study *st, size_t j, mn_study_stats *out)
{
  MN_REQUIRE(ctx, st != NULL && out != NULL && j < st->n_out, MN_E_ARG,
             "mn_study_output_stats: NULL study or output %zu out of range", j);
  double *col = mn_alloc(ctx, 2 * st->n_rows * sizeof *col);
  if (col == NULL) return mni_fail(ctx, MN_E_NOMEM, "out of memory for the statistics");
  for (size_t i = 0; i < st->n_rows; i++)
    col[i] = st->out[i * st->n_out + j];
  mni_study_stats(col, st->n_rows, col + st->n_rows, out);
  mn_free(ctx, col, 2 * st->n_rows * sizeof *col);
  return MN_OK;
}
