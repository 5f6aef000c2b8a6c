/* The files of `mnsim compare`: each arm's own outputs in DIR/NAME/, the two cross-sections
 * side by side at one depth scale (compare_sections.png, .svg), compare.json and compare.html
 * (self-contained: the table with its evidence and the figure embedded). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/atomic_file_int.h"
#include "mnsim/compare.h"
#include "mnsim/output.h"
#include "output/output_int.h"
#include "output/plot/plot_int.h"
#include "output/report_int.h"

static mn_status pair_figure(mn_ctx *ctx, const mn_result *const r[2], const char *const names[2],
                             const char *dir)
{
  mni_section sec[2] = {{0}, {0}};
  char title[2][96];
  mn_status st = MN_OK;
  for (int i = 0; i < 2 && st == MN_OK; i++) {
    const mn_channel_set *cs = mn_result_channels(r[i]);
    snprintf(title[i], sizeof title[i], "%s: %s", names[i],
             cs != NULL ? mn_channel_set_device(cs)->name : "no device");
    st = mni_section_of(ctx, r[i], title[i], &sec[i]);
  }
  if (st == MN_OK) {
    mni_plot_out out = {dir, "compare_sections", MNI_PLOT_PNG | MNI_PLOT_SVG};
    st = mni_plot_cross_section_pair(ctx, &out, sec);
  }
  for (int i = 0; i < 2; i++) mni_section_free(ctx, &sec[i]);
  return st;
}

static mn_status write_text(mn_ctx *ctx, const char *dir, const char *name, const char *text)
{
  mni_afile af;
  MN_TRY(mni_afile_open(ctx, dir, name, &af));
  if (fputs(text, af.f) < 0) {
    return mni_afile_fail(ctx, &af);
  }
  return mni_afile_commit(ctx, &af);
}

static mn_status page(mn_ctx *ctx, const mn_result *const r[2], const char *const names[2],
                      const mn_compare_row *rows, size_t n, const char *dir)
{
  char title[400];
  snprintf(title, sizeof title, "mnsim compare: %s against %s", mn_result_scenario(r[0])->name,
           mn_result_scenario(r[1])->name);
  mni_report *rep = NULL;
  MN_TRY(mni_report_create(ctx, title, &rep));
  size_t n_cells = 4 * (n + 1);
  const char **cells = mn_calloc(ctx, n_cells, sizeof *cells);
  mn_status st = cells == NULL ? MN_E_NOMEM : MN_OK;
  if (st == MN_OK) {
    cells[0] = "";
    cells[1] = names[0];
    cells[2] = names[1];
    cells[3] = "evidence";
    for (size_t k = 0; k < n; k++) {
      cells[4 * (k + 1)] = rows[k].what;
      cells[4 * (k + 1) + 1] = rows[k].arm[0];
      cells[4 * (k + 1) + 2] = rows[k].arm[1];
      cells[4 * (k + 1) + 3] = rows[k].evidence;
    }
    st = mni_report_paragraph(
        rep, "Each arm was run through every stage on the same skin (site, patient, product). "
             "The rows are what the runs computed, except pain, which is as the trials rated it; "
             "the evidence column says what the trials found, and where they disagree with each "
             "other or with the model. Each arm's own report is in its folder.");
  }
  if (st == MN_OK) st = mni_report_table(rep, "The two protocols", n + 1, 4, cells);
  if (st == MN_OK)
    st = mni_report_figure(rep, dir, "compare_sections.png",
                           "The two cross-sections at one depth scale: the skin's layers and the "
                           "channels (a laser: its treatment zones at their full width) side by "
                           "side at their mean spacing");
  if (st == MN_OK) st = mni_report_write(rep, dir, "compare.html");
  if (cells != NULL) mn_free(ctx, cells, n_cells * sizeof *cells);
  mni_report_destroy(&rep);
  return st;
}

mn_status mn_compare_write(mn_ctx *ctx, const mn_result *a, const mn_result *b,
                           const char *const names[2], const mn_compare_row *rows, size_t n_rows,
                           const char *json, const char *outdir)
{
  MNI_C_LOCALE();
  MN_REQUIRE(ctx, a != NULL && b != NULL && names != NULL && rows != NULL && json != NULL &&
                      outdir != NULL,
             MN_E_ARG, "mn_compare_write: NULL argument");
  const mn_result *r[2] = {a, b};
  MN_TRY(mni_mkdir_p(ctx, outdir));
  for (int i = 0; i < 2; i++) {
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/%s", outdir, names[i]);
    MN_TRY(mn_result_write(ctx, r[i], dir, NULL));
  }
  MN_TRY(pair_figure(ctx, r, names, outdir));
  MN_TRY(page(ctx, r, names, rows, n_rows, outdir));
  return write_text(ctx, outdir, "compare.json", json);
}
