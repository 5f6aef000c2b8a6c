/* The parts of mn_result_write (output.c), one file each: the stages' CSV files
 * (output_csv.c), the figures fed from the result (output_figures.c), the fields
 * (output_fields.c) and report.html (output_report.c). They share the list of files written. */
#ifndef MNSIM_OUTPUT_INT_H
#define MNSIM_OUTPUT_INT_H

#include "core/core_int.h"
#include "output/fields_int.h"
#include "mnsim/run.h"

#define MNI_OUTLIST_MAX 64

typedef struct mni_outitem {
  char name[96];  /* file name in the directory (figures: base name) */
  char what[160]; /* one line for people */
} mni_outitem;

/** What has been written so far, in order. */
typedef struct mni_outlist {
  mn_ctx *ctx;
  const char *dir;                   /* where the files are written (the staging folder) */
  const char *shown_dir;             /* where they end up, for messages; NULL: dir */
  unsigned formats;                  /* MNI_PLOT_PNG | MNI_PLOT_SVG; 0: no figures */
  mni_outitem item[MNI_OUTLIST_MAX]; /* every file */
  size_t n;
  mni_outitem fig[MNI_OUTLIST_MAX]; /* figures (base names) with their captions */
  size_t n_fig;
} mni_outlist;

/** Which of n stored times the m-th of n_shown figures shows (n_shown <= n): spread evenly,
 *  the last one included. */
size_t mni_spread_index(size_t m, size_t n_shown, size_t n);
/** A time for people: "15 min", "1 h", "2.5 h" (3 significant digits). */
void mni_time_label(char *buf, size_t size, double t_s);
/** Record a file (for the report's list) without logging it. */
void mni_outlist_note(mni_outlist *ol, const char *name, const char *what);
/** Record a file written (and log it at MN_LOG_INFO). */
void mni_outlist_add(mni_outlist *ol, const char *name, const char *what);
/** Record a figure written in ol->formats under base name `name`. */
mn_status mni_output_figure(mni_outlist *ol, const char *name, const char *caption);

/** A field over time on a tensor grid, as a spatial stage hands it to the writers. */
typedef struct mni_field_series {
  mni_field_grid grid;
  const double *t_s; /* n_t times [s] since application, increasing */
  size_t n_t;
  const double *value; /* n_t x cells [kg/m^3], layout of mni_fields_write */
} mni_field_series;

/** With draw_maps (and ol->formats set) the heat maps field_t1.. (up to 4 times spread over
 *  the series; 3d: the (x, z) plane holding the most at the first time), with write_files the
 *  HDF5 + XDMF pair "concentration". */
mn_status mni_output_field_series(mn_ctx *ctx, mni_outlist *ol, const mni_field_series *fs,
                                  const mni_field_meta *meta, int draw_maps, int write_files);

mn_status mni_output_csv(mn_ctx *ctx, const mn_result *r, mni_outlist *ol);
mn_status mni_output_figures(mn_ctx *ctx, const mn_result *r, mni_outlist *ol);

/** A run's cross-section as the figures draw it (the run's cross_section and compare's pair):
 *  its channels' depths and surface diameters (a laser's zones at their full width) at the
 *  mean channel spacing. sec->diameter_m is allocated: release it with mni_section_free. */
struct mni_section;
mn_status mni_section_of(mn_ctx *ctx, const mn_result *r, const char *title,
                         struct mni_section *sec);
void mni_section_free(mn_ctx *ctx, struct mni_section *sec);
/** The heat maps of the treated skin's field (draw_maps, in ol->formats) or its HDF5 + XDMF
 *  pair (write_files); a run without a field (1d) writes none (a warning when files were
 *  asked). */
mn_status mni_output_fields(mn_ctx *ctx, const mn_result *r, mni_outlist *ol, int draw_maps,
                            int write_files);
mn_status mni_output_report(mn_ctx *ctx, const mn_result *r, const mni_outlist *ol);

#endif /* MNSIM_OUTPUT_INT_H */
