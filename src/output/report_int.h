/* report.html: one self-contained page (figures embedded as base64 PNG data URIs, styles
 * inline, no script, no reference to any other file or to the network) that opens in any
 * browser offline. Built element by element; every text is HTML-escaped. The page is also
 * well-formed XML (void elements self-closed), so an XML parser can check it. */
#ifndef MNSIM_REPORT_INT_H
#define MNSIM_REPORT_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/core_int.h"

typedef struct mni_report mni_report;

/** Start a page titled `title` (UTF-8). @return MN_OK; MN_E_NOMEM. */
mn_status mni_report_create(mn_ctx *ctx, const char *title, mni_report **out);
/** Free the builder; NULL is a no-op. */
void mni_report_destroy(mni_report **prep);

/** A section heading (h2). */
mn_status mni_report_heading(mni_report *rep, const char *text);
/** A paragraph of plain text. */
mn_status mni_report_paragraph(mni_report *rep, const char *text);
/** Preformatted text (e.g. the scenario). */
mn_status mni_report_pre(mni_report *rep, const char *text);
/** A table of n_rows x n_cols cells, row-major; the first row is the header. */
mn_status mni_report_table(mni_report *rep, const char *caption, size_t n_rows, size_t n_cols,
                           const char *const *cells);
/** A bulleted list. */
mn_status mni_report_list(mni_report *rep, const char *const *items, size_t n_items);
/** A box of labelled lines set apart from the text (the safety warnings near the top of the
 *  page): a heading, then one item per line whose label (e.g. "BLOCK") is shown in bold;
 *  is_alarm colours the box red, else amber. With no items, the text `none` in a plain box. */
mn_status mni_report_alert(mni_report *rep, const char *heading, const char *const *labels,
                           const char *const *items, size_t n_items, bool is_alarm,
                           const char *none);
/** A figure: dir/png_name (a PNG file, checked by its signature) embedded as a data URI, with
 *  its caption. @return MN_OK; MN_E_IO (unreadable or not a PNG); MN_E_NOMEM. */
mn_status mni_report_figure(mni_report *rep, const char *dir, const char *png_name,
                            const char *caption);
/** Close the page and write it atomically to dir/name; call once, last. */
mn_status mni_report_write(mni_report *rep, const char *dir, const char *name);

/** Standard base64 (RFC 4648, with padding) of n bytes into out, which must hold
 *  4 * ((n + 2) / 3) + 1 bytes; NUL-terminated. Returns the length written. */
size_t mni_base64_encode(const unsigned char *in, size_t n, char *out);

#endif /* MNSIM_REPORT_INT_H */
