/* The microscopic treatment zone (MTZ) of one fractional laser pulse, from physics.
 *
 * Light: absorption by tissue water, mu_a = f_w mu_a,water(lambda) with the tissue's water
 * fraction f_w = 0.70 (0.65-0.75 is the usual assumption) and, in the top 15 um (the stratum
 * corneum), f_w = 0.25 (its water is 0.15-0.30 by volume, rising to the viable epidermis's:
 * confocal Raman profiles, Caspers et al. 2001, J Invest Dermatol 116:434; recalled). A
 * Gaussian beam of the spot's 1/e^2 diameter; 2.8 % reflected at the surface (Fresnel,
 * n = 1.4). At 10,600 and 2,940 nm absorption outruns scattering by far: Beer-Lambert, the
 * beam widening down the crater as a Gaussian beam in air and each ring's light absorbed where
 * its path meets tissue, the crater's floor or its wall (the plume transparent). At 1,340-1,550 nm
 * the light scatters before it is absorbed: Monte Carlo (laser_light.c) with skin's reduced
 * scattering from Jacques 2013's fit (mni_tissue_mus_prime_per_m) and Fresnel reflection
 * back in at the surface; its deposition at 1,340 nm is checked against the measured one
 * (half the absorbed energy within 0.36 mm: Milanic & Majaron, doi 10.1002/lsm.22104).
 * Water's absorption near 1,560 nm falls as it heats (linear, about -25 % at 80 C: Sviridov &
 * Kondyurin 2010, J Biomed Opt 15:055003, abstract read): not modelled (it would make the
 * 1,550 nm zones shallower, docs/model.md 9.1).
 * Heat: the Pennes bioheat solver (numerics/bioheat_int.h), one MTZ on its axis, over the
 * pulse (a flat top of pulse_s) and the cooling after it.
 * Damage: Omega = A int exp(-Ea / R T) dt, A = 3.1e98 /s, Ea = 6.28e5 J/mol (Henriques 1947);
 * coagulated where Omega >= 1 (63 % of the protein denatured).
 * Ablation (bioheat_int.h): a cell boils at 100 C, storing its water's latent heat
 * (f_w 2.26 GJ/m^3); full and open to the air (the surface, or the crater) it leaves. The
 * stratum corneum is a lid: its little water boils off without tearing it, and it is no free
 * surface for the tissue under it. Tissue boiled under intact tissue is confined: it heats on
 * as superheated water and bursts at 300 C, about water's superheat limit at 1 atm (0.9 of
 * its critical temperature, 647 K; explosive vaporisation near the spinodal: Vogel &
 * Venugopalan 2003, Chem Rev 103:577, recalled), blowing off what lies above; a dried lid
 * cell open to the air leaves at the same temperature. */
#ifndef MNSIM_PUNCTURE_LASER_INT_H
#define MNSIM_PUNCTURE_LASER_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "mnsim/core.h"
#include "mnsim/scenario.h"
#include "numerics/grid_int.h"

/* The lines, in the order of the public mn_laser (mnsim/scenario.h). */
typedef mn_laser mni_laser_kind;
#define MNI_LASER_CO2           MN_LASER_CO2           /* 10,600 nm, ablative */
#define MNI_LASER_ER_YAG        MN_LASER_ER_YAG        /* 2,940 nm, ablative */
#define MNI_LASER_ER_GLASS_1550 MN_LASER_ER_GLASS_1550 /* non-ablative */
#define MNI_LASER_ER_GLASS_1540 MN_LASER_ER_GLASS_1540 /* non-ablative */
#define MNI_LASER_ND_YAP_1340   MN_LASER_ND_YAP_1340   /* non-ablative */
#define MNI_N_LASERS            5

typedef struct mni_laser_line {
  const char *name;     /* scenario value: co2, er_yag, ... */
  double wavelength_nm;
  double mu_per_m;      /* absorption in tissue */
  const char *mu_source;
  bool scatters;        /* light scatters before it is absorbed: Monte Carlo, else Beer-Lambert */
} mni_laser_line;

/** Reduced scattering of the dermis at a wavelength [1/m] and the anisotropy used with it. */
double mni_tissue_mus_prime_per_m(double wavelength_nm);
#define MNI_TISSUE_G 0.9

/** The line of a laser (static). */
const mni_laser_line *mni_laser_line_of(mni_laser_kind k);

typedef struct mni_laser_pulse {
  mni_laser_kind laser;
  double energy_j;          /* per microbeam */
  double spot_diameter_m;   /* 1/e^2 diameter */
  double pulse_s;           /* duration (flat top) */
  double t_skin_c;          /* tissue temperature before the pulse */
} mni_laser_pulse;

typedef struct mni_mtz {
  double ablation_depth_m, ablation_width_m;   /* the crater (0: none) */
  double coag_depth_m, coag_width_m;           /* the whole zone: crater and coagulated rim */
  double ablated_volume_m3, coag_volume_m3;    /* the crater; the whole zone (crater included) */
  double peak_c;                               /* highest temperature reached */
  double energy_balance;                       /* |held + out + ablated - deposited| / deposited */
  double absorbed_share;                       /* of the pulse's energy, in the grid */
  double deposited_j;
  size_t n_r, n_z, n_steps;
} mni_mtz;

/** Optics of a scattering tissue. */
typedef struct mni_tissue_optics {
  double mu_a_per_m, mu_s_per_m, g, n;
} mni_tissue_optics;

/** The power absorbed per volume per watt incident [1/m^3] in each cell (i + nr k) of the
 *  (r, z) grid, for a Gaussian beam of 1/e^2 radius w0_m, by Monte Carlo with n_photons
 *  packets (laser_light.c); the shares reflected (specular and diffuse) and transmitted. */
mn_status mni_light_mc(mn_ctx *ctx, const mni_tissue_optics *o, double w0_m, const mni_axis *r,
                       const mni_axis *z, size_t n_photons, uint64_t seed, double *a_per_m3,
                       double *reflected, double *transmitted);

/** The share of the incident power absorbed in the grid, from mni_light_mc's densities. */
double mni_light_absorbed(const double *a_per_m3, const mni_axis *r, const mni_axis *z);
/** The depth [m] above which `share` (0-1) of the energy absorbed in the grid lies, from the
 *  per-cell densities a_per_m3 of mni_light_mc (the bottom face of the cell that passes it). */
double mni_light_depth_of_share(const double *a_per_m3, const mni_axis *r, const mni_axis *z,
                                double share);

/** One pulse's MTZ. */
mn_status mni_laser_mtz(mn_ctx *ctx, const mni_laser_pulse *p, mni_mtz *out);
/** mni_laser_mtz through the context's cache of the zones it computed (laser_zone_cache.c): the
 *  same pulse gives the same zone, to the bit, without computing it again. */
mn_status mni_laser_mtz_cached(mn_ctx *ctx, const mni_laser_pulse *p, mni_mtz *out);
/** How often the context's cache answered and how often it computed (for the tests). */
void mni_laser_mtz_cache_counts(const mn_ctx *ctx, size_t *hits, size_t *misses);

#endif /* MNSIM_PUNCTURE_LASER_INT_H */
