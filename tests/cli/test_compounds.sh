#!/usr/bin/env bash
# mnsim compounds: the table for people, --json (valid JSON, every required compound with its
# properties, derived permeabilities and a source; the WKN stratum corneum of both hydration
# states), --help, and a bad argument.
# Usage: test_compounds.sh path/to/mnsim
set -u
MNSIM=${1:?usage: test_compounds.sh path/to/mnsim}
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
. "$(dirname "$0")/check.sh"

COMPOUNDS="caffeine niacinamide ascorbic_acid retinol hyaluronic_acid_small
hyaluronic_acid_large tranexamic_acid palmitoyl_pentapeptide testosterone hydrocortisone
benzoic_acid"

"$MNSIM" compounds >"$TMP/table.txt" 2>"$TMP/table.err"
check "compounds exits 0" test $? -eq 0
check "compounds writes nothing on stderr" test ! -s "$TMP/table.err"
check "table has a header" grep -q '^name .*MW Da .*log Kow .*kp SC cm/h: open .*covered' "$TMP/table.txt"
for c in $COMPOUNDS; do
  check "table lists $c" grep -q "^$c " "$TMP/table.txt"
done

"$MNSIM" compounds --json >"$TMP/c.json" 2>"$TMP/json.err"
check "compounds --json exits 0" test $? -eq 0
check "compounds --json writes nothing on stderr" test ! -s "$TMP/json.err"
check "compounds --json: every compound complete" $PY - "$TMP/c.json" $COMPOUNDS <<'PY'
import json, math, sys
items = {c["name"]: c for c in json.load(open(sys.argv[1]))}
ok = True
for name in sys.argv[2:]:
    c = items.get(name)
    if c is None:
        print("missing", name); ok = False; continue
    for key in ("label", "kind", "molecular_weight_da", "log_kow", "water_solubility_mg_ml",
                "melting_point_c", "vapour_pressure_pa", "source", "kp_potts_guy_cm_h",
                "kp_ve_cap_cm_h", "kp_intact_cm_h", "sc_partition", "sc_diffusivity_cm2_s",
                "aqueous_diffusivity_cm2_s"):
        if key not in c:
            print(name, "lacks", key); ok = False
    if not ok:
        continue
    if not (c["molecular_weight_da"] > 0 and c["water_solubility_mg_ml"] > 0 and len(c["source"]) > 20):
        print(name, "bad values"); ok = False
    # intact kp: Potts-Guy in series with the VE cap, so below both
    if c["kp_intact_cm_h"] > min(c["kp_potts_guy_cm_h"], c["kp_ve_cap_cm_h"]) * (1 + 1e-12):
        print(name, "kp_intact above its parts"); ok = False
    if abs(c["kp_ve_cap_cm_h"] - 2.6 / math.sqrt(c["molecular_weight_da"])) > 1e-12:
        print(name, "VE cap is not 2.6/sqrt(MW)"); ok = False
# Potts-Guy values of the physics notes (§4): caffeine 1.1e-4 cm/h, ascorbic acid 7.5e-6
for name, kp in (("caffeine", 1.1e-4), ("ascorbic_acid", 7.5e-6)):
    if abs(items[name]["kp_potts_guy_cm_h"] / kp - 1) > 0.05:
        print(name, "Potts-Guy kp", items[name]["kp_potts_guy_cm_h"]); ok = False
# The WKN stratum corneum (sc_wkn): both hydration states of every compound, kp = K D / h, and
# the five compounds of barrier.md §4 within 15 % of the independent model's K_sc and D_sc.
for name in sys.argv[2:]:
    w = items.get(name, {}).get("sc_wkn")
    if not isinstance(w, dict):
        print(name, "lacks sc_wkn"); ok = False; continue
    for key in ("density_kg_m3", "density_assumed", "in_calibrated_range"):
        if key not in w:
            print(name, "sc_wkn lacks", key); ok = False
    for state in ("partial", "full"):
        s = w.get(state)
        if not isinstance(s, dict) or any(k not in s for k in
                                          ("K_sc", "D_sc_cm2_s", "kp_cm_h", "thickness_um")):
            print(name, "sc_wkn lacks a field of", state); ok = False; continue
        kp = s["K_sc"] * s["D_sc_cm2_s"] / (s["thickness_um"] * 1e-4) * 3600
        if s["K_sc"] <= 0 or abs(kp - s["kp_cm_h"]) > 1e-9 * s["kp_cm_h"] + 1e-300:
            print(name, state, "kp is not K_sc D_sc / h"); ok = False
    if ok and not (w["partial"]["thickness_um"] == 13.4 and w["full"]["thickness_um"] == 43.4):
        print(name, "SC thickness of the states"); ok = False
# barrier.md §4, the independent model's SC parameters unoccluded / occluded: K_sc, D_sc [cm²/s]
ref = {"caffeine": (4.28, 2.12, 1.76e-12, 3.74e-11),
       "hydrocortisone": (12.2, 4.82, 1.41e-12, 3.58e-11),
       "testosterone": (51.9, 18.5, 1.99e-11, 5.59e-10),
       "benzoic_acid": (14.6, 5.66, 8.66e-11, 2.32e-9),
       "niacinamide": (2.38, 1.89, 8.00e-12, 1.07e-10)}
for name, (kp_, kf, dp, df) in ref.items():
    w = items[name]["sc_wkn"]
    if w["density_assumed"]:
        print(name, "has no catalogue density"); ok = False
    got = (w["partial"]["K_sc"], w["full"]["K_sc"], w["partial"]["D_sc_cm2_s"],
           w["full"]["D_sc_cm2_s"])
    for g, r, what in zip(got, (kp_, kf, dp, df), ("K_sc partial", "K_sc full", "D_sc partial",
                                                   "D_sc full")):
        if abs(g / r - 1) > 0.15:
            print(name, what, g, "not within 15 % of", r); ok = False
sys.exit(0 if ok else 1)
PY

# The SC's kp of a run: the neutral form's for a neutral compound, far less for a salt ionised
# at pH 5.5 (naltrexone, pKa 8.13).
"$MNSIM" compounds --json >"$TMP/kp.json"
python3 - "$TMP/kp.json" <<'PY'
import json, sys
d = {c["name"]: c for c in json.load(open(sys.argv[1]))}
c, n = d["caffeine"], d["naltrexone"]
ok = abs(c["kp_sc_open_cm_h"] / c["sc_wkn"]["partial"]["kp_cm_h"] - 1) < 1e-9
ok = ok and abs(c["kp_sc_covered_cm_h"] / c["sc_wkn"]["full"]["kp_cm_h"] - 1) < 1e-9
ok = ok and n["kp_sc_open_cm_h"] < n["sc_wkn"]["partial"]["kp_cm_h"] / 50
sys.exit(0 if ok else 1)
PY
check "kp of a run: neutral form for caffeine, ionised naltrexone far slower" test $? -eq 0

"$MNSIM" compounds --help >"$TMP/help.txt"
check "compounds --help exits 0" test $? -eq 0
check "compounds --help shows usage" grep -q 'usage: mnsim compounds \[--json | --names\]' "$TMP/help.txt"
"$MNSIM" --help | grep -q '^  compounds '
check "mnsim --help lists compounds" test $? -eq 0
"$MNSIM" compounds --bogus >/dev/null 2>"$TMP/bad.err"
check "bad argument exits 2" test $? -eq 2
check "bad argument is named" grep -q "unknown option '--bogus'" "$TMP/bad.err"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
