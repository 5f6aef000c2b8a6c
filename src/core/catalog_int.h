/* The one catalogue helper: the compiled-in data/<name>.yaml files, each parsed once per context
 * into its slot, on first use.
 *
 * Core knows of every catalogue its file and the list of named entries (sites, devices, ...),
 * not the entries' fields: so a stage upstream of another (the scenario loader) can check a name
 * against a catalogue it cannot read. The stage that owns a catalogue describes its entries in a
 * mni_catalog_schema; the helper allocates, fills (once) and destroys them with the context.
 *
 * The user's own catalogue files (mni_catalog_add_file) add entries to the named lists of
 * sites, devices, compounds and indications: the list of a slot is the built-in file's, then
 * each user file's in the order they were added; a user entry takes an existing name only with
 * `override: true`, and then replaces that entry in place. Each entry remembers its file
 * (origins), which the field parsers name in their messages (mni_ctx_parse_file).
 *
 * The YAML documents live as long as the context, so the strings handed out point into them.
 * Every field parser fails with MN_E_CONFIG and "<file>:<line>:<column>: <entry>.<key> ..." so
 * a malformed data file is caught by the tests and a user's file gets the scenario's format. */
#ifndef MNSIM_CATALOG_INT_H
#define MNSIM_CATALOG_INT_H

#include <libfyaml.h>
#include <stdbool.h>

#include "core/core_int.h"

typedef struct mni_catalog mni_catalog;

/* How a stage reads its catalogue. Both parts are optional. */
typedef struct mni_catalog_schema {
  /* The other tables and sections (rules, parameters): extra_size zeroed bytes, filled first. */
  size_t extra_size;
  mn_status (*parse_extra)(mn_ctx *ctx, const mni_catalog *cat, void *extra);
  void (*release_extra)(mn_ctx *ctx, void *extra); /* frees what parse_extra allocated */
  /* The named list: one zeroed entry of entry_size bytes per item, in the file's order. */
  size_t entry_size;
  mn_status (*parse_entry)(mn_ctx *ctx, const mni_catalog *cat, size_t index, void *entry);
} mni_catalog_schema;

struct mni_catalog {
  const char *what;        /* "data/sites.yaml", for messages */
  const char *noun;        /* "site" (NULL: no named list) */
  struct fy_document *doc; /* owns every string below and in the entries */
  struct fy_node *root;
  size_t n;                         /* items of the named list */
  size_t n_alloc;                   /* room in items, names and origins (>= n: overrides) */
  struct fy_node **items;           /* their mappings */
  const char **names;               /* their names: unique, lowercase words joined by underscores */
  const char **origins;             /* their files: `what`, or the user's catalogue that gave it */
  const mni_catalog_schema *schema; /* NULL until the owning stage filled the catalogue */
  void *extra;
  void *entries;
};

/** The catalogue of slot id, parsed on first use and kept in the context. schema NULL: only the
 *  names (any folder may ask); else the owning stage's entries too, filled once. */
mn_status mni_catalog_get(mn_ctx *ctx, mni_slot_id id, const mni_catalog_schema *schema,
                          const mni_catalog **out);
/** The same from a text in the format of slot id's file (tests of malformed tables), not kept in
 *  the context: the caller destroys it. */
mn_status mni_catalog_parse_text(mn_ctx *ctx, mni_slot_id id, const mni_catalog_schema *schema,
                                 const char *text, size_t len, mni_catalog **out);
void mni_catalog_destroy(mn_ctx *ctx, mni_catalog *cat);

/** Add a user's catalogue file (path as given, read now) to the context: its lists of sites,
 *  devices, compounds and indications join the built-in ones. Names are checked now (valid,
 *  unique, `override: true` to take a built-in name); the entries' fields when their stage
 *  first reads them. A path added before is not read again. Catalogues already parsed are kept
 *  alive (pointers handed out stay valid) but no longer used. MN_E_IO, MN_E_CONFIG (nothing
 *  added), MN_E_NOMEM. */
mn_status mni_catalog_add_file(mn_ctx *ctx, const char *path);
/** Number of user catalogue files added to the context, and the absolute path of file i (what
 *  a scenario written out names in `catalogs`, so it loads from any folder). */
size_t mni_catalog_n_files(const mn_ctx *ctx);
const char *mni_catalog_file(const mn_ctx *ctx, size_t i);

/** Entry index of the named list (the schema's layout). */
const void *mni_catalog_entry(const mni_catalog *cat, size_t index);
/** Index of name in the named list; MN_E_NOTFOUND with "unknown <noun> '<name>'; valid <noun>s:
 *  a, b, ..." otherwise. */
mn_status mni_catalog_find(mn_ctx *ctx, const mni_catalog *cat, const char *name, size_t *index);
/** The same over any table: n names, stride bytes apart (the name field of an array of structs,
 *  first_name pointing at the first one's). */
mn_status mni_catalog_find_in(mn_ctx *ctx, const char *noun, const char *const *first_name,
                              size_t n, size_t stride, const char *name, size_t *index);
/** The entry of that name (mni_catalog_get with schema, then mni_catalog_find). */
mn_status mni_catalog_lookup(mn_ctx *ctx, mni_slot_id id, const mni_catalog_schema *schema,
                             const char *name, const void **entry);
/** Whether slot id's catalogue lists name, without its stage: the message of mni_catalog_find. */
mn_status mni_catalog_check_name(mn_ctx *ctx, mni_slot_id id, const char *name);

/** "a, b, c" of n names stride bytes apart into buf, ending in "..." when cut. */
void mni_catalog_join(char *buf, size_t size, const char *const *first_name, size_t n,
                      size_t stride);

/** The node under key in a mapping; NULL when absent (no message). */
struct fy_node *mni_yaml_child(struct fy_node *map, const char *key);
/** 1-based line of a node (0 if unknown). */
int mni_yaml_line(struct fy_node *node);
/** "LINE:COLUMN" (1-based; "0:0" if unknown) of a node into buf, for messages that start
 *  "<file>:%s: " as a scenario's do; MNI_AT(node) gives a buffer that lives to the end of the
 *  enclosing block. */
const char *mni_yaml_pos(char *buf, size_t size, struct fy_node *node);
#define MNI_AT(node) mni_yaml_pos((char[24]){""}, 24, (node))
/** The sequence under key (MN_E_CONFIG "<what>:<line>: missing sequence '<key>'" if not). */
mn_status mni_yaml_seq(mn_ctx *ctx, const char *what, struct fy_node *map, const char *key,
                       struct fy_node **out);

/** A libfyaml diagnostic object that hands each message to fn, never to stderr; NULL when out
 *  of memory. */
struct fy_diag *mni_yaml_diag_create(fy_diag_output_fn fn, void *user);

/* The field parsers, all of one form: the value under key of the mapping map, named in messages
 * as "<what>:<line>: <entry>.<key>" (what: "data/sites.yaml"; entry: "forehead").
 * Required ones fail with MN_E_CONFIG when the key is missing or its value wrong; the _opt ones
 * leave *out unchanged when the key is absent and fail only when it is present and wrong. */
#define MNI_YAML_FIELD(name, type)                                                                 \
  mn_status mni_yaml_##name(mn_ctx *ctx, const char *what, const char *entry, struct fy_node *map, \
                            const char *key, type *out)
MNI_YAML_FIELD(double, double);
MNI_YAML_FIELD(double_opt, double);
MNI_YAML_FIELD(int, int);
MNI_YAML_FIELD(bool, bool); /* true or false */
MNI_YAML_FIELD(bool_opt, bool);
MNI_YAML_FIELD(string, const char *);
MNI_YAML_FIELD(string_opt, const char *);
MNI_YAML_FIELD(text, const char *); /* a string that must not be empty */

#endif /* MNSIM_CATALOG_INT_H */
