/* The figures of a run, fed from the result's stages (plot_*.c draw them from plain arrays).
 * A figure is drawn only when its stage ran. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "output/output_int.h"
#include "output/plot/plot_int.h"
#include "run/result_int.h"

mn_status mni_section_of(mn_ctx *ctx, const mn_result *r, const char *title, mni_section *sec)
{
  const mn_channel_set *cs = mn_result_channels(r);
  size_t n = cs != NULL ? mn_channel_set_count(cs) : 0;
  *sec = (mni_section){mn_result_layers(r), NULL, NULL, 0, 1e-3, title};
  if (n == 0) return MN_OK;
  const mn_puncture_stats *ps = mn_channel_set_stats(cs);
  const double *radius = mn_channel_set_opening_radius_m(cs);
  double *diameter = mn_alloc(ctx, n * sizeof *diameter);
  if (diameter == NULL) return MN_E_NOMEM;
  for (size_t i = 0; i < n; i++) /* a laser: its zones at their full width */
    diameter[i] = ps->is_laser ? ps->coag_width_m : 2.0 * radius[i];
  sec->depth_m = mn_channel_set_depth_m(cs);
  sec->diameter_m = diameter;
  sec->n = n;
  if (ps->density_per_m2 > 0.0) sec->spacing_m = 1.0 / sqrt(ps->density_per_m2);
  return MN_OK;
}

void mni_section_free(mn_ctx *ctx, mni_section *sec)
{
  if (sec->diameter_m != NULL) mn_free(ctx, (double *)sec->diameter_m, sec->n * sizeof(double));
  sec->diameter_m = NULL;
}

/* The skin's layers to scale, with the channels of the puncture stage when there are some. */
static mn_status cross_section(mn_ctx *ctx, const mn_result *r, mni_outlist *ol)
{
  mni_plot_out out = {ol->dir, "cross_section", ol->formats};
  mni_section sec;
  MN_TRY(mni_section_of(ctx, r, NULL, &sec));
  if (sec.n == 0) {
    MN_TRY(mni_plot_cross_section(ctx, &out, sec.layers, NULL, NULL, 0,
                                  sec.layers->top_m[MN_LAYER_SUBCUTIS]));
    return mni_output_figure(ol, "cross_section", "Cross-section of the skin's layers to scale");
  }
  mn_status st = mni_plot_cross_section(ctx, &out, sec.layers, sec.depth_m, sec.diameter_m, sec.n,
                                        sec.spacing_m);
  mni_section_free(ctx, &sec);
  MN_TRY(st);
  return mni_output_figure(ol, "cross_section",
                           "Cross-section: the skin's layers and channels to scale, side by side "
                           "at the mean channel spacing");
}

static mn_status channel_map(mn_ctx *ctx, const mn_result *r, mni_outlist *ol)
{
  size_t n = mn_channel_set_count(r->channels);
  if (n == 0) return MN_OK;
  const double *radius = mn_channel_set_opening_radius_m(r->channels);
  double *diameter = mn_alloc(ctx, n * sizeof *diameter);
  if (diameter == NULL) return MN_E_NOMEM;
  for (size_t i = 0; i < n; i++)
    diameter[i] = 2.0 * radius[i];
  double side = mn_channel_set_patch_side_m(r->channels);
  mni_plot_out out = {ol->dir, "channel_map", ol->formats};
  mn_status st = mni_plot_channel_map(ctx, &out, mn_channel_set_x_m(r->channels),
                                      mn_channel_set_y_m(r->channels),
                                      mn_channel_set_depth_m(r->channels), diameter, n, side, side);
  mn_free(ctx, diameter, n * sizeof *diameter);
  MN_TRY(st);
  return mni_output_figure(ol, "channel_map",
                           "Channels of the simulated patch seen from above, coloured by the "
                           "depth they reached");
}

/* Cumulative absorbed % of the dose over time, treated and intact skin. */
static mn_status absorbed(mn_ctx *ctx, const mn_result *r, mni_outlist *ol)
{
  const mn_absorption_summary *sum = mn_absorption_summary_get(r->absorption);
  if (!(sum->dose_kg_per_m2 > 0.0)) return MN_OK;
  const double *t_s[2], *flux[2];
  const double *const *amount[2];
  size_t n[2];
  for (int k = 0; k < 2; k++)
    n[k] = mn_absorption_series(r->absorption, k, &t_s[k], &flux[k], &amount[k]);
  double *buf = mn_alloc(ctx, 2 * (n[0] + n[1]) * sizeof *buf);
  if (buf == NULL) return MN_E_NOMEM;
  double *t_h[2] = {buf, buf + n[0]};
  double *pct[2] = {buf + n[0] + n[1], buf + 2 * n[0] + n[1]};
  for (int k = 0; k < 2; k++)
    for (size_t i = 0; i < n[k]; i++) {
      t_h[k][i] = mn_s_to_h(t_s[k][i]);
      pct[k][i] = 100.0 * amount[k][MN_COMP_ABSORBED][i] / sum->dose_kg_per_m2;
    }
  const char *what = r->scenario.simulation.mode == MN_MODE_FRANZ_CELL
                         ? "in the receptor [% of dose]"
                         : "absorbed [% of dose]";
  mni_plot_series s[2] = {{t_h[0], pct[0], n[0], sum->has_channels && r->channels != NULL &&
                                                   mn_channel_set_stats(r->channels)->is_laser
                                               ? "laser-treated skin"
                                               : "microneedled skin",
                           0, 0},
                          {t_h[1], pct[1], n[1], "intact skin", 1, 0}};
  mni_plot_lines p = {sum->has_channels ? "Cumulative absorption, treated vs intact skin"
                                        : "Cumulative absorption, intact skin (no channels)",
                      "time after application [h]",
                      what,
                      1,
                      0,
                      0,
                      s,
                      sum->has_channels ? 2 : 1};
  if (!sum->has_channels) s[0] = s[1];
  mni_plot_out out = {ol->dir, "absorbed", ol->formats};
  mn_status st = mni_plot_curves(ctx, &out, &p);
  mn_free(ctx, buf, 2 * (n[0] + n[1]) * sizeof *buf);
  MN_TRY(st);
  return mni_output_figure(ol, "absorbed",
                           sum->has_channels
                               ? "Cumulative absorbed % of the dose over time (log time axis), "
                                 "microneedled vs intact skin"
                               : "Cumulative absorbed % of the dose over time (log time axis), "
                                 "intact skin: this run made no channels");
}

/* Where the dose went at the end of the run: microneedled and intact skin as stacked bars of the
 * compartments, the film and the deposit together as "on the surface"; the skin's layers in the
 * colours of the cross-section. */
static mn_status dose(mn_ctx *ctx, const mn_result *r, mni_outlist *ol)
{
  enum { N_PARTS = 7 };
  static const char *const part_label[N_PARTS] = {
      "surface (film + deposit)", "evaporated", "washed off", "stratum corneum",
      "viable epidermis",         "dermis",     "absorbed"};
  static const int part_colour[N_PARTS] = {
      MNI_COL_SERIES + 1, MNI_COL_SERIES + 4, MNI_COL_SERIES + 7, MNI_COL_SC,
      MNI_COL_VE,         MNI_COL_DERMIS,     MNI_COL_SERIES};
  static const char *const skin_label[2] = {"microneedled", "intact"};
  const mn_absorption_summary *sum = mn_absorption_summary_get(r->absorption);
  if (!(sum->dose_kg_per_m2 > 0.0)) return MN_OK;
  const double *pct[2] = {sum->end_percent, sum->intact_end_percent};
  double value[2 * N_PARTS];
  for (int b = 0; b < 2; b++) {
    const double *p = pct[b];
    double *v = value + b * N_PARTS;
    v[0] = p[MN_COMP_VEHICLE] + p[MN_COMP_DEPOSIT];
    v[1] = p[MN_COMP_EVAPORATED];
    v[2] = p[MN_COMP_WASHED];
    v[3] = p[MN_COMP_SC];
    v[4] = p[MN_COMP_VE];
    v[5] = p[MN_COMP_DERMIS];
    v[6] = p[MN_COMP_ABSORBED];
  }
  char title[96], when[32];
  mni_time_label(when, sizeof when, sum->duration_s);
  snprintf(title, sizeof title, "Where the dose went, %s after application", when);
  /* Without channels the treated run is the intact one: one bar. */
  size_t first = sum->has_channels ? 0 : 1;
  mni_plot_bars bars;
  bars.title = title;
  bars.x_label = "% of the dose";
  bars.bar_labels = skin_label + first;
  bars.n_bars = 2 - first;
  bars.part_labels = part_label;
  bars.part_colour = part_colour;
  bars.n_parts = N_PARTS;
  bars.value = value + first * N_PARTS;
  mni_plot_out out = {ol->dir, "dose", ol->formats};
  MN_TRY(mni_plot_stacked_bars(ctx, &out, &bars));
  return mni_output_figure(ol, "dose",
                           sum->has_channels
                               ? "Where the dose went: % of the dose in each place at the end of "
                                 "the run, microneedled vs intact skin"
                               : "Where the dose went: % of the dose in each place at the end of "
                                 "the run, intact skin: this run made no channels");
}

/* Concentration against depth at up to 4 of the profile times: microneedled (solid) and intact
 * (dashed) skin, one colour per time. The concentration axis is logarithmic over the 4 decades
 * below the highest value; lower values are left out. */
static mn_status profiles(mn_ctx *ctx, const mn_result *r, mni_outlist *ol)
{
  const mn_absorption *a = r->absorption;
  int has_channels = mn_absorption_summary_get(a)->has_channels;
  const double *t_s[2], *edges[2], *conc[2];
  size_t n_z[2], n_t[2];
  for (int k = 0; k < 2; k++)
    n_t[k] = mn_absorption_profiles(a, k, &t_s[k], &edges[k], &n_z[k], &conc[k]);
  if (n_t[1] == 0) return MN_OK;
  size_t n_shown = n_t[1] < 4 ? n_t[1] : 4, n_buf = 2 * (n_z[0] + n_z[1]) * n_shown;
  double top = 0.0;
  for (int k = has_channels ? 0 : 1; k < 2; k++)
    for (size_t i = 0; i < n_t[k] * n_z[k]; i++)
      top = fmax(top, conc[k][i]);
  if (!(top > 0.0)) return MN_OK; /* nothing in the skin at any profile time */
  double *buf = mn_alloc(ctx, n_buf * sizeof *buf);
  if (buf == NULL) return MN_E_NOMEM;
  mni_plot_series s[8];
  char label[8][64];
  size_t n_s = 0;
  double *p = buf;
  for (size_t m = 0; m < n_shown; m++)
    for (int k = has_channels ? 0 : 1; k < 2; k++) {
      size_t ti = mni_spread_index(m, n_shown, n_t[k]);
      double *x = p, *y = p + n_z[k];
      p += 2 * n_z[k];
      size_t n_shown_z = 0;
      for (size_t i = 0; i < n_z[k]; i++) {
        double c = conc[k][ti * n_z[k] + i];
        x[i] = c >= 1e-4 * top ? c : 0.0; /* 0: left out on the log axis */
        y[i] = mn_m_to_um(0.5 * (edges[k][i] + edges[k][i + 1]));
        n_shown_z += x[i] > 0.0;
      }
      char when[32];
      mni_time_label(when, sizeof when, t_s[k][ti]);
      snprintf(label[n_s], sizeof label[n_s], "%s, %s%s", k == 0 ? "microneedled" : "intact", when,
               n_shown_z == 0 ? " (below the axis)" : "");
      s[n_s] = (mni_plot_series){x, y, n_z[k], label[n_s], k == 1, (int)m + 1};
      n_s++;
    }
  mni_plot_lines pl = {has_channels ? "Concentration in the skin, microneedled vs intact"
                                    : "Concentration in the skin (no channels)",
                       "concentration in the tissue [mg/mL] (mean over the area)",
                       "depth below the surface [µm]",
                       1,
                       0,
                       1,
                       s,
                       n_s};
  mni_plot_out out = {ol->dir, "profiles", ol->formats};
  mn_status st = mni_plot_curves(ctx, &out, &pl);
  mn_free(ctx, buf, n_buf * sizeof *buf);
  MN_TRY(st);
  return mni_output_figure(ol, "profiles",
                           "Concentration-depth profiles at the profile times (log concentration "
                           "axis), microneedled (solid) vs intact skin (dashed)");
}

/* New collagen and elastin over the course, sessions marked. */
static mn_status course(mn_ctx *ctx, const mn_result *r, mni_outlist *ol)
{
  const mn_healing *h = r->healing;
  size_t n = mn_healing_n_days(h);
  if (n < 2) return MN_OK;
  const double *days = mn_healing_days(h);
  const double *tot = mn_healing_collagen_curve(h);
  const double *cx = mn_healing_curve(h, MN_HEAL_COLLAGEN_MATURE);
  const double *el = mn_healing_curve(h, MN_HEAL_ELASTIN);
  int n_s = r->scenario.course.sessions;
  double *buf = mn_alloc(ctx, (3 * n + (size_t)n_s) * sizeof *buf);
  if (buf == NULL) return MN_E_NOMEM;
  double *col = buf, *ela = buf + n, *mat = buf + 2 * n, *sess = buf + 3 * n;
  for (size_t i = 0; i < n; i++) {
    col[i] = 100.0 * tot[i];
    mat[i] = 100.0 * cx[i];
    ela[i] = 100.0 * el[i];
  }
  for (int k = 0; k < n_s; k++)
    sess[k] = (double)k * mn_s_to_days(r->scenario.course.interval_s);
  mni_plot_out out = {ol->dir, "course", ol->formats};
  mn_status st = mni_plot_course(ctx, &out, days, col, mat, ela, n, sess, (size_t)n_s);
  mn_free(ctx, buf, (3 * n + (size_t)n_s) * sizeof *buf);
  MN_TRY(st);
  return mni_output_figure(ol, "course",
                           "New collagen (all, and its cross-linked part) and elastin over the "
                           "course and the follow-up, % of baseline (dashed lines: sessions)");
}

mn_status mni_output_figures(mn_ctx *ctx, const mn_result *r, mni_outlist *ol)
{
  MN_TRY(cross_section(ctx, r, ol));
  if (r->channels != NULL) MN_TRY(channel_map(ctx, r, ol));
  if (r->absorption != NULL) MN_TRY(absorbed(ctx, r, ol));
  if (r->absorption != NULL) MN_TRY(dose(ctx, r, ol));
  if (r->absorption != NULL) MN_TRY(profiles(ctx, r, ol));
  if (r->absorption != NULL) MN_TRY(mni_output_fields(ctx, r, ol, 1, 0)); /* heat maps */
  if (r->healing != NULL) MN_TRY(course(ctx, r, ol));
  return MN_OK;
}
