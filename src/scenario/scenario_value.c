/* One scenario value from text to the struct and back, driven by its row of the key table.
 *
 * Grammar (what a user may write): numbers as 10, 1.5, 1e-4 (decimal only: no hex, no inf or
 * nan); integers as digits only; booleans true / false; enum values and names as written;
 * `null` or `~` (or nothing) on an optional key restores the catalogue's value. A quoted YAML
 * scalar is a string, so `needle_length_mm: "1.5"` is the wrong type (names and enum values may
 * be quoted). A list is numbers, each in the key's range and greater than the one before: the
 * loader hands them one by one (mni_scenario_list_append), --set as "1,4,24" or "[1, 4, 24]";
 * null or [] is the empty list. */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog_int.h"
#include "scenario/scenario_int.h"

void *mni_scenario_field(mn_scenario *s, const mn_scenario_key *key)
{
  return (char *)s + key->offset;
}

const void *mni_scenario_field_const(const mn_scenario *s, const mn_scenario_key *key)
{
  return (const char *)s + key->offset;
}

bool mni_scenario_is_section(const char *path, size_t len)
{
  size_t n_keys = 0;
  const mn_scenario_key *keys = mn_scenario_keys(&n_keys);
  for (size_t i = 0; i < n_keys; i++)
    if (strncmp(keys[i].path, path, len) == 0 && keys[i].path[len] == '.' && len > 0 &&
        memchr(path, '\0', len) == NULL)
      return true;
  return false;
}

mn_status mni_scenario_unknown_key(mn_ctx *ctx, mn_status code, const char *path,
                                   const char *prefix)
{
  char shown[128];
  mni_quote_for_message(shown, sizeof shown, path, strlen(path));
  if (mni_scenario_is_section(path, strlen(path)))
    return mni_fail_key(ctx, code, path, NULL, 0,
                        "%s%s is a section, not a key; expected a dotted key such as %s.%s",
                        prefix, shown, path, strcmp(path, "skin") == 0 ? "site" : "<key>");
  const mn_scenario_key *near = mn_scenario_key_suggest(path);
  if (near != NULL)
    return mni_fail_key(ctx, code, path, NULL, 0, "%sunknown key %s (did you mean '%s'?)",
                        prefix, shown, near->path);
  return mni_fail_key(ctx, code, path, NULL, 0,
                      "%sunknown key %s; expected a key of docs/scenario.md, such as skin.site",
                      prefix, shown);
}

void mni_quote_for_message(char *buf, size_t buf_size, const char *text, size_t len)
{
  const size_t max_shown = 60;
  size_t o = 0;
  if (buf_size < 16) {
    if (buf_size > 0) buf[0] = '\0';
    return;
  }
  buf[o++] = '\'';
  for (size_t i = 0, k = 1; i < len; i += k) {
    const unsigned char *c = (const unsigned char *)text + i;
    k = mni_utf8_len(c, len - i);
    if (i >= max_shown || o + 8 + k >= buf_size) {
      memcpy(buf + o, "...", 3);
      o += 3;
      break;
    }
    if (k == 0 || *c < 0x20 || *c == 0x7f) { /* control or not UTF-8: shown as \xNN */
      snprintf(buf + o, buf_size - o, "\\x%02x", *c);
      o += 4;
      k = 1;
    } else {
      memcpy(buf + o, c, k);
      o += k;
    }
  }
  buf[o++] = '\'';
  buf[o] = '\0';
}

/* Length of the valid UTF-8 sequence at p (n bytes left), 0 if invalid. */

/* ---- Recognising the forms of a plain scalar -------------------------------------------------- */

static bool is_null_text(const char *t, size_t n)
{
  static const char *const nulls[] = {"", "~", "null", "Null", "NULL"};
  for (size_t i = 0; i < sizeof nulls / sizeof nulls[0]; i++)
    if (strlen(nulls[i]) == n && memcmp(nulls[i], t, n) == 0) return true;
  return false;
}

/* [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)? */
static bool is_decimal(const char *t, size_t n)
{
  size_t i = 0, digits = 0;
  if (i < n && (t[i] == '+' || t[i] == '-')) i++;
  while (i < n && isdigit((unsigned char)t[i]))
    i++, digits++;
  if (i < n && t[i] == '.') {
    i++;
    while (i < n && isdigit((unsigned char)t[i]))
      i++, digits++;
  }
  if (digits == 0) return false;
  if (i < n && (t[i] == 'e' || t[i] == 'E')) {
    size_t exp_digits = 0;
    i++;
    if (i < n && (t[i] == '+' || t[i] == '-')) i++;
    while (i < n && isdigit((unsigned char)t[i]))
      i++, exp_digits++;
    if (exp_digits == 0) return false;
  }
  return i == n;
}

static bool is_integer(const char *t, size_t n, bool allow_sign)
{
  size_t i = 0;
  if (allow_sign && i < n && (t[i] == '+' || t[i] == '-')) i++;
  if (i == n) return false;
  for (; i < n; i++)
    if (!isdigit((unsigned char)t[i])) return false;
  return true;
}

static bool text_equals(const char *t, size_t n, const char *word)
{
  return strlen(word) == n && memcmp(t, word, n) == 0;
}

/* ---- Messages -------------------------------------------------------------------------------- */

/* "0.05 to 3.5 mm" */
static void describe_range(const mn_scenario_key *key, char *buf, size_t n)
{
  const char *unit = mn_scenario_key_unit(key);
  snprintf(buf, n, "%g to %g%s%s", key->min, key->max, unit[0] ? " " : "", unit);
}

static void list_enum(const mn_scenario_key *key, char *buf, size_t n)
{
  size_t o = 0;
  buf[0] = '\0';
  for (size_t i = 0; key->enum_names[i] != NULL && o < n; i++) {
    int w = snprintf(buf + o, n - o, "%s%s", i ? ", " : "", key->enum_names[i]);
    if (w < 0) break;
    o += (size_t)w;
  }
}

static const char *type_word(mn_key_type t)
{
  switch (t) {
  case MN_KEY_DOUBLE:
    return "a number";
  case MN_KEY_INT:
  case MN_KEY_UINT64:
    return "an integer";
  case MN_KEY_BOOL:
    return "true or false";
  case MN_KEY_STRING:
    return "a name";
  case MN_KEY_ENUM:
    return "one of the listed names";
  case MN_KEY_DOUBLE_LIST:
    return "a list of numbers";
  }
  return "a value";
}

/* "expected a number in mm, 0.05 to 3.5 mm" */
static void describe_expected(const mn_scenario_key *key, char *buf, size_t n)
{
  char range[128], names[256];
  switch (key->type) {
  case MN_KEY_DOUBLE:
  case MN_KEY_INT:
    describe_range(key, range, sizeof range);
    snprintf(buf, n, "%s from %s%s", type_word(key->type), range,
             key->is_optional ? " (or null for the catalogue's value)" : "");
    break;
  case MN_KEY_UINT64:
    snprintf(buf, n, "an integer from 0 to %" PRIu64, UINT64_MAX);
    break;
  case MN_KEY_BOOL:
    snprintf(buf, n, "true or false");
    break;
  case MN_KEY_ENUM:
    list_enum(key, names, sizeof names);
    snprintf(buf, n, "one of %s", names);
    break;
  case MN_KEY_STRING:
    snprintf(buf, n, "a name of at most %zu characters", key->size - 1);
    break;
  case MN_KEY_DOUBLE_LIST:
    describe_range(key, range, sizeof range);
    snprintf(buf, n,
             "a list of at most %zu numbers from %s, each greater than the one before, such as "
             "[1, 4, 24] (or null: the run chooses)",
             key->max_count, range);
    break;
  }
}

static mn_status bad_value(mn_ctx *ctx, const mn_scenario_key *key, const char *text, size_t len,
                           const char *where, const char *problem)
{
  char shown[128], expected[384];
  mni_quote_for_message(shown, sizeof shown, text, len);
  describe_expected(key, expected, sizeof expected);
  return mni_fail_key(ctx, MN_E_CONFIG, key->path, text, len, "%s%s = %s: %s; expected %s", where,
                      key->path, shown, problem, expected);
}

/* ---- Conversion ------------------------------------------------------------------------------ */

static mn_status assign_double(mn_ctx *ctx, mn_scenario *s, const mn_scenario_key *key,
                               const char *t, size_t n, const char *where)
{
  double v = (double)NAN;
  if (is_null_text(t, n)) {
    if (!key->is_optional) return bad_value(ctx, key, t, n, where, "a value is required");
  } else {
    if (!is_decimal(t, n) || n >= 64) return bad_value(ctx, key, t, n, where, "not a number");
    char num[64];
    memcpy(num, t, n);
    num[n] = '\0';
    errno = 0;
    double u = strtod(num, NULL);
    if (errno == ERANGE || !isfinite(u) || u < key->min || u > key->max)
      return bad_value(ctx, key, t, n, where, "out of range");
    v = u == 0.0 ? 0.0 : u * key->to_si; /* "-0" is 0: never echoed back as "-0" */
  }
  memcpy(mni_scenario_field(s, key), &v, sizeof v);
  return MN_OK;
}

static mn_status assign_int(mn_ctx *ctx, mn_scenario *s, const mn_scenario_key *key, const char *t,
                            size_t n, const char *where)
{
  int v = -1;
  if (is_null_text(t, n)) {
    if (!key->is_optional) return bad_value(ctx, key, t, n, where, "a value is required");
  } else {
    if (!is_integer(t, n, true))
      return bad_value(ctx, key, t, n, where, is_decimal(t, n) ? "not an integer" : "not a number");
    char num[32];
    if (n >= sizeof num) return bad_value(ctx, key, t, n, where, "out of range");
    memcpy(num, t, n);
    num[n] = '\0';
    errno = 0;
    long long u = strtoll(num, NULL, 10);
    if (errno == ERANGE || (double)u < key->min || (double)u > key->max)
      return bad_value(ctx, key, t, n, where, "out of range");
    v = (int)u;
  }
  memcpy(mni_scenario_field(s, key), &v, sizeof v);
  return MN_OK;
}

static mn_status assign_uint64(mn_ctx *ctx, mn_scenario *s, const mn_scenario_key *key,
                               const char *t, size_t n, const char *where)
{
  if (!is_integer(t, n, false))
    return bad_value(ctx, key, t, n, where,
                     is_decimal(t, n) ? "not a non-negative integer" : "not a number");
  char num[32];
  if (n >= sizeof num) return bad_value(ctx, key, t, n, where, "out of range");
  memcpy(num, t, n);
  num[n] = '\0';
  errno = 0;
  unsigned long long u = strtoull(num, NULL, 10);
  if (errno == ERANGE) return bad_value(ctx, key, t, n, where, "out of range");
  uint64_t v = (uint64_t)u;
  memcpy(mni_scenario_field(s, key), &v, sizeof v);
  return MN_OK;
}

static mn_status assign_bool(mn_ctx *ctx, mn_scenario *s, const mn_scenario_key *key, const char *t,
                             size_t n, const char *where)
{
  bool v;
  if (text_equals(t, n, "true") || text_equals(t, n, "True") || text_equals(t, n, "TRUE"))
    v = true;
  else if (text_equals(t, n, "false") || text_equals(t, n, "False") || text_equals(t, n, "FALSE"))
    v = false;
  else
    return bad_value(ctx, key, t, n, where, "not a boolean");
  memcpy(mni_scenario_field(s, key), &v, sizeof v);
  return MN_OK;
}

static mn_status assign_enum(mn_ctx *ctx, mn_scenario *s, const mn_scenario_key *key, const char *t,
                             size_t n, const char *where)
{
  for (int i = 0; key->enum_names[i] != NULL; i++) {
    if (text_equals(t, n, key->enum_names[i])) {
      memcpy(mni_scenario_field(s, key), &i, sizeof i);
      return MN_OK;
    }
  }
  return bad_value(ctx, key, t, n, where, "unknown value");
}

static mn_status assign_string(mn_ctx *ctx, mn_scenario *s, const mn_scenario_key *key,
                               const char *t, size_t n, const char *where)
{
  if (n >= key->size) return bad_value(ctx, key, t, n, where, "too long");
  for (size_t i = 0, k; i < n; i += k) {
    const unsigned char c = (unsigned char)t[i];
    if (c < 0x20 || c == 0x7f)
      return bad_value(ctx, key, t, n, where, "contains a control character");
    k = mni_utf8_len((const unsigned char *)t + i, n - i);
    if (k == 0) return bad_value(ctx, key, t, n, where, "is not UTF-8 text");
  }
  char *field = mni_scenario_field(s, key);
  memcpy(field, t, n);
  memset(field + n, 0, key->size - n);
  return MN_OK;
}

/* ---- Lists ----------------------------------------------------------------------------------- */

static void format_double(double si, double to_si, char *buf, size_t n);

static int list_count(const mn_scenario *s, const mn_scenario_key *key)
{
  int n;
  memcpy(&n, (const char *)s + key->count_offset, sizeof n);
  return n;
}

void mni_scenario_list_clear(mn_scenario *s, const mn_scenario_key *key)
{
  const int zero = 0;
  memset(mni_scenario_field(s, key), 0, key->size);
  memcpy((char *)s + key->count_offset, &zero, sizeof zero);
}

mn_status mni_scenario_list_append(mn_ctx *ctx, mn_scenario *s, const mn_scenario_key *key,
                                   const char *text, size_t len, bool is_quoted, const char *where)
{
  int n = list_count(s, key);
  char problem[160];
  if (n < 0 || (size_t)n >= key->max_count) {
    snprintf(problem, sizeof problem, "element %d is one too many", n + 1);
    return bad_value(ctx, key, text, len, where, problem);
  }
  if (is_quoted) {
    snprintf(problem, sizeof problem,
             "element %d is a quoted string, not a number (remove the quotes)", n + 1);
    return bad_value(ctx, key, text, len, where, problem);
  }
  if (!is_decimal(text, len) || len >= 64) {
    snprintf(problem, sizeof problem, "element %d is not a number", n + 1);
    return bad_value(ctx, key, text, len, where, problem);
  }
  char num[64];
  memcpy(num, text, len);
  num[len] = '\0';
  errno = 0;
  double u = strtod(num, NULL);
  if (errno == ERANGE || !isfinite(u) || u < key->min || u > key->max) {
    snprintf(problem, sizeof problem, "element %d is out of range", n + 1);
    return bad_value(ctx, key, text, len, where, problem);
  }
  double *values = mni_scenario_field(s, key), v = u == 0.0 ? 0.0 : u * key->to_si; /* no -0 */
  if (n > 0 && !key->is_any_order && !(v > values[n - 1])) {
    const char *unit = mn_scenario_key_unit(key);
    char prev[40];
    format_double(values[n - 1], key->to_si, prev, sizeof prev);
    snprintf(problem, sizeof problem, "element %d is not greater than element %d (%s%s%s)", n + 1,
             n, prev, unit[0] ? " " : "", unit);
    return bad_value(ctx, key, text, len, where, problem);
  }
  values[n++] = v;
  memcpy((char *)s + key->count_offset, &n, sizeof n);
  return MN_OK;
}

static bool is_blank_char(char c)
{
  return c == ' ' || c == '\t';
}

/* The --set forms: "1,4,24", "[1, 4, 24]", "6", and null, ~, "" or [] for none. */
static mn_status assign_list(mn_ctx *ctx, mn_scenario *s, const mn_scenario_key *key, const char *t,
                             size_t n, const char *where)
{
  mn_scenario work = *s;
  mni_scenario_list_clear(&work, key);
  if (is_null_text(t, n)) {
    *s = work;
    return MN_OK;
  }
  if (t[0] == '[' || t[n - 1] == ']') {
    if (n < 2 || t[0] != '[' || t[n - 1] != ']')
      return bad_value(ctx, key, t, n, where, "an unclosed bracket");
    t++, n -= 2;
    while (n > 0 && is_blank_char(t[0]))
      t++, n--;
    if (n == 0) { /* [] */
      *s = work;
      return MN_OK;
    }
  }
  for (size_t b = 0; b <= n;) {
    size_t e = b;
    while (e < n && t[e] != ',')
      e++;
    size_t eb = b, ee = e;
    while (eb < ee && is_blank_char(t[eb]))
      eb++;
    while (ee > eb && is_blank_char(t[ee - 1]))
      ee--;
    MN_TRY(mni_scenario_list_append(ctx, &work, key, t + eb, ee - eb, false, where));
    b = e + 1;
  }
  *s = work;
  return MN_OK;
}

mn_status mni_scenario_assign(mn_ctx *ctx, mn_scenario *s, const mn_scenario_key *key,
                              const char *text, size_t len, bool is_quoted, const char *where)
{
  if (key->type == MN_KEY_STRING) {
    /* A plain null on a name means "none": the empty name. */
    if (!is_quoted && is_null_text(text, len)) len = 0;
    return assign_string(ctx, s, key, text, len, where);
  }
  /* An enum value is a name, so "roller" may be quoted; a quoted number or boolean is text. */
  if (is_quoted && key->type != MN_KEY_ENUM) {
    char problem[96];
    snprintf(problem, sizeof problem, "a quoted string, not %s (remove the quotes)",
             type_word(key->type));
    return bad_value(ctx, key, text, len, where, problem);
  }
  switch (key->type) {
  case MN_KEY_DOUBLE:
    return assign_double(ctx, s, key, text, len, where);
  case MN_KEY_INT:
    return assign_int(ctx, s, key, text, len, where);
  case MN_KEY_UINT64:
    return assign_uint64(ctx, s, key, text, len, where);
  case MN_KEY_BOOL:
    return assign_bool(ctx, s, key, text, len, where);
  case MN_KEY_ENUM:
    return assign_enum(ctx, s, key, text, len, where);
  case MN_KEY_DOUBLE_LIST:
    return assign_list(ctx, s, key, text, len, where);
  case MN_KEY_STRING:
    break;
  }
  return mni_fail(ctx, MN_E_CONFIG, "%s%s: unknown key type", where, key->path);
}

/* The keys that name a catalogue's entry. They are checked through core's lists of names: the
 * stages that read the catalogues (skin, device, transport) are downstream of the scenario. */
static const struct {
  const char *path;
  mni_slot_id catalogue;
  bool may_be_empty; /* empty: none (the device's type, the formulation's own numbers) */
} name_keys[] = {
    {"skin.site", MNI_SLOT_SITES, false},
    {"device.model", MNI_SLOT_DEVICES, true},
    {"formulation.compound", MNI_SLOT_COMPOUNDS, true},
    {"indication", MNI_SLOT_INDICATIONS, true},
};

mn_status mni_scenario_check_name(mn_ctx *ctx, const mn_scenario *s, const mn_scenario_key *key,
                                  const char *where)
{
  for (size_t i = 0; i < sizeof name_keys / sizeof name_keys[0]; i++) {
    if (strcmp(key->path, name_keys[i].path) != 0) continue;
    const char *name = mni_scenario_field_const(s, key);
    if (name[0] == '\0' && name_keys[i].may_be_empty) return MN_OK;
    mn_status st = mni_catalog_check_name(ctx, name_keys[i].catalogue, name);
    if (st == MN_OK) return MN_OK;
    char detail[MNI_ERRMSG_MAX], shown[128];
    snprintf(detail, sizeof detail, "%s", mn_ctx_errmsg(ctx));
    mni_quote_for_message(shown, sizeof shown, name, strlen(name));
    return mni_fail_key(ctx, st, key->path, name, strlen(name), "%s%s = %s: %s", where, key->path,
                        shown, detail);
  }
  return MN_OK;
}

/* ---- Formatting in the user's unit ----------------------------------------------------------- */

/* The shortest %.Ng (N >= 6) that reads back to the same SI value, so that to_yaml -> load is
 * exact and the text stays short ("1.5", not "1.5000000000000002"). */
static void format_double(double si, double to_si, char *buf, size_t n)
{
  double u = si == 0.0 ? 0.0 : si / to_si; /* a -0 set through the API is shown as 0 */
  for (int p = 6; p <= 17; p++) {
    snprintf(buf, n, "%.*g", p, u);
    if (strtod(buf, NULL) * to_si == si) return;
  }
  /* No decimal text multiplies back exactly (a value set through the API): nearest one. */
  snprintf(buf, n, "%.17g", u);
}

/* "[1, 4, 24]" (a YAML flow sequence), "null" when empty; a list longer than buf ends in
 * "...]". */
static void format_list(const mn_scenario *s, const mn_scenario_key *key, char *buf, size_t n)
{
  int count = list_count(s, key);
  if (count <= 0) {
    snprintf(buf, n, "null");
    return;
  }
  if (count > (int)key->max_count) count = (int)key->max_count; /* validate says so */
  const double *values = mni_scenario_field_const(s, key);
  size_t o = 0;
  buf[o++] = '[';
  for (int i = 0; i < count; i++) {
    char one[40];
    format_double(values[i], key->to_si, one, sizeof one);
    size_t m = strlen(one) + (i > 0 ? 2 : 0);
    if (o + m + 5 > n) { /* room for "...]" and the NUL */
      memcpy(buf + o, "...", 3);
      o += 3;
      break;
    }
    snprintf(buf + o, n - o, "%s%s", i > 0 ? ", " : "", one);
    o += m;
  }
  buf[o++] = ']';
  buf[o] = '\0';
}

mn_status mn_scenario_format_value(mn_ctx *ctx, const mn_scenario *s, const mn_scenario_key *key,
                                   char *buf, size_t buf_size)
{
  MNI_C_LOCALE();
  MN_REQUIRE(ctx, s != NULL && key != NULL && buf != NULL && buf_size >= 32, MN_E_ARG,
             "mn_scenario_format_value: NULL argument or buffer under 32 bytes");
  const void *f = mni_scenario_field_const(s, key);
  double d;
  int i;
  bool b;
  uint64_t u;
  switch (key->type) {
  case MN_KEY_DOUBLE:
    memcpy(&d, f, sizeof d);
    if (isnan(d))
      snprintf(buf, buf_size, "null");
    else
      format_double(d, key->to_si, buf, buf_size);
    break;
  case MN_KEY_INT:
    memcpy(&i, f, sizeof i);
    if (key->is_optional && i == -1)
      snprintf(buf, buf_size, "null");
    else
      snprintf(buf, buf_size, "%d", i);
    break;
  case MN_KEY_UINT64:
    memcpy(&u, f, sizeof u);
    snprintf(buf, buf_size, "%" PRIu64, u);
    break;
  case MN_KEY_BOOL:
    memcpy(&b, f, sizeof b);
    snprintf(buf, buf_size, "%s", b ? "true" : "false");
    break;
  case MN_KEY_ENUM: {
    memcpy(&i, f, sizeof i);
    int n_names = 0;
    while (key->enum_names[n_names] != NULL)
      n_names++;
    snprintf(buf, buf_size, "%s", i >= 0 && i < n_names ? key->enum_names[i] : "(invalid)");
    break;
  }
  case MN_KEY_STRING:
    snprintf(buf, buf_size, "%.*s", (int)(key->size - 1), (const char *)f);
    break;
  case MN_KEY_DOUBLE_LIST:
    format_list(s, key, buf, buf_size);
    break;
  }
  return MN_OK;
}
