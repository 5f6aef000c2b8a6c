/* The 3D LOD diffusion solver (design in lod3d_int.h). */
#include <math.h>
#include <omp.h>
#include <string.h>

#include "core/core_int.h"
#include "numerics/lod3d_int.h"

#define LANES 8 /* lines swept together */
#define CLASS_DOUBLES 9 /* per cell of a line class: sub m cp zc w lo dg up, one spare */

/* The factorised tridiagonal system of one class of identical lines (line order). */
typedef struct line_class {
  uint64_t hash;
  uint8_t *mats;       /* material id of each cell along the line */
  double *sub;         /* sub-diagonal */
  double *m;           /* 1 / pivot */
  double *cp;          /* super-diagonal / pivot */
  double *zc;          /* periodic: Sherman-Morrison vector (NULL otherwise) */
  double *w;           /* z: clearance weight dt k K h per cell [m], for the tally (NULL: none) */
  double bg, invden;   /* periodic scalars */
  double bot_g, top_g; /* boundary conductance per area / K: 1 / (h / (2 D K)) [m/s] */
  double gm_top;       /* donor term of the last row after elimination: (dt / (K h R)) m_last */
  /* the matrix before factorisation, minus I (= -dt A_d), for the Douglas scheme's explicit
   * evaluation: row s is lo u[s-1] + dg u[s] + up u[s+1], plus wrap_first u[n-1] in row 0
   * and wrap_last u[0] in row n-1 on a periodic line; a_top couples the last row to the
   * donor (dt top_g / (K h)) */
  double *lo, *dg, *up;
  double wrap_first, wrap_last, a_top;
} line_class;

/* All lines of one direction. */
typedef struct dir_lines {
  size_t n; /* cells along a line */
  size_t n_lines;
  uint32_t *cls; /* class of each line */
  line_class *classes;
  size_t n_classes, cap_classes;
  double *h; /* widths in line order */
  bool is_periodic, has_decay;
  mni_bc first_bc, last_bc;
} dir_lines;

struct mni_lod3d {
  mn_ctx *ctx;
  size_t nx, ny, nz;
  double *hx, *hy, *hz;
  uint8_t *mat;
  mni_material *mats;
  size_t n_mats;
  double *u;
  dir_lines dx, dy, dz;
  mni_bc top, bottom;
  double donor_cap_m3, donor_u, dt_s;
  int n_threads;
  double donor_den_m3_per_s; /* sum over columns of A top_g (1 - gm_top) */
  /* the donor's contact with each material on top: top_g = frac / (RHALF + r) */
  double top_frac[256], top_r_s_per_m[256];
  double *part;              /* per-slab partial sums: 4 * ny */
  double *amount_part;       /* per-slab amounts of each material: ny * n_mats */
  mni_lod3d_scheme scheme;
  double *du;                /* Douglas: the increment dt A u, swept in place (N) */
  double *xpart;             /* Douglas: per-plane flows of the explicit part: 3 * nz */
  mni_spatial_tally tally;
};

/* ---- line classes ------------------------------------------------------------------------- */

static uint64_t hash_bytes(const uint8_t *b, size_t n)
{
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < n; i++)
    h = (h ^ b[i]) * 1099511628211ull;
  return h;
}

static void class_free(mn_ctx *ctx, line_class *c, size_t n)
{
  mn_free(ctx, c->mats, n);
  mn_free(ctx, c->sub, CLASS_DOUBLES * n * sizeof(double));
  memset(c, 0, sizeof *c);
}

/* Class id of the line whose materials are `seq`; adds a class if new. */
static mn_status class_find_or_add(mn_ctx *ctx, dir_lines *d, const uint8_t *seq, uint32_t *id)
{
  uint64_t h = hash_bytes(seq, d->n);
  for (size_t c = 0; c < d->n_classes; c++)
    if (d->classes[c].hash == h && memcmp(d->classes[c].mats, seq, d->n) == 0) {
      *id = (uint32_t)c;
      return MN_OK;
    }
  if (d->n_classes == d->cap_classes) {
    size_t cap = d->cap_classes ? 2 * d->cap_classes : 16;
    line_class *nc = mn_realloc(ctx, d->classes, d->cap_classes * sizeof *nc, cap * sizeof *nc);
    if (nc == NULL) return MN_E_NOMEM;
    d->classes = nc;
    d->cap_classes = cap;
  }
  line_class *c = &d->classes[d->n_classes];
  memset(c, 0, sizeof *c);
  c->hash = h;
  c->mats = mn_alloc(ctx, d->n);
  c->sub = mn_calloc(ctx, CLASS_DOUBLES * d->n, sizeof(double));
  if (c->mats == NULL || c->sub == NULL) {
    class_free(ctx, c, d->n);
    return MN_E_NOMEM;
  }
  memcpy(c->mats, seq, d->n);
  c->m = c->sub + d->n;
  c->lo = c->sub + 5 * d->n;
  c->dg = c->sub + 6 * d->n;
  c->up = c->sub + 7 * d->n;
  c->cp = c->m + d->n;
  *id = (uint32_t)d->n_classes++;
  return MN_OK;
}

/* Thomas factorisation of (sub, diag, sup) into c->sub, c->m, c->cp. */
static void thomas_factor(size_t n, const double *sub, const double *diag, const double *sup,
                          line_class *c)
{
  c->m[0] = 1.0 / diag[0];
  c->cp[0] = sup[0] * c->m[0];
  c->sub[0] = 0.0;
  for (size_t s = 1; s < n; s++) {
    c->sub[s] = sub[s];
    c->m[s] = 1.0 / (diag[s] - sub[s] * c->cp[s - 1]);
    c->cp[s] = sup[s] * c->m[s];
  }
}

static void thomas_solve_one(size_t n, const line_class *c, double *x)
{
  x[0] *= c->m[0];
  for (size_t s = 1; s < n; s++)
    x[s] = (x[s] - c->sub[s] * x[s - 1]) * c->m[s];
  for (size_t s = n - 1; s-- > 0;)
    x[s] -= c->cp[s] * x[s + 1];
}

/* Build the matrix of class c for step dt and factorise it. work: 3 n doubles. */
static void class_factor(const mni_lod3d *S, const dir_lines *d, line_class *c, double *work)
{
  size_t n = d->n;
  double *sub = work, *diag = work + n, *sup = work + 2 * n;
  double dt = S->dt_s;
  const mni_material *M = S->mats;
#define DKOF(s)  (M[c->mats[s]].D_m2_per_s * M[c->mats[s]].K)
#define RHALF(s) (DKOF(s) > 0.0 ? d->h[s] / (2.0 * DKOF(s)) : HUGE_VAL)
#define ALPHA(s) (dt / (M[c->mats[s]].K * d->h[s]))
  bool cyclic = d->is_periodic && n >= 3;
  for (size_t s = 0; s < n; s++) {
    double lo = s > 0 ? -ALPHA(s) / (RHALF(s - 1) + RHALF(s)) : 0.0;
    double up = s + 1 < n ? -ALPHA(s) / (RHALF(s) + RHALF(s + 1)) : 0.0;
    if (d->is_periodic && n == 2) { /* both faces join the same two cells */
      lo *= 2.0;
      up *= 2.0;
    }
    sub[s] = lo;
    sup[s] = up;
    diag[s] = 1.0 - lo - up;
    if (d->has_decay) diag[s] += dt * M[c->mats[s]].k_per_s;
  }
  c->bot_g = c->top_g = c->gm_top = 0.0;
  c->wrap_first = c->wrap_last = c->a_top = 0.0;
  c->zc = NULL;
  memcpy(c->lo, sub, n * sizeof *sub);
  memcpy(c->up, sup, n * sizeof *sup);
  if (cyclic) {
    double R = RHALF(n - 1) + RHALF(0);
    double beta = -ALPHA(0) / R, alpha = -ALPHA(n - 1) / R;
    diag[0] -= beta;
    diag[n - 1] -= alpha;
    for (size_t s = 0; s < n; s++)
      c->dg[s] = diag[s] - 1.0;
    c->wrap_first = beta;
    c->wrap_last = alpha;
    double gamma = -diag[0];
    diag[0] -= gamma;
    diag[n - 1] -= alpha * beta / gamma;
    thomas_factor(n, sub, diag, sup, c);
    c->zc = c->cp + n;
    memset(c->zc, 0, n * sizeof *c->zc);
    c->zc[0] = gamma;
    c->zc[n - 1] = alpha;
    thomas_solve_one(n, c, c->zc);
    c->bg = beta / gamma;
    c->invden = 1.0 / (1.0 + c->zc[0] + c->bg * c->zc[n - 1]);
  } else {
    if (d->first_bc == MNI_BC_SINK) {
      c->bot_g = 1.0 / RHALF(0);
      diag[0] += ALPHA(0) * c->bot_g;
    }
    if (d->last_bc == MNI_BC_SINK) c->top_g = 1.0 / RHALF(n - 1);
    if (d->last_bc == MNI_BC_DONOR) {
      uint8_t mt = c->mats[n - 1];
      c->top_g = S->top_frac[mt] > 0.0 ? S->top_frac[mt] / (RHALF(n - 1) + S->top_r_s_per_m[mt]) : 0.0;
    }
    if (c->top_g > 0.0) {
      diag[n - 1] += ALPHA(n - 1) * c->top_g;
    }
    if (d->last_bc == MNI_BC_DONOR) c->a_top = ALPHA(n - 1) * c->top_g;
    for (size_t s = 0; s < n; s++)
      c->dg[s] = diag[s] - 1.0;
    thomas_factor(n, sub, diag, sup, c);
    if (d->last_bc == MNI_BC_DONOR) c->gm_top = ALPHA(n - 1) * c->top_g * c->m[n - 1];
  }
  c->w = NULL;
  if (d->has_decay) {
    c->w = c->cp + 2 * n;
    for (size_t s = 0; s < n; s++)
      c->w[s] = dt * M[c->mats[s]].k_per_s * M[c->mats[s]].K * d->h[s];
  }
#undef RHALF
#undef ALPHA
#undef DKOF
}

/* Material ids of line L of direction dir (0 x, 1 y, 2 z) in line order. */
static void line_materials(const mni_lod3d *S, int dir, size_t L, uint8_t *seq)
{
  size_t nx = S->nx, ny = S->ny, nz = S->nz;
  if (dir == 0) {
    memcpy(seq, S->mat + nx * L, nx);
  } else if (dir == 1) {
    size_t i = L % nx, k = L / nx;
    for (size_t j = 0; j < ny; j++)
      seq[j] = S->mat[i + nx * (j + ny * k)];
  } else {
    for (size_t s = 0; s < nz; s++) /* bottom up */
      seq[s] = S->mat[L + nx * ny * (nz - 1 - s)];
  }
}

static mn_status dir_build(mni_lod3d *S, int dir)
{
  mn_ctx *ctx = S->ctx;
  dir_lines *d = dir == 0 ? &S->dx : dir == 1 ? &S->dy : &S->dz;
  size_t n = dir == 0 ? S->nx : dir == 1 ? S->ny : S->nz;
  const double *h = dir == 0 ? S->hx : dir == 1 ? S->hy : S->hz;
  d->n = n;
  d->n_lines = S->nx * S->ny * S->nz / n;
  d->is_periodic = dir < 2;
  d->has_decay = false;
  if (dir == 2)
    for (size_t m = 0; m < S->n_mats; m++)
      if (S->mats[m].k_per_s > 0.0) d->has_decay = true;
  d->first_bc = dir == 2 ? S->bottom : MNI_BC_ZERO_FLUX;
  d->last_bc = dir == 2 ? S->top : MNI_BC_ZERO_FLUX;
  d->cls = mn_alloc(ctx, d->n_lines * sizeof *d->cls);
  d->h = mn_alloc(ctx, n * sizeof *d->h);
  uint8_t *seq = mn_alloc(ctx, n);
  if (d->cls == NULL || d->h == NULL || seq == NULL) {
    mn_free(ctx, seq, n);
    return MN_E_NOMEM;
  }
  for (size_t s = 0; s < n; s++)
    d->h[s] = dir == 2 ? h[n - 1 - s] : h[s];
  mn_status st = MN_OK;
  for (size_t L = 0; L < d->n_lines && st == MN_OK; L++) {
    line_materials(S, dir, L, seq);
    st = class_find_or_add(ctx, d, seq, &d->cls[L]);
  }
  mn_free(ctx, seq, n);
  return st;
}

static mn_status refactor(mni_lod3d *S, bool periodic)
{
  size_t nmax = S->nx > S->ny ? S->nx : S->ny;
  nmax = nmax > S->nz ? nmax : S->nz;
  double *work = mn_alloc(S->ctx, 3 * nmax * sizeof *work);
  if (work == NULL) return MN_E_NOMEM;
  dir_lines *dd[3] = {&S->dx, &S->dy, &S->dz};
  for (int dir = 0; dir < 3; dir++) {
    dd[dir]->is_periodic = dir < 2 && periodic;
    for (size_t c = 0; c < dd[dir]->n_classes; c++)
      class_factor(S, dd[dir], &dd[dir]->classes[c], work);
  }
  mn_free(S->ctx, work, 3 * nmax * sizeof *work);
  /* the donor's implicit balance needs sum_columns A top_g (1 - gm_top), in slab order */
  double den = 0.0;
  for (size_t j = 0; j < S->ny; j++) {
    double row = 0.0;
    for (size_t i = 0; i < S->nx; i++) {
      const line_class *c = &S->dz.classes[S->dz.cls[i + S->nx * j]];
      row += S->hx[i] * S->hy[j] * c->top_g * (1.0 - c->gm_top);
    }
    den += row;
  }
  S->donor_den_m3_per_s = den;
  return MN_OK;
}

/* ---- create / destroy --------------------------------------------------------------------- */

void mni_lod3d_destroy(mni_lod3d **ps)
{
  if (ps == NULL || *ps == NULL) return;
  mni_lod3d *S = *ps;
  mn_ctx *ctx = S->ctx;
  size_t N = S->nx * S->ny * S->nz;
  dir_lines *dd[3] = {&S->dx, &S->dy, &S->dz};
  for (int dir = 0; dir < 3; dir++) {
    dir_lines *d = dd[dir];
    for (size_t c = 0; c < d->n_classes; c++)
      class_free(ctx, &d->classes[c], d->n);
    mn_free(ctx, d->classes, d->cap_classes * sizeof *d->classes);
    mn_free(ctx, d->cls, d->n_lines * sizeof *d->cls);
    mn_free(ctx, d->h, d->n * sizeof *d->h);
  }
  mn_free(ctx, S->hx, S->nx * sizeof(double));
  mn_free(ctx, S->hy, S->ny * sizeof(double));
  mn_free(ctx, S->hz, S->nz * sizeof(double));
  mn_free(ctx, S->mat, N);
  mn_free(ctx, S->mats, S->n_mats * sizeof *S->mats);
  mn_free(ctx, S->u, N * sizeof *S->u);
  mn_free(ctx, S->part, 4 * S->ny * sizeof *S->part);
  mn_free(ctx, S->amount_part, S->ny * S->n_mats * sizeof *S->amount_part);
  mn_free(ctx, S->du, N * sizeof *S->du);
  mn_free(ctx, S->xpart, 3 * S->nz * sizeof *S->xpart);
  mn_free(ctx, S, sizeof *S);
  *ps = NULL;
}

static mn_status check_material(mn_ctx *ctx, size_t id, mni_material m)
{
  MN_REQUIRE(ctx, isfinite(m.D_m2_per_s) && m.D_m2_per_s >= 0.0, MN_E_ARG,
             "material %zu: D_m2_per_s = %g must be >= 0", id, m.D_m2_per_s);
  MN_REQUIRE(ctx, isfinite(m.K) && m.K > 0.0, MN_E_ARG, "material %zu: K = %g must be > 0", id,
             m.K);
  MN_REQUIRE(ctx, isfinite(m.k_per_s) && m.k_per_s >= 0.0, MN_E_ARG,
             "material %zu: k_per_s = %g must be >= 0", id, m.k_per_s);
  return MN_OK;
}

mn_status mni_lod3d_create(mn_ctx *ctx, const mni_lod3d_spec *spec, mni_lod3d **out)
{
  *out = NULL;
  MN_REQUIRE(ctx, spec->x && spec->y && spec->z && spec->material && spec->materials, MN_E_ARG,
             "lod3d: axes, material map and material table are required");
  MN_REQUIRE(ctx, spec->n_materials > 0 && spec->n_materials <= 256, MN_E_ARG,
             "lod3d: n_materials = %zu must be in [1, 256]", spec->n_materials);
  MN_REQUIRE(ctx, isfinite(spec->dt_s) && spec->dt_s > 0.0, MN_E_ARG,
             "lod3d: dt_s = %g must be > 0", spec->dt_s);
  MN_REQUIRE(ctx, spec->bottom != MNI_BC_DONOR, MN_E_ARG, "lod3d: the donor sits on the top");
  MN_REQUIRE(ctx, spec->scheme == MNI_LOD_SPLIT || spec->scheme == MNI_LOD_DOUGLAS, MN_E_ARG,
             "lod3d: scheme %d is not SPLIT (0) or DOUGLAS (1)", (int)spec->scheme);
  size_t nx = spec->x->n, ny = spec->y->n, nz = spec->z->n;
  MN_REQUIRE(ctx, nx > 0 && ny > 0 && nz > 0, MN_E_ARG, "lod3d: empty axis");
  for (size_t m = 0; m < spec->n_materials; m++)
    MN_TRY(check_material(ctx, m, spec->materials[m]));
  size_t N = nx * ny * nz;
  for (size_t c = 0; c < N; c++)
    MN_REQUIRE(ctx, spec->material[c] < spec->n_materials, MN_E_ARG,
               "lod3d: cell %zu has material %u, only %zu defined", c, spec->material[c],
               spec->n_materials);
  mni_lod3d *S = mn_calloc(ctx, 1, sizeof *S);
  if (S == NULL) return MN_E_NOMEM;
  S->ctx = ctx;
  S->nx = nx;
  S->ny = ny;
  S->nz = nz;
  S->n_mats = spec->n_materials;
  S->top = spec->top;
  S->bottom = spec->bottom;
  S->donor_cap_m3 = spec->donor_capacity_m3 > 0.0 ? spec->donor_capacity_m3 : 0.0;
  S->donor_u = spec->top == MNI_BC_DONOR ? spec->donor_u : 0.0;
  S->dt_s = spec->dt_s;
  S->n_threads = spec->n_threads > 0 ? spec->n_threads : omp_get_max_threads();
  for (size_t m = 0; m < 256; m++)
    S->top_frac[m] = 1.0, S->top_r_s_per_m[m] = 0.0;
  S->hx = mn_alloc(ctx, nx * sizeof(double));
  S->hy = mn_alloc(ctx, ny * sizeof(double));
  S->hz = mn_alloc(ctx, nz * sizeof(double));
  S->mat = mn_alloc(ctx, N);
  S->mats = mn_alloc(ctx, S->n_mats * sizeof *S->mats);
  S->u = mn_calloc(ctx, N, sizeof *S->u);
  S->part = mn_calloc(ctx, 4 * ny, sizeof *S->part);
  S->amount_part = mn_calloc(ctx, ny * spec->n_materials, sizeof *S->amount_part);
  S->scheme = spec->scheme;
  mn_status st = MN_OK;
  if (S->scheme == MNI_LOD_DOUGLAS) {
    S->du = mn_alloc(ctx, N * sizeof *S->du);
    S->xpart = mn_calloc(ctx, 3 * nz, sizeof *S->xpart);
    if (!S->du || !S->xpart) {
      st = MN_E_NOMEM;
      goto fail;
    }
  }
  if (!S->hx || !S->hy || !S->hz || !S->mat || !S->mats || !S->u || !S->part || !S->amount_part) {
    st = MN_E_NOMEM;
    goto fail;
  }
  for (size_t i = 0; i < nx; i++)
    S->hx[i] = mni_axis_width(spec->x, i);
  for (size_t j = 0; j < ny; j++)
    S->hy[j] = mni_axis_width(spec->y, j);
  for (size_t k = 0; k < nz; k++)
    S->hz[k] = mni_axis_width(spec->z, k);
  memcpy(S->mat, spec->material, N);
  memcpy(S->mats, spec->materials, S->n_mats * sizeof *S->mats);
  for (int dir = 0; dir < 3; dir++)
    MN_CHECK_GOTO(dir_build(S, dir));
  MN_CHECK_GOTO(refactor(S, spec->is_periodic_xy));
  S->tally.donor_kg = S->donor_cap_m3 * S->donor_u;
  *out = S;
  return MN_OK;
fail:
  mni_lod3d_destroy(&S);
  return st;
}

/* ---- sweeps ------------------------------------------------------------------------------- */

/* Forward elimination of nl lanes: element s of lane r at u[s es + r ls]. */
static void sweep_forward(double *u, ptrdiff_t es, ptrdiff_t ls, size_t n, size_t nl,
                          const line_class *const *c, bool same)
{
  if (same && ls == 1 && nl == LANES) {
    const double *a = c[0]->sub, *m = c[0]->m;
    for (size_t r = 0; r < LANES; r++)
      u[r] *= m[0];
    for (size_t s = 1; s < n; s++) {
      double *q = u + (ptrdiff_t)s * es;
      const double *qp = q - es;
      double as = a[s], ms = m[s];
      for (size_t r = 0; r < LANES; r++)
        q[r] = (q[r] - as * qp[r]) * ms;
    }
    return;
  }
  for (size_t r = 0; r < nl; r++)
    u[(ptrdiff_t)r * ls] *= c[r]->m[0];
  for (size_t s = 1; s < n; s++) {
    double *q = u + (ptrdiff_t)s * es;
    for (size_t r = 0; r < nl; r++) {
      double *p = q + (ptrdiff_t)r * ls;
      *p = (*p - c[r]->sub[s] * p[-es]) * c[r]->m[s];
    }
  }
}

/* Back substitution; then the periodic correction. acc[r] += sum_s w_s x_s when w is set. */
static void sweep_back(double *u, ptrdiff_t es, ptrdiff_t ls, size_t n, size_t nl,
                       const line_class *const *c, bool same, double *acc)
{
  if (same && ls == 1 && nl == LANES && c[0]->zc == NULL) {
    const double *cp = c[0]->cp, *w = c[0]->w;
    double *top = u + (ptrdiff_t)(n - 1) * es;
    if (w != NULL)
      for (size_t r = 0; r < LANES; r++)
        acc[r] += w[n - 1] * top[r];
    for (size_t s = n - 1; s-- > 0;) {
      double *q = u + (ptrdiff_t)s * es;
      const double *qn = q + es;
      double cs = cp[s];
      for (size_t r = 0; r < LANES; r++)
        q[r] -= cs * qn[r];
      if (w != NULL) {
        double ws = w[s];
        for (size_t r = 0; r < LANES; r++)
          acc[r] += ws * q[r];
      }
    }
    return;
  }
  for (size_t s = n - 1; s-- > 0;) {
    double *q = u + (ptrdiff_t)s * es;
    for (size_t r = 0; r < nl; r++) {
      double *p = q + (ptrdiff_t)r * ls;
      *p -= c[r]->cp[s] * p[es];
    }
  }
  for (size_t r = 0; r < nl; r++) {
    double *p = u + (ptrdiff_t)r * ls;
    if (c[r]->zc != NULL) {
      double f = (p[0] + c[r]->bg * p[(ptrdiff_t)(n - 1) * es]) * c[r]->invden;
      for (size_t s = 0; s < n; s++)
        p[(ptrdiff_t)s * es] -= f * c[r]->zc[s];
    }
    if (c[r]->w != NULL)
      for (size_t s = 0; s < n; s++)
        acc[r] += c[r]->w[s] * p[(ptrdiff_t)s * es];
  }
}

static bool lanes_same(const line_class *const *c, size_t nl)
{
  for (size_t r = 1; r < nl; r++)
    if (c[r] != c[0]) return false;
  return true;
}

/* x then y sweeps of plane k. */
static void sweep_plane(mni_lod3d *S, size_t k)
{
  size_t nx = S->nx, ny = S->ny;
  double *plane = S->u + nx * ny * k;
  const line_class *c[LANES];
  if (nx > 1)
    for (size_t j0 = 0; j0 < ny; j0 += LANES) {
      size_t nl = ny - j0 < LANES ? ny - j0 : LANES;
      for (size_t r = 0; r < nl; r++)
        c[r] = &S->dx.classes[S->dx.cls[j0 + r + ny * k]];
      bool same = lanes_same(c, nl);
      double *u = plane + nx * j0;
      sweep_forward(u, 1, (ptrdiff_t)nx, nx, nl, c, same);
      sweep_back(u, 1, (ptrdiff_t)nx, nx, nl, c, same, NULL);
    }
  if (ny > 1)
    for (size_t i0 = 0; i0 < nx; i0 += LANES) {
      size_t nl = nx - i0 < LANES ? nx - i0 : LANES;
      for (size_t r = 0; r < nl; r++)
        c[r] = &S->dy.classes[S->dy.cls[i0 + r + nx * k]];
      bool same = lanes_same(c, nl);
      double *u = plane + i0;
      sweep_forward(u, (ptrdiff_t)nx, 1, ny, nl, c, same);
      sweep_back(u, (ptrdiff_t)nx, 1, ny, nl, c, same, NULL);
    }
}

/* z sweep of slab j. phase 1: elimination (and the sum of A top_g y_top into part[3 ny + j]);
 * phase 2: donor term, back substitution and tallies; phase 3: both. */
static void sweep_slab(mni_lod3d *S, size_t j, int phase)
{
  size_t nx = S->nx, ny = S->ny, nz = S->nz;
  ptrdiff_t es = -(ptrdiff_t)(nx * ny);
  double dt = S->dt_s, uv = S->donor_u;
  double cleared = 0.0, bottom = 0.0, top = 0.0, ysum = 0.0;
  const line_class *c[LANES];
  for (size_t i0 = 0; i0 < nx; i0 += LANES) {
    size_t nl = nx - i0 < LANES ? nx - i0 : LANES;
    for (size_t r = 0; r < nl; r++)
      c[r] = &S->dz.classes[S->dz.cls[i0 + r + nx * j]];
    bool same = lanes_same(c, nl);
    double *u = S->u + i0 + nx * j + nx * ny * (nz - 1); /* bottom cell of the column */
    double *utop = S->u + i0 + nx * j;
    if (phase & 1) {
      sweep_forward(u, es, 1, nz, nl, c, same);
      if (phase == 1)
        for (size_t r = 0; r < nl; r++)
          ysum += S->hx[i0 + r] * S->hy[j] * c[r]->top_g * utop[r];
    }
    if (phase & 2) {
      if (S->top == MNI_BC_DONOR)
        for (size_t r = 0; r < nl; r++)
          utop[r] += c[r]->gm_top * uv;
      double acc[LANES] = {0};
      sweep_back(u, es, 1, nz, nl, c, same, acc);
      for (size_t r = 0; r < nl; r++) {
        double A = S->hx[i0 + r] * S->hy[j];
        cleared += A * acc[r];
        bottom += A * dt * c[r]->bot_g * u[r];
        if (S->top == MNI_BC_SINK)
          top += A * dt * c[r]->top_g * utop[r];
        else if (S->top == MNI_BC_DONOR)
          top += A * dt * c[r]->top_g * (uv - utop[r]);
      }
    }
  }
  if (phase == 1) {
    S->part[3 * ny + j] = ysum;
  } else {
    S->part[j] = cleared;
    S->part[ny + j] = bottom;
    S->part[2 * ny + j] = top;
  }
}

static double sum_part(const double *p, size_t n)
{
  double s = 0.0;
  for (size_t j = 0; j < n; j++)
    s += p[j];
  return s;
}

/* The three sweeps of one step on S->u: x and y per plane, then z per slab with the donor's
 * implicit balance; the flows of the z sweep are added to the tallies. */
static void sweep_all(mni_lod3d *S)
{
  size_t nz = S->nz, ny = S->ny;
  bool finite_donor = S->top == MNI_BC_DONOR && S->donor_cap_m3 > 0.0;
  ptrdiff_t nzp = (ptrdiff_t)nz, nyp = (ptrdiff_t)ny;
#pragma omp parallel for schedule(static) num_threads(S->n_threads)
  for (ptrdiff_t k = 0; k < nzp; k++)
    sweep_plane(S, (size_t)k);
  if (finite_donor) {
#pragma omp parallel for schedule(static) num_threads(S->n_threads)
    for (ptrdiff_t j = 0; j < nyp; j++)
      sweep_slab(S, (size_t)j, 1);
    double ysum = sum_part(S->part + 3 * ny, ny);
    double cap = S->donor_cap_m3;
    S->donor_u = (cap * S->donor_u + S->dt_s * ysum) / (cap + S->dt_s * S->donor_den_m3_per_s);
#pragma omp parallel for schedule(static) num_threads(S->n_threads)
    for (ptrdiff_t j = 0; j < nyp; j++)
      sweep_slab(S, (size_t)j, 2);
  } else {
#pragma omp parallel for schedule(static) num_threads(S->n_threads)
    for (ptrdiff_t j = 0; j < nyp; j++)
      sweep_slab(S, (size_t)j, 3);
  }
  S->tally.cleared_kg += sum_part(S->part, ny);
  S->tally.to_bottom_kg += sum_part(S->part + ny, ny);
  if (S->top == MNI_BC_SINK)
    S->tally.to_top_sink_kg += sum_part(S->part + 2 * ny, ny);
  else if (S->top == MNI_BC_DONOR)
    S->tally.from_donor_kg += sum_part(S->part + 2 * ny, ny);
}

/* (M_d - I) u at element s of a line (element stride es from line start p). */
static inline double line_apply(const line_class *c, const double *p, ptrdiff_t es, size_t n,
                                size_t s)
{
  double v = c->dg[s] * p[(ptrdiff_t)s * es];
  if (s > 0) v += c->lo[s] * p[(ptrdiff_t)(s - 1) * es];
  if (s + 1 < n) v += c->up[s] * p[(ptrdiff_t)(s + 1) * es];
  if (s == 0 && c->wrap_first != 0.0) v += c->wrap_first * p[(ptrdiff_t)(n - 1) * es];
  if (s + 1 == n && c->wrap_last != 0.0) v += c->wrap_last * p[0];
  return v;
}

/* Plane k of the Douglas scheme's explicit part: du = dt A u = -sum_d (M_d - I) u (+ the
 * donor's term on the top cells), and the flows dt F(u) of this plane into xpart[3 k ..]:
 * cleared, out at the bottom, in from the top (or out to a top sink). */
static void explicit_plane(mni_lod3d *S, size_t k, double uv)
{
  size_t nx = S->nx, ny = S->ny, nz = S->nz, s = nz - 1 - k; /* z lines run bottom up */
  ptrdiff_t plane = (ptrdiff_t)(nx * ny);
  double dt = S->dt_s, cleared = 0.0, bottom = 0.0, top = 0.0;
  for (size_t j = 0; j < ny; j++) {
    size_t row = nx * (j + ny * k);
    const double *u = S->u + row;
    double *du = S->du + row;
    const line_class *cx = &S->dx.classes[S->dx.cls[j + ny * k]];
    for (size_t i = 0; i < nx; i++)
      du[i] = nx > 1 ? -line_apply(cx, u, 1, nx, i) : 0.0;
    for (size_t i = 0; i < nx; i++) {
      const line_class *cy = &S->dy.classes[S->dy.cls[i + nx * k]];
      const line_class *cz = &S->dz.classes[S->dz.cls[i + nx * j]];
      double v = ny > 1 ? line_apply(cy, S->u + i + nx * ny * k, (ptrdiff_t)nx, ny, j) : 0.0;
      v += line_apply(cz, S->u + i + nx * j + (ptrdiff_t)(nz - 1) * plane, -plane, nz, s);
      du[i] -= v;
      double A = S->hx[i] * S->hy[j];
      if (cz->w != NULL) cleared += A * cz->w[s] * u[i];
      if (s == 0) bottom += A * dt * cz->bot_g * u[i];
      if (s + 1 == nz) {
        if (S->top == MNI_BC_DONOR) {
          du[i] += cz->a_top * uv;
          top += A * dt * cz->top_g * (uv - u[i]);
        } else if (S->top == MNI_BC_SINK) {
          top += A * dt * cz->top_g * u[i];
        }
      }
    }
  }
  S->xpart[3 * k] = cleared;
  S->xpart[3 * k + 1] = bottom;
  S->xpart[3 * k + 2] = top;
}

/* One Douglas step: du = dt A u explicitly (its flows tallied), then the sweeps on du with the
 * donor's increment, u += du. The tallies of the two parts add up to dt F(u') exactly. */
static void douglas_step(mni_lod3d *S)
{
  size_t nz = S->nz, N = S->nx * S->ny * nz;
  bool finite_donor = S->top == MNI_BC_DONOR && S->donor_cap_m3 > 0.0;
  double uv = S->top == MNI_BC_DONOR ? S->donor_u : 0.0;
  ptrdiff_t nzp = (ptrdiff_t)nz;
#pragma omp parallel for schedule(static) num_threads(S->n_threads)
  for (ptrdiff_t k = 0; k < nzp; k++)
    explicit_plane(S, (size_t)k, uv);
  double cleared = 0.0, bottom = 0.0, top = 0.0;
  for (size_t k = 0; k < nz; k++) {
    cleared += S->xpart[3 * k];
    bottom += S->xpart[3 * k + 1];
    top += S->xpart[3 * k + 2];
  }
  S->tally.cleared_kg += cleared;
  S->tally.to_bottom_kg += bottom;
  if (S->top == MNI_BC_SINK)
    S->tally.to_top_sink_kg += top;
  else if (S->top == MNI_BC_DONOR)
    S->tally.from_donor_kg += top;
  /* the sweeps act on the increment; the donor's increment: its explicit loss (finite), 0 for
   * a held donor */
  double *u = S->u;
  S->u = S->du;
  S->donor_u = finite_donor ? -top / S->donor_cap_m3 : 0.0;
  sweep_all(S);
  double dv = S->donor_u;
  S->u = u;
  S->donor_u = finite_donor ? uv + dv : uv;
  ptrdiff_t Np = (ptrdiff_t)N;
  double *du = S->du;
#pragma omp parallel for schedule(static) num_threads(S->n_threads)
  for (ptrdiff_t c = 0; c < Np; c++)
    u[c] += du[c];
}

mn_status mni_lod3d_step(mni_lod3d *S, size_t n_steps)
{
  for (size_t step = 0; step < n_steps; step++) {
    if (S->scheme == MNI_LOD_DOUGLAS)
      douglas_step(S);
    else
      sweep_all(S);
  }
  S->tally.donor_kg = S->donor_cap_m3 * S->donor_u;
  if (!isfinite(S->donor_u) || !isfinite(S->tally.cleared_kg))
    return mni_fail(S->ctx, MN_E_NUMERIC, "lod3d: non-finite donor or tally after %zu steps",
                    n_steps);
  return MN_OK;
}

double *mni_lod3d_u(mni_lod3d *S)
{
  return S->u;
}

size_t mni_lod3d_n_cells(const mni_lod3d *S)
{
  return S->nx * S->ny * S->nz;
}

void mni_lod3d_save(const mni_lod3d *S, mni_lod3d_snapshot *snap)
{
  memcpy(snap->u, S->u, S->nx * S->ny * S->nz * sizeof *snap->u);
  snap->tally = S->tally;
  snap->donor_u = S->donor_u;
}

void mni_lod3d_restore(mni_lod3d *S, const mni_lod3d_snapshot *snap)
{
  memcpy(S->u, snap->u, S->nx * S->ny * S->nz * sizeof *snap->u);
  S->tally = snap->tally;
  S->donor_u = snap->donor_u;
}

double mni_lod3d_donor_u(const mni_lod3d *S)
{
  return S->donor_u;
}

mn_status mni_lod3d_set_material(mni_lod3d *S, size_t id, mni_material m)
{
  MN_REQUIRE(S->ctx, id < S->n_mats, MN_E_ARG, "lod3d: material %zu of %zu", id, S->n_mats);
  MN_TRY(check_material(S->ctx, id, m));
  MN_REQUIRE(S->ctx, m.K == S->mats[id].K, MN_E_ARG,
             "lod3d: material %zu: K cannot change during a run (%g -> %g)", id, S->mats[id].K,
             m.K);
  bool periodic = S->dx.is_periodic || S->dy.is_periodic;
  S->mats[id] = m;
  return refactor(S, periodic);
}

mn_status mni_lod3d_set_materials(mni_lod3d *S, const mni_material *mats)
{
  bool same = true;
  for (size_t m = 0; m < S->n_mats; m++) {
    MN_TRY(check_material(S->ctx, m, mats[m]));
    MN_REQUIRE(S->ctx, mats[m].K == S->mats[m].K, MN_E_ARG,
               "lod3d: material %zu: K cannot change during a run (%g -> %g)", m, S->mats[m].K,
               mats[m].K);
    same = same && memcmp(&mats[m], &S->mats[m], sizeof *mats) == 0;
  }
  if (same) return MN_OK;
  memcpy(S->mats, mats, S->n_mats * sizeof *mats);
  return refactor(S, S->dx.is_periodic || S->dy.is_periodic);
}

mn_status mni_lod3d_set_top_contact(mni_lod3d *S, const double *frac, const double *r_s_per_m)
{
  bool same = true;
  for (size_t m = 0; m < S->n_mats; m++) {
    MN_REQUIRE(S->ctx, frac[m] >= 0.0 && frac[m] <= 1.0 && r_s_per_m[m] >= 0.0, MN_E_ARG,
               "lod3d: material %zu: top contact %g, resistance %g s/m", m, frac[m], r_s_per_m[m]);
    same = same && frac[m] == S->top_frac[m] && r_s_per_m[m] == S->top_r_s_per_m[m];
  }
  if (same) return MN_OK;
  memcpy(S->top_frac, frac, S->n_mats * sizeof *frac);
  memcpy(S->top_r_s_per_m, r_s_per_m, S->n_mats * sizeof *r_s_per_m);
  return refactor(S, S->dx.is_periodic || S->dy.is_periodic);
}

mn_status mni_lod3d_set_donor(mni_lod3d *S, bool is_on, double cap_m3, double u)
{
  MN_REQUIRE(S->ctx, S->top != MNI_BC_SINK, MN_E_ARG, "lod3d: the top is a sink, not a donor");
  MN_REQUIRE(S->ctx, isfinite(u) && isfinite(cap_m3), MN_E_ARG,
             "lod3d: donor u = %g, capacity %g m^3", u, cap_m3);
  S->donor_cap_m3 = cap_m3 > 0.0 ? cap_m3 : 0.0;
  S->donor_u = is_on ? u : 0.0;
  mni_bc top = is_on ? MNI_BC_DONOR : MNI_BC_ZERO_FLUX;
  if (top == S->top) return MN_OK;
  S->top = top;
  S->dz.last_bc = top;
  return refactor(S, S->dx.is_periodic || S->dy.is_periodic);
}

/* Per slab j in parallel, then the slabs added in order: the same sums at any thread count. */
void mni_lod3d_amounts(const mni_lod3d *S, double *per_material_kg)
{
  size_t nx = S->nx, ny = S->ny, nz = S->nz, nm = S->n_mats;
  double *part = S->amount_part;
#pragma omp parallel for schedule(static) num_threads(S->n_threads)
  for (long jj = 0; jj < (long)ny; jj++) {
    size_t j = (size_t)jj;
    double *p = part + j * nm;
    for (size_t m = 0; m < nm; m++)
      p[m] = 0.0;
    for (size_t k = 0; k < nz; k++) {
      /* along a row the material changes rarely (at channel walls): sum hx u over each run of
       * one material, then add K hy hz times the run's sum (no store per cell to wait on) */
      size_t row = nx * (j + ny * k);
      const uint8_t *mr = S->mat + row;
      const double *ur = S->u + row;
      double Ahz = S->hy[j] * S->hz[k];
      for (size_t i = 0; i < nx;) {
        uint8_t m = mr[i];
        double run = 0.0;
        for (; i < nx && mr[i] == m; i++)
          run += S->hx[i] * ur[i];
        p[m] += S->mats[m].K * Ahz * run;
      }
    }
  }
  for (size_t m = 0; m < nm; m++)
    per_material_kg[m] = 0.0;
  for (size_t j = 0; j < ny; j++)
    for (size_t m = 0; m < nm; m++)
      per_material_kg[m] += part[j * nm + m];
}

mn_status mni_lod3d_set_dt(mni_lod3d *S, double dt_s)
{
  MN_REQUIRE(S->ctx, isfinite(dt_s) && dt_s > 0.0, MN_E_ARG, "lod3d: dt_s = %g must be > 0", dt_s);
  if (dt_s == S->dt_s) return MN_OK;
  S->dt_s = dt_s;
  return refactor(S, S->dx.is_periodic || S->dy.is_periodic);
}

double mni_lod3d_dt(const mni_lod3d *S)
{
  return S->dt_s;
}

mni_spatial_tally mni_lod3d_flows(const mni_lod3d *S)
{
  mni_spatial_tally t = S->tally;
  t.in_tissue_kg = 0.0;
  return t;
}

mni_spatial_tally mni_lod3d_tallies(const mni_lod3d *S)
{
  mni_spatial_tally t = S->tally;
  double per_material[256]; /* material ids are bytes */
  mni_lod3d_amounts(S, per_material);
  t.in_tissue_kg = 0.0;
  for (size_t m = 0; m < S->n_mats; m++)
    t.in_tissue_kg += per_material[m];
  return t;
}

void mni_lod3d_classes(const mni_lod3d *S, size_t *nxc, size_t *nyc, size_t *nzc)
{
  *nxc = S->dx.n_classes;
  *nyc = S->dy.n_classes;
  *nzc = S->dz.n_classes;
}
