"""libmnsim through cffi in ABI mode: no compiler at install time, no struct layout but the
few plain ones declared below. The library is found, in order, at $MNSIM_LIBRARY, at the path
recorded by `make install` (_install_path.py), or by the system's loader (libmnsim.so.0).
cffi releases the GIL during every call, so threads run scenarios in parallel."""
import os

from cffi import FFI

API_VERSION = 9  # the MN_API_VERSION of include/mnsim/core.h this package is written for

ffi = FFI()
ffi.cdef("""
typedef struct mn_ctx mn_ctx;
typedef struct mn_scn mn_scn;
typedef struct mn_result mn_result;
typedef struct mn_plan mn_plan;
typedef struct mn_channel_set mn_channel_set;
typedef int mn_status;

const char *mn_status_str(mn_status st);
const char *mn_version(void);
int mn_api_version(void);
mn_status mn_ctx_create(void *alloc, void *alloc_ud, mn_ctx **out);
void mn_ctx_destroy(mn_ctx **pctx);
const char *mn_ctx_errmsg(const mn_ctx *ctx);
const char *mn_ctx_error_key(const mn_ctx *ctx);
const char *mn_ctx_error_value(const mn_ctx *ctx);
void mn_ctx_set_threads(mn_ctx *ctx, int n_threads);
mn_status mn_catalogue_json(mn_ctx *ctx, const char *name, char **json_out);
mn_status mn_catalogue_add(mn_ctx *ctx, const char *path);
void mn_string_free(mn_ctx *ctx, char *s);

mn_status mn_scn_create(mn_ctx *ctx, mn_scn **out);
void mn_scn_destroy(mn_scn **ph);
mn_status mn_scn_load_file(mn_scn *h, const char *path);
mn_status mn_scn_load_string(mn_scn *h, const char *text, size_t len, const char *origin);
mn_status mn_scn_set_text(mn_scn *h, const char *key, const char *value);
mn_status mn_scn_set_double(mn_scn *h, const char *key, double value);
mn_status mn_scn_to_yaml(const mn_scn *h, char **yaml_out);
mn_status mn_scn_validate(const mn_scn *h);
size_t mn_scn_key_count(void);
const char *mn_scn_key_name(size_t i);

mn_status mn_run_scn(mn_ctx *ctx, const mn_scn *s, mn_result **out);
typedef struct mn_scenario mn_scenario;
typedef struct mn_study mn_study;
const mn_scenario *mn_scn_get(const mn_scn *h);
mn_status mn_scn_get_text(const mn_scn *h, const char *key, char *buf, size_t buf_size);
mn_status mn_population_run(mn_ctx *ctx, const mn_scenario *base, size_t n, uint64_t seed,
                            mn_study **out);
void mn_study_destroy(mn_study **p);
size_t mn_study_rows(const mn_study *st);
size_t mn_study_input_count(const mn_study *st);
const char *mn_study_input_name(const mn_study *st, size_t k);
const double *mn_study_inputs(const mn_study *st, size_t i);
size_t mn_study_output_count(void);
const char *mn_study_output_name(size_t j);
const double *mn_study_outputs(const mn_study *st, size_t i);
mn_status mn_study_row_status(const mn_study *st, size_t i, const char **message);
mn_status mn_population_json(mn_ctx *ctx, const mn_study *st, char **json_out);
void mn_result_destroy(mn_result **pr);
mn_status mn_result_summary_full_json(mn_ctx *ctx, const mn_result *r, char **json_out);
size_t mn_result_field_count(const mn_result *r);
const char *mn_result_field_name(const mn_result *r, size_t i);
mn_status mn_result_field_type(const mn_result *r, const char *name, int *type);
mn_status mn_result_copy_array(const mn_result *r, const char *name, double *buf,
                               size_t buf_len, size_t *n);
size_t mn_result_field_times(const mn_result *r, const double **t_s);
mn_status mn_result_field_dims(const mn_result *r, size_t *n_x, size_t *n_y, size_t *n_z,
                               _Bool *is_3d);
mn_status mn_result_field_edges(const mn_result *r, int axis, const double **edges_m,
                                size_t *n_edges);
mn_status mn_result_field_values(const mn_result *r, size_t time_index,
                                 const double **conc_kg_per_m3, size_t *n_cells);
const mn_channel_set *mn_result_channels(const mn_result *r);
size_t mn_channel_set_count(const mn_channel_set *set);
const double *mn_channel_set_x_m(const mn_channel_set *set);
const double *mn_channel_set_y_m(const mn_channel_set *set);
const double *mn_channel_set_depth_m(const mn_channel_set *set);
const double *mn_channel_set_open_depth_m(const mn_channel_set *set);
const double *mn_channel_set_opening_radius_m(const mn_channel_set *set);
const unsigned char *mn_channel_set_bled(const mn_channel_set *set);
double mn_channel_set_patch_side_m(const mn_channel_set *set);

typedef struct mn_plan_request {
  const char *indication;
  const char *site;
  int setting;
  int fitzpatrick;
  const char *conditions[32];
  size_t n_conditions;
} mn_plan_request;
mn_plan_request mn_plan_request_default(void);
mn_status mn_setting_parse(mn_ctx *ctx, const char *name, int *out);
mn_status mn_plan_make(mn_ctx *ctx, const mn_plan_request *rq, mn_plan **out);
void mn_plan_destroy(mn_plan **pp);
mn_status mn_plan_json(mn_ctx *ctx, const mn_plan *p, char **json_out);
mn_status mn_plan_to_scn(mn_ctx *ctx, const mn_plan *p, mn_scn **out);

typedef struct mn_compare_row {
  char what[48];
  char arm[2][128];
  char evidence[512];
} mn_compare_row;
mn_status mn_scn_compare_laser(mn_ctx *ctx, const mn_scn *needling, int laser, mn_scn **out);
mn_status mn_compare_rows(mn_ctx *ctx, const mn_result *a, const mn_result *b,
                          mn_compare_row rows[16], size_t *n_rows);
""")

LASERS = ("co2", "er_yag", "er_glass_1550", "er_glass_1540", "nd_yap_1340")  # mn_laser's order


def _candidates():
    env = os.environ.get("MNSIM_LIBRARY")
    if env:
        yield env
    try:
        from . import _install_path  # written by `make install`
        yield _install_path.LIBRARY
    except ImportError:
        pass
    yield "libmnsim.so.0"


def _load():
    errors = []
    for path in _candidates():
        try:
            lib = ffi.dlopen(path)
        except OSError as e:
            errors.append(f"{path}: {e}")
            continue
        if lib.mn_api_version() != API_VERSION:
            raise ImportError(f"mnsim: {path} has API version {lib.mn_api_version()}, this "
                              f"package needs {API_VERSION}; reinstall both from one source tree")
        return lib
    raise ImportError("mnsim: libmnsim not found (set MNSIM_LIBRARY to libmnsim.so, or run "
                      "`make install`): " + "; ".join(errors))


lib = _load()
