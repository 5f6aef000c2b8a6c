/* The scenario loader: a YAML file or text into an mn_scenario.
 *
 * The text is checked before the YAML parser sees it: size limit, UTF-8 without control bytes,
 * and the part of YAML a scenario needs (check_yaml_subset: no anchors, aliases, tags, explicit
 * keys, block scalars, directives or tabs, on which libfyaml 0.7.12 can crash or blow up). Then
 * libfyaml parses it and its first error is reported with line and column. The mapping is walked
 * by dotted path ("device" + "needle_length_mm"); every leaf must be a key of the table and its
 * scalar goes through mni_scenario_assign. Single-quoted scalars are decoded here, not by
 * libfyaml, which leaks when it unescapes several ''. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <libfyaml.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/catalog_int.h"
#include "scenario/scenario_int.h"

#define PATH_MAX_LEN 128

typedef struct load_state {
  mn_ctx *ctx;
  const char *origin;
  bool is_file; /* origin is the file's path: `catalogs` are relative to its folder */
  mn_scenario *s;
  int seen_line[256]; /* line where each key of the table was given (0: not given) */
  char sections_seen[16][32]; /* the sections given, and their lines */
  int section_line[16];
  size_t n_sections;
  int value_line[256], value_col[256]; /* where each key's value was given */
  char first_error[512];               /* libfyaml's first diagnostic, "L:C: message" */
  int error_line, error_col;
  const char *text; /* the input, which token marks index */
  size_t len;
  char scalar[2][512]; /* decoded single-quoted scalars: a key and its value at most */
} load_state;

/* ---- Where things are ------------------------------------------------------------------------ */

/* Line and column (1-based) of a node: its own token for scalars, else its first scalar's. */
static void node_mark(struct fy_node *node, int *line, int *col)
{
  void *iter = NULL;
  int depth = 0;
  *line = 0;
  *col = 0;
  while (node != NULL && !fy_node_is_scalar(node) && depth++ < 64) {
    iter = NULL;
    if (fy_node_is_mapping(node)) {
      struct fy_node_pair *p = fy_node_mapping_iterate(node, &iter);
      node = p ? fy_node_pair_key(p) : NULL;
    } else {
      node = fy_node_sequence_iterate(node, &iter);
    }
  }
  struct fy_token *t = (node && fy_node_is_scalar(node)) ? fy_node_get_scalar_token(node) : NULL;
  const struct fy_mark *m = t ? fy_token_start_mark(t) : NULL;
  if (m != NULL) {
    *line = m->line + 1;
    *col = m->column + 1;
  }
}

static void where_at(const load_state *ls, int line, int col, char *buf, size_t n)
{
  if (line > 0)
    snprintf(buf, n, "%s:%d:%d: ", ls->origin, line, col);
  else
    snprintf(buf, n, "%s: ", ls->origin);
}

static const char *node_kind(struct fy_node *n)
{
  if (n == NULL) return "nothing";
  if (fy_node_is_mapping(n)) return "a mapping";
  if (fy_node_is_sequence(n)) return "a sequence";
  return "a scalar";
}

/* ---- Scalar text ----------------------------------------------------------------------------- */

static bool is_blank(char c)
{
  return c == ' ' || c == '\t';
}

/* YAML 1.2 single-quoted scalar (spec 7.3.2) from its raw content between the quotes: '' is a
 * quote; a line break between two lines folds to a space, n empty lines between them to n line
 * breaks; blanks around line breaks go. Output is cut at n - 1 bytes (longer is refused later
 * anyway). libfyaml 0.7.12 leaks a buffer when it unescapes several '' itself. */
static size_t decode_single_quoted(const char *raw, size_t raw_len, char *out, size_t n)
{
  size_t o = 0, i = 0, empty_lines = 0;
  bool is_first = true;
  while (i <= raw_len) {
    size_t b = i, e = i;
    while (e < raw_len && raw[e] != '\n' && raw[e] != '\r')
      e++;
    bool is_last = e >= raw_len;
    size_t next = e + (e + 1 < raw_len && raw[e] == '\r' && raw[e + 1] == '\n' ? 2 : 1);
    if (!is_first)
      while (b < e && is_blank(raw[b]))
        b++;
    if (!is_last)
      while (e > b && is_blank(raw[e - 1]))
        e--;
    if (!is_first && b == e && !is_last) {
      empty_lines++;
      i = next;
      continue;
    }
    if (!is_first) {
      for (size_t k = 0; k < (empty_lines ? empty_lines : 1) && o + 1 < n; k++)
        out[o++] = empty_lines ? '\n' : ' ';
      empty_lines = 0;
    }
    for (size_t k = b; k < e && o + 1 < n; k++) {
      out[o++] = raw[k];
      if (raw[k] == '\'' && k + 1 < e && raw[k + 1] == '\'') k++;
    }
    is_first = false;
    if (is_last) break;
    i = next;
  }
  out[o] = '\0';
  return o;
}

/* The text of a scalar node (slot 0 or 1 holds a decoded single-quoted one). */
static const char *scalar_text(load_state *ls, struct fy_node *node, int slot, size_t *len)
{
  struct fy_token *t = fy_node_get_scalar_token(node);
  const struct fy_mark *b = t ? fy_token_start_mark(t) : NULL;
  const struct fy_mark *e = t ? fy_token_end_mark(t) : NULL;
  if (fy_node_get_style(node) == FYNS_SINGLE_QUOTED && b != NULL && e != NULL &&
      b->input_pos <= e->input_pos && e->input_pos <= ls->len) {
    *len = decode_single_quoted(ls->text + b->input_pos, e->input_pos - b->input_pos,
                                ls->scalar[slot], sizeof ls->scalar[slot]);
    return ls->scalar[slot];
  }
  const char *text = fy_node_get_scalar(node, len);
  if (text == NULL) {
    *len = 0;
    return "";
  }
  return text;
}

/* ---- Before parsing: size, text ------------------------------------------------------------- */

/* A scenario is UTF-8 text: no NUL, no control bytes but tab, newline and carriage return. */
/* The YAML a scenario needs: mappings (block or flow), scalars (plain or quoted), comments,
 * and sequences of numbers for the list keys. Everything else is refused here, before
 * libfyaml sees it: anchors, aliases, tags, explicit keys, block scalars, directives and tabs
 * outside quotes and comments. A scenario never needs them, and libfyaml 0.7.12 crashes on some
 * malformed uses of them (found by fuzzing: "? ?s:<TAB> ?" faults in fy_parser_destroy). */
static mn_status check_yaml_subset(load_state *ls, const char *t, size_t len)
{
  enum { PLAIN, SINGLE, DOUBLE, COMMENT } state = PLAIN;
  int line = 1, col = 1;
  for (size_t i = 0; i < len; i++, col++) {
    char c = t[i], prev = i > 0 ? t[i - 1] : '\n', next = i + 1 < len ? t[i + 1] : '\n';
    bool at_token = prev == '\n' || prev == '\r' || prev == ' ' || prev == '\t' ||
                    strchr("[]{},", prev) != NULL;
    bool next_blank = next == ' ' || next == '\t' || next == '\n' || next == '\r';
    const char *what = NULL;
    if (c == '\n') {
      line++;
      col = 0;
      if (state == COMMENT) state = PLAIN;
      continue;
    }
    switch (state) {
    case COMMENT:
      break;
    case SINGLE:
      if (c == '\'' && next == '\'')
        i++, col++;
      else if (c == '\'')
        state = PLAIN;
      break;
    case DOUBLE:
      if (c == '\\' && next != '\n')
        i++, col++;
      else if (c == '"')
        state = PLAIN;
      break;
    case PLAIN:
      if (c == '#' && (prev == ' ' || prev == '\t' || prev == '\n' || prev == '\r' || i == 0))
        state = COMMENT;
      else if (c == '\'' && at_token)
        state = SINGLE;
      else if (c == '"' && at_token)
        state = DOUBLE;
      else if (c == '\t')
        what = "a tab character; indent and separate with spaces";
      else if (at_token && c == '?' && next_blank)
        what = "an explicit key ('? '); write 'key: value'";
      else if (at_token && c == '&')
        what = "an anchor ('&'); anchors and aliases are not supported, write the value out";
      else if (at_token && c == '*')
        what = "an alias ('*'); anchors and aliases are not supported, write the value out";
      else if (at_token && c == '!')
        what = "a tag ('!'); tags are not supported, write the plain value";
      else if (at_token && (c == '|' || c == '>'))
        what = "a block scalar ('|' or '>'); write the value on one line";
      else if (c == '%' && col == 1)
        what = "a directive ('%'); directives are not supported";
      break;
    }
    if (what != NULL)
      return mni_fail(ls->ctx, MN_E_CONFIG, "%s:%d:%d: %s", ls->origin, line, col, what);
  }
  return MN_OK;
}

/* ---- libfyaml diagnostics -------------------------------------------------------------------- */

/* libfyaml writes "<input>:LINE:COL: error: MESSAGE\n" then the source line; keep the first. */
static void collect_diag(struct fy_diag *diag, void *user, const char *buf, size_t len)
{
  (void)diag;
  load_state *ls = user;
  if (ls->first_error[0] != '\0') return;
  char text[512];
  size_t n = len < sizeof text - 1 ? len : sizeof text - 1;
  memcpy(text, buf, n);
  text[n] = '\0';
  const char *e = strstr(text, ": error: ");
  if (e == NULL) return;
  /* Walk back over ":LINE:COL" before ": error: ". */
  const char *p = e;
  int line = 0, col = 0;
  const char *c2 = p;
  while (c2 > text && c2[-1] != ':')
    c2--;
  const char *c1 = c2 > text ? c2 - 1 : text;
  while (c1 > text && c1[-1] != ':')
    c1--;
  if (sscanf(c1, "%d:%d", &line, &col) != 2) line = col = 0;
  const char *msg = e + strlen(": error: ");
  size_t m = strcspn(msg, "\n");
  snprintf(ls->first_error, sizeof ls->first_error, "%.*s", (int)m, msg);
  ls->error_line = line;
  ls->error_col = col;
}

/* ---- Walking the mapping --------------------------------------------------------------------- */

static mn_status walk(load_state *ls, struct fy_node *map, const char *prefix);

/* A list key's value: a sequence (block or flow) of numbers, one number, or null / [] for none.
 * Each element is checked where it stands. */
static mn_status apply_list(load_state *ls, const mn_scenario_key *key, struct fy_node *v,
                            const char *where)
{
  char at[MNI_WHERE_MAX];
  mni_scenario_list_clear(ls->s, key);
  if (v == NULL) return MN_OK;
  if (fy_node_is_scalar(v)) {
    size_t len = 0;
    const char *text = scalar_text(ls, v, 1, &len);
    enum fy_node_style style = fy_node_get_style(v);
    bool is_quoted = style != FYNS_PLAIN;
    if (!is_quoted && (len == 0 || (len == 1 && text[0] == '~') ||
                       (len == 4 && (memcmp(text, "null", 4) == 0 || memcmp(text, "Null", 4) == 0 ||
                                     memcmp(text, "NULL", 4) == 0))))
      return MN_OK;
    return mni_scenario_list_append(ls->ctx, ls->s, key, text, len, is_quoted, where);
  }
  if (!fy_node_is_sequence(v))
    return mni_fail_key(ls->ctx, MN_E_CONFIG, key->path, NULL, 0,
                        "%s%s: got %s; expected a list of numbers such as [1, 4, 24] (%s)", where,
                        key->path, node_kind(v), key->help);
  void *iter = NULL;
  struct fy_node *item;
  while ((item = fy_node_sequence_iterate(v, &iter)) != NULL) {
    int line = 0, col = 0;
    node_mark(item, &line, &col);
    where_at(ls, line, col, at, sizeof at);
    if (fy_node_is_alias(item) || !fy_node_is_scalar(item))
      return mni_fail_key(ls->ctx, MN_E_CONFIG, key->path, NULL, 0,
                          "%s%s: an element is %s; expected a number (%s)", at, key->path,
                          node_kind(item), key->help);
    size_t len = 0;
    const char *text = scalar_text(ls, item, 1, &len);
    bool is_quoted = fy_node_get_style(item) != FYNS_PLAIN;
    MN_TRY(mni_scenario_list_append(ls->ctx, ls->s, key, text, len, is_quoted, at));
  }
  return MN_OK;
}

static mn_status apply_leaf(load_state *ls, const mn_scenario_key *key, struct fy_node *v,
                            int key_line, int key_col)
{
  char where[MNI_WHERE_MAX];
  size_t index = (size_t)(key - mn_scenario_keys(NULL));
  if (index < sizeof ls->seen_line / sizeof ls->seen_line[0]) {
    if (ls->seen_line[index] > 0) {
      where_at(ls, key_line, key_col, where, sizeof where);
      return mni_fail_key(ls->ctx, MN_E_CONFIG, key->path, NULL, 0,
                          "%s%s is given twice (first on line %d)", where, key->path,
                          ls->seen_line[index]);
    }
    ls->seen_line[index] = key_line > 0 ? key_line : 1;
  }
  const char *text = "";
  size_t len = 0;
  bool is_quoted = false;
  int line = key_line, col = key_col;
  if (v != NULL) {
    node_mark(v, &line, &col);
    if (line == 0) line = key_line, col = key_col;
  }
  /* The value's place (kept only when the whole file loads): lists return early below. */
  if (index < sizeof ls->value_line / sizeof ls->value_line[0]) {
    ls->value_line[index] = line;
    ls->value_col[index] = col;
  }
  if (v != NULL) {
    where_at(ls, line, col, where, sizeof where);
    if (key->type == MN_KEY_DOUBLE_LIST) {
      MN_TRY(apply_list(ls, key, v, where));
      if (index < sizeof ls->value_line / sizeof ls->value_line[0]) {
        ls->value_line[index] = line; /* where a check across keys points */
        ls->value_col[index] = col;
      }
      return MN_OK;
    }
    if (!fy_node_is_scalar(v))
      return mni_fail_key(ls->ctx, MN_E_CONFIG, key->path, NULL, 0,
                          "%s%s: got %s; expected a single value (%s)", where, key->path,
                          node_kind(v), key->help);
    text = scalar_text(ls, v, 1, &len);
    enum fy_node_style style = fy_node_get_style(v);
    is_quoted = style == FYNS_SINGLE_QUOTED || style == FYNS_DOUBLE_QUOTED ||
                style == FYNS_LITERAL || style == FYNS_FOLDED;
  } else {
    where_at(ls, line, col, where, sizeof where);
    if (key->type == MN_KEY_DOUBLE_LIST) return apply_list(ls, key, NULL, where);
  }
  return mni_scenario_assign(ls->ctx, ls->s, key, text, len, is_quoted, where);
}

/* One file of `catalogs`: relative to the scenario file's folder (to the working directory for a
 * text that came from no file), added to the context before any name of the scenario is
 * checked. A malformed catalogue keeps its own message, which names its file, line and column. */
static mn_status add_catalog(load_state *ls, struct fy_node *item, size_t index)
{
  char where[MNI_WHERE_MAX], path[4096];
  int line = 0, col = 0;
  node_mark(item, &line, &col);
  where_at(ls, line, col, where, sizeof where);
  size_t len = 0;
  const char *text = item && fy_node_is_scalar(item) ? scalar_text(ls, item, 1, &len) : NULL;
  if (text == NULL || len == 0 || memchr(text, '\0', len) != NULL)
    return mni_fail(ls->ctx, MN_E_CONFIG,
                    "%scatalogs[%zu]: got %s; expected the path of a catalogue file, such as "
                    "'catalogs: [my_compounds.yaml]'",
                    where, index, text == NULL ? node_kind(item) : "an empty text");
  const char *slash = ls->is_file ? strrchr(ls->origin, '/') : NULL;
  int dir_len = text[0] == '/' || slash == NULL ? 0 : (int)(slash - ls->origin + 1);
  if ((size_t)dir_len + len >= sizeof path)
    return mni_fail(ls->ctx, MN_E_CONFIG, "%scatalogs[%zu]: the path is too long", where, index);
  snprintf(path, sizeof path, "%.*s%.*s", dir_len, ls->origin, (int)len, text);
  mn_status st = mni_catalog_add_file(ls->ctx, path);
  if (st == MN_E_IO) {
    char detail[MNI_ERRMSG_MAX];
    snprintf(detail, sizeof detail, "%s", mn_ctx_errmsg(ls->ctx));
    return mni_fail(ls->ctx, MN_E_CONFIG, "%scatalogs[%zu] = '%s': %s", where, index, path, detail);
  }
  return st;
}

static mn_status apply_catalogs(load_state *ls, struct fy_node *v)
{
  if (v == NULL || !fy_node_is_sequence(v)) return add_catalog(ls, v, 0);
  void *iter = NULL;
  struct fy_node *item;
  for (size_t i = 0; (item = fy_node_sequence_iterate(v, &iter)) != NULL; i++)
    MN_TRY(add_catalog(ls, item, i));
  return MN_OK;
}

static mn_status walk_pair(load_state *ls, struct fy_node_pair *pair, const char *prefix)
{
  struct fy_node *k = fy_node_pair_key(pair), *v = fy_node_pair_value(pair);
  int key_line = 0, key_col = 0;
  char where[MNI_WHERE_MAX];
  node_mark(k, &key_line, &key_col);
  where_at(ls, key_line, key_col, where, sizeof where);
  if ((k != NULL && fy_node_is_alias(k)) || (v != NULL && fy_node_is_alias(v)))
    return mni_fail(ls->ctx, MN_E_CONFIG,
                    "%saliases (*name) are not supported in a scenario; write the value out",
                    where);
  if (k == NULL || !fy_node_is_scalar(k))
    return mni_fail(ls->ctx, MN_E_CONFIG, "%sa key must be a name, got %s", where, node_kind(k));
  size_t klen = 0;
  const char *ktext = scalar_text(ls, k, 0, &klen);
  char path[PATH_MAX_LEN];
  size_t plen = strlen(prefix);
  if (ktext == NULL || klen == 0 || memchr(ktext, '\0', klen) != NULL ||
      plen + 1 + klen >= sizeof path) {
    char shown[128];
    mni_quote_for_message(shown, sizeof shown, ktext ? ktext : "", ktext ? klen : 0);
    return mni_fail(ls->ctx, MN_E_CONFIG,
                    "%sunknown key %s; expected a key of docs/scenario.md, such as skin.site",
                    where, shown);
  }
  snprintf(path, sizeof path, "%s%s%.*s", prefix, plen ? "." : "", (int)klen, ktext);
  size_t n = strlen(path);
  if (strcmp(path, "catalogs") == 0) return apply_catalogs(ls, v);

  if (mni_scenario_is_section(path, n)) {
    for (size_t i = 0; i < ls->n_sections; i++)
      if (strcmp(ls->sections_seen[i], path) == 0)
        return mni_fail(ls->ctx, MN_E_CONFIG,
                        "%sduplicate key '%s': the section is given twice (first on line %d)",
                        where, path, ls->section_line[i]);
    if (ls->n_sections < sizeof ls->sections_seen / sizeof ls->sections_seen[0] &&
        n < sizeof ls->sections_seen[0]) {
      memcpy(ls->sections_seen[ls->n_sections], path, n + 1);
      ls->section_line[ls->n_sections++] = key_line > 0 ? key_line : 1;
    }
    if (v == NULL || (fy_node_is_scalar(v) && fy_node_get_style(v) == FYNS_PLAIN &&
                      fy_node_get_scalar_length(v) == 0))
      return MN_OK; /* an empty section: nothing to apply */
    if (!fy_node_is_mapping(v)) {
      node_mark(v, &key_line, &key_col);
      where_at(ls, key_line, key_col, where, sizeof where);
      return mni_fail(ls->ctx, MN_E_CONFIG,
                      "%s%s is a section: got %s; expected a mapping of its keys, such as "
                      "'%s: {%s ...}'",
                      where, path, node_kind(v), path,
                      strcmp(path, "skin") == 0 ? "site: forehead," : "key: value,");
    }
    return walk(ls, v, path);
  }
  const mn_scenario_key *key = mn_scenario_key_find(path);
  if (key == NULL) return mni_scenario_unknown_key(ls->ctx, MN_E_CONFIG, path, where);
  return apply_leaf(ls, key, v, key_line, key_col);
}

static mn_status walk(load_state *ls, struct fy_node *map, const char *prefix)
{
  void *iter = NULL;
  struct fy_node_pair *pair;
  while ((pair = fy_node_mapping_iterate(map, &iter)) != NULL)
    MN_TRY(walk_pair(ls, pair, prefix));
  return MN_OK;
}

/* ---- The document ---------------------------------------------------------------------------- */

static mn_status apply_root(load_state *ls, struct fy_document *doc)
{
  struct fy_node *root = fy_document_root(doc);
  char where[MNI_WHERE_MAX];
  int line = 0, col = 0;
  bool is_empty = root == NULL ||
                  (fy_node_is_scalar(root) && !fy_node_is_alias(root) &&
                   fy_node_get_style(root) == FYNS_PLAIN && fy_node_get_scalar_length(root) == 0);
  if (is_empty)
    return mni_fail(ls->ctx, MN_E_CONFIG,
                    "%s: the scenario is empty; expected a mapping of keys such as "
                    "'skin: {site: forehead}'",
                    ls->origin);
  if (!fy_node_is_mapping(root)) {
    node_mark(root, &line, &col);
    where_at(ls, line, col, where, sizeof where);
    char shown[128] = "";
    if (fy_node_is_scalar(root)) {
      size_t n = 0;
      const char *t = scalar_text(ls, root, 0, &n);
      mni_quote_for_message(shown, sizeof shown, t ? t : "", t ? n : 0);
    }
    return mni_fail(ls->ctx, MN_E_CONFIG,
                    "%sthe top level is %s%s%s; expected a mapping of keys such as "
                    "'skin: {site: forehead}'",
                    where, node_kind(root), shown[0] ? " " : "", shown);
  }
  return walk(ls, root, "");
}

static mn_status parse_and_apply(load_state *ls, const char *text, size_t len)
{
  mn_status st = MN_OK;
  struct fy_diag *diag = mni_yaml_diag_create(collect_diag, ls);
  struct fy_parse_cfg cfg;
  memset(&cfg, 0, sizeof cfg);
  /* libfyaml's own duplicate-key check compares every key with every other of its mapping:
   * quadratic (64,000 keys took a minute). The walk below finds a key given twice itself, in
   * constant time per key (seen_line, sections_seen). */
  cfg.flags = FYPCF_QUIET | FYPCF_DEFAULT_VERSION_1_2 | FYPCF_ALLOW_DUPLICATE_KEYS;
  cfg.diag = diag;
  struct fy_parser *parser = diag ? fy_parser_create(&cfg) : NULL;
  struct fy_document *doc = NULL, *doc2 = NULL;
  if (parser == NULL || fy_parser_set_string(parser, text, len) != 0) {
    st = mni_fail(ls->ctx, MN_E_NOMEM, "%s: cannot create the YAML parser", ls->origin);
    goto done;
  }
  doc = fy_parse_load_document(parser);
  if (doc != NULL && !fy_diag_got_error(diag)) doc2 = fy_parse_load_document(parser);
  if (fy_diag_got_error(diag) || ls->first_error[0] != '\0') {
    char where[MNI_WHERE_MAX];
    where_at(ls, ls->error_line, ls->error_col, where, sizeof where);
    st = mni_fail(ls->ctx, MN_E_CONFIG, "%snot valid YAML: %s", where,
                  ls->first_error[0] ? ls->first_error : "syntax error");
    goto done;
  }
  if (doc2 != NULL) {
    int line = 0, col = 0;
    node_mark(fy_document_root(doc2), &line, &col);
    char where[MNI_WHERE_MAX];
    where_at(ls, line, col, where, sizeof where);
    st = mni_fail(ls->ctx, MN_E_CONFIG,
                  "%sa second YAML document; expected one scenario per file (remove '---')", where);
    goto done;
  }
  if (doc == NULL) {
    st = mni_fail(ls->ctx, MN_E_CONFIG,
                  "%s: the scenario is empty; expected a mapping of keys such as "
                  "'skin: {site: forehead}'",
                  ls->origin);
    goto done;
  }
  st = apply_root(ls, doc);
done:
  if (doc2 != NULL) fy_parse_document_destroy(parser, doc2);
  if (doc != NULL) fy_parse_document_destroy(parser, doc);
  if (parser != NULL) fy_parser_destroy(parser);
  if (diag != NULL) fy_diag_destroy(diag);
  return st;
}

/* A text without `name` keeps the default's empty name: mn_run names it after what it runs. */
static mn_status load_text(mn_ctx *ctx, const char *text, size_t len, const char *origin,
                           bool is_file, mn_scenario *out)
{
  *out = mn_scenario_default();
  load_state *ls = mn_calloc(ctx, 1, sizeof *ls);
  if (ls == NULL) return MN_E_NOMEM;
  mn_scenario s = mn_scenario_default();
  ls->ctx = ctx;
  ls->text = text;
  ls->len = len;
  ls->origin = origin ? origin : "<string>";
  ls->is_file = is_file;
  ls->s = &s;
  mn_status st = MN_OK;
  if (len > MN_SCENARIO_MAX_BYTES) {
    st = mni_fail(ctx, MN_E_CONFIG,
                  "%s: %zu bytes is larger than the limit of a scenario, %zu bytes (1 MiB)",
                  ls->origin, len, MN_SCENARIO_MAX_BYTES);
    goto done;
  }
  if (len == 0) {
    st = mni_fail(ctx, MN_E_CONFIG,
                  "%s: the scenario is empty; expected a mapping of keys such as "
                  "'skin: {site: forehead}'",
                  ls->origin);
    goto done;
  }
  MN_CHECK_GOTO(mni_check_text(ctx, ls->origin, text, len, "a YAML scenario"));
  MN_CHECK_GOTO(check_yaml_subset(ls, text, len));
  MN_CHECK_GOTO(parse_and_apply(ls, text, len));
  /* Names of a catalogue (skin.site, device.model, ...), once the whole file is read. */
  size_t n_keys = 0;
  const mn_scenario_key *keys = mn_scenario_keys(&n_keys);
  for (size_t i = 0; i < n_keys && i < sizeof ls->value_line / sizeof ls->value_line[0]; i++)
    if (ls->value_line[i] > 0) {
      char where[MNI_WHERE_MAX];
      where_at(ls, ls->value_line[i], ls->value_col[i], where, sizeof where);
      MN_CHECK_GOTO(mni_scenario_check_name(ctx, &s, &keys[i], where));
    }
  mni_scenario_places_keep(ctx, ls->origin, &s, ls->value_line, ls->value_col,
                           sizeof ls->value_line / sizeof ls->value_line[0]);
  /* The population section's checks across keys, at the value that breaks them. */
  {
    char where_shares[MNI_WHERE_MAX] = "", where_age[MNI_WHERE_MAX] = "";
    size_t i_shares = (size_t)(mn_scenario_key_find("population.fitzpatrick.shares") - keys);
    size_t i_max = (size_t)(mn_scenario_key_find("population.age_years.max") - keys);
    size_t i_min = (size_t)(mn_scenario_key_find("population.age_years.min") - keys);
    size_t i_age = ls->value_line[i_max] > 0 ? i_max : i_min;
    if (ls->value_line[i_shares] > 0)
      where_at(ls, ls->value_line[i_shares], ls->value_col[i_shares], where_shares,
               sizeof where_shares);
    if (ls->value_line[i_age] > 0)
      where_at(ls, ls->value_line[i_age], ls->value_col[i_age], where_age, sizeof where_age);
    MN_CHECK_GOTO(mni_scenario_check_population(ctx, &s, where_shares[0] ? where_shares : NULL,
                                                where_age[0] ? where_age : NULL));
  }
  *out = s;
fail:
done:
  mn_free(ctx, ls, sizeof *ls);
  return st;
}

mn_status mn_scenario_load_string(mn_ctx *ctx, const char *text, size_t len, const char *origin,
                                  mn_scenario *out)
{
  MNI_C_LOCALE();
  MN_REQUIRE(ctx, out != NULL && (text != NULL || len == 0), MN_E_ARG,
             "mn_scenario_load_string: NULL argument");
  return load_text(ctx, text, len, origin, false, out);
}

/* ---- Files ----------------------------------------------------------------------------------- */

/* How long a pipe may stay silent before the load gives up: a writer that has the scenario ready
 * (a shell's <(...), a pipe) sends it at once; a FIFO nobody writes to never does. */
#define PIPE_WAIT_MS 5000

mn_status mn_scenario_load_file(mn_ctx *ctx, const char *path, mn_scenario *out)
{
  MNI_C_LOCALE();
  MN_REQUIRE(ctx, path != NULL && out != NULL, MN_E_ARG, "mn_scenario_load_file: NULL argument");
  *out = mn_scenario_default();
  /* O_NONBLOCK: opening a FIFO without a writer would otherwise block forever (issue 18). */
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0)
    return mni_fail(ctx, MN_E_IO, "%s: cannot open the scenario: %s", path, strerror(errno));
  struct stat sb;
  if (fstat(fd, &sb) != 0) {
    int e = errno;
    close(fd);
    return mni_fail(ctx, MN_E_IO, "%s: cannot read the scenario: %s", path, strerror(e));
  }
  if (S_ISDIR(sb.st_mode)) {
    close(fd);
    return mni_fail(ctx, MN_E_IO, "%s: is a directory; expected a scenario YAML file", path);
  }
  if (S_ISREG(sb.st_mode) && (uintmax_t)sb.st_size > MN_SCENARIO_MAX_BYTES) {
    close(fd);
    return mni_fail(ctx, MN_E_CONFIG,
                    "%s: %jd bytes is larger than the limit of a scenario, %zu bytes (1 MiB)", path,
                    (intmax_t)sb.st_size, MN_SCENARIO_MAX_BYTES);
  }
  /* Read at most one byte past the limit: a pipe or device tells its size only by reading. */
  size_t cap = MN_SCENARIO_MAX_BYTES + 1, len = 0;
  char *buf = mn_alloc(ctx, cap);
  if (buf == NULL) {
    close(fd);
    return MN_E_NOMEM;
  }
  /* A regular file reads as usual; a pipe or device is waited for, but not forever. */
  bool is_regular = S_ISREG(sb.st_mode);
  if (is_regular) (void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  for (;;) {
    if (!is_regular) {
      struct pollfd pfd = {.fd = fd, .events = POLLIN};
      int ready = poll(&pfd, 1, PIPE_WAIT_MS);
      if (ready < 0 && errno == EINTR) continue;
      if (ready == 0) {
        close(fd);
        mn_free(ctx, buf, cap);
        return mni_fail(ctx, MN_E_IO,
                        "%s: nothing to read after %d s (a FIFO without a writer?); expected a "
                        "scenario YAML file",
                        path, PIPE_WAIT_MS / 1000);
      }
    }
    ssize_t got = read(fd, buf + len, cap - len);
    if (got < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (got < 0) {
      int e = errno;
      close(fd);
      mn_free(ctx, buf, cap);
      return mni_fail(ctx, MN_E_IO, "%s: cannot read the scenario: %s", path, strerror(e));
    }
    if (got == 0 || (len += (size_t)got) == cap) break;
  }
  close(fd);
  mn_status st;
  if (len > MN_SCENARIO_MAX_BYTES)
    st = mni_fail(ctx, MN_E_CONFIG,
                  "%s: larger than the limit of a scenario, %zu bytes (1 MiB); refused", path,
                  MN_SCENARIO_MAX_BYTES);
  else
    st = load_text(ctx, buf, len, path, true, out);
  mn_free(ctx, buf, cap);
  return st;
}
