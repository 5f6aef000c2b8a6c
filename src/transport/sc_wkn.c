/* The brick-and-mortar stratum corneum of Wang, Kasting & Nitsche (docs/model.md §4.1):
 *
 *   [NWK06]  Nitsche, Wang & Kasting 2006, J Pharm Sci 95:649 (the homogenised permeability,
 *            its fits and asymptotes, Appendix B)
 *   [WKN06]  Wang, Kasting & Nitsche 2006, J Pharm Sci 95:620 (fully hydrated SC)
 *   [WKN07]  Wang, Kasting & Nitsche 2007, J Pharm Sci 96:3024 (partially hydrated SC)
 *   [DMJK13] Dancik, Miller, Jaworska & Kasting 2013, Adv Drug Deliv Rev 65:221 (the finite-dose
 *            model: K_sc/w sums, solubility at 32 °C, saturation capped by density)
 *
 * The coefficients were checked against the public Python port of the US NIOSH/CDC finite-dose
 * calculator (its M2H/M2P classes, which implement the papers above); where it and the papers'
 * physics disagree the comment says so. The code here is mnsim's own. Everything is computed in
 * the papers' units (cm, s, Å, cm³/mol) and converted to SI at the end.
 *
 * Used by the runs under skin.barrier_model: wkn (properties.c).
 */
#include <math.h>

#include "transport/transport_int.h"

/* One hydration state: the structural constants that differ between [WKN06] and [WKN07]. */
typedef struct wkn_state {
  double h_cm;           /* SC thickness */
  double lipid_slowdown; /* D_lip and k_trans divided by this ([WKN07]: 3 partially hydrated) */
  double ksum_lip;       /* K_sc/w = ksum_lip Kow^0.81 + ksum_water + ksum_pro Kow^0.27 */
  double ksum_water;
  double ksum_pro;
  double phi_fibre;      /* keratin microfibril volume fraction in the corneocyte */
  double hind[4];        /* hindered corneocyte diffusivity: polynomial in lambda */
  double r_scale_per_cm; /* r = k_trans / (r_scale D_lip) */
  double fit_main[25];   /* log10 phat(log10 sigma, log10 r), 4th order in each */
  double fit_second[25]; /* the same form, for 1.5 < log10 sigma < 4.5 */
  double fit_r[5];       /* composite fit in log10 r alone (B43) */
  double low_r_slope;    /* phat = low_r_slope r for small r (B47) */
  double high_r_limit;   /* phat for large r and sigma (B50) */
  double an_sigma, an_r; /* analytic phat = 1 / (an_sigma sigma + an_r / r) (B56) */
} wkn_state;

/* Partially hydrated (unoccluded) SC, [WKN07]. */
static const wkn_state PARTIAL = {
    /* 13.4 µm as barrier.md §3 (the calculator's default is 13.365 µm: kp differs by 0.26 %,
     * D_sc not at all since h cancels in D = h P / K with P = phat K_lip D_lip / h). */
    .h_cm = 13.4e-4,
    /* [WKN07]: in partially hydrated SC the lateral lipid diffusivity and the trans-bilayer
     * rate are a third of the fully hydrated ones. */
    .lipid_slowdown = 3.0,
    /* [WKN07], [DMJK13]: K_sc/w = 0.040 Kow^0.81 + 0.359 + 4.057 Kow^0.27 (barrier.md §3). */
    .ksum_lip = 0.040,
    .ksum_water = 0.359,
    .ksum_pro = 4.057,
    /* [WKN07]: microfibril volume fraction of the less hydrated corneocyte, and its hindered-
     * diffusion polynomial D/D_aq(1-phi') = 1.0001 - 2.4497 l + 1.141 l² + 0.5432 l³. */
    .phi_fibre = 0.6044,
    .hind = {1.0001, -2.4497, 1.141, 0.5432},
    /* The calculator's scale of r for this geometry [1/cm]; not traced to a stated quantity of
     * the papers (see docs/model.md §4.1). */
    .r_scale_per_cm = 0.141916,
    /* [NWK06]/[WKN07]: the fitted log10 phat of the homogenised 2-D brick-and-mortar problem
     * ("model 6" of the calculator), index 5 i + j for log10(sigma)^i log10(r)^j. */
    .fit_main = {-4.95725,   0.838263,    -0.207133,   0.0837613,  -0.00861439,
                 0.00187015, -1.05288e-4, -0.00849198, 0.00666713, -0.00119412,
                 7.45813e-4, -1.8624e-4,  -0.00360234, 0.00343394, -7.68073e-4,
                 1.82904e-4, -8.28876e-5, -5.26007e-4, 7.1352e-4,  -2.13017e-4,
                 2.83838e-5, -1.98892e-5, -6.05354e-6, 4.84676e-5, -2.1566e-5},
    /* The calculator's second fit ("hole" in its code), used for 1.5 < log10 sigma < 4.5. */
    .fit_second = {-4.3591261, -0.899076,  1.4332295,  -0.475971,  0.0500664,
                   -1.7486129, 4.6689678,  -4.0774937, 1.3157635,  -0.1333001,
                   1.7949242,  -4.2658909, 3.3771508,  -1.0093969, 0.0964929,
                   -0.5711852, 1.2859666,  -0.9628191, 0.2729855,  -0.0251096,
                   0.0552116,  -0.1206319, 0.0873323,  -0.0239349, 0.0021466},
    /* [NWK06] eq. B43 (partially hydrated coefficients of the calculator). */
    .fit_r = {-4.97447, 0.86578, -0.113774, -0.016918, 0.00344476},
    .low_r_slope = 1.242e-5, /* [NWK06] eq. B47 */
    .high_r_limit = 1.21356, /* [NWK06] eq. B50 */
    .an_sigma = 0.8979,      /* [NWK06] eq. B56 */
    .an_r = 553600.0,
};

/* Fully hydrated (occluded) SC, [WKN06]. */
static const wkn_state FULL = {
    .h_cm = 43.4e-4, /* swollen SC, barrier.md §3 (calculator: 43.365 µm) */
    .lipid_slowdown = 1.0,
    /* [WKN06], [DMJK13]: K_sc/w = 0.014 Kow^0.81 + 0.782 + 1.381 Kow^0.27 (barrier.md §3). */
    .ksum_lip = 0.014,
    .ksum_water = 0.782,
    .ksum_pro = 1.381,
    /* [WKN06]: microfibril volume fraction of the hydrated corneocyte; hindered diffusivity
     * polynomial 0.9999 - 1.2762 l + 0.0718 l² + 0.1195 l³. */
    .phi_fibre = 0.1928,
    .hind = {0.9999, -1.2762, 0.0718, 0.1195},
    .r_scale_per_cm = 0.132536, /* the calculator's scale of r (as above) */
    .fit_main = {-4.48116,    0.823855,    -0.200615,   0.0874482,   -0.00969133,
                 0.00388257,  7.26031e-4,  -0.0163362,  0.0115681,   -0.00217086,
                 8.34108e-5,  -9.56469e-4, -7.16288e-4, 0.00195218,  -7.07896e-4,
                 -9.4815e-4,  -8.09313e-4, 0.0037365,   -0.00169451, 9.24718e-5,
                 -2.09213e-4, -1.42974e-4, 8.35781e-4,  -4.33507e-4, 4.3709e-5},
    .fit_second = {-8.9307385, 8.9434534,   -4.8497856, 1.0799239,  -0.0806654,
                   8.2525913,  -14.7285415, 8.1655564,  -1.6616479, 0.111266,
                   -4.3162569, 7.4620289,   -3.9072178, 0.7232071,  -0.0427657,
                   0.8782842,  -1.4677591,  0.7222751,  -0.1204092, 0.0059583,
                   -0.0622331, 0.1005588,   -0.0463148, 0.0067971,  -2.461e-4},
    .fit_r = {-4.49523, 0.854964, -0.120539, -0.0153812, 0.00339236}, /* [NWK06] eq. B43 */
    .low_r_slope = 3.803e-5,                                          /* [NWK06] eq. B47 */
    .high_r_limit = 2.88,                                             /* [NWK06] eq. B50 */
    .an_sigma = 0.9685,                                               /* [NWK06] eq. B56 */
    .an_r = 182700.0,
};

/* Which approximation of phat gave kp (mni_wkn_sc_result.approximation). */
enum { FIT_MAIN = 1, FIT_SECOND, FIT_R, LOW_R, HIGH_R, ANALYTIC };

/* Keratin microfibril radius [Å] ([WKN06]: 35 Å), the scale of the corneocyte hindrance. */
#define FIBRE_RADIUS_A 35.0

/* The calculator's input ranges, the range its correlations were built on. */
#define MW_MIN_DA  16.0
#define MW_MAX_DA  800.0
#define LOGKOW_MIN -2.0
#define LOGKOW_MAX 5.5

static double poly2d(const double c[25], double s, double r)
{
  double sum = 0.0, si = 1.0;
  for (int i = 0; i < 5; i++) {
    double rj = 1.0;
    for (int j = 0; j < 5; j++) {
      sum += c[5 * i + j] * si * rj;
      rj *= r;
    }
    si *= s;
  }
  return sum;
}

/* The dimensionless SC permeability phat = P h / (K_lip D_lip) from the fit or asymptote of
 * [NWK06] that covers (log10 sigma, log10 r); the regions are those of the calculator. */
static double phat_of(const wkn_state *st, double ls, double lr, int *which)
{
  double sigma = pow(10.0, ls), r = pow(10.0, lr);
  if (lr < -0.5) {
    *which = LOW_R; /* slow trans-bilayer exchange: phat proportional to r (B47) */
    return st->low_r_slope * r;
  }
  bool fit_r = lr <= 1.0 || (lr < 4.5 && ls >= 4.5);
  if (fit_r) {
    *which = FIT_R; /* corneocytes negligible: phat of r alone (B43) */
    const double *k = st->fit_r;
    return pow(10.0, k[0] + lr * (k[1] + lr * (k[2] + lr * (k[3] + lr * k[4]))));
  }
  if (lr >= 4.5 && ls >= 4.5) {
    *which = HIGH_R; /* fast exchange and shut corneocytes: the lipid-path limit (B50) */
    return st->high_r_limit;
  }
  if (lr < 4.5 && ls > 1.5 && ls < 4.5) {
    *which = FIT_SECOND;
    return pow(10.0, poly2d(st->fit_second, ls, lr));
  }
  if (lr > 2.7 && lr < 4.5 && ls < -3.5) {
    *which = ANALYTIC; /* very hydrophilic: lipid and corneocyte paths in parallel (B56) */
    return 1.0 / (st->an_sigma * sigma + st->an_r / r);
  }
  /* -3.5 <= log sigma <= 1.5 with 1 < log r < 4.5 is the fit's own range; the calculator uses it
   * beyond (log r >= 4.5 with log sigma < 4.5, and log sigma < -3.5 with log r <= 2.7) too. */
  *which = FIT_MAIN;
  return pow(10.0, poly2d(st->fit_main, ls, lr));
}

static bool positive(double v)
{
  return isfinite(v) && v > 0.0;
}

mn_status mni_wkn_sc(mn_ctx *ctx, double mw_da, double log_kow, double solubility_kg_per_m3,
                     double density_kg_per_m3, mni_sc_hydration hydration, mni_wkn_sc_result *out)
{
  if (!positive(mw_da))
    return mni_fail(ctx, MN_E_CONFIG, "molecular_weight_da = %g: must be > 0", mw_da);
  if (!isfinite(log_kow))
    return mni_fail(ctx, MN_E_CONFIG, "log_kow = %g: must be finite", log_kow);
  if (!positive(solubility_kg_per_m3))
    return mni_fail(ctx, MN_E_CONFIG, "water_solubility_mg_ml = %g: must be > 0",
                    solubility_kg_per_m3);
  if (!positive(density_kg_per_m3))
    return mni_fail(ctx, MN_E_CONFIG, "density = %g kg/m³: must be > 0", density_kg_per_m3);
  if (hydration != MNI_SC_PARTIAL && hydration != MNI_SC_FULL)
    return mni_fail(ctx, MN_E_CONFIG, "hydration = %d: must be partial or full", (int)hydration);
  const wkn_state *st = hydration == MNI_SC_FULL ? &FULL : &PARTIAL;
  mni_wkn_sc_result o = {0};
  double kow = pow(10.0, log_kow);

  /* Lipid/water partition K_lip/w = 0.43 Kow^0.81 ([NWK06], [WKN07]; physics.md §4). */
  double K_lip = 0.43 * pow(kow, 0.81);
  /* Lateral lipid diffusivity [cm²/s] from MW: 1.24e-7 (100/MW)^2.43 + 2.34e-9 ([WKN06];
   * the calculator's form), a third of it partially hydrated ([WKN07]). */
  double D_lip = (1.24e-7 * pow(100.0 / mw_da, 2.43) + 2.34e-9) / st->lipid_slowdown;
  /* Trans-bilayer rate log10 k_trans [cm/s] = -0.725 - 0.792 MW^(1/3) ([WKN07]; physics.md
   * §4), a third of it partially hydrated ([WKN07]). */
  double k_trans = pow(10.0, -0.725 - 0.792 * cbrt(mw_da)) / st->lipid_slowdown;

  /* Solute molar volume [cm³/mol]: Schroeder's additive volume in the papers, which needs the
   * structure; taken here as MW / (1 g/cm³) like mnsim's Hayduk-Laudie D_aq (properties.c). The
   * five reference compounds' Schroeder volumes are 0.94-1.14 MW, and kp moves by < 0.3 % over
   * that range (the corneocyte path carries little of it). */
  double Va = mw_da;
  /* Aqueous diffusivity [cm²/s] and radius [Å] from Va ([WKN06]): D_aq = 1.92e-4 Va^-0.6,
   * r_s = 0.145 Va^0.6 below Va = 445.2; above, Stokes-Einstein with r_s = 0.735 Va^(1/3) and
   * D_aq = 3.78e-5 / Va^(1/3). The Python port multiplies by Va^(1/3) there, which makes D_aq
   * grow with size and jump 60-fold at 445.2; the division is continuous and physical. */
  double D_aq, r_s_A;
  if (Va < 445.2) {
    D_aq = 1.92e-4 / pow(Va, 0.6);
    r_s_A = 0.145 * pow(Va, 0.6);
  } else {
    D_aq = 3.78e-5 / cbrt(Va);
    r_s_A = 0.735 * cbrt(Va);
  }
  /* Corneocyte pathway ([WKN06], [WKN07]): the solute in the water between keratin
   * microfibrils of radius 35 Å at volume fraction phi; lambda = r_s / r_f; excluded volume
   * phi' = phi (1 + lambda)², free-water partition K_cor = 1 - phi', hindered diffusivity
   * D_cor = D_aq (1 - phi') (polynomial in lambda). */
  double lam = r_s_A / FIBRE_RADIUS_A;
  double phi_ex = st->phi_fibre * (1.0 + lam) * (1.0 + lam);
  double hind = st->hind[0] + lam * (st->hind[1] + lam * (st->hind[2] + lam * st->hind[3]));
  double K_cor = 1.0 - phi_ex;
  double D_cor = D_aq * (1.0 - phi_ex) * hind;
  /* sigma = K_lip D_lip / (K_cor D_cor) ([NWK06]); a solute too large for the gaps between the
   * fibres (K_cor or D_cor <= 0) finds the corneocytes shut: sigma = +Inf. */
  double log10_sigma =
      (K_cor > 0.0 && D_cor > 0.0) ? log10(K_lip * D_lip / (K_cor * D_cor)) : (double)INFINITY;
  /* r = k_trans / (c D_lip), the trans-bilayer rate against lateral diffusion ([NWK06]). */
  double log10_r = log10(k_trans / (st->r_scale_per_cm * D_lip));

  /* Homogenised SC permeability P = phat K_lip D_lip / h [cm/s] ([NWK06]). */
  double phat = phat_of(st, log10_sigma, log10_r, &o.approximation);
  double P_cm_s = phat * K_lip * D_lip / st->h_cm;

  /* SC/water partition: the volume-weighted sum over lipid, corneocyte (keratin) and water
   * ([WKN06], [WKN07], [DMJK13]; barrier.md §3). */
  double K_sum = st->ksum_lip * pow(kow, 0.81) + st->ksum_water + st->ksum_pro * pow(kow, 0.27);
  /* Solubility at skin temperature: S(32 °C) = S(25 °C) 10^(0.01 (32 - 25)) ([DMJK13]: a
   * solid's log solubility rises 0.01 per °C; for a liquid at 32 °C it would not), and never
   * above the pure compound's density. */
  double S32 = fmin(solubility_kg_per_m3 * pow(10.0, 0.01 * (32.0 - 25.0)), density_kg_per_m3);
  /* Saturation in the SC: min(K_sum S32, density) ([DMJK13]); the partition used is the one
   * that gives it, K_sc = C_sat / S32, so a compound whose sum would pack the SC denser than
   * the pure compound gets a smaller K_sc (niacinamide unoccluded: 3.6 -> 2.38). */
  double C_sat = fmin(K_sum * S32, density_kg_per_m3);
  double K_sc = C_sat / S32;
  /* One homogeneous membrane with the same kp: D_sc = h P / K_sc ([DMJK13]). */
  double D_sc = st->h_cm * P_cm_s / K_sc;

  o.K_sc = K_sc;
  o.K_sum = K_sum;
  o.K_water = st->ksum_water;
  o.D_sc_m2_per_s = mn_cm2_per_s_to_m2_per_s(D_sc);
  o.kp_m_per_s = mn_cm_to_m(P_cm_s);
  o.thickness_m = mn_cm_to_m(st->h_cm);
  o.solubility_32c_kg_per_m3 = S32;
  o.saturation_kg_per_m3 = C_sat;
  o.is_density_capped = C_sat < K_sum * S32;
  o.is_in_calibrated_range =
      mw_da >= MW_MIN_DA && mw_da <= MW_MAX_DA && log_kow >= LOGKOW_MIN && log_kow <= LOGKOW_MAX;
  o.K_lip = K_lip;
  o.D_lip_m2_per_s = mn_cm2_per_s_to_m2_per_s(D_lip);
  o.k_trans_m_per_s = mn_cm_to_m(k_trans);
  o.molar_volume_cm3_mol = Va;
  o.radius_m = r_s_A * 1e-10;
  o.log10_sigma = log10_sigma;
  o.log10_r = log10_r;
  if (!(isfinite(K_sc) && K_sc > 0.0 && isfinite(D_sc) && D_sc >= 0.0 && isfinite(P_cm_s)))
    return mni_fail(ctx, MN_E_NUMERIC,
                    "WKN stratum corneum for MW %g, log Kow %g: non-finite K_sc %g or kp %g", mw_da,
                    log_kow, K_sc, P_cm_s);
  *out = o;
  return MN_OK;
}
