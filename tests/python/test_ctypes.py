#!/usr/bin/env python3
"""The shared library through ctypes, knowing no struct layout: only opaque pointers, ints,
doubles and strings cross. Creates a context and a scenario handle, sets
device.needle_length_mm to 1.0 by name, runs it, reads absorption.enhancement_ratio, the
absorption.cumulative_absorbed_percent curve and where the dose went by name, and checks them
against what `mnsim run --set device.needle_length_mm=1.0 --json` prints; a bad value gives a
status and the loader's message.

usage: test_ctypes.py LIBMNSIM_SO MNSIM_CLI
"""
import ctypes
import json
import subprocess
import sys

MN_OK, MN_E_ARG, MN_E_CONFIG, MN_E_NOTFOUND = 0, -2, -3, -9
P = ctypes.c_void_p

passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print(f"FAIL: {what}")


def load(path):
    lib = ctypes.CDLL(path)
    sig = {
        "mn_api_version": (ctypes.c_int, []),
        "mn_ctx_create": (ctypes.c_int, [P, P, ctypes.POINTER(P)]),
        "mn_ctx_destroy": (None, [ctypes.POINTER(P)]),
        "mn_ctx_errmsg": (ctypes.c_char_p, [P]),
        "mn_ctx_error_key": (ctypes.c_char_p, [P]),
        "mn_ctx_error_value": (ctypes.c_char_p, [P]),
        "mn_scn_create": (ctypes.c_int, [P, ctypes.POINTER(P)]),
        "mn_scn_destroy": (None, [ctypes.POINTER(P)]),
        "mn_scn_set_text": (ctypes.c_int, [P, ctypes.c_char_p, ctypes.c_char_p]),
        "mn_scn_set_double": (ctypes.c_int, [P, ctypes.c_char_p, ctypes.c_double]),
        "mn_scn_get_double": (ctypes.c_int, [P, ctypes.c_char_p, ctypes.POINTER(ctypes.c_double)]),
        "mn_run_scn": (ctypes.c_int, [P, P, ctypes.POINTER(P)]),
        "mn_result_destroy": (None, [ctypes.POINTER(P)]),
        "mn_result_get_double": (ctypes.c_int,
                                 [P, ctypes.c_char_p, ctypes.POINTER(ctypes.c_double)]),
        "mn_result_field_length": (ctypes.c_int,
                                   [P, ctypes.c_char_p, ctypes.POINTER(ctypes.c_size_t)]),
        "mn_result_copy_array": (ctypes.c_int, [P, ctypes.c_char_p, ctypes.POINTER(ctypes.c_double),
                                                ctypes.c_size_t, ctypes.POINTER(ctypes.c_size_t)]),
        "mn_result_get_array": (ctypes.c_int, [P, ctypes.c_char_p,
                                               ctypes.POINTER(ctypes.POINTER(ctypes.c_double)),
                                               ctypes.POINTER(ctypes.c_size_t)]),
        "mn_result_get_string": (ctypes.c_int,
                                 [P, ctypes.c_char_p, ctypes.POINTER(ctypes.c_char_p)]),
        "mn_result_field_count": (ctypes.c_size_t, [P]),
        "mn_result_field_name": (ctypes.c_char_p, [P, ctypes.c_size_t]),
    }
    for name, (res, args) in sig.items():
        f = getattr(lib, name)
        f.restype, f.argtypes = res, args
    return lib


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    lib, cli = load(sys.argv[1]), sys.argv[2]

    # what the command line prints for the same scenario
    out = subprocess.run([cli, "run", "--set", "device.needle_length_mm=1.0", "--json"],
                         capture_output=True, text=True, check=True).stdout
    want = json.loads(out)["absorption"]
    bad = subprocess.run([cli, "run", "--set", "device.needle_length_mm=5", "--json"],
                         capture_output=True, text=True)
    check(bad.returncode != 0, "the command line refuses needle_length_mm=5")
    loader_msg = bad.stderr.strip().split("--set ", 1)[-1]  # "device.needle_length_mm = '5': ..."
    check("out of range" in loader_msg, f"the command line's message: {bad.stderr!r}")

    check(lib.mn_api_version() == 9, "mn_api_version")  # the API this script is written for
    ctx = P()
    check(lib.mn_ctx_create(None, None, ctypes.byref(ctx)) == MN_OK and ctx, "mn_ctx_create")
    scn = P()
    check(lib.mn_scn_create(ctx, ctypes.byref(scn)) == MN_OK and scn, "mn_scn_create")

    key = b"device.needle_length_mm"
    check(lib.mn_scn_set_double(scn, key, 1.0) == MN_OK, "set needle_length_mm to 1.0")
    got = ctypes.c_double()
    check(lib.mn_scn_get_double(scn, key, ctypes.byref(got)) == MN_OK and got.value == 1.0,
          f"read needle_length_mm back: {got.value}")

    # a bad value: a status and the loader's message; the scenario is unchanged
    st = lib.mn_scn_set_text(scn, key, b"5")
    msg = lib.mn_ctx_errmsg(ctx).decode()
    check(st == MN_E_CONFIG, f"needle_length_mm = '5' gives MN_E_CONFIG (got {st})")
    check(loader_msg in msg, f"the loader's message {loader_msg!r} in {msg!r}")
    check(lib.mn_ctx_error_key(ctx) == key and lib.mn_ctx_error_value(ctx) == b"5",
          "the error names the key and the value")
    check(lib.mn_scn_get_double(scn, key, ctypes.byref(got)) == MN_OK and got.value == 1.0,
          "a refused value leaves the scenario unchanged")
    st = lib.mn_scn_set_text(scn, b"device.needle_lenght_mm", b"1.0")
    check(st == MN_E_CONFIG and "device.needle_length_mm" in lib.mn_ctx_errmsg(ctx).decode(),
          "an unknown key suggests the right one")
    check(lib.mn_scn_set_text(scn, key, b"1.0") == MN_OK, "set needle_length_mm from text")

    res = P()
    st = lib.mn_run_scn(ctx, scn, ctypes.byref(res))
    check(st == MN_OK and res, f"mn_run_scn: {st} {lib.mn_ctx_errmsg(ctx)!r}")
    if st != MN_OK:
        print(f"{passed} passed, {failed} failed")
        return 1

    er = ctypes.c_double()
    check(lib.mn_result_get_double(res, b"absorption.enhancement_ratio", ctypes.byref(er))
          == MN_OK, "read absorption.enhancement_ratio")
    check(er.value == want["enhancement_ratio"],
          f"enhancement_ratio {er.value!r} == the command line's {want['enhancement_ratio']!r}")

    name = b"absorption.cumulative_absorbed_percent"
    n = ctypes.c_size_t()
    check(lib.mn_result_field_length(res, name, ctypes.byref(n)) == MN_OK, "curve length")
    check(n.value == len(want["cumulative_absorbed_percent"]) and n.value > 2,
          f"curve length {n.value} == {len(want['cumulative_absorbed_percent'])}")
    buf = (ctypes.c_double * n.value)()
    m = ctypes.c_size_t()
    check(lib.mn_result_copy_array(res, name, buf, n.value, ctypes.byref(m)) == MN_OK
          and m.value == n.value, "copy the curve")
    diff = [(i, a, b) for i, (a, b) in enumerate(zip(buf, want["cumulative_absorbed_percent"]))
            if a != b]
    check(not diff, f"the curve equals the command line's (differ: {diff[:3]})")
    ptr = ctypes.POINTER(ctypes.c_double)()
    check(lib.mn_result_get_array(res, name, ctypes.byref(ptr), ctypes.byref(m)) == MN_OK
          and [ptr[i] for i in range(m.value)] == list(buf), "the borrowed curve is the same")

    text = ctypes.c_char_p()
    check(lib.mn_result_get_string(res, b"absorption.model", ctypes.byref(text)) == MN_OK
          and text.value.decode() == want["model"], "absorption.model")

    # where the dose went: a field of a nested object by its dotted name, a string, a curve
    sc = ctypes.c_double()
    name = b"absorption.compartments_percent.intact.stratum_corneum"
    check(lib.mn_result_get_double(res, name, ctypes.byref(sc)) == MN_OK
          and sc.value == want["compartments_percent"]["intact"]["stratum_corneum"]
          and sc.value == want["intact_in_stratum_corneum_percent"], f"{name.decode()}")
    check(lib.mn_result_get_string(res, b"absorption.hydration_state", ctypes.byref(text))
          == MN_OK and text.value.decode() == want["hydration_state"], "absorption.hydration_state")
    check(lib.mn_result_field_length(res, b"absorption.sc_hydration", ctypes.byref(n)) == MN_OK
          and n.value == len(want["time_h"]), "absorption.sc_hydration has a weight per time")
    st = lib.mn_result_get_double(res, b"absorption.nope", ctypes.byref(er))
    check(st == MN_E_NOTFOUND and "absorption.nope" in lib.mn_ctx_errmsg(ctx).decode(),
          "an unknown field is MN_E_NOTFOUND naming it")
    st = lib.mn_result_get_double(res, b"absorption.model", ctypes.byref(er))
    check(st == MN_E_ARG, "a string read as a double is MN_E_ARG")
    names = [lib.mn_result_field_name(res, i).decode()
             for i in range(lib.mn_result_field_count(res))]
    check("absorption.enhancement_ratio" in names and "absorption.time_h" in names,
          "the list of field names")

    lib.mn_result_destroy(ctypes.byref(res))
    check(not res, "mn_result_destroy clears the handle")
    lib.mn_scn_destroy(ctypes.byref(scn))
    lib.mn_ctx_destroy(ctypes.byref(ctx))
    check(not scn and not ctx, "mn_scn_destroy and mn_ctx_destroy clear their handles")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
