/* Internal helpers shared by every module: failure reporting, check macros, logging. */
#ifndef MNSIM_CORE_INT_H
#define MNSIM_CORE_INT_H

#include "mnsim/core.h"

#if defined(__GNUC__)
#define MNI_PRINTF(fmt_idx, arg_idx) __attribute__((format(printf, fmt_idx, arg_idx)))
#else
#define MNI_PRINTF(fmt_idx, arg_idx)
#endif

#define MNI_ERRMSG_MAX 1024
#define MNI_ERRKEY_MAX 128
#define MNI_ERRVALUE_MAX 256

/** Record a failure: fills the context's message and returns st (so `return mni_fail(...)`). */
mn_status mni_fail(mn_ctx *ctx, mn_status st, const char *fmt, ...) MNI_PRINTF(3, 4);
/** mni_fail for a scenario key's error: also records the key and the value given to it
 *  (value may be NULL: none; vlen bytes, cut at MNI_ERRVALUE_MAX - 1), which
 *  mn_ctx_error_key and mn_ctx_error_value return until the next failure. */
mn_status mni_fail_key(mn_ctx *ctx, mn_status st, const char *key, const char *value, size_t vlen,
                       const char *fmt, ...) MNI_PRINTF(6, 7);
/** Say which key (and value) the failure just recorded is about, its message unchanged. */
void mni_error_about(mn_ctx *ctx, const char *key, const char *value, size_t vlen);
/** Clear the context's message (successful entry points do not need to). */
void mni_clear_error(mn_ctx *ctx);
/** Log through the context's logger, if any. */
void mni_log(mn_ctx *ctx, mn_log_level level, const char *fmt, ...) MNI_PRINTF(3, 4);
/** Report progress; returns MN_E_CALLBACK (with a message) if the callback asked to cancel. */
mn_status mni_progress(mn_ctx *ctx, const char *stage, double fraction, double sim_time_s);
/** MN_E_CANCELLED (with "STAGE: cancelled") when the context's cancel hook asks to stop, else
 *  MN_OK. mni_progress polls it too. */
mn_status mni_check_cancel(mn_ctx *ctx, const char *stage);
/** delta +1: stop calling the logger and the progress hook (a run the user did not ask for,
 *  such as an outcome's anchor protocol); -1: resume. Nests. */
void mni_ctx_quiet(mn_ctx *ctx, int delta);

/* Per-context slots for data parsed once and kept for the context's life: the catalogues of
 * core/catalog_int.h, one per data/<name>.yaml. */
typedef enum {
  MNI_SLOT_SITES,
  MNI_SLOT_DEVICES,
  MNI_SLOT_COMPOUNDS,
  MNI_SLOT_INDICATIONS,
  MNI_SLOT_HEALING,
  MNI_SLOT_OUTCOMES,
  MNI_SLOT_POPULATION,
  MNI_SLOT_STUDY_SPLIT, /* not a catalogue: how studies share their rows between processes */
  MNI_SLOT_USER_FILES,  /* the user's catalogue files; after the catalogues that point into them */
  MNI_SLOT_SCENARIO_PLACES, /* where each key of the last scenario file loaded was written */
  MNI_SLOT_STUDY_CHECKPOINT, /* not a catalogue: where studies save and find finished rows */
  MNI_SLOT_LASER_ZONES,      /* not a catalogue: the pulses' zones computed so far */
  MNI_N_SLOTS
} mni_slot_id;
typedef void (*mni_slot_destroy_fn)(mn_ctx *ctx, void *data);
void *mni_ctx_slot_get(const mn_ctx *ctx, mni_slot_id id);
/** Empty a slot without destroying its occupant, which the caller now owns. */
void *mni_ctx_slot_take(mn_ctx *ctx, mni_slot_id id);
/** The file whose catalogue entry is being parsed, for the field parsers' messages: set by the
 *  catalogue helper around each entry (a built-in data/NAME.yaml or a user's file). */
const char *mni_ctx_parse_file(const mn_ctx *ctx);
void mni_ctx_set_parse_file(mn_ctx *ctx, const char *file);
/** Store data in a slot; a previous occupant is destroyed. The context destroys it at the end. */
void mni_ctx_slot_set(mn_ctx *ctx, mni_slot_id id, void *data, mni_slot_destroy_fn destroy);

/* Numbers in the C locale: every public entry point that reads or writes numbers as text
 * (scenario, catalogues, files, messages) starts with MNI_C_LOCALE(); so a host that set
 * LC_NUMERIC to a comma locale gets the same files and messages. It switches only the calling
 * thread (uselocale) and restores the caller's locale when the enclosing block ends; nesting is
 * free. The logger and progress callbacks run in the caller's locale. See core/locale.c. */
typedef struct mni_locale_scope {
  void *saved;      /* the thread's locale before; NULL when nothing was changed */
  void *saved_host; /* the caller's locale recorded by an outer scope */
} mni_locale_scope;
mni_locale_scope mni_locale_enter(void);
void mni_locale_leave(mni_locale_scope *s);
/* Around a callback into the host: its locale back for the call; pass the result to _end. */
void *mni_locale_host_begin(void);
void mni_locale_host_end(void *mine);
#if defined(__GNUC__)
#define MNI_CAT_(a, b) a##b
#define MNI_CAT(a, b) MNI_CAT_(a, b)
#define MNI_C_LOCALE()                                                                             \
  mni_locale_scope MNI_CAT(mni_locale_scope_, __LINE__)                                            \
      __attribute__((cleanup(mni_locale_leave), unused)) = mni_locale_enter()
#else
#define MNI_C_LOCALE() (void)0 /* without cleanup attributes the host's locale applies */
#endif

/* cJSON's allocations on this thread go through ctx's allocator until the enclosing block ends
 * (core/json_alloc.c); every entry point that builds or parses JSON opens one. Nesting is free. */
typedef struct mni_json_scope {
  mn_ctx *saved; /* the thread's context before */
} mni_json_scope;
mni_json_scope mni_json_enter(mn_ctx *ctx);
void mni_json_leave(mni_json_scope *s);
/* Installs cJSON's hooks, once per process (mn_ctx_create calls it). */
void mni_json_hooks_install(void);
/* The allocator of ctx and its user data. */
void mni_ctx_allocator(const mn_ctx *ctx, mn_alloc_fn *fn, void **ud);
#if defined(__GNUC__)
#define MNI_JSON_SCOPE(ctx)                                                                        \
  mni_json_scope MNI_CAT(mni_json_scope_, __LINE__)                                                \
      __attribute__((cleanup(mni_json_leave), unused)) = mni_json_enter(ctx)
#else
#define MNI_JSON_SCOPE(ctx) (void)(ctx) /* without cleanup attributes: cJSON uses malloc */
#endif

#define MN_TRY(expr)                                                                               \
  do {                                                                                             \
    mn_status mn_try_st_ = (expr);                                                                 \
    if (mn_try_st_ != MN_OK)                                                                       \
      return mn_try_st_;                                                                           \
  } while (0)

#define MN_REQUIRE(ctx, cond, st, ...)                                                             \
  do {                                                                                             \
    if (!(cond))                                                                                   \
      return mni_fail((ctx), (st), __VA_ARGS__);                                                   \
  } while (0)

/* Inside functions with a `fail:` label and an `mn_status st` variable. */
#define MN_CHECK_GOTO(expr)                                                                        \
  do {                                                                                             \
    st = (expr);                                                                                   \
    if (st != MN_OK)                                                                               \
      goto fail;                                                                                   \
  } while (0)

/** Length of the valid UTF-8 sequence at p (n bytes left, n > 0); 0 if it is not valid UTF-8. */
size_t mni_utf8_len(const unsigned char *p, size_t n);
/** Text a YAML parser may read: UTF-8, no NUL, no control byte but tab, newline and carriage
 *  return (libfyaml 0.7 loops forever on some invalid bytes in a directive line). MN_E_CONFIG
 *  naming what:LINE:COLUMN and what was `expected` ("a YAML scenario") otherwise. */
mn_status mni_check_text(mn_ctx *ctx, const char *what, const char *text, size_t len,
                         const char *expected);

#endif /* MNSIM_CORE_INT_H */
