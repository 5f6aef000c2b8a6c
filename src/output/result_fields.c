/* The fields of a result's summary by their dotted names ("absorption.enhancement_ratio"), for
 * bindings that should know no struct layout. The summary tree (mni_summary_build) is built once,
 * on the first read, and flattened into a table owned by the result: names, strings and number
 * arrays are copied into the context's allocator and the cJSON tree is deleted at once, so no
 * cJSON memory outlives the call or reaches the caller. (cJSON_InitHooks could route cJSON's own
 * allocations, but it is process-wide: it cannot follow a per-context allocator when two
 * contexts run in two threads, so it is left alone.) */
#include <cjson/cJSON.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "absorption/absorb_int.h"
#include "core/core_int.h"
#include "mnsim/output.h"
#include "output/summary_int.h"
#include "run/result_int.h"

typedef struct field {
  char *name; /* dotted path */
  size_t name_size;
  mn_field_type type;
  double number;     /* MN_FIELD_NUMBER, MN_FIELD_BOOL (0/1) */
  bool is_exact_int; /* number holds an integer given exactly (raw digits or |x| < 2^53) */
  int64_t int_value; /* when is_exact_int */
  char *text;        /* MN_FIELD_STRING; MN_FIELD_NUMBER: the JSON text of the number */
  size_t text_size;
  double *values; /* MN_FIELD_NUMBER_ARRAY */
  char **strings; /* MN_FIELD_STRING_ARRAY */
  size_t n;       /* array length */
} field;

typedef struct field_table {
  mn_ctx *ctx;
  field *f;
  size_t n, cap;
} field_table;

static char *dup_text(mn_ctx *ctx, const char *s, size_t *size)
{
  *size = strlen(s) + 1;
  char *d = mn_alloc(ctx, *size);
  if (d != NULL) memcpy(d, s, *size);
  return d;
}

static void field_free(mn_ctx *ctx, field *f)
{
  mn_free(ctx, f->name, f->name_size);
  mn_free(ctx, f->text, f->text_size);
  if (f->values != NULL) mn_free(ctx, f->values, f->n * sizeof *f->values);
  if (f->strings != NULL) {
    for (size_t i = 0; i < f->n; i++)
      if (f->strings[i] != NULL) mn_free(ctx, f->strings[i], strlen(f->strings[i]) + 1);
    mn_free(ctx, f->strings, f->n * sizeof *f->strings);
  }
}

static void table_free(mn_result *r)
{
  field_table *t = r->fields;
  if (t == NULL) return;
  for (size_t i = 0; i < t->n; i++)
    field_free(t->ctx, &t->f[i]);
  mn_free(t->ctx, t->f, t->cap * sizeof *t->f);
  mn_free(t->ctx, t, sizeof *t);
  r->fields = NULL;
  r->fields_free = NULL;
}

static field *table_push(field_table *t)
{
  if (t->n == t->cap) {
    size_t cap = t->cap ? 2 * t->cap : 64;
    field *g = mn_realloc(t->ctx, t->f, t->cap * sizeof *g, cap * sizeof *g);
    if (g == NULL) return NULL;
    t->f = g;
    t->cap = cap;
  }
  field *f = &t->f[t->n++];
  memset(f, 0, sizeof *f);
  return f;
}

/* A number item: its value, and whether it is an integer known to the last digit. */
static void number_of(const cJSON *it, field *f)
{
  if (cJSON_IsRaw(it)) { /* the seed: decimal digits of a uint64 */
    errno = 0;
    unsigned long long u = strtoull(it->valuestring, NULL, 10);
    f->number = (double)u;
    f->is_exact_int = errno == 0 && u <= (unsigned long long)INT64_MAX;
    f->int_value = f->is_exact_int ? (int64_t)u : 0;
    return;
  }
  f->number = it->valuedouble;
  f->is_exact_int = isfinite(f->number) && f->number == floor(f->number) &&
                    fabs(f->number) <= 9007199254740992.0; /* 2^53 */
  f->int_value = f->is_exact_int ? (int64_t)f->number : 0;
}

static mn_status add_array(field_table *t, field *f, const cJSON *it)
{
  int count = cJSON_GetArraySize(it);
  f->n = (size_t)count;
  const cJSON *first = it->child;
  /* An empty array keeps the type of its field in every run: the summary's only arrays of text
   * are its warnings lists. */
  size_t n_name = strlen(f->name);
  bool is_text = first != NULL ? cJSON_IsString(first) || cJSON_IsObject(first)
                               : n_name >= 8 && strcmp(f->name + n_name - 8, "warnings") == 0;
  f->type = is_text ? MN_FIELD_STRING_ARRAY : MN_FIELD_NUMBER_ARRAY;
  if (f->n == 0) return MN_OK;
  if (is_text) {
    f->strings = mn_calloc(t->ctx, f->n, sizeof *f->strings);
    if (f->strings == NULL) return MN_E_NOMEM;
  } else {
    f->values = mn_calloc(t->ctx, f->n, sizeof *f->values);
    if (f->values == NULL) return MN_E_NOMEM;
  }
  size_t i = 0;
  for (const cJSON *e = first; e != NULL; e = e->next, i++) {
    if (is_text) {
      size_t size = 0;
      if (cJSON_IsObject(e)) { /* safety.warnings: each entry as its compact JSON text */
        char *js = cJSON_PrintUnformatted(e);
        if (js == NULL) return MN_E_NOMEM;
        f->strings[i] = dup_text(t->ctx, js, &size);
        cJSON_free(js);
      } else {
        f->strings[i] = dup_text(t->ctx, cJSON_IsString(e) ? e->valuestring : "", &size);
      }
      if (f->strings[i] == NULL) return MN_E_NOMEM;
    } else {
      f->values[i] = cJSON_IsNumber(e) ? e->valuedouble : (double)NAN;
    }
  }
  return MN_OK;
}

static mn_status flatten(field_table *t, const cJSON *obj, const char *prefix)
{
  for (const cJSON *it = obj->child; it != NULL; it = it->next) {
    char name[256];
    snprintf(name, sizeof name, "%s%s%s", prefix, prefix[0] ? "." : "", it->string);
    if (cJSON_IsObject(it)) {
      MN_TRY(flatten(t, it, name));
      continue;
    }
    field *f = table_push(t);
    if (f == NULL) return MN_E_NOMEM;
    f->name = dup_text(t->ctx, name, &f->name_size);
    if (f->name == NULL) return MN_E_NOMEM;
    if (cJSON_IsArray(it)) {
      MN_TRY(add_array(t, f, it));
    } else if (cJSON_IsBool(it)) {
      f->type = MN_FIELD_BOOL;
      f->number = cJSON_IsTrue(it) ? 1.0 : 0.0;
    } else if (cJSON_IsString(it)) {
      f->type = MN_FIELD_STRING;
      f->text = dup_text(t->ctx, it->valuestring, &f->text_size);
      if (f->text == NULL) return MN_E_NOMEM;
    } else if (cJSON_IsNumber(it) || cJSON_IsRaw(it)) {
      f->type = MN_FIELD_NUMBER;
      number_of(it, f);
      char buf[40];
      if (cJSON_IsRaw(it))
        snprintf(buf, sizeof buf, "%s", it->valuestring);
      else
        snprintf(buf, sizeof buf, "%.17g", f->number);
      f->text = dup_text(t->ctx, buf, &f->text_size);
      if (f->text == NULL) return MN_E_NOMEM;
    } else {
      f->type = MN_FIELD_NULL; /* a number that is not finite (dry_time_h = never) */
      f->number = (double)NAN;
    }
  }
  return MN_OK;
}

/* The seed read back from text is a double: put the exact integer back. */
static mn_status exact_seed(field_table *t, uint64_t seed)
{
  for (size_t i = 0; i < t->n; i++) {
    field *f = &t->f[i];
    if (strcmp(f->name, "seed") != 0 || f->type != MN_FIELD_NUMBER) continue;
    char buf[24];
    snprintf(buf, sizeof buf, "%" PRIu64, seed);
    mn_free(t->ctx, f->text, f->text_size);
    f->text = dup_text(t->ctx, buf, &f->text_size);
    if (f->text == NULL) return MN_E_NOMEM;
    f->number = (double)seed;
    f->is_exact_int = seed <= (uint64_t)INT64_MAX;
    f->int_value = f->is_exact_int ? (int64_t)seed : 0;
  }
  return MN_OK;
}

/* The table of r, built on first use. The result is logically const: the table only caches
 * what mni_summary_build computes from it. */
static mn_status table_of(const mn_result *rc, field_table **out)
{
  MNI_C_LOCALE(); /* the summary text is read back with strtod */
  mn_result *r = (mn_result *)rc;
  if (r->fields != NULL) {
    *out = r->fields;
    return MN_OK;
  }
  mn_ctx *ctx = r->ctx;
  field_table *t = mn_calloc(ctx, 1, sizeof *t);
  if (t == NULL) return MN_E_NOMEM;
  t->ctx = ctx;
  r->fields = t;
  r->fields_free = table_free;
  /* The tree printed and read back, so every number is the one the summary's text shows (cJSON
   * prints 15 digits when they read back to within about an ulp, so the text may differ from
   * the double in the C structs in its last bit). */
  cJSON *built = mni_summary_build(r);
  char *text = built != NULL ? cJSON_Print(built) : NULL;
  cJSON_Delete(built);
  cJSON *root = text != NULL ? cJSON_Parse(text) : NULL;
  cJSON_free(text);
  mn_status st = root != NULL ? flatten(t, root, "") : MN_E_NOMEM;
  cJSON_Delete(root);
  if (st == MN_OK) st = exact_seed(t, r->scenario.seed);
  if (st != MN_OK) {
    table_free(r);
    return mni_fail(ctx, st, "result fields: out of memory");
  }
  *out = t;
  return MN_OK;
}

static const char *type_word(mn_field_type type)
{
  switch (type) {
  case MN_FIELD_NULL:
    return "null";
  case MN_FIELD_BOOL:
    return "a bool";
  case MN_FIELD_NUMBER:
    return "a number";
  case MN_FIELD_STRING:
    return "a string";
  case MN_FIELD_NUMBER_ARRAY:
    return "an array of numbers";
  case MN_FIELD_STRING_ARRAY:
    return "an array of strings";
  }
  return "?";
}

/* The field called name, or MN_E_NOTFOUND naming it. */
static mn_status find(const mn_result *r, const char *fn, const char *name, const field **out)
{
  if (r == NULL) return MN_E_ARG;
  MN_REQUIRE(r->ctx, name != NULL, MN_E_ARG, "%s: NULL field name", fn);
  field_table *t = NULL;
  MN_TRY(table_of(r, &t));
  for (size_t i = 0; i < t->n; i++)
    if (strcmp(t->f[i].name, name) == 0) {
      *out = &t->f[i];
      return MN_OK;
    }
  /* a section ("absorption") gets a hint: its fields have dotted names */
  size_t len = strlen(name);
  for (size_t i = 0; i < t->n; i++)
    if (strncmp(t->f[i].name, name, len) == 0 && t->f[i].name[len] == '.')
      return mni_fail(r->ctx, MN_E_NOTFOUND,
                      "%s: '%s' is a section of the summary, not a field; its fields are named "
                      "like '%s'",
                      fn, name, t->f[i].name);
  return mni_fail(r->ctx, MN_E_NOTFOUND,
                  "%s: no field '%s' in the summary of this run (mn_result_field_name lists "
                  "them)",
                  fn, name);
}

static mn_status wrong_type(const mn_result *r, const char *fn, const field *f, const char *want)
{
  return mni_fail(r->ctx, MN_E_ARG, "%s: field '%s' is %s, not %s", fn, f->name, type_word(f->type),
                  want);
}

size_t mn_result_field_count(const mn_result *r)
{
  field_table *t = NULL;
  if (r == NULL || table_of(r, &t) != MN_OK) return 0;
  return t->n;
}

const char *mn_result_field_name(const mn_result *r, size_t i)
{
  field_table *t = NULL;
  if (r == NULL || table_of(r, &t) != MN_OK || i >= t->n) return NULL;
  return t->f[i].name;
}

mn_status mn_result_field_type(const mn_result *r, const char *name, mn_field_type *type)
{
  const field *f = NULL;
  MN_TRY(find(r, "mn_result_field_type", name, &f));
  MN_REQUIRE(r->ctx, type != NULL, MN_E_ARG, "mn_result_field_type: type is NULL");
  *type = f->type;
  return MN_OK;
}

const char *mn_field_type_name(mn_field_type type)
{
  switch (type) {
  case MN_FIELD_NULL:
    return "null";
  case MN_FIELD_BOOL:
    return "bool";
  case MN_FIELD_NUMBER:
    return "number";
  case MN_FIELD_STRING:
    return "string";
  case MN_FIELD_NUMBER_ARRAY:
    return "number_array";
  case MN_FIELD_STRING_ARRAY:
    return "string_array";
  }
  return "?";
}

mn_status mn_result_get_double(const mn_result *r, const char *name, double *out)
{
  const field *f = NULL;
  MN_TRY(find(r, "mn_result_get_double", name, &f));
  MN_REQUIRE(r->ctx, out != NULL, MN_E_ARG, "mn_result_get_double: out is NULL");
  if (f->type != MN_FIELD_NUMBER && f->type != MN_FIELD_NULL)
    return wrong_type(r, "mn_result_get_double", f, "a number");
  *out = f->number;
  return MN_OK;
}

mn_status mn_result_get_int64(const mn_result *r, const char *name, int64_t *out)
{
  const field *f = NULL;
  MN_TRY(find(r, "mn_result_get_int64", name, &f));
  MN_REQUIRE(r->ctx, out != NULL, MN_E_ARG, "mn_result_get_int64: out is NULL");
  if (f->type != MN_FIELD_NUMBER) return wrong_type(r, "mn_result_get_int64", f, "a number");
  MN_REQUIRE(r->ctx, f->is_exact_int, MN_E_ARG,
             "mn_result_get_int64: field '%s' = %s is not an integer that int64 holds exactly",
             f->name, f->text);
  *out = f->int_value;
  return MN_OK;
}

mn_status mn_result_get_bool(const mn_result *r, const char *name, bool *out)
{
  const field *f = NULL;
  MN_TRY(find(r, "mn_result_get_bool", name, &f));
  MN_REQUIRE(r->ctx, out != NULL, MN_E_ARG, "mn_result_get_bool: out is NULL");
  if (f->type != MN_FIELD_BOOL) return wrong_type(r, "mn_result_get_bool", f, "a bool");
  *out = f->number != 0.0;
  return MN_OK;
}

mn_status mn_result_get_string(const mn_result *r, const char *name, const char **out)
{
  const field *f = NULL;
  MN_TRY(find(r, "mn_result_get_string", name, &f));
  MN_REQUIRE(r->ctx, out != NULL, MN_E_ARG, "mn_result_get_string: out is NULL");
  if (f->type != MN_FIELD_STRING && f->type != MN_FIELD_NUMBER)
    return wrong_type(r, "mn_result_get_string", f, "a string");
  *out = f->text;
  return MN_OK;
}

mn_status mn_result_field_length(const mn_result *r, const char *name, size_t *n)
{
  const field *f = NULL;
  MN_TRY(find(r, "mn_result_field_length", name, &f));
  MN_REQUIRE(r->ctx, n != NULL, MN_E_ARG, "mn_result_field_length: n is NULL");
  if (f->type != MN_FIELD_NUMBER_ARRAY && f->type != MN_FIELD_STRING_ARRAY)
    return wrong_type(r, "mn_result_field_length", f, "an array");
  *n = f->n;
  return MN_OK;
}

mn_status mn_result_get_array(const mn_result *r, const char *name, const double **values,
                              size_t *n)
{
  const field *f = NULL;
  MN_TRY(find(r, "mn_result_get_array", name, &f));
  MN_REQUIRE(r->ctx, values != NULL && n != NULL, MN_E_ARG, "mn_result_get_array: NULL argument");
  if (f->type != MN_FIELD_NUMBER_ARRAY)
    return wrong_type(r, "mn_result_get_array", f, "an array of numbers");
  *values = f->values;
  *n = f->n;
  return MN_OK;
}

mn_status mn_result_copy_array(const mn_result *r, const char *name, double *buf, size_t buf_len,
                               size_t *n)
{
  const field *f = NULL;
  MN_TRY(find(r, "mn_result_copy_array", name, &f));
  MN_REQUIRE(r->ctx, n != NULL && (buf != NULL || buf_len == 0), MN_E_ARG,
             "mn_result_copy_array: NULL argument");
  if (f->type != MN_FIELD_NUMBER_ARRAY)
    return wrong_type(r, "mn_result_copy_array", f, "an array of numbers");
  *n = f->n;
  if (f->n > 0 && buf_len > 0)
    memcpy(buf, f->values, (f->n < buf_len ? f->n : buf_len) * sizeof *buf);
  return MN_OK;
}

mn_status mn_result_get_string_at(const mn_result *r, const char *name, size_t i, const char **out)
{
  const field *f = NULL;
  MN_TRY(find(r, "mn_result_get_string_at", name, &f));
  MN_REQUIRE(r->ctx, out != NULL, MN_E_ARG, "mn_result_get_string_at: out is NULL");
  if (f->type != MN_FIELD_STRING_ARRAY)
    return wrong_type(r, "mn_result_get_string_at", f, "an array of strings");
  MN_REQUIRE(r->ctx, i < f->n, MN_E_ARG, "mn_result_get_string_at: '%s'[%zu]: it has %zu entries",
             f->name, i, f->n);
  *out = f->strings[i];
  return MN_OK;
}

/* ---- The concentration field of a spatial run ----------------------------------------------- */

static const mni_field_store *store_of(const mn_result *r)
{
  return r != NULL && r->absorption != NULL ? mni_absorption_field(r->absorption) : NULL;
}

size_t mn_result_field_times(const mn_result *r, const double **t_s)
{
  const mni_field_store *f = store_of(r);
  if (t_s != NULL) *t_s = f != NULL ? f->t_s : NULL;
  return f != NULL ? f->n_t : 0;
}

mn_status mn_result_field_dims(const mn_result *r, size_t *n_x, size_t *n_y, size_t *n_z,
                               bool *is_3d)
{
  if (r == NULL) return MN_E_ARG;
  const mni_field_store *f = store_of(r);
  MN_REQUIRE(r->ctx, f != NULL, MN_E_NOTFOUND,
             "mn_result_field_dims: this run has no concentration field (only axisymmetric and "
             "3d runs keep one)");
  if (n_x != NULL) *n_x = f->n_x;
  if (n_y != NULL) *n_y = f->n_y;
  if (n_z != NULL) *n_z = f->n_z;
  if (is_3d != NULL) *is_3d = f->is_3d != 0;
  return MN_OK;
}

mn_status mn_result_field_edges(const mn_result *r, int axis, const double **edges_m,
                                size_t *n_edges)
{
  if (r == NULL) return MN_E_ARG;
  const mni_field_store *f = store_of(r);
  MN_REQUIRE(r->ctx, f != NULL, MN_E_NOTFOUND,
             "mn_result_field_edges: this run has no concentration field");
  MN_REQUIRE(r->ctx, (axis == 0 || axis == 1 || axis == 2) && edges_m != NULL && n_edges != NULL,
             MN_E_ARG, "mn_result_field_edges: axis = %d must be 0 (x or r), 1 (y) or 2 (z)", axis);
  const double *e = axis == 0 ? f->x_edges_m : axis == 1 ? f->y_edges_m : f->z_edges_m;
  size_t n = axis == 0 ? f->n_x : axis == 1 ? f->n_y : f->n_z;
  *edges_m = e;
  *n_edges = e != NULL ? n + 1 : 0; /* the axisymmetric cell has no y axis */
  return MN_OK;
}

mn_status mn_result_field_values(const mn_result *r, size_t time_index,
                                 const double **conc_kg_per_m3, size_t *n_cells)
{
  if (r == NULL) return MN_E_ARG;
  const mni_field_store *f = store_of(r);
  MN_REQUIRE(r->ctx, f != NULL, MN_E_NOTFOUND,
             "mn_result_field_values: this run has no concentration field");
  MN_REQUIRE(r->ctx, conc_kg_per_m3 != NULL && n_cells != NULL, MN_E_ARG,
             "mn_result_field_values: NULL argument");
  MN_REQUIRE(r->ctx, time_index < f->n_t, MN_E_ARG,
             "mn_result_field_values: time index %zu: the field has %zu times", time_index, f->n_t);
  size_t cells = f->n_x * f->n_y * f->n_z;
  *conc_kg_per_m3 = f->conc_kg_per_m3 + time_index * cells;
  *n_cells = cells;
  return MN_OK;
}
