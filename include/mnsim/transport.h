/* Transport: how much of a product applied to the skin gets into and through it, over time,
 * on intact skin and on skin with microchannels (docs/model.md section 4).
 *
 * The compound catalogue (data/compounds.yaml, compiled in) gives each active's molecular
 * weight, log Kow, water solubility, melting point and vapour pressure with their sources; the
 * transport properties (stratum corneum partition and diffusivity, aqueous diffusivity, ...)
 * are derived from them and may be overridden in the scenario.
 * The absorption stage that runs the models is in mnsim/absorption.h. */
#ifndef MNSIM_TRANSPORT_H
#define MNSIM_TRANSPORT_H

#include "mnsim/puncture.h"
#include "mnsim/scenario.h"
#include "mnsim/skin.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- The compound catalogue ------------------------------------------------------------------ */

/** How a compound ionises in water (docs/model.md section 4). An acid: HA <-> A- + H+; a base:
 *  BH+ <-> B + H+, its pKa that of the conjugate acid BH+. Neutral: no group that ionises
 *  between pH about 2 and 12, or a zwitterion whose net-neutral form dominates from pH 5 to 7.4
 *  (its log Kow is then that form's). */
typedef enum mn_ion_type { MN_ION_NEUTRAL = 0, MN_ION_ACID = 1, MN_ION_BASE = 2 } mn_ion_type;

/** "neutral" | "acid" | "base"; static ("?" for a value out of range). */
MN_API const char *mn_ion_type_name(mn_ion_type t);

/** One compound of the catalogue. Strings are owned by the context's catalogue.
 *  For a salt (salt != NULL) molecular_weight_da, log_kow and pka are those of the free acid or
 *  base, the species that diffuses and partitions (what the correlations need); the amounts
 *  (solubility, density, a scenario's concentration) are mass of the salt as formulated. */
typedef struct mn_compound {
  const char *name;  /* catalogue name: "ascorbic_acid" */
  const char *label; /* for people: "L-ascorbic acid" */
  const char *kind;  /* "small_molecule" | "peptide" | "polymer" */
  double molecular_weight_da;
  double log_kow;                    /* octanol/water partition coefficient, log10 */
  double water_solubility_kg_per_m3; /* = mg/mL */
  double melting_point_c;            /* °C (NaN: decomposes / not applicable) */
  double vapour_pressure_pa;         /* at 25 °C; 0 for non-volatile actives */
  mn_ion_type ion_type;
  double pka;               /* of the group that ionises (base: of BH+); NaN for a neutral one */
  double density_kg_per_m3; /* of the solid (the cap on SC saturation); NaN: not known */
  const char *salt;         /* "hydrochloride", "dihydrochloride"; NULL: not a salt */
  double salt_molecular_weight_da; /* of the salt as formulated; NaN when not a salt */
  const char *source;              /* citations of the values above */
} mn_compound;

/** All compounds of the compiled-in catalogue, borrowed for the life of ctx.
 *  @return MN_OK; MN_E_CONFIG (malformed compiled-in table); MN_E_NOMEM. */
MN_API mn_status mn_compounds_list(mn_ctx *ctx, const mn_compound **compounds, size_t *n);

/** Find a compound by name. @return MN_OK; MN_E_NOTFOUND (the message lists the valid names). */
MN_API mn_status mn_compound_find(mn_ctx *ctx, const char *name, const mn_compound **out);

/** The transport properties derived for a compound (SI units), as the solvers use them. */
typedef struct mn_compound_props {
  double molecular_weight_da;
  double log_kow;
  double water_solubility_kg_per_m3;
  double D_aq_m2_per_s;        /* aqueous diffusivity (Hayduk-Laudie, 25 °C) */
  double kp_potts_guy_m_per_s; /* stratum corneum permeability, Potts & Guy 1992 */
  double kp_ve_cap_m_per_s;    /* viable-epidermis cap 2.6/sqrt(MW) cm/h (EPA 2004) */
  double kp_intact_m_per_s;    /* the two in series: the intact-skin permeability */
  double K_sc;                 /* stratum corneum / water partition */
  double D_sc_m2_per_s;        /* stratum corneum diffusivity */
  double K_ve, D_ve_m2_per_s;  /* viable epidermis */
  double K_de, D_de_m2_per_s;  /* dermis */
  double k_clear_per_s;        /* dermal capillary clearance */
  /* The SC's concentration at saturation (K_sc S; wkn: min(K_sum S(32 °C), density)), what a
   * dry deposit holds the SC surface at and fills its loading zone to. */
  double sc_saturation_kg_per_m3;
  /* The SC's thickness relative to the scenario's: 43.4/13.4 when fully hydrated under wkn
   * (it swells), 1 otherwise. */
  double sc_thickness_factor;
  /* The hydration state (wkn; docs/model.md §4.3): partial or full for the whole run, or auto:
   * the SC partially hydrated in thickness and partition, its diffusivity D_sc (kp_full /
   * kp_partial)^w(t), w = 1 until hydration_full_until_s (the aqueous film dries), then
   * exp(-(t - hydration_full_until_s) / hydration_relax_s). */
  mn_hydration hydration_state;
  double hydration_full_until_s;
  double hydration_relax_s;
  double sc_kp_full_over_partial; /* 1 when the state is fixed or kp, K or D was measured */
  /* Ionisation (wkn): the un-ionised fraction in the SC (at formulation.ph) and below it (at
   * 7.4); 1 for a neutral compound. */
  double unionised_frac_sc;
  double unionised_frac_body;
  /* The solute's radius (the WKN model's, from its molar volume), for hindrance in the
   * channels; the channels' hindrance factor on D_aq (Renkin), 1 until the absorption stage
   * knows the pore. */
  double solute_radius_m;
  double channel_hindrance;
} mn_compound_props;

/** Derive the transport properties of the scenario's formulation (the catalogue compound, or
 *  the properties given, with the scenario's overrides applied).
 *  @return MN_OK; MN_E_NOTFOUND (unknown compound); MN_E_CONFIG (missing or non-physical
 *          property, named in the message). */
MN_API mn_status mn_compound_props_derive(mn_ctx *ctx, const mn_scenario_formulation *f,
                                          mn_compound_props *out);

/** The transport properties of a scenario: mn_compound_props_derive of its formulation, then,
 *  under skin.barrier_model wkn, the SC's K, D and saturation from the Wang-Kasting-Nitsche
 *  model for the hydration state (skin.hydration; auto: full while occluded or the aqueous film is
 *  wet, the diffusivity then relaxing to the partial state's, docs/model.md §4.3), the
 *  solubility at 32 °C, and the viable epidermis and dermis of the finite-dose model (docs/
 *  model.md §4.2). The formulation's measured kp, sc_partition and sc_diffusivity override.
 *  @return as mn_compound_props_derive. */
MN_API mn_status mn_compound_props_derive_scenario(mn_ctx *ctx, const mn_scenario *s,
                                                   mn_compound_props *out);

/* ---- Absorption runs -------------------------------------------------------------------------- */

/** Compartments of the accounting, in the order of the CSV columns. */
typedef enum {
  MN_COMP_VEHICLE = 0,    /* dissolved in the applied film */
  MN_COMP_DEPOSIT = 1,    /* above solubility: solid on the skin */
  MN_COMP_EVAPORATED = 2, /* the active lost to the air */
  MN_COMP_WASHED = 3,     /* removed at wash-off */
  MN_COMP_SC = 4,         /* stratum corneum */
  MN_COMP_VE = 5,         /* viable epidermis */
  MN_COMP_DERMIS = 6,     /* dermis */
  MN_COMP_ABSORBED = 7,   /* cleared by the capillaries, or into the receptor (Franz cell) */
  MN_N_COMP = 8
} mn_compartment;

/** "vehicle" | "deposit" | ... | "absorbed"; static. */
MN_API const char *mn_compartment_name(mn_compartment c);

#ifdef __cplusplus
}
#endif
#endif /* MNSIM_TRANSPORT_H */
