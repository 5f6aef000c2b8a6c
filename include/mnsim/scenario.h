/* The scenario: everything a run needs, as plain structs in SI units.
 *
 * shared/SCENARIO.md is the user's contract (keys and their units). scenario/ converts the user's
 * units into the SI fields below exactly once; nothing downstream reads YAML. Optional values
 * that fall back on a catalogue (the site's layer thicknesses, the device's geometry, the
 * compound's properties) are NaN (doubles) or -1 (integers) when the user did not give them. */
#ifndef MNSIM_SCENARIO_H
#define MNSIM_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mnsim/core.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MN_NAME_MAX 64

typedef enum {
  MN_DEVICE_ROLLER = 0,
  MN_DEVICE_STAMP = 1,
  MN_DEVICE_PEN = 2,
  MN_DEVICE_FRACTIONAL_LASER = 3
} mn_device_type;
/** A fractional laser's line (device.laser): ablative CO2 (10,600 nm) and Er:YAG (2,940 nm);
 *  non-ablative Er:glass (1,550 and 1,540 nm) and Nd:YAP (1,340 nm). */
typedef enum {
  MN_LASER_CO2 = 0,
  MN_LASER_ER_YAG = 1,
  MN_LASER_ER_GLASS_1550 = 2,
  MN_LASER_ER_GLASS_1540 = 3,
  MN_LASER_ND_YAP_1340 = 4
} mn_laser;
typedef enum {
  MN_PATTERN_SINGLE = 0,
  MN_PATTERN_CROSSHATCH = 1,
  MN_PATTERN_RANDOM = 2
} mn_pattern;
typedef enum { MN_PRESSURE_LIGHT = 0, MN_PRESSURE_MODERATE = 1, MN_PRESSURE_FIRM = 2 } mn_pressure;
typedef enum { MN_MODE_IN_VIVO = 0, MN_MODE_FRANZ_CELL = 1 } mn_mode;
typedef enum {
  MN_MODEL_AUTO = 0,
  MN_MODEL_1D = 1,
  MN_MODEL_AXISYMMETRIC = 2,
  MN_MODEL_3D = 3
} mn_model;

/** The stratum corneum's barrier model (skin.barrier_model; docs/model.md §4.2): the brick-and-
 *  mortar SC of Wang, Kasting & Nitsche keyed to hydration, or Potts-Guy's kp with the lipid
 *  partition (mnsim 0.1). */
typedef enum { MN_BARRIER_WKN = 0, MN_BARRIER_POTTS_GUY = 1 } mn_barrier_model;
/** The SC's hydration state (skin.hydration; docs/model.md §4.3): auto is fully hydrated while
 *  the product is occluded or its aqueous film is wet and relaxes to partially hydrated after
 *  the film dries (skin.hydration_relax_h); partial and full fix it for the run. */
typedef enum {
  MN_HYDRATION_AUTO = 0,
  MN_HYDRATION_PARTIAL = 1,
  MN_HYDRATION_FULL = 2
} mn_hydration;
/** The vehicle the active is applied in (formulation.vehicle; docs/model.md §4.4). Water: an
 *  aqueous film whose volatile part evaporates (a serum: 90 % by default); ethanol and acetone:
 *  volatile solvents gone within minutes, leaving the active in the SC's loading zone and as a
 *  solid deposit on the surface; deposit: the dose laid down dry at t = 0 (the finite-dose
 *  calculators' set-up); nonvolatile: a liquid film that stays (glycerol, propylene glycol). */
typedef enum {
  MN_VEHICLE_WATER = 0,
  MN_VEHICLE_DEPOSIT = 1,
  MN_VEHICLE_ETHANOL = 2,
  MN_VEHICLE_ACETONE = 3,
  MN_VEHICLE_NONVOLATILE = 4
} mn_vehicle_kind;
/** The default share of the SC's surface that a dried deposit wets (formulation.
 *  deposit_contact_fraction; docs/model.md §4.4 gives the choice and its sensitivity). */
#define MN_DEPOSIT_CONTACT_DEFAULT 1.0
/** The default radius of a dried deposit's contact patches (formulation.deposit_patch_um):
 *  5 µm, assumed (the crystals and islands a drying serum leaves; no measurement found). */
#define MN_DEPOSIT_PATCH_DEFAULT_M 5e-6

/** How the active ionises (formulation.ion_type): as the catalogue says (compound; neutral when
 *  the properties are given), or neutral, acid or base (the values of mn_ion_type). */
typedef enum {
  MN_ION_KIND_NEUTRAL = 0,
  MN_ION_KIND_ACID = 1,
  MN_ION_KIND_BASE = 2,
  MN_ION_KIND_COMPOUND = 3
} mn_ion_kind;

/** The name of a model as simulation.model writes it ("auto", "1d", "axisymmetric", "3d");
 *  static, never NULL ("?" for a value outside the enum). */
MN_API const char *mn_model_name(mn_model model);

typedef struct mn_scenario_skin {
  char site[MN_NAME_MAX];       /* name from the site table */
  double stratum_corneum_m;     /* NaN: the site's value */
  double viable_epidermis_m;    /* NaN: the site's value */
  double dermis_m;              /* NaN: the site's value */
  double subcutis_m;            /* NaN: the site's value */
  int fitzpatrick;              /* 1..6 */
  double age_years;             /* patient.age_years: the dermis thins with age and the healing
                                   stage's fibroblasts make less collagen (docs/model.md §1, §6) */
  mn_barrier_model barrier_model; /* how the SC's K and D are derived */
  mn_hydration hydration;       /* the SC's hydration state */
  double hydration_relax_s;     /* auto: time constant of the SC's return to partial hydration
                                   after the film dries (NaN: the default, docs/model.md §4.3) */
} mn_scenario_skin;

typedef struct mn_scenario_device {
  char model[MN_NAME_MAX];      /* name from the device catalogue; "" = generic of `type` */
  mn_device_type type;
  double needle_length_m;       /* nominal length (pen: depth setting) */
  double needle_base_diameter_m;      /* NaN: the device's value */
  double needle_tip_radius_m;         /* NaN: the device's value */
  double needle_cone_angle_deg;       /* full angle of the tip cone; NaN: the device's value */
  int needles;                        /* -1: the device's value */
  double drum_diameter_m;             /* roller; NaN: the device's value */
  double drum_width_m;                /* roller; NaN: the device's value */
  double stamp_width_m;               /* stamp; NaN: the device's value */
  double stamp_height_m;              /* stamp; NaN: the device's value */
  double frequency_hz;                /* pen stroke frequency; NaN: the device's value */
  double glide_speed_m_per_s;         /* pen; NaN: the device's value */
  double cartridge_diameter_m;        /* pen; NaN: the device's value */
  mn_laser laser;                     /* fractional laser: its line (a model's own line wins) */
  double pulse_energy_j;              /* laser: energy per microbeam; NaN: the device's value */
  double spot_diameter_m;             /* laser: 1/e^2 beam diameter; NaN: the device's value */
  double pulse_s;                     /* laser: pulse duration; NaN: the device's value */
  double density_per_m2;              /* laser: zones per area and pass; NaN: the device's */
  double coverage_fraction;           /* laser: share of the surface the zones of one pass
                                         cover, instead of density_per_m2; NaN: not given */
} mn_scenario_device;

typedef struct mn_scenario_treatment {
  double area_m2;               /* area treated, for totals */
  int passes;                   /* passes (roller, pen) or stamps per spot (stamp) */
  mn_pattern pattern;
  mn_pressure pressure;
  double force_n;               /* force per needle; NaN: from `pressure` */
  bool occluded;                /* product left on / covered: slows channel closure */
} mn_scenario_treatment;

typedef struct mn_scenario_formulation {
  char compound[MN_NAME_MAX];   /* name from the compound catalogue; "" = properties given */
  double molecular_weight_da;   /* NaN: the compound's value */
  double log_kow;               /* NaN: the compound's value */
  double concentration_kg_per_m3;     /* mg/mL = kg/m^3 */
  double dose_film_m;           /* applied film thickness = volume per area (µL/cm² × 1e-5) */
  bool infinite_dose;
  mn_vehicle_kind vehicle;      /* water, ethanol, acetone, deposit or nonvolatile */
  mn_ion_kind ion_type;         /* how the active ionises (compound: the catalogue's) */
  double pka;                   /* NaN: the compound's */
  double ph;                    /* pH of the product (sets the SC's un-ionised fraction) */
  double deposit_contact_frac;  /* share of the SC's surface a dried deposit wets (0, 1] */
  double deposit_patch_m;       /* radius of a dried deposit's contact patches */
  double deposit_dissolution_m_per_s; /* dissolution mass-transfer coefficient of a dried
                                         deposit into what it touches (NaN: fast) */
  double applied_after_s;       /* time between needling and applying the product */
  /* Optional overrides of derived or catalogue properties (NaN: derived / the compound's). */
  double water_solubility_kg_per_m3;  /* solubility of the active in the vehicle (mg/mL) */
  double vapour_pressure_pa;          /* of the active, 25 °C */
  double kp_m_per_s;                  /* stratum corneum permeability (replaces Potts-Guy) */
  double sc_partition;                /* stratum corneum / water partition */
  double sc_diffusivity_m2_per_s;
  double aqueous_diffusivity_m2_per_s;
  double vehicle_partition;           /* vehicle / water partition of the active (1: aqueous) */
  double volatile_frac;               /* fraction of the applied film that evaporates
                                         (NaN: the vehicle's) */
  double evaporation_rate_m_per_s;    /* film thickness lost per second while it evaporates
                                         (NaN: the vehicle's) */
  double wash_off_s;                  /* product washed off at this time after application
                                         (NaN: never) */
  double sc_kp_factor;                /* factor on the SC diffusivity the barrier model derives
                                         (so on its kp): 1 as derived; a population with
                                         compound uncertainty draws it per patient */
} mn_scenario_formulation;

/** Most profile times a scenario may ask for. */
#define MN_PROFILE_TIMES_MAX 8

typedef struct mn_scenario_simulation {
  double duration_s;
  mn_mode mode;
  mn_model model;
  double tolerance;             /* relative accuracy goal */
  int output_points;            /* output times of the absorption curve (log-spaced) */
  double clearance_per_s;       /* dermal capillary clearance (NaN: 5e-4 /s) */
  double receptor_depth_m;      /* franz_cell: thickness of the dermatomed skin above the
                                   receptor (NaN: SC + VE + the whole dermis) */
  /* Times of the concentration-depth profiles and of the fields (axisymmetric, 3d), increasing,
   * in (0, duration]; n_profile_times = 0: the run chooses (1/96, 1/24, 1/6 and all of the
   * duration). */
  double profile_times_s[MN_PROFILE_TIMES_MAX];
  int n_profile_times;
} mn_scenario_simulation;

typedef struct mn_scenario_course {
  int sessions;                 /* 0 skips the healing stage */
  double interval_s;
  double follow_up_s;           /* time after the last session at which outcomes are read */
} mn_scenario_course;

/** The distributions of `mnsim population` (data/population.yaml, docs/population.md): each
 *  value NaN (a list: no element) takes the data file's. A single run does not read them. */
typedef struct mn_scenario_population {
  double female_share;                /* share of women, 0..1 */
  double dermis_male_to_female_ratio; /* men's dermis over women's */
  double age_min_years, age_max_years; /* age: uniform between them */
  double fitzpatrick_shares[6];       /* shares of types I to VI, adding up to 1 */
  int n_fitzpatrick_shares;           /* 0 (the data file's) or 6 */
  double force_cv;                    /* between-people CV of the force per needle */
  double passes_cv;                   /* between-people CV of the passes */
  bool compound_uncertainty;          /* draw formulation.sc_kp_factor per patient */
  double log_kp_sd;                   /* SD of log10 kp about the barrier model's value */
} mn_scenario_population;

typedef struct mn_scenario {
  char name[128];
  uint64_t seed;
  mn_scenario_skin skin;
  mn_scenario_device device;
  mn_scenario_treatment treatment;
  mn_scenario_formulation formulation;
  mn_scenario_simulation simulation;
  mn_scenario_course course;
  char indication[MN_NAME_MAX]; /* name from `mnsim indications`; "" = none (no outcome) */
  mn_scenario_population population; /* `mnsim population` only */
} mn_scenario;

/** The built-in default scenario (shared/SCENARIO.md): a 1.5 mm home derma roller on the
 *  cheek with a caffeine serum, 24 h, and a course of 4 sessions. Its `name` is empty: mn_run
 *  names a scenario with an empty name after the site, device and product it resolves
 *  ("cheek, 1.5 mm roller, caffeine serum"), in the result's copy (mn_result_scenario). */
MN_API mn_scenario mn_scenario_default(void);

/* ---- Keys: the table that drives loading, --set, validation and printing -------------------- */

typedef enum {
  MN_KEY_DOUBLE,
  MN_KEY_INT,
  MN_KEY_UINT64,
  MN_KEY_BOOL,
  MN_KEY_STRING,
  MN_KEY_ENUM,
  MN_KEY_DOUBLE_LIST /* up to max_count doubles, strictly increasing (unless is_any_order);
                        the count is an int */
} mn_key_type;

/** One scenario key. User value × to_si = SI value stored at `offset` in mn_scenario. A list
 *  (MN_KEY_DOUBLE_LIST) stores its elements from `offset` and their number, an int, at
 *  `count_offset`; min and max bound each element; 0 elements means "not given". */
typedef struct mn_scenario_key {
  const char *path;             /* dotted path as the user writes it: "device.needle_length_mm" */
  mn_key_type type;
  size_t offset;                /* offset of the field in mn_scenario */
  size_t size;                  /* size of the field (strings: buffer size) */
  double to_si;                 /* user unit -> SI factor (1 for unitless) */
  double min, max;              /* valid range in the user's unit (numbers) */
  bool is_optional;             /* may be left unset (NaN / -1): falls back on a catalogue */
  const char *const *enum_names; /* MN_KEY_ENUM: NULL-terminated names, index = enum value */
  const char *help;             /* one line: meaning and unit */
  size_t count_offset;          /* MN_KEY_DOUBLE_LIST: offset of the int count in mn_scenario */
  size_t max_count;             /* MN_KEY_DOUBLE_LIST: room for this many elements */
  bool is_any_order;            /* MN_KEY_DOUBLE_LIST: elements need not increase (shares) */
} mn_scenario_key;

/** The table of every scenario key; *n_keys receives its length. Static, never NULL. */
MN_API const mn_scenario_key *mn_scenario_keys(size_t *n_keys);
/** Look a key up by its dotted path; NULL if there is none. */
MN_API const mn_scenario_key *mn_scenario_key_find(const char *path);
/** The key nearest to `path` by edit distance (for "did you mean"); NULL if none is close. */
MN_API const mn_scenario_key *mn_scenario_key_suggest(const char *path);

/* ---- Loading and saving: the scenario file (YAML) and `--set KEY=VALUE` into an mn_scenario,
 * and back.
 *
 * Every key, its type, its user unit and its valid range come from one table,
 * mn_scenario_keys() (src/scenario/scenario_keys.c). Values are converted from the user's unit (the
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

/** Largest scenario file accepted, in bytes (1 MiB); larger input is refused unread. */
#define MN_SCENARIO_MAX_BYTES ((size_t)1 << 20)

/** Load a scenario file: start from mn_scenario_default(), then apply every key of the file.
 *  The skin.site given is checked against the site table (mn_site_find). A file that gives no
 *  `name` keeps the default's empty one, which mn_run fills from what it runs.
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

/* ---- The scenario handle, for bindings ----------------------------------------------------
 *
 * Naming: mn_scenario stays the plain struct (C callers keep it on the stack and set fields);
 * mn_scn is the same scenario behind an opaque handle, for callers that should know no struct
 * layout (Python ctypes, cffi, other languages): every key is read and written by its dotted
 * path as docs/scenario.md writes it, in the key's user unit, through the loader's and --set's
 * own conversions, checks and messages. A handle keeps the context it was made with: its
 * messages go there (mn_ctx_errmsg) and it is freed through its allocator. A handle is not
 * thread-safe; two handles on two contexts may be used in two threads at once.
 *
 *   mn_scn *scn = NULL;
 *   mn_result *res = NULL;
 *   double er = 0.0;
 *   if (mn_scn_create(ctx, &scn) != MN_OK ||
 *       mn_scn_set_text(scn, "device.needle_length_mm", "1.0") != MN_OK ||
 *       mn_scn_set_double(scn, "simulation.duration_h", 8.0) != MN_OK ||
 *       mn_run_scn(ctx, scn, &res) != MN_OK ||
 *       mn_result_get_double(res, "absorption.enhancement_ratio", &er) != MN_OK)
 *     fprintf(stderr, "%s\n", mn_ctx_errmsg(ctx));
 *   mn_result_destroy(&res);
 *   mn_scn_destroy(&scn);
 *
 * (mn_run_scn is in mnsim/run.h, mn_result_get_double in mnsim/output.h.) */
typedef struct mn_scn mn_scn;

/** A handle holding mn_scenario_default(). @return MN_OK; MN_E_NOMEM; MN_E_ARG (ctx or out
 *  NULL). *out is NULL on failure; free it with mn_scn_destroy. */
MN_API mn_status mn_scn_create(mn_ctx *ctx, mn_scn **out);
/** Free a handle and set *ph to NULL; NULL is a no-op. */
MN_API void mn_scn_destroy(mn_scn **ph);
/** A copy of h (same context). @return as mn_scn_create. */
MN_API mn_status mn_scn_dup(const mn_scn *h, mn_scn **out);
/** The scenario inside (borrowed until the next call that changes h); NULL if h is NULL. */
MN_API const mn_scenario *mn_scn_get(const mn_scn *h);
/** Replace the scenario inside by a copy of *s (not validated). @return MN_OK; MN_E_ARG. */
MN_API mn_status mn_scn_assign(mn_scn *h, const mn_scenario *s);

/** Replace the scenario by the one in a file / in text, as mn_scenario_load_file /
 *  mn_scenario_load_string (same statuses and messages); on failure h is unchanged. */
MN_API mn_status mn_scn_load_file(mn_scn *h, const char *path);
MN_API mn_status mn_scn_load_string(mn_scn *h, const char *text, size_t len, const char *origin);

/** Set one key from the text of its value in the key's user unit ("1.0", "roller", "true",
 *  "1, 4, 24", "null" for an optional key), exactly as --set KEY=VALUE does; messages start
 *  with "mn_scn_set_text". On failure h is unchanged.
 *  @return MN_OK; MN_E_CONFIG (unknown key, wrong type, out of range: the message names the
 *          key and the value); MN_E_NOTFOUND (unknown site); MN_E_ARG (NULL argument). */
MN_API mn_status mn_scn_set_text(mn_scn *h, const char *key, const char *value);
/** Set a number key (double, integer, seed) from a double in the key's user unit; the value goes
 *  through its shortest exact decimal text (%.17g), so the stored value is the one the same
 *  decimal in a YAML file gives. A string, enum, bool or list key is MN_E_CONFIG ("KEY is not
 *  a number key"). @return as mn_scn_set_text. */
MN_API mn_status mn_scn_set_double(mn_scn *h, const char *key, double value);
/** The value of one key as the YAML writer writes it ("1.5", "roller", "null"; strings
 *  unquoted) into buf (at least 32 bytes; NUL-terminated).
 *  @return MN_OK; MN_E_NOTFOUND (unknown key: the message names it); MN_E_ARG (NULL argument,
 *          buffer too small: the message says how many bytes are needed). */
MN_API mn_status mn_scn_get_text(const mn_scn *h, const char *key, char *buf, size_t buf_size);
/** The value of a number key (double, integer, seed; bool as 0 or 1) in the key's user unit;
 *  NaN when an optional key is unset. Equal to strtod of mn_scn_get_text's text.
 *  @return MN_OK; MN_E_NOTFOUND (unknown key); MN_E_ARG (a string, enum or list key, NULL
 *          argument). */
MN_API mn_status mn_scn_get_double(const mn_scn *h, const char *key, double *out);
/** As mn_scenario_to_yaml; *yaml_out is freed with mn_string_free. */
MN_API mn_status mn_scn_to_yaml(const mn_scn *h, char **yaml_out);
/** As mn_scenario_validate. */
MN_API mn_status mn_scn_validate(const mn_scn *h);
/** The number of scenario keys and the dotted path of key i (static; NULL when i is past the
 *  end), to list every key without the mn_scenario_key struct. */
MN_API size_t mn_scn_key_count(void);
MN_API const char *mn_scn_key_name(size_t i);

#ifdef __cplusplus
}
#endif
#endif /* MNSIM_SCENARIO_H */
