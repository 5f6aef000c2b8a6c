/* The treated-skin run on axisymmetric channel cells (see absorb_int.h). The skin column of
 * the cell is the 1D model's: stratum corneum, viable epidermis, dermis split at the capillary
 * depth (clearance below it, in vivo), a sink at the bottom of the dermis; channels are aqueous
 * pores (D_aq, K = 1) whose conductance blends to the tissue's as the barrier closes. */
#include <math.h>
#include <string.h>

#include "absorption/absorb_int.h"
#include "spatial/axisym_int.h"
#include "spatial/build_int.h"

/* The skin column of the problem; layer_comp[l] is the compartment of layer l. A dry deposit's
 * loading zone is a layer of its own (the SC's medium), so that a face sits at its bottom. */
void mni_absorb_column(const mni_problem1d *pb, mni_skin_column *col, mn_compartment *layer_comp)
{
  const mn_layer_stack *L = pb->layers;
  memset(col, 0, sizeof *col);
  double sc = L->top_m[MN_LAYER_VIABLE_EPIDERMIS];
  double load = pb->load_depth_m > 0 && pb->load_depth_m < sc ? pb->load_depth_m : 0.0;
  double br[6] = {0.0, load, sc, L->top_m[MN_LAYER_DERMIS], pb->capillary_top_m, pb->bottom_m};
  mn_compartment comp[5] = {MN_COMP_SC, MN_COMP_SC, MN_COMP_VE, MN_COMP_DERMIS, MN_COMP_DERMIS};
  size_t n = 0;
  for (size_t s = 0; s < 5; s++) {
    if (s == 3 && !(pb->is_in_vivo && pb->capillary_top_m > br[3] && pb->capillary_top_m < br[5]))
      br[4] = br[3]; /* no capillary split: the dermis is one layer */
    if (!(br[s + 1] > br[s])) continue;
    col->thickness_m[n] = br[s + 1] - br[s];
    mni_medium m = mni_medium_at(pb->props, L, 0.5 * (br[s] + br[s + 1]), pb->is_in_vivo);
    col->layer[n] = (mni_material){m.D_m2_per_s, m.K, m.k_clear_per_s};
    layer_comp[n] = comp[s];
    n++;
  }
  col->n_layers = n;
  mni_medium ch = mni_channel_medium(pb->props, L, 0.0, false);
  col->channel = (mni_material){ch.D_m2_per_s, ch.K, 0.0};
  col->h_min_m = pb->grid.h_first_m;
  col->h_tissue_m = pb->grid.h_first_tissue_m;
  col->h_max_m = pb->grid.h_max_m;
  col->ratio = pb->grid.growth;
}

void mni_absorb_material_state(const mni_problem1d *pb, const mni_skin_column *col,
                               const mn_compartment *layer_comp, bool *is_sc, double *u0)
{
  size_t L = col->n_layers;
  for (size_t l = 0; l < L; l++) {
    is_sc[l] = is_sc[L + l] = layer_comp[l] == MN_COMP_SC;
    u0[l] = u0[L + l] = 0.0;
  }
  /* the loading zone: the first layer when there is one (never the channels': they are open) */
  if (pb->load_depth_m > 0 && L > 0 && col->thickness_m[0] <= pb->load_depth_m * (1 + 1e-12))
    u0[0] = pb->load_conc_kg_per_m3 / col->layer[0].K;
}

mn_status mni_absorb_alloc(mn_ctx *ctx, size_t n_out, mni_solution1d *out)
{
  memset(out, 0, sizeof *out);
  out->n_out = n_out;
  out->t_s = mn_calloc(ctx, n_out, sizeof(double));
  out->flux_kg_per_m2_s = mn_calloc(ctx, n_out, sizeof(double));
  bool ok = out->t_s && out->flux_kg_per_m2_s;
  for (int c = 0; c < MN_N_COMP; c++)
    ok = ok && (out->amount[c] = mn_calloc(ctx, n_out, sizeof(double))) != NULL;
  return ok ? MN_OK : MN_E_NOMEM;
}

/* Snapshot m of the cell: its field C = K u, and the mean of C over r at each depth. */
static void snapshot(const mni_axisym *s, const mni_axis *r, const mni_axis *z, const uint8_t *mat,
                     const mni_material *mats, size_t m, mni_solution1d *out)
{
  size_t nr = r->n, nz = z->n;
  double R = r->face_m[nr];
  double *field = out->field.conc_kg_per_m3 + m * nr * nz;
  double *prof = out->profiles.conc_kg_per_m3 + m * nz;
  for (size_t k = 0; k < nz; k++) {
    double mean = 0.0;
    for (size_t i = 0; i < nr; i++) {
      double C = mats[mat[i + nr * k]].K * mni_axisym_u(s, i, k);
      double r0 = r->face_m[i], r1 = r->face_m[i + 1];
      field[k * nr + i] = C;
      mean += C * (r1 * r1 - r0 * r0);
    }
    prof[k] = mean / (R * R);
  }
}

/* One cell at one depth; adds weight × its budget (per m² of skin) to out. The cell of the
 * mean depth (is_main) also keeps the snapshots at the problem's snapshot times. */
static mn_status run_cell(mn_ctx *ctx, const mni_problem1d *pb, const mni_skin_column *col,
                          const mn_compartment *layer_comp, double depth_m, double weight,
                          bool is_main, mni_solution1d *out)
{
  double R = 1.0 / sqrt(MN_PI * pb->pore_density_per_m2);
  double a = fmin(pb->pore_radius_m, 0.5 * R);
  mni_axis r = {0, NULL}, z = {0, NULL};
  uint8_t *mat = NULL;
  mni_axisym *s = NULL;
  mni_material mats[2 * MNI_MAX_LAYERS];
  double Dc[2 * MNI_MAX_LAYERS], per_mat[2 * MNI_MAX_LAYERS], u0[2 * MNI_MAX_LAYERS];
  bool is_sc[2 * MNI_MAX_LAYERS];
  mni_build_materials(col, mats, Dc);
  mni_absorb_material_state(pb, col, layer_comp, is_sc, u0);
  mn_status st = mni_build_axisym(ctx, col, R, depth_m, a, fmin(0.2 * a, 5e-6), &r, &z, &mat);
  if (st == MN_OK) {
    mni_axisym_spec sp = {0};
    sp.r = &r, sp.z = &z, sp.material = mat, sp.materials = mats;
    sp.n_materials = 2 * col->n_layers, sp.D_closed_m2_per_s = Dc;
    sp.bottom = pb->is_bottom_closed ? MNI_BC_ZERO_FLUX : MNI_BC_SINK;
    sp.rtol = pb->rtol;
    sp.vehicle = &pb->vehicle;
    /* the loading zone's tissue (around the channel: r from a to R) holds its part of the dose */
    double loaded = u0[0] * mats[0].K * (u0[0] > 0 ? col->thickness_m[0] : 0.0);
    sp.dose_kg_per_m2 = mni_vehicle_dose(&pb->vehicle) - loaded * (1.0 - (a * a) / (R * R));
    sp.closure = &pb->closure;
    sp.props = pb->props;
    sp.is_sc = is_sc;
    sp.u0 = u0;
    st = mni_axisym_create(ctx, &sp, &s);
  }
  /* events: end of evaporation (the film's kink), wash-off */
  double t_dry = mni_vehicle_dry_time(&pb->vehicle), t_wash = pb->vehicle.wash_off_s;
  double washed = 0.0, t = 0.0;
  if (st == MN_OK && t_wash <= 0.0) washed = mni_axisym_wash(s);
  size_t n_snap = is_main ? pb->n_snap : 0;
  if (st == MN_OK && n_snap > 0) {
    st = mni_profiles_alloc(ctx, pb->snap_t_s, n_snap, z.face_m, z.n, &out->profiles);
    if (st == MN_OK)
      st = mni_field_store_alloc(ctx, pb->snap_t_s, n_snap, r.face_m, r.n, NULL, 0, z.face_m, z.n,
                                 &out->field);
  }
  /* Stops: the output times and the snapshot times, merged. */
  size_t k = 0, m = 0;
  while ((k < pb->n_out || m < n_snap) && st == MN_OK) {
    bool is_out, is_snap;
    double tout =
        mni_next_stop(pb->out_t_s, pb->n_out, k, pb->snap_t_s, n_snap, m, &is_out, &is_snap);
    while (st == MN_OK && t < tout) {
      double target = tout;
      if (t_dry > t && t_dry < target) target = t_dry;
      if (t_wash > t && t_wash < target) target = t_wash;
      st = mni_axisym_advance(s, target);
      t = target;
      if (st == MN_OK && t == t_wash)
        washed += mni_axisym_wash(s);
      else if (st == MN_OK && t == t_dry)
        mni_axisym_restart(s);
    }
    if (st != MN_OK) break;
    if (is_snap) snapshot(s, &r, &z, mat, mats, m++, out);
    if (!is_out) continue;
    double M, E, A = mni_axisym_area_m2(s), dis, dep;
    mni_axisym_vehicle_state(s, &M, &E);
    mni_vehicle_split(&pb->vehicle, tout, M, &dis, &dep);
    mni_spatial_tally tl = mni_axisym_tallies(s);
    mni_axisym_amounts(s, per_mat);
    double b[MN_N_COMP] = {0};
    b[MN_COMP_VEHICLE] = dis;
    b[MN_COMP_DEPOSIT] = dep;
    b[MN_COMP_EVAPORATED] = E;
    b[MN_COMP_WASHED] = washed;
    for (size_t q = 0; q < 2 * col->n_layers; q++)
      b[layer_comp[q % col->n_layers]] += per_mat[q] / A;
    b[MN_COMP_ABSORBED] = (tl.cleared_kg + tl.to_bottom_kg) / A;
    out->t_s[k] = tout;
    out->flux_kg_per_m2_s[k] += weight * mni_axisym_absorption_rate(s) / A;
    for (int c = 0; c < MN_N_COMP; c++)
      out->amount[c][k] += weight * b[c];
    k++;
  }
  if (st == MN_OK) out->n_steps += mni_axisym_steps(s);
  mni_axisym_destroy(&s);
  if (mat != NULL) mn_free(ctx, mat, r.n * z.n);
  mni_axis_free(ctx, &r);
  mni_axis_free(ctx, &z);
  return st;
}

mn_status mni_absorb_axisym(mn_ctx *ctx, const mni_problem1d *pb, double depth_sd_m,
                            mni_solution1d *out)
{
  MN_REQUIRE(ctx, pb->n_columns == 2 && pb->pore_density_per_m2 > 0 && pb->pore_radius_m > 0,
             MN_E_ARG,
             "axisymmetric model (internal): needs channels (density %g /cm², radius %g µm)",
             pb->pore_density_per_m2 * 1e-4, mn_m_to_um(pb->pore_radius_m));
  mni_skin_column col;
  mn_compartment layer_comp[MNI_MAX_LAYERS];
  mni_absorb_column(pb, &col, layer_comp);
  MN_TRY(mni_absorb_alloc(ctx, pb->n_out, out));
  double dose = mni_vehicle_dose(&pb->vehicle);
  out->dose_kg_per_m2 = dose;
  /* depths: Gauss-Hermite with three nodes over the spread between channels, kept inside the
   * skin (at least 1 µm below the surface, above the sink) */
  double d = pb->pore_depth_m, sd = depth_sd_m > 0 ? depth_sd_m : 0.0;
  double depth[3] = {d - sqrt(3.0) * sd, d, d + sqrt(3.0) * sd}, w[3] = {1.0 / 6, 2.0 / 3, 1.0 / 6};
  mn_status st = MN_OK;
  for (int q = 0; q < 3 && st == MN_OK; q++) {
    if (sd == 0.0 && q != 1) continue;
    double dq = fmin(fmax(depth[q], 1e-6), pb->bottom_m - 1e-6);
    st = run_cell(ctx, pb, &col, layer_comp, dq, sd == 0.0 ? 1.0 : w[q], q == 1, out);
  }
  if (st != MN_OK) {
    mni_solution1d_free(ctx, out);
    return st;
  }
  return mni_absorb_finish(ctx, out, "axisymmetric");
}

mn_status mni_absorb_finish(mn_ctx *ctx, mni_solution1d *out, const char *model)
{
  double worst = 0.0;
  for (size_t k = 0; k < out->n_out; k++) {
    mni_budget b;
    for (int c = 0; c < MN_N_COMP; c++)
      b.amount[c] = out->amount[c][k];
    worst = fmax(worst, mni_budget_error(&b, out->dose_kg_per_m2));
  }
  out->mass_balance_error = worst;
  if (!isfinite(worst)) {
    mni_solution1d_free(ctx, out);
    return mni_fail(ctx, MN_E_NUMERIC, "%s model: non-finite amounts", model);
  }
  return MN_OK;
}
