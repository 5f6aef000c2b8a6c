"""mnsim: the microneedling simulator from Python.

    import mnsim
    r = mnsim.run(device__needle_length_mm=1.0)          # the built-in scenario, one key changed
    r.summary["absorption"]["enhancement_ratio"]
    r.curve("absorption.cumulative_absorbed_percent")    # numpy arrays
    mnsim.plan("acne_scars_moderate", "cheek", setting="clinic")
    mnsim.compare("acne_scars_moderate", "cheek", fitzpatrick=4)
    mnsim.catalogue("compounds")
    p = mnsim.population(n=200, seed=1)                  # virtual patients (docs/population.md)
    p.results["absorption.enhancement_ratio"], p.stats["results"]
    mnsim.run(catalogs=["my.yaml"], formulation__compound="my_serum")   # the user's catalogues

Scenario keys and units are those of `mnsim run` (docs/scenario.md). Errors in a scenario raise
ScenarioError with the key, value and message the command line prints."""
import json
import os

from ._native import LASERS, ffi, lib
from ._result import Result

__all__ = ["run", "plan", "compare", "population", "catalogue", "keys", "Result", "Population",
           "MnsimError", "ScenarioError", "version"]


class MnsimError(RuntimeError):
    """A run or a call into the library failed; the message is the library's."""


class ScenarioError(MnsimError, ValueError):
    """A scenario was refused: .key and .value name what (when known), .message says why."""

    def __init__(self, message, key=None, value=None):
        super().__init__(message)
        self.message, self.key, self.value = message, key, value


def version():
    return ffi.string(lib.mn_version()).decode()


def keys():
    """Every scenario key, in the order of docs/scenario.md."""
    return [ffi.string(lib.mn_scn_key_name(i)).decode() for i in range(lib.mn_scn_key_count())]


def _catalog_files(catalogs):
    """MNSIM_CATALOG_PATH's files (':' between them), then catalogs (a path or a list), as the
    command line reads them."""
    env = [f for f in os.environ.get("MNSIM_CATALOG_PATH", "").split(":") if f]
    if catalogs is None:
        catalogs = []
    elif isinstance(catalogs, (str, os.PathLike)):
        catalogs = [catalogs]
    return env + [os.fspath(c) for c in catalogs]


class _Ctx:
    """One library context per call: calls from several threads never share one. catalogs:
    the user's catalogue files it reads besides the built-in ones."""

    def __init__(self, catalogs=None):
        self.files = _catalog_files(catalogs)

    def __enter__(self):
        p = ffi.new("mn_ctx **")
        if lib.mn_ctx_create(ffi.NULL, ffi.NULL, p) != 0:
            raise MemoryError("mnsim: could not create a context")
        self.ptr = p[0]
        for f in self.files:
            if lib.mn_catalogue_add(self.ptr, os.fsencode(f)) != 0:
                msg = _msg(self.ptr)
                self.__exit__()
                raise ScenarioError(msg, "catalogs", f)
        return self.ptr

    def __exit__(self, *exc):
        p = ffi.new("mn_ctx **", self.ptr)
        lib.mn_ctx_destroy(p)


_E_CONFIG = -3  # MN_E_CONFIG of mnsim/core.h: bad input, not a failed simulation


def _msg(ctx):
    return ffi.string(lib.mn_ctx_errmsg(ctx)).decode("utf-8")


def _scenario_error(ctx):
    """The library's scenario error: its message, and the key and value it is about."""
    key = ffi.string(lib.mn_ctx_error_key(ctx)).decode(errors="replace") or None
    value = ffi.string(lib.mn_ctx_error_value(ctx)).decode(errors="replace")
    return ScenarioError(_msg(ctx), key, value or None)


def _text(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_text(v) for v in value) + "]"
    if value is None:
        return "null"
    return str(value)


def _scn(ctx, scenario, overrides):
    p = ffi.new("mn_scn **")
    if lib.mn_scn_create(ctx, p) != 0:
        raise MemoryError("mnsim: out of memory")
    h = p[0]
    try:
        if isinstance(scenario, dict):
            text = json.dumps(scenario).encode()  # JSON is YAML
            st = lib.mn_scn_load_string(h, text, len(text), b"scenario")
        elif isinstance(scenario, (str, os.PathLike)):
            st = lib.mn_scn_load_file(h, os.fsencode(scenario))
        elif scenario is None:
            st = 0
        else:
            raise TypeError("scenario: expected a dict, a path to a YAML file or None")
        if st != 0:
            raise _scenario_error(ctx)
        for key, value in _flatten(overrides):
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                st = lib.mn_scn_set_double(h, key.encode(), float(value))
            else:
                st = lib.mn_scn_set_text(h, key.encode(), _text(value).encode())
            if st != 0:
                raise ScenarioError(_msg(ctx), key, value)
        if lib.mn_scn_validate(h) != 0:
            raise _scenario_error(ctx)
        return h
    except BaseException:
        lib.mn_scn_destroy(p)
        raise


def _flatten(overrides):
    for key, value in overrides.items():
        if isinstance(value, dict):  # {"device": {"needle_length_mm": 1}} too
            for k, v in _flatten(value):
                yield f"{key}.{k}", v
        else:
            yield key.replace("__", "."), value


def _run_scn(ctx, h, threads):
    if threads:
        lib.mn_ctx_set_threads(ctx, int(threads))
    r = ffi.new("mn_result **")
    st = lib.mn_run_scn(ctx, h, r)  # the GIL is released while it runs
    if st == _E_CONFIG:  # bad input found by a stage (a user catalogue's entry, a device)
        raise _scenario_error(ctx)
    if st != 0:
        raise MnsimError(_msg(ctx))
    try:
        return Result(ctx, r[0])
    finally:
        lib.mn_result_destroy(r)


def run(scenario=None, overrides=None, threads=None, catalogs=None, **kw):
    """Run a scenario through every stage. scenario: a dict (the YAML's structure), a path to
    a YAML file, or None for the built-in one; overrides as dotted keys
    ({"device.needle_length_mm": 1.0}) or keyword arguments with "__" for the dot
    (device__needle_length_mm=1.0); catalogs: the user's catalogue files (a path or a list, as
    `--catalog`; MNSIM_CATALOG_PATH is read too). Returns a Result."""
    over = dict(overrides or {})
    over.update(kw)
    with _Ctx(catalogs) as ctx:
        p = ffi.new("mn_scn **", _scn(ctx, scenario, over))
        try:
            return _run_scn(ctx, p[0], threads)
        finally:
            lib.mn_scn_destroy(p)


def _table(first_row, rows, cols):
    """A copy of a study's rows x cols table (rows stored one after another, mnsim/study.h)."""
    import numpy as np
    if rows == 0 or cols == 0 or first_row == ffi.NULL:
        return np.zeros((rows, cols))
    return np.frombuffer(ffi.buffer(first_row, rows * cols * 8), dtype=np.float64).reshape(
        rows, cols).copy()


class Population:
    """N virtual patients around a scenario (`mnsim population`): .inputs and .results map each
    column's name (as in patients.csv) to a numpy array over the patients (NaN where a patient
    failed), .status the library's status name of each, .errors {patient: message} for those
    that failed, .stats the statistics and shares of population.json; to_pandas() one row a
    patient."""

    def __init__(self, inputs, results, status, errors, stats):
        self.inputs, self.results, self.status = inputs, results, status
        self.errors, self.stats = errors, stats

    def __len__(self):
        return len(self.status)

    def to_pandas(self):
        import pandas as pd  # optional: only this method needs it
        cols = {"status": self.status}
        cols.update(self.inputs)
        cols.update(self.results)
        return pd.DataFrame(cols)


def population(scenario=None, n=100, seed=None, overrides=None, threads=None, catalogs=None,
               **kw):
    """Run n virtual patients around a scenario (as `mnsim population`: layers, age, sex,
    Fitzpatrick type and the handling of the device drawn per patient from data/population.yaml
    and the scenario's population section). seed: the population's (default: the scenario's);
    the same seed gives the same patients at any thread count. Returns a Population."""
    import numpy as np
    if int(n) < 1:
        raise ValueError("population: n must be >= 1")
    over = dict(overrides or {})
    over.update(kw)
    with _Ctx(catalogs) as ctx:
        p = ffi.new("mn_scn **", _scn(ctx, scenario, over))
        out = ffi.new("mn_study **")
        try:
            if seed is None:
                buf = ffi.new("char[32]")
                if lib.mn_scn_get_text(p[0], b"seed", buf, 32) != 0:
                    raise MnsimError(_msg(ctx))
                seed = int(ffi.string(buf).decode())
            if threads:
                lib.mn_ctx_set_threads(ctx, int(threads))
            st = lib.mn_population_run(ctx, lib.mn_scn_get(p[0]), int(n), int(seed), out)
            if st != 0:
                raise MnsimError(_msg(ctx))
            s = out[0]
            rows = lib.mn_study_rows(s)
            n_in, n_out = lib.mn_study_input_count(s), lib.mn_study_output_count()
            ins, outs = (_table(ptr(s, 0), rows, cols) for ptr, cols in
                         ((lib.mn_study_inputs, n_in), (lib.mn_study_outputs, n_out)))
            status, errors = [], {}
            msg = ffi.new("char **")
            for i in range(rows):
                code = lib.mn_study_row_status(s, i, ffi.cast("const char **", msg))
                status.append(ffi.string(lib.mn_status_str(code)).decode())
                if code != 0:
                    errors[i] = ffi.string(msg[0]).decode() if msg[0] != ffi.NULL else ""
            j = ffi.new("char **")
            if lib.mn_population_json(ctx, s, j) != 0:
                raise MnsimError(_msg(ctx))
            try:
                stats = json.loads(ffi.string(j[0]).decode())
            finally:
                lib.mn_string_free(ctx, j[0])
            inputs = {ffi.string(lib.mn_study_input_name(s, k)).decode(): ins[:, k].copy()
                      for k in range(n_in)}
            results = {ffi.string(lib.mn_study_output_name(k)).decode(): outs[:, k].copy()
                       for k in range(n_out)}
            return Population(inputs, results, status, errors, stats)
        finally:
            lib.mn_study_destroy(out)
            lib.mn_scn_destroy(p)


def _request(ctx, indication, site, setting, fitzpatrick, conditions):
    rq = lib.mn_plan_request_default()
    if len(conditions) > 32:
        raise ScenarioError("more than 32 conditions", "conditions", conditions)
    # the strings must outlive the call: keep their owners with the request
    keep = [ffi.new("char[]", x.encode()) for x in (indication, site, *conditions)]
    rq.indication, rq.site = keep[0], keep[1]
    for i, c in enumerate(keep[2:]):
        rq.conditions[i] = c
    rq.n_conditions = len(keep) - 2
    rq.fitzpatrick = int(fitzpatrick)
    out = ffi.new("int *")
    if lib.mn_setting_parse(ctx, setting.encode(), out) != 0:
        raise ScenarioError(_msg(ctx), "setting", setting)
    rq.setting = out[0]
    return rq, keep


def _plan(ctx, indication, site, setting, fitzpatrick, conditions):
    rq, keep = _request(ctx, indication, site, setting, fitzpatrick, conditions)
    pp = ffi.new("mn_plan **")
    st = lib.mn_plan_make(ctx, ffi.new("mn_plan_request *", rq), pp)
    del keep  # the plan copies what it keeps
    if st != 0:
        raise ScenarioError(_msg(ctx))
    return pp


def plan(indication, site, setting="home", fitzpatrick=3, conditions=(), catalogs=None):
    """The planner's protocol as a dict (as `mnsim plan --json`)."""
    with _Ctx(catalogs) as ctx:
        pp = _plan(ctx, indication, site, setting, fitzpatrick, conditions)
        try:
            out = ffi.new("char **")
            if lib.mn_plan_json(ctx, pp[0], out) != 0:
                raise MnsimError(_msg(ctx))
            try:
                return json.loads(ffi.string(out[0]).decode())
            finally:
                lib.mn_string_free(ctx, out[0])
        finally:
            lib.mn_plan_destroy(pp)


def compare(indication, site, fitzpatrick=3, age_years=40, setting="clinic",
            laser="er_glass_1550", catalogs=None):
    """The planner's microneedling protocol against a fractional laser on the same skin (as
    `mnsim compare --json`): {"arms": {"microneedling": Result, "laser": Result},
    "rows": [{"what", "microneedling", "laser", "evidence"}]}."""
    if laser not in LASERS:
        raise ScenarioError(f"laser '{laser}': expected {' | '.join(LASERS)}", "laser", laser)
    with _Ctx(catalogs) as ctx:
        pp = _plan(ctx, indication, site, setting, fitzpatrick, ())
        h = ffi.new("mn_scn **")
        hl = ffi.new("mn_scn **")
        ra, rb = ffi.new("mn_result **"), ffi.new("mn_result **")
        try:
            if lib.mn_plan_to_scn(ctx, pp[0], h) != 0:
                raise MnsimError(_msg(ctx))
            for k, v in (("indication", indication), ("patient.age_years", str(age_years))):
                if lib.mn_scn_set_text(h[0], k.encode(), v.encode()) != 0:
                    raise ScenarioError(_msg(ctx), k, v)
            if lib.mn_scn_compare_laser(ctx, h[0], LASERS.index(laser), hl) != 0:
                raise MnsimError(_msg(ctx))
            for hp, rp in ((h, ra), (hl, rb)):
                if lib.mn_run_scn(ctx, hp[0], rp) != 0:
                    raise MnsimError(_msg(ctx))
            rows = ffi.new("mn_compare_row[16]")
            n = ffi.new("size_t *")
            if lib.mn_compare_rows(ctx, ra[0], rb[0], rows, n) != 0:
                raise MnsimError(_msg(ctx))
            s = lambda b: ffi.string(b).decode("utf-8")
            table = [{"what": s(rows[i].what), "microneedling": s(rows[i].arm[0]),
                      "laser": s(rows[i].arm[1]), "evidence": s(rows[i].evidence)}
                     for i in range(n[0])]
            return {"arms": {"microneedling": Result(ctx, ra[0]), "laser": Result(ctx, rb[0])},
                    "rows": table}
        finally:
            lib.mn_result_destroy(ra)
            lib.mn_result_destroy(rb)
            lib.mn_scn_destroy(h)
            lib.mn_scn_destroy(hl)
            lib.mn_plan_destroy(pp)


def catalogue(name, catalogs=None):
    """A catalogue ("sites", "devices", "compounds", "indications", "outcomes") as a list of
    dicts, in the units of data/NAME.yaml; with the user's catalogue files (catalogs, and
    MNSIM_CATALOG_PATH) the first four hold their entries too, each with its "origin"
    ("built-in" or the file)."""
    with _Ctx(catalogs) as ctx:
        out = ffi.new("char **")
        if lib.mn_catalogue_json(ctx, name.encode(), out) != 0:
            raise ScenarioError(_msg(ctx), "catalogue", name)
        try:
            return json.loads(ffi.string(out[0]).decode("utf-8"))
        finally:
            lib.mn_string_free(ctx, out[0])
