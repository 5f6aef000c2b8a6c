/* mnsim core: status codes, the context object, allocation, the seeded RNG, unit helpers.
 *
 * Every library call takes an mn_ctx. The context holds everything that would otherwise be
 * global: the allocator, the message of the last failure, the random number generator and the
 * logger. Two contexts can be used in two threads at once; one context is not thread-safe.
 * The library never prints, never exits: it returns an mn_status and fills the context's
 * message (mn_ctx_errmsg). */
#ifndef MNSIM_CORE_H
#define MNSIM_CORE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(MN_BUILDING_LIBRARY)
#define MN_API __attribute__((visibility("default")))
#else
#define MN_API
#endif

/* Status codes: 0 success, negative failure (SUNDIALS' convention: positive is information). */
#define MN_STATUS_LIST(X)                                                                          \
  X(MN_OK, 0, "success")                                                                           \
  X(MN_E_NOMEM, -1, "out of memory")                                                               \
  X(MN_E_ARG, -2, "invalid argument")                                                              \
  X(MN_E_CONFIG, -3, "invalid configuration")                                                      \
  X(MN_E_IO, -4, "file I/O failed")                                                                \
  X(MN_E_NUMERIC, -5, "non-finite value (NaN or Inf)")                                             \
  X(MN_E_NOCONVERGE, -6, "iteration did not converge")                                             \
  X(MN_E_CALLBACK, -7, "user callback failed")                                                     \
  X(MN_E_UNSUPPORTED, -8, "feature not built in")                                                  \
  X(MN_E_NOTFOUND, -9, "name not found")                                                           \
  X(MN_E_CANCELLED, -10, "cancelled")

typedef enum {
#define MN_X_ENUM(name, val, text) name = val,
  MN_STATUS_LIST(MN_X_ENUM)
#undef MN_X_ENUM
} mn_status;

/** Static text of a status code; never NULL. */
MN_API const char *mn_status_str(mn_status st);

/** Version of the library, "MAJOR.MINOR.PATCH"; static. */
MN_API const char *mn_version(void);

/** Version of the public API: raised by one whenever a public function, struct or enum changes
 *  in a way that breaks a caller built against the previous headers. A binding compares
 *  mn_api_version() (the library it loaded) with the MN_API_VERSION it was written for.
 *  2: one destroy form (mn_x_destroy(&x)), bool flags, mn_model in the absorption summary,
 *  the scenario handle (mn_scn) and the result's fields by name.
 *  3: mn_scenario_skin gains barrier_model and hydration, mn_scenario_formulation vehicle
 *  (the C struct layout moved; the by-name API did not).
 *  4: mn_scenario_skin gains hydration_relax_s, mn_scenario_formulation ion_type, pka, ph and
 *  the deposit's contact and dissolution; more vehicles; mn_absorption_summary gains the
 *  compartments, the SC's parameters and the hydration history.
 *  5: mn_scenario gains indication (the C struct layout moved; the by-name API did not);
 *  mnsim/outcome.h and mn_result_outcome.
 *  6: fractional lasers: mn_device_type gains MN_DEVICE_FRACTIONAL_LASER, mn_scenario_device
 *  and mn_device their laser fields, mn_puncture_stats the zone's; mn_channel_set_open_depth_m;
 *  mn_healing_pih_risk_percent; mnsim/compare.h; mn_plan_to_scn; mn_catalogue_json.
 *  7: the user's own catalogues: mn_catalogue_add, mn_catalogue_origin.
 *  8: structured errors: mn_ctx_error_key, mn_ctx_error_value.
 *  9: mn_absorption_summary gains intact_lag_s and enhancement_is_upper_bound;
 *  mn_compare_row's evidence holds 512 bytes. */
#define MN_API_VERSION 9
MN_API int mn_api_version(void);

/** Allocator hook (Lua's lua_Alloc): new_size 0 frees and returns NULL; otherwise behaves as
 *  realloc(ptr, new_size). old_size is the size of the block at ptr (0 when ptr is NULL). */
typedef void *(*mn_alloc_fn)(void *ud, void *ptr, size_t old_size, size_t new_size);

typedef enum { MN_LOG_DEBUG = 0, MN_LOG_INFO = 1, MN_LOG_WARN = 2 } mn_log_level;

/** Logger hook: receives every message the library logs (warnings, progress notes). */
typedef void (*mn_log_fn)(void *ud, mn_log_level level, const char *msg);

/** Progress hook: fraction done in [0, 1] and the simulated time [s]. Return 0 to go on,
 *  non-zero to cancel (the run then fails with MN_E_CALLBACK). */
typedef int (*mn_progress_fn)(void *ud, const char *stage, double fraction, double sim_time_s);

/** Cancel hook: polled by the solvers between steps and by the writers between files; return
 *  non-zero to stop (the call then fails with MN_E_CANCELLED, its temporaries removed). It may
 *  run on any thread of a run, so it should only read a flag: a host that stops on a signal
 *  sets a volatile sig_atomic_t in its handler and returns it here (the library installs no
 *  signal handler itself). */
typedef int (*mn_cancel_fn)(void *ud);

typedef struct mn_ctx mn_ctx;

/** Create a context. alloc may be NULL (the C library's malloc/realloc/free).
 *  @return MN_OK or MN_E_NOMEM; *out is NULL on failure. */
MN_API mn_status mn_ctx_create(mn_alloc_fn alloc, void *alloc_ud, mn_ctx **out);
/** Free the context and set *pctx to NULL; NULL is a no-op. Every object made with the context
 *  (results, scenario handles, channel sets, reports) keeps it and frees itself through it:
 *  destroy them first. */
MN_API void mn_ctx_destroy(mn_ctx **pctx);
/** Detail of the last failure ("" if none); valid until the next failing call on ctx. */
MN_API const char *mn_ctx_errmsg(const mn_ctx *ctx);
/** The scenario key the last failure is about, such as "device.needle_length_mm" ("" when it
 *  is about no one key: a file that is not YAML, a failed run), and the value given to it as
 *  the user wrote it ("" when none was: an unknown or repeated key). For bindings that raise
 *  structured errors; the message says the same in words. Valid as mn_ctx_errmsg. */
MN_API const char *mn_ctx_error_key(const mn_ctx *ctx);
MN_API const char *mn_ctx_error_value(const mn_ctx *ctx);
/** Install a logger (NULL: messages are dropped). */
MN_API void mn_ctx_set_logger(mn_ctx *ctx, mn_log_fn fn, void *ud);
/** Install a progress callback (NULL: none). */
MN_API void mn_ctx_set_progress(mn_ctx *ctx, mn_progress_fn fn, void *ud);
/** Install a cancel hook (NULL: none); see mn_cancel_fn. */
MN_API void mn_ctx_set_cancel(mn_ctx *ctx, mn_cancel_fn fn, void *ud);
/** Number of threads the 3D solver may use (0: OpenMP's default). Results do not depend on it. */
MN_API void mn_ctx_set_threads(mn_ctx *ctx, int n_threads);
/** A compiled-in catalogue ("sites", "devices", "compounds", "indications", "outcomes") as a
 *  JSON array of its entries, in the units and with the keys of data/NAME.yaml (for bindings;
 *  free with mn_string_free). @return MN_OK; MN_E_NOTFOUND (unknown name); MN_E_NOMEM. */
MN_API mn_status mn_catalogue_json(mn_ctx *ctx, const char *name, char **json_out);
/** Add a user's catalogue file to the context: a YAML file in the format of data/NAME.yaml whose
 *  lists `compounds`, `devices`, `sites` and `indications` join the built-in ones for every
 *  later call on this context (a scenario may then name them). A user entry may take a built-in
 *  name only with `override: true` in the entry. The names are checked now, each entry's fields
 *  when its list is first read (mn_compounds_list and the rest: a wrong field fails them with
 *  "FILE:LINE:COLUMN: ENTRY.KEY ..."). Adding a path already added does nothing; catalogues
 *  parsed before stay valid for pointers already handed out. Not thread-safe on one context.
 *  @param path  the file, as the messages and listings will name it (not retained)
 *  @return MN_OK; MN_E_IO (cannot read); MN_E_CONFIG (malformed: nothing added); MN_E_NOMEM. */
MN_API mn_status mn_catalogue_add(mn_ctx *ctx, const char *path);
/** Where the entry name of a catalogue ("sites", "devices", "compounds", "indications") comes
 *  from: *file is the user's file as given to mn_catalogue_add, or "data/NAME.yaml" with
 *  *is_builtin true. Borrowed until the context is destroyed.
 *  @return MN_OK; MN_E_NOTFOUND (no such catalogue or entry); MN_E_CONFIG; MN_E_NOMEM. */
MN_API mn_status mn_catalogue_origin(mn_ctx *ctx, const char *catalogue, const char *name,
                                     const char **file, bool *is_builtin);
MN_API int mn_ctx_get_threads(const mn_ctx *ctx);

/** Allocate through the context's allocator; free with mn_free. NULL on failure (and the
 *  context's message says so). Memory the library hands to the caller is freed with mn_free. */
MN_API void *mn_alloc(mn_ctx *ctx, size_t size);
MN_API void *mn_calloc(mn_ctx *ctx, size_t n, size_t size);
MN_API void *mn_realloc(mn_ctx *ctx, void *ptr, size_t old_size, size_t new_size);
MN_API void mn_free(mn_ctx *ctx, void *ptr, size_t size);

/* ---- Random numbers: xoshiro256** seeded by splitmix64; a stream per purpose ---------------- */

/** A random stream; plain struct so each stage and each thread can own one. */
typedef struct mn_rng {
  uint64_t s[4];
} mn_rng;

/** Seed a stream from a seed and a stream id, so that stages draw independent sequences and
 *  adding draws to one stage never changes another's. */
MN_API void mn_rng_seed(mn_rng *rng, uint64_t seed, uint64_t stream);
MN_API uint64_t mn_rng_next(mn_rng *rng);
/** Uniform in [0, 1). */
MN_API double mn_rng_uniform(mn_rng *rng);
/** Standard normal (Box-Muller, no cached state so draws stay reproducible). */
MN_API double mn_rng_normal(mn_rng *rng);

/* ---- Units: the library works in SI; these convert at the edges ----------------------------- */

#define MN_PI 3.14159265358979323846

static inline double mn_um_to_m(double um) { return um * 1e-6; }
static inline double mn_m_to_um(double m) { return m * 1e6; }
static inline double mn_mm_to_m(double mm) { return mm * 1e-3; }
static inline double mn_m_to_mm(double m) { return m * 1e3; }
static inline double mn_cm_to_m(double cm) { return cm * 1e-2; }
static inline double mn_cm2_to_m2(double cm2) { return cm2 * 1e-4; }
static inline double mn_m2_to_cm2(double m2) { return m2 * 1e4; }
static inline double mn_h_to_s(double h) { return h * 3600.0; }
static inline double mn_s_to_h(double s) { return s / 3600.0; }
static inline double mn_days_to_s(double d) { return d * 86400.0; }
static inline double mn_s_to_days(double s) { return s / 86400.0; }
static inline double mn_weeks_to_s(double w) { return w * 7.0 * 86400.0; }
/* A month is 30.4375 days (365.25 / 12). */
static inline double mn_months_to_s(double mo) { return mo * 30.4375 * 86400.0; }
/* mg/mL = kg/m^3 */
static inline double mn_mg_per_ml_to_kg_per_m3(double c) { return c; }
/* µL/cm² of film = 1e-9 m^3 / 1e-4 m^2 = 1e-5 m of film thickness */
static inline double mn_ul_per_cm2_to_m(double v) { return v * 1e-5; }
static inline double mn_m_to_ul_per_cm2(double m) { return m * 1e5; }
/* µg/cm² = 1e-9 kg / 1e-4 m^2 = 1e-5 kg/m^2 */
static inline double mn_ug_per_cm2_to_kg_per_m2(double v) { return v * 1e-5; }
static inline double mn_kg_per_m2_to_ug_per_cm2(double v) { return v * 1e5; }
/* cm/h -> m/s */
static inline double mn_cm_per_h_to_m_per_s(double v) { return v * 1e-2 / 3600.0; }
static inline double mn_m_per_s_to_cm_per_h(double v) { return v * 3600.0 * 1e2; }
/* cm²/s -> m²/s */
static inline double mn_cm2_per_s_to_m2_per_s(double v) { return v * 1e-4; }
static inline double mn_m2_per_s_to_cm2_per_s(double v) { return v * 1e4; }

#ifdef __cplusplus
}
#endif
#endif /* MNSIM_CORE_H */
