/* One fractional laser pulse's MTZ (design and sources in laser_int.h). */
#include <math.h>
#include <string.h>

#include "core/core_int.h"
#include "numerics/bioheat_int.h"
#include "puncture/laser_int.h"

#define WATER_FRACTION   0.70
#define SURFACE_REFLECT  0.028      /* Fresnel, n 1.4 against air */
#define ARRHENIUS_A      3.1e98     /* 1/s, Henriques 1947 */
#define ARRHENIUS_EA_R   75534.0    /* K: Ea 6.28e5 J/mol over R 8.314 J/mol/K */
#define H_VAP_WATER      2.26e9     /* J/m^3 of water, latent heat at 100 C */
#define SC_M             15e-6 /* stratum corneum: cheek 16.8, forehead 13 um (data/sites.yaml) */
#define SC_WATER         0.25  /* its water by volume: 0.15-0.30 (see laser_int.h) */
#define T_BURST_C        300.0 /* water's superheat limit at 1 atm (see laser_int.h) */
#define COLD_C           45.0       /* below this the damage rate is < 3e-5 /s: not integrated */
#define PULSE_STEPS      200
#define COOL_GROWTH      1.05
#define COOL_END_S       1.0
#define MC_PHOTONS       30000     /* zones within one 10 um cell of 100,000's (test_laser_mtz) */
#define MC_SEED          20261206u /* fixed: an MTZ is a property of the pulse, not of a run */

/* Tissue water's absorption: 0.70 x water's (Segelstein 1981 k tables: mu_a = 4 pi k / lambda). */
static const mni_laser_line LINES[MNI_N_LASERS] = {
    {"co2", 10600.0, WATER_FRACTION * 846e2,
     "0.70 x water's 846 /cm (Segelstein 1981; Hale & Querry 1973: 792 /cm at 10.5 um)", false},
    {"er_yag", 2940.0, WATER_FRACTION * 1.20e6,
     "0.70 x water's 1.20e4 /cm (Segelstein 1981; Hale & Querry 1973: 1.27e4 /cm at 2.95 um)",
     false},
    {"er_glass_1550", 1550.0, WATER_FRACTION * 10.8e2, "0.70 x water's 10.8 /cm (Segelstein 1981)",
     true},
    {"er_glass_1540", 1540.0, WATER_FRACTION * 12.0e2, "0.70 x water's 12.0 /cm (Segelstein 1981)",
     true},
    {"nd_yap_1340", 1340.0, WATER_FRACTION * 2.7e2, "0.70 x water's 2.7 /cm (Segelstein 1981)",
     true},
};

/* Skin's reduced scattering, mu_s' = a' (f_Ray (lambda/500)^-4 + (1 - f_Ray)(lambda/500)^-b_Mie)
 * with a' = 46.0 /cm, f_Ray = 0.409, b_Mie = 0.562: the fit to the skin data compiled by
 * Jacques 2013 (Phys Med Biol 58:R37, table 2; the values recalled, not re-read here; two
 * public codes quote its dermis row as a' 43.6 /cm, a third its skin power law as a 46.0 /cm,
 * b 1.421, so this may mix the two: 6 % at 1,550 nm; the spread of published fits, 5.5-15 /cm
 * at 1,550 nm, and what it does to the zones: docs/validation.md). It
 * gives 16 /cm at 1,340 nm and 14.6 /cm at 1,550 nm, inside the 10-20 /cm usually quoted for
 * the dermis near 1.3 um. An in vivo diffuse-reflectance cohort (J Biomed Opt 2023;28:115001)
 * measured about half of it at 850 nm (12 against 22 /cm); its power law carried past its
 * range gave 5.5 /cm at 1,340 nm, the model's earlier choice, which put the 1,342 nm
 * deposition 3.8x deeper than measured (now 2.2x). */
double mni_tissue_mus_prime_per_m(double wavelength_nm)
{
  double x = wavelength_nm / 500.0;
  return 46.0e2 * (0.409 * pow(x, -4.0) + 0.591 * pow(x, -0.562));
}

const mni_laser_line *mni_laser_line_of(mni_laser_kind k)
{
  return (unsigned)k < MNI_N_LASERS ? &LINES[k] : NULL;
}

/* Faces: a first layer of thickness lid in whole cells no thicker than h (none if lid is 0),
 * then uniform h up to u, then growing by g up to the end e. */
static mn_status make_axis(mn_ctx *ctx, double lid, double h, double u, double g, double e,
                           mni_axis *out)
{
  size_t n = 0, cap = 64;
  double *f = mn_alloc(ctx, cap * sizeof *f);
  if (f == NULL) return MN_E_NOMEM;
  f[n++] = 0.0;
  double x = 0.0, w = h;
  size_t n_lid = lid > 0.0 ? (size_t)ceil(lid / h - 1e-9) : 0;
  while (x < e - 1e-12) {
    if (n <= n_lid)
      w = lid / (double)n_lid;
    else if (n == n_lid + 1)
      w = h;
    if (x >= u - 1e-12) w *= g;
    x = n == n_lid ? lid : fmin(x + w, e);
    if (e - x < 0.5 * w) x = e; /* no sliver at the end */
    if (n == cap) {
      double *nf = mn_realloc(ctx, f, cap * sizeof *f, 2 * cap * sizeof *f);
      if (nf == NULL) {
        mn_free(ctx, f, cap * sizeof *f);
        return MN_E_NOMEM;
      }
      f = nf;
      cap *= 2;
    }
    f[n++] = x;
  }
  double *ff = mn_alloc(ctx, n * sizeof *ff);
  if (ff == NULL) {
    mn_free(ctx, f, cap * sizeof *f);
    return MN_E_NOMEM;
  }
  memcpy(ff, f, n * sizeof *ff);
  mn_free(ctx, f, cap * sizeof *f);
  out->n = n - 1;
  out->face_m = ff;
  return MN_OK;
}

/* A cell's water against the dermis's: the stratum corneum's is lower, and so is its
 * absorption (water is the chromophore). */
static double water_share(const mni_axis *z, size_t k)
{
  return 0.5 * (z->face_m[k] + z->face_m[k + 1]) < SC_M ? SC_WATER / WATER_FRACTION : 1.0;
}

/* The source of the pulse now. The beam, focused on the surface, widens down the crater as a
 * Gaussian beam in air, w(z) = w0 sqrt(1 + (z/zR)^2), its profile self-similar: light entering
 * at radius r0 travels at r0 w(z)/w0 (widen[k]: w/w0 at the top of depth cell k). Each ring's
 * light, in sub_rays paths of equal area, goes down the crater until it meets tissue (the
 * floor or a wall) and is absorbed down that column, cell by cell with kept[k] of it passing
 * each (exact: every joule that enters is deposited; before, light that the widening carried
 * off its own column was dropped, a quarter of an 80 mJ pulse on 120 um). A crater only
 * deepens, so each path's meeting cell (path: depth, column) only moves down: the walk resumes
 * where the last step's ended. q is zero outside columns [0, box[0]) and rows [0, box[1]),
 * on entry (the last step's box) and on return (this step's). */
static void source(const mni_bioheat *s, const mni_axis *r, const mni_axis *z, double P_w,
                   double w0, const double *widen, const double *kept, int sub_rays,
                   size_t *path, double *q, size_t box[2])
{
  size_t nr = r->n, nz = z->n;
  const uint8_t *ab = mni_bioheat_ablated(s);
  for (size_t k = 0; k < box[1]; k++)
    memset(q + nr * k, 0, box[0] * sizeof *q);
  box[0] = box[1] = 0;
  for (size_t i = 0; i < nr; i++) {
    double a = r->face_m[i], b = r->face_m[i + 1];
    double P_ring = P_w * (1.0 - SURFACE_REFLECT) *
                    (exp(-2.0 * a * a / (w0 * w0)) - exp(-2.0 * b * b / (w0 * w0)));
    if (!(P_ring > 1e-15 * P_w)) continue;
    for (int m = 0; m < sub_rays; m++) {
      double r0 = sqrt(a * a + (b * b - a * a) * (m + 0.5) / sub_rays); /* area midpoint */
      size_t *pk = path + 2 * (i * (size_t)sub_rays + (size_t)m), k = pk[0], j = pk[1];
      for (; k < nz; k++) { /* down the crater's air */
        double rr = r0 * widen[k];
        while (j + 1 < nr && r->face_m[j + 1] <= rr)
          j++;
        if (!ab[j + nr * k]) break;
      }
      pk[0] = k;
      pk[1] = j;
      double left = P_ring / sub_rays /
                    (MN_PI * (r->face_m[j + 1] * r->face_m[j + 1] - r->face_m[j] * r->face_m[j]));
      double gone = 1e-12 * left; /* below this, the rest is the grid's round-off */
      for (; k < nz && left > gone; k++) { /* W/m^2 into the tissue of column j */
        size_t c = j + nr * k;
        if (ab[c]) continue;
        q[c] += left * (1.0 - kept[k]) / mni_axis_width(z, k);
        left *= kept[k];
        if (j + 1 > box[0]) box[0] = j + 1;
        if (k + 1 > box[1]) box[1] = k + 1;
      }
    }
  }
}

static double damage_rate(double t_c)
{
  return t_c < COLD_C ? 0.0 : ARRHENIUS_A * exp(-ARRHENIUS_EA_R / (t_c + 273.15));
}

mn_status mni_laser_mtz(mn_ctx *ctx, const mni_laser_pulse *p, mni_mtz *out)
{
  memset(out, 0, sizeof *out);
  const mni_laser_line *L = mni_laser_line_of(p->laser);
  MN_REQUIRE(ctx, L != NULL, MN_E_ARG, "laser: unknown line %d", (int)p->laser);
  MN_REQUIRE(ctx,
             p->energy_j > 0.0 && p->spot_diameter_m > 0.0 && p->pulse_s > 0.0 &&
                 isfinite(p->energy_j + p->spot_diameter_m + p->pulse_s + p->t_skin_c),
             MN_E_ARG, "laser: energy %g J, spot %g m, pulse %g s must be > 0", p->energy_j,
             p->spot_diameter_m, p->pulse_s);
  double mu = L->mu_per_m, w0 = 0.5 * p->spot_diameter_m;
  double z_rayleigh = MN_PI * w0 * w0 / (L->wavelength_nm * 1e-9); /* in the crater's air */
  /* skin: k 0.37 W/m/K, rho 1100 kg/m^3, c 3400 J/kg/K, perfusion 0.002 /s (the usual set,
   * Duck 1990; laser.md 1.4); heat of ablation: 0.70 of the latent heat of water */
  mni_thermal th = {.k_w_per_m_k = 0.37,
                    .rho_c_j_per_m3_k = 1100.0 * 3400.0,
                    .perfusion_per_s = 0.002,
                    .t_base_c = p->t_skin_c,
                    .t_vap_c = 100.0,
                    .h_vap_j_per_m3 = WATER_FRACTION * H_VAP_WATER,
                    .lid_m = SC_M,
                    .h_vap_lid_j_per_m3 = SC_WATER * H_VAP_WATER,
                    .t_burst_c = T_BURST_C};
  /* grid: depth cells a quarter of the absorption length (0.5-10 um) down to the deepest the
   * zone can reach (the crater if the whole peak fluence went into ablation, or 4 absorption
   * lengths), lateral cells a twelfth of the beam radius (1-5 um) over 3 radii + 150 um */
  double hz = L->scatters ? 10e-6 : fmin(fmax(0.25 / mu, 0.5e-6), 10e-6);
  double F0 = 2.0 * p->energy_j / (MN_PI * w0 * w0); /* J/m^2 on the axis */
  double h_abl = th.rho_c_j_per_m3_k * (100.0 - p->t_skin_c) + th.h_vap_j_per_m3;
  double zu = fmin(fmax(4.0 / mu, 1.2 * F0 / h_abl) + 100e-6, 3e-3);
  double hr = fmin(fmax(w0 / 12.0, 1e-6), 5e-6), ru = 3.0 * w0 + 150e-6;
  /* one path per ring while the beam's edge (3 w0) drifts less than a tenth of a cell over
   * the zone's depth (Er:YAG, the wide CO2 spots), else 8 (the 120 um CO2 spot) */
  double drift = 3.0 * w0 * (sqrt(1.0 + (zu / z_rayleigh) * (zu / z_rayleigh)) - 1.0);
  int sub_rays = drift < 0.1 * hr ? 1 : 8;
  mni_axis r = {0, NULL}, z = {0, NULL};
  mn_status st = make_axis(ctx, 0.0, hr, ru, 1.15, ru + 1.5e-3, &r);
  if (st == MN_OK) st = make_axis(ctx, SC_M, hz, zu, 1.15, zu + 1.5e-3, &z);
  mni_bioheat *s = NULL;
  if (st == MN_OK) {
    mni_bioheat_spec sp = {&r, &z, th, true, true};
    st = mni_bioheat_create(ctx, &sp, &s);
  }
  size_t N = r.n * z.n;
  double *q = NULL, *omega = NULL, *rate0 = NULL, *a = NULL, *widen = NULL, *kept = NULL;
  size_t *path = NULL, n_path = 2 * r.n * (size_t)sub_rays;
  if (st == MN_OK) {
    q = mn_calloc(ctx, N, sizeof *q);
    omega = mn_calloc(ctx, N, sizeof *omega);
    rate0 = mn_calloc(ctx, N, sizeof *rate0);
    widen = mn_calloc(ctx, 2 * z.n, sizeof *widen); /* then kept */
    path = mn_calloc(ctx, n_path, sizeof *path);
    if (q == NULL || omega == NULL || rate0 == NULL || widen == NULL || path == NULL)
      st = MN_E_NOMEM;
  }
  for (size_t i = 0; st == MN_OK && i < r.n; i++) /* each path starts on its ring's surface */
    for (int m = 0; m < sub_rays; m++)
      path[2 * (i * (size_t)sub_rays + (size_t)m) + 1] = i;
  if (st == MN_OK) kept = widen + z.n;
  for (size_t k = 0; st == MN_OK && k < z.n; k++) { /* per depth cell: widening, transmission */
    widen[k] = sqrt(1.0 + (z.face_m[k] / z_rayleigh) * (z.face_m[k] / z_rayleigh));
    kept[k] = exp(-mu * water_share(&z, k) * mni_axis_width(&z, k));
  }
  if (st == MN_OK && L->scatters) { /* the light's deposition, once: per watt incident */
    a = mn_calloc(ctx, N, sizeof *a);
    mni_tissue_optics o = {mu, mni_tissue_mus_prime_per_m(L->wavelength_nm) / (1.0 - MNI_TISSUE_G),
                           MNI_TISSUE_G, 1.4};
    double refl, trans;
    st = a == NULL ? MN_E_NOMEM
                   : mni_light_mc(ctx, &o, w0, &r, &z, MC_PHOTONS, MC_SEED, a, &refl, &trans);
    /* the stratum corneum's share by its water (its few um change the light below by < 1 %) */
    for (size_t k = 0; st == MN_OK && k < z.n; k++)
      for (size_t i = 0; i < r.n; i++)
        a[i + r.n * k] *= water_share(&z, k);
  }
  double t = 0.0, dt = p->pulse_s / PULSE_STEPS, peak = p->t_skin_c;
  double *theta = s != NULL ? mni_bioheat_theta(s) : NULL;
  size_t steps = 0, box[2] = {r.n, z.n}; /* the source's box: q is all zero so far */
  while (st == MN_OK) {
    bool on = t < p->pulse_s * (1.0 - 1e-9);
    if (on && a != NULL)
      for (size_t c = 0; c < N; c++)
        q[c] = p->energy_j / p->pulse_s * a[c];
    else if (on)
      source(s, &r, &z, p->energy_j / p->pulse_s, w0, widen, kept, sub_rays, path, q, box);
    st = mni_bioheat_step_in(s, dt, on ? q : NULL, box[0], box[1]);
    if (st != MN_OK) break;
    t += dt;
    steps++;
    /* damage: trapezoid in time; an ablated cell counts as destroyed; outside the solved
     * window the tissue is at the base temperature (< COLD_C: no damage) */
    double hottest = 0.0;
    const uint8_t *ab = mni_bioheat_ablated(s);
    size_t nr_w, nz_w;
    mni_bioheat_window(s, &nr_w, &nz_w);
    if (p->t_skin_c >= COLD_C) nr_w = r.n, nz_w = z.n;
    for (size_t k = 0; k < nz_w; k++)
      for (size_t i = 0; i < nr_w; i++) {
        size_t c = i + r.n * k;
        if (ab[c]) {
          omega[c] = HUGE_VAL;
          continue;
        }
        double tc = p->t_skin_c + theta[c], rt = damage_rate(tc);
        omega[c] += 0.5 * dt * (rate0[c] + rt);
        rate0[c] = rt;
        hottest = fmax(hottest, tc);
      }
    if (nr_w < r.n || nz_w < z.n) hottest = fmax(hottest, p->t_skin_c);
    peak = fmax(peak, hottest);
    if (!on) {
      if (hottest < COLD_C || t > COOL_END_S) break;
      dt *= COOL_GROWTH;
    }
  }
  if (st == MN_OK) {
    const uint8_t *ab = mni_bioheat_ablated(s);
    for (size_t k = 0; k < z.n; k++)
      for (size_t i = 0; i < r.n; i++) {
        size_t c = i + r.n * k;
        double r0 = r.face_m[i], r1 = r.face_m[i + 1];
        double vol = MN_PI * (r1 * r1 - r0 * r0) * (z.face_m[k + 1] - z.face_m[k]);
        if (omega[c] >= 1.0) out->coag_volume_m3 += vol;
        if (ab[c]) out->ablated_volume_m3 += vol;
        if (omega[c] >= 1.0) {
          out->coag_depth_m = fmax(out->coag_depth_m, z.face_m[k + 1]);
          out->coag_width_m = fmax(out->coag_width_m, 2.0 * r.face_m[i + 1]);
        }
        if (ab[c]) {
          out->ablation_depth_m = fmax(out->ablation_depth_m, z.face_m[k + 1]);
          out->ablation_width_m = fmax(out->ablation_width_m, 2.0 * r.face_m[i + 1]);
        }
      }
    mni_heat_tally tl = mni_bioheat_tally(s);
    out->deposited_j = tl.deposited_j;
    out->absorbed_share = tl.deposited_j / p->energy_j;
    out->energy_balance = fabs(mni_bioheat_energy_j(s) + tl.perfused_j + tl.boundary_j +
                               tl.ablated_j - tl.deposited_j) /
                          tl.deposited_j;
    out->peak_c = peak;
    out->n_r = r.n;
    out->n_z = z.n;
    out->n_steps = steps;
  }
  if (q != NULL) mn_free(ctx, q, N * sizeof *q);
  if (omega != NULL) mn_free(ctx, omega, N * sizeof *omega);
  if (rate0 != NULL) mn_free(ctx, rate0, N * sizeof *rate0);
  if (a != NULL) mn_free(ctx, a, N * sizeof *a);
  if (widen != NULL) mn_free(ctx, widen, 2 * z.n * sizeof *widen);
  if (path != NULL) mn_free(ctx, path, n_path * sizeof *path);
  mni_bioheat_destroy(&s);
  mni_axis_free(ctx, &r);
  mni_axis_free(ctx, &z);
  return st;
}
