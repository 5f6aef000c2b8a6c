/* Insertion mechanics: how deep a needle of nominal length L really goes.
 *
 * Skin is not pierced at first touch: it dimples under the tip until the force reaches the
 * piercing force F_p, and once pierced a hand-held device presses only part of the rest in.
 * For one needle pressed with force F:
 *
 *   F_p   = max(F_sharp, p_pierce * pi * r_tip^2)       piercing force, linear in tip area
 *   delta = F_p / k_skin  (x e_impact for a pen)        dimple before piercing
 *   pierced  <=>  F >= F_p  and  L > delta
 *   d     = phi_device * g(F) * (L - delta) * (1 + cv_d z_d),  clamped to [0, L - delta]
 *   g(F)  = 1 - exp(-(F - F_p) / F_s)                   share pressed in, saturating in force
 *
 * F is the hand's force per needle (light / moderate / firm, or force_n) times a log-normal
 * between-needle spread; a pen adds its drive's impact force F_imp. phi_device bounds what
 * the device can press in: a stamp pressed straight down 1, a roller (oblique, brief contact)
 * 0.43, a pen 0.6. d grows with L and F, falls with tip radius, and stays below L - delta < L.
 * Sources and which values are measured, fitted or assumed: docs/model.md, section 2. */
#include <math.h>
#include <string.h>

#include "puncture/insertion_int.h"

/* Olatunji et al. 2013 J Pharm Sci 102:1209: 0.021-0.030 N per sharp needle (pig skin);
 * Donnelly et al. 2011 Pharm Res: > 0.03 N per needle. */
#define PIERCE_FORCE_SHARP_N 0.025
/* Davis et al. 2004 J Biomech 37:1155: insertion force linear in the tip's interfacial area.
 * The slope is chosen so that a 5 um tip needs F_sharp (derived: 0.025 N / (pi (5 um)^2)). */
#define SHARP_TIP_RADIUS_M 5e-6
/* Assumed: a dimple of 100 um under a sharp needle (0.025 N / 250 N/m). */
#define SKIN_STIFFNESS_N_PER_M 250.0
/* Fitted with the pressures below: reach saturates over 0.1 N of excess force. */
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
/* Reach of each device: roller fitted to Kalluri 2011 (0.20 of 770 um at moderate pressure);
 * stamp 1 (pressed straight, only dimple and force limit it; gives Donnelly's 0.77 of 600 um
 * at firm pressure and Lam 2008's < 0.5 below 1 mm at moderate); pen assumed (data gap:
 * no measurement of depth setting vs histological depth in human skin). */
#define REACH_ROLLER 0.43
#define REACH_STAMP  1.0
#define REACH_PEN    0.6
/* Truncation of the normal draws, so that no needle goes unboundedly deep. */
#define Z_MAX 3.0

double mn_pressure_force_n(mn_pressure pressure, double force_n)
{
  if (!isnan(force_n)) return force_n;
  /* Assumed classes of force per needle: moderate is fitted to Kalluri 2011 (roller) and Lam
   * 2008 (pressed arrays below 1 mm go in < 50 %), firm to Donnelly 2011 (0.77 of 600 um). */
  switch (pressure) {
  case MN_PRESSURE_LIGHT:
    return 0.05;
  case MN_PRESSURE_MODERATE:
    return 0.10;
  case MN_PRESSURE_FIRM:
    return 0.35;
  }
  return 0.10;
}

static double reach_of(mn_device_type type)
{
  switch (type) {
  case MN_DEVICE_ROLLER:
    return REACH_ROLLER;
  case MN_DEVICE_STAMP:
    return REACH_STAMP;
  case MN_DEVICE_PEN:
    return REACH_PEN;
  }
  return REACH_ROLLER;
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
  m->pierce_force_n = f_tip > PIERCE_FORCE_SHARP_N ? f_tip : PIERCE_FORCE_SHARP_N;
  m->dimple_m = m->pierce_force_n / SKIN_STIFFNESS_N_PER_M * (is_impact ? IMPACT_DIMPLE_FACTOR : 1);
  m->reach_fraction = reach_of(device->type);
  m->force_scale_n = FORCE_SCALE_N;
  m->depth_cv = DEPTH_CV;
  return MN_OK;
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
  double g = 1.0 - exp(-(f - m->pierce_force_n) / m->force_scale_n);
  double d = m->reach_fraction * g * free_m * (1.0 + m->depth_cv * clamp_z(z_depth));
  return d < 0.0 ? 0.0 : (d > free_m ? free_m : d);
}

mn_status mn_insertion_nominal(mn_ctx *ctx, const mn_device *device,
                               const mn_scenario_treatment *treatment, mn_insertion *out)
{
  MNI_C_LOCALE();
  MN_REQUIRE(ctx, out != NULL, MN_E_ARG, "mn_insertion_nominal: NULL argument");
  mni_insertion_model m;
  memset(&m, 0, sizeof m);
  MN_TRY(mni_insertion_setup(ctx, device, treatment, &m));
  double d = mni_insertion_depth_m(&m, 0.0, 0.0);
  out->force_n = m.force_n + m.impact_force_n;
  out->pierce_force_n = m.pierce_force_n;
  out->dimple_m = m.dimple_m;
  out->depth_m = d;
  out->depth_fraction = d / m.length_m;
  out->is_pierced = d > 0.0;
  out->opening_radius_m = d > 0.0 ? mn_device_needle_radius_m(device, d) : 0.0;
  return MN_OK;
}
