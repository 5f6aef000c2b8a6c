/* Validation: mnsim's predictions against published measurements (docs/validation.md).
 *
 * A fixed table of cases. Each names what was measured, the published value and its spread,
 * the citation (shared physics and clinical reference notes), the set-up mnsim runs for it,
 * the predicted value, the acceptance band and why that band, and the verdict. Every case says
 * whether it is an independent check (the model was not fitted to it), a calibration (the
 * model was fitted to it, so agreement is expected) or an implementation check (a formula).
 *
 *   mn_validation_report *r = NULL;
 *   if (mn_validate_run(ctx, &r) != MN_OK) fprintf(stderr, "%s\n", mn_ctx_errmsg(ctx));
 *   for (size_t i = 0; i < mn_validation_report_count(r); i++)
 *     printf("%s %s\n", mn_validation_report_case(r, i)->name,
 *            mn_validation_report_case(r, i)->is_pass ? "pass" : "FAIL");
 *   mn_validation_report_destroy(&r);
 */
#ifndef MNSIM_VALIDATE_H
#define MNSIM_VALIDATE_H

#include <stddef.h>

#include <stdbool.h>

#include "mnsim/core.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  MN_VALIDATION_INDEPENDENT = 0,   /* a measurement the model was not fitted to */
  MN_VALIDATION_CALIBRATION = 1,   /* the model was fitted to this measurement */
  MN_VALIDATION_IMPLEMENTATION = 2 /* checks that a published formula is coded right */
} mn_validation_kind;

/** "independent" | "calibration" | "implementation"; static. */
MN_API const char *mn_validation_kind_name(mn_validation_kind kind);

typedef enum {
  MN_VALIDATION_PUNCTURE = 0,  /* the puncture stage: depths, openings, forces */
  MN_VALIDATION_TRANSPORT = 1, /* transport and absorption */
  MN_VALIDATION_HEALING = 2,   /* the healing stage */
  MN_VALIDATION_LASER = 3      /* a fractional laser's treatment zone */
} mn_validation_stage;

/** "puncture" | "transport" | "healing" | "laser"; static ("?" outside the enum). */
MN_API const char *mn_validation_stage_name(mn_validation_stage stage);

/** One case of the report. Strings are static. Values are in the case's `unit`. */
typedef struct mn_validation_case {
  const char *name;  /* lowercase_with_underscores */
  mn_validation_stage stage; /* the stage it checks; mn_validation_stage_name() names it */
  mn_validation_kind kind;
  const char *measured; /* what was measured, for people */
  const char *unit;     /* unit of published, band and predicted: "um", "%", "cm/h", "1", ... */
  double published;     /* the published value (NaN when the source gives only a bound) */
  double published_sd;  /* its spread as published (NaN when none is given) */
  const char *published_text; /* the value as the source states it */
  double band_low;            /* acceptance band [band_low, band_high] */
  double band_high;
  const char *band_basis; /* why this band */
  const char *source;     /* citation */
  const char *setup;      /* what mnsim runs for it */
  const char *limits;     /* what the comparison does not show */
  double predicted;       /* mnsim's value */
  bool is_pass;           /* band_low <= predicted <= band_high */
} mn_validation_case;

typedef struct mn_validation_report mn_validation_report;

/** Run every case (each runs the stages it needs; a few seconds in all). Nothing is printed.
 *  A prediction outside its band is a failed case in the report, not an error.
 *  @return MN_OK; MN_E_ARG (NULL); MN_E_NOMEM; or the status of a stage that failed to run
 *          (the message names the case). *out is NULL on failure. */
MN_API mn_status mn_validate_run(mn_ctx *ctx, mn_validation_report **out);
/** Free a report and set *pr to NULL; NULL is a no-op. */
MN_API void mn_validation_report_destroy(mn_validation_report **pr);

/** Number of cases. */
MN_API size_t mn_validation_report_count(const mn_validation_report *r);
/** Case i < count (borrowed for the life of r); NULL when i is out of range. */
MN_API const mn_validation_case *mn_validation_report_case(const mn_validation_report *r, size_t i);
/** The case of that name (borrowed), NULL if none. */
MN_API const mn_validation_case *mn_validation_report_find(const mn_validation_report *r,
                                                           const char *name);
/** Number of cases outside their band. */
MN_API size_t mn_validation_report_failed(const mn_validation_report *r);

#ifdef __cplusplus
}
#endif
#endif /* MNSIM_VALIDATE_H */
