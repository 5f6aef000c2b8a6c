/* The Pennes bioheat solver on the axisymmetric grid (design in bioheat_int.h).
 *
 * Each sweep solves independent lines (rows in r, columns in z) and keeps one system per cell,
 * so the columns are eliminated side by side, row after row, in memory order (a strided column
 * at a time was 70 % of a laser zone's time). The lines are not spread over threads: a step is
 * too little work (tens of microseconds), and with the machine busy the threads' waits made a
 * zone 4 times slower.
 *
 * Only the warm corner of the grid is solved: rows and columns out to the last cell warmer than
 * WARM_K (or ablated, or holding latent heat) plus WINDOW_MARGIN cells, and out to the source.
 * Beyond it theta is 0 (or under WARM_K where the caller set it so) and is left as it is; the
 * window's far edges are insulated. In one implicit step heat falls by at least half per cell,
 * so the neglected flux is below WARM_K / 2^WINDOW_MARGIN (1e-28 K), far under the energy
 * balance's round-off. It saves what a deep ablation grid spends on the cold tissue below the
 * crater (the Er:YAG zone at 40 mJ: 2,382 rows, a few hundred warm). The window only grows. */
#include <math.h>
#include <string.h>

#include "core/core_int.h"
#include "numerics/bioheat_int.h"

#define WARM_K        1e-9 /* K above T_base: colder cells count as cold */
#define WINDOW_MARGIN 64   /* cells solved beyond the last warm one */

struct mni_bioheat {
  mn_ctx *ctx;
  size_t nr, nz;
  double *rf, *zf;          /* faces: nr + 1, nz + 1 */
  double *theta, *latent;   /* per cell: T - T_base [K]; latent heat stored [J/m^3] */
  uint8_t *ablated;
  double *sub, *diag, *sup; /* the lines' systems, one row per cell: nr * nz each */
  double *line_out;         /* per line: heat out of the side (rows: nz) or bottom (cols: nr) */
  double *line_perf;        /* per column: perfused heat (nr) */
  /* geometry, once: kappa times the face terms per cell volume [1/s] (times dt in a sweep) */
  double *gr_lo, *gr_hi;    /* nr: to the inner, the outer neighbour (or the far side) */
  double *gz_lo, *gz_hi;    /* nz: to the cell above, below (or the bottom) */
  double *ring;             /* nr: V / dz [m^2] */
  mni_thermal th;
  bool is_side_fixed, is_bottom_fixed;
  size_t nr_w, nz_w;        /* the solved window: columns [0, nr_w), rows [0, nz_w) */
  bool window_unknown;      /* theta was handed out for writing: scan it all at the next step */
  mni_heat_tally tally;
};

static double rc(const mni_bioheat *S, size_t i)
{
  return 0.5 * (S->rf[i] + S->rf[i + 1]);
}

static double zc(const mni_bioheat *S, size_t k)
{
  return 0.5 * (S->zf[k] + S->zf[k + 1]);
}

/* Cell area in the r-z plane times 2 pi r: V / dz = pi (r+^2 - r-^2). */
static double ring_m2(const mni_bioheat *S, size_t i)
{
  return MN_PI * (S->rf[i + 1] * S->rf[i + 1] - S->rf[i] * S->rf[i]);
}

double mni_bioheat_volume_m3(const mni_bioheat *S, size_t i, size_t k)
{
  return S->ring[i] * (S->zf[k + 1] - S->zf[k]);
}

void mni_bioheat_destroy(mni_bioheat **ps)
{
  if (ps == NULL || *ps == NULL) return;
  mni_bioheat *S = *ps;
  mn_ctx *ctx = S->ctx;
  size_t N = S->nr * S->nz;
  mn_free(ctx, S->rf, (S->nr + 1) * sizeof(double));
  mn_free(ctx, S->zf, (S->nz + 1) * sizeof(double));
  mn_free(ctx, S->theta, N * sizeof(double));
  mn_free(ctx, S->latent, N * sizeof(double));
  mn_free(ctx, S->ablated, N);
  mn_free(ctx, S->sub, 3 * N * sizeof(double));
  mn_free(ctx, S->line_out, (S->nr + S->nz + S->nr) * sizeof(double));
  mn_free(ctx, S->gr_lo, 3 * S->nr * sizeof(double));
  mn_free(ctx, S->gz_lo, 2 * S->nz * sizeof(double));
  mn_free(ctx, S, sizeof *S);
  *ps = NULL;
}

mn_status mni_bioheat_create(mn_ctx *ctx, const mni_bioheat_spec *spec, mni_bioheat **out)
{
  *out = NULL;
  MN_REQUIRE(ctx, spec->r != NULL && spec->z != NULL && spec->r->n > 0 && spec->z->n > 0,
             MN_E_ARG, "bioheat: empty grid");
  MN_REQUIRE(ctx, spec->r->face_m[0] == 0.0 && spec->z->face_m[0] == 0.0, MN_E_ARG,
             "bioheat: r starts on the axis and z on the surface (first faces %g, %g m)",
             spec->r->face_m[0], spec->z->face_m[0]);
  const mni_thermal *t = &spec->tissue;
  MN_REQUIRE(ctx,
             t->k_w_per_m_k > 0.0 && t->rho_c_j_per_m3_k > 0.0 && t->perfusion_per_s >= 0.0 &&
                 isfinite(t->t_base_c) && isfinite(t->h_vap_j_per_m3) &&
                 (t->h_vap_j_per_m3 <= 0.0 || t->t_vap_c > t->t_base_c) && t->lid_m >= 0.0 &&
                 t->h_vap_lid_j_per_m3 >= 0.0 && isfinite(t->t_burst_c),
             MN_E_ARG,
             "bioheat: tissue k %g W/m/K, rho c %g J/m^3/K, perfusion %g /s, T_base %g C, T_vap "
             "%g C, h_vap %g J/m^3",
             t->k_w_per_m_k, t->rho_c_j_per_m3_k, t->perfusion_per_s, t->t_base_c, t->t_vap_c,
             t->h_vap_j_per_m3);
  mni_bioheat *S = mn_calloc(ctx, 1, sizeof *S);
  if (S == NULL) return MN_E_NOMEM;
  S->ctx = ctx;
  S->nr = spec->r->n;
  S->nz = spec->z->n;
  S->th = *t;
  S->is_side_fixed = spec->is_side_fixed;
  S->is_bottom_fixed = spec->is_bottom_fixed;
  S->window_unknown = true;
  size_t N = S->nr * S->nz;
  S->rf = mn_alloc(ctx, (S->nr + 1) * sizeof(double));
  S->zf = mn_alloc(ctx, (S->nz + 1) * sizeof(double));
  S->theta = mn_calloc(ctx, N, sizeof(double));
  S->latent = mn_calloc(ctx, N, sizeof(double));
  S->ablated = mn_calloc(ctx, N, 1);
  S->sub = mn_alloc(ctx, 3 * N * sizeof(double));
  S->line_out = mn_calloc(ctx, S->nr + S->nz + S->nr, sizeof(double));
  S->gr_lo = mn_alloc(ctx, 3 * S->nr * sizeof(double));
  S->gz_lo = mn_alloc(ctx, 2 * S->nz * sizeof(double));
  if (!S->rf || !S->zf || !S->theta || !S->latent || !S->ablated || !S->sub || !S->line_out ||
      !S->gr_lo || !S->gz_lo) {
    mni_bioheat_destroy(&S);
    return MN_E_NOMEM;
  }
  S->diag = S->sub + N;
  S->sup = S->diag + N;
  S->line_perf = S->line_out + S->nr + S->nz;
  memcpy(S->rf, spec->r->face_m, (S->nr + 1) * sizeof(double));
  memcpy(S->zf, spec->z->face_m, (S->nz + 1) * sizeof(double));
  S->gr_hi = S->gr_lo + S->nr;
  S->ring = S->gr_hi + S->nr;
  S->gz_hi = S->gz_lo + S->nz;
  double kap = t->k_w_per_m_k / t->rho_c_j_per_m3_k;
  size_t nr = S->nr, nz = S->nz;
  for (size_t i = 0; i < nr; i++) {
    S->ring[i] = ring_m2(S, i);
    S->gr_lo[i] = i > 0 ? kap * 2.0 * MN_PI * S->rf[i] / (S->ring[i] * (rc(S, i) - rc(S, i - 1))) : 0.0;
    S->gr_hi[i] = i + 1 < nr ? kap * 2.0 * MN_PI * S->rf[i + 1] / (S->ring[i] * (rc(S, i + 1) - rc(S, i)))
                             : kap * 2.0 * MN_PI * S->rf[nr] / (S->ring[i] * (S->rf[nr] - rc(S, i)));
  }
  for (size_t k = 0; k < nz; k++) {
    double hz = S->zf[k + 1] - S->zf[k];
    S->gz_lo[k] = k > 0 ? kap / (hz * (zc(S, k) - zc(S, k - 1))) : 0.0;
    S->gz_hi[k] = k + 1 < nz ? kap / (hz * (zc(S, k + 1) - zc(S, k))) : kap / (hz * (S->zf[nz] - zc(S, k)));
  }
  *out = S;
  return MN_OK;
}

double *mni_bioheat_theta(mni_bioheat *S)
{
  S->window_unknown = true; /* the caller may set an initial state anywhere */
  return S->theta;
}

const uint8_t *mni_bioheat_ablated(const mni_bioheat *S)
{
  return S->ablated;
}

double mni_bioheat_top_m(const mni_bioheat *S, size_t i)
{
  size_t k = 0;
  while (k < S->nz && S->ablated[i + S->nr * k])
    k++;
  return S->zf[k];
}

mni_heat_tally mni_bioheat_tally(const mni_bioheat *S)
{
  return S->tally;
}

double mni_bioheat_energy_j(const mni_bioheat *S)
{
  double e = 0.0;
  for (size_t k = 0; k < S->nz; k++)
    for (size_t i = 0; i < S->nr; i++) {
      size_t c = i + S->nr * k;
      if (!S->ablated[c])
        e += mni_bioheat_volume_m3(S, i, k) * (S->th.rho_c_j_per_m3_k * S->theta[c] + S->latent[c]);
    }
  return e;
}

/* Thomas on n rows of (sub, diag, sup) with x as the right-hand side, in place (stride es). */
static void thomas(size_t n, double *sub, double *diag, const double *sup, double *x, size_t es)
{
  for (size_t s = 1; s < n; s++) {
    double m = sub[s] / diag[s - 1];
    diag[s] -= m * sup[s - 1];
    x[s * es] -= m * x[(s - 1) * es];
  }
  x[(n - 1) * es] /= diag[n - 1];
  for (size_t s = n - 1; s-- > 0;)
    x[s * es] = (x[s * es] - sup[s] * x[(s + 1) * es]) / diag[s];
}

/* Radial sweep of row k: (I - dt A_r) theta' = theta, on the row's own slice of the systems.
 * Returns the heat out at r = R [J]. */
static double sweep_r(mni_bioheat *S, size_t k, double dt)
{
  size_t nr = S->nr, nw = S->nr_w;
  double *u = S->theta + nr * k;
  const uint8_t *ab = S->ablated + nr * k;
  double *sub = S->sub + nr * k, *diag = S->diag + nr * k, *sup = S->sup + nr * k;
  for (size_t i = 0; i < nw; i++) {
    sub[i] = sup[i] = 0.0;
    diag[i] = 1.0;
    if (ab[i]) {
      u[i] = 0.0;
      continue;
    }
    if (i > 0 && !ab[i - 1]) {
      double a = dt * S->gr_lo[i];
      sub[i] = -a;
      diag[i] += a;
    }
    if (i + 1 < nw && !ab[i + 1]) {
      double a = dt * S->gr_hi[i];
      sup[i] = -a;
      diag[i] += a;
    }
    if (i + 1 == nr && S->is_side_fixed) diag[i] += dt * S->gr_hi[i];
  }
  thomas(nw, sub, diag, sup, u, 1);
  if (!S->is_side_fixed || nw < nr || ab[nr - 1]) return 0.0;
  double hz = S->zf[k + 1] - S->zf[k];
  return dt * S->th.rho_c_j_per_m3_k * S->gr_hi[nr - 1] * S->ring[nr - 1] * hz * u[nr - 1];
}

/* Depth sweep of columns [i0, i1) with perfusion: (I - dt A_z + dt w) theta' = theta, the
 * columns eliminated side by side row after row (memory order). Each column's heat out at
 * z = L and perfused heat go to line_out[nz + i] and line_perf[i]. */
static void sweep_z(mni_bioheat *S, size_t i0, size_t i1, double dt)
{
  size_t nr = S->nr, nz = S->nz, nw = S->nz_w;
  double w = S->th.perfusion_per_s, *u = S->theta;
  double *sub = S->sub, *diag = S->diag, *sup = S->sup;
  const uint8_t *ab = S->ablated;
  for (size_t k = 0; k < nw; k++)
    for (size_t i = i0; i < i1; i++) {
      size_t c = i + nr * k;
      sub[c] = sup[c] = 0.0;
      diag[c] = 1.0;
      if (ab[c]) {
        u[c] = 0.0;
        continue;
      }
      diag[c] += dt * w;
      if (k > 0 && !ab[c - nr]) {
        double a = dt * S->gz_lo[k];
        sub[c] = -a;
        diag[c] += a;
      }
      if (k + 1 < nw && !ab[c + nr]) {
        double a = dt * S->gz_hi[k];
        sup[c] = -a;
        diag[c] += a;
      }
      if (k + 1 == nz && S->is_bottom_fixed) diag[c] += dt * S->gz_hi[k];
    }
  /* Thomas, every column at once */
  for (size_t k = 1; k < nw; k++)
    for (size_t i = i0; i < i1; i++) {
      size_t c = i + nr * k;
      double m = sub[c] / diag[c - nr];
      diag[c] -= m * sup[c - nr];
      u[c] -= m * u[c - nr];
    }
  for (size_t i = i0; i < i1; i++)
    u[i + nr * (nw - 1)] /= diag[i + nr * (nw - 1)];
  for (size_t k = nw - 1; k-- > 0;)
    for (size_t i = i0; i < i1; i++) {
      size_t c = i + nr * k;
      u[c] = (u[c] - sup[c] * u[c + nr]) / diag[c];
    }
  double rhoc = S->th.rho_c_j_per_m3_k;
  for (size_t i = i0; i < i1; i++) {
    double perf = 0.0, ring = S->ring[i];
    if (w > 0.0)
      for (size_t k = 0; k < nw; k++)
        if (!ab[i + nr * k]) perf += (S->zf[k + 1] - S->zf[k]) * u[i + nr * k];
    S->line_perf[i] = dt * w * rhoc * ring * perf;
    S->line_out[nz + i] = 0.0;
    if (S->is_bottom_fixed && nw == nz && !ab[i + nr * (nz - 1)]) {
      double hz = S->zf[nz] - S->zf[nz - 1];
      S->line_out[nz + i] = dt * rhoc * S->gz_hi[nz - 1] * ring * hz * u[i + nr * (nz - 1)];
    }
  }
}

/* A cell is open to the air when it is on the surface or next to an ablated cell (the
 * crater). Under a lid, the surface's cells are the lid's. */
static bool is_exposed(const mni_bioheat *S, size_t i, size_t k)
{
  size_t c = i + S->nr * k;
  if (k == 0) return true;
  return S->ablated[c - S->nr] || (i > 0 && S->ablated[c - 1]) ||
         (i + 1 < S->nr && S->ablated[c + 1]) || (k + 1 < S->nz && S->ablated[c + S->nr]);
}

static void ablate(mni_bioheat *S, size_t i, size_t k)
{
  size_t c = i + S->nr * k;
  S->tally.ablated_j +=
      mni_bioheat_volume_m3(S, i, k) * (S->th.rho_c_j_per_m3_k * S->theta[c] + S->latent[c]);
  S->theta[c] = S->latent[c] = 0.0;
  S->ablated[c] = 1;
}

/* The enthalpy method with ablation at a free surface and confined boiling (bioheat_int.h). */
static void phase_change(mni_bioheat *S)
{
  if (!(S->th.h_vap_j_per_m3 > 0.0)) return;
  double th_vap = S->th.t_vap_c - S->th.t_base_c, rhoc = S->th.rho_c_j_per_m3_k;
  double th_burst = S->th.t_burst_c - S->th.t_base_c;
  bool can_burst = S->th.t_burst_c > S->th.t_vap_c;
  for (size_t k = 0; k < S->nz_w; k++) {
    bool lid = 0.5 * (S->zf[k] + S->zf[k + 1]) < S->th.lid_m;
    double hv = lid ? S->th.h_vap_lid_j_per_m3 : S->th.h_vap_j_per_m3;
    for (size_t i = 0; i < S->nr_w; i++) {
      size_t c = i + S->nr * k;
      if (S->ablated[c]) continue;
      double th = S->theta[c], lat = S->latent[c];
      if (th < th_vap) {
        if (lat > 0.0) { /* condensing: the store back to sensible heat */
          double back = fmin(lat, (th_vap - th) * rhoc);
          S->latent[c] = lat - back;
          S->theta[c] = th + back / rhoc;
        }
        continue;
      }
      double take = fmin((th - th_vap) * rhoc, fmax(hv - lat, 0.0));
      S->latent[c] = lat + take;
      S->theta[c] = th - take / rhoc;
      if (S->latent[c] < hv) continue;
      bool open = is_exposed(S, i, k), hot = can_burst && S->theta[c] >= th_burst;
      if (lid) {
        if (open && hot) ablate(S, i, k);
      } else if (open) {
        ablate(S, i, k);
      } else if (hot) { /* confined boiling bursts through everything above it */
        for (size_t kk = 0; kk <= k; kk++)
          if (!S->ablated[i + S->nr * kk]) ablate(S, i, kk);
      }
    }
  }
}

/* Grow the window to hold columns [0, nr_need) and rows [0, nz_need) plus the margin. */
static void grow_window(mni_bioheat *S, size_t nr_need, size_t nz_need)
{
  size_t nr = nr_need + WINDOW_MARGIN, nz = nz_need + WINDOW_MARGIN;
  if (nr > S->nr) nr = S->nr;
  if (nz > S->nz) nz = S->nz;
  if (nr > S->nr_w) S->nr_w = nr;
  if (nz > S->nz_w) S->nz_w = nz;
}

/* Grow the window past the warm cells of columns [0, nr) and rows [0, nz). */
static void follow_warm(mni_bioheat *S, size_t nr, size_t nz)
{
  size_t i_end = 0, k_end = 0;
  for (size_t k = 0; k < nz; k++)
    for (size_t i = 0; i < nr; i++) {
      size_t c = i + S->nr * k;
      if (fabs(S->theta[c]) > WARM_K || S->latent[c] > 0.0 || S->ablated[c] ||
          !isfinite(S->theta[c])) {
        if (i + 1 > i_end) i_end = i + 1;
        k_end = k + 1;
      }
    }
  grow_window(S, i_end, k_end);
}

mn_status mni_bioheat_step(mni_bioheat *S, double dt_s, const double *q)
{
  return mni_bioheat_step_in(S, dt_s, q, S->nr, S->nz);
}

mn_status mni_bioheat_step_in(mni_bioheat *S, double dt_s, const double *q, size_t nr_q,
                              size_t nz_q)
{
  MN_REQUIRE(S->ctx, isfinite(dt_s) && dt_s > 0.0, MN_E_ARG, "bioheat: dt_s = %g must be > 0",
             dt_s);
  MN_REQUIRE(S->ctx, nr_q <= S->nr && nz_q <= S->nz, MN_E_ARG,
             "bioheat: source box %zu x %zu beyond the grid %zu x %zu", nr_q, nz_q, S->nr, S->nz);
  size_t nr = S->nr, nz = S->nz;
  double rhoc = S->th.rho_c_j_per_m3_k;
  if (S->window_unknown) {
    follow_warm(S, nr, nz);
    S->window_unknown = false;
  }
  if (q != NULL) grow_window(S, nr_q, nz_q);
  if (q != NULL)
    for (size_t k = 0; k < nz_q; k++)
      for (size_t i = 0; i < nr_q; i++) {
        size_t c = i + nr * k;
        if (S->ablated[c] || q[c] == 0.0) continue;
        S->theta[c] += dt_s * q[c] / rhoc;
        S->tally.deposited_j += dt_s * q[c] * mni_bioheat_volume_m3(S, i, k);
      }
  for (size_t k = 0; k < S->nz_w; k++)
    S->line_out[k] = sweep_r(S, k, dt_s);
  sweep_z(S, 0, S->nr_w, dt_s);
  double out = 0.0, perf = 0.0;
  for (size_t k = 0; k < nz + nr; k++)
    out += S->line_out[k];
  for (size_t i = 0; i < nr; i++)
    perf += S->line_perf[i];
  S->tally.boundary_j += out;
  S->tally.perfused_j += perf;
  phase_change(S);
  for (size_t k = 0; k < S->nz_w; k++)
    for (size_t i = 0; i < S->nr_w; i++) {
      size_t c = i + nr * k;
      if (!isfinite(S->theta[c]))
        return mni_fail(S->ctx, MN_E_NUMERIC, "bioheat: non-finite temperature in cell %zu", c);
    }
  follow_warm(S, S->nr_w, S->nz_w);
  return MN_OK;
}

void mni_bioheat_window(const mni_bioheat *S, size_t *nr_w, size_t *nz_w)
{
  *nr_w = S->nr_w;
  *nz_w = S->nz_w;
}
