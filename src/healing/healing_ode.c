/* The healing ODE and its integration with SUNDIALS CVODE (BDF, dense direct solver).
 *
 *   dD/dt  = -k_D D
 *   dM1/dt = r_M D - (k_sw + d_M) M1
 *   dM2/dt = k_sw M1 - d_M M2
 *   dT/dt  = k_T1 M1 + k_T2 M2 + k_TF F - d_T T
 *   dF/dt  = r_F g(T) (1 + F)(1 - (1 + F)/K_F) - d_F F,      g(T) = T / (K_T + T)
 *   dC3/dt = s3 g(T) F - (k_m + k_3) C3
 *   dS/dt  = k_S (F - S)                                      (matrix synthesis, internal)
 *   dC1/dt = s1 S + phi k_m C3 - (k_1 + k_x) C1               (soluble, not cross-linked)
 *   dCX/dt = k_x C1 - k_MC CX                                 (cross-linked, mature)
 *   dE/dt  = s_E S - k_E E
 *   dB/dt  = M1                                          (inflammation burden)
 *
 * S is the activated fibroblasts' synthesis of collagen I and elastin: it follows F but returns
 * to rest slowly (k_S: HSP47, the collagen chaperone, peaks about a month after a dermal wound
 * and stays at that level at 3 and 6 months; docs/model.md section 6.11).
 *
 * Time in seconds. A session at t_k adds its impulse to D: the integrator stops there (stop
 * time), the state jumps and CVODE is reinitialised, so no step straddles the discontinuity.
 * TGF-β decays 200 times faster than collagen is lost: the system is stiff, hence BDF. */
#include <math.h>
#include <string.h>

#include <cvode/cvode.h>
#include <nvector/nvector_serial.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunmatrix/sunmatrix_dense.h>

#include "healing/healing_int.h"
#include "numerics/cvode_int.h"

static const double rel_tol = 1e-8;
static const double abs_tol = 1e-12;

static int rhs(sunrealtype t, N_Vector yv, N_Vector dv, void *user_data)
{
  (void)t;
  const mni_heal_rates *r = user_data;
  const double *y = N_VGetArrayPointer(yv);
  double *d = N_VGetArrayPointer(dv);
  double D = y[MN_HEAL_DANGER], M1 = y[MN_HEAL_M1], M2 = y[MN_HEAL_M2];
  double T = y[MN_HEAL_TGFB], F = y[MN_HEAL_FIBROBLASTS], C3 = y[MN_HEAL_COLLAGEN3];
  double C1 = y[MN_HEAL_COLLAGEN1], E = y[MN_HEAL_ELASTIN], CX = y[MN_HEAL_COLLAGEN_MATURE];
  double S = y[MNI_HEAL_SYNTH];
  double Tp = T > 0.0 ? T : 0.0; /* g(T) of a tiny negative round-off is 0, not a pole */
  double g = Tp / (r->K_T + Tp);
  double cells = 1.0 + F;
  d[MN_HEAL_DANGER] = -r->k_D * D;
  d[MN_HEAL_M1] = r->r_M * D - (r->k_sw + r->d_M) * M1;
  d[MN_HEAL_M2] = r->k_sw * M1 - r->d_M * M2;
  d[MN_HEAL_TGFB] = r->k_T1 * M1 + r->k_T2 * M2 + r->k_TF * F - r->d_T * T;
  d[MN_HEAL_FIBROBLASTS] = r->r_F * g * cells * (1.0 - cells / r->K_F) - r->d_F * F;
  d[MN_HEAL_COLLAGEN3] = r->s3 * g * F - (r->k_m + r->k_3) * C3;
  d[MNI_HEAL_SYNTH] = r->k_S * (F - S);
  d[MN_HEAL_COLLAGEN1] = r->s1 * S + r->phi * r->k_m * C3 - (r->k_1 + r->k_x) * C1;
  d[MN_HEAL_ELASTIN] = r->s_E * S - r->k_E * E;
  d[MN_HEAL_COLLAGEN_MATURE] = r->k_x * C1 - r->k_MC * CX;
  d[MNI_HEAL_BURDEN] = M1;
  return 0;
}

void mni_heal_traj_free(mn_ctx *ctx, mni_heal_traj *tr)
{
  if (tr == NULL) return;
  mn_free(ctx, tr->t_s, tr->n * sizeof(double));
  for (int i = 0; i < MNI_HEAL_NY; i++)
    mn_free(ctx, tr->y[i], tr->n * sizeof(double));
  memset(tr, 0, sizeof *tr);
}

static mn_status traj_alloc(mn_ctx *ctx, size_t n, mni_heal_traj *tr)
{
  memset(tr, 0, sizeof *tr);
  tr->n = n;
  tr->t_s = mn_calloc(ctx, n, sizeof(double));
  int ok = tr->t_s != NULL;
  for (int i = 0; i < MNI_HEAL_NY; i++)
    ok = (tr->y[i] = mn_calloc(ctx, n, sizeof(double))) != NULL && ok;
  if (!ok) {
    mni_heal_traj_free(ctx, tr);
    return MN_E_NOMEM;
  }
  return MN_OK;
}

/* Counters are reset by CVodeReInit: add them up before each restart. */
static void add_stats(void *mem, mn_heal_solver_stats *s)
{
  long v = 0;
  if (CVodeGetNumSteps(mem, &v) == CV_SUCCESS) s->steps += v;
  if (CVodeGetNumRhsEvals(mem, &v) == CV_SUCCESS) s->rhs_evals += v;
  if (CVodeGetNumJacEvals(mem, &v) == CV_SUCCESS) s->jac_evals += v;
  if (CVodeGetNumErrTestFails(mem, &v) == CV_SUCCESS) s->err_test_fails += v;
  if (CVodeGetNumNonlinSolvConvFails(mem, &v) == CV_SUCCESS) s->nonlin_conv_fails += v;
}

static mn_status advance(mni_cvode *cv, double t_out, N_Vector y, double *t)
{
  MN_TRY(mni_check_cancel(cv->ctx, "healing"));
  sunrealtype tr = *t;
  int flag = CVode(cv->mem, t_out, y, &tr, CV_NORMAL);
  *t = tr;
  if (flag < 0)
    return mni_cvode_fail(cv, MN_E_NOCONVERGE, "healing: CVODE failed at t = %g days (flag %d: %s)",
                          mn_s_to_days(tr), flag, CVodeGetReturnFlagName(flag));
  return MN_OK;
}

static void store(mni_heal_traj *tr, size_t j, double t, N_Vector y)
{
  const double *v = N_VGetArrayPointer(y);
  tr->t_s[j] = t;
  for (int i = 0; i < MNI_HEAL_NY; i++)
    tr->y[i][j] = v[i];
}

mn_status mni_heal_solve(mn_ctx *ctx, const mni_heal_rates *r, double impulse, int n_sessions,
                         double interval_s, double t_end_s, double dt_s, mni_heal_traj *out)
{
  MN_REQUIRE(ctx, out != NULL && r != NULL, MN_E_ARG, "healing: NULL argument");
  memset(out, 0, sizeof *out);
  MN_REQUIRE(ctx, n_sessions >= 1, MN_E_ARG, "healing: sessions = %d must be >= 1", n_sessions);
  MN_REQUIRE(ctx, isfinite(impulse) && impulse >= 0.0, MN_E_ARG,
             "healing: injury impulse = %g must be finite and >= 0", impulse);
  MN_REQUIRE(ctx, n_sessions == 1 || (isfinite(interval_s) && interval_s > 0.0), MN_E_ARG,
             "healing: interval = %g s must be > 0", interval_s);
  MN_REQUIRE(ctx, isfinite(dt_s) && dt_s > 0.0 && isfinite(t_end_s) && t_end_s >= 0.0, MN_E_ARG,
             "healing: sampling step %g s and end %g s must be > 0 and finite", dt_s, t_end_s);
  double n_samples = floor(t_end_s / dt_s * (1.0 + 1e-12)) + 1.0;
  MN_REQUIRE(ctx, n_samples <= 1e7, MN_E_ARG, "healing: %g samples are too many (step %g s)",
             n_samples, dt_s);
  MN_TRY(traj_alloc(ctx, (size_t)n_samples, out));

  mn_status st = MN_OK;
  SUNContext sunctx = NULL;
  N_Vector y = NULL;
  SUNMatrix A = NULL;
  SUNLinearSolver LS = NULL;
  mni_cvode cv = {0};        /* stays here: CVODE's error handler points at it */
  mni_heal_rates rates = *r; /* CVODE's user data, alive for the whole solve */
  if (mni_sun_context_create(&sunctx) != 0 || (y = N_VNew_Serial(MNI_HEAL_NY, sunctx)) == NULL ||
      (A = SUNDenseMatrix(MNI_HEAL_NY, MNI_HEAL_NY, sunctx)) == NULL ||
      (LS = SUNLinSol_Dense(y, A, sunctx)) == NULL) {
    st = mni_fail(ctx, MN_E_NOMEM, "healing: cannot create the CVODE solver");
    goto fail;
  }
  N_VConst(0.0, y);
  mni_cvode_spec cs = {.sun = sunctx,
                       .who = "healing",
                       .rhs = rhs,
                       .user_data = &rates,
                       .y0 = y,
                       .rtol = rel_tol,
                       .atol = abs_tol,
                       .A = A,
                       .LS = LS,
                       .max_steps = 100000};
  MN_CHECK_GOTO(mni_cvode_create(ctx, &cs, &cv));
  void *mem = cv.mem;

  /* Sample 0 is the untreated skin, before the first session's impulse. */
  store(out, 0, 0.0, y);
  size_t j = 1;
  double t = 0.0;
  for (int k = 0; k < n_sessions; k++) {
    double t_k = (double)k * interval_s;
    if (t_k > t_end_s) break;
    if (k > 0) {
      add_stats(mem, &out->stats);
      out->stats.restarts++;
    }
    N_VGetArrayPointer(y)[MN_HEAL_DANGER] += impulse;
    if (CVodeReInit(mem, t_k, y) != CV_SUCCESS) {
      st = mni_fail(ctx, MN_E_NOCONVERGE, "healing: CVodeReInit failed at session %d", k + 1);
      goto fail;
    }
    t = t_k;
    double t_next = (k + 1 < n_sessions) ? fmin((double)(k + 1) * interval_s, t_end_s) : t_end_s;
    CVodeSetStopTime(mem, t_next);
    /* Samples up to the next session (a sample at a session time is taken before its impulse). */
    while (j < out->n && (double)j * dt_s <= t_next + 1e-9 * dt_s) {
      double t_out = fmin((double)j * dt_s, t_next);
      if (t_out > t) MN_CHECK_GOTO(advance(&cv, t_out, y, &t));
      store(out, j, (double)j * dt_s, y);
      j++;
    }
    if (t < t_next) MN_CHECK_GOTO(advance(&cv, t_next, y, &t));
  }
  add_stats(mem, &out->stats);
  memcpy(out->y_end, N_VGetArrayPointer(y), sizeof out->y_end);
  for (; j < out->n; j++) /* only when a session lies past the end: hold the last state */
    store(out, j, (double)j * dt_s, y);
  for (int i = 0; i < MNI_HEAL_NY; i++)
    for (size_t m = 0; m < out->n; m++)
      if (!isfinite(out->y[i][m])) {
        st = mni_fail(ctx, MN_E_NUMERIC, "healing: state %d is not finite at t = %g days", i,
                      mn_s_to_days(out->t_s[m]));
        goto fail;
      }
  mni_cvode_free(&cv);
  SUNLinSolFree(LS);
  SUNMatDestroy(A);
  N_VDestroy(y);
  SUNContext_Free(&sunctx);
  return MN_OK;
fail:
  mni_cvode_free(&cv);
  if (LS) SUNLinSolFree(LS);
  if (A) SUNMatDestroy(A);
  if (y) N_VDestroy(y);
  if (sunctx) SUNContext_Free(&sunctx);
  mni_heal_traj_free(ctx, out);
  return st;
}

double mni_heal_peak_window_burden(const mni_heal_traj *tr, double window_s)
{
  const double *B = tr->y[MNI_HEAL_BURDEN];
  double best = 0.0;
  size_t lo = 0;
  for (size_t j = 0; j < tr->n; j++) {
    while (lo < j && tr->t_s[lo] < tr->t_s[j] - window_s * (1.0 + 1e-12))
      lo++;
    double w = B[j] - B[lo];
    if (w > best) best = w;
  }
  return best;
}
