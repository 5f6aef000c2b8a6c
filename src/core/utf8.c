/* UTF-8 text checks shared by the loaders of scenarios and catalogues (core_int.h). */
#include "core/core_int.h"

size_t mni_utf8_len(const unsigned char *p, size_t n)
{
  size_t len;
  unsigned int cp;
  if (p[0] < 0x80) return 1;
  if (p[0] >= 0xc2 && p[0] <= 0xdf)
    len = 2, cp = p[0] & 0x1fu;
  else if (p[0] >= 0xe0 && p[0] <= 0xef)
    len = 3, cp = p[0] & 0x0fu;
  else if (p[0] >= 0xf0 && p[0] <= 0xf4)
    len = 4, cp = p[0] & 0x07u;
  else
    return 0;
  if (len > n) return 0;
  for (size_t i = 1; i < len; i++) {
    if ((p[i] & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (p[i] & 0x3fu);
  }
  if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
      (cp >= 0xd800 && cp <= 0xdfff))
    return 0;
  return len;
}

mn_status mni_check_text(mn_ctx *ctx, const char *what, const char *text, size_t len,
                         const char *expected)
{
  const unsigned char *p = (const unsigned char *)text;
  int line = 1, col = 1;
  for (size_t i = 0; i < len;) {
    size_t k = mni_utf8_len(p + i, len - i);
    bool is_control =
        k == 1 && ((p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' && p[i] != '\r') || p[i] == 0x7f);
    if (k == 0 || is_control)
      return mni_fail(ctx, MN_E_CONFIG,
                      "%s:%d:%d: not a text file: byte 0x%02x is not UTF-8 text; expected %s", what,
                      line, col, p[i], expected);
    if (p[i] == '\n')
      line++, col = 1;
    else
      col++;
    i += k;
  }
  return MN_OK;
}
