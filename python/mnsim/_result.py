"""A run's result: the summary as a nested dict, every curve and the spatial fields as numpy
arrays, the channel set as a structured array."""
import json

import numpy as np

from ._native import ffi, lib


class Result:
    """What `mnsim.run` returns. The native result is read once, when the run ends, and freed:
    a Result holds only Python objects."""

    def __init__(self, ctx, res):
        out = ffi.new("char **")
        _check(ctx, lib.mn_result_summary_full_json(ctx, res, out))
        try:
            self.summary = json.loads(ffi.string(out[0]).decode("utf-8"))
        finally:
            lib.mn_string_free(ctx, out[0])
        self._curves = _curves(ctx, res)
        self.channels = _channels(res)
        self.fields = _fields(res)

    @property
    def scenario(self):
        """The scenario that ran, every key in the unit of its suffix (null: the catalogue's)."""
        return self.summary["scenario"]

    def curve(self, name):
        """A curve of the summary by its dotted name ("absorption.cumulative_absorbed_percent",
        "healing.collagen_curve_percent") as a numpy array."""
        try:
            return self._curves[name]
        except KeyError:
            raise KeyError(f"{name}: not a curve of this run; the curves are "
                           f"{', '.join(sorted(self._curves))}") from None

    @property
    def curves(self):
        return dict(self._curves)

    def to_pandas(self):
        """The absorption curves as a DataFrame indexed by time [h] (pandas must be
        installed)."""
        import pandas as pd
        cols = {k.split(".", 1)[1]: v for k, v in self._curves.items()
                if k.startswith("absorption.") and len(v) == len(self._curves["absorption.time_h"])}
        t = cols.pop("time_h")
        return pd.DataFrame(cols, index=pd.Index(t, name="time_h"))

    def __repr__(self):
        a = self.summary.get("absorption", {})
        lo, hi = a.get("enhancement_is_lower_bound"), a.get("enhancement_is_upper_bound")
        bound = ("undetermined " if lo and hi else "at least " if lo else
                 "at most " if hi else "")
        return (f"<mnsim.Result {self.summary.get('name')!r}: enhancement ratio "
                f"{bound}{a.get('enhancement_ratio')}, {len(self.channels)} channels in the "
                f"patch>")


def _check(ctx, status):
    if status != 0:
        from . import MnsimError
        raise MnsimError(ffi.string(lib.mn_ctx_errmsg(ctx)).decode("utf-8"))


def _curves(ctx, res):
    curves = {}
    n = ffi.new("size_t *")
    ftype = ffi.new("int *")
    for i in range(lib.mn_result_field_count(res)):
        name = ffi.string(lib.mn_result_field_name(res, i)).decode("utf-8")
        if lib.mn_result_field_type(res, name.encode(), ftype) != 0 or ftype[0] != 4:
            continue  # MN_FIELD_NUMBER_ARRAY
        _check(ctx, lib.mn_result_copy_array(res, name.encode(), ffi.NULL, 0, n))
        arr = np.empty(n[0], dtype=np.float64)
        if n[0]:
            _check(ctx, lib.mn_result_copy_array(res, name.encode(), ffi.cast("double *",
                   ffi.from_buffer(arr)), n[0], n))
        curves[name] = arr
    return curves


def _copy(ptr, n, dtype=np.float64):
    if n == 0 or ptr == ffi.NULL:
        return np.empty(0, dtype=dtype)
    size = n * np.dtype(dtype).itemsize
    return np.frombuffer(ffi.buffer(ptr, size), dtype=dtype).copy()


def _channels(res):
    """The channels of the simulated patch: x, y [µm], depth, open depth, opening radius [µm],
    bled."""
    cs = lib.mn_result_channels(res)
    dtype = [("x_um", "f8"), ("y_um", "f8"), ("depth_um", "f8"), ("open_depth_um", "f8"),
             ("opening_radius_um", "f8"), ("bled", "u1")]
    if cs == ffi.NULL:
        return np.zeros(0, dtype=dtype)
    n = lib.mn_channel_set_count(cs)
    out = np.zeros(n, dtype=dtype)
    for field, fn in (("x_um", lib.mn_channel_set_x_m), ("y_um", lib.mn_channel_set_y_m),
                      ("depth_um", lib.mn_channel_set_depth_m),
                      ("open_depth_um", lib.mn_channel_set_open_depth_m),
                      ("opening_radius_um", lib.mn_channel_set_opening_radius_m)):
        out[field] = _copy(fn(cs), n) * 1e6
    out["bled"] = _copy(lib.mn_channel_set_bled(cs), n, np.uint8)
    return out


def _fields(res):
    """A spatial run's concentration fields [mg/mL]: {"times_h", "edges_um": (x or r, y, z),
    "values": array (times, z, y, x)}; None for a 1d run."""
    t = ffi.new("const double **")
    nt = lib.mn_result_field_times(res, t)
    if nt == 0:
        return None
    nx, ny, nz = ffi.new("size_t *"), ffi.new("size_t *"), ffi.new("size_t *")
    is3d = ffi.new("_Bool *")
    if lib.mn_result_field_dims(res, nx, ny, nz, is3d) != 0:
        return None
    edges = []
    e, ne = ffi.new("const double **"), ffi.new("size_t *")
    for axis in range(3):
        lib.mn_result_field_edges(res, axis, e, ne)
        edges.append(_copy(e[0], ne[0]) * 1e6)
    vals = np.empty((nt, nz[0], ny[0], nx[0]))
    v, nc = ffi.new("const double **"), ffi.new("size_t *")
    for k in range(nt):
        lib.mn_result_field_values(res, k, v, nc)
        vals[k] = _copy(v[0], nc[0]).reshape(nz[0], ny[0], nx[0])
    return {"times_h": _copy(t[0], nt) / 3600.0, "is_3d": bool(is3d[0]),
            "edges_um": tuple(edges), "values": vals}
