/* The built-in default scenario of shared/SCENARIO.md. */
#include <math.h>
#include <string.h>

#include "mnsim/scenario.h"

mn_scenario mn_scenario_default(void)
{
  mn_scenario s;
  memset(&s, 0, sizeof s);
  s.name[0] = '\0'; /* not written: mn_run names the scenario after what it runs */
  s.seed = 42;

  strcpy(s.skin.site, "cheek");
  s.skin.stratum_corneum_m = (double)NAN;
  s.skin.viable_epidermis_m = (double)NAN;
  s.skin.dermis_m = (double)NAN;
  s.skin.subcutis_m = (double)NAN;
  s.skin.fitzpatrick = 3;
  s.skin.age_years = 40.0;
  s.skin.barrier_model = MN_BARRIER_WKN;
  s.skin.hydration = MN_HYDRATION_AUTO;
  s.skin.hydration_relax_s = NAN;

  s.device.model[0] = '\0';
  s.device.type = MN_DEVICE_ROLLER;
  s.device.needle_length_m = mn_mm_to_m(1.5);
  s.device.needle_base_diameter_m = (double)NAN;
  s.device.needle_tip_radius_m = (double)NAN;
  s.device.needle_cone_angle_deg = (double)NAN;
  s.device.needles = -1;
  s.device.drum_diameter_m = (double)NAN;
  s.device.drum_width_m = (double)NAN;
  s.device.stamp_width_m = (double)NAN;
  s.device.stamp_height_m = (double)NAN;
  s.device.frequency_hz = (double)NAN;
  s.device.glide_speed_m_per_s = (double)NAN;
  s.device.cartridge_diameter_m = (double)NAN;
  s.device.laser = MN_LASER_CO2;
  s.device.pulse_energy_j = (double)NAN;
  s.device.spot_diameter_m = (double)NAN;
  s.device.pulse_s = (double)NAN;
  s.device.density_per_m2 = (double)NAN;
  s.device.coverage_fraction = (double)NAN;

  s.treatment.area_m2 = mn_cm2_to_m2(10.0);
  s.treatment.passes = 8;
  s.treatment.pattern = MN_PATTERN_CROSSHATCH;
  s.treatment.pressure = MN_PRESSURE_MODERATE;
  s.treatment.force_n = (double)NAN;
  s.treatment.occluded = false;

  strcpy(s.formulation.compound, "caffeine");
  s.formulation.molecular_weight_da = (double)NAN;
  s.formulation.log_kow = (double)NAN;
  s.formulation.concentration_kg_per_m3 = mn_mg_per_ml_to_kg_per_m3(4.0);
  s.formulation.dose_film_m = mn_ul_per_cm2_to_m(10.0);
  s.formulation.infinite_dose = false;
  s.formulation.vehicle = MN_VEHICLE_WATER;
  s.formulation.ion_type = MN_ION_KIND_COMPOUND;
  s.formulation.pka = NAN;
  s.formulation.ph = 5.5; /* a typical skin-care product, near the skin surface's 5 */
  s.formulation.deposit_contact_frac = MN_DEPOSIT_CONTACT_DEFAULT;
  s.formulation.deposit_patch_m = MN_DEPOSIT_PATCH_DEFAULT_M;
  s.formulation.deposit_dissolution_m_per_s = NAN;
  s.formulation.applied_after_s = 0.0;
  s.formulation.water_solubility_kg_per_m3 = NAN;
  s.formulation.vapour_pressure_pa = NAN;
  s.formulation.kp_m_per_s = NAN;
  s.formulation.sc_partition = NAN;
  s.formulation.sc_diffusivity_m2_per_s = NAN;
  s.formulation.aqueous_diffusivity_m2_per_s = NAN;
  s.formulation.vehicle_partition = 1.0;
  s.formulation.volatile_frac = NAN;            /* the vehicle's (docs/model.md §4.4) */
  s.formulation.evaporation_rate_m_per_s = NAN; /* the vehicle's */
  s.formulation.wash_off_s = NAN;

  s.simulation.duration_s = mn_h_to_s(24.0);
  s.simulation.mode = MN_MODE_IN_VIVO;
  s.simulation.model = MN_MODEL_AUTO;
  s.simulation.tolerance = 1e-4;
  s.simulation.output_points = 61;
  s.simulation.clearance_per_s = NAN;
  s.simulation.receptor_depth_m = NAN;
  s.simulation.n_profile_times = 0; /* the run chooses its profile times */

  s.course.sessions = 4;
  s.course.interval_s = mn_weeks_to_s(4.0);
  s.course.follow_up_s = mn_months_to_s(6.0);

  s.formulation.sc_kp_factor = 1.0;
  /* The population's distributions: the data file's (data/population.yaml). */
  s.population.female_share = (double)NAN;
  s.population.dermis_male_to_female_ratio = (double)NAN;
  s.population.age_min_years = (double)NAN;
  s.population.age_max_years = (double)NAN;
  s.population.force_cv = (double)NAN;
  s.population.passes_cv = (double)NAN;
  s.population.log_kp_sd = (double)NAN;
  return s;
}
