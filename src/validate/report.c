/* The validation report: run every case of the table, keep the predictions and verdicts. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "validate/validate_int.h"

struct mn_validation_report {
  mn_ctx *ctx; /* allocator of this block, for mn_validation_report_destroy */
  size_t n;
  mn_validation_case *cases;
};

const char *mn_validation_stage_name(mn_validation_stage stage)
{
  switch (stage) {
  case MN_VALIDATION_PUNCTURE:
    return "puncture";
  case MN_VALIDATION_TRANSPORT:
    return "transport";
  case MN_VALIDATION_HEALING:
    return "healing";
  case MN_VALIDATION_LASER:
    return "laser";
  }
  return "?";
}

const char *mn_validation_kind_name(mn_validation_kind kind)
{
  switch (kind) {
  case MN_VALIDATION_INDEPENDENT:
    return "independent";
  case MN_VALIDATION_CALIBRATION:
    return "calibration";
  case MN_VALIDATION_IMPLEMENTATION:
    return "implementation";
  }
  return "unknown";
}

mn_status mn_validate_run(mn_ctx *ctx, mn_validation_report **out)
{
  MNI_C_LOCALE();
  if (out != NULL) *out = NULL;
  if (ctx == NULL) return MN_E_ARG;
  MN_REQUIRE(ctx, out != NULL, MN_E_ARG, "mn_validate_run: out is NULL");
  size_t n_main = 0, n_laser = 0;
  const mni_validation_def *main_table = mni_validation_table(&n_main);
  const mni_validation_def *laser_table = mni_validation_table_laser(&n_laser);
  size_t n = n_main + n_laser;
  mn_validation_report *r = mn_calloc(ctx, 1, sizeof *r);
  if (r == NULL) return MN_E_NOMEM;
  r->ctx = ctx;
  r->cases = mn_calloc(ctx, n, sizeof *r->cases);
  if (r->cases == NULL) {
    mn_free(ctx, r, sizeof *r);
    return MN_E_NOMEM;
  }
  r->n = n;
  for (size_t i = 0; i < n; i++) {
    mn_validation_case *c = &r->cases[i];
    const mni_validation_def *d = i < n_main ? &main_table[i] : &laser_table[i - n_main];
    *c = d->c;
    mn_status st = mni_progress(ctx, "validate", (double)i / (double)n, 0.0);
    if (st == MN_OK) st = d->predict(ctx, &c->predicted);
    if (st != MN_OK) {
      /* Keep the stage's detail and name the case in front of it. */
      char detail[512];
      snprintf(detail, sizeof detail, "%s", mn_ctx_errmsg(ctx));
      mn_validation_report_destroy(&r);
      return mni_fail(ctx, st, "validation case %s: %s", d->c.name, detail);
    }
    c->is_pass =
        isfinite(c->predicted) && c->predicted >= c->band_low && c->predicted <= c->band_high;
  }
  *out = r;
  return MN_OK;
}

void mn_validation_report_destroy(mn_validation_report **pr)
{
  if (pr == NULL || *pr == NULL) return;
  mn_ctx *ctx = (*pr)->ctx;
  mn_free(ctx, (*pr)->cases, (*pr)->n * sizeof *(*pr)->cases);
  mn_free(ctx, *pr, sizeof **pr);
  *pr = NULL;
}

size_t mn_validation_report_count(const mn_validation_report *r)
{
  return r == NULL ? 0 : r->n;
}

const mn_validation_case *mn_validation_report_case(const mn_validation_report *r, size_t i)
{
  return (r == NULL || i >= r->n) ? NULL : &r->cases[i];
}

const mn_validation_case *mn_validation_report_find(const mn_validation_report *r, const char *name)
{
  if (r == NULL || name == NULL) return NULL;
  for (size_t i = 0; i < r->n; i++)
    if (strcmp(r->cases[i].name, name) == 0) return &r->cases[i];
  return NULL;
}

size_t mn_validation_report_failed(const mn_validation_report *r)
{
  size_t n = 0;
  for (size_t i = 0; i < mn_validation_report_count(r); i++)
    n += r->cases[i].is_pass ? 0 : 1;
  return n;
}
