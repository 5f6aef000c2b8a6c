/* Output files of a run: what a person opens after `mnsim run -o DIR`.
 *
 *   mn_write_opts o = mn_write_opts_default();
 *   o.fields = true;                                    (HDF5 + XDMF of spatial runs)
 *   if (mn_result_write(ctx, result, "out/cheek", &o) != MN_OK) ...mn_ctx_errmsg(ctx)...
 *
 * DIR receives summary.json (the summary of the run, the full scenario, mnsim's version and the
 * seed), the CSV files of the stages, the figures (PNG and SVG) and report.html, a single page
 * with the figures embedded that opens offline. docs/model.md section 8 lists every file, its
 * columns or datasets and their units.
 *
 * Every file is written under a temporary name in DIR and renamed into place when complete, so
 * no file under a final name is ever half-written. If a write fails part-way, the files
 * completed before it stay (each is whole and valid on its own), the failing one leaves
 * nothing, and the later ones are not written; the status says which file failed. */
#ifndef MNSIM_OUTPUT_H
#define MNSIM_OUTPUT_H

#include <stdbool.h>

#include "mnsim/run.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What to write. Start from mn_write_opts_default(). */
typedef struct mn_write_opts {
  bool summary; /* summary.json (default true) */
  bool csv;     /* the stages' CSV files (default true) */
  bool png;     /* figures as PNG (default true; report.html needs them) */
  bool svg;     /* figures as SVG (default true) */
  bool report;  /* report.html (default true; needs png) */
  bool fields;  /* concentration fields of axisymmetric and 3d runs in HDF5 +
                                   XDMF (default false: they can be large) */
} mn_write_opts;

/** summary, csv, png, svg and report on; fields off. */
MN_API mn_write_opts mn_write_opts_default(void);

/** Write the files of a result into outdir, created with its parents if missing.
 *  opts may be NULL (the defaults). ctx's logger receives one MN_LOG_INFO line per file; its
 *  progress callback sees the stage "writing" (a cancel returns MN_E_CALLBACK).
 *  Not safe to call on the same outdir from two threads at once.
 *  @return MN_OK; MN_E_ARG (NULL result or outdir, report without png); MN_E_IO (a directory
 *          or file could not be made: the message names it); MN_E_CALLBACK; MN_E_NOMEM. */
MN_API mn_status mn_result_write(mn_ctx *ctx, const mn_result *r, const char *outdir,
                                 const mn_write_opts *opts);

/** The summary JSON of the run (as mn_result_summary_json) with the full scenario added under
 *  "scenario" (every key in the unit of its suffix; null where a catalogue value is used) so
 *  the run can be repeated exactly. *json_out is freed with mn_string_free.
 *  @return MN_OK; MN_E_ARG; MN_E_NOMEM. */
MN_API mn_status mn_result_summary_full_json(mn_ctx *ctx, const mn_result *r, char **json_out);

#ifdef __cplusplus
}
#endif
#endif /* MNSIM_OUTPUT_H */
