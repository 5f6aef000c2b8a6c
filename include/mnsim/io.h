/* io: the scenario file (YAML) and `--set KEY=VALUE` into an mn_scenario, and back.
 *
 * Every key, its type, its user unit and its valid range come from one table,
 * mn_scenario_keys() (src/io/scenario_keys.c). Values are converted from the user's unit (the
 * key's suffix) to SI exactly once, here. Bad input never falls back on a default: the call
 * fails and mn_ctx_errmsg() says where (file:line:column or "--set"), which key, which value
 * and what was expected.
 *
 *   mn_scenario s;
 *   if (mn_scenario_load_file(ctx, "cheek.yaml", &s) != MN_OK ||
 *       mn_scenario_set(ctx, &s, "device.needle_length_mm=1.0") != MN_OK ||
 *       mn_scenario_validate(ctx, &s) != MN_OK)
 *     fprintf(stderr, "%s\n", mn_ctx_errmsg(ctx));
 */
#ifndef MNSIM_IO_H
#define MNSIM_IO_H

#include <stddef.h>

#include "mnsim/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Largest scenario file accepted, in bytes (1 MiB); larger input is refused unread. */
#define MN_SCENARIO_MAX_BYTES ((size_t)1 << 20)

/** Load a scenario file: start from mn_scenario_default(), then apply every key of the file.
 *  The skin.site given is checked against the site table (mn_site_find). A file that gives no
 *  `name` is named after the file ("scans/forehead.yaml" -> "forehead").
 *  @param path  file to read (borrowed); a directory, a missing file, a file larger than
 *               MN_SCENARIO_MAX_BYTES or one that is not UTF-8 text is refused
 *  @param out   receives the scenario; on failure it holds mn_scenario_default()
 *  @return MN_OK; MN_E_IO (cannot read); MN_E_CONFIG (bad YAML, unknown key, wrong type, value
 *          out of range, unknown enum value); MN_E_NOTFOUND (unknown site); MN_E_NOMEM. */
MN_API mn_status mn_scenario_load_file(mn_ctx *ctx, const char *path, mn_scenario *out);

/** Load a scenario from text (len bytes, need not be NUL-terminated); as mn_scenario_load_file.
 *  @param origin  names the text in messages ("scenario.yaml", "<stdin>"); NULL: "<string>" */
MN_API mn_status mn_scenario_load_string(mn_ctx *ctx, const char *text, size_t len,
                                         const char *origin, mn_scenario *out);

/** Apply one "key=value" assignment (dotted key path, value in the key's user unit) with the
 *  conversions and checks of the loader; messages name "--set". For optional keys the value
 *  "null" restores the catalogue's value. On failure *s is unchanged.
 *  @return MN_OK; MN_E_CONFIG; MN_E_NOTFOUND (unknown site); MN_E_ARG (NULL argument). */
MN_API mn_status mn_scenario_set(mn_ctx *ctx, mn_scenario *s, const char *assignment);

/** Check a whole scenario: every value in its key's range (optional ones may be unset), and the
 *  checks across keys that need no catalogue (a compound given by its properties needs
 *  molecular_weight_da and log_kow). Keys of another device type are ignored, with a warning
 *  through the context's logger. Catalogue names are checked by the stage owning the catalogue.
 *  @return MN_OK; MN_E_CONFIG; MN_E_ARG (NULL argument). */
MN_API mn_status mn_scenario_validate(mn_ctx *ctx, const mn_scenario *s);

/** The scenario as YAML in the user's keys and units, one line per key with its help as a
 *  comment; unset optional values are written `null`. mn_scenario_load_string() reads it back
 *  to the same scenario, bit for bit, for every value that is a decimal number times the key's
 *  unit factor (all values loaded or --set are). *yaml_out is freed with mn_string_free
 *  (include/mnsim/run.h).
 *  @return MN_OK; MN_E_NOMEM; MN_E_ARG (NULL argument). */
MN_API mn_status mn_scenario_to_yaml(mn_ctx *ctx, const mn_scenario *s, char **yaml_out);

/** The user unit of a key as people write it ("mm", "µm", "µL/cm²"; "" when unitless), from
 *  the suffix of its path. Static, never NULL. */
MN_API const char *mn_scenario_key_unit(const mn_scenario_key *key);

/** The value of a key in s in the key's user unit, as the YAML writer writes it ("1.5",
 *  "roller", "null"; strings unquoted), into buf (always NUL-terminated, at least 32 bytes).
 *  @return MN_OK; MN_E_ARG. */
MN_API mn_status mn_scenario_format_value(mn_ctx *ctx, const mn_scenario *s,
                                          const mn_scenario_key *key, char *buf, size_t buf_size);

#ifdef __cplusplus
}
#endif
#endif /* MNSIM_IO_H */
