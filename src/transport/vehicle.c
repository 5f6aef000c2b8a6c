/* The applied film (docs/model.md §4, "finite dose").
 *
 * The film is a well-mixed liquid of thickness h(t). Its volatile part (water, ethanol)
 * evaporates at a constant rate E until only the non-volatile part is left:
 *     h(t) = max(h0 - E t, (1 - f_vol) h0),  E = 0 when occluded.
 * The active (amount M per area) is dissolved up to its solubility S, the rest is a deposit:
 *     C(t) = min(M / h_eff, S),  h_eff = max(h, 1e-3 h0).
 * A film that dries completely leaves a solid deposit; a solid has the activity of a saturated
 * solution, so the deposit keeps feeding the skin at C = S until a residue below what a film of
 * 1e-3 h0 holds is left (h_eff). A volatile active leaves at J = v C, v = k_g P_vap MW/(R T S):
 * the vapour above the film is in equilibrium at activity C/S (Raoult), k_g the gas-side
 * mass-transfer velocity (assumed 1e-3 m/s, still indoor air). Infinite dose: C = min(C0, S)
 * for ever, h = h0. Wash-off removes film and deposit at once.
 *
 * A deposit (formulation.vehicle deposit) is dry at t = 0: no film, the active a solid whose
 * share outside the SC's loading zone (the solver places that) holds the SC surface at
 * saturation while it lasts; its last residue is spread over 1 nm (a numerical device: a
 * molecular layer, so that the surface lets go of saturation continuously).
 * Under skin.barrier_model wkn the active evaporates as the finite-dose model has it: skin at
 * 32 °C and the gas-side mass-transfer coefficient of Kasting & Miller 2006 (J Pharm Sci
 * 95:268), k_g = 6320 u^0.78 / MW^(1/3) cm/h (u the air speed [m/s], 0.165 m/s as the
 * finite-dose calculator's in-vitro default), the flux k_g c_vap,sat (C / S): the activity is
 * C / S at the surface.
 *
 * The vehicles (formulation.vehicle, docs/model.md §4.4):
 *   water        a serum: 90 % of the film evaporates at 10 µL/cm²/h (assumed; Kasting & Miller's
 *                correlation gives 20 mg/cm²/h into dry air at 0.165 m/s and 32 °C, about half
 *                that at 50 % relative humidity); the rest is a liquid residue that stays.
 *   ethanol,     volatile solvents: the whole film evaporates at Kasting & Miller's rate
 *   acetone      k_g c_vap,sat(32 °C) (into dry air), 10 µL/cm² in about 5 and 1 min; the active
 *                fills the SC's loading zone at application (the solvent carries it into the
 *                upper SC: Dancik et al. 2013) and the rest dries to a surface deposit.
 *   deposit      laid down dry at t = 0: the loading zone, the rest a surface deposit.
 *   nonvolatile  a liquid film that stays (glycerol, propylene glycol), with the active's
 *                vehicle/water partition formulation.vehicle_partition.
 * A dried deposit (no liquid left) delivers as fast as it dissolves into what it touches: a
 * share contact_frac of the SC's surface in patches, the flux converging on them, through a
 * mass-transfer coefficient (mni_contact); over a channel it delivers only while the film is
 * wet. */
#include <math.h>
#include <string.h>

#include "transport/transport_int.h"

#define GAS_MASS_TRANSFER_M_PER_S 1e-3 /* assumed, still indoor air (no source in the notes) */
#define GAS_CONSTANT              8.314462618 /* J/(mol K) */
#define T_SKIN_SURFACE_K          298.15      /* 25 °C, where the vapour pressures are given */
#define RESIDUAL_FILM_FRAC        1e-3        /* h_eff floor, fraction of h0 */
#define DEPOSIT_RESIDUE_M         1e-9        /* a deposit's residue layer (see above) */
#define T_SKIN_K                  305.15      /* 32 °C, the finite-dose model's skin */
#define AIR_SPEED_M_PER_S         0.165       /* the calculator's default (barrier.md §4) */

/* Kasting & Miller 2006 as the finite-dose calculator uses it: k_g [cm/h] for MW [Da]. */
static double kasting_miller_kg_m_per_s(double mw_da)
{
  double kg_cm_per_h = 6320.0 * pow(AIR_SPEED_M_PER_S, 0.78) / cbrt(mw_da);
  return mn_cm_per_h_to_m_per_s(kg_cm_per_h);
}

/* The volatile solvents: vapour pressure at 32 °C from the Antoine equation (standard
 * constants: ethanol 87 torr, acetone 309 torr), molar mass, liquid density. */
typedef struct solvent {
  double p_vap_32c_pa, mw_da, density_kg_per_m3;
} solvent;
static const solvent ETHANOL = {11.6e3, 46.07, 789.0};
static const solvent ACETONE = {41.1e3, 58.08, 784.0};

/* Film thickness a solvent loses per second into dry air: k_g p MW / (R T) / density. */
static double solvent_evap_m_per_s(const solvent *sv)
{
  double c_sat = sv->p_vap_32c_pa * sv->mw_da * 1e-3 / (GAS_CONSTANT * T_SKIN_K);
  return kasting_miller_kg_m_per_s(sv->mw_da) * c_sat / sv->density_kg_per_m3;
}

#define WATER_VOLATILE_FRAC 0.9 /* a water-based serum (assumed; docs/model.md §4.4) */
#define WATER_EVAP_UL_CM2_H 10.0 /* assumed; the header's estimate */

/* The vehicle's own volatile fraction and evaporation rate (the scenario's NaN). */
static void vehicle_defaults(mn_vehicle_kind kind, double *vol, double *rate_m_per_s)
{
  switch (kind) {
  case MN_VEHICLE_ETHANOL:
    *vol = 1.0, *rate_m_per_s = solvent_evap_m_per_s(&ETHANOL);
    break;
  case MN_VEHICLE_ACETONE:
    *vol = 1.0, *rate_m_per_s = solvent_evap_m_per_s(&ACETONE);
    break;
  case MN_VEHICLE_NONVOLATILE:
  case MN_VEHICLE_DEPOSIT:
    *vol = 0.0, *rate_m_per_s = 0.0;
    break;
  case MN_VEHICLE_WATER:
  default:
    *vol = WATER_VOLATILE_FRAC, *rate_m_per_s = mn_ul_per_cm2_to_m(WATER_EVAP_UL_CM2_H) / 3600.0;
    break;
  }
}


/* The film as it dries, from the scenario alone (no validation; mni_vehicle_from_scenario
 * checks the values): thickness, volatile fraction, evaporation (stopped by occlusion),
 * wash-off, and the kind of dose. *rate_m_per_s gets the rate before occlusion (NULL: not
 * wanted). */
static void film_of(const mn_scenario *s, mni_vehicle *out, double *rate_m_per_s)
{
  const mn_scenario_formulation *f = &s->formulation;
  double vol, rate;
  vehicle_defaults(f->vehicle, &vol, &rate);
  if (!isnan(f->volatile_frac)) vol = f->volatile_frac;
  if (!isnan(f->evaporation_rate_m_per_s)) rate = f->evaporation_rate_m_per_s;
  memset(out, 0, sizeof *out);
  out->film0_m = f->dose_film_m;
  out->volatile_frac = vol;
  out->is_occluded = s->treatment.occluded;
  out->is_infinite = f->infinite_dose;
  out->is_deposit = f->vehicle == MN_VEHICLE_DEPOSIT;
  out->evap_rate_m_per_s = out->is_occluded ? 0.0 : rate;
  out->wash_off_s = isnan(f->wash_off_s) ? HUGE_VAL : f->wash_off_s;
  if (rate_m_per_s != NULL) *rate_m_per_s = rate;
}

mn_status mni_vehicle_from_scenario(mn_ctx *ctx, const mn_scenario *s, const mn_compound_props *p,
                                    mni_vehicle *out)
{
  const mn_scenario_formulation *f = &s->formulation;
  MN_REQUIRE(ctx, f->dose_film_m > 0 && isfinite(f->dose_film_m), MN_E_CONFIG,
             "formulation.dose_ul_cm2 = %g must be > 0", mn_m_to_ul_per_cm2(f->dose_film_m));
  MN_REQUIRE(ctx, f->concentration_kg_per_m3 > 0 && isfinite(f->concentration_kg_per_m3),
             MN_E_CONFIG, "formulation.concentration_mg_ml = %g must be > 0",
             f->concentration_kg_per_m3);
  double rate;
  film_of(s, out, &rate);
  double vol = out->volatile_frac;
  MN_REQUIRE(ctx, vol >= 0 && vol <= 1, MN_E_CONFIG,
             "formulation.volatile_fraction = %g must be in [0, 1]", vol);
  MN_REQUIRE(ctx, rate >= 0, MN_E_CONFIG,
             "formulation.evaporation_rate_ul_cm2_h = %g must be >= 0",
             mn_m_to_ul_per_cm2(rate) * 3600.0);
  MN_REQUIRE(ctx, f->deposit_contact_frac > 0 && f->deposit_contact_frac <= 1, MN_E_CONFIG,
             "formulation.deposit_contact_fraction = %g must be in (0, 1]",
             f->deposit_contact_frac);
  MN_REQUIRE(ctx, f->deposit_patch_m > 0, MN_E_CONFIG,
             "formulation.deposit_patch_um = %g must be > 0", mn_m_to_um(f->deposit_patch_m));
  MN_REQUIRE(ctx, f->vehicle_partition > 0, MN_E_CONFIG,
             "formulation.vehicle_partition = %g must be > 0", f->vehicle_partition);
  MN_REQUIRE(ctx, isnan(f->wash_off_s) || f->wash_off_s >= 0, MN_E_CONFIG,
             "formulation.wash_off_h = %g must be >= 0", mn_s_to_h(f->wash_off_s));
  out->conc0_kg_per_m3 = f->concentration_kg_per_m3;
  out->solubility_kg_per_m3 = p->water_solubility_kg_per_m3;
  out->K_vehicle = f->vehicle_partition;
  out->has_loading_zone = !out->is_infinite && (out->is_deposit ||
                                                f->vehicle == MN_VEHICLE_ETHANOL ||
                                                f->vehicle == MN_VEHICLE_ACETONE);
  MN_REQUIRE(ctx, !(out->is_deposit && out->is_infinite), MN_E_CONFIG,
             "formulation.vehicle = deposit with formulation.infinite_dose = true: a dry deposit "
             "is a finite dose; set infinite_dose false or vehicle water");
  /* A film that evaporates whole leaves a solid deposit: its residue, like a deposit's, is
   * spread over a molecular layer (the header). */
  bool dries_whole = out->is_deposit || (vol >= 1.0 && out->evap_rate_m_per_s > 0);
  out->residual_film_m = dries_whole ? DEPOSIT_RESIDUE_M : RESIDUAL_FILM_FRAC * out->film0_m;
  out->contact_frac = f->deposit_contact_frac;
  out->patch_m = f->deposit_patch_m;
  out->dissolution_m_per_s =
      isnan(f->deposit_dissolution_m_per_s) ? HUGE_VAL : f->deposit_dissolution_m_per_s;
  out->has_dry_deposit = !out->is_infinite && dries_whole;
  out->dry_deposit_from_s = out->has_dry_deposit ? mni_vehicle_dry_time(out) : HUGE_VAL;
  double p_vap = isnan(f->vapour_pressure_pa) ? 0.0 : f->vapour_pressure_pa;
  if (isnan(f->vapour_pressure_pa) && f->compound[0] != '\0') {
    const mn_compound *c = NULL;
    MN_TRY(mn_compound_find(ctx, f->compound, &c));
    p_vap = c->vapour_pressure_pa;
  }
  bool is_wkn = s->skin.barrier_model == MN_BARRIER_WKN;
  double c_vap_sat = p_vap * p->molecular_weight_da * 1e-3 /
                     (GAS_CONSTANT * (is_wkn ? T_SKIN_K : T_SKIN_SURFACE_K));
  double k_gas =
      is_wkn ? kasting_miller_kg_m_per_s(p->molecular_weight_da) : GAS_MASS_TRANSFER_M_PER_S;
  out->active_evap_m_per_s = (out->is_occluded || !isfinite(out->solubility_kg_per_m3))
                                 ? 0.0
                                 : k_gas * c_vap_sat / out->solubility_kg_per_m3;
  return MN_OK;
}

double mni_vehicle_dose(const mni_vehicle *v)
{
  return v->conc0_kg_per_m3 * v->film0_m;
}

double mni_vehicle_dry_time(const mni_vehicle *v)
{
  if (v->is_deposit) return 0.0;
  if (v->is_infinite || v->evap_rate_m_per_s <= 0 || v->volatile_frac <= 0) return HUGE_VAL;
  return v->volatile_frac * v->film0_m / v->evap_rate_m_per_s;
}

double mni_vehicle_film_m(const mni_vehicle *v, double t_s)
{
  if (t_s >= v->wash_off_s) return 0.0;
  if (v->is_infinite) return v->film0_m;
  if (v->is_deposit) return 0.0;
  double h_res = (1.0 - v->volatile_frac) * v->film0_m;
  double h = v->film0_m - v->evap_rate_m_per_s * t_s;
  return h > h_res ? h : h_res;
}

bool mni_vehicle_is_wet(const mni_vehicle *v, double t_s)
{
  return t_s < v->wash_off_s && t_s < mni_vehicle_dry_time(v);
}

mni_contact mni_vehicle_contact(const mni_vehicle *v, double t_s, bool is_channel)
{
  mni_contact c = {1.0, 0.0, HUGE_VAL};
  if (t_s >= v->wash_off_s) c.frac = 0.0;
  else if (v->has_dry_deposit && t_s >= v->dry_deposit_from_s) {
    c.frac = is_channel ? 0.0 : v->contact_frac;
    c.patch_m = v->patch_m;
    c.k_m_per_s = v->dissolution_m_per_s;
  }
  return c;
}

double mni_vehicle_conc(const mni_vehicle *v, double t_s, double M_kg_per_m2, double *dC_dM)
{
  if (dC_dM != NULL) *dC_dM = 0.0;
  if (t_s >= v->wash_off_s) return 0.0;
  if (v->is_infinite) return fmin(v->conc0_kg_per_m3, v->solubility_kg_per_m3);
  double h = mni_vehicle_film_m(v, t_s);
  double h_eff = fmax(h, v->residual_film_m);
  double c = M_kg_per_m2 / h_eff;
  if (c >= v->solubility_kg_per_m3) return v->solubility_kg_per_m3;
  if (dC_dM != NULL) *dC_dM = 1.0 / h_eff;
  return c;
}

double mni_vehicle_active_evap(const mni_vehicle *v, double t_s, double C_kg_per_m3)
{
  return (t_s >= v->wash_off_s) ? 0.0 : v->active_evap_m_per_s * C_kg_per_m3;
}

void mni_vehicle_split(const mni_vehicle *v, double t_s, double M_kg_per_m2, double *dissolved,
                       double *deposit)
{
  if (v->is_infinite || t_s >= v->wash_off_s) {
    *dissolved = M_kg_per_m2;
    *deposit = 0.0;
    return;
  }
  double h_eff = fmax(mni_vehicle_film_m(v, t_s), v->residual_film_m);
  double C = mni_vehicle_conc(v, t_s, M_kg_per_m2, NULL);
  *dissolved = fmin(M_kg_per_m2, C * h_eff);
  *deposit = M_kg_per_m2 - *dissolved;
}

double mni_vehicle_saturation_margin(const mni_vehicle *v, double t_s, double M_kg_per_m2)
{
  if (v->is_infinite || t_s >= v->wash_off_s || !isfinite(v->solubility_kg_per_m3)) return 1.0;
  double h_eff = fmax(mni_vehicle_film_m(v, t_s), v->residual_film_m);
  return M_kg_per_m2 / h_eff - v->solubility_kg_per_m3;
}

double mni_vehicle_hydrating_until_s(const mn_scenario *s)
{
  const mn_scenario_formulation *f = &s->formulation;
  if (s->treatment.occluded) return HUGE_VAL;
  if (f->vehicle != MN_VEHICLE_WATER) return 0.0;
  if (f->infinite_dose) return HUGE_VAL;
  mni_vehicle v;
  film_of(s, &v, NULL);
  return fmin(mni_vehicle_dry_time(&v), v.wash_off_s);
}
