/* Output files of a run: what a person opens after `mnsim run -o DIR`.
 *
 *   mn_write_opts o = mn_write_opts_default();
 *   o.fields = true;  // HDF5 + XDMF of spatial runs
 *   if (mn_result_write(ctx, result, "out/cheek", &o) != MN_OK)
 *     fprintf(stderr, "%s\n", mn_ctx_errmsg(ctx));
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
#include <stdint.h>

#include "mnsim/compare.h"
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

/** Write the files of a result into outdir, created with its parents if missing. Writers of one
 *  directory take turns (an exclusive lock on outdir/.mnsim.lock for the whole write: a second
 *  writer waits), so the directory holds one run's files and its report that run's figures.
 *  opts may be NULL (the defaults). ctx's logger receives one MN_LOG_INFO line per file; its
 *  progress callback sees the stage "writing" (a cancel returns MN_E_CALLBACK).
 *  Not safe to call on the same outdir from two threads at once.
 *  @return MN_OK; MN_E_ARG (NULL result or outdir, report without png); MN_E_IO (a directory
 *          or file could not be made: the message names it); MN_E_CALLBACK; MN_E_NOMEM. */
MN_API mn_status mn_result_write(mn_ctx *ctx, const mn_result *r, const char *outdir,
                                 const mn_write_opts *opts);

/** Check, before a long run, that outdir can be written or made (its nearest existing ancestor
 *  is a directory that takes new entries); nothing is created: the failure mn_result_write
 *  would meet at the end, now.
 *  @return MN_OK; MN_E_ARG (NULL, empty); MN_E_IO (names the directory and errno's reason). */
MN_API mn_status mn_output_dir_check(mn_ctx *ctx, const char *outdir);

/** The files of a comparison (mnsim compare): each arm's outputs in outdir/names[i]/, the two
 *  cross-sections side by side (compare_sections.png, .svg), compare.json (the text json) and
 *  compare.html (self-contained: the rows with their evidence and the figure).
 *  @return MN_OK; MN_E_ARG; MN_E_IO (names the file); MN_E_NOMEM. */
MN_API mn_status mn_compare_write(mn_ctx *ctx, const mn_result *a, const mn_result *b,
                                  const char *const names[2], const mn_compare_row *rows,
                                  size_t n_rows, const char *json, const char *outdir);

/** The summary JSON of the run (as mn_result_summary_json) with the full scenario added under
 *  "scenario" (every key in the unit of its suffix; null where a catalogue value is used) so
 *  the run can be repeated exactly. *json_out is freed with mn_string_free.
 *  @return MN_OK; MN_E_ARG; MN_E_NOMEM. */
/** The outcome as the JSON object of the summary's outcome.* (endpoint, change, range,
 *  time_days, values, weakness, endpoints[]); *json_out is freed with mn_string_free.
 *  @return MN_OK; MN_E_ARG; MN_E_NOMEM. */
MN_API mn_status mn_outcome_json(mn_ctx *ctx, const mn_outcome *o, char **json_out);
MN_API mn_status mn_result_summary_full_json(mn_ctx *ctx, const mn_result *r, char **json_out);

/* ---- The summary's fields by name, for bindings --------------------------------------------
 *
 * Every field of the summary JSON (mn_result_summary_json) is read by its dotted name, as in
 * summary.json: "absorption.enhancement_ratio", "healing.solver.steps", the curves
 * "absorption.time_h", "absorption.cumulative_absorbed_percent", "healing.collagen_curve_days",
 * "healing.collagen_curve_percent". Numbers are in the unit of the name's suffix and equal, to
 * the bit, the numbers of the JSON text (cJSON writes 15 significant digits when they read back
 * to within about an ulp, so a field may differ from the double in the C structs in its last
 * bit); the seed is exact. SQLite's column accessors are the model: a type per field, a getter
 * per type.
 *
 * The summary is built once, on the first read, and kept in the result with every string and
 * array copied into the context's allocator; everything borrowed from these calls lives until
 * mn_result_destroy. The first read changes the result's cache: a result is read from one
 * thread at a time. Failures: MN_E_NOTFOUND for a name the summary lacks (the message names it),
 * MN_E_ARG for a field of another type (the message says which) or a NULL argument.
 *
 *   double er = 0.0;
 *   const double *curve = NULL;
 *   size_t n = 0;
 *   if (mn_result_get_double(res, "absorption.enhancement_ratio", &er) != MN_OK ||
 *       mn_result_get_array(res, "absorption.cumulative_absorbed_percent", &curve, &n) != MN_OK)
 *     fprintf(stderr, "%s\n", mn_ctx_errmsg(ctx));
 *   for (size_t i = 0; i < mn_result_field_count(res); i++)
 *     printf("%s\n", mn_result_field_name(res, i));
 */
typedef enum {
  MN_FIELD_NULL = 0,         /* JSON null: a number that is not finite (dry_time_h: never) */
  MN_FIELD_BOOL = 1,         /* mn_result_get_bool */
  MN_FIELD_NUMBER = 2,       /* mn_result_get_double; mn_result_get_int64 when integral */
  MN_FIELD_STRING = 3,       /* mn_result_get_string */
  MN_FIELD_NUMBER_ARRAY = 4, /* mn_result_get_array, mn_result_copy_array */
  MN_FIELD_STRING_ARRAY = 5  /* mn_result_get_string_at */
} mn_field_type;

/** "null", "bool", "number", "string", "number_array", "string_array"; static. */
MN_API const char *mn_field_type_name(mn_field_type type);

/** Number of fields in the summary (0 if r is NULL or out of memory) and the name of field i
 *  (borrowed; NULL past the end), in the order of summary.json. */
MN_API size_t mn_result_field_count(const mn_result *r);
MN_API const char *mn_result_field_name(const mn_result *r, size_t i);
/** The type of a field. @return MN_OK; MN_E_NOTFOUND; MN_E_ARG; MN_E_NOMEM. */
MN_API mn_status mn_result_field_type(const mn_result *r, const char *name, mn_field_type *type);

/** A number field (NaN for a null one). @return MN_OK; MN_E_NOTFOUND; MN_E_ARG (other type). */
MN_API mn_status mn_result_get_double(const mn_result *r, const char *name, double *out);
/** A number field that is an integer held exactly (the seed to the last digit up to INT64_MAX;
 *  counts). @return MN_OK; MN_E_NOTFOUND; MN_E_ARG (other type, not integral, too large). */
MN_API mn_status mn_result_get_int64(const mn_result *r, const char *name, int64_t *out);
MN_API mn_status mn_result_get_bool(const mn_result *r, const char *name, bool *out);
/** A string field (borrowed, UTF-8); for a number field its text ("%.17g"; the seed's exact
 *  digits). @return MN_OK; MN_E_NOTFOUND; MN_E_ARG (other type). */
MN_API mn_status mn_result_get_string(const mn_result *r, const char *name, const char **out);

/** The length of an array field (numbers or strings). */
MN_API mn_status mn_result_field_length(const mn_result *r, const char *name, size_t *n);
/** A number array: values[*n], borrowed (NULL when *n is 0). */
MN_API mn_status mn_result_get_array(const mn_result *r, const char *name, const double **values,
                                     size_t *n);
/** A number array copied into buf (its first min(*n, buf_len) elements); *n receives the
 *  array's whole length, so a call with buf_len 0 asks for the size. */
MN_API mn_status mn_result_copy_array(const mn_result *r, const char *name, double *buf,
                                      size_t buf_len, size_t *n);
/** Element i of a string array (borrowed). @return MN_OK; MN_E_NOTFOUND; MN_E_ARG (other type,
 *  i out of range). */
MN_API mn_status mn_result_get_string_at(const mn_result *r, const char *name, size_t i,
                                         const char **out);

/* The concentration field of a spatial run (axisymmetric: (z, r); 3d: (z, y, x); x or r fastest,
 * z slowest; C = K u in the tissue [kg/m^3 = mg/mL]) at the stored times, borrowed for the life
 * of the result. 1d runs keep none: the count is 0 and the others return MN_E_NOTFOUND. */

/** Number of stored field times; *t_s (may be NULL) receives them [s since application]. */
MN_API size_t mn_result_field_times(const mn_result *r, const double **t_s);
/** Cells along x (or r), y (1 for the axisymmetric cell) and z; whether it is the 3d patch.
 *  Any pointer may be NULL. @return MN_OK; MN_E_NOTFOUND (no field); MN_E_ARG. */
MN_API mn_status mn_result_field_dims(const mn_result *r, size_t *n_x, size_t *n_y, size_t *n_z,
                                      bool *is_3d);
/** The cell edges [m] of axis 0 (x, or r from the channel's axis), 1 (y) or 2 (z, depth from
 *  the surface): n cells + 1 edges (0 edges for y of the axisymmetric cell). */
MN_API mn_status mn_result_field_edges(const mn_result *r, int axis, const double **edges_m,
                                       size_t *n_edges);
/** The field at stored time time_index: n_x * n_y * n_z values. */
MN_API mn_status mn_result_field_values(const mn_result *r, size_t time_index,
                                        const double **conc_kg_per_m3, size_t *n_cells);

#ifdef __cplusplus
}
#endif
#endif /* MNSIM_OUTPUT_H */
