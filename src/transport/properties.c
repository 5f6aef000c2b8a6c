/* Transport properties of a compound in each skin layer (docs/model.md §4).
 *
 *   intact SC permeability   log10 kp[cm/h] = -2.74 + 0.71 log Kow - 0.0061 MW  (Potts & Guy 1992)
 *   viable-epidermis cap     kp_VE = 2.6 / sqrt(MW) cm/h                         (US EPA RAGS E 2004)
 *   intact skin              1/kp_intact = 1/kp_PG + 1/kp_VE                     (series resistances)
 *   SC partition             K_sc = 0.43 Kow^0.81                  (Wang, Kasting & Nitsche 2007)
 *   SC diffusivity           D_sc = kp_PG L_ref / K_sc, L_ref = 15 µm   (so the SC alone gives kp_PG)
 *   aqueous diffusivity      D_aq = 13.26e-5 eta^-1.14 V^-0.589 cm²/s     (Hayduk & Laudie 1974)
 *   viable epidermis         D_ve = D_aq / 7, K_ve = 1                       (Nitsche & Kasting 2013)
 *   dermis                   D_de = D_aq / (1 + B), B = 0 (unbound), K_de = 0.8  (Kretsos 2008)
 *   capillary clearance      k = 5e-4 /s from 150 µm below the DEJ  (Kretsos & Kasting 2005;
 *                                                                  Roberts/Anissimov group 2022)
 * Every derived value can be replaced by a measured one through the scenario's formulation.
 *
 * Under skin.barrier_model wkn (mn_compound_props_derive_scenario, docs/model.md §4.2) the SC is
 * the brick-and-mortar SC of Wang, Kasting & Nitsche for its hydration state (sc_wkn.c), and the
 * viable epidermis and dermis are those of the finite-dose model (Dancik et al. 2013, Adv Drug
 * Deliv Rev 65:221, after Kretsos et al. 2008, Int J Pharm 346:64):
 *   free diffusivity         D_free = 10^(-4.15 - 0.655 log MW) cm²/s
 *   unbound fraction         f_u = 1 / (1 + 0.5578 e^(log D) + 0.0188), at least 0.005
 *   binding factor           B = 1 - f_alb + f_alb / f_u + f_lip f_non Kow
 *   partition                K = k_free B / f_non
 *   diffusivity              D = (D_free + f_alb D_bound (1 - f_u) / f_u) / B
 * with f_alb 0.32, f_lip 0.001, k_free 0.6, D_bound 1e-7 cm²/s, the VE taken as the dermis; the
 * coefficients as the finite-dose calculator uses them (its public port, checked). */
#include <math.h>
#include <string.h>

#include "transport/transport_int.h"

#define WATER_VISCOSITY_25C_CP 0.89 /* water at 25 °C [cP] (standard value) */
#define HEPI                   7.0 /* D_aq / D_ve in the viable epidermis, Nitsche & Kasting 2013 */
#define K_VE                   1.0 /* physics notes §4: K_VE/w ≈ 1 */
#define K_DERMIS               0.8 /* physics notes §6: 0.7-0.9, Kretsos et al. 2008 */
#define DERMAL_BINDING         0.0 /* B: unbound solute (assumed; no per-compound data) */
#define CLEARANCE_PER_S        5e-4 /* physics notes §6: 5e-4 /s (0.9-14e-4), Kretsos 2005 */

double mni_hayduk_laudie_D_m2_per_s(double mw_da)
{
  /* Molar volume taken as MW / (1 g/cm³) [cm³/mol] (assumed; Le Bas volumes are within ~20%
   * for small organics, and the correlation's exponent makes D vary as V^-0.589). */
  double V_cm3_per_mol = mw_da;
  double D_cm2_per_s = 13.26e-5 * pow(WATER_VISCOSITY_25C_CP, -1.14) * pow(V_cm3_per_mol, -0.589);
  return mn_cm2_per_s_to_m2_per_s(D_cm2_per_s);
}

double mni_potts_guy_kp_m_per_s(double log_kow, double mw_da)
{
  return mn_cm_per_h_to_m_per_s(pow(10.0, -2.74 + 0.71 * log_kow - 0.0061 * mw_da));
}

static bool given(double v)
{
  return !isnan(v);
}

/* formulation.sc_kp_factor: the scatter of the barrier model about its derived kp (a population
 * with compound uncertainty draws it). A formulation not made from a scenario may hold 0: 1. */
static double kp_factor(const mn_scenario_formulation *f)
{
  return isfinite(f->sc_kp_factor) && f->sc_kp_factor > 0 ? f->sc_kp_factor : 1.0;
}

mn_status mn_compound_props_derive(mn_ctx *ctx, const mn_scenario_formulation *f,
                                   mn_compound_props *out)
{
  MNI_C_LOCALE();
  if (ctx == NULL) return MN_E_ARG;
  MN_REQUIRE(ctx, f != NULL && out != NULL, MN_E_ARG, "mn_compound_props_derive: NULL argument");
  memset(out, 0, sizeof *out);
  double mw = (double)NAN, log_kow = (double)NAN, sol = HUGE_VAL;
  if (f->compound[0] != '\0') {
    const mn_compound *c = NULL;
    MN_TRY(mn_compound_find(ctx, f->compound, &c));
    mw = c->molecular_weight_da;
    log_kow = c->log_kow;
    sol = c->water_solubility_kg_per_m3;
  }
  if (given(f->molecular_weight_da)) mw = f->molecular_weight_da;
  if (given(f->log_kow)) log_kow = f->log_kow;
  if (given(f->water_solubility_kg_per_m3)) sol = f->water_solubility_kg_per_m3;
  MN_REQUIRE(ctx, given(mw) && mw > 0, MN_E_CONFIG,
             "formulation.molecular_weight_da = %g Da: give a compound or a molecular weight > 0",
             mw);
  MN_REQUIRE(ctx, given(log_kow), MN_E_CONFIG,
             "formulation.log_kow is not set: give a compound or its log Kow");
  MN_REQUIRE(ctx, sol > 0, MN_E_CONFIG, "formulation.water_solubility_mg_ml = %g must be > 0", sol);

  out->molecular_weight_da = mw;
  out->log_kow = log_kow;
  out->water_solubility_kg_per_m3 = sol;
  out->D_aq_m2_per_s = given(f->aqueous_diffusivity_m2_per_s) ? f->aqueous_diffusivity_m2_per_s
                                                              : mni_hayduk_laudie_D_m2_per_s(mw);
  out->kp_potts_guy_m_per_s =
      (given(f->kp_m_per_s) ? f->kp_m_per_s : mni_potts_guy_kp_m_per_s(log_kow, mw)) *
      kp_factor(f);
  /* Below 1e-20 m/s (1e-15 cm/h) nothing crosses in any simulated time: call it 0 rather than
   * carry denormal numbers (Potts-Guy gives 1e-311 cm/h for 50 kDa). */
  if (out->kp_potts_guy_m_per_s < 1e-20) out->kp_potts_guy_m_per_s = 0.0;
  out->kp_ve_cap_m_per_s = mn_cm_per_h_to_m_per_s(2.6 / sqrt(mw));
  out->kp_intact_m_per_s =
      out->kp_potts_guy_m_per_s > 0
          ? 1.0 / (1.0 / out->kp_potts_guy_m_per_s + 1.0 / out->kp_ve_cap_m_per_s)
          : 0.0;
  out->K_sc = given(f->sc_partition) ? f->sc_partition : 0.43 * pow(pow(10.0, log_kow), 0.81);
  out->D_sc_m2_per_s = given(f->sc_diffusivity_m2_per_s)
                           ? f->sc_diffusivity_m2_per_s * kp_factor(f)
                           : out->kp_potts_guy_m_per_s * MNI_SC_REFERENCE_M / out->K_sc;
  out->K_ve = K_VE;
  out->D_ve_m2_per_s = out->D_aq_m2_per_s / HEPI;
  out->K_de = K_DERMIS;
  out->D_de_m2_per_s = out->D_aq_m2_per_s / (1.0 + DERMAL_BINDING);
  out->k_clear_per_s = CLEARANCE_PER_S;
  out->sc_saturation_kg_per_m3 = out->K_sc * sol;
  out->sc_thickness_factor = 1.0;
  out->hydration_state = MN_HYDRATION_PARTIAL; /* not modelled outside wkn: one parameter set */
  out->hydration_full_until_s = 0.0;
  out->hydration_relax_s = MNI_HYDRATION_RELAX_S;
  out->sc_kp_full_over_partial = 1.0;
  out->unionised_frac_sc = out->unionised_frac_body = 1.0;
  out->solute_radius_m = (double)NAN;
  out->channel_hindrance = 1.0;
  MN_REQUIRE(ctx, out->K_sc > 0 && isfinite(out->K_sc), MN_E_CONFIG,
             "stratum corneum partition = %g must be finite and > 0 (log Kow = %g)", out->K_sc,
             log_kow);
  MN_REQUIRE(ctx, out->D_aq_m2_per_s > 0 && out->D_sc_m2_per_s >= 0 && isfinite(out->D_sc_m2_per_s),
             MN_E_CONFIG, "diffusivities must be finite, D_aq > 0 (D_aq = %g m²/s, D_sc = %g m²/s)",
             out->D_aq_m2_per_s, out->D_sc_m2_per_s);
  return MN_OK;
}

/* The finite-dose model's viable epidermis and dermis (Dancik 2013 after Kretsos 2008; the
 * header comment) for an active whose un-ionised fraction at pH 7.4 is f_non: its distribution
 * coefficient log D = log Kow + log10 f_non in the unbound fraction, f_non Kow in the lipid
 * term. The calculator also divides K by f_non (its concentrations are of the neutral form);
 * mnsim's are of the whole active, so it does not. */
#define FD_F_ALBUMIN   0.32  /* weight of the albumin-bound pool in the binding factor */
#define FD_F_LIPID     0.001 /* lipid volume fraction of the tissue */
#define FD_K_FREE      0.6   /* tissue/water partition of the unbound solute (water content) */
#define FD_D_BOUND_CM2 1e-7  /* diffusivity of albumin-bound solute [cm²/s] */
#define FD_FU_MIN      0.005 /* floor of the unbound fraction */

static void finite_dose_tissue(double mw, double log_kow, double f_non, mn_compound_props *out)
{
  double log_d = log_kow + log10(f_non);
  double fu = 1.0 / (1.0 + 0.5578 * exp(log_d) + 0.0188);
  if (fu < FD_FU_MIN) fu = FD_FU_MIN;
  double B = 1.0 - FD_F_ALBUMIN + FD_F_ALBUMIN / fu + FD_F_LIPID * f_non * pow(10.0, log_kow);
  double D_free_cm2 = pow(10.0, -4.15 - 0.655 * log10(mw));
  double D_cm2 = (D_free_cm2 + FD_F_ALBUMIN * FD_D_BOUND_CM2 * (1.0 - fu) / fu) / B;
  out->K_de = out->K_ve = FD_K_FREE * B;
  out->D_de_m2_per_s = out->D_ve_m2_per_s = mn_cm2_per_s_to_m2_per_s(D_cm2);
}

/* Density of the solid when the catalogue has none: 1 g/cm³, the finite-dose calculator's own
 * fallback (assumed). */
#define DENSITY_FALLBACK_KG_PER_M3 1000.0
/* pH below the SC (viable epidermis, dermis, blood). */
#define PH_BODY 7.4
/* The ionised form crosses the SC's lipids this many times more slowly than the neutral one:
 * anions crossed phosphatidylcholine bilayers 12-155x more slowly than their neutral forms
 * (Thomae et al. 2005, Biophys J 89:1802); ionised ibuprofen and lignocaine cross as ion pairs
 * with fluxes that follow log D (Hadgraft & Valenta 2000, Int J Pharm 200:243). 100, the middle
 * of that range on a log scale (docs/model.md §4.5). */
#define ION_LIPID_SLOWDOWN 100.0

/* The SC of one hydration state for an active that is a fraction f_u un-ionised in it: the
 * neutral form as WKN has it, the ionised form held only by the SC's water phase and crossing
 * ION_LIPID_SLOWDOWN times more slowly: K = f_u K_n + (1 - f_u) K_water,
 * kp = f_u kp_n + (1 - f_u) kp_n / slowdown, D = h kp / K. */
static mn_status wkn_state(mn_ctx *ctx, const mn_compound_props *p, double sol25, double density,
                           double f_u, mni_sc_hydration state, mni_wkn_sc_result *w)
{
  MN_TRY(mni_wkn_sc(ctx, p->molecular_weight_da, p->log_kow, fmin(sol25, density), density, state,
                    w));
  if (f_u >= 1.0) return MN_OK;
  double K = f_u * w->K_sc + (1.0 - f_u) * w->K_water;
  double kp = w->kp_m_per_s * (f_u + (1.0 - f_u) / ION_LIPID_SLOWDOWN);
  w->saturation_kg_per_m3 *= K / w->K_sc;
  w->K_sc = K;
  w->kp_m_per_s = kp;
  w->D_sc_m2_per_s = w->thickness_m * kp / K;
  return MN_OK;
}

mn_status mn_compound_props_derive_scenario(mn_ctx *ctx, const mn_scenario *s,
                                            mn_compound_props *out)
{
  MNI_C_LOCALE();
  if (ctx == NULL) return MN_E_ARG;
  MN_REQUIRE(ctx, s != NULL && out != NULL, MN_E_ARG,
             "mn_compound_props_derive_scenario: NULL argument");
  const mn_scenario_formulation *f = &s->formulation;
  MN_TRY(mn_compound_props_derive(ctx, f, out));
  if (!isnan(s->skin.hydration_relax_s)) out->hydration_relax_s = s->skin.hydration_relax_s;
  if (s->skin.barrier_model != MN_BARRIER_WKN) return MN_OK;
  double sol25 = out->water_solubility_kg_per_m3, density = DENSITY_FALLBACK_KG_PER_M3;
  mn_ion_type ion = MN_ION_NEUTRAL;
  double pka = f->pka;
  if (f->compound[0] != '\0') {
    const mn_compound *c = NULL;
    MN_TRY(mn_compound_find(ctx, f->compound, &c));
    if (isfinite(c->density_kg_per_m3) && c->density_kg_per_m3 > 0) density = c->density_kg_per_m3;
    ion = c->ion_type;
    if (isnan(pka)) pka = c->pka;
  }
  if (f->ion_type != MN_ION_KIND_COMPOUND) ion = (mn_ion_type)f->ion_type;
  MN_REQUIRE(ctx, ion == MN_ION_NEUTRAL || isfinite(pka), MN_E_CONFIG,
             "formulation.ion_type = %s needs formulation.pka (the compound has none)",
             mn_ion_type_name(ion));
  out->unionised_frac_sc = mni_unionised_fraction(ion, pka, f->ph);
  out->unionised_frac_body = mni_unionised_fraction(ion, pka, PH_BODY);

  /* The state: fixed, or auto (full while the aqueous film is wet or the product occluded). */
  double full_until = mni_vehicle_hydrating_until_s(s);
  bool is_full = s->skin.hydration == MN_HYDRATION_FULL ||
                 (s->skin.hydration == MN_HYDRATION_AUTO && full_until >= s->simulation.duration_s);
  bool is_auto = s->skin.hydration == MN_HYDRATION_AUTO && !is_full && full_until > 0;
  out->hydration_state = is_full ? MN_HYDRATION_FULL
                         : is_auto ? MN_HYDRATION_AUTO
                                   : MN_HYDRATION_PARTIAL;
  out->hydration_full_until_s = is_full ? HUGE_VAL : is_auto ? full_until : 0.0;
  mni_wkn_sc_result w, w_full;
  MN_TRY(wkn_state(ctx, out, sol25, density, out->unionised_frac_sc,
                   is_full ? MNI_SC_FULL : MNI_SC_PARTIAL, &w));
  out->solute_radius_m = w.radius_m;
  bool is_measured = given(f->sc_partition) || given(f->sc_diffusivity_m2_per_s) ||
                     given(f->kp_m_per_s);
  if (is_auto && !is_measured) {
    MN_TRY(wkn_state(ctx, out, sol25, density, out->unionised_frac_sc, MNI_SC_FULL, &w_full));
    out->sc_kp_full_over_partial = w_full.kp_m_per_s / w.kp_m_per_s;
  }
  /* Skin at 32 °C: the solubility there, unless the vehicle's is given. */
  if (!given(f->water_solubility_kg_per_m3))
    out->water_solubility_kg_per_m3 = w.solubility_32c_kg_per_m3;
  out->K_sc = given(f->sc_partition) ? f->sc_partition : w.K_sc;
  /* A measured kp is of the state's SC (its thickness w.thickness_m). */
  out->D_sc_m2_per_s = given(f->sc_diffusivity_m2_per_s) ? f->sc_diffusivity_m2_per_s
                       : given(f->kp_m_per_s)            ? f->kp_m_per_s * w.thickness_m / out->K_sc
                                                         : w.D_sc_m2_per_s;
  out->D_sc_m2_per_s *= kp_factor(f);
  double kp_sc = out->K_sc * out->D_sc_m2_per_s / w.thickness_m;
  out->kp_intact_m_per_s = kp_sc > 0 ? 1.0 / (1.0 / kp_sc + 1.0 / out->kp_ve_cap_m_per_s) : 0.0;
  out->sc_saturation_kg_per_m3 =
      given(f->sc_partition) ? out->K_sc * out->water_solubility_kg_per_m3 : w.saturation_kg_per_m3;
  out->sc_thickness_factor = is_full ? MNI_WKN_SC_FULL_M / MNI_WKN_SC_PARTIAL_M : 1.0;
  finite_dose_tissue(out->molecular_weight_da, out->log_kow, out->unionised_frac_body, out);
  return MN_OK;
}

mni_medium mni_layer_medium(const mn_compound_props *p, mn_layer_id layer)
{
  mni_medium m = {0.0, 1.0, 0.0};
  switch (layer) {
  case MN_LAYER_STRATUM_CORNEUM:
    m.D_m2_per_s = p->D_sc_m2_per_s;
    m.K = p->K_sc;
    break;
  case MN_LAYER_VIABLE_EPIDERMIS:
    m.D_m2_per_s = p->D_ve_m2_per_s;
    m.K = p->K_ve;
    break;
  default:
    m.D_m2_per_s = p->D_de_m2_per_s;
    m.K = p->K_de;
    break;
  }
  return m;
}

static double clearance_at(const mn_compound_props *p, const mn_layer_stack *L, double z_m,
                           bool is_in_vivo)
{
  double z_cap = L->top_m[MN_LAYER_DERMIS] + MNI_CAPILLARY_DEPTH_BELOW_DEJ_M;
  return (is_in_vivo && z_m >= z_cap) ? p->k_clear_per_s : 0.0;
}

/* The layer holding depth z (below the dermis: dermis; the subcutis is not modelled). */
static mn_layer_id layer_at(const mn_layer_stack *L, double z_m)
{
  if (z_m < L->top_m[MN_LAYER_VIABLE_EPIDERMIS]) return MN_LAYER_STRATUM_CORNEUM;
  if (z_m < L->top_m[MN_LAYER_DERMIS]) return MN_LAYER_VIABLE_EPIDERMIS;
  return MN_LAYER_DERMIS;
}

mni_medium mni_medium_at(const mn_compound_props *p, const mn_layer_stack *L, double z_m,
                         bool is_in_vivo)
{
  mni_medium m = mni_layer_medium(p, layer_at(L, z_m));
  m.k_clear_per_s = clearance_at(p, L, z_m, is_in_vivo);
  return m;
}

mni_medium mni_channel_medium(const mn_compound_props *p, const mn_layer_stack *L, double z_m,
                              bool is_in_vivo)
{
  /* hindered diffusion and partition of the pore (Renkin; 0 for a solute as large as the pore) */
  mni_medium m = {p->D_aq_m2_per_s * p->channel_hindrance, 1.0, clearance_at(p, L, z_m, is_in_vivo)};
  return m;
}

/* Renkin's hindrance of a solute of radius r_s in a cylindrical pore of radius r_p: partition
 * (1 - l)² times drag (1 - 2.104 l + 2.09 l³ - 0.95 l⁵), l = r_s / r_p (Renkin 1954, J Gen
 * Physiol 38:225); 0 for a solute as large as the pore. */
double mni_renkin_hindrance(double r_solute_m, double r_pore_m)
{
  if (!(r_solute_m > 0) || !(r_pore_m > 0)) return 1.0;
  double l = r_solute_m / r_pore_m;
  if (l >= 1.0) return 0.0;
  double drag = 1.0 - 2.104 * l + 2.09 * l * l * l - 0.95 * pow(l, 5);
  return (1.0 - l) * (1.0 - l) * fmax(drag, 0.0);
}
