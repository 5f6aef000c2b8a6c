/* The axisymmetric channel cell with CVODE (design in axisym_int.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cvode/cvode.h>
#include <nvector/nvector_serial.h>
#include <sundials/sundials_context.h>
#include <sunmatrix/sunmatrix_band.h>

#include "core/core_int.h"
#include "numerics/cvode_int.h"
#include "spatial/axisym_int.h"

struct mni_axisym {
  mn_ctx *ctx;
  size_t nr, nz, neq;
  uint8_t *mat;
  mni_material *mats;
  double *D_closed;
  bool *is_sc;
  double *DK_mat; /* D K of each material at time t_G */
  const mn_compound_props *props;
  size_t n_mats;
  double tau_s;
  const mni_vehicle *veh;
  const mni_closure *clo;
  double area_m2;
  long steps_before; /* CVODE steps before the last restart */
  bool has_closure;  /* some material closes: conductances depend on t */
  mni_bc bottom;
  double cap_v;                  /* 0: infinite donor */
  double *cap;                   /* K V per cell */
  double *kKV;                   /* clearance k K V per cell [m^3/s] */
  double *hr, *hz, *rf;          /* widths, radial faces */
  double *Gr, *Gz, *Gtop, *Gbot; /* conductances at time t_G [m^3/s] */
  double t_G;
  SUNContext sun;
  mni_cvode cv; /* CVODE's error handler points at it: S is never moved */
  N_Vector y, atol;
  SUNMatrix A;
  SUNLinearSolver LS;
  double t_s;
};

#define CELL(S, i, k)  (2 + (k) * ((S)->nr + 1) + (i))
#define ROWTALLY(S, k) (2 + (k) * ((S)->nr + 1) + (S)->nr)

double mni_axisym_cell_radius_m(double density_per_m2)
{
  return 1.0 / sqrt(MN_PI * density_per_m2);
}

/* Open fraction of the channels' barrier at t. */
static double open_frac(const mni_axisym *S, double t)
{
  if (S->clo != NULL) return mni_closure_open_frac(S->clo, t);
  if (!(S->tau_s > 0.0) || isinf(S->tau_s)) return 1.0;
  return exp(-t / S->tau_s);
}

/* The diffusivity of material m at t: a closing channel blends from D to D_closed as it closes,
 * the SC's (and a channel's closed D in the SC) follows its hydration. open and f are the open
 * fraction and the hydration factor at t, computed once per update. */
static double material_D(const mni_axisym *S, size_t m, double open, double f)
{
  double D = S->mats[m].D_m2_per_s;
  double Dc = S->D_closed ? S->D_closed[m] : 0.0;
  double fm = S->is_sc[m] ? f : 1.0;
  if (!(Dc >= 0.0)) /* negative or NaN: does not close */
    return fm * D;
  return fm * Dc + (D - fm * Dc) * open;
}

/* The donor's u, its derivative by state 0, and the evaporation rate [kg/m²/s] (and its
 * derivative), vehicle mode or linear donor. */
static double donor_u(const mni_axisym *S, double t, double y0, double *du_dy0, double *J_evap,
                      double *dJ_dy0)
{
  *J_evap = *dJ_dy0 = 0.0;
  if (S->veh == NULL) {
    *du_dy0 = 1.0;
    return y0;
  }
  double dC = 0.0;
  double C = mni_vehicle_conc(S->veh, t, y0, &dC);
  *du_dy0 = dC / S->veh->K_vehicle;
  *J_evap = mni_vehicle_active_evap(S->veh, t, C);
  *dJ_dy0 = t < S->veh->wash_off_s ? S->veh->active_evap_m_per_s * dC : 0.0;
  return C / S->veh->K_vehicle;
}

/* Face conductances at time t (they change only while channels close). */
static void conductances(mni_axisym *S, double t)
{
  if (t == S->t_G || (!S->has_closure && !isnan(S->t_G))) return;
  size_t nr = S->nr, nz = S->nz;
  /* D K of each material at t (the materials, not the cells, carry the time dependence) */
  double open = open_frac(S, t), f = S->props != NULL ? mni_hydration_D_factor(S->props, t) : 1.0;
  double *DKm = S->DK_mat;
  for (size_t m = 0; m < S->n_mats; m++)
    DKm[m] = material_D(S, m, open, f) * S->mats[m].K;
  for (size_t k = 0; k < nz; k++)
    for (size_t i = 0; i < nr; i++) {
      size_t c = i + nr * k;
      /* a medium with D K = 0 blocks its faces */
      double DK = DKm[S->mat[c]];
      double Rr = DK > 0.0 ? 0.5 * S->hr[i] / DK : HUGE_VAL;
      double Rz = DK > 0.0 ? 0.5 * S->hz[k] / DK : HUGE_VAL;
      double Az = MN_PI * (S->rf[i + 1] * S->rf[i + 1] - S->rf[i] * S->rf[i]);
      if (i + 1 < nr) {
        double DK1 = DKm[S->mat[c + 1]];
        S->Gr[c] = (DK > 0.0 && DK1 > 0.0)
                       ? 2.0 * MN_PI * S->rf[i + 1] * S->hz[k] / (Rr + 0.5 * S->hr[i + 1] / DK1)
                       : 0.0;
      }
      if (k + 1 < nz) {
        double DK1 = DKm[S->mat[c + nr]];
        S->Gz[c] = (DK > 0.0 && DK1 > 0.0) ? Az / (Rz + 0.5 * S->hz[k + 1] / DK1) : 0.0;
      }
      if (k == 0) { /* the film's or deposit's contact (channels: materials that close) */
        mni_contact ct = {1.0, 0.0, HUGE_VAL};
        if (S->veh != NULL) ct = mni_vehicle_contact(S->veh, t, S->D_closed[S->mat[c]] >= 0.0);
        S->Gtop[i] = DK > 0.0 ? Az * mni_contact_g(ct, 1.0 / Rz, DK, S->mats[S->mat[c]].K) : 0.0;
      }
      if (k + 1 == nz) S->Gbot[i] = (S->bottom == MNI_BC_SINK && DK > 0.0) ? Az / Rz : 0.0;
    }
  S->t_G = t;
}

static int rhs(double t, N_Vector yv, N_Vector ydotv, void *ud)
{
  mni_axisym *S = ud;
  conductances(S, t);
  const double *y = N_VGetArrayPointer(yv);
  double *f = N_VGetArrayPointer(ydotv);
  size_t nr = S->nr, nz = S->nz;
  memset(f, 0, S->neq * sizeof *f);
  /* f holds net inflow [kg/s] first, then is divided by the capacities */
  double du, J_ev, dJ;
  double uv = donor_u(S, t, y[0], &du, &J_ev, &dJ), influx = 0.0;
  for (size_t i = 0; i < nr; i++) {
    double F = S->Gtop[i] * (uv - y[CELL(S, i, 0)]);
    f[CELL(S, i, 0)] += F;
    influx += F;
  }
  if (S->veh != NULL) { /* amounts per m² of skin */
    f[0] = -influx / S->area_m2 - J_ev;
    f[1] = J_ev;
  } else {
    f[1] = influx;
    f[0] = S->cap_v > 0.0 ? -influx / S->cap_v : 0.0;
  }
  for (size_t k = 0; k < nz; k++) {
    double cleared = 0.0;
    for (size_t i = 0; i < nr; i++) {
      size_t c = i + nr * k, a = CELL(S, i, k);
      if (i + 1 < nr) {
        double F = S->Gr[c] * (y[a] - y[a + 1]);
        f[a] -= F;
        f[a + 1] += F;
      }
      if (k + 1 < nz) {
        size_t b = CELL(S, i, k + 1);
        double F = S->Gz[c] * (y[a] - y[b]);
        f[a] -= F;
        f[b] += F;
      }
      double Fc = S->kKV[c] * y[a];
      f[a] -= Fc;
      cleared += Fc;
    }
    f[ROWTALLY(S, k)] = cleared;
  }
  double out = 0.0;
  for (size_t i = 0; i < nr; i++) {
    size_t a = CELL(S, i, nz - 1);
    double F = S->Gbot[i] * y[a];
    f[a] -= F;
    out += F;
  }
  f[S->neq - 1] = out;
  for (size_t k = 0; k < nz; k++)
    for (size_t i = 0; i < nr; i++)
      f[CELL(S, i, k)] /= S->cap[i + nr * k];
  return 0;
}

#define JADD(J, row, col, v) (SM_ELEMENT_B((J), (sunindextype)(row), (sunindextype)(col)) += (v))

static int jac(double t, N_Vector y, N_Vector fy, SUNMatrix J, void *ud, N_Vector t1, N_Vector t2,
               N_Vector t3)
{
  (void)fy, (void)t1, (void)t2, (void)t3;
  mni_axisym *S = ud;
  conductances(S, t);
  SUNMatZero(J);
  size_t nr = S->nr, nz = S->nz;
  double du, J_ev, dJ;
  (void)donor_u(S, t, N_VGetArrayPointer(y)[0], &du, &J_ev, &dJ);
  if (S->veh != NULL) {
    JADD(J, 0, 0, -dJ);
    JADD(J, 1, 0, dJ);
  }
  for (size_t i = 0; i < nr; i++) {
    size_t a = CELL(S, i, 0);
    double G = S->Gtop[i], ic = 1.0 / S->cap[i];
    JADD(J, a, 0, G * du * ic);
    JADD(J, a, a, -G * ic);
    if (S->veh != NULL) {
      JADD(J, 0, 0, -G * du / S->area_m2);
      JADD(J, 0, a, G / S->area_m2);
    } else {
      JADD(J, 1, 0, G);
      JADD(J, 1, a, -G);
      if (S->cap_v > 0.0) {
        JADD(J, 0, 0, -G / S->cap_v);
        JADD(J, 0, a, G / S->cap_v);
      }
    }
  }
  for (size_t k = 0; k < nz; k++)
    for (size_t i = 0; i < nr; i++) {
      size_t c = i + nr * k, a = CELL(S, i, k);
      double ic = 1.0 / S->cap[c];
      if (i + 1 < nr) {
        double G = S->Gr[c], ic1 = 1.0 / S->cap[c + 1];
        JADD(J, a, a, -G * ic);
        JADD(J, a, a + 1, G * ic);
        JADD(J, a + 1, a + 1, -G * ic1);
        JADD(J, a + 1, a, G * ic1);
      }
      if (k + 1 < nz) {
        size_t b = CELL(S, i, k + 1);
        double G = S->Gz[c], ic1 = 1.0 / S->cap[c + nr];
        JADD(J, a, a, -G * ic);
        JADD(J, a, b, G * ic);
        JADD(J, b, b, -G * ic1);
        JADD(J, b, a, G * ic1);
      }
      JADD(J, a, a, -S->kKV[c] * ic);
      JADD(J, ROWTALLY(S, k), a, S->kKV[c]);
      if (k + 1 == nz) {
        JADD(J, a, a, -S->Gbot[i] * ic);
        JADD(J, S->neq - 1, a, S->Gbot[i]);
      }
    }
  return 0;
}

/* Root: the film saturates or desaturates (a kink in the donor's concentration). */
static int saturation_root(double t, N_Vector y, double *g, void *ud)
{
  const mni_axisym *S = ud;
  g[0] = mni_vehicle_saturation_margin(S->veh, t, N_VGetArrayPointer(y)[0]);
  return 0;
}

void mni_axisym_destroy(mni_axisym **ps)
{
  if (ps == NULL || *ps == NULL) return;
  mni_axisym *S = *ps;
  mn_ctx *ctx = S->ctx;
  size_t N = S->nr * S->nz;
  mni_cvode_free(&S->cv);
  if (S->LS) SUNLinSolFree(S->LS);
  if (S->A) SUNMatDestroy(S->A);
  if (S->y) N_VDestroy(S->y);
  if (S->atol) N_VDestroy(S->atol);
  if (S->sun) SUNContext_Free(&S->sun);
  mn_free(ctx, S->mat, N);
  mn_free(ctx, S->mats, S->n_mats * sizeof *S->mats);
  mn_free(ctx, S->D_closed, S->n_mats * sizeof *S->D_closed);
  mn_free(ctx, S->is_sc, S->n_mats * sizeof *S->is_sc);
  mn_free(ctx, S->DK_mat, S->n_mats * sizeof *S->DK_mat);
  mn_free(ctx, S->cap, 2 * N * sizeof *S->cap);
  mn_free(ctx, S->hr, (2 * S->nr + 1 + S->nz) * sizeof *S->hr);
  mn_free(ctx, S->Gr, (2 * N + 2 * S->nr) * sizeof *S->Gr);
  mn_free(ctx, S, sizeof *S);
  *ps = NULL;
}

mn_status mni_axisym_create(mn_ctx *ctx, const mni_axisym_spec *spec, mni_axisym **out)
{
  *out = NULL;
  MN_REQUIRE(ctx, spec->r && spec->z && spec->material && spec->materials, MN_E_ARG,
             "axisym: axes, material map and material table are required");
  MN_REQUIRE(ctx, spec->n_materials > 0 && spec->n_materials <= 256, MN_E_ARG,
             "axisym: n_materials = %zu must be in [1, 256]", spec->n_materials);
  MN_REQUIRE(ctx, spec->r->face_m[0] == 0.0, MN_E_ARG,
             "axisym: the r axis must start on the channel axis (r = %g m)", spec->r->face_m[0]);
  MN_REQUIRE(ctx, spec->rtol > 0.0 && spec->rtol < 1.0, MN_E_ARG,
             "axisym: rtol = %g must be in (0, 1)", spec->rtol);
  MN_REQUIRE(ctx, spec->bottom != MNI_BC_DONOR, MN_E_ARG, "axisym: the donor sits on the top");
  for (size_t m = 0; m < spec->n_materials; m++) {
    mni_material q = spec->materials[m];
    MN_REQUIRE(ctx, q.D_m2_per_s >= 0.0 && q.K > 0.0 && q.k_per_s >= 0.0, MN_E_ARG,
               "axisym: material %zu: D_m2_per_s = %g, K = %g, k_per_s = %g (need D >= 0, "
               "K > 0, k >= 0)",
               m, q.D_m2_per_s, q.K, q.k_per_s);
  }
  size_t nr = spec->r->n, nz = spec->z->n, N = nr * nz;
  for (size_t c = 0; c < N; c++)
    MN_REQUIRE(ctx, spec->material[c] < spec->n_materials, MN_E_ARG,
               "axisym: cell %zu has material %u, only %zu defined", c, spec->material[c],
               spec->n_materials);
  mni_axisym *S = mn_calloc(ctx, 1, sizeof *S);
  if (S == NULL) return MN_E_NOMEM;
  mn_status st = MN_OK;
  S->ctx = ctx;
  S->nr = nr;
  S->nz = nz;
  S->n_mats = spec->n_materials;
  S->neq = 2 + nz * (nr + 1) + 1;
  S->tau_s = spec->tau_close_s;
  S->bottom = spec->bottom;
  S->cap_v = spec->donor_capacity_m3 > 0.0 ? spec->donor_capacity_m3 : 0.0;
  S->t_G = NAN;
  S->mat = mn_alloc(ctx, N);
  S->mats = mn_alloc(ctx, S->n_mats * sizeof *S->mats);
  S->D_closed = mn_calloc(ctx, S->n_mats, sizeof *S->D_closed);
  S->is_sc = mn_calloc(ctx, S->n_mats, sizeof *S->is_sc);
  S->DK_mat = mn_calloc(ctx, S->n_mats, sizeof *S->DK_mat);
  S->cap = mn_alloc(ctx, 2 * N * sizeof *S->cap);
  S->hr = mn_alloc(ctx, (2 * nr + 1 + nz) * sizeof *S->hr);
  S->Gr = mn_calloc(ctx, 2 * N + 2 * nr, sizeof *S->Gr);
  if (!S->mat || !S->mats || !S->D_closed || !S->is_sc || !S->DK_mat || !S->cap || !S->hr ||
      !S->Gr) {
    st = MN_E_NOMEM;
    goto fail;
  }
  S->kKV = S->cap + N;
  S->hz = S->hr + nr;
  S->rf = S->hz + nz;
  S->Gz = S->Gr + N;
  S->Gtop = S->Gz + N;
  S->Gbot = S->Gtop + nr;
  memcpy(S->mat, spec->material, N);
  memcpy(S->mats, spec->materials, S->n_mats * sizeof *S->mats);
  for (size_t m = 0; m < S->n_mats; m++)
    S->D_closed[m] = spec->D_closed_m2_per_s ? spec->D_closed_m2_per_s[m] : -1.0;
  for (size_t m = 0; m < S->n_mats; m++)
    S->is_sc[m] = spec->is_sc != NULL && spec->is_sc[m];
  S->props = spec->props;
  S->veh = spec->vehicle;
  S->clo = spec->closure;
  S->area_m2 = MN_PI * spec->r->face_m[nr] * spec->r->face_m[nr];
  for (size_t m = 0; m < S->n_mats; m++)
    S->has_closure = S->has_closure || (S->D_closed[m] >= 0.0 &&
                                        (S->clo != NULL || (S->tau_s > 0.0 && isfinite(S->tau_s))));
  S->has_closure = S->has_closure || S->veh != NULL; /* wash-off switches the top off */
  for (size_t i = 0; i < nr; i++)
    S->hr[i] = mni_axis_width(spec->r, i);
  for (size_t i = 0; i <= nr; i++)
    S->rf[i] = spec->r->face_m[i];
  for (size_t k = 0; k < nz; k++)
    S->hz[k] = mni_axis_width(spec->z, k);
  double cap_tissue = 0.0;
  for (size_t k = 0; k < nz; k++)
    for (size_t i = 0; i < nr; i++) {
      size_t c = i + nr * k;
      double V = MN_PI * (S->rf[i + 1] * S->rf[i + 1] - S->rf[i] * S->rf[i]) * S->hz[k];
      S->cap[c] = S->mats[S->mat[c]].K * V;
      S->kKV[c] = S->mats[S->mat[c]].k_per_s * S->cap[c];
      cap_tissue += S->cap[c];
    }

  if (mni_sun_context_create(&S->sun) != 0) {
    st = mni_fail(ctx, MN_E_NOMEM, "axisym: SUNContext_Create failed");
    goto fail;
  }
  S->y = N_VNew_Serial((sunindextype)S->neq, S->sun);
  S->atol = N_VNew_Serial((sunindextype)S->neq, S->sun);
  /* no pivoting (cvode_int.h): no extra storage for the pivots' fill */
  S->A = SUNBandMatrixStorage((sunindextype)S->neq, (sunindextype)(nr + 1), (sunindextype)(nr + 1),
                              (sunindextype)(nr + 1), S->sun);
  if (!S->y || !S->atol || !S->A) {
    st = mni_fail(ctx, MN_E_NOMEM, "axisym: CVODE objects for %zu equations", S->neq);
    goto fail;
  }
  /* Debian's SUNDIALS kernels are unoptimised: use the transport stage's compiled ones */
  mni_nvector_fast_ops(S->y);
  mni_nvector_fast_ops(S->atol);
  mni_sunmatrix_fast_ops(S->A);
  S->LS = mni_band_lu_solver(S->sun, MNI_LU_RECIPROCAL);
  if (!S->LS) {
    st = mni_fail(ctx, MN_E_NOMEM, "axisym: band solver");
    goto fail;
  }
  double *y = N_VGetArrayPointer(S->y), *at = N_VGetArrayPointer(S->atol);
  N_VConst(0.0, S->y);
  y[0] = S->veh ? spec->dose_kg_per_m2 : spec->donor_u;
  if (spec->u0 != NULL)
    for (size_t k = 0; k < nz; k++)
      for (size_t i = 0; i < nr; i++)
        y[CELL(S, i, k)] = spec->u0[S->mat[i + nr * k]];
  /* absolute tolerances: concentrations against the donor's, amounts against the dose (or
   * what the tissue holds at the donor's u) */
  double u_ref = spec->donor_u > 0.0 ? spec->donor_u : 1.0;
  if (S->veh != NULL)
    u_ref = fmin(S->veh->conc0_kg_per_m3, S->veh->solubility_kg_per_m3) / S->veh->K_vehicle;
  double m_ref = (S->cap_v > 0.0 ? S->cap_v : cap_tissue) * u_ref;
  if (S->veh != NULL) m_ref = spec->dose_kg_per_m2 * S->area_m2;
  for (size_t q = 0; q < S->neq; q++)
    at[q] = 1e-3 * spec->rtol * m_ref;
  at[0] = 1e-3 * spec->rtol * (S->veh ? spec->dose_kg_per_m2 : u_ref);
  if (S->veh != NULL) at[1] = at[0];
  for (size_t k = 0; k < nz; k++)
    for (size_t i = 0; i < nr; i++)
      at[CELL(S, i, k)] = 1e-3 * spec->rtol * u_ref;
  mni_cvode_spec cs = {.sun = S->sun,
                       .who = "axisym",
                       .rhs = rhs,
                       .user_data = S,
                       .y0 = S->y,
                       .rtol = spec->rtol,
                       .atol_v = S->atol,
                       .A = S->A,
                       .LS = S->LS,
                       .jac = jac,
                       .max_steps = 100000};
  MN_CHECK_GOTO(mni_cvode_create(ctx, &cs, &S->cv));
  if (S->veh != NULL && CVodeRootInit(S->cv.mem, 1, saturation_root) != CV_SUCCESS) {
    st = mni_cvode_fail(&S->cv, MN_E_ARG, "axisym: CVODE set-up failed");
    goto fail;
  }
  *out = S;
  return MN_OK;
fail:
  mni_axisym_destroy(&S);
  return st;
}

/* Restarts allowed in one advance after repeated error-test failures. */
#define MAX_RESTARTS 3

mn_status mni_axisym_advance(mni_axisym *S, double t_s)
{
  MN_REQUIRE(S->ctx, isfinite(t_s) && t_s >= S->t_s, MN_E_ARG,
             "axisym: t_s = %g s is before the current time %g s", t_s, S->t_s);
  if (t_s == S->t_s) return MN_OK;
  MN_TRY(mni_check_cancel(S->ctx, "absorption"));
  double tret = S->t_s;
  int restarts = 0;
  for (;;) {
    CVodeSetStopTime(S->cv.mem, t_s);
    int flag = CVode(S->cv.mem, t_s, S->y, &tret, CV_NORMAL);
    if (flag == CV_ERR_FAILURE && restarts++ < MAX_RESTARTS) {
      /* The error test failed repeatedly: BDF's history (order, step, Jacobian) no longer fits
       * the solution. Start again from the last accepted state, at order 1; the state is
       * CVODE's, so the balance is untouched. */
      mni_log(S->ctx, MN_LOG_DEBUG, "axisym: error test failures at %g h: restarting",
              mn_s_to_h(tret));
      S->t_s = tret;
      mni_axisym_restart(S);
      continue;
    }
    if (flag < 0)
      return mni_fail(S->ctx, MN_E_NOCONVERGE,
                      "axisym: CVODE failed at t = %g h (%s); try a larger simulation.tolerance",
                      mn_s_to_h(tret), S->cv.msg);
    S->t_s = tret;
    if (flag != CV_ROOT_RETURN) break;
    mni_log(S->ctx, MN_LOG_DEBUG, "axisym: saturation root at %g h", mn_s_to_h(tret));
    mni_axisym_restart(S); /* restart past the film's kink so that no step straddles it */
    if (tret >= t_s) break;
  }
  S->t_s = t_s;
  return MN_OK;
}

mni_spatial_tally mni_axisym_tallies(const mni_axisym *S)
{
  const double *y = N_VGetArrayPointer(S->y);
  mni_spatial_tally t = {0};
  double cleared = 0.0;
  for (size_t k = 0; k < S->nz; k++) {
    double row = 0.0;
    for (size_t i = 0; i < S->nr; i++)
      row += S->cap[i + S->nr * k] * y[CELL(S, i, k)];
    t.in_tissue_kg += row;
    cleared += y[ROWTALLY(S, k)];
  }
  t.cleared_kg = cleared;
  t.donor_kg = S->cap_v * y[0];
  t.from_donor_kg = y[1];
  t.to_bottom_kg = y[S->neq - 1];
  return t;
}

double mni_axisym_u(const mni_axisym *S, size_t i, size_t k)
{
  return N_VGetArrayPointer(S->y)[CELL(S, i, k)];
}

double mni_axisym_donor_u(const mni_axisym *S)
{
  return N_VGetArrayPointer(S->y)[0];
}

long mni_axisym_steps(const mni_axisym *S)
{
  long n = 0;
  CVodeGetNumSteps(S->cv.mem, &n);
  return n + S->steps_before;
}

void mni_axisym_restart(mni_axisym *S)
{
  long n = 0;
  CVodeGetNumSteps(S->cv.mem, &n);
  S->steps_before += n;
  CVodeReInit(S->cv.mem, S->t_s, S->y);
}

void mni_axisym_vehicle_state(const mni_axisym *S, double *M, double *E)
{
  const double *y = N_VGetArrayPointer(S->y);
  *M = y[0];
  *E = y[1];
}

double mni_axisym_wash(mni_axisym *S)
{
  double *y = N_VGetArrayPointer(S->y);
  double M = y[0];
  y[0] = 0.0;
  mni_axisym_restart(S);
  return M;
}

void mni_axisym_amounts(const mni_axisym *S, double *per_material_kg)
{
  const double *y = N_VGetArrayPointer(S->y);
  for (size_t m = 0; m < S->n_mats; m++)
    per_material_kg[m] = 0.0;
  for (size_t k = 0; k < S->nz; k++)
    for (size_t i = 0; i < S->nr; i++) {
      size_t c = i + S->nr * k;
      per_material_kg[S->mat[c]] += S->cap[c] * y[CELL(S, i, k)];
    }
}

double mni_axisym_absorption_rate(mni_axisym *S)
{
  conductances(S, S->t_s);
  const double *y = N_VGetArrayPointer(S->y);
  double rate = 0.0;
  for (size_t k = 0; k < S->nz; k++)
    for (size_t i = 0; i < S->nr; i++)
      rate += S->kKV[i + S->nr * k] * y[CELL(S, i, k)];
  for (size_t i = 0; i < S->nr; i++)
    rate += S->Gbot[i] * y[CELL(S, i, S->nz - 1)];
  return rate;
}

double mni_axisym_area_m2(const mni_axisym *S)
{
  return S->area_m2;
}

void mni_axisym_stats(const mni_axisym *S, long *n_steps, long *n_rhs, long *n_setups, long *n_jac)
{
  *n_steps = mni_axisym_steps(S);
  CVodeGetNumRhsEvals(S->cv.mem, n_rhs);
  CVodeGetNumLinSolvSetups(S->cv.mem, n_setups);
  CVodeGetNumJacEvals(S->cv.mem, n_jac);
}
