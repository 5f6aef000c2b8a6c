/* Light in scattering tissue by Monte Carlo (the method of MCML: Wang, Jacques & Zheng 1995,
 * Comput Methods Programs Biomed 47:131), for the near-infrared lines whose light scatters
 * before it is absorbed (see laser_int.h).
 *
 * Photon packets enter at r drawn from the Gaussian beam, straight down, with the weight left
 * after the specular reflection. Each step of length -ln(xi) / mu_t leaves mu_a / mu_t of the
 * weight in the cell it ends in; the packet then turns by the Henyey-Greenstein phase function
 * of anisotropy g. A packet that reaches the surface is reflected back in with the Fresnel
 * reflectance of its angle (total beyond the critical angle, 45.6 deg for n = 1.4), as MCML
 * does, else leaves; packets leave through the bottom or the grid's side (counted as
 * transmitted); below 1e-3 of their
 * weight they play Russian roulette (1 in 10 go on with ten times the weight: unbiased). One
 * stream of the library's generator, in order: the same bits every run. */
#include <math.h>
#include <string.h>

#include "core/core_int.h"
#include "puncture/laser_int.h"

#define ROULETTE_W 1e-3
#define ROULETTE_M 10.0

static double unit_open(mn_rng *g)
{
  return 1.0 - mn_rng_uniform(g); /* (0, 1] */
}

/* The Fresnel reflectance of unpolarised light leaving tissue of index n into air at the
 * incidence cosine ci (1 beyond the critical angle). */
static double fresnel(double n, double ci)
{
  double si = sqrt(fmax(0.0, 1.0 - ci * ci)), st = n * si;
  if (st >= 1.0) return 1.0;
  double ct = sqrt(1.0 - st * st);
  double rs = (n * ci - ct) / (n * ci + ct), rp = (n * ct - ci) / (n * ct + ci);
  return 0.5 * (rs * rs + rp * rp);
}

/* Henyey-Greenstein cosine of the deflection. */
static double hg_cos(double g, double xi)
{
  if (fabs(g) < 1e-9) return 2.0 * xi - 1.0;
  double t = (1.0 - g * g) / (1.0 - g + 2.0 * g * xi);
  return fmax(-1.0, fmin(1.0, (1.0 + g * g - t * t) / (2.0 * g)));
}

mn_status mni_light_mc(mn_ctx *ctx, const mni_tissue_optics *o, double w0_m, const mni_axis *r,
                       const mni_axis *z, size_t n_photons, uint64_t seed, double *a_per_m3,
                       double *reflected, double *transmitted)
{
  MN_REQUIRE(ctx,
             o->mu_a_per_m > 0.0 && o->mu_s_per_m >= 0.0 && fabs(o->g) < 1.0 && o->n >= 1.0 &&
                 w0_m > 0.0 && n_photons > 0,
             MN_E_ARG, "light: mu_a %g /m, mu_s %g /m, g %g, n %g, beam radius %g m, %zu photons",
             o->mu_a_per_m, o->mu_s_per_m, o->g, o->n, w0_m, n_photons);
  size_t nr = r->n, nz = z->n;
  double R = r->face_m[nr], L = z->face_m[nz];
  double mu_t = o->mu_a_per_m + o->mu_s_per_m, albedo = o->mu_s_per_m / mu_t;
  double spec = (o->n - 1.0) * (o->n - 1.0) / ((o->n + 1.0) * (o->n + 1.0));
  memset(a_per_m3, 0, nr * nz * sizeof *a_per_m3);
  double refl = spec * (double)n_photons, trans = 0.0;
  mn_rng g;
  mn_rng_seed(&g, seed, 0x11647);
  for (size_t p = 0; p < n_photons; p++) {
    double rho = w0_m * sqrt(-0.5 * log(unit_open(&g))), phi = 2.0 * MN_PI * mn_rng_uniform(&g);
    double x = rho * cos(phi), y = rho * sin(phi), zz = 0.0;
    double ux = 0.0, uy = 0.0, uz = 1.0, w = 1.0 - spec;
    for (;;) {
      double s = -log(unit_open(&g)) / mu_t;
      x += ux * s, y += uy * s, zz += uz * s;
      if (zz <= 0.0) { /* at the surface: Fresnel reflection back in, or out (MCML) */
        double R_in = fresnel(o->n, -uz);
        if (mn_rng_uniform(&g) >= R_in) {
          refl += w;
          break;
        }
        zz = -zz, uz = -uz; /* mirrored into the tissue */
      }
      if (zz >= L) {
        trans += w;
        break;
      }
      double rr = sqrt(x * x + y * y);
      if (rr >= R) { /* past the grid's side (over 1.5 mm beyond the zone): it leaves */
        trans += w;
        break;
      }
      double dw = w * (1.0 - albedo);
      a_per_m3[mni_axis_find(r, rr) + nr * mni_axis_find(z, zz)] += dw;
      w -= dw;
      /* turn */
      double ct = hg_cos(o->g, mn_rng_uniform(&g)), st = sqrt(fmax(0.0, 1.0 - ct * ct));
      double ps = 2.0 * MN_PI * mn_rng_uniform(&g), cp = cos(ps), sp = sin(ps);
      if (fabs(uz) > 0.99999) {
        ux = st * cp, uy = st * sp, uz = uz > 0.0 ? ct : -ct;
      } else {
        double d = sqrt(1.0 - uz * uz);
        double nx = st * (ux * uz * cp - uy * sp) / d + ux * ct;
        double ny = st * (uy * uz * cp + ux * sp) / d + uy * ct;
        double nzz = -st * cp * d + uz * ct;
        ux = nx, uy = ny, uz = nzz;
      }
      if (w < ROULETTE_W) {
        if (mn_rng_uniform(&g) < 1.0 / ROULETTE_M)
          w *= ROULETTE_M;
        else
          break;
      }
    }
  }
  for (size_t k = 0; k < nz; k++)
    for (size_t i = 0; i < nr; i++) {
      double a = r->face_m[i], b = r->face_m[i + 1];
      double V = MN_PI * (b * b - a * a) * mni_axis_width(z, k);
      a_per_m3[i + nr * k] /= (double)n_photons * V;
    }
  *reflected = refl / (double)n_photons;
  *transmitted = trans / (double)n_photons;
  return MN_OK;
}

/* The share of the incident power absorbed in row k: the sum of a V over the row. */
static double row_share(const double *a_per_m3, const mni_axis *r, const mni_axis *z, size_t k)
{
  double e = 0.0;
  for (size_t i = 0; i < r->n; i++)
    e += a_per_m3[i + r->n * k] * MN_PI *
         (r->face_m[i + 1] * r->face_m[i + 1] - r->face_m[i] * r->face_m[i]);
  return e * mni_axis_width(z, k);
}

double mni_light_absorbed(const double *a_per_m3, const mni_axis *r, const mni_axis *z)
{
  double total = 0.0;
  for (size_t k = 0; k < z->n; k++)
    total += row_share(a_per_m3, r, z, k);
  return total;
}

double mni_light_depth_of_share(const double *a_per_m3, const mni_axis *r, const mni_axis *z,
                                double share)
{
  double total = mni_light_absorbed(a_per_m3, r, z), cum = 0.0;
  for (size_t k = 0; k < z->n; k++) {
    cum += row_share(a_per_m3, r, z, k);
    if (cum >= share * total) return z->face_m[k + 1];
  }
  return z->face_m[z->n];
}
