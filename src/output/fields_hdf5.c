/* HDF5 + XDMF writer of fields (layout in fields_int.h).
 *
 * The .h5 is built in memory (HDF5's core driver, no backing file), its image taken and written
 * through an atomic file like every other output: HDF5's own file I/O never meets the disk, so a
 * full disk is an error of a checked fwrite, never a file HDF5 failed to close (which its exit
 * handler then closes again, and crashes). HDF5's automatic error printing is switched off around our
 * calls (and restored), so failures come back as MN_E_IO with a message, not text on stderr.
 * Debian's serial HDF5 is not built thread-safe: a process-wide mutex serialises writers.
 * Object modification times are not recorded, so the same field gives the same file bytes. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <hdf5.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/atomic_file_int.h"
#include "output/fields_int.h"

static pthread_mutex_t h5_lock = PTHREAD_MUTEX_INITIALIZER;

static int is_valid_name(const char *name)
{
  if (name == NULL || name[0] == '\0' || strlen(name) > 200) return 0;
  for (const char *p = name; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
          *p == '_' || *p == '-'))
      return 0;
  return 1;
}

static mn_status check_edges(mn_ctx *ctx, const char *what, const double *e, size_t n)
{
  MN_REQUIRE(ctx, e != NULL && n >= 1 && n <= 1000000, MN_E_ARG,
             "fields: %s: %zu cells (1 to 1e6) or NULL", what, n);
  for (size_t i = 0; i <= n; i++)
    MN_REQUIRE(ctx, isfinite(e[i]) && (i == 0 || e[i] > e[i - 1]), MN_E_ARG,
               "fields: %s[%zu] = %g: edges must be finite and increasing", what, i, e[i]);
  return MN_OK;
}

/* ---- HDF5 helpers: each returns < 0 on failure --------------------------------------------- */

static int attr_string(hid_t obj, const char *name, const char *value)
{
  hid_t type = H5Tcopy(H5T_C_S1);
  hid_t space = H5Screate(H5S_SCALAR);
  hid_t attr = -1;
  int rc = -1;
  if (type >= 0 && space >= 0 && H5Tset_size(type, strlen(value) + 1) >= 0 &&
      H5Tset_cset(type, H5T_CSET_UTF8) >= 0) {
    attr = H5Acreate2(obj, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
    if (attr >= 0 && H5Awrite(attr, type, value) >= 0) rc = 0;
  }
  if (attr >= 0) H5Aclose(attr);
  if (space >= 0) H5Sclose(space);
  if (type >= 0) H5Tclose(type);
  return rc;
}

static int attr_scalar(hid_t obj, const char *name, hid_t file_type, hid_t mem_type,
                       const void *value)
{
  hid_t space = H5Screate(H5S_SCALAR);
  hid_t attr = space >= 0 ? H5Acreate2(obj, name, file_type, space, H5P_DEFAULT, H5P_DEFAULT) : -1;
  int rc = attr >= 0 && H5Awrite(attr, mem_type, value) >= 0 ? 0 : -1;
  if (attr >= 0) H5Aclose(attr);
  if (space >= 0) H5Sclose(space);
  return rc;
}

/* A double dataset of rank 1..3 with units and description. */
static int write_dataset(hid_t loc, hid_t dcpl, const char *name, int rank, const hsize_t *dims,
                         const double *data, const char *units, const char *description)
{
  hid_t space = H5Screate_simple(rank, dims, NULL);
  hid_t ds = space >= 0
                 ? H5Dcreate2(loc, name, H5T_IEEE_F64LE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT)
                 : -1;
  int rc = ds >= 0 && H5Dwrite(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) >= 0 &&
                   attr_string(ds, "units", units) >= 0 &&
                   attr_string(ds, "description", description) >= 0
               ? 0
               : -1;
  if (ds >= 0) H5Dclose(ds);
  if (space >= 0) H5Sclose(space);
  return rc;
}

static const char *geometry_name(const mni_field_grid *g)
{
  return g->is_3d ? "3d" : "axisymmetric";
}

static size_t n_cells(const mni_field_grid *g)
{
  return g->n_z * g->n_x * (g->is_3d ? g->n_y : 1);
}

/* The file's bytes into *image (mn_alloc'ed, *n_image bytes); 0 on success. */
static int write_h5(mn_ctx *ctx, const char *path, const mni_field_grid *g, const mni_field_meta *m,
                    const double *field, const double *t_s, size_t n_t, void **image,
                    size_t *n_image)
{
  int rc = -1;
  ssize_t size = 0;
  *image = NULL;
  *n_image = 0;
  hid_t fcpl = H5Pcreate(H5P_FILE_CREATE), gcpl = H5Pcreate(H5P_GROUP_CREATE);
  hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE), fapl = H5Pcreate(H5P_FILE_ACCESS);
  hid_t file = -1, grid = -1, fields = -1;
  if (fcpl < 0 || gcpl < 0 || dcpl < 0 || fapl < 0 || H5Pset_obj_track_times(gcpl, 0) < 0 ||
      H5Pset_obj_track_times(dcpl, 0) < 0 || H5Pset_fapl_core(fapl, (size_t)1 << 20, 0) < 0)
    goto done;
  file = H5Fcreate(path, H5F_ACC_TRUNC, fcpl, fapl); /* in memory: path is only its name */
  if (file < 0) goto done;
  uint64_t n_steps = n_t;
  if (attr_string(file, "mnsim_version", mn_version()) < 0 ||
      attr_scalar(file, "seed", H5T_STD_U64LE, H5T_NATIVE_UINT64, &m->seed) < 0 ||
      attr_string(file, "scenario", m->scenario ? m->scenario : "") < 0 ||
      attr_string(file, "geometry", geometry_name(g)) < 0 ||
      attr_string(file, "quantity", m->quantity) < 0 || attr_string(file, "units", m->units) < 0 ||
      attr_string(file, "description", m->description ? m->description : "") < 0 ||
      attr_scalar(file, "n_steps", H5T_STD_U64LE, H5T_NATIVE_UINT64, &n_steps) < 0)
    goto done;

  grid = H5Gcreate2(file, "grid", H5P_DEFAULT, gcpl, H5P_DEFAULT);
  if (grid < 0) goto done;
  hsize_t nx = g->n_x + 1, ny = g->n_y + 1, nz = g->n_z + 1, nt = n_t;
  if (write_dataset(grid, dcpl, g->is_3d ? "x_edges_m" : "r_edges_m", 1, &nx, g->x_edges_m, "m",
                    g->is_3d ? "cell edges along x" : "cell edges along the radius r") < 0 ||
      (g->is_3d && write_dataset(grid, dcpl, "y_edges_m", 1, &ny, g->y_edges_m, "m",
                                 "cell edges along y") < 0) ||
      write_dataset(grid, dcpl, "z_edges_m", 1, &nz, g->z_edges_m, "m",
                    "cell edges in depth below the skin surface, positive downwards") < 0 ||
      write_dataset(file, dcpl, "time_s", 1, &nt, t_s, "s",
                    "time of each step since the product was applied") < 0)
    goto done;

  fields = H5Gcreate2(file, "fields", H5P_DEFAULT, gcpl, H5P_DEFAULT);
  if (fields < 0 || attr_string(fields, "quantity", m->quantity) < 0 ||
      attr_string(fields, "units", m->units) < 0)
    goto done;
  hsize_t dims[3];
  int rank = g->is_3d ? 3 : 2;
  dims[0] = g->n_z;
  dims[1] = g->is_3d ? g->n_y : g->n_x;
  dims[2] = g->n_x;
  size_t nc = n_cells(g);
  for (size_t k = 0; k < n_t; k++) {
    char name[32], desc[256];
    snprintf(name, sizeof name, "step_%04zu", k);
    snprintf(desc, sizeof desc, "%s at t = %.17g s, cell-centred, dims (z, %s)", m->quantity,
             t_s[k], g->is_3d ? "y, x" : "r");
    hid_t ds_loc = fields;
    if (write_dataset(ds_loc, dcpl, name, rank, dims, field + k * nc, m->units, desc) < 0)
      goto done;
    hid_t ds = H5Dopen2(fields, name, H5P_DEFAULT);
    int bad = ds < 0 || attr_scalar(ds, "t_s", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &t_s[k]) < 0 ||
              attr_string(ds, "quantity", m->quantity) < 0;
    if (ds >= 0) H5Dclose(ds);
    if (bad) goto done;
  }
  if (H5Fflush(file, H5F_SCOPE_GLOBAL) < 0) goto done;
  size = H5Fget_file_image(file, NULL, 0);
  if (size <= 0) goto done;
  *image = mn_alloc(ctx, (size_t)size);
  if (*image == NULL || H5Fget_file_image(file, *image, (size_t)size) != size) goto done;
  *n_image = (size_t)size;
  rc = 0;
done:
  if (fields >= 0) H5Gclose(fields);
  if (grid >= 0) H5Gclose(grid);
  if (file >= 0 && H5Fclose(file) < 0) rc = -1;
  if (rc != 0 && *image != NULL) {
    mn_free(ctx, *image, (size_t)size);
    *image = NULL;
    *n_image = 0;
  }
  if (fapl >= 0) H5Pclose(fapl);
  if (dcpl >= 0) H5Pclose(dcpl);
  if (gcpl >= 0) H5Pclose(gcpl);
  if (fcpl >= 0) H5Pclose(fcpl);
  return rc;
}

/* ---- XDMF 3: a temporal collection of rectilinear grids ------------------------------------ */

static void write_xdmf(FILE *f, const char *name, const mni_field_grid *g, const mni_field_meta *m,
                       const double *t_s, size_t n_t)
{
  const char *x_name = g->is_3d ? "x_edges_m" : "r_edges_m";
  fprintf(f, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
  fprintf(f,
          "<!-- mnsim %s: %s [%s] of a %s run; coordinates in metres, z is depth below the "
          "surface (positive downwards); cell-centred values. -->\n",
          mn_version(), m->quantity, m->units, geometry_name(g));
  fprintf(f, "<Xdmf Version=\"3.0\">\n  <Domain>\n");
  fprintf(f, "    <Grid Name=\"%s\" GridType=\"Collection\" CollectionType=\"Temporal\">\n",
          m->quantity);
  for (size_t k = 0; k < n_t; k++) {
    fprintf(f, "      <Grid Name=\"step_%04zu\" GridType=\"Uniform\">\n", k);
    fprintf(f, "        <Time Value=\"%.17g\"/>\n", t_s[k]);
    if (g->is_3d) {
      fprintf(f, "        <Topology TopologyType=\"3DRectMesh\" Dimensions=\"%zu %zu %zu\"/>\n",
              g->n_z + 1, g->n_y + 1, g->n_x + 1);
      fprintf(f, "        <Geometry GeometryType=\"VXVYVZ\">\n");
    } else {
      fprintf(f, "        <Topology TopologyType=\"2DRectMesh\" Dimensions=\"%zu %zu\"/>\n",
              g->n_z + 1, g->n_x + 1);
      fprintf(f, "        <Geometry GeometryType=\"VXVY\">\n");
    }
    fprintf(f,
            "          <DataItem Dimensions=\"%zu\" NumberType=\"Float\" Precision=\"8\" "
            "Format=\"HDF\">%s.h5:/grid/%s</DataItem>\n",
            g->n_x + 1, name, x_name);
    if (g->is_3d)
      fprintf(f,
              "          <DataItem Dimensions=\"%zu\" NumberType=\"Float\" Precision=\"8\" "
              "Format=\"HDF\">%s.h5:/grid/y_edges_m</DataItem>\n",
              g->n_y + 1, name);
    fprintf(f,
            "          <DataItem Dimensions=\"%zu\" NumberType=\"Float\" Precision=\"8\" "
            "Format=\"HDF\">%s.h5:/grid/z_edges_m</DataItem>\n",
            g->n_z + 1, name);
    fprintf(f, "        </Geometry>\n");
    fprintf(f, "        <Attribute Name=\"%s [%s]\" AttributeType=\"Scalar\" Center=\"Cell\">\n",
            m->quantity, m->units);
    if (g->is_3d)
      fprintf(f, "          <DataItem Dimensions=\"%zu %zu %zu\"", g->n_z, g->n_y, g->n_x);
    else
      fprintf(f, "          <DataItem Dimensions=\"%zu %zu\"", g->n_z, g->n_x);
    fprintf(f,
            " NumberType=\"Float\" Precision=\"8\" Format=\"HDF\">%s.h5:/fields/step_%04zu"
            "</DataItem>\n",
            name, k);
    fprintf(f, "        </Attribute>\n      </Grid>\n");
  }
  fprintf(f, "    </Grid>\n  </Domain>\n</Xdmf>\n");
}

static int is_xml_safe(const char *s)
{
  for (; s != NULL && *s; s++)
    if (*s == '<' || *s == '>' || *s == '&' || *s == '"' || (unsigned char)*s < 0x20) return 0;
  return 1;
}

mn_status mni_fields_write(mn_ctx *ctx, const char *dir, const char *name,
                           const mni_field_grid *grid, const mni_field_meta *meta,
                           const double *field, const double *t_s, size_t n_t)
{
  MN_REQUIRE(ctx, dir != NULL && grid != NULL && meta != NULL && field != NULL && t_s != NULL,
             MN_E_ARG, "fields: NULL argument");
  MN_REQUIRE(ctx, is_valid_name(name), MN_E_ARG,
             "fields: file name '%s' must be letters, digits, '_' or '-'", name ? name : "(null)");
  MN_REQUIRE(ctx,
             meta->quantity != NULL && meta->units != NULL && is_xml_safe(meta->quantity) &&
                 is_xml_safe(meta->units) && meta->quantity[0] != '\0',
             MN_E_ARG, "fields %s: quantity and units must be plain text", name);
  MN_REQUIRE(ctx, n_t >= 1 && n_t <= 10000, MN_E_ARG, "fields %s: n_t = %zu steps (1 to 10000)",
             name, n_t);
  MN_TRY(check_edges(ctx, grid->is_3d ? "x_edges_m" : "r_edges_m", grid->x_edges_m, grid->n_x));
  if (grid->is_3d) MN_TRY(check_edges(ctx, "y_edges_m", grid->y_edges_m, grid->n_y));
  MN_TRY(check_edges(ctx, "z_edges_m", grid->z_edges_m, grid->n_z));
  for (size_t k = 0; k < n_t; k++)
    MN_REQUIRE(ctx, isfinite(t_s[k]) && (k == 0 || t_s[k] > t_s[k - 1]), MN_E_ARG,
               "fields %s: t_s[%zu] = %g: times must be finite and increasing", name, k, t_s[k]);
  size_t nc = n_cells(grid);
  MN_REQUIRE(ctx, nc <= ((size_t)1 << 40) / n_t, MN_E_ARG, "fields %s: field too large", name);
  for (size_t i = 0; i < nc * n_t; i++)
    MN_REQUIRE(ctx, isfinite(field[i]), MN_E_NUMERIC,
               "fields %s: %s at step %zu, cell %zu = %g is not finite", name, meta->quantity,
               i / nc, i % nc, field[i]);

  /* The .h5: built in memory, then written and checked like every other file. */
  char file_name[1024];
  int n = snprintf(file_name, sizeof file_name, "%s.h5", name);
  if (n < 0 || (size_t)n >= sizeof file_name)
    return mni_fail(ctx, MN_E_IO, "%s/%s.h5: name too long", dir, name);
  MN_TRY(mni_check_cancel(ctx, "writing"));
  void *image = NULL;
  size_t n_image = 0;
  pthread_mutex_lock(&h5_lock);
  H5E_auto2_t old_func = NULL;
  void *old_data = NULL;
  H5Eget_auto2(H5E_DEFAULT, &old_func, &old_data);
  H5Eset_auto2(H5E_DEFAULT, NULL, NULL);
  int bad = write_h5(ctx, file_name, grid, meta, field, t_s, n_t, &image, &n_image);
  H5Eset_auto2(H5E_DEFAULT, old_func, old_data);
  pthread_mutex_unlock(&h5_lock);
  if (bad) {
    char path[4096], shown[4096];
    snprintf(path, sizeof path, "%s/%s", dir, file_name);
    return mni_fail(ctx, MN_E_IO, "%s: HDF5 failed to build the file",
                    mni_afile_shown(path, shown, sizeof shown));
  }
  mni_afile h5;
  mn_status st = mni_afile_open(ctx, dir, file_name, &h5);
  if (st == MN_OK)
    st = fwrite(image, 1, n_image, h5.f) == n_image ? mni_afile_commit(ctx, &h5)
                                                    : mni_afile_fail(ctx, &h5);
  mn_free(ctx, image, n_image);
  MN_TRY(st);

  /* The .xdmf that points at it. */
  char xname[256];
  snprintf(xname, sizeof xname, "%s.xdmf", name);
  mni_afile af;
  MN_TRY(mni_afile_open(ctx, dir, xname, &af));
  write_xdmf(af.f, name, grid, meta, t_s, n_t);
  return mni_afile_commit(ctx, &af);
}
