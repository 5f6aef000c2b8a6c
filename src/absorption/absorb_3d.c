/* The treated-skin run on a 3D patch of channels (see absorb_int.h).
 *
 * The LOD solver (lod3d_int.h) couples the film implicitly as a donor: below saturation the
 * film holds M = h_eff C per area, so it is a donor of capacity A h_eff K_v at u = C / K_v;
 * saturated (a deposit remains) or an infinite dose, the film's concentration is held for the
 * step. The active's evaporation is taken explicitly from the step's starting concentration;
 * closure updates the channels' diffusivity at the end of each step; wash-off switches the
 * donor off. Every amount that leaves the film enters a tally of the solver, so the balance
 * closes at round-off.
 *
 * Scheme: the Douglas stabilising correction (lod3d_int.h). Through the channels the dose
 * flows at a quasi-steady rate for the hour the film is wet; the split scheme's error in such
 * a flux is of order dt (test_lod3d), which held its steps near 11 s there (1805 steps in
 * 24 h at tolerance 1e-4); the Douglas scheme is exact at a steady state and follows the
 * transients only (370 steps, the same answer to 3e-4 of the dose; bench/RESULTS.md).
 *
 * Step size: step doubling. Each step is taken once with h and again as two steps of h / 2;
 * the difference of the compartments' amounts (relative to the dose) is the local error of
 * the first-order scheme; the step is kept (the two halves) when it is below
 * simulation.tolerance, and h changes by 0.9 sqrt(tol / err), within [0.2, 2].
 *
 * Flux: the rate into the body at an output time from the state then, as the 1d and
 * axisymmetric models report it (sum of k K V u over the clearing cells plus the outflow at
 * the bottom). Implicit Euler takes a step's clearance and outflow at the state that ends it,
 * and the z sweep (which clears and drains) comes last, so the amount absorbed in the last
 * half step divided by its length is exactly that rate, in the solver's own conductances. */
#include <math.h>
#include <string.h>

#include "absorption/absorb_int.h"
#include "numerics/lod3d_int.h"

#define N_TARGET_CHANNELS 16.0
#define DT_FIRST_S        0.5
#define DT_MAX_S          1800.0
/* Up to this many output times every one is a step's end, as before (results unchanged: the
 * default has 61, each costing at most one step beside the run's 50-400); more are
 * interpolated inside the steps. */
#define MAX_LANDED_OUTPUTS 100
/* The scheme is first order (step-doubling error ~ h^2, steps ~ tol^-1/2): 1e-10 asks for ten
 * thousand times the default's steps, hours for one simulated hour. Below this floor the
 * tolerance is raised to it, with a warning (issue 18 item 7). */
#define RTOL_FLOOR 1e-6
/* Calibration of the run-time estimate: CPU seconds per cell and accepted step (three LOD
 * sweeps of step doubling), measured on the 2-core development machine in a Release build
 * (0.02 h and 0.2 h runs of the default at 3d: 172 x 172 x 133 cells, 1.08e-7 and 0.91e-7;
 * docs/architecture.md "Run time of the 3d model"). */
#define CPU_S_PER_CELL_STEP 1.0e-7
/* A run expected to take longer than this says so before it starts. */
#define LONG_RUN_S 30.0

typedef struct patch_run {
  const mni_problem1d *pb;
  mni_skin_column col;
  mn_compartment layer_comp[MNI_MAX_LAYERS];
  mni_material mats[2 * MNI_MAX_LAYERS], open_mats[2 * MNI_MAX_LAYERS];
  double Dc[2 * MNI_MAX_LAYERS];
  bool is_sc[2 * MNI_MAX_LAYERS];
  double u0[2 * MNI_MAX_LAYERS];
  mni_lod3d *s;
  double A; /* patch area [m²] */
  double M, E, washed;
  bool is_washed;
  mni_lod3d_snapshot snap;
} patch_run;

/* The materials at t: the channels' diffusivity for their open fraction, the SC's for its
 * hydration, and the film's or deposit's contact with the top cells. */
static mn_status closure_at(patch_run *P, double t)
{
  double c = mni_closure_open_frac(&P->pb->closure, t);
  double f = mni_hydration_D_factor(P->pb->props, t);
  size_t n = 2 * P->col.n_layers;
  double frac[2 * MNI_MAX_LAYERS], r[2 * MNI_MAX_LAYERS];
  for (size_t m = 0; m < n; m++) {
    double fm = P->is_sc[m] ? f : 1.0;
    P->mats[m] = P->open_mats[m];
    if (P->Dc[m] >= 0.0)
      P->mats[m].D_m2_per_s = fm * P->Dc[m] + (P->open_mats[m].D_m2_per_s - fm * P->Dc[m]) * c;
    else
      P->mats[m].D_m2_per_s *= fm;
    mni_contact ct = mni_vehicle_contact(&P->pb->vehicle, t, P->Dc[m] >= 0.0);
    double rc = mni_contact_r(ct, P->mats[m].D_m2_per_s * P->mats[m].K, P->mats[m].K);
    frac[m] = rc < HUGE_VAL ? 1.0 : 0.0;
    r[m] = rc < HUGE_VAL ? rc : 0.0;
  }
  MN_TRY(mni_lod3d_set_top_contact(P->s, frac, r));
  return mni_lod3d_set_materials(P->s, P->mats);
}

/* One step of dt from t. */
static mn_status step(patch_run *P, double t, double dt)
{
  const mni_vehicle *v = &P->pb->vehicle;
  MN_TRY(mni_lod3d_set_dt(P->s, dt));
  double dC = 0.0, C = 0.0;
  if (!P->is_washed) {
    C = mni_vehicle_conc(v, t, P->M, &dC);
    double cap = dC > 0.0 ? P->A * v->K_vehicle / dC : 0.0; /* 0: held (saturated, infinite) */
    MN_TRY(mni_lod3d_set_donor(P->s, true, cap, C / v->K_vehicle));
  }
  double in0 = mni_lod3d_flows(P->s).from_donor_kg;
  MN_TRY(mni_lod3d_step(P->s, 1));
  if (!P->is_washed) {
    P->M -= (mni_lod3d_flows(P->s).from_donor_kg - in0) / P->A;
    double dE = fmin(dt * mni_vehicle_active_evap(v, t, C), fmax(P->M, 0.0));
    P->M -= dE;
    P->E += dE;
  }
  return closure_at(P, t + dt);
}

/* Wash-off: what is left in the vehicle goes, and the donor is off from now on. */
static mn_status wash(patch_run *P)
{
  P->washed += P->M;
  P->M = 0.0;
  P->is_washed = true;
  return mni_lod3d_set_donor(P->s, false, 0.0, 0.0);
}

/* Snapshot m: the field C = K u, and the mean of C over the patch at each depth. */
static void snapshot(patch_run *P, const mni_axis *x, const mni_axis *y, const mni_axis *z,
                     const uint8_t *mat, size_t m, mni_solution1d *out)
{
  size_t nx = x->n, ny = y->n, nz = z->n, n_plane = nx * ny;
  const double *u = mni_lod3d_u(P->s);
  double *field = out->field.conc_kg_per_m3 + m * n_plane * nz;
  double *prof = out->profiles.conc_kg_per_m3 + m * nz;
  for (size_t k = 0; k < nz; k++) {
    double mean = 0.0;
    for (size_t j = 0; j < ny; j++)
      for (size_t i = 0; i < nx; i++) {
        size_t c = i + nx * (j + ny * k);
        field[c] = P->mats[mat[c]].K * u[c];
        mean += field[c] * mni_axis_width(x, i) * mni_axis_width(y, j);
      }
    prof[k] = mean / P->A;
  }
}

/* What has entered the body so far [kg]: cleared by the capillaries and out at the bottom. */
static double absorbed_kg(const mni_lod3d *s)
{
  mni_spatial_tally tl = mni_lod3d_flows(s);
  return tl.cleared_kg + tl.to_bottom_kg;
}

static void budget(patch_run *P, double t, double *b)
{
  double per_mat[2 * MNI_MAX_LAYERS];
  memset(b, 0, MN_N_COMP * sizeof *b);
  mni_vehicle_split(&P->pb->vehicle, t, P->M, &b[MN_COMP_VEHICLE], &b[MN_COMP_DEPOSIT]);
  b[MN_COMP_EVAPORATED] = P->E;
  b[MN_COMP_WASHED] = P->washed;
  mni_lod3d_amounts(P->s, per_mat);
  for (size_t m = 0; m < 2 * P->col.n_layers; m++)
    b[P->layer_comp[m % P->col.n_layers]] += per_mat[m] / P->A;
  mni_spatial_tally tl = mni_lod3d_flows(P->s);
  b[MN_COMP_ABSORBED] = (tl.cleared_kg + tl.to_bottom_kg) / P->A;
}

/* Steps the run should take at the default tolerance 1e-4: about 60 for the first transients
 * (measured: 53-64 for 0.02-0.2 h) and one per 300 s after them (373 in 24 h, README "Speed");
 * scaled by (1e-4 / tol)^1/2 (first order), plus one per landed output time. */
static double expected_steps(const mni_problem1d *pb, double rtol)
{
  double n_landed = pb->n_out <= MAX_LANDED_OUTPUTS ? (double)pb->n_out : MAX_LANDED_OUTPUTS;
  return (60.0 + pb->duration_s / 300.0) * sqrt(1e-4 / rtol) + n_landed + (double)pb->n_snap;
}

/* Before the first step: a run that looks long says how long and what shortens it. */
static void announce(mn_ctx *ctx, const mni_problem1d *pb, double rtol, size_t nx, size_t ny,
                     size_t nz)
{
  double cells = (double)nx * (double)ny * (double)nz;
  double est_s = CPU_S_PER_CELL_STEP * cells * expected_steps(pb, rtol);
  int threads = mn_ctx_get_threads(ctx);
  if (threads > 1) est_s /= threads; /* the sweeps split over the threads */
  if (est_s <= LONG_RUN_S) return;
  mni_log(ctx, MN_LOG_WARN,
          "the 3d model: this run should take about %.0f min (%zu x %zu x %zu cells, "
          "simulation.tolerance %g, %zu output points, %.3g h); simulation.model=axisymmetric "
          "takes seconds, and a shorter simulation.duration_h or a larger simulation.tolerance "
          "shortens this one",
          est_s / 60.0 < 1.0 ? 1.0 : est_s / 60.0, nx, ny, nz, rtol, pb->n_out,
          mn_s_to_h(pb->duration_s));
}

/* One accepted step from *t towards t_limit, by step doubling (the design comment): rejected
 * tries shorten it; events (the film dries, the product is washed off) are landed on. */
typedef struct stepper {
  patch_run *P;
  double t_dry, t_wash, dose;
  double rtol;                 /* simulation.tolerance, at least RTOL_FLOOR */
  double dt;                   /* the step the error control asks for next */
  size_t n_steps, n_rejected;
} stepper;

static mn_status accepted_step(stepper *sp, double *t_io, double t_limit, double *rate)
{
  patch_run *P = sp->P;
  double t = *t_io;
  for (;;) {
    double h = fmin(sp->dt, t_limit - t); /* land on the limit and on events */
    if (sp->t_dry > t && sp->t_dry < t + h) h = sp->t_dry - t;
    if (sp->t_wash > t && sp->t_wash < t + h) h = sp->t_wash - t;
    double M0 = P->M, E0 = P->E, b1[MN_N_COMP], b2[MN_N_COMP];
    mni_lod3d_save(P->s, &P->snap);
    MN_TRY(step(P, t, h));
    budget(P, t + h, b1);
    mni_lod3d_restore(P->s, &P->snap);
    P->M = M0, P->E = E0;
    MN_TRY(step(P, t, 0.5 * h));
    double absorbed_mid = absorbed_kg(P->s);
    MN_TRY(step(P, t + 0.5 * h, 0.5 * h));
    double rate_end = (absorbed_kg(P->s) - absorbed_mid) / (P->A * 0.5 * h);
    budget(P, t + h, b2);
    double err = 0.0;
    for (int c = 0; c < MN_N_COMP; c++)
      err += fabs(b1[c] - b2[c]);
    err /= sp->dose;
    double grow = err > 0.0 ? 0.9 * sqrt(sp->rtol / err) : 2.0;
    grow = fmin(fmax(grow, 0.2), 2.0);
    if (err > sp->rtol && h > 1e-3) { /* reject: back to t, smaller step */
      mni_lod3d_restore(P->s, &P->snap);
      P->M = M0, P->E = E0;
      MN_TRY(closure_at(P, t));
      sp->dt = h * grow;
      sp->n_rejected++;
      continue;
    }
    *t_io = t + h;
    *rate = rate_end;
    sp->dt = fmin(fmax(sp->dt, h) * grow, DT_MAX_S);
    sp->n_steps++;
    return MN_OK;
  }
}


mn_status mni_absorb_3d(mn_ctx *ctx, const mni_problem1d *pb, const mni_channel_list *set,
                        mni_solution1d *out)
{
  MN_REQUIRE(ctx,
             set != NULL && set->side_m > 0.0 && pb->n_columns == 2 &&
                 pb->pore_density_per_m2 > 0 && pb->pore_radius_m > 0,
             MN_E_ARG,
             "3d model (internal): needs the puncture stage's channel set and channels "
             "(density %g /cm², radius %g µm)",
             pb->pore_density_per_m2 * 1e-4, mn_m_to_um(pb->pore_radius_m));
  memset(out, 0, sizeof *out);
  patch_run P;
  memset(&P, 0, sizeof P);
  P.pb = pb;
  mni_absorb_column(pb, &P.col, P.layer_comp);
  /* coarser in depth than the 1D grid: with faces on the interfaces the steady conductances
   * stay exact; only the stratum corneum's first transients lose detail */
  P.col.h_min_m = fmax(P.col.h_min_m, 1e-6);
  P.col.h_tissue_m = fmax(P.col.h_tissue_m, 5e-6);
  P.col.h_max_m = 50e-6; /* as timed in bench/RESULTS.md (the 1d and axisymmetric take 100) */
  mni_build_materials(&P.col, P.open_mats, P.Dc);
  mni_absorb_material_state(pb, &P.col, P.layer_comp, P.is_sc, P.u0);
  memcpy(P.mats, P.open_mats, sizeof P.mats);
  /* the patch: a window of the set's square holding about 16 channels, lateral cells a third
   * of a needle opening's radius (at most 256 per side), so the open pore (half the opening)
   * spans about three cells across: the grid of the needle openings, the cost of mnsim 0.1
   * (docs/model.md §5) */
  double a = pb->pore_radius_m / (pb->pore_over_opening > 0 ? pb->pore_over_opening : 1.0);
  double side = fmin(fmax(sqrt(N_TARGET_CHANNELS / pb->pore_density_per_m2), 6.0 * a), set->side_m);
  double h_lat = fmax(a / 3.0, side / 256.0);
  size_t n_ch = set->n > 0 ? set->n : 1;
  mni_channel *ch = mn_alloc(ctx, n_ch * sizeof *ch);
  if (ch == NULL) return MN_E_NOMEM;
  size_t n_in = 0;
  for (size_t c = 0; c < set->n; c++) /* the channels whose centres lie in the window */
    if (set->x_m[c] < side && set->y_m[c] < side && set->depth_m[c] > 0.0)
      ch[n_in++] = (mni_channel){set->x_m[c], set->y_m[c],
                                 fmin(fmax(set->depth_m[c] + pb->pore_depth_shift_m, 1e-6),
                                      pb->bottom_m - 1e-6),
                                 fmin(pb->pore_over_opening * set->radius_m[c], 0.45 * side)};
  mni_axis x = {0, NULL}, y = {0, NULL}, z = {0, NULL};
  uint8_t *mat = NULL;
  mn_status st = mni_build_patch(ctx, &P.col, side, side, h_lat, ch, n_in, &x, &y, &z, &mat);
  mn_free(ctx, ch, n_ch * sizeof *ch);
  size_t N = x.n * y.n * z.n;
  const mni_vehicle *v = &pb->vehicle;
  P.A = side * side;
  P.M = mni_vehicle_dose(v);
  if (st == MN_OK) {
    mni_lod3d_spec sp = {0};
    sp.x = &x, sp.y = &y, sp.z = &z, sp.material = mat, sp.materials = P.mats;
    sp.n_materials = 2 * P.col.n_layers, sp.is_periodic_xy = true;
    sp.top = MNI_BC_DONOR;
    sp.bottom = pb->is_bottom_closed ? MNI_BC_ZERO_FLUX : MNI_BC_SINK;
    sp.dt_s = DT_FIRST_S;
    sp.scheme = MNI_LOD_DOUGLAS;
    sp.n_threads = mn_ctx_get_threads(ctx); /* the result does not depend on it */
    st = mni_lod3d_create(ctx, &sp, &P.s);
  }
  if (st == MN_OK && P.u0[0] > 0.0) {
    /* the loading zone's tissue holds its part of the dose from the start */
    double *u = mni_lod3d_u(P.s), per_mat[2 * MNI_MAX_LAYERS];
    for (size_t q = 0; q < N; q++)
      u[q] = P.u0[mat[q]];
    mni_lod3d_amounts(P.s, per_mat);
    P.M -= per_mat[0] / P.A;
  }
  if (st == MN_OK) st = closure_at(&P, 0.0);
  if (st == MN_OK) st = mni_absorb_alloc(ctx, pb->n_out, out);
  out->dose_kg_per_m2 = mni_vehicle_dose(v);
  double t = 0.0, dt = DT_FIRST_S, t_dry = mni_vehicle_dry_time(v), t_wash = v->wash_off_s;
  /* rate: the flux into the body at t, from the state at t (section 'Flux' above) */
  double rate = 0.0, dose = mni_vehicle_dose(v);
  if (st == MN_OK) {
    P.snap.u = mn_alloc(ctx, N * sizeof *P.snap.u);
    st = P.snap.u ? MN_OK : MN_E_NOMEM;
  }
  if (st == MN_OK)
    st = mni_profiles_alloc(ctx, pb->snap_t_s, pb->n_snap, z.face_m, z.n, &out->profiles);
  if (st == MN_OK)
    st = mni_field_store_alloc(ctx, pb->snap_t_s, pb->n_snap, x.face_m, x.n, y.face_m, y.n,
                               z.face_m, z.n, &out->field);
  /* Stops: the snapshot times, the events and the last output time are landed on. So are the
   * output times, unless there are more than MAX_LANDED_OUTPUTS and one lies closer than the
   * step the error control asks for: then the step is taken whole and the outputs it passes
   * are interpolated linearly between its ends (first order, as the scheme), instead of
   * forcing a step per output (issue 18 item 7: 10,000 points made 10,000 steps). */
  stepper sp = {.P = &P, .t_dry = t_dry, .t_wash = t_wash, .dose = dose, .dt = dt,
                .rtol = fmax(pb->rtol, RTOL_FLOOR)};
  if (st == MN_OK && pb->rtol < RTOL_FLOOR)
    mni_log(ctx, MN_LOG_WARN,
            "the 3d model: simulation.tolerance %g is below what its first-order scheme reaches "
            "in a bounded time; using %g (the 1d and axisymmetric models take it as given)",
            pb->rtol, RTOL_FLOOR);
  if (st == MN_OK) announce(ctx, pb, sp.rtol, x.n, y.n, z.n);
  size_t k = 0, m = 0, n_interpolated = 0;
  while ((k < pb->n_out || m < pb->n_snap) && st == MN_OK) {
    bool is_out, is_snap;
    double tout =
        mni_next_stop(pb->out_t_s, pb->n_out, k, pb->snap_t_s, pb->n_snap, m, &is_out, &is_snap);
    if (pb->n_out > MAX_LANDED_OUTPUTS && is_out && !is_snap && k + 1 < pb->n_out && t < tout &&
        tout - t < sp.dt) {
      /* a step past this output: to the next hard stop at most */
      double t_hard = pb->out_t_s[pb->n_out - 1];
      if (m < pb->n_snap) t_hard = fmin(t_hard, pb->snap_t_s[m]);
      if (!P.is_washed && t >= t_wash && (st = wash(&P)) != MN_OK) break;
      double b0[MN_N_COMP], b1[MN_N_COMP], t0 = t, rate0 = rate;
      budget(&P, t0, b0);
      if ((st = accepted_step(&sp, &t, t_hard, &rate)) != MN_OK) break;
      budget(&P, t, b1);
      for (; k + 1 < pb->n_out && pb->out_t_s[k] < t; k++, n_interpolated++) {
        double w = (pb->out_t_s[k] - t0) / (t - t0);
        out->t_s[k] = pb->out_t_s[k];
        for (int c = 0; c < MN_N_COMP; c++)
          out->amount[c][k] = b0[c] + w * (b1[c] - b0[c]);
        out->flux_kg_per_m2_s[k] = rate0 + w * (rate - rate0);
      }
      st = mni_progress(ctx, "absorption 3d", t / pb->duration_s, t);
      continue;
    }
    while (st == MN_OK && t < tout) {
      if (!P.is_washed && t >= t_wash && (st = wash(&P)) != MN_OK) break;
      st = accepted_step(&sp, &t, tout, &rate);
    }
    if (st != MN_OK) break;
    if (!P.is_washed && t >= t_wash) st = wash(&P);
    if (st != MN_OK) break;
    if (is_snap) snapshot(&P, &x, &y, &z, mat, m++, out);
    if (!is_out) continue;
    double b[MN_N_COMP];
    budget(&P, tout, b);
    out->t_s[k] = tout;
    for (int c = 0; c < MN_N_COMP; c++)
      out->amount[c][k] = b[c];
    out->flux_kg_per_m2_s[k] = rate;
    st = st == MN_OK ? mni_progress(ctx, "absorption 3d", t / pb->duration_s, t) : st;
    k++;
  }
  size_t n_steps = sp.n_steps, n_rejected = sp.n_rejected;
  if (n_interpolated > 0)
    mni_log(ctx, MN_LOG_DEBUG,
            "absorption 3d: %zu of %zu output times fell inside a step and were interpolated",
            n_interpolated, pb->n_out);
  if (P.snap.u != NULL) mn_free(ctx, P.snap.u, N * sizeof *P.snap.u);
  out->n_steps = (long)n_steps;
  mni_log(ctx, MN_LOG_DEBUG,
          "absorption 3d: %zu x %zu x %zu cells, %zu channels, %zu steps (%zu rejected)", x.n, y.n,
          z.n, n_in, n_steps, n_rejected);
  mni_lod3d_destroy(&P.s);
  if (mat != NULL) mn_free(ctx, mat, N);
  mni_axis_free(ctx, &x);
  mni_axis_free(ctx, &y);
  mni_axis_free(ctx, &z);
  if (st != MN_OK) {
    mni_solution1d_free(ctx, out);
    return st;
  }
  return mni_absorb_finish(ctx, out, "3d");
}
