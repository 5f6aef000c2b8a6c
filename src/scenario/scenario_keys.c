/* The table of scenario keys (shared/SCENARIO.md): path, type, where it lives in mn_scenario,
 * the factor from the user's unit to SI, the valid range in the user's unit and a line of help.
 * Loading, --set, validation, printing the resolved scenario and "did you mean" all read it,
 * so a key is added in exactly one place. Each module's keys sit in their own block. */
#include <stddef.h>
#include <string.h>

#include "mnsim/scenario.h"

#define KEY(path_, type_, field_, to_si_, min_, max_, opt_, enums_, help_)                 \
  {                                                                                        \
    .path = path_, .type = type_, .offset = offsetof(mn_scenario, field_),                 \
    .size = sizeof(((mn_scenario *)0)->field_), .to_si = to_si_, .min = min_, .max = max_, \
    .is_optional = opt_, .enum_names = enums_, .help = help_                               \
  }
/* A list of doubles in array field_ whose element count is the int count_: each element in
 * min_..max_ (user unit), strictly increasing; none given (null, []) = the run chooses. */
#define LIST_KEY(path_, field_, count_, to_si_, min_, max_, help_)                          \
  {                                                                                         \
    .path = path_, .type = MN_KEY_DOUBLE_LIST, .offset = offsetof(mn_scenario, field_),     \
    .size = sizeof(((mn_scenario *)0)->field_), .to_si = to_si_, .min = min_, .max = max_,  \
    .is_optional = true, .help = help_, .count_offset = offsetof(mn_scenario, count_),      \
    .max_count = sizeof(((mn_scenario *)0)->field_) / sizeof(((mn_scenario *)0)->field_[0]) \
  }
/* A list of shares in any order (population.fitzpatrick.shares). */
#define SHARES_KEY(path_, field_, count_, help_)                                            \
  {                                                                                         \
    .path = path_, .type = MN_KEY_DOUBLE_LIST, .offset = offsetof(mn_scenario, field_),     \
    .size = sizeof(((mn_scenario *)0)->field_), .to_si = 1, .min = 0, .max = 1,             \
    .is_optional = true, .help = help_, .count_offset = offsetof(mn_scenario, count_),      \
    .max_count = sizeof(((mn_scenario *)0)->field_) / sizeof(((mn_scenario *)0)->field_[0]), \
    .is_any_order = true                                                                    \
  }
#define INF 1e300

static const char *const device_types[] = {"roller", "stamp", "pen", "fractional_laser", NULL};
static const char *const lasers[] = {"co2",           "er_yag",      "er_glass_1550",
                                     "er_glass_1540", "nd_yap_1340", NULL};
static const char *const patterns[] = {"single", "crosshatch", "random", NULL};
static const char *const pressures[] = {"light", "moderate", "firm", NULL};
static const char *const modes[] = {"in_vivo", "franz_cell", NULL};
static const char *const models[] = {"auto", "1d", "axisymmetric", "3d", NULL};
static const char *const barrier_models[] = {"wkn", "potts_guy", NULL};
static const char *const hydrations[] = {"auto", "partial", "full", NULL};
static const char *const vehicles[] = {"water",   "deposit",     "ethanol",
                                       "acetone", "nonvolatile", NULL};
static const char *const ion_kinds[] = {"neutral", "acid", "base", "compound", NULL};

const char *mn_model_name(mn_model model)
{
  return (unsigned)model < sizeof models / sizeof models[0] - 1 ? models[model] : "?";
}

static const mn_scenario_key keys[] = {
    /* ---- run ---- */
    KEY("name", MN_KEY_STRING, name, 1, 0, 0, false, NULL,
        "free text naming the scenario; empty (the default): a run names it after the site, the "
        "device (needle length and type, a laser's line) and the product, e.g. cheek, 1.5 mm "
        "roller, caffeine serum"),
    KEY("seed", MN_KEY_UINT64, seed, 1, 0, 1.8446744073709552e19, false, NULL,
        "random seed; same seed and input give the same output to the bit"),
    KEY("indication", MN_KEY_STRING, indication, 1, 0, 0, false, NULL,
        "indication, a name from `mnsim indications` (empty: none); adds the outcome a "
        "clinician reads"),

    /* ---- patient ---- */
    KEY("patient.age_years", MN_KEY_DOUBLE, skin.age_years, 1, 18, 100, false, NULL,
        "patient's age [years]: the dermis thins about 6 % per decade (Branchet 1990) and "
        "fibroblasts make less collagen (Varani 2006); adults only"),

    /* ---- skin ---- */
    KEY("skin.site", MN_KEY_STRING, skin.site, 1, 0, 0, false, NULL,
        "body site, a name from `mnsim sites`"),
    KEY("skin.stratum_corneum_um", MN_KEY_DOUBLE, skin.stratum_corneum_m, 1e-6, 1, 500, true,
        NULL, "stratum corneum thickness [µm] (default: the site's)"),
    KEY("skin.viable_epidermis_um", MN_KEY_DOUBLE, skin.viable_epidermis_m, 1e-6, 5, 1000, true,
        NULL, "viable epidermis thickness [µm] (default: the site's)"),
    KEY("skin.dermis_um", MN_KEY_DOUBLE, skin.dermis_m, 1e-6, 100, 6000, true, NULL,
        "dermis thickness [µm] (default: the site's)"),
    KEY("skin.subcutis_mm", MN_KEY_DOUBLE, skin.subcutis_m, 1e-3, 0.1, 100, true, NULL,
        "subcutis thickness [mm] (default: the site's)"),
    KEY("skin.fitzpatrick", MN_KEY_INT, skin.fitzpatrick, 1, 1, 6, false, NULL,
        "Fitzpatrick skin type, 1..6"),
    KEY("skin.barrier_model", MN_KEY_ENUM, skin.barrier_model, 1, 0, 0, false, barrier_models,
        "wkn (Wang-Kasting-Nitsche SC by hydration) | potts_guy (Potts-Guy kp, lipid partition)"),
    KEY("skin.hydration", MN_KEY_ENUM, skin.hydration, 1, 0, 0, false, hydrations,
        "auto | partial | full: SC hydration under wkn (auto: full while occluded or the aqueous "
        "film is wet, then relaxing to partial); full swells the SC by 43.4/13.4"),
    KEY("skin.hydration_relax_h", MN_KEY_DOUBLE, skin.hydration_relax_s, 3600, 1e-3, 100, true,
        NULL,
        "hydration auto: time constant of the SC's return to partial hydration after the film "
        "dries [h] (default: docs/model.md §4.3)"),

    /* ---- device ---- */
    KEY("device.model", MN_KEY_STRING, device.model, 1, 0, 0, false, NULL,
        "device from `mnsim devices` (empty: a generic device of device.type)"),
    KEY("device.type", MN_KEY_ENUM, device.type, 1, 0, 0, false, device_types,
        "roller | stamp | pen | fractional_laser"),
    KEY("device.needle_length_mm", MN_KEY_DOUBLE, device.needle_length_m, 1e-3, 0.05, 3.5, false,
        NULL, "nominal needle length (pen: depth setting) [mm]"),
    KEY("device.needle_base_diameter_um", MN_KEY_DOUBLE, device.needle_base_diameter_m, 1e-6, 20,
        1000, true, NULL, "needle diameter at its base [µm]"),
    KEY("device.needle_tip_radius_um", MN_KEY_DOUBLE, device.needle_tip_radius_m, 1e-6, 0.1, 100,
        true, NULL, "radius of the needle's tip [µm]"),
    KEY("device.needle_cone_angle_deg", MN_KEY_DOUBLE, device.needle_cone_angle_deg, 1, 1, 120,
        true, NULL, "full angle of the needle's tip cone [deg]"),
    KEY("device.needles", MN_KEY_INT, device.needles, 1, 1, 2000, true, NULL,
        "number of needles on the drum, stamp or cartridge"),
    KEY("device.drum_diameter_mm", MN_KEY_DOUBLE, device.drum_diameter_m, 1e-3, 2, 100, true,
        NULL, "roller drum diameter [mm]"),
    KEY("device.drum_width_mm", MN_KEY_DOUBLE, device.drum_width_m, 1e-3, 2, 100, true, NULL,
        "roller drum width [mm]"),
    KEY("device.stamp_width_mm", MN_KEY_DOUBLE, device.stamp_width_m, 1e-3, 1, 50, true, NULL,
        "stamp needle field width [mm]"),
    KEY("device.stamp_height_mm", MN_KEY_DOUBLE, device.stamp_height_m, 1e-3, 1, 50, true, NULL,
        "stamp needle field height [mm]"),
    KEY("device.frequency_hz", MN_KEY_DOUBLE, device.frequency_hz, 1, 1, 500, true, NULL,
        "pen stroke frequency [Hz]"),
    KEY("device.glide_speed_mm_s", MN_KEY_DOUBLE, device.glide_speed_m_per_s, 1e-3, 0.5, 200,
        true, NULL, "pen glide speed over the skin [mm/s]"),
    KEY("device.cartridge_diameter_mm", MN_KEY_DOUBLE, device.cartridge_diameter_m, 1e-3, 1, 30,
        true, NULL, "pen cartridge (needle field) diameter [mm]"),
    KEY("device.laser", MN_KEY_ENUM, device.laser, 1, 0, 0, false, lasers,
        "fractional laser line: co2 (10600 nm) | er_yag (2940 nm), ablative; er_glass_1550 | "
        "er_glass_1540 | nd_yap_1340, non-ablative (a device.model's own line wins)"),
    KEY("device.pulse_energy_mj", MN_KEY_DOUBLE, device.pulse_energy_j, 1e-3, 0.1, 500, true, NULL,
        "fractional laser: energy per microbeam [mJ] (default: the device's)"),
    KEY("device.spot_diameter_um", MN_KEY_DOUBLE, device.spot_diameter_m, 1e-6, 20, 2000, true,
        NULL, "fractional laser: 1/e^2 diameter of a microbeam [µm] (default: the device's)"),
    KEY("device.pulse_ms", MN_KEY_DOUBLE, device.pulse_s, 1e-3, 0.01, 100, true, NULL,
        "fractional laser: pulse duration [ms] (default: the device's)"),
    KEY("device.density_per_cm2", MN_KEY_DOUBLE, device.density_per_m2, 1e4, 1, 10000, true, NULL,
        "fractional laser: treatment zones per cm² and pass (default: the device's)"),
    KEY("device.coverage_percent", MN_KEY_DOUBLE, device.coverage_fraction, 0.01, 0.1, 100, true,
        NULL,
        "fractional laser: share of the surface the zones of one pass cover [%], instead of "
        "device.density_per_cm2 (the zone's width comes from the physics)"),

    /* ---- treatment ---- */
    KEY("treatment.area_cm2", MN_KEY_DOUBLE, treatment.area_m2, 1e-4, 0.01, 5000, false, NULL,
        "area treated [cm²]"),
    KEY("treatment.passes", MN_KEY_INT, treatment.passes, 1, 1, 100, false, NULL,
        "passes over the area (roller, pen, fractional laser) or stamps per spot (stamp)"),
    KEY("treatment.pattern", MN_KEY_ENUM, treatment.pattern, 1, 0, 0, false, patterns,
        "single | crosshatch | random"),
    KEY("treatment.pressure", MN_KEY_ENUM, treatment.pressure, 1, 0, 0, false, pressures,
        "light | moderate | firm"),
    KEY("treatment.force_n", MN_KEY_DOUBLE, treatment.force_n, 1, 0.001, 5, true, NULL,
        "force per needle [N] (default: from treatment.pressure)"),
    KEY("treatment.occluded", MN_KEY_BOOL, treatment.occluded, 1, 0, 0, false, NULL,
        "product left on / covered after treatment (slows channel closure; stops evaporation; "
        "hydrates the SC under skin.hydration auto)"),

    /* ---- formulation ---- */
    KEY("formulation.compound", MN_KEY_STRING, formulation.compound, 1, 0, 0, false, NULL,
        "compound from `mnsim compounds` (empty: give its properties)"),
    KEY("formulation.molecular_weight_da", MN_KEY_DOUBLE, formulation.molecular_weight_da, 1, 1,
        5e6, true, NULL, "molecular weight [Da]"),
    KEY("formulation.log_kow", MN_KEY_DOUBLE, formulation.log_kow, 1, -10, 12, true, NULL,
        "octanol/water partition coefficient, log10"),
    KEY("formulation.concentration_mg_ml", MN_KEY_DOUBLE, formulation.concentration_kg_per_m3, 1,
        1e-9, 1000, false, NULL, "concentration of the active in the product [mg/mL]"),
    KEY("formulation.dose_ul_cm2", MN_KEY_DOUBLE, formulation.dose_film_m, 1e-5, 0.01, 1000,
        false, NULL, "volume of product applied per area [µL/cm²]"),
    KEY("formulation.infinite_dose", MN_KEY_BOOL, formulation.infinite_dose, 1, 0, 0, false, NULL,
        "a donor that never depletes"),
    KEY("formulation.vehicle", MN_KEY_ENUM, formulation.vehicle, 1, 0, 0, false, vehicles,
        "water (a serum film that evaporates) | ethanol | acetone (gone in minutes: the active "
        "left in the SC's loading zone and as a surface deposit) | deposit (laid down dry at "
        "t = 0) | nonvolatile (a liquid film that stays)"),
    KEY("formulation.ion_type", MN_KEY_ENUM, formulation.ion_type, 1, 0, 0, false, ion_kinds,
        "neutral | acid | base | compound (the catalogue's; neutral for given properties)"),
    KEY("formulation.pka", MN_KEY_DOUBLE, formulation.pka, 1, -5, 20, true, NULL,
        "pKa of the group that ionises (a base: of BH+) (default: the compound's)"),
    KEY("formulation.ph", MN_KEY_DOUBLE, formulation.ph, 1, 0, 14, false, NULL,
        "pH of the product (the SC's un-ionised fraction; 7.4 below the SC)"),
    KEY("formulation.deposit_contact_fraction", MN_KEY_DOUBLE, formulation.deposit_contact_frac,
        1, 1e-4, 1, false, NULL,
        "share of the SC's surface a dried deposit touches (1: the whole surface held at "
        "saturation)"),
    KEY("formulation.deposit_patch_um", MN_KEY_DOUBLE, formulation.deposit_patch_m, 1e-6, 0.01,
        1000, false, NULL, "radius of a dried deposit's contact patches [µm]"),
    KEY("formulation.deposit_dissolution_cm_h", MN_KEY_DOUBLE,
        formulation.deposit_dissolution_m_per_s, 1e-2 / 3600.0, 1e-9, 1e6, true, NULL,
        "dissolution mass-transfer coefficient of a dried deposit [cm/h] (default: fast)"),
    KEY("formulation.applied_after_h", MN_KEY_DOUBLE, formulation.applied_after_s, 3600, 0, 720,
        false, NULL, "time between needling and applying the product [h]"),
    KEY("formulation.water_solubility_mg_ml", MN_KEY_DOUBLE,
        formulation.water_solubility_kg_per_m3, 1, 1e-9, 5000, true, NULL,
        "solubility of the active in the vehicle [mg/mL] (default: the compound's in water)"),
    KEY("formulation.vapour_pressure_pa", MN_KEY_DOUBLE, formulation.vapour_pressure_pa, 1, 0,
        1e5, true, NULL, "vapour pressure of the active at 25 °C [Pa] (default: the compound's)"),
    KEY("formulation.kp_cm_h", MN_KEY_DOUBLE, formulation.kp_m_per_s, 1e-2 / 3600.0, 1e-12, 10,
        true, NULL,
        "measured stratum corneum permeability [cm/h] (default: Potts-Guy; wkn: WKN's)"),
    KEY("formulation.sc_partition", MN_KEY_DOUBLE, formulation.sc_partition, 1, 1e-6, 1e9, true,
        NULL,
        "stratum corneum / water partition coefficient (default: 0.43 Kow^0.81; wkn: the phase "
        "sum)"),
    KEY("formulation.sc_diffusivity_cm2_s", MN_KEY_DOUBLE, formulation.sc_diffusivity_m2_per_s,
        1e-4, 1e-18, 1e-4, true, NULL,
        "stratum corneum diffusivity [cm²/s] (default: from kp, partition and 15 µm; wkn: WKN's)"),
    KEY("formulation.aqueous_diffusivity_cm2_s", MN_KEY_DOUBLE,
        formulation.aqueous_diffusivity_m2_per_s, 1e-4, 1e-12, 1e-3, true, NULL,
        "diffusivity of the active in water [cm²/s] (default: Hayduk-Laudie)"),
    KEY("formulation.vehicle_partition", MN_KEY_DOUBLE, formulation.vehicle_partition, 1, 1e-6,
        1e6, false, NULL, "vehicle / water partition coefficient of the active (1: aqueous)"),
    KEY("formulation.volatile_fraction", MN_KEY_DOUBLE, formulation.volatile_frac, 1, 0, 1, true,
        NULL,
        "fraction of the applied film that evaporates (default: the vehicle's: water 0.9, "
        "ethanol and acetone 1, nonvolatile 0)"),
    KEY("formulation.evaporation_rate_ul_cm2_h", MN_KEY_DOUBLE,
        formulation.evaporation_rate_m_per_s, 1e-5 / 3600.0, 0, 1e4, true, NULL,
        "rate at which the film's volatile part evaporates [µL/cm²/h] (stopped by occlusion; "
        "default: the vehicle's)"),
    KEY("formulation.wash_off_h", MN_KEY_DOUBLE, formulation.wash_off_s, 3600, 0, 720, true, NULL,
        "product washed off this long after application [h] (default: never)"),
    KEY("formulation.sc_kp_factor", MN_KEY_DOUBLE, formulation.sc_kp_factor, 1, 1e-6, 1e6, false,
        NULL,
        "factor on the stratum corneum diffusivity, so on the kp, the barrier model derives (1: "
        "as derived; a population with compound uncertainty draws it per patient)"),

    /* ---- simulation ---- */
    KEY("simulation.duration_h", MN_KEY_DOUBLE, simulation.duration_s, 3600, 0.01, 720, false,
        NULL, "simulated time after application [h]"),
    KEY("simulation.mode", MN_KEY_ENUM, simulation.mode, 1, 0, 0, false, modes,
        "in_vivo (dermal capillary clearance) | franz_cell (receptor sink)"),
    KEY("simulation.model", MN_KEY_ENUM, simulation.model, 1, 0, 0, false, models,
        "auto | 1d | axisymmetric | 3d"),
    KEY("simulation.tolerance", MN_KEY_DOUBLE, simulation.tolerance, 1, 1e-10, 0.1, false, NULL,
        "relative accuracy goal of the solver"),
    KEY("simulation.output_points", MN_KEY_INT, simulation.output_points, 1, 3, 10000, false,
        NULL, "points of the absorption curve (log-spaced in time)"),
    KEY("simulation.clearance_per_h", MN_KEY_DOUBLE, simulation.clearance_per_s, 1 / 3600.0, 0,
        100, true, NULL, "dermal capillary clearance rate [1/h] (default: 1.8, Kretsos 2005)"),
    KEY("simulation.receptor_depth_um", MN_KEY_DOUBLE, simulation.receptor_depth_m, 1e-6, 20,
        10000, true, NULL,
        "franz_cell: dermatomed skin thickness above the receptor [µm] (default: SC+VE+dermis)"),
    LIST_KEY("simulation.profile_times_h", simulation.profile_times_s,
             simulation.n_profile_times, 3600, 0.001, 720,
             "times (h) of the concentration-depth profiles and of the fields of axisymmetric and "
             "3d runs; default: 1/96, 1/24, 1/6 and all of the duration"),

    /* ---- course ---- */
    KEY("course.sessions", MN_KEY_INT, course.sessions, 1, 0, 52, false, NULL,
        "sessions in the course (0 skips the healing stage)"),
    KEY("course.interval_weeks", MN_KEY_DOUBLE, course.interval_s, 7 * 86400.0, 0.1, 52, false,
        NULL, "weeks between sessions"),
    KEY("course.follow_up_months", MN_KEY_DOUBLE, course.follow_up_s, 30.4375 * 86400.0, 0, 60,
        false, NULL, "months after the last session at which outcomes are read"),

    /* ---- population (mnsim population; the same keys as data/population.yaml) ---- */
    KEY("population.sex.female_share", MN_KEY_DOUBLE, population.female_share, 1, 0, 1, true,
        NULL, "share of women among the virtual patients (default: data/population.yaml's, 0.7)"),
    KEY("population.sex.dermis_male_to_female_ratio", MN_KEY_DOUBLE,
        population.dermis_male_to_female_ratio, 1, 0.2, 5, true, NULL,
        "men's dermis over women's at the same site (default: 1.36, Meng 2022)"),
    KEY("population.age_years.min", MN_KEY_DOUBLE, population.age_min_years, 1, 18, 100, true,
        NULL, "youngest patient's age [years], uniform up to max (default: 20)"),
    KEY("population.age_years.max", MN_KEY_DOUBLE, population.age_max_years, 1, 18, 100, true,
        NULL, "oldest patient's age [years] (default: 60)"),
    SHARES_KEY("population.fitzpatrick.shares", population.fitzpatrick_shares,
               population.n_fitzpatrick_shares,
               "shares of Fitzpatrick types I to VI, 6 numbers adding up to 1 (default: 0.10, "
               "0.25, 0.30, 0.20, 0.10, 0.05)"),
    KEY("population.force.cv", MN_KEY_DOUBLE, population.force_cv, 1, 0, 2, true, NULL,
        "between-people CV of the force per needle (default: 0.30)"),
    KEY("population.passes.cv", MN_KEY_DOUBLE, population.passes_cv, 1, 0, 2, true, NULL,
        "between-people CV of the passes (default: 0.25)"),
    KEY("population.compound_uncertainty", MN_KEY_BOOL, population.compound_uncertainty, 1, 0, 0,
        false, NULL,
        "draw each patient's formulation.sc_kp_factor: log10 normal, SD population.compound."
        "log_kp_sd (default: false, the compound's properties as derived)"),
    KEY("population.compound.log_kp_sd", MN_KEY_DOUBLE, population.log_kp_sd, 1, 0, 3, true,
        NULL,
        "SD of log10 kp about the barrier model's value (default: 0.7, Potts & Guy 1992's "
        "scatter)"),
};

const mn_scenario_key *mn_scenario_keys(size_t *n_keys)
{
  if (n_keys != NULL)
    *n_keys = sizeof keys / sizeof keys[0];
  return keys;
}

const mn_scenario_key *mn_scenario_key_find(const char *path)
{
  if (path == NULL)
    return NULL;
  for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
    if (strcmp(keys[i].path, path) == 0)
      return &keys[i];
  return NULL;
}

/* Levenshtein distance, bounded to short strings (keys are < 64 characters). */
static size_t edit_distance(const char *a, const char *b)
{
  size_t na = strlen(a), nb = strlen(b);
  if (na > 63 || nb > 63)
    return (size_t)-1;
  size_t prev[64], cur[64];
  for (size_t j = 0; j <= nb; j++)
    prev[j] = j;
  for (size_t i = 1; i <= na; i++) {
    cur[0] = i;
    for (size_t j = 1; j <= nb; j++) {
      size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
      size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
      cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
    }
    memcpy(prev, cur, (nb + 1) * sizeof prev[0]);
  }
  return prev[nb];
}

const mn_scenario_key *mn_scenario_key_suggest(const char *path)
{
  if (path == NULL)
    return NULL;
  const mn_scenario_key *best = NULL;
  size_t best_d = (size_t)-1;
  for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
    size_t d = edit_distance(path, keys[i].path);
    /* A key with the same last component in another section is a near miss too. */
    const char *leaf_a = strrchr(path, '.'), *leaf_b = strrchr(keys[i].path, '.');
    if (leaf_a && leaf_b && strcmp(leaf_a, leaf_b) == 0 && d > 2)
      d = 2;
    if (d < best_d) {
      best_d = d;
      best = &keys[i];
    }
  }
  size_t n = strlen(path);
  return best_d <= (n < 12 ? 3 : n / 4 + 2) ? best : NULL;
}
