/* The microscopic treatment zone (MTZ) of one fractional laser pulse, from physics.
 *
 * Light: Beer-Lambert absorption in tissue water, mu_a = f_w mu_a,water(lambda) with the
 * tissue's water fraction f_w = 0.70 (0.65-0.75 is the usual assumption); at 1,340 nm
 * scattering, not water, sets the depth, so the attenuation there is fitted to the measured
 * energy deposition of a 1,342 nm Nd:YAP pulse (half of the absorbed energy within 0.36 mm:
 * Milanic & Majaron, Lasers Surg Med, doi 10.1002/lsm.22104). A Gaussian beam of the spot's
 * 1/e^2 diameter, no divergence over the MTZ's depth; 2.8 % reflected at the surface
 * (Fresnel, n = 1.4). The beam enters each column at its crater's floor (the plume is
 * transparent).
 * Heat: the Pennes bioheat solver (numerics/bioheat_int.h), one MTZ on its axis, over the
 * pulse (a flat top of pulse_s) and the cooling after it.
 * Damage: Omega = A int exp(-Ea / R T) dt, A = 3.1e98 /s, Ea = 6.28e5 J/mol (Henriques 1947);
 * coagulated where Omega >= 1 (63 % of the protein denatured). Ablation where a cell has taken
 * up the heat to reach 100 C and then its water's heat of vaporisation (f_w 2.26 GJ/m^3). */
#ifndef MNSIM_PUNCTURE_LASER_INT_H
#define MNSIM_PUNCTURE_LASER_INT_H

#include <stddef.h>

#include "mnsim/core.h"

typedef enum {
  MNI_LASER_CO2 = 0,       /* 10,600 nm, ablative */
  MNI_LASER_ER_YAG,        /* 2,940 nm, ablative */
  MNI_LASER_ER_GLASS_1550, /* non-ablative */
  MNI_LASER_ER_GLASS_1540, /* non-ablative */
  MNI_LASER_ND_YAP_1340,   /* non-ablative */
  MNI_N_LASERS
} mni_laser_kind;

typedef struct mni_laser_line {
  const char *name;     /* scenario value: co2, er_yag, ... */
  double wavelength_nm;
  double mu_per_m;      /* attenuation in tissue */
  const char *mu_source;
} mni_laser_line;

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
  double peak_c;                               /* highest temperature reached */
  double energy_balance;                       /* |held + out + ablated - deposited| / deposited */
  double deposited_j;
  size_t n_r, n_z, n_steps;
} mni_mtz;

/** One pulse's MTZ. */
mn_status mni_laser_mtz(mn_ctx *ctx, const mni_laser_pulse *p, mni_mtz *out);

#endif /* MNSIM_PUNCTURE_LASER_INT_H */
