/* The validation cases: published measurements and the mnsim runs that predict them.
 *
 * Every published number and citation below comes from the shared physics and clinical
 * reference notes (physics.md §2-§5, clinical.md §1-§2). Bands are the measurement's own
 * spread where the source gives one (±2 SD: the channel-to-channel or between-sample spread,
 * within which a mean prediction must fall), a stated factor where the literature gives only an
 * approximate value or a range, the published window for the healing phases, and the rounding
 * of the published figure for formula checks. docs/validation.md discusses each case's limits.
 *
 * Set-ups: mn_scenario_default() (cheek, home 1.5 mm roller, caffeine, 24 h, seed 42) with the
 * changes each case states; the stages are called directly (skin, puncture, absorption,
 * healing), never through a file. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "healing/healing_int.h"
#include "mnsim/absorption.h"
#include "transport/transport_int.h"
#include "validate/validate_int.h"

/* ---- Helpers: run the stages ----------------------------------------------------------------- */

/* The puncture statistics of a scenario. */
static mn_status puncture_stats(mn_ctx *ctx, const mn_scenario *s, mn_puncture_stats *out)
{
  mn_layer_stack L;
  MN_TRY(mn_skin_build(ctx, &s->skin, &L));
  mn_channel_set *cs = NULL;
  MN_TRY(mn_puncture_run(ctx, s, &L, &cs));
  *out = *mn_channel_set_stats(cs);
  mn_channel_set_destroy(&cs);
  return MN_OK;
}

/* The absorption summary of a scenario, with the channels its own puncture stage makes
 * (with_channels) or on intact skin only. */
static mn_status absorption_summary(mn_ctx *ctx, const mn_scenario *s, int with_channels,
                                    mn_absorption_summary *out)
{
  mn_layer_stack L;
  MN_TRY(mn_skin_build(ctx, &s->skin, &L));
  mn_puncture_stats p;
  if (with_channels) MN_TRY(puncture_stats(ctx, s, &p));
  mn_absorption *a = NULL;
  MN_TRY(mn_absorption_run(ctx, s, &L, with_channels ? &p : NULL, &a));
  *out = *mn_absorption_summary_get(a);
  mn_absorption_destroy(&a);
  return MN_OK;
}

static mn_scenario with_device(const char *model, double length_m, mn_pressure pressure)
{
  mn_scenario s = mn_scenario_default();
  snprintf(s.device.model, sizeof s.device.model, "%s", model);
  s.device.needle_length_m = length_m;
  s.treatment.pressure = pressure;
  return s;
}

static mn_scenario with_compound(const char *compound)
{
  mn_scenario s = mn_scenario_default();
  snprintf(s.formulation.compound, sizeof s.formulation.compound, "%s", compound);
  return s;
}

/* ---- Puncture -------------------------------------------------------------------------------- */

/* Kalluri 2011: a Dermaroller with 770 µm needles, 140 µm at the base, tip radius 4 µm, one
 * pass at moderate pressure. mnsim has no rat skin; the depth reached does not depend on the
 * site in mnsim (docs/model.md §2), so the default cheek only decides the layers. */
static mn_scenario kalluri_scenario(void)
{
  mn_scenario s = with_device("generic_roller", mn_um_to_m(770), MN_PRESSURE_MODERATE);
  s.device.needle_base_diameter_m = mn_um_to_m(140);
  s.device.needle_tip_radius_m = mn_um_to_m(4);
  s.treatment.passes = 1;
  return s;
}

static mn_status predict_kalluri_depth(mn_ctx *ctx, double *out)
{
  mn_scenario s = kalluri_scenario();
  mn_puncture_stats p;
  MN_TRY(puncture_stats(ctx, &s, &p));
  *out = mn_m_to_um(p.mean_depth_m);
  return MN_OK;
}

static mn_status predict_kalluri_opening(mn_ctx *ctx, double *out)
{
  mn_scenario s = kalluri_scenario();
  mn_puncture_stats p;
  MN_TRY(puncture_stats(ctx, &s, &p));
  *out = mn_m_to_um(p.surface_diameter_m);
  return MN_OK;
}

/* Mean depth reached / needle length of a run. */
static mn_status depth_fraction(mn_ctx *ctx, const mn_scenario *s, double *out)
{
  mn_puncture_stats p;
  MN_TRY(puncture_stats(ctx, s, &p));
  *out = p.mean_depth_m / s->device.needle_length_m;
  return MN_OK;
}

/* Donnelly 2011: a 600 µm array pressed firmly by hand (a stamp in mnsim). */
static mn_status predict_donnelly(mn_ctx *ctx, double *out)
{
  mn_scenario s = with_device("generic_stamp", mn_um_to_m(600), MN_PRESSURE_FIRM);
  return depth_fraction(ctx, &s, out);
}

/* Lam 2008: needles pressed in, nominal length under 1 mm: the largest buried fraction over
 * 0.25, 0.5, 0.75 and 0.9 mm stamps at moderate pressure. */
static mn_status predict_lam(mn_ctx *ctx, double *out)
{
  static const double lengths_mm[] = {0.25, 0.5, 0.75, 0.9};
  double worst = 0.0;
  for (size_t i = 0; i < sizeof lengths_mm / sizeof lengths_mm[0]; i++) {
    mn_scenario s = with_device("generic_stamp", mn_mm_to_m(lengths_mm[i]), MN_PRESSURE_MODERATE);
    double f;
    MN_TRY(depth_fraction(ctx, &s, &f));
    worst = fmax(worst, f);
  }
  *out = worst;
  return MN_OK;
}

/* One pass of the MF8-geometry roller (192 needles, drum 2 x 2 cm): needle entries per cm². */
static mn_status predict_roller_per_pass(mn_ctx *ctx, double *out)
{
  mn_scenario s = with_device("generic_roller", mn_mm_to_m(1.5), MN_PRESSURE_MODERATE);
  s.treatment.passes = 1;
  mn_puncture_stats p;
  MN_TRY(puncture_stats(ctx, &s, &p));
  *out = mn_cm2_to_m2(p.punctures_per_m2_per_pass);
  return MN_OK;
}

/* Doddaballapur 2009: about 15 passes of a 192-needle roller: channels per cm². */
static mn_status predict_doddaballapur(mn_ctx *ctx, double *out)
{
  mn_scenario s = with_device("generic_roller", mn_mm_to_m(1.5), MN_PRESSURE_MODERATE);
  s.treatment.passes = 15;
  mn_puncture_stats p;
  MN_TRY(puncture_stats(ctx, &s, &p));
  *out = mn_cm2_to_m2(p.density_per_m2);
  return MN_OK;
}

/* ---- Transport ------------------------------------------------------------------------------- */

static mn_status potts_guy_cm_per_h(mn_ctx *ctx, const char *compound, double *out)
{
  mn_scenario s = with_compound(compound);
  mn_compound_props p;
  MN_TRY(mn_compound_props_derive(ctx, &s.formulation, &p));
  *out = mn_m_per_s_to_cm_per_h(p.kp_potts_guy_m_per_s);
  return MN_OK;
}

static mn_status predict_kp_caffeine(mn_ctx *ctx, double *out)
{
  return potts_guy_cm_per_h(ctx, "caffeine", out);
}
static mn_status predict_kp_niacinamide(mn_ctx *ctx, double *out)
{
  return potts_guy_cm_per_h(ctx, "niacinamide", out);
}
static mn_status predict_kp_ascorbic_acid(mn_ctx *ctx, double *out)
{
  return potts_guy_cm_per_h(ctx, "ascorbic_acid", out);
}

/* Sjöberg 2026: niacinamide from an infinite-type donor of about 70 mg/cm² through human skin
 * in a Franz cell, 24 h: % of the applied amount in the receptor. The notes give the amount
 * per area, not the donor's concentration; the donor is taken as a saturated aqueous solution
 * (500 mg/mL, the catalogue's solubility) of 140 µL/cm² = 70 mg/cm², the highest-activity
 * donor an infinite-dose study uses (assumption). Abdominal skin (SC 15 µm, the thickness
 * Potts-Guy's kp refers to in mnsim; the notes do not name the donors' site), intact, full
 * thickness, occluded donor. */
static mn_status predict_sjoberg(mn_ctx *ctx, double *out)
{
  mn_scenario s = with_compound("niacinamide");
  snprintf(s.skin.site, sizeof s.skin.site, "%s", "abdomen");
  s.formulation.concentration_kg_per_m3 = 500.0;
  s.formulation.dose_film_m = mn_ul_per_cm2_to_m(140.0);
  s.formulation.infinite_dose = true;
  s.treatment.occluded = true;
  s.simulation.mode = MN_MODE_FRANZ_CELL;
  s.simulation.duration_s = mn_h_to_s(24);
  mn_absorption_summary a;
  MN_TRY(absorption_summary(ctx, &s, 0, &a));
  *out = a.intact_absorbed_percent;
  return MN_OK;
}

/* The pore pathway of physics.md §4: 200 channels/cm² of 70 µm opening (φ = 0.77 %), caffeine
 * from a donor that does not run out, product left on; P_eff = flux / donor concentration at
 * 6 h. Channels 500 µm deep reach the capillary bed (150 µm below the DEJ) as the notes' 150 µm
 * aqueous path to it assumes. */
static mn_status pore_pathway(mn_ctx *ctx, double *P_eff_cm_h, double *kp_intact_cm_h)
{
  mn_scenario s = with_compound("caffeine");
  s.formulation.infinite_dose = true;
  s.treatment.occluded = true;
  s.simulation.duration_s = mn_h_to_s(6);
  mn_puncture_stats p;
  memset(&p, 0, sizeof p);
  p.density_per_m2 = 200.0 * 1e4;
  p.mean_depth_m = mn_um_to_m(500);
  p.max_depth_m = p.mean_depth_m;
  p.surface_diameter_m = mn_um_to_m(70);
  p.area_fraction = p.density_per_m2 * MN_PI * 0.25 * p.surface_diameter_m * p.surface_diameter_m;
  p.channels = p.density_per_m2 * s.treatment.area_m2;
  p.deepest_layer = MN_LAYER_DERMIS;
  mn_layer_stack L;
  MN_TRY(mn_skin_build(ctx, &s.skin, &L));
  mn_absorption *a = NULL;
  MN_TRY(mn_absorption_run(ctx, &s, &L, &p, &a));
  const double *t = NULL, *flux = NULL;
  size_t n = mn_absorption_series(a, 0, &t, &flux, NULL);
  *P_eff_cm_h = mn_m_per_s_to_cm_per_h(flux[n - 1] / s.formulation.concentration_kg_per_m3);
  *kp_intact_cm_h = mn_m_per_s_to_cm_per_h(mn_absorption_props(a)->kp_intact_m_per_s);
  mn_absorption_destroy(&a);
  return MN_OK;
}

static mn_status predict_pore_p_eff(mn_ctx *ctx, double *out)
{
  double kp;
  return pore_pathway(ctx, out, &kp);
}

static mn_status predict_pore_ratio(mn_ctx *ctx, double *out)
{
  double P_eff, kp;
  MN_TRY(pore_pathway(ctx, &P_eff, &kp));
  *out = P_eff / kp;
  return MN_OK;
}

/* Enhancement ratio of a compound after the default session (home roller 1.5 mm, 8 passes,
 * cheek), the product a solution at 4 mg/mL or at its water solubility if that is lower.
 * in_vitro: as the studies of physics.md §5 measured it: Franz cell, a donor that does not run
 * out left on the skin (occluded), ratio of the peak (steady) fluxes. Otherwise the default
 * in vivo use: 10 uL/cm2 applied right after needling, not occluded, and the summary's ER
 * (ratio of the amounts absorbed in 24 h). */
static mn_status enhancement_ratio(mn_ctx *ctx, const char *compound, int in_vitro, double *out)
{
  mn_scenario s = with_compound(compound);
  const mn_compound *c = NULL;
  MN_TRY(mn_compound_find(ctx, compound, &c));
  s.formulation.concentration_kg_per_m3 =
      fmin(s.formulation.concentration_kg_per_m3, c->water_solubility_kg_per_m3);
  if (in_vitro) {
    s.formulation.infinite_dose = true;
    s.treatment.occluded = true;
    s.simulation.mode = MN_MODE_FRANZ_CELL;
  }
  mn_absorption_summary a;
  MN_TRY(absorption_summary(ctx, &s, 1, &a));
  *out = in_vitro ? a.peak_flux_kg_per_m2_s / a.intact_peak_flux_kg_per_m2_s : a.enhancement_ratio;
  return MN_OK;
}

static mn_status predict_er_permeable_in_vitro(mn_ctx *ctx, double *out)
{
  return enhancement_ratio(ctx, "testosterone", 1, out);
}
static mn_status predict_er_hydrophilic_in_vitro(mn_ctx *ctx, double *out)
{
  return enhancement_ratio(ctx, "tranexamic_acid", 1, out);
}
static mn_status predict_er_permeable_in_vivo(mn_ctx *ctx, double *out)
{
  return enhancement_ratio(ctx, "testosterone", 0, out);
}
static mn_status predict_er_hydrophilic_in_vivo(mn_ctx *ctx, double *out)
{
  return enhancement_ratio(ctx, "tranexamic_acid", 0, out);
}

/* The closure model of the default scenario's channels (product not yet applied, open to air):
 * open fraction 2 h after needling. */
static mn_status predict_closure_air(mn_ctx *ctx, double *out)
{
  mn_scenario s = mn_scenario_default();
  s.formulation.applied_after_s = mn_h_to_s(2);
  mn_compound_props p;
  MN_TRY(mn_compound_props_derive(ctx, &s.formulation, &p));
  mni_vehicle v;
  MN_TRY(mni_vehicle_from_scenario(ctx, &s, &p, &v));
  mni_closure c = mni_closure_from_scenario(&s, &v);
  *out = mni_closure_open_frac(&c, 0.0);
  return MN_OK;
}

/* Occluded channels: the time at which half the barrier is back, found by bisection on the
 * closure model's open fraction (so the check is of the model, not of its parameter). */
static mn_status predict_closure_occluded(mn_ctx *ctx, double *out)
{
  mn_scenario s = mn_scenario_default();
  s.treatment.occluded = true;
  mn_compound_props p;
  MN_TRY(mn_compound_props_derive(ctx, &s.formulation, &p));
  mni_vehicle v;
  MN_TRY(mni_vehicle_from_scenario(ctx, &s, &p, &v));
  mni_closure c = mni_closure_from_scenario(&s, &v);
  double lo = 0.0, hi = mn_h_to_s(1000);
  MN_REQUIRE(ctx, mni_closure_open_frac(&c, hi) < 0.5, MN_E_NUMERIC,
             "occluded channels still half open at 1000 h");
  for (int i = 0; i < 200 && hi - lo > 1e-6; i++) {
    double mid = 0.5 * (lo + hi);
    if (mni_closure_open_frac(&c, mid) > 0.5)
      lo = mid;
    else
      hi = mid;
  }
  *out = mn_s_to_h(0.5 * (lo + hi));
  return MN_OK;
}

/* ---- Healing --------------------------------------------------------------------------------- */

/* A course of sessions of the calibration session of docs/model.md §6.4: the default scenario's
 * roller (cheek) with a 1.5 mm needle and 16 crosshatched passes (about 250 channels/cm²),
 * through the skin, puncture and healing stages. */
static mn_status healing_course(mn_ctx *ctx, int sessions, double interval_s, double follow_up_s,
                                mn_healing **out)
{
  mn_scenario s = mn_scenario_default();
  s.device.needle_length_m = mn_mm_to_m(1.5);
  s.treatment.passes = 16;
  s.course.sessions = sessions;
  s.course.interval_s = interval_s;
  s.course.follow_up_s = follow_up_s;
  mn_layer_stack L;
  MN_TRY(mn_skin_build(ctx, &s.skin, &L));
  mn_puncture_stats p;
  MN_TRY(puncture_stats(ctx, &s, &p));
  return mn_healing_run(ctx, &s, &L, &p, out);
}

/* Lotfi 2013: 5 monthly sessions, read 8 weeks after the last. */
static mn_status predict_lotfi(mn_ctx *ctx, double *out)
{
  mn_healing *h = NULL;
  MN_TRY(healing_course(ctx, 5, mn_weeks_to_s(4), mn_weeks_to_s(8), &h));
  *out = mn_healing_collagen_change_percent(h);
  mn_healing_destroy(&h);
  return MN_OK;
}

/* Day of the peak of one state after one calibration session, sampled every 0.05 d for a
 * year through the healing model's integrator (the daily curves of mn_healing are too coarse
 * for a peak at 0.75 d). */
static mn_status peak_day(mn_ctx *ctx, mn_heal_state state, double *out)
{
  mn_scenario s = mn_scenario_default();
  s.device.needle_length_m = mn_mm_to_m(1.5);
  s.treatment.passes = 16;
  mn_layer_stack L;
  MN_TRY(mn_skin_build(ctx, &s.skin, &L));
  mn_puncture_stats p;
  MN_TRY(puncture_stats(ctx, &s, &p));
  mni_heal_params hp;
  MN_TRY(mni_heal_params_load(ctx, &hp));
  mni_heal_traj tr;
  MN_TRY(mni_heal_solve(ctx, &hp.rates, mni_heal_impulse(&hp, &L, &p), 1, 1.0, mn_days_to_s(365),
                        mn_days_to_s(0.05), &tr));
  size_t k = 0;
  for (size_t i = 1; i < tr.n; i++)
    if (tr.y[state][i] > tr.y[state][k]) k = i;
  *out = mn_s_to_days(tr.t_s[k]);
  mni_heal_traj_free(ctx, &tr);
  return MN_OK;
}

static mn_status predict_inflammation_peak(mn_ctx *ctx, double *out)
{
  return peak_day(ctx, MN_HEAL_M1, out);
}
static mn_status predict_proliferation_peak(mn_ctx *ctx, double *out)
{
  return peak_day(ctx, MN_HEAL_FIBROBLASTS, out);
}
static mn_status predict_remodelling_peak(mn_ctx *ctx, double *out)
{
  return peak_day(ctx, MN_HEAL_COLLAGEN1, out);
}

/* Share of type III in the new collagen on a given day after one session. */
static mn_status type3_share(mn_ctx *ctx, size_t day, double *out)
{
  mn_healing *h = NULL;
  MN_TRY(healing_course(ctx, 1, mn_weeks_to_s(4), mn_days_to_s(60), &h));
  const double *c3 = mn_healing_curve(h, MN_HEAL_COLLAGEN3);
  const double *c1 = mn_healing_curve(h, MN_HEAL_COLLAGEN1);
  MN_REQUIRE(ctx, day < mn_healing_n_days(h), MN_E_ARG, "day %zu beyond the follow-up", day);
  *out = c3[day] / (c3[day] + c1[day]);
  mn_healing_destroy(&h);
  return MN_OK;
}

static mn_status predict_type3_week2(mn_ctx *ctx, double *out)
{
  return type3_share(ctx, 14, out);
}
static mn_status predict_type3_month(mn_ctx *ctx, double *out)
{
  return type3_share(ctx, 28, out);
}

/* ---- The table ------------------------------------------------------------------------------- */

#define KALLURI "Kalluri, Kolli & Banga 2011, AAPS J 13:473 (physics.md §2)"

static const mni_validation_def table[] = {
    {{.name = "kalluri_channel_depth",
      .stage = MN_VALIDATION_PUNCTURE,
      .kind = MN_VALIDATION_CALIBRATION,
      .measured = "mean channel depth, Dermaroller 770 um needles (hairless rat)",
      .unit = "um",
      .published = 152.5,
      .published_sd = 9.6,
      .published_text = "152.5 +- 9.6 um (depth/length 0.20)",
      .band_low = 152.5 - 2 * 9.6,
      .band_high = 152.5 + 2 * 9.6,
      .band_basis = "the measurement's spread: mean +- 2 SD",
      .source = KALLURI,
      .setup = "generic_roller, 770 um needles, base 140 um, tip radius 4 um, moderate pressure, "
               "1 pass, cheek, seed 42",
      .limits = "the roller's insertion factor (0.43) was fitted to this number; rat skin, not "
                "human; mnsim's depth does not depend on the site"},
     predict_kalluri_depth},
    {{.name = "kalluri_channel_opening",
      .stage = MN_VALIDATION_PUNCTURE,
      .kind = MN_VALIDATION_CALIBRATION,
      .measured = "mean channel diameter at the surface, needle base 140 um, tip radius 4 um",
      .unit = "um",
      .published = 70.7,
      .published_sd = 9.9,
      .published_text = "70.7 +- 9.9 um",
      .band_low = 70.7 - 2 * 9.9,
      .band_high = 70.7 + 2 * 9.9,
      .band_basis = "the measurement's spread: mean +- 2 SD",
      .source = KALLURI,
      .setup = "as kalluri_channel_depth",
      .limits = "the needle's cone angle (23 deg) was fitted to this opening; skin recoil is "
                "folded into it"},
     predict_kalluri_opening},
    {{.name = "donnelly_inserted_fraction",
      .stage = MN_VALIDATION_PUNCTURE,
      .kind = MN_VALIDATION_CALIBRATION,
      .measured = "depth reached / length, 600 um polymer needles pressed by hand, human, OCT",
      .unit = "1",
      .published = 460.0 / 600.0,
      .published_sd = NAN,
      .published_text = "about 460 of 600 um (0.77)",
      .band_low = 0.77 * 0.9,
      .band_high = 0.77 * 1.1,
      .band_basis = "+-10 %: the source gives an approximate value and no spread",
      .source = "Donnelly et al. 2011, Pharm Res (PMC3016610) (physics.md §2)",
      .setup = "generic_stamp, 600 um needles, firm pressure, 1 stamp, cheek, seed 42",
      .limits = "the firm pressure class was fitted to this number; polymer needles, not steel"},
     predict_donnelly},
    {{.name = "lam_buried_fraction_below_1mm",
      .stage = MN_VALIDATION_PUNCTURE,
      .kind = MN_VALIDATION_CALIBRATION,
      .measured = "largest buried fraction of needles shorter than 1 mm pressed into skin",
      .unit = "1",
      .published = NAN,
      .published_sd = NAN,
      .published_text = "< 0.5 when the nominal length is < 1 mm",
      .band_low = 0.0,
      .band_high = 0.5,
      .band_basis = "the published bound",
      .source = "Lam et al. 2008, BIODEVICES proceedings (physics.md §2)",
      .setup = "generic_stamp at 0.25, 0.5, 0.75 and 0.9 mm, moderate pressure; the largest of "
               "the four mean fractions",
      .limits = "the moderate pressure class was fitted to Kalluri 2011 and this bound; pig skin "
                "and silicone"},
     predict_lam},
    {{.name = "roller_punctures_per_pass",
      .stage = MN_VALIDATION_PUNCTURE,
      .kind = MN_VALIDATION_IMPLEMENTATION,
      .measured = "needle entries per cm2 in one pass of a 192-needle roller, drum 2 x 2 cm",
      .unit = "1/cm2",
      .published = 15.0,
      .published_sd = NAN,
      .published_text = "N / (pi D W) = 192 / (pi 2 cm 2 cm) = about 15 per cm2",
      .band_low = 15.0 * 0.9,
      .band_high = 15.0 * 1.1,
      .band_basis = "+-10 %: the rounded figure (15.3) plus the sampling of the simulated patch",
      .source = "Schwarz & Laaff 2011, Plast Reconstr Surg 127:146e (MF8 geometry); formula "
                "physics.md §2",
      .setup = "generic_roller 1.5 mm, 1 pass, cheek, seed 42: entries laid by the pattern "
               "on the simulated patch",
      .limits = "checks the pattern generator against the geometric formula, not a measurement"},
     predict_roller_per_pass},
    {{.name = "doddaballapur_holes_15_passes",
      .stage = MN_VALIDATION_PUNCTURE,
      .kind = MN_VALIDATION_INDEPENDENT,
      .measured = "channels per cm2 after about 15 passes of a 192-needle roller",
      .unit = "1/cm2",
      .published = 250.0,
      .published_sd = NAN,
      .published_text = "about 250 holes/cm2 after about 15 passes",
      .band_low = 250.0 * 0.85,
      .band_high = 250.0 * 1.15,
      .band_basis = "+-15 %: both the count and the number of passes are approximate",
      .source = "Doddaballapur 2009, J Cutan Aesthet Surg (clinical.md §2)",
      .setup = "generic_roller 1.5 mm, 15 passes crosshatched, moderate pressure, cheek, seed 42",
      .limits = "a practitioner's figure, not a count on histology"},
     predict_doddaballapur},
    {{.name = "potts_guy_kp_caffeine",
      .stage = MN_VALIDATION_TRANSPORT,
      .kind = MN_VALIDATION_IMPLEMENTATION,
      .measured = "Potts-Guy permeability of caffeine (log Kow -0.07, MW 194)",
      .unit = "cm/h",
      .published = 1.1e-4,
      .published_sd = NAN,
      .published_text = "1.1e-4 cm/h",
      .band_low = 1.1e-4 * 0.95,
      .band_high = 1.1e-4 * 1.05,
      .band_basis = "+-5 %: the table gives 2 significant figures",
      .source = "Potts & Guy 1992, Pharm Res 9:663; values physics.md §4 table",
      .setup = "mn_compound_props_derive of the catalogue compound",
      .limits = "checks the formula only; Potts-Guy itself has an RMSE of about 0.7 log units"},
     predict_kp_caffeine},
    {{.name = "potts_guy_kp_niacinamide",
      .stage = MN_VALIDATION_TRANSPORT,
      .kind = MN_VALIDATION_IMPLEMENTATION,
      .measured = "Potts-Guy permeability of niacinamide (log Kow -0.37, MW 122)",
      .unit = "cm/h",
      .published = 1.8e-4,
      .published_sd = NAN,
      .published_text = "1.8e-4 cm/h",
      .band_low = 1.8e-4 * 0.95,
      .band_high = 1.8e-4 * 1.05,
      .band_basis = "+-5 %: the table gives 2 significant figures",
      .source = "Potts & Guy 1992, Pharm Res 9:663; values physics.md §4 table",
      .setup = "mn_compound_props_derive of the catalogue compound",
      .limits = "checks the formula only"},
     predict_kp_niacinamide},
    {{.name = "potts_guy_kp_ascorbic_acid",
      .stage = MN_VALIDATION_TRANSPORT,
      .kind = MN_VALIDATION_IMPLEMENTATION,
      .measured = "Potts-Guy permeability of L-ascorbic acid, neutral (log Kow -1.85, MW 176)",
      .unit = "cm/h",
      .published = 7.5e-6,
      .published_sd = NAN,
      .published_text = "7.5e-6 cm/h",
      .band_low = 7.5e-6 * 0.95,
      .band_high = 7.5e-6 * 1.05,
      .band_basis = "+-5 %: the table gives 2 significant figures",
      .source = "Potts & Guy 1992, Pharm Res 9:663; values physics.md §4 table",
      .setup = "mn_compound_props_derive of the catalogue compound",
      .limits = "checks the formula only; the neutral form (pH < 3.5)"},
     predict_kp_ascorbic_acid},
    {{.name = "sjoberg_niacinamide_franz_24h",
      .stage = MN_VALIDATION_TRANSPORT,
      .kind = MN_VALIDATION_INDEPENDENT,
      .measured = "niacinamide permeated through human skin in 24 h, Franz cell, donor pH 5.0, "
                  "% of an infinite-type donor of about 70 mg/cm2",
      .unit = "%",
      .published = 0.65,
      .published_sd = 0.27,
      .published_text = "0.65 +- 0.27 % (0.46 mg/cm2)",
      .band_low = 0.65 / 5.0,
      .band_high = 0.65 * 5.0,
      .band_basis = "a factor of 5 either way: Potts-Guy's own error (RMSE about 0.7 log units) "
                    "dominates the measurement's spread (+-0.27 %)",
      .source = "Sjoberg et al. 2026, Sci Rep (s41598-026-41992-4), Table 1 (physics.md §5)",
      .setup = "franz_cell, intact abdomen skin (full thickness), niacinamide 500 mg/mL "
               "(saturated, assumed) x 140 uL/cm2 = 70 mg/cm2, infinite dose, occluded, 24 h",
      .limits = "the donor's concentration is assumed (the notes give only the amount per area); "
                "pH is not modelled (pH 7.4 gave 2.05 %)"},
     predict_sjoberg},
    {{.name = "pore_pathway_p_eff",
      .stage = MN_VALIDATION_TRANSPORT,
      .kind = MN_VALIDATION_IMPLEMENTATION,
      .measured = "effective permeability of 200 channels/cm2, 70 um wide (phi = 0.77 %), caffeine",
      .unit = "cm/h",
      .published = 0.011,
      .published_sd = NAN,
      .published_text = "about 0.011 cm/h (order of magnitude)",
      .band_low = 0.011 / 3.0,
      .band_high = 0.011 * 3.0,
      .band_basis = "a factor of 3: the hand estimate is an order of magnitude",
      .source = "physics.md §4, sanity check on the pore pathway (derived)",
      .setup = "cheek, in vivo, 200 channels/cm2 of 70 um, 500 um deep, caffeine infinite dose, "
               "product left on; flux / donor concentration at 6 h",
      .limits = "a hand estimate, not a measurement"},
     predict_pore_p_eff},
    {{.name = "pore_pathway_vs_intact_kp",
      .stage = MN_VALIDATION_TRANSPORT,
      .kind = MN_VALIDATION_IMPLEMENTATION,
      .measured = "P_eff of the pore pathway / intact-skin kp of caffeine",
      .unit = "1",
      .published = 100.0,
      .published_sd = NAN,
      .published_text = "about 100x",
      .band_low = 100.0 / 3.0,
      .band_high = 100.0 * 3.0,
      .band_basis = "a factor of 3: the hand estimate is an order of magnitude",
      .source = "physics.md §4, sanity check on the pore pathway (derived)",
      .setup = "as pore_pathway_p_eff",
      .limits = "a hand estimate, not a measurement"},
     predict_pore_ratio},
    {{.name = "enhancement_permeable_in_vitro",
      .stage = MN_VALIDATION_TRANSPORT,
      .kind = MN_VALIDATION_INDEPENDENT,
      .measured = "enhancement ratio after needling, a small molecule that already permeates "
                  "(testosterone), steady flux, in vitro",
      .unit = "1",
      .published = NAN,
      .published_sd = NAN,
      .published_text = "about 1-3 (amantadine 2.2, pramipexole 1.0)",
      .band_low = 1.0,
      .band_high = 3.0,
      .band_basis = "the published range",
      .source = "physics.md §5 rule (amantadine and pramipexole, Pharmaceutics 2015, PMC4695825)",
      .setup = "default session (home roller 1.5 mm, 8 passes, cheek); franz_cell, testosterone at "
               "min(4 mg/mL, "
               "solubility), infinite dose, left on (occluded); treated / intact peak flux",
      .limits =
          "a rule of thumb from other compounds, needles and skins (porcine ear, human epidermis)"},
     predict_er_permeable_in_vitro},
    {{.name = "enhancement_permeable_in_vivo",
      .stage = MN_VALIDATION_TRANSPORT,
      .kind = MN_VALIDATION_INDEPENDENT,
      .measured = "enhancement ratio after needling, a small molecule that already permeates "
                  "(testosterone), 24 h absorbed, in vivo",
      .unit = "1",
      .published = NAN,
      .published_sd = NAN,
      .published_text = "about 1-3 (amantadine 2.2, pramipexole 1.0)",
      .band_low = 1.0,
      .band_high = 3.0,
      .band_basis = "the published range",
      .source = "physics.md §5 rule (amantadine and pramipexole, Pharmaceutics 2015, PMC4695825)",
      .setup =
          "default scenario (home roller 1.5 mm, 8 passes, cheek, in vivo, 10 uL/cm2 applied "
          "right after, not occluded), testosterone at min(4 mg/mL, solubility); the summary's ER "
          "(24 h absorbed)",
      .limits = "the rule comes from in vitro flux ratios; applied here to the 24 h in vivo ER the "
                "summary reports"},
     predict_er_permeable_in_vivo},
    {{.name = "enhancement_hydrophilic_in_vitro",
      .stage = MN_VALIDATION_TRANSPORT,
      .kind = MN_VALIDATION_INDEPENDENT,
      .measured = "enhancement ratio after needling, a hydrophilic small molecule (tranexamic "
                  "acid), steady flux, in vitro",
      .unit = "1",
      .published = NAN,
      .published_sd = NAN,
      .published_text = "about 10-1000",
      .band_low = 10.0,
      .band_high = 1000.0,
      .band_basis = "the published range",
      .source = "physics.md §5 rule (calcein ~1e3 with needles in place, Henry et al. 1998; "
                "peptides 2-22x, "
                "Mohammed et al. 2014)",
      .setup = "default session (home roller 1.5 mm, 8 passes, cheek); franz_cell, tranexamic_acid "
               "at min(4 mg/mL, "
               "solubility), infinite dose, left on (occluded); treated / intact peak flux",
      .limits =
          "a rule of thumb from other compounds, needles and skins (porcine ear, human epidermis)"},
     predict_er_hydrophilic_in_vitro},
    {{.name = "enhancement_hydrophilic_in_vivo",
      .stage = MN_VALIDATION_TRANSPORT,
      .kind = MN_VALIDATION_INDEPENDENT,
      .measured = "enhancement ratio after needling, a hydrophilic small molecule (tranexamic "
                  "acid), 24 h absorbed, in vivo",
      .unit = "1",
      .published = NAN,
      .published_sd = NAN,
      .published_text = "about 10-1000",
      .band_low = 10.0,
      .band_high = 1000.0,
      .band_basis = "the published range",
      .source = "physics.md §5 rule (calcein ~1e3 with needles in place, Henry et al. 1998; "
                "peptides 2-22x, "
                "Mohammed et al. 2014)",
      .setup = "default scenario (home roller 1.5 mm, 8 passes, cheek, in vivo, 10 uL/cm2 applied "
               "right after, not occluded), tranexamic_acid at min(4 mg/mL, solubility); the "
               "summary's ER "
               "(24 h absorbed)",
      .limits = "the rule comes from in vitro flux ratios; applied here to the 24 h in vivo ER the "
                "summary reports"},
     predict_er_hydrophilic_in_vivo},
    {{.name = "closure_open_to_air_2h",
      .stage = MN_VALIDATION_TRANSPORT,
      .kind = MN_VALIDATION_CALIBRATION,
      .measured = "open fraction of the channels' barrier 2 h after needling, not occluded",
      .unit = "1",
      .published = NAN,
      .published_sd = NAN,
      .published_text = "barrier recovered (impedance) within 2 h at all sites",
      .band_low = 0.0,
      .band_high = 0.05,
      .band_basis = "recovered: at most 5 % still open",
      .source = "Gupta, Gill, Andrews & Prausnitz 2011, J Control Release 154:148 (physics.md §3)",
      .setup = "closure model of the default scenario, product applied 2 h after needling",
      .limits = "tau_air = 0.5 h was derived from this statement"},
     predict_closure_air},
    {{.name = "closure_occluded_half_life",
      .stage = MN_VALIDATION_TRANSPORT,
      .kind = MN_VALIDATION_CALIBRATION,
      .measured = "half-life of micropore closure under occlusion, human",
      .unit = "h",
      .published = 23.7,
      .published_sd = 13.7,
      .published_text = "20.2 +- 12.0 to 25.9 +- 15.0 h over 3 sites (upper arm 23.7 +- 13.7 h)",
      .band_low = 20.0,
      .band_high = 26.0,
      .band_basis = "the range of the three site means",
      .source = "Brogden group 2021 (PMC8259462) (physics.md §3)",
      .setup = "closure model of the default scenario, occluded; time at which half is closed",
      .limits = "t1/2 = 24 h was taken from this study"},
     predict_closure_occluded},
    {{.name = "lotfi_collagen_5_monthly",
      .stage = MN_VALIDATION_HEALING,
      .kind = MN_VALIDATION_CALIBRATION,
      .measured = "papillary-dermis collagen (Masson trichrome), 8 weeks after 5 monthly 1.5 mm "
                  "roller sessions, change from baseline",
      .unit = "%",
      .published = 53.2,
      .published_sd = NAN,
      .published_text = "+53.2 % (30 patients, types III-IV)",
      .band_low = 53.2 * 0.9,
      .band_high = 53.2 * 1.1,
      .band_basis = "+-10 %: no spread given; the tolerance of the calibration's own test",
      .source = "Lotfi, Moneib & Yehia 2013, J Egypt Women's Dermatol Soc 10:152 (clinical.md §2)",
      .setup = "default roller 1.5 mm, 16 crosshatched passes, cheek; 5 sessions 4 weeks apart, "
               "read 8 weeks after the last",
      .limits = "calibration, not independent validation: the collagen production rates s1, s3 "
                "were fitted to this number (tools/calibrate_healing)"},
     predict_lotfi},
    {{.name = "inflammation_peak_day",
      .stage = MN_VALIDATION_HEALING,
      .kind = MN_VALIDATION_CALIBRATION,
      .measured = "day of the peak of inflammatory macrophages after one session",
      .unit = "d",
      .published = NAN,
      .published_sd = NAN,
      .published_text = "inflammation about days 0-3 (up to 7)",
      .band_low = 0.0,
      .band_high = 3.0,
      .band_basis = "the published phase window",
      .source = "Gurtner et al. 2008, Nature 453:314; Singer & Clark 1999, NEJM (clinical.md §1)",
      .setup = "one calibration session (1.5 mm roller, 16 passes, cheek); peak of the M1 "
               "curve sampled every 0.05 d",
      .limits = "the switch rate k_sw was tuned so that M1 peaks at about 0.7 d; the phase "
                "windows are textbook values (recollection in the notes, not checked)"},
     predict_inflammation_peak},
    {{.name = "proliferation_peak_day",
      .stage = MN_VALIDATION_HEALING,
      .kind = MN_VALIDATION_INDEPENDENT,
      .measured = "day of the peak of activated fibroblasts after one session",
      .unit = "d",
      .published = NAN,
      .published_sd = NAN,
      .published_text = "proliferation about days 3-21",
      .band_low = 3.0,
      .band_high = 21.0,
      .band_basis = "the published phase window",
      .source = "Gurtner et al. 2008, Nature 453:314; Singer & Clark 1999, NEJM (clinical.md §1)",
      .setup = "as inflammation_peak_day, fibroblast curve",
      .limits = "fibroblast rates come from other wound models (Adler 2020, Jin 2011), not fitted "
                "to this window; K_F and K_T are assumed; a wide textbook window"},
     predict_proliferation_peak},
    {{.name = "remodelling_collagen1_peak_day",
      .stage = MN_VALIDATION_HEALING,
      .kind = MN_VALIDATION_INDEPENDENT,
      .measured = "day of the peak of new collagen I after one session",
      .unit = "d",
      .published = NAN,
      .published_sd = NAN,
      .published_text = "remodelling from 3 weeks to 12+ months",
      .band_low = 21.0,
      .band_high = 365.0,
      .band_basis = "the published phase window",
      .source = "Gurtner et al. 2008, Nature 453:314; Singer & Clark 1999, NEJM (clinical.md §1)",
      .setup = "as inflammation_peak_day, collagen I curve, one year of follow-up",
      .limits = "the retention k_1 (t1/2 180 d) is assumed for a 6-12-month maintenance need, "
                "which shapes this peak; a wide window"},
     predict_remodelling_peak},
    {{.name = "type1_main_by_week2",
      .stage = MN_VALIDATION_HEALING,
      .kind = MN_VALIDATION_CALIBRATION,
      .measured = "share of type III in the new collagen 14 days after one session",
      .unit = "1",
      .published = NAN,
      .published_sd = NAN,
      .published_text = "type III about 30 % early; by week 2 type I is again the main collagen",
      .band_low = 0.0,
      .band_high = 0.5,
      .band_basis = "type I the main collagen: type III below half",
      .source = "clinical.md §1 (secondary sources)",
      .setup = "one calibration session; C3 / (C3 + C1) on day 14",
      .limits = "s3 / s1 were fitted to a 30 % share on day 14, and k_m to this statement"},
     predict_type3_week2},
    {{.name = "type1_main_by_month",
      .stage = MN_VALIDATION_HEALING,
      .kind = MN_VALIDATION_CALIBRATION,
      .measured = "share of type III in the new collagen 28 days after one session",
      .unit = "1",
      .published = NAN,
      .published_sd = NAN,
      .published_text = "type I the main collagen after week 2; normal dermis 80-90 % type I",
      .band_low = 0.0,
      .band_high = 0.5,
      .band_basis = "type I the main collagen: type III below half",
      .source = "clinical.md §1 (secondary sources)",
      .setup = "one calibration session; C3 / (C3 + C1) on day 28",
      .limits = "follows from the week-2 calibration"},
     predict_type3_month},
};

const mni_validation_def *mni_validation_table(size_t *n)
{
  *n = sizeof table / sizeof table[0];
  return table;
}
