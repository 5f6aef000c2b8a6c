/* Insertion mechanics: how deep a needle of nominal length L really goes (docs/model.md §2).
 *
 * Skin is not pierced at first touch: it dimples under the tip until the force reaches the
 * piercing force F_p. How far it dimples depends on the skin: its structural stiffness grows
 * with its thickness (epidermis + dermis, H). Once pierced, a hand-held roller or stamp presses
 * only part of the rest in; a pen's drive fires the needle to its setting. For one needle:
 *
 *   F_p   = max(F_sharp, p_pierce * pi * r_tip^2)       piercing force, linear in tip area
 *   k     = k_1mm * (H / 1 mm)^(3/2)                    structural stiffness of the skin
 *   delta = F_p / k  (x e_impact for a pen)             dimple before piercing
 *   pierced  <=>  F >= F_p  and  L > delta
 *   hand (roller, stamp): d = g(F) * (L - delta) * (1 + cv_d z_d)
 *                         g(F) = 1 - exp(-(F - F_p) / F_s)   share pressed in
 *   pen:                  d = (L - delta) * (1 + cv_d z_d)   the stroke drives it to the setting
 *   d clamped to [0, L - delta]
 *
 * F is the hand's force per needle (light / moderate / firm, or force_n) times a log-normal
 * between-needle spread; a pen adds its drive's impact force. k ~ H^(3/2) is the point-load
 * stiffness of a plate (bending stiffness ~ E H^3) on a soft foundation (the subcutis),
 * k = 8 sqrt(D k_f); skin layer thickness as the driver of structural stiffness across species:
 * Wei et al. 2017, Sci Rep 7:15885. Which values are measured, calibrated or assumed, with
 * sources: docs/model.md, section 2. */
#include <math.h>
#include <string.h>

#include "puncture/insertion_int.h"

/* Olatunji et al. 2013 J Pharm Sci 102:1209: 0.021-0.030 N per sharp needle (pig skin);
 * Donnelly et al. 2011 Pharm Res: > 0.03 N per needle (neonatal pig). */
#define PIERCE_FORCE_SHARP_N 0.025
/* Davis et al. 2004 J Biomech 37:1155: insertion force (0.1-3 N, human in vivo) linear in the
 * tip's interfacial area. The slope is set so that a 5 um tip needs F_sharp. */
#define SHARP_TIP_RADIUS_M 5e-6
/* Assumed (no in vivo measurement of the deflection under a 4 um tip was found): a dimple of
 * 100 um under a sharp needle on skin 1 mm thick (E + D), 0.025 N / 250 N/m. */
#define SKIN_STIFFNESS_N_PER_M 250.0
#define SKIN_REFERENCE_THICKNESS_M 1e-3
/* Plate on a soft foundation: k ~ sqrt(D) ~ H^(3/2). */
#define SKIN_STIFFNESS_EXPONENT 1.5
/* Assumed: the share pressed in saturates over 0.1 N of excess force; with the moderate class
 * it gives g = 0.53, the physics reference's prior of about 0.5 for needles <= 1 mm. */
#define FORCE_SCALE_N 0.1
/* Assumed: the hand's force varies between needles by 30 %; a pen's drive by 5 %. */
#define FORCE_CV_MANUAL 0.30
#define FORCE_CV_IMPACT 0.05
/* Kalluri, Kolli & Banga 2011 AAPS J 13:473: 152.5 +- 9.6 um, a spread of 6.3 %. */
#define DEPTH_CV 0.063
/* Assumed (Verbaan et al. 2008 J Control Release: impact at 1-3 m/s pierces reproducibly
 * where pressing by hand does not): the drive adds 0.5 N and the fast skin dimples 5x less. */
#define IMPACT_FORCE_N       0.5
#define IMPACT_DIMPLE_FACTOR 0.2
/* The skin recovers around the shaft once the needle is out: Kalluri 2011 measured openings
 * of 70.7 +- 9.9 um for needles 140 um wide at the base (70.7 / 140 = 0.505). */
#define OPENING_RECOVERY 0.505
/* Truncation of the normal draws, so that no needle goes unboundedly deep. */
#define Z_MAX 3.0

/* Force per needle of the pressure classes. No published force of a hand-held roller or
 * stamp was found; the classes are anchored on the measured piercing force of a sharp needle
 * (0.021-0.030 N, Olatunji 2013; > 0.03 N, Donnelly 2011): light twice and moderate four times
 * F_sharp (assumed); firm is calibrated on Donnelly 2011 (600 um needles pressed firmly by
 * hand into human skin in vivo reach about 460 um): the force at which a 600 um stamp reaches
 * 460 um on the forearm (E + D 1.44 mm): g = 460 / (600 - 57.9) = 0.849, F = F_sharp + F_s
 * ln(1 / (1 - g)) = 0.214 N. Davis 2004's 0.1-3 N per needle (blunter tips, human in vivo)
 * bounds what a hand delivers to one needle from below. */
#define FORCE_LIGHT_N    0.05
#define FORCE_MODERATE_N 0.10
#define FORCE_FIRM_N     0.214

double mn_pressure_force_n(mn_pressure pressure, double force_n)
{
  if (!isnan(force_n)) return force_n;
  switch (pressure) {
  case MN_PRESSURE_LIGHT:
    return FORCE_LIGHT_N;
  case MN_PRESSURE_MODERATE:
    return FORCE_MODERATE_N;
  case MN_PRESSURE_FIRM:
    return FORCE_FIRM_N;
  }
  return FORCE_MODERATE_N;
}

static double dimple_m(const mni_insertion_model *m, double skin_thickness_m)
{
  double k = SKIN_STIFFNESS_N_PER_M *
             pow(skin_thickness_m / SKIN_REFERENCE_THICKNESS_M, SKIN_STIFFNESS_EXPONENT);
  return m->pierce_force_n / k * (m->is_impact ? IMPACT_DIMPLE_FACTOR : 1.0);
}

mn_status mni_insertion_setup(mn_ctx *ctx, const mn_device *device,
                              const mn_scenario_treatment *treatment, mni_insertion_model *m)
{
  MN_REQUIRE(ctx, device != NULL && treatment != NULL && m != NULL, MN_E_ARG,
             "insertion: NULL argument");
  MN_REQUIRE(ctx, device->needle_length_m > 0.0 && device->needle_tip_radius_m > 0.0, MN_E_ARG,
             "insertion: needle length %g mm and tip radius %g um must be > 0",
             mn_m_to_mm(device->needle_length_m), mn_m_to_um(device->needle_tip_radius_m));
  double force_n = mn_pressure_force_n(treatment->pressure, treatment->force_n);
  MN_REQUIRE(ctx, isfinite(force_n) && force_n > 0.0, MN_E_ARG,
             "treatment.force_n = %g N must be > 0", force_n);
  int is_impact = device->type == MN_DEVICE_PEN;
  double p_pierce_pa = PIERCE_FORCE_SHARP_N / (MN_PI * SHARP_TIP_RADIUS_M * SHARP_TIP_RADIUS_M);
  double r_tip = device->needle_tip_radius_m;
  double f_tip = p_pierce_pa * MN_PI * r_tip * r_tip;
  m->length_m = device->needle_length_m;
  m->force_n = force_n;
  m->force_cv = is_impact ? FORCE_CV_IMPACT : FORCE_CV_MANUAL;
  m->impact_force_n = is_impact ? IMPACT_FORCE_N : 0.0;
  m->is_impact = is_impact;
  m->pierce_force_n = f_tip > PIERCE_FORCE_SHARP_N ? f_tip : PIERCE_FORCE_SHARP_N;
  m->skin_thickness_m = SKIN_REFERENCE_THICKNESS_M;
  m->dimple_m = dimple_m(m, m->skin_thickness_m);
  m->force_scale_n = FORCE_SCALE_N;
  m->depth_cv = DEPTH_CV;
  return MN_OK;
}

void mni_insertion_set_skin(mni_insertion_model *m, const mn_layer_stack *layers)
{
  if (m == NULL || layers == NULL) return;
  double h = layers->thickness_m[MN_LAYER_STRATUM_CORNEUM] +
             layers->thickness_m[MN_LAYER_VIABLE_EPIDERMIS] + layers->thickness_m[MN_LAYER_DERMIS];
  if (!(isfinite(h) && h > 0.0)) return;
  m->skin_thickness_m = h;
  m->dimple_m = dimple_m(m, h);
}

static double clamp_z(double z)
{
  return z > Z_MAX ? Z_MAX : (z < -Z_MAX ? -Z_MAX : z);
}

double mni_insertion_depth_m(const mni_insertion_model *m, double z_force, double z_depth)
{
  /* Log-normal with median force_n: the force never turns negative. */
  double s = sqrt(log(1.0 + m->force_cv * m->force_cv));
  double f = m->force_n * exp(s * clamp_z(z_force)) + m->impact_force_n;
  double free_m = m->length_m - m->dimple_m;
  if (f < m->pierce_force_n || free_m <= 0.0) return 0.0;
  /* A pen's stroke drives the needle to its setting; a hand presses a share of it in. */
  double g = m->is_impact ? 1.0 : 1.0 - exp(-(f - m->pierce_force_n) / m->force_scale_n);
  double d = g * free_m * (1.0 + m->depth_cv * clamp_z(z_depth));
  return d < 0.0 ? 0.0 : (d > free_m ? free_m : d);
}

double mni_opening_radius_m(const mn_device *device, double depth_m)
{
  if (!(depth_m > 0.0)) return 0.0;
  double r = mn_device_needle_radius_m(device, depth_m);
  double r_open_max = OPENING_RECOVERY * 0.5 * device->needle_base_diameter_m;
  return r < r_open_max ? r : r_open_max;
}

static mn_status nominal(mn_ctx *ctx, const mn_device *device,
                         const mn_scenario_treatment *treatment, const mn_layer_stack *layers,
                         mn_insertion *out)
{
  MNI_C_LOCALE();
  MN_REQUIRE(ctx, out != NULL, MN_E_ARG, "mn_insertion_nominal: NULL argument");
  mni_insertion_model m;
  memset(&m, 0, sizeof m);
  MN_TRY(mni_insertion_setup(ctx, device, treatment, &m));
  mni_insertion_set_skin(&m, layers);
  double d = mni_insertion_depth_m(&m, 0.0, 0.0);
  out->force_n = m.force_n + m.impact_force_n;
  out->pierce_force_n = m.pierce_force_n;
  out->dimple_m = m.dimple_m;
  out->depth_m = d;
  out->depth_fraction = d / m.length_m;
  out->is_pierced = d > 0.0;
  out->opening_radius_m = mni_opening_radius_m(device, d);
  return MN_OK;
}

mn_status mn_insertion_nominal(mn_ctx *ctx, const mn_device *device,
                               const mn_scenario_treatment *treatment, mn_insertion *out)
{
  return nominal(ctx, device, treatment, NULL, out);
}

mn_status mn_insertion_nominal_at(mn_ctx *ctx, const mn_device *device,
                                  const mn_scenario_treatment *treatment,
                                  const mn_layer_stack *layers, mn_insertion *out)
{
  MN_REQUIRE(ctx, layers != NULL, MN_E_ARG, "mn_insertion_nominal_at: NULL layer stack");
  return nominal(ctx, device, treatment, layers, out);
}
