/* report.html builder (see report_int.h). The page is a string grown through the context's
 * allocator; a failed append makes the builder fail every later call with the same status, so
 * callers may append a whole section and check once. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/atomic_file_int.h"
#include "output/report_int.h"

struct mni_report {
  mn_ctx *ctx;
  char *buf;
  size_t len, cap;
  mn_status st; /* sticky: the first failure */
};

/* Inline style: readable on screens and in print, no web fonts. */
static const char page_style[] =
    "body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
    "color:#222;line-height:1.45}"
    "h1{font-size:1.6rem;border-bottom:2px solid #0072b2;padding-bottom:.3rem}"
    "h2{font-size:1.25rem;margin-top:2rem;color:#0a4a75}"
    "table{border-collapse:collapse;margin:.5rem 0 1rem}"
    "th,td{border:1px solid #ccc;padding:.25rem .6rem;text-align:left;vertical-align:top}"
    "th{background:#eef4f8}caption{text-align:left;font-weight:bold;padding:.3rem 0}"
    "td.num{text-align:right;font-variant-numeric:tabular-nums}"
    "figure{margin:1rem 0}img{max-width:100%;height:auto;border:1px solid #ddd}"
    "figcaption{font-size:.92rem;color:#444}pre{background:#f6f6f6;padding:.6rem;"
    "overflow-x:auto;font-size:.85rem}footer{margin-top:3rem;font-size:.8rem;color:#666}"
    "div.alert{border:2px solid #e69f00;background:#fff8e6;padding:.4rem 1rem;margin:1rem 0}"
    "div.alert.alarm{border-color:#c0392b;background:#fdecea}div.alert.ok{border-color:#999;"
    "background:#f6f6f6}div.alert h2{margin-top:.4rem}";

static mn_status grow(mni_report *rep, size_t extra)
{
  if (rep->st != MN_OK) return rep->st;
  if (rep->len + extra + 1 <= rep->cap) return MN_OK;
  size_t cap = rep->cap ? rep->cap : 4096;
  while (cap < rep->len + extra + 1)
    cap *= 2;
  char *nb = mn_realloc(rep->ctx, rep->buf, rep->cap, cap);
  if (nb == NULL) return rep->st = MN_E_NOMEM;
  rep->buf = nb;
  rep->cap = cap;
  return MN_OK;
}

static mn_status put_n(mni_report *rep, const char *s, size_t n)
{
  if (grow(rep, n) != MN_OK) return rep->st;
  memcpy(rep->buf + rep->len, s, n);
  rep->len += n;
  rep->buf[rep->len] = '\0';
  return MN_OK;
}

static mn_status put(mni_report *rep, const char *s)
{
  return put_n(rep, s, strlen(s));
}

/* Text with &, <, >, " and ' escaped; control characters other than tab and newline dropped. */
static mn_status put_text(mni_report *rep, const char *s)
{
  if (s == NULL) return rep->st;
  for (const char *p = s; *p; p++) {
    const char *e = NULL;
    switch (*p) {
    case '&':
      e = "&amp;";
      break;
    case '<':
      e = "&lt;";
      break;
    case '>':
      e = "&gt;";
      break;
    case '"':
      e = "&quot;";
      break;
    case '\'':
      e = "&#39;";
      break;
    default:
      break;
    }
    if (e != NULL)
      put(rep, e);
    else if ((unsigned char)*p >= 0x20 || *p == '\n' || *p == '\t')
      put_n(rep, p, 1);
  }
  return rep->st;
}

size_t mni_base64_encode(const unsigned char *in, size_t n, char *out)
{
  static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  size_t o = 0, i = 0;
  for (; i + 2 < n; i += 3) {
    unsigned v = (unsigned)in[i] << 16 | (unsigned)in[i + 1] << 8 | in[i + 2];
    out[o++] = tab[v >> 18 & 63];
    out[o++] = tab[v >> 12 & 63];
    out[o++] = tab[v >> 6 & 63];
    out[o++] = tab[v & 63];
  }
  if (i < n) {
    unsigned v = (unsigned)in[i] << 16 | (i + 1 < n ? (unsigned)in[i + 1] << 8 : 0u);
    out[o++] = tab[v >> 18 & 63];
    out[o++] = tab[v >> 12 & 63];
    out[o++] = i + 1 < n ? tab[v >> 6 & 63] : '=';
    out[o++] = '=';
  }
  out[o] = '\0';
  return o;
}

mn_status mni_report_create(mn_ctx *ctx, const char *title, mni_report **out)
{
  MN_REQUIRE(ctx, out != NULL && title != NULL, MN_E_ARG, "report: NULL argument");
  *out = NULL;
  mni_report *rep = mn_calloc(ctx, 1, sizeof *rep);
  if (rep == NULL) return MN_E_NOMEM;
  rep->ctx = ctx;
  put(rep, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>");
  put_text(rep, title);
  put(rep, "</title>\n<style>");
  put(rep, page_style);
  put(rep, "</style>\n</head>\n<body>\n<h1>");
  put_text(rep, title);
  put(rep, "</h1>\n");
  if (rep->st != MN_OK) {
    mni_report_destroy(&rep);
    return mni_fail(ctx, MN_E_NOMEM, "report: out of memory");
  }
  *out = rep;
  return MN_OK;
}

void mni_report_destroy(mni_report **prep)
{
  if (prep == NULL || *prep == NULL) return;
  mni_report *rep = *prep;
  mn_free(rep->ctx, rep->buf, rep->cap);
  mn_free(rep->ctx, rep, sizeof *rep);
  *prep = NULL;
}

static mn_status finish(mni_report *rep, const char *what)
{
  if (rep->st != MN_OK)
    return mni_fail(rep->ctx, rep->st, "report: %s: %s", what, mn_status_str(rep->st));
  return MN_OK;
}

mn_status mni_report_heading(mni_report *rep, const char *text)
{
  put(rep, "<h2>");
  put_text(rep, text);
  put(rep, "</h2>\n");
  return finish(rep, "heading");
}

mn_status mni_report_paragraph(mni_report *rep, const char *text)
{
  put(rep, "<p>");
  put_text(rep, text);
  put(rep, "</p>\n");
  return finish(rep, "paragraph");
}

mn_status mni_report_pre(mni_report *rep, const char *text)
{
  put(rep, "<pre>");
  put_text(rep, text);
  put(rep, "</pre>\n");
  return finish(rep, "preformatted text");
}

/* Numbers align right: a cell is numeric if it parses wholly as one (units go in headers). */
static int is_number(const char *s)
{
  if (s == NULL || *s == '\0') return 0;
  char *end = NULL;
  (void)strtod(s, &end);
  return end != NULL && *end == '\0';
}

mn_status mni_report_table(mni_report *rep, const char *caption, size_t n_rows, size_t n_cols,
                           const char *const *cells)
{
  MN_REQUIRE(rep->ctx, cells != NULL && n_rows >= 1 && n_cols >= 1, MN_E_ARG,
             "report: table of %zu x %zu cells", n_rows, n_cols);
  put(rep, "<table>\n");
  if (caption != NULL) {
    put(rep, "<caption>");
    put_text(rep, caption);
    put(rep, "</caption>\n");
  }
  for (size_t i = 0; i < n_rows; i++) {
    put(rep, "<tr>");
    for (size_t j = 0; j < n_cols; j++) {
      const char *c = cells[i * n_cols + j];
      put(rep, i == 0 ? "<th>" : is_number(c) ? "<td class=\"num\">" : "<td>");
      put_text(rep, c != NULL ? c : "");
      put(rep, i == 0 ? "</th>" : "</td>");
    }
    put(rep, "</tr>\n");
  }
  put(rep, "</table>\n");
  return finish(rep, "table");
}

mn_status mni_report_list(mni_report *rep, const char *const *items, size_t n_items)
{
  MN_REQUIRE(rep->ctx, items != NULL || n_items == 0, MN_E_ARG, "report: list: NULL items");
  put(rep, "<ul>\n");
  for (size_t i = 0; i < n_items; i++) {
    put(rep, "<li>");
    put_text(rep, items[i]);
    put(rep, "</li>\n");
  }
  put(rep, "</ul>\n");
  return finish(rep, "list");
}

mn_status mni_report_alert(mni_report *rep, const char *heading, const char *const *labels,
                           const char *const *items, size_t n_items, bool is_alarm,
                           const char *none)
{
  MN_REQUIRE(rep->ctx, (items != NULL && labels != NULL) || n_items == 0, MN_E_ARG,
             "report: alert: NULL items");
  const char *open = n_items == 0 ? "<div class=\"alert ok\">\n<h2>"
                     : is_alarm   ? "<div class=\"alert alarm\">\n<h2>"
                                  : "<div class=\"alert\">\n<h2>";
  put(rep, open);
  put_text(rep, heading);
  put(rep, "</h2>\n");
  if (n_items == 0) {
    put(rep, "<p>");
    put_text(rep, none != NULL ? none : "");
    put(rep, "</p>\n");
  } else {
    put(rep, "<ul>\n");
    for (size_t i = 0; i < n_items; i++) {
      put(rep, "<li><strong>");
      put_text(rep, labels[i]);
      put(rep, "</strong> ");
      put_text(rep, items[i]);
      put(rep, "</li>\n");
    }
    put(rep, "</ul>\n");
  }
  put(rep, "</div>\n");
  return finish(rep, "alert");
}

mn_status mni_report_figure(mni_report *rep, const char *dir, const char *png_name,
                            const char *caption)
{
  static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  mn_ctx *ctx = rep->ctx;
  char path[4096];
  int np = snprintf(path, sizeof path, "%s/%s", dir, png_name);
  MN_REQUIRE(ctx, np > 0 && (size_t)np < sizeof path, MN_E_IO, "report: figure path too long");
  FILE *f = fopen(path, "rb");
  MN_REQUIRE(ctx, f != NULL, MN_E_IO, "report: %s: cannot open the figure", path);
  mn_status st = MN_OK;
  unsigned char *data = NULL;
  char *b64 = NULL;
  size_t n = 0, n_b64 = 0;
  long size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
  if (size < 8 || size > (1L << 28) || fseek(f, 0, SEEK_SET) != 0) {
    st = mni_fail(ctx, MN_E_IO, "report: %s: not a PNG file of a sensible size", path);
    goto fail;
  }
  n = (size_t)size;
  n_b64 = 4 * ((n + 2) / 3) + 1;
  data = mn_alloc(ctx, n);
  b64 = mn_alloc(ctx, n_b64);
  if (data == NULL || b64 == NULL) {
    st = MN_E_NOMEM;
    goto fail;
  }
  if (fread(data, 1, n, f) != n || memcmp(data, sig, sizeof sig) != 0) {
    st = mni_fail(ctx, MN_E_IO, "report: %s: unreadable or not a PNG file", path);
    goto fail;
  }
  mni_base64_encode(data, n, b64);
  put(rep, "<figure>\n<img alt=\"");
  put_text(rep, caption);
  put(rep, "\" src=\"data:image/png;base64,");
  put(rep, b64);
  put(rep, "\"/>\n<figcaption>");
  put_text(rep, caption);
  put(rep, "</figcaption>\n</figure>\n");
  st = finish(rep, "figure");
fail:
  fclose(f);
  mn_free(ctx, data, n);
  mn_free(ctx, b64, n_b64);
  return st;
}

mn_status mni_report_write(mni_report *rep, const char *dir, const char *name)
{
  char foot[160];
  snprintf(foot, sizeof foot, "Made by mnsim %s. A model, not a clinical prediction.",
           mn_version());
  put(rep, "<footer>");
  put_text(rep, foot);
  put(rep, "</footer>\n</body>\n</html>\n");
  MN_TRY(finish(rep, "footer"));
  mni_afile af;
  MN_TRY(mni_afile_open(rep->ctx, dir, name, &af));
  if (fwrite(rep->buf, 1, rep->len, af.f) != rep->len) {
    return mni_afile_fail(rep->ctx, &af);
  }
  return mni_afile_commit(rep->ctx, &af);
}
