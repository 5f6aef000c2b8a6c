/* The 1D finite-volume solver: intact skin, or intact skin and channels as two interpenetrating
 * pathways under one vehicle, integrated with CVODE (BDF, banded direct solver, analytic
 * Jacobian). docs/model.md §4.
 *
 * Pathway j covers area fraction a_j (intact: 1 - phi, channels: phi). Its cell i of width h_i
 * holds K_i h_i u_i per unit area of that pathway:
 *   K_i h_i du_i/dt = F_{i-1/2} - F_{i+1/2} - k_i K_i h_i u_i  (+ lateral exchange / a_j),
 *   F_{i+1/2} = G_{i+1/2} (u_i - u_{i+1}),  G = 1 / (h_i / (2 D_i K_i) + h_{i+1} / (2 D_{i+1} K_{i+1}))
 * (harmonic conductances, exact for piecewise-constant media with faces on the interfaces).
 * Top face: F = G_top (u_v - u_0), u_v = C_v / K_vehicle, G_top = 2 D_0 K_0 / h_0 (the vehicle
 * is well mixed); after wash-off G_top = 0. Bottom face: a perfect sink, F = G_bot u_{n-1}.
 * The vehicle loses sum_j a_j F_top,j and the active's evaporation.
 *
 * Channels: above the channel depth the channel cells store as water (K = 1) and conduct with
 * D K = c(t) D_aq + (1 - c(t)) D_tissue K_tissue, c the open fraction (closure.c). Through its
 * wall a channel exchanges with the tissue around it at every depth it reaches (the
 * pseudo-steady radial exchange of a dual-porosity medium): per unit skin area and depth,
 *   X = beta (u_channel - u_tissue),  beta = n 2 pi D_t K_t / ln(R / a),  R = 1 / sqrt(pi n),
 * n channels per area of radius a. Below the channels both pathways are the same tissue; they
 * stay separate columns (no lateral mixing) in this 1D model.
 *
 * State vector, cells interleaved so that the Jacobian is banded (bandwidth 4 with channels,
 * 2 without):  E, M, [u_0^0 (A_0^0) u_0^1 (A_0^1)], [u_1^0 ...], ...
 * A_i^j is the amount that left the body through cell i of pathway j (clearance, and the
 * bottom face for the last cell) per unit skin area, present only where something leaves; E the
 * amount evaporated; M the amount in the vehicle (dissolved and deposit). Every amount is a
 * state, the right-hand side conserves their sum exactly and the Jacobian is exact, so BDF's
 * Newton iterations keep the total at round-off: the mass balance checks the code, not the
 * tolerance. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include <cvode/cvode.h>
#include <nvector/nvector_serial.h>
#include <sunlinsol/sunlinsol_band.h>
#include <sunmatrix/sunmatrix_band.h>

#include "numerics/cvode_int.h"
#include "transport/transport_int.h"

typedef struct column {
  double area_frac;
  double *K;        /* storage partition per cell */
  double *DK_open;  /* D K of the open channel (channel cells) */
  double *DK_nat;   /* D K of the native tissue */
  double *k;        /* clearance */
  bool *is_channel; /* cell inside a channel (pathway 1 only) */
  double *DK;       /* current D K (depends on t in the channels) */
  double *G;        /* n + 1 face conductances: G[0] top, G[n] bottom */
  size_t *iu, *ia;  /* state index of u_i and of its accumulator (SIZE_MAX: none) */
} column;

typedef struct solver {
  const mni_problem1d *pb;
  const mni_grid1d *g;
  size_t n; /* cells per pathway */
  int n_col;
  column col[2];
  double *beta_nat; /* lateral exchange conductance of each cell (beta h_i), 0 below channels */
  double *beta_h;   /* the same now (the SC's changes with its hydration) */
  bool *is_sc;      /* cell in the stratum corneum */
  double washed;  /* amount removed at wash-off */
  size_t n_states;
  sunindextype band;
} solver;

static size_t iu(const solver *s, int j, size_t i)
{
  return s->col[j].iu[i];
}
static size_t ia(const solver *s, int j, size_t i)
{
  return s->col[j].ia[i];
}
#define IE 0 /* index of E */
#define IM 1 /* index of M */

/* A cell needs an accumulator if anything leaves the body through it. */
static bool has_acc(const column *c, size_t i, size_t n)
{
  return c->k[i] > 0 || i + 1 == n;
}

static void layout(solver *s)
{
  size_t q = 2;
  for (size_t i = 0; i < s->n; i++)
    for (int j = 0; j < s->n_col; j++) {
      column *c = &s->col[j];
      c->iu[i] = q++;
      c->ia[i] = has_acc(c, i, s->n) ? q++ : SIZE_MAX;
    }
  s->n_states = q;
  s->band = s->n_col > 1 ? 4 : 2;
}

/* Face conductances at time t (the channels' change as they close). */
static void update_conductances(solver *s, double t)
{
  const double *h = s->g->h_m;
  size_t n = s->n;
  double c_open = mni_closure_open_frac(&s->pb->closure, t);
  double hyd = mni_hydration_D_factor(s->pb->props, t);
  for (size_t i = 0; i < n; i++)
    s->beta_h[i] = s->beta_nat[i] * (s->is_sc[i] ? hyd : 1.0);
  for (int j = 0; j < s->n_col; j++) {
    column *c = &s->col[j];
    for (size_t i = 0; i < n; i++) {
      double DK_nat = c->DK_nat[i] * (s->is_sc[i] ? hyd : 1.0);
      c->DK[i] = c->is_channel[i] ? c_open * c->DK_open[i] + (1.0 - c_open) * DK_nat : DK_nat;
    }
    /* the film or deposit on top: its contact (wash-off, a dried deposit) in series */
    mni_contact ct = mni_vehicle_contact(&s->pb->vehicle, t, c->is_channel[0]);
    c->G[0] = mni_contact_g(ct, 2.0 * c->DK[0] / h[0], c->DK[0], c->K[0]);
    for (size_t i = 1; i < n; i++) /* harmonic series; a medium with D K = 0 blocks the face */
      c->G[i] = (c->DK[i - 1] > 0 && c->DK[i] > 0)
                    ? 1.0 / (h[i - 1] / (2.0 * c->DK[i - 1]) + h[i] / (2.0 * c->DK[i]))
                    : 0.0;
    c->G[n] = s->pb->is_bottom_closed ? 0.0 : 2.0 * c->DK[n - 1] / h[n - 1];
  }
}

static int rhs(sunrealtype t, N_Vector yv, N_Vector fv, void *ud)
{
  solver *s = ud;
  const double *y = N_VGetArrayPointer(yv);
  double *f = N_VGetArrayPointer(fv);
  const mni_vehicle *v = &s->pb->vehicle;
  const double *h = s->g->h_m;
  size_t n = s->n;
  update_conductances(s, t);
  double C_v = mni_vehicle_conc(v, t, y[IM], NULL);
  double u_v = C_v / v->K_vehicle;
  double J_evap = mni_vehicle_active_evap(v, t, C_v);
  double dM = -J_evap;
  for (int j = 0; j < s->n_col; j++) {
    const column *c = &s->col[j];
    double F_in = c->G[0] * (u_v - y[iu(s, j, 0)]);
    dM -= c->area_frac * F_in;
    for (size_t i = 0; i < n; i++) {
      double u = y[iu(s, j, i)];
      double F_out = i + 1 < n ? c->G[i + 1] * (u - y[iu(s, j, i + 1)]) : c->G[n] * u;
      double clear = c->k[i] * c->K[i] * h[i] * u;
      double dudt = F_in - F_out - clear;
      if (s->n_col > 1 && s->beta_h[i] > 0) {
        /* Exchange through the channel wall, per unit skin area, shared out by area. */
        double X = s->beta_h[i] * (y[iu(s, 1, i)] - y[iu(s, 0, i)]);
        dudt += (j == 0 ? X : -X) / c->area_frac;
      }
      f[iu(s, j, i)] = dudt / (c->K[i] * h[i]);
      if (c->ia[i] != SIZE_MAX)
        f[ia(s, j, i)] = c->area_frac * (clear + (i + 1 == n ? F_out : 0.0));
      F_in = F_out;
    }
  }
  f[IM] = dM;
  f[IE] = J_evap;
  return 0;
}

static int jac(sunrealtype t, N_Vector yv, N_Vector fy, SUNMatrix Jm, void *ud, N_Vector t1,
               N_Vector t2, N_Vector t3)
{
  (void)fy;
  (void)t1;
  (void)t2;
  (void)t3;
  solver *s = ud;
  const double *y = N_VGetArrayPointer(yv);
  const mni_vehicle *v = &s->pb->vehicle;
  const double *h = s->g->h_m;
  size_t n = s->n;
  SUNMatZero(Jm);
  update_conductances(s, t);
  double dC_dM = 0.0;
  (void)mni_vehicle_conc(v, t, y[IM], &dC_dM);
  double du_v_dM = dC_dM / v->K_vehicle;
  double dJevap_dM = v->active_evap_m_per_s * dC_dM * (t < v->wash_off_s ? 1.0 : 0.0);
  double dMM = -dJevap_dM;
  for (int j = 0; j < s->n_col; j++) {
    const column *c = &s->col[j];
    double a = c->area_frac;
    for (size_t i = 0; i < n; i++) {
      sunindextype r = (sunindextype)iu(s, j, i);
      double KH = c->K[i] * h[i];
      double G_up = c->G[i], G_dn = c->G[i + 1];
      SM_ELEMENT_B(Jm, r, r) = -(G_up + G_dn + c->k[i] * KH) / KH;
      if (i > 0)
        SM_ELEMENT_B(Jm, r, (sunindextype)iu(s, j, i - 1)) = G_up / KH;
      else
        SM_ELEMENT_B(Jm, r, IM) = G_up * du_v_dM / KH;
      if (i + 1 < n) SM_ELEMENT_B(Jm, r, (sunindextype)iu(s, j, i + 1)) = G_dn / KH;
      if (s->n_col > 1 && s->beta_h[i] > 0) {
        double b = s->beta_h[i] / (a * KH);
        SM_ELEMENT_B(Jm, r, r) -= b;
        SM_ELEMENT_B(Jm, r, (sunindextype)iu(s, 1 - j, i)) = b;
      }
      if (c->ia[i] != SIZE_MAX)
        SM_ELEMENT_B(Jm, (sunindextype)ia(s, j, i), r) =
            a * (c->k[i] * KH + (i + 1 == n ? G_dn : 0.0));
    }
    SM_ELEMENT_B(Jm, IM, (sunindextype)iu(s, j, 0)) = a * c->G[0];
    dMM -= a * c->G[0] * du_v_dM;
  }
  SM_ELEMENT_B(Jm, IM, IM) = dMM;
  SM_ELEMENT_B(Jm, IE, IM) = dJevap_dM;
  return 0;
}

/* Root: the film saturates or desaturates (the dissolved concentration has a kink there). */
static int saturation_root(sunrealtype t, N_Vector yv, sunrealtype *g, void *ud)
{
  const solver *s = ud;
  g[0] = mni_vehicle_saturation_margin(&s->pb->vehicle, t, N_VGetArrayPointer(yv)[IM]);
  return 0;
}

/* ---- setting up the pathways ---- */

static mn_status column_alloc(mn_ctx *ctx, column *c, size_t n)
{
  c->K = mn_calloc(ctx, n, sizeof(double));
  c->DK_open = mn_calloc(ctx, n, sizeof(double));
  c->DK_nat = mn_calloc(ctx, n, sizeof(double));
  c->k = mn_calloc(ctx, n, sizeof(double));
  c->DK = mn_calloc(ctx, n, sizeof(double));
  c->G = mn_calloc(ctx, n + 1, sizeof(double));
  c->is_channel = mn_calloc(ctx, n, sizeof(bool));
  c->iu = mn_calloc(ctx, n, sizeof(size_t));
  c->ia = mn_calloc(ctx, n, sizeof(size_t));
  return (c->K && c->DK_open && c->DK_nat && c->k && c->DK && c->G && c->is_channel && c->iu &&
          c->ia)
             ? MN_OK
             : MN_E_NOMEM;
}

static void column_free(mn_ctx *ctx, column *c, size_t n)
{
  mn_free(ctx, c->K, n * sizeof(double));
  mn_free(ctx, c->DK_open, n * sizeof(double));
  mn_free(ctx, c->DK_nat, n * sizeof(double));
  mn_free(ctx, c->k, n * sizeof(double));
  mn_free(ctx, c->DK, n * sizeof(double));
  mn_free(ctx, c->G, (n + 1) * sizeof(double));
  mn_free(ctx, c->is_channel, n * sizeof(bool));
  mn_free(ctx, c->iu, n * sizeof(size_t));
  mn_free(ctx, c->ia, n * sizeof(size_t));
}

static void column_fill(solver *s, int j)
{
  const mni_problem1d *pb = s->pb;
  column *c = &s->col[j];
  c->area_frac = s->n_col == 1 ? 1.0 : (j == 0 ? 1.0 - pb->pore_frac : pb->pore_frac);
  for (size_t i = 0; i < s->n; i++) {
    double z = s->g->center_m[i];
    mni_medium m = mni_medium_at(pb->props, pb->layers, z, false);
    c->DK_nat[i] = m.D_m2_per_s * m.K;
    c->K[i] = m.K;
    c->k[i] = (pb->is_in_vivo && z >= pb->capillary_top_m) ? pb->props->k_clear_per_s : 0.0;
    c->is_channel[i] = j == 1 && z < pb->pore_depth_m;
    if (c->is_channel[i]) {
      mni_medium w = mni_channel_medium(pb->props, pb->layers, z, false);
      c->DK_open[i] = w.D_m2_per_s * w.K;
      c->K[i] = w.K;
    }
  }
}

/* beta h_i of every cell along the channels (numbers per area n, radius a). */
static void fill_exchange(solver *s)
{
  const mni_problem1d *pb = s->pb;
  if (s->n_col < 2 || pb->pore_density_per_m2 <= 0 || pb->pore_radius_m <= 0) return;
  double R = 1.0 / sqrt(MN_PI * pb->pore_density_per_m2);
  double shape = fmax(log(R / pb->pore_radius_m), 0.1); /* guard: channels nearly touching */
  for (size_t i = 0; i < s->n; i++)
    if (s->col[1].is_channel[i])
      s->beta_nat[i] =
          pb->pore_density_per_m2 * 2.0 * MN_PI * s->col[0].DK_nat[i] / shape * s->g->h_m[i];
}

/* ---- accounting ---- */

/* The mean over the area of C = K u in each cell (pathways weighted by their area). */
static void profile_of(const solver *s, const double *y, double *conc)
{
  for (size_t i = 0; i < s->n; i++) {
    conc[i] = 0.0;
    for (int j = 0; j < s->n_col; j++)
      conc[i] += s->col[j].area_frac * s->col[j].K[i] * y[iu(s, j, i)];
  }
}

static void budget_of(const solver *s, double t, const double *y, mni_budget *b, double *flux)
{
  memset(b, 0, sizeof *b);
  const mni_vehicle *v = &s->pb->vehicle;
  const mn_layer_stack *L = s->pb->layers;
  const double *h = s->g->h_m;
  mni_vehicle_split(v, t, y[IM], &b->amount[MN_COMP_VEHICLE], &b->amount[MN_COMP_DEPOSIT]);
  b->amount[MN_COMP_EVAPORATED] = y[IE];
  b->amount[MN_COMP_WASHED] = s->washed;
  double rate = 0.0;
  for (int j = 0; j < s->n_col; j++) {
    const column *c = &s->col[j];
    for (size_t i = 0; i < s->n; i++) {
      double z = s->g->center_m[i];
      double amount = c->area_frac * c->K[i] * h[i] * y[iu(s, j, i)];
      mn_compartment comp = z < L->top_m[MN_LAYER_VIABLE_EPIDERMIS] ? MN_COMP_SC
                            : z < L->top_m[MN_LAYER_DERMIS]         ? MN_COMP_VE
                                                                    : MN_COMP_DERMIS;
      b->amount[comp] += amount;
      if (c->ia[i] != SIZE_MAX) b->amount[MN_COMP_ABSORBED] += y[ia(s, j, i)];
      rate += c->area_frac * c->k[i] * c->K[i] * h[i] * y[iu(s, j, i)];
    }
    rate += c->area_frac * c->G[s->n] * y[iu(s, j, s->n - 1)];
  }
  *flux = rate;
}

/* ---- driver ---- */

mn_status mni_log_times(mn_ctx *ctx, double duration_s, size_t n, double **t_out)
{
  MN_REQUIRE(ctx, n >= 3 && duration_s > 0, MN_E_ARG,
             "output times: need >= 3 points and a duration > 0 (got %zu, %g s)", n, duration_s);
  double *t = mn_alloc(ctx, n * sizeof *t);
  if (t == NULL) return MN_E_NOMEM;
  double t1 = fmin(60.0, duration_s / 100.0);
  t[0] = 0.0;
  for (size_t i = 1; i < n; i++)
    t[i] = t1 * pow(duration_s / t1, (double)(i - 1) / (double)(n - 2));
  t[n - 1] = duration_s;
  *t_out = t;
  return MN_OK;
}

void mni_solution1d_free(mn_ctx *ctx, mni_solution1d *sol)
{
  if (sol == NULL) return;
  size_t n = sol->n_out;
  mn_free(ctx, sol->t_s, n * sizeof(double));
  mn_free(ctx, sol->flux_kg_per_m2_s, n * sizeof(double));
  for (int c = 0; c < MN_N_COMP; c++)
    mn_free(ctx, sol->amount[c], n * sizeof(double));
  mn_free(ctx, sol->u_final, sol->grid.n * sizeof(double));
  mn_free(ctx, sol->u_final_pore, sol->n_pore * sizeof(double));
  mni_grid1d_free(ctx, &sol->grid);
  mni_profiles_free(ctx, &sol->profiles);
  mni_field_store_free(ctx, &sol->field);
  memset(sol, 0, sizeof *sol);
}

/* The grid: faces on the layer interfaces, the capillary depth, the bottom and the channels'
 * depth; sub-µm cells at the stratum corneum's faces. */
static mn_status build_grid(mn_ctx *ctx, const mni_problem1d *pb, mni_grid1d *g)
{
  const mn_layer_stack *L = pb->layers;
  double cand[6] = {
      L->top_m[MN_LAYER_VIABLE_EPIDERMIS],         L->top_m[MN_LAYER_DERMIS],
      pb->is_in_vivo ? pb->capillary_top_m : -1.0, pb->bottom_m,
      pb->n_columns > 1 ? pb->pore_depth_m : -1.0, pb->load_depth_m > 0 ? pb->load_depth_m : -1.0};
  double iface[6];
  size_t n = 0;
  /* Sorted, unique (to 1 nm), inside (0, bottom]. */
  for (;;) {
    double best = HUGE_VAL;
    for (int k = 0; k < 6; k++)
      if (cand[k] > (n ? iface[n - 1] + 1e-9 : 1e-9) && cand[k] <= pb->bottom_m && cand[k] < best)
        best = cand[k];
    if (best == HUGE_VAL) break;
    iface[n++] = best;
  }
  mni_grid_opts o = pb->grid;
  o.fine_until_m = L->top_m[MN_LAYER_VIABLE_EPIDERMIS];
  return mni_grid1d_build(ctx, iface, n, &o, g);
}

/* Invariants of a problem that its builder (the absorption stage) guarantees: the scenario's
 * ranges were checked by mn_scenario_validate before any stage ran, and the stage checks its
 * own arguments (layers, channels, receptor depth), so a failure here is a bug of the caller. */
static mn_status check_problem(mn_ctx *ctx, const mni_problem1d *pb)
{
  MN_REQUIRE(ctx, pb->bottom_m > pb->layers->top_m[MN_LAYER_DERMIS], MN_E_ARG,
             "absorption (internal): the lower boundary at %g µm is not in the dermis",
             mn_m_to_um(pb->bottom_m));
  MN_REQUIRE(ctx, pb->n_columns == 1 || (pb->pore_frac > 0 && pb->pore_frac < 1), MN_E_ARG,
             "absorption (internal): pore area fraction %g is not in (0, 1)", pb->pore_frac);
  MN_REQUIRE(ctx,
             pb->n_out >= 2 && pb->out_t_s[0] >= 0 &&
                 pb->out_t_s[pb->n_out - 1] <= pb->duration_s * (1 + 1e-12),
             MN_E_ARG, "absorption (internal): output times are not within [0, duration]");
  for (size_t m = 0; m < pb->n_snap; m++)
    MN_REQUIRE(ctx,
               pb->snap_t_s[m] > (m > 0 ? pb->snap_t_s[m - 1] : 0.0) &&
                   pb->snap_t_s[m] <= pb->duration_s * (1 + 1e-12),
               MN_E_ARG,
               "absorption (internal): profile time %g h is not increasing or not within the "
               "duration (%g h)",
               mn_s_to_h(pb->snap_t_s[m]), mn_s_to_h(pb->duration_s));
  return MN_OK;
}

mn_status mni_solve1d(mn_ctx *ctx, const mni_problem1d *pb, mni_solution1d *out)
{
  memset(out, 0, sizeof *out);
  MN_TRY(check_problem(ctx, pb));
  mn_status st = MN_OK;
  solver s;
  memset(&s, 0, sizeof s);
  s.pb = pb;
  s.n_col = pb->n_columns;
  SUNContext sun = NULL;
  N_Vector y = NULL, atol = NULL;
  SUNMatrix A = NULL;
  SUNLinearSolver LS = NULL;
  mni_cvode cv = {0}; /* stays here: CVODE's error handler points at it */

  MN_CHECK_GOTO(build_grid(ctx, pb, &out->grid));
  s.g = &out->grid;
  s.n = out->grid.n;
  for (int j = 0; j < s.n_col; j++) {
    MN_CHECK_GOTO(column_alloc(ctx, &s.col[j], s.n));
    column_fill(&s, j);
  }
  s.beta_nat = mn_calloc(ctx, s.n, sizeof(double));
  s.beta_h = mn_calloc(ctx, s.n, sizeof(double));
  s.is_sc = mn_calloc(ctx, s.n, sizeof(bool));
  if (s.beta_h == NULL || s.beta_nat == NULL || s.is_sc == NULL) {
    st = MN_E_NOMEM;
    goto fail;
  }
  for (size_t i = 0; i < s.n; i++)
    s.is_sc[i] = s.g->center_m[i] < pb->layers->top_m[MN_LAYER_VIABLE_EPIDERMIS];
  fill_exchange(&s);
  layout(&s);
  out->n_out = pb->n_out;
  out->t_s = mn_calloc(ctx, pb->n_out, sizeof(double));
  out->flux_kg_per_m2_s = mn_calloc(ctx, pb->n_out, sizeof(double));
  bool ok = out->t_s && out->flux_kg_per_m2_s;
  for (int c = 0; c < MN_N_COMP; c++)
    ok = ok && (out->amount[c] = mn_calloc(ctx, pb->n_out, sizeof(double))) != NULL;
  out->u_final = mn_calloc(ctx, s.n, sizeof(double));
  if (s.n_col > 1) ok = ok && (out->u_final_pore = mn_calloc(ctx, s.n, sizeof(double))) != NULL;
  out->n_pore = out->u_final_pore != NULL ? s.n : 0;
  ok = ok && mni_profiles_alloc(ctx, pb->snap_t_s, pb->n_snap, out->grid.face_m, s.n,
                                &out->profiles) == MN_OK;
  if (!ok || out->u_final == NULL) {
    st = MN_E_NOMEM;
    goto fail;
  }

  const mni_vehicle *v = &pb->vehicle;
  double dose = mni_vehicle_dose(v);
  out->dose_kg_per_m2 = dose;
  size_t N = s.n_states;
  if (mni_sun_context_create(&sun) != 0 || (y = N_VNew_Serial((sunindextype)N, sun)) == NULL ||
      (mni_nvector_fast_ops(y), (atol = N_VClone(y)) == NULL)) {
    st = mni_fail(ctx, MN_E_NOMEM, "absorption: cannot create the CVODE vectors");
    goto fail;
  }
  double *yd = N_VGetArrayPointer(y), *ad = N_VGetArrayPointer(atol);
  N_VConst(0.0, y);
  yd[IM] = dose;
  if (pb->load_depth_m > 0) {
    /* A deposit's loading zone (a face sits at its bottom): the tissue above it at the load
     * concentration, taken from the vehicle so that the total stays the dose. */
    const double *face = s.g->face_m;
    for (int j = 0; j < s.n_col; j++)
      for (size_t i = 0; i < s.n && face[i] < pb->load_depth_m; i++) {
        if (s.col[j].is_channel[i]) continue;
        double amount = pb->load_conc_kg_per_m3 * (fmin(face[i + 1], pb->load_depth_m) - face[i]);
        yd[iu(&s, j, i)] = amount / (s.col[j].K[i] * s.g->h_m[i]);
        yd[IM] -= s.col[j].area_frac * amount;
      }
    if (yd[IM] < 0) yd[IM] = 0.0; /* round-off of a dose that fits the zone exactly */
  }
  /* Absolute tolerances: amounts to 1e-3 tol of the dose (the absorbed fraction of a poor
   * permeant stays resolved); concentrations to 0.1 tol of the vehicle's (the far tail of a
   * diffusion front carries no amount worth the steps it would cost). */
  double C_ref = fmin(v->conc0_kg_per_m3, v->solubility_kg_per_m3) / v->K_vehicle;
  for (size_t i = 0; i < N; i++)
    ad[i] = 1e-3 * pb->rtol * dose;
  for (int j = 0; j < s.n_col; j++)
    for (size_t i = 0; i < s.n; i++)
      ad[iu(&s, j, i)] = 1e-1 * pb->rtol * C_ref;

  A = SUNBandMatrix((sunindextype)N, s.band, s.band, sun);
  if (A != NULL) mni_sunmatrix_fast_ops(A);
  LS = A ? mni_band_lu_solver(sun, MNI_LU_DIVIDE) : NULL;
  if (A == NULL || LS == NULL) {
    st = mni_fail(ctx, MN_E_NOMEM, "absorption: cannot create the band matrix of %zu states", N);
    goto fail;
  }
  mni_cvode_spec cs = {.sun = sun,
                       .who = "absorption 1d",
                       .rhs = rhs,
                       .user_data = &s,
                       .y0 = y,
                       .rtol = pb->rtol,
                       .atol_v = atol,
                       .A = A,
                       .LS = LS,
                       .jac = jac,
                       .max_steps = 200000};
  MN_CHECK_GOTO(mni_cvode_create(ctx, &cs, &cv));
  if (CVodeRootInit(cv.mem, 1, saturation_root) != CV_SUCCESS ||
      (pb->max_order > 0 && CVodeSetMaxOrd(cv.mem, pb->max_order) != CV_SUCCESS)) {
    st = mni_cvode_fail(&cv, MN_E_ARG, "absorption: cannot set up CVODE");
    goto fail;
  }

  if (pb->fixed_step_s > 0) {
    /* A fixed step (convergence studies): the error test never rejects a step. */
    CVodeSetInitStep(cv.mem, pb->fixed_step_s);
    CVodeSetMinStep(cv.mem, pb->fixed_step_s);
    CVodeSetMaxStep(cv.mem, pb->fixed_step_s);
    CVodeSStolerances(cv.mem, 1e3, 1e3);
    CVodeSetMaxErrTestFails(cv.mem, 100);
  }

  /* Events: end of evaporation (closure and film change pace), wash-off (film removed). */
  double events[3];
  size_t n_ev = 0;
  double t_dry = mni_vehicle_dry_time(v);
  if (t_dry > 0 && t_dry < pb->duration_s) events[n_ev++] = t_dry;
  if (v->wash_off_s < pb->duration_s) {
    if (n_ev == 1 && v->wash_off_s < events[0]) {
      events[1] = events[0];
      events[0] = v->wash_off_s;
      n_ev = 2;
    } else if (n_ev == 0 || v->wash_off_s != events[0]) {
      events[n_ev++] = v->wash_off_s;
    }
  }
  events[n_ev] = HUGE_VAL;
  size_t ev = 0;
  long steps_before = 0;
  double t = 0.0;
  /* A wash-off at t = 0 removes the product before anything happens. */
  if (n_ev > 0 && events[0] <= 0.0) {
    s.washed = yd[IM];
    yd[IM] = 0.0;
    ev = 1;
    CVodeReInit(cv.mem, 0.0, y); /* CVODE holds its own copy of the state */
  }
  CVodeSetStopTime(cv.mem, fmin(events[ev], pb->duration_s));
  double max_err = 0.0;
  bool low_order = pb->max_order > 0 && pb->max_order <= 2; /* fallen back to BDF order <= 2 */
  /* Stops: the output times and the snapshot times, merged (CVODE interpolates at a stop, so
   * the snapshots leave the solution unchanged). */
  size_t k = 0, m = 0;
  while (k < pb->n_out || m < pb->n_snap) {
    bool is_out, is_snap;
    double tout =
        mni_next_stop(pb->out_t_s, pb->n_out, k, pb->snap_t_s, pb->n_snap, m, &is_out, &is_snap);
    while (tout > t) {
      double target = fmin(tout, events[ev]);
      if (target > t) {
        st = mni_check_cancel(ctx, "absorption"); /* between output times: a prompt stop */
        if (st != MN_OK) goto fail;
        double t_reached = t;
        int flag = CVode(cv.mem, target, y, &t_reached, CV_NORMAL);
        if (flag == CV_ROOT_RETURN) {
          /* Restart past the kink so that no step straddles it. */
          long ns = 0;
          CVodeGetNumSteps(cv.mem, &ns);
          steps_before += ns;
          t = t_reached;
          mni_log(ctx, MN_LOG_DEBUG, "absorption 1d: saturation root at %g h after %ld steps",
                  mn_s_to_h(t), ns);
          CVodeReInit(cv.mem, t, y);
          CVodeSetStopTime(cv.mem, fmin(events[ev], pb->duration_s));
          continue;
        }
        if (flag == CV_ERR_FAILURE && !low_order) {
          /* Repeated error-test failures at orders 3-5 on this linear, smooth system (5 of
           * 10,000 virtual patients, at a few hours, with the steps shrinking to ms): BDF2 is
           * A-stable and passes. Go on from the last step CVODE accepted, at order <= 2. */
          low_order = true;
          long ns = 0;
          CVodeGetNumSteps(cv.mem, &ns);
          steps_before += ns;
          t = t_reached;
          mni_log(ctx, MN_LOG_WARN,
                  "absorption 1d: CVODE's error test failed repeatedly at %g h; going on from "
                  "there at BDF order 2 or less",
                  mn_s_to_h(t));
          if (CVodeSetMaxOrd(cv.mem, 2) != CV_SUCCESS || CVodeReInit(cv.mem, t, y) != CV_SUCCESS) {
            st = mni_cvode_fail(&cv, MN_E_NOCONVERGE, "absorption: cannot restart CVODE");
            goto fail;
          }
          CVodeSetStopTime(cv.mem, fmin(events[ev], pb->duration_s));
          continue;
        }
        if (flag < 0) {
          st = mni_cvode_fail(&cv, MN_E_NOCONVERGE,
                              "absorption: CVODE failed at t = %g h (flag %d, %s); try "
                              "simulation.tolerance larger than %g",
                              mn_s_to_h(t), flag, CVodeGetReturnFlagName(flag), pb->rtol);
          goto fail;
        }
        t = target; /* CVODE stops exactly at the stop time or the output time */
      }
      if (t >= events[ev]) {
        if (events[ev] == v->wash_off_s) {
          s.washed += yd[IM];
          yd[IM] = 0.0;
        }
        ev++;
        long ns = 0;
        CVodeGetNumSteps(cv.mem, &ns);
        steps_before += ns;
        mni_log(ctx, MN_LOG_DEBUG, "absorption 1d: event at %g h after %ld steps", mn_s_to_h(t),
                ns);
        CVodeReInit(cv.mem, t, y);
        CVodeSetStopTime(cv.mem, fmin(events[ev], pb->duration_s));
      }
    }
    if (is_snap) profile_of(&s, yd, out->profiles.conc_kg_per_m3 + m++ * s.n);
    if (!is_out) continue;
    mni_budget b;
    update_conductances(&s, t);
    budget_of(&s, t, yd, &b, &out->flux_kg_per_m2_s[k]);
    out->t_s[k] = tout;
    for (int c = 0; c < MN_N_COMP; c++)
      out->amount[c][k] = b.amount[c];
    double err = mni_budget_error(&b, dose);
    if (err > max_err) max_err = err;
    if (!isfinite(err)) {
      st = mni_fail(ctx, MN_E_NUMERIC, "absorption: non-finite amounts at t = %g h", mn_s_to_h(t));
      goto fail;
    }
    k++;
  }
  out->mass_balance_error = max_err;
  CVodeGetNumSteps(cv.mem, &out->n_steps);
  out->n_steps += steps_before;
  {
    long nf = 0, nje = 0, nni = 0, netf = 0, ncf = 0;
    CVodeGetNumRhsEvals(cv.mem, &nf);
    CVodeGetNumJacEvals(cv.mem, &nje);
    CVodeGetNumNonlinSolvIters(cv.mem, &nni);
    CVodeGetNumErrTestFails(cv.mem, &netf);
    CVodeGetNumNonlinSolvConvFails(cv.mem, &ncf);
    mni_log(ctx, MN_LOG_DEBUG,
            "absorption 1d: %ld steps, %ld rhs, %ld jac, %ld newton, %ld err fails, %ld conv "
            "fails, %zu cells, %zu states",
            out->n_steps, nf, nje, nni, netf, ncf, s.n, N);
  }
  for (size_t i = 0; i < s.n; i++) {
    out->u_final[i] = yd[iu(&s, 0, i)];
    if (s.n_col > 1) out->u_final_pore[i] = yd[iu(&s, 1, i)];
  }
  goto done;
fail:
  mni_solution1d_free(ctx, out);
done:
  mni_cvode_free(&cv);
  SUNLinSolFree(LS);
  SUNMatDestroy(A);
  N_VDestroy(atol);
  N_VDestroy(y);
  SUNContext_Free(&sun);
  for (int j = 0; j < s.n_col; j++)
    column_free(ctx, &s.col[j], s.n);
  mn_free(ctx, s.beta_h, s.n * sizeof(double));
  mn_free(ctx, s.beta_nat, s.n * sizeof(double));
  mn_free(ctx, s.is_sc, s.n * sizeof(bool));
  return st;
}
