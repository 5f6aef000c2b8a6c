/* Internal to scenario/: what the scenario loader, --set, the validator and the YAML writer share.
 * All of it is driven by the key table (scenario_keys.c). */
#ifndef MNSIM_SCENARIO_INT_H
#define MNSIM_SCENARIO_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/core_int.h"
#include "mnsim/scenario.h"

/* Room for a message prefix naming where a value came from: "file.yaml:12:3: " or "--set ". */
#define MNI_WHERE_MAX 320

/** Convert the text of one value (len bytes, in the key's user unit) and store it in s. A list
 *  key takes "1,4,24", "[1, 4, 24]", one number, or null / [] for none (the --set forms).
 *  is_quoted: the YAML scalar was quoted (then it is a string, never a number or null).
 *  where: message prefix. Fails with MN_E_CONFIG naming where, the key, the value and what was
 *  expected; s is unchanged on failure. */
mn_status mni_scenario_assign(mn_ctx *ctx, mn_scenario *s, const mn_scenario_key *key,
                              const char *text, size_t len, bool is_quoted, const char *where);

/** MN_KEY_DOUBLE_LIST: no elements (the run chooses); the array is zeroed. */
void mni_scenario_list_clear(mn_scenario *s, const mn_scenario_key *key);

/** MN_KEY_DOUBLE_LIST: convert one element (len bytes of text in the key's user unit) and append
 *  it. Fails with MN_E_CONFIG naming where, the key, the element and what was expected when it is
 *  not a number in the key's range, when the list is full, or when it is not greater than the
 *  element before; s is unchanged on failure. */
mn_status mni_scenario_list_append(mn_ctx *ctx, mn_scenario *s, const mn_scenario_key *key,
                                   const char *text, size_t len, bool is_quoted, const char *where);

/** If key names an entry of a catalogue (skin.site, device.model, formulation.compound), check
 *  its value in s against the catalogue's names (an empty model or compound means none). Fails
 *  with MN_E_NOTFOUND, the message starting with where and listing the valid names. */
mn_status mni_scenario_check_name(mn_ctx *ctx, const mn_scenario *s, const mn_scenario_key *key,
                                  const char *where);

/** Assign one key by its dotted path from the text of a value (vlen bytes, the key's user unit;
 *  "null" unsets an optional key), with the checks and messages of --set; messages start with
 *  origin ("--set", "mn_scn_set_text"). An unknown path is MN_E_CONFIG with a "did you mean".
 *  s is unchanged on failure. */
mn_status mni_scenario_set_value(mn_ctx *ctx, mn_scenario *s, const char *path, const char *value,
                                 size_t vlen, const char *origin);

/** True if path (len bytes) is a section, the prefix of keys: "skin", "device". */
bool mni_scenario_is_section(const char *path, size_t len);

/** Fail with code on an unknown key path, naming it after prefix ("--set: ", "FILE:L:C: "):
 *  a section given as a key, the nearest key ("did you mean"), or an example of a key. */
mn_status mni_scenario_unknown_key(mn_ctx *ctx, mn_status code, const char *path,
                                   const char *prefix);

/** Write text (len bytes) quoted for a message: 'abc', control bytes as \xNN, cut to ~60
 *  characters with "...". */
void mni_quote_for_message(char *buf, size_t buf_size, const char *text, size_t len);


/** Remember where each key of a scenario file was given (lines and columns indexed as the key
 *  table, 0: not given), so the checks across keys run later can name the place. */
void mni_scenario_places_keep(mn_ctx *ctx, const char *origin, const mn_scenario *loaded,
                              const int *line, const int *col, size_t n);
/** The message prefix of key path in s: "FILE:LINE:COLUMN: " when the last file loaded on ctx
 *  gave that key and s still holds the value it gave; "scenario: " otherwise (a --set or an API
 *  caller changed it). */
void mni_scenario_where(mn_ctx *ctx, const mn_scenario *s, const char *path, char *buf,
                        size_t size);
/** The population section's checks across keys: 6 Fitzpatrick shares adding up to 1, age
 *  min <= max. where_shares / where_age prefix the messages (NULL: "scenario: "). */
mn_status mni_scenario_check_population(mn_ctx *ctx, const mn_scenario *s,
                                        const char *where_shares, const char *where_age);

/** Pointer to the field of key in s. */
void *mni_scenario_field(mn_scenario *s, const mn_scenario_key *key);
const void *mni_scenario_field_const(const mn_scenario *s, const mn_scenario_key *key);

#endif /* MNSIM_SCENARIO_INT_H */
