/* The snapshots a run keeps for people to look at: concentration-depth profiles (every model)
 * and the concentration field (axisymmetric, 3d), at the scenario's profile times. */
#include <string.h>

#include "transport/transport_int.h"

size_t mni_profile_times(const mn_scenario *s, double *t_s)
{
  double end = s->simulation.duration_s;
  int n = s->simulation.n_profile_times;
  if (n <= 0) {
    /* Log-spread: while the channels are open (15 min of a day), 1 h, 4 h and the end. */
    const double frac[4] = {1.0 / 96, 1.0 / 24, 1.0 / 6, 1.0};
    for (size_t k = 0; k < 4; k++)
      t_s[k] = frac[k] * end;
    return 4;
  }
  if (n > MN_PROFILE_TIMES_MAX) n = MN_PROFILE_TIMES_MAX;
  memcpy(t_s, s->simulation.profile_times_s, (size_t)n * sizeof *t_s);
  return (size_t)n;
}

static double *copy_of(mn_ctx *ctx, const double *v, size_t n)
{
  double *c = mn_alloc(ctx, n * sizeof *c);
  if (c != NULL) memcpy(c, v, n * sizeof *c);
  return c;
}

mn_status mni_profiles_alloc(mn_ctx *ctx, const double *t_s, size_t n_t, const double *z_edges_m,
                             size_t n_z, mni_profiles *out)
{
  memset(out, 0, sizeof *out);
  if (n_t == 0) return MN_OK;
  out->n_t = n_t;
  out->n_z = n_z;
  out->t_s = copy_of(ctx, t_s, n_t);
  out->z_edges_m = copy_of(ctx, z_edges_m, n_z + 1);
  out->conc_kg_per_m3 = mn_calloc(ctx, n_t * n_z, sizeof(double));
  if (out->t_s == NULL || out->z_edges_m == NULL || out->conc_kg_per_m3 == NULL) {
    mni_profiles_free(ctx, out);
    return MN_E_NOMEM;
  }
  return MN_OK;
}

void mni_profiles_free(mn_ctx *ctx, mni_profiles *p)
{
  if (p == NULL) return;
  mn_free(ctx, p->t_s, p->n_t * sizeof(double));
  mn_free(ctx, p->z_edges_m, (p->n_z + 1) * sizeof(double));
  mn_free(ctx, p->conc_kg_per_m3, p->n_t * p->n_z * sizeof(double));
  memset(p, 0, sizeof *p);
}

mn_status mni_field_store_alloc(mn_ctx *ctx, const double *t_s, size_t n_t, const double *x_edges_m,
                                size_t n_x, const double *y_edges_m, size_t n_y,
                                const double *z_edges_m, size_t n_z, mni_field_store *out)
{
  memset(out, 0, sizeof *out);
  if (n_t == 0) return MN_OK;
  out->is_3d = y_edges_m != NULL;
  out->n_x = n_x;
  out->n_y = out->is_3d ? n_y : 1;
  out->n_z = n_z;
  out->n_t = n_t;
  out->t_s = copy_of(ctx, t_s, n_t);
  out->x_edges_m = copy_of(ctx, x_edges_m, n_x + 1);
  out->y_edges_m = out->is_3d ? copy_of(ctx, y_edges_m, n_y + 1) : NULL;
  out->z_edges_m = copy_of(ctx, z_edges_m, n_z + 1);
  out->conc_kg_per_m3 = mn_calloc(ctx, n_t * n_x * out->n_y * n_z, sizeof(double));
  if (out->t_s == NULL || out->x_edges_m == NULL || (out->is_3d && out->y_edges_m == NULL) ||
      out->z_edges_m == NULL || out->conc_kg_per_m3 == NULL) {
    mni_field_store_free(ctx, out);
    return MN_E_NOMEM;
  }
  return MN_OK;
}

void mni_field_store_free(mn_ctx *ctx, mni_field_store *f)
{
  if (f == NULL) return;
  mn_free(ctx, f->t_s, f->n_t * sizeof(double));
  mn_free(ctx, f->x_edges_m, (f->n_x + 1) * sizeof(double));
  if (f->y_edges_m != NULL) mn_free(ctx, f->y_edges_m, (f->n_y + 1) * sizeof(double));
  mn_free(ctx, f->z_edges_m, (f->n_z + 1) * sizeof(double));
  mn_free(ctx, f->conc_kg_per_m3, f->n_t * f->n_x * f->n_y * f->n_z * sizeof(double));
  memset(f, 0, sizeof *f);
}
