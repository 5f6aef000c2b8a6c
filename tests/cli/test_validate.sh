#!/usr/bin/env bash
# mnsim validate: the table for people, --json (valid JSON, every case complete, verdicts that
# agree with the bands), the exit status (0 only when every case passes), --help, bad argument.
# Usage: test_validate.sh path/to/mnsim
set -u
MNSIM=${1:?usage: test_validate.sh path/to/mnsim}
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
. "$(dirname "$0")/check.sh"

"$MNSIM" validate >"$TMP/table.txt" 2>"$TMP/table.err"
rc_table=$?
check "validate exits 0 or 1" test $rc_table -le 1
check "validate writes nothing on stderr" test ! -s "$TMP/table.err"
check "table has a header" grep -q '^case .*kind .*measured .*predicted .*band' "$TMP/table.txt"
check "table names the Kalluri case (rat skin, independent)" grep -q '^kalluri_channel_depth .*independent' "$TMP/table.txt"
check "table says which cases are evidence" grep -q "only 'independent' cases\|'independent' cases are evidence" "$TMP/table.txt"

"$MNSIM" validate --json >"$TMP/v.json" 2>"$TMP/json.err"
rc_json=$?
check "validate --json exits as the table does" test $rc_json -eq $rc_table
check "validate --json writes nothing on stderr" test ! -s "$TMP/json.err"
check "validate --json is valid JSON" $PY -m json.tool "$TMP/v.json" /dev/null
check "validate --json: every case complete, verdict = band, exit status = verdicts" \
  $PY - "$TMP/v.json" "$rc_json" <<'PY'
import json, re, sys
cases = json.load(open(sys.argv[1]))
rc = int(sys.argv[2])
ok = isinstance(cases, list) and len(cases) >= 15
names = set()
for c in cases:
    for key, kind in (("name", str), ("stage", str), ("kind", str), ("measured", str),
                      ("unit", str), ("published_text", str), ("band_low", (int, float)),
                      ("band_high", (int, float)), ("band_basis", str), ("predicted", (int, float)),
                      ("pass", bool), ("source", str), ("setup", str), ("limits", str)):
        if not isinstance(c.get(key), kind):
            print("case", c.get("name"), "key", key, "missing or wrong type"); ok = False
    for key in ("published", "published_sd"):
        if key not in c or not (c[key] is None or isinstance(c[key], (int, float))):
            print("case", c.get("name"), "key", key, "must be a number or null"); ok = False
    if not ok:
        continue
    if not re.fullmatch(r"[a-z][a-z0-9_]*", c["name"]) or c["name"] in names:
        print("bad or repeated name", c["name"]); ok = False
    names.add(c["name"])
    if c["kind"] not in ("independent", "calibration", "implementation"):
        print("bad kind", c["kind"]); ok = False
    if c["pass"] != (c["band_low"] <= c["predicted"] <= c["band_high"]):
        print("verdict disagrees with band:", c["name"]); ok = False
expected_rc = 0 if all(c.get("pass") for c in cases) else 1
if rc != expected_rc:
    print("exit status", rc, "expected", expected_rc); ok = False
for need in ("kalluri_channel_depth", "donnelly_inserted_fraction", "sjoberg_niacinamide_franz_24h",
             "potts_guy_kp_caffeine", "closure_occluded_half_life"):
    if need not in names:
        print("missing case", need); ok = False
sys.exit(0 if ok else 1)
PY

# The independent cases on published set-ups: present, marked independent, with a finite
# prediction; their verdicts are not asserted (they follow the physics, docs/validation.md).
check "validate --json: the published set-ups are there, marked independent" \
  $PY - "$TMP/v.json" <<'PY'
import json, math, sys
cases = {c["name"]: c for c in json.load(open(sys.argv[1]))}
ok = True
for need in ("sjoberg_niacinamide_ph5_permeated", "sjoberg_niacinamide_ph74_permeated",
             "sjoberg_niacinamide_ph5_in_skin", "sjoberg_niacinamide_ph74_in_skin",
             "sjoberg_niacinamide_skin_per_permeated", "sjoberg_niacinamide_ph_ratio",
             "wermeling_naltrexone_er", "wermeling_naltrexone_time_to_plateau",
             "wermeling_naltrexone_flux_48h", "hoang_amantadine_er", "hoang_pramipexole_er",
             "feldmann_caffeine_forearm", "bay_mal_dermaroller_er", "mikolajewska_mal_er_2pct",
             "mikolajewska_mal_er_16pct"):
    c = cases.get(need)
    if c is None:
        print("missing case", need); ok = False; continue
    if c["kind"] != "independent" or c["stage"] != "transport":
        print(need, "is", c["kind"], c["stage"]); ok = False
    if not isinstance(c["predicted"], (int, float)) or not math.isfinite(c["predicted"]):
        print(need, "has no finite prediction"); ok = False
sys.exit(0 if ok else 1)
PY
check "table marks the published set-ups independent" \
  grep -q '^hoang_amantadine_er .*independent .*Hoang, Ita & Bair 2015' "$TMP/table.txt"

"$MNSIM" validate --help >"$TMP/help.txt" 2>&1
check "validate --help exits 0" test $? -eq 0
check "help explains the kinds" grep -q 'calibration' "$TMP/help.txt"
"$MNSIM" validate --bogus >/dev/null 2>"$TMP/bad.err"
check "unknown argument exits 2" test $? -eq 2
check "unknown argument is named" grep -q "unknown option '--bogus'" "$TMP/bad.err"
"$MNSIM" --help >"$TMP/main.txt" 2>&1
check "mnsim --help lists validate" grep -q '^  validate ' "$TMP/main.txt"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
