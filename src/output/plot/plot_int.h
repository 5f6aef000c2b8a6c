/* Figures of a run, drawn with PLplot's cairo driver from plain arrays (SI units in, the user's
 * units on the axes). Each function writes DIR/NAME.png and DIR/NAME.svg (the formats chosen in
 * `out`), each through a temporary file in DIR renamed into place, so no half-drawn figure is
 * ever left under its final name.
 *
 * PLplot keeps global state (its table of streams, its error handlers). plot_render.c holds one
 * process-wide lock around every figure and draws each on a stream of its own (plmkstrm, then
 * plend1, then back to the caller's stream), so two contexts in two threads may plot at once:
 * the figures are drawn one after the other. Fonts, page size and colours are fixed, so the
 * same data give the same PNG bytes. */
#ifndef MNSIM_PLOT_INT_H
#define MNSIM_PLOT_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/core_int.h"
#include "mnsim/skin.h"

/* Formats (bit mask). */
#define MNI_PLOT_PNG 1u
#define MNI_PLOT_SVG 2u

/** The mask of the formats asked for by a writer's png and svg options. */
static inline unsigned mni_plot_formats(bool png, bool svg)
{
  return (png ? MNI_PLOT_PNG : 0u) | (svg ? MNI_PLOT_SVG : 0u);
}

/** Where a figure goes: dir/name.png and dir/name.svg. */
typedef struct mni_plot_out {
  const char *dir;  /* existing directory */
  const char *name; /* base name without extension: letters, digits, '_', '-' */
  unsigned formats; /* MNI_PLOT_PNG | MNI_PLOT_SVG */
} mni_plot_out;

/** One curve of a line plot. */
typedef struct mni_plot_series {
  const double *x; /* in the axis' unit (the caller converts) */
  const double *y;
  size_t n;
  const char *label; /* legend text (UTF-8) */
  int is_dashed;
  int colour; /* 1..8: the series colour (series that belong together share one); 0: by position */
} mni_plot_series;

/** A line plot of up to 8 series with a legend. Axes' texts carry their unit.
 *  is_log_x / is_log_y: logarithmic axis (points with values <= 0 on it are left out).
 *  @return MN_OK; MN_E_ARG (no drawable point, non-finite value); MN_E_IO. */
typedef struct mni_plot_lines {
  const char *title;
  const char *x_label;
  const char *y_label;
  int is_log_x;
  int is_log_y;
  int is_y_down; /* y grows downwards (depth) */
  const mni_plot_series *series;
  size_t n_series;
} mni_plot_lines;
mn_status mni_plot_curves(mn_ctx *ctx, const mni_plot_out *out, const mni_plot_lines *plot);

/** The channel map: every channel of the patch as a disc of its true opening, coloured by the
 *  depth it reached, on the patch [0, patch_w_m] x [0, patch_h_m]; a colour bar in µm.
 *  diameter_m may be NULL (discs of a fixed visible size). */
mn_status mni_plot_channel_map(mn_ctx *ctx, const mni_plot_out *out, const double *x_m,
                               const double *y_m, const double *depth_m, const double *diameter_m,
                               size_t n, double patch_w_m, double patch_h_m);

/** A cross-section of the layer stack with channels drawn to scale (equal scales on both
 *  axes): up to 12 channels as cones of their opening and depth, side by side at spacing_m.
 *  The plot reaches below the deepest channel and the dermis' top, whichever is lower.
 *  n may be 0: the layers alone (to the top of the subcutis; spacing_m sets the width). */
/** One section of a pair: a run's layers and its channels (or laser zones). */
typedef struct mni_section {
  const mn_layer_stack *layers;
  const double *depth_m, *diameter_m;
  size_t n;
  double spacing_m;
  const char *title;
} mni_section;

/** Two cross-sections side by side at one depth scale (mnsim compare). */
mn_status mni_plot_cross_section_pair(mn_ctx *ctx, const mni_plot_out *out,
                                      const mni_section sec[2]);

mn_status mni_plot_cross_section(mn_ctx *ctx, const mni_plot_out *out, const mn_layer_stack *layers,
                                 const double *depth_m, const double *diameter_m, size_t n,
                                 double spacing_m);

/** A heat map of a field on a tensor grid: n_u x n_v cells with edges u_edges_m[n_u + 1]
 *  (lateral: r or x) and v_edges_m[n_v + 1] (depth, downwards), values value[j * n_u + i] of
 *  cell (i, j). Drawn on a log10 colour scale over the decades below the maximum
 *  (values below it take the lowest colour), or below `top` when maps share one scale. */
typedef struct mni_plot_field {
  const char *title;
  const char *u_label;     /* "r [µm]" or "x [µm]" */
  const char *value_label; /* "concentration [mg/mL]" */
  const double *u_edges_m;
  size_t n_u;
  const double *v_edges_m;
  size_t n_v;
  const double *value; /* in the unit of value_label */
  double decades;      /* colour range below the maximum (e.g. 4) */
  double top;          /* the colour scale's top, in the unit of value, when several maps share
                          one scale; 0: this field's own maximum */
} mni_plot_field;
mn_status mni_plot_heatmap(mn_ctx *ctx, const mni_plot_out *out, const mni_plot_field *field);

/** Collagen and elastin change [% of baseline] over the days of a course, with a dashed
 *  vertical line at each session (session_days[n_sessions]). mature_percent (the cross-linked
 *  part of the collagen) and elastin_percent may be NULL. */
mn_status mni_plot_course(mn_ctx *ctx, const mni_plot_out *out, const double *days,
                          const double *collagen_percent, const double *mature_percent,
                          const double *elastin_percent, size_t n, const double *session_days,
                          size_t n_sessions);

/** Horizontal stacked bars of percentages: n_bars bars (the first on top, labelled
 *  bar_labels[b] left of the axis), each of n_parts parts value[b * n_parts + k] [%] laid left
 *  to right, part k in cmap0 colour part_colour[k] and named part_labels[k] in a legend beside
 *  the plot; parts wide enough carry their value. Negative values (a solver's round-off) are
 *  drawn as 0; the axis spans 0-100 %, or more if a bar adds up to more.
 *  @return MN_OK; MN_E_ARG (counts out of range, NULL labels, non-finite value); MN_E_IO. */
#define MNI_PLOT_BARS_MAX_BARS  8
#define MNI_PLOT_BARS_MAX_PARTS 8
typedef struct mni_plot_bars {
  const char *title;
  const char *x_label;
  const char *const *bar_labels; /* n_bars */
  size_t n_bars;
  const char *const *part_labels; /* n_parts */
  const int *part_colour;         /* n_parts cmap0 indices (MNI_COL_*) */
  size_t n_parts;
  const double *value; /* n_bars x n_parts, part fastest */
} mni_plot_bars;
mn_status mni_plot_stacked_bars(mn_ctx *ctx, const mni_plot_out *out, const mni_plot_bars *bars);

/** A histogram of v[0..n) (non-finite values left out) in n_bins equal bins between the
 *  smallest and the largest value, with the mean as a dashed line; x_label carries the unit.
 *  @return MN_OK; MN_E_ARG (no finite value, n_bins out of 1..200); MN_E_IO. */
mn_status mni_plot_histogram(mn_ctx *ctx, const mni_plot_out *out, const char *title,
                             const char *x_label, const double *v, size_t n, size_t n_bins);

/** Horizontal bars of n (at most 20) indices, the first on top, labelled label[i], value[i]
 *  with a whisker from lo[i] to hi[i] (NULL: none); a second set value2 (NULL: none) drawn
 *  beside each bar in another colour, named legend2 (legend1 names the first).
 *  @return MN_OK; MN_E_ARG; MN_E_IO. */
typedef struct mni_plot_index_bars {
  const char *title;
  const char *x_label;
  const char *const *label;
  size_t n;
  const double *value, *lo, *hi;
  const double *value2, *lo2, *hi2;
  const char *legend1, *legend2;
} mni_plot_index_bars;
mn_status mni_plot_index_bars_draw(mn_ctx *ctx, const mni_plot_out *out,
                                   const mni_plot_index_bars *bars);

/* A line with its band (plot_band.c): p50 against x, the P25-P75 and P5-P95 bands (either
 * pair may be NULL), a dashed reference line ref (may be NULL). Non-finite values are skipped. */
#define MNI_PLOT_BAND_MAX 512
typedef struct mni_plot_band {
  const char *title, *x_label, *y_label;
  const char *mid_label, *ref_label; /* legend: the line ("median"), the reference */
  const double *x;
  size_t n;
  const double *p5, *p25, *p50, *p75, *p95, *ref;
  bool is_from_zero; /* the y axis starts at 0 */
} mni_plot_band;
mn_status mni_plot_band_draw(mn_ctx *ctx, const mni_plot_out *out, const mni_plot_band *b);

/* Violins (plot_violin.c): group 0 is every value; group k >= 1 the values with group[i] == k. */
#define MNI_PLOT_VIOLIN_MAX 8
typedef struct mni_plot_violins {
  const char *title, *y_label;
  const double *values; /* n values */
  const int *group;     /* n group numbers (1 .. n_groups - 1) */
  size_t n;
  const char *const *group_label; /* n_groups labels, 0 = every value */
  size_t n_groups;
} mni_plot_violins;
mn_status mni_plot_violins_draw(mn_ctx *ctx, const mni_plot_out *out, const mni_plot_violins *v);

/* A heat map over a grid of two keys (plot_grid.c): value[i * n_y + j] at (x[i], y[j]), NaN
 * for a failed point; x and y increasing. */
#define MNI_PLOT_GRID_MAX 256
typedef struct mni_plot_grid {
  const char *title, *x_label, *y_label, *value_label;
  const double *x, *y;
  size_t n_x, n_y;
  bool is_log_x, is_log_y;
  const double *value;
} mni_plot_grid;
mn_status mni_plot_grid_draw(mn_ctx *ctx, const mni_plot_out *out, const mni_plot_grid *g);

/* ---- Shared by the plot_*.c files ----------------------------------------------------------- */

/** Draws one figure on the current PLplot stream (already initialised, page advanced). */
typedef void (*mni_plot_draw_fn)(const void *data);

/** Render one figure in each chosen format through draw(data), atomically.
 *  @return MN_OK; MN_E_ARG (bad name or formats); MN_E_IO (PLplot or the file system failed;
 *          no file is left under the final name, nor a temporary). */
mn_status mni_plot_render(mn_ctx *ctx, const mni_plot_out *out, mni_plot_draw_fn draw,
                          const void *data);

/* Colour indices of cmap0 set by mni_plot_render. */
enum {
  MNI_COL_WHITE = 0,
  MNI_COL_BLACK = 1,
  MNI_COL_GREY = 2,
  MNI_COL_SERIES = 3, /* 8 series colours follow */
  MNI_COL_SC = 11,    /* the layers of the cross-section */
  MNI_COL_VE = 12,
  MNI_COL_DERMIS = 13,
  MNI_COL_SUBCUTIS = 14,
  MNI_COL_CHANNEL = 15
};

/** Load the perceptual colour map used for depths and fields into cmap1. */
void mni_plot_cmap1_viridis(void);

/** A colour bar right of the viewport for values lo..hi (log10 values with is_log: labelled
 *  10^k), titled label. */
void mni_plot_colorbar(const char *label, double lo, double hi, int is_log);

/** Check that v[0..n) are finite; on failure fills the context message naming what. */
mn_status mni_plot_check_finite(mn_ctx *ctx, const char *what, const double *v, size_t n);

/** Nice range: min and max of v[0..n) (finite values only), widened if they are equal. */
void mni_plot_range(const double *v, size_t n, double *lo, double *hi);

#endif /* MNSIM_PLOT_INT_H */
