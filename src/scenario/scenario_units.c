/* The user unit of a scenario key, read from the suffix of its path (docs/units.md lists them).
 * Longer suffixes come first so that "_mm_s" wins over a shorter match. */
#include <string.h>

#include "mnsim/scenario.h"

static const struct {
  const char *suffix;
  const char *unit;
} suffixes[] = {
    {"_ul_cm2_h", "µL/cm²/h"}, {"_cm2_s", "cm²/s"}, {"_cm_h", "cm/h"}, {"_per_h", "1/h"},
    {"_pa", "Pa"}, {"_years", "years"},
    {"_per_cm2", "/cm²"}, {"_percent", "%"}, {"_ul_cm2", "µL/cm²"}, {"_ug_cm2", "µg/cm²"},
    {"_mg_ml", "mg/mL"},  {"_mm_s", "mm/s"}, {"_months", "months"}, {"_weeks", "weeks"},
    {"_days", "days"},    {"_cm2", "cm²"},   {"_deg", "deg"},       {"_um", "µm"},
    {"_mm", "mm"},        {"_hz", "Hz"},     {"_da", "Da"},         {"_h", "h"},
    {"_mj", "mJ"},        {"_ms", "ms"},     {"_s", "s"},           {"_n", "N"},
};

const char *mn_scenario_key_unit(const mn_scenario_key *key)
{
  if (key == NULL || key->path == NULL) return "";
  size_t n = strlen(key->path);
  for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
    size_t m = strlen(suffixes[i].suffix);
    if (n > m && strcmp(key->path + n - m, suffixes[i].suffix) == 0) return suffixes[i].unit;
  }
  return "";
}
