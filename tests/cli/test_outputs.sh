#!/usr/bin/env bash
# mnsim run -o DIR: the default scenario gives summary.json (summary + full scenario, which runs
# again to the same summary), the stages' CSV files, every figure as a PNG (signature) and an
# SVG (xmllint parses it), a self-contained report.html (images only as data: URIs, no script,
# link, URL or file reference), where the dose went (summary.json's compartments, the SC used,
# the hydration weight and absorption.csv's sc_hydration column; the dose figure in the report),
# no temporary left, the same bytes twice; --fields needs -o; an unwritable OUTDIR fails;
# --fields writes the HDF5 + XDMF pair of the axisymmetric run (h5dump lists the documented
# datasets at the profile times) and nothing on a 1d run; the progress bar shows on a terminal
# only, and --quiet silences it.
# Usage: test_outputs.sh path/to/mnsim
set -u
MNSIM=${1:?usage: test_outputs.sh path/to/mnsim}
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
. "$(dirname "$0")/check.sh"
is_png() { [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ]; }
no_tmp() { ! ls -A "$1" | grep -q '\.tmp\.'; }
self_contained() { # report.html: every <img> is an embedded PNG; nothing refers outside
  local f=$1
  ! grep -Eq '<script|<link|<iframe|<object|<embed|href=|url\(|@import|https?:|file:' "$f" &&
    [ "$(grep -o '<img ' "$f" | wc -l)" -eq "$(grep -o 'src="data:image/png;base64,' "$f" | wc -l)" ] &&
    [ "$(grep -o 'src="' "$f" | wc -l)" -eq "$(grep -o 'src="data:image/png;base64,' "$f" | wc -l)" ]
}

OUT=$TMP/out
(umask 022 && "$MNSIM" run -o "$OUT" --fields --quiet >"$TMP/run.txt" 2>"$TMP/run.err")
check "run -o exits 0" test $? -eq 0
# Output files get 0666 less the umask, not mkstemp's 0600.
check "every file is readable by others (umask 022)" \
  test -z "$(find "$OUT" -type f ! -perm 0644)"
check "summary.json is JSON" $PY -m json.tool "$OUT/summary.json" >/dev/null
check "report.html exists" test -s "$OUT/report.html"
check "no temporary file left" no_tmp "$OUT"

# The figures and CSV files of every stage that ran (the stages are read from the summary).
read -r figures csvs_joined < <($PY - "$OUT/summary.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
figs, csvs = ["cross_section"], []
if "puncture" in s: figs.append("channel_map"); csvs.append("channels.csv")
if "absorption" in s:
    figs += ["absorbed", "dose", "profiles"]; csvs += ["absorption.csv", "profiles.csv"]
    if s["absorption"]["model"] in ("axisymmetric", "3d"):
        figs += ["field_t%d" % k for k in range(1, 5)]
if "healing" in s and s["healing"].get("sessions", 0) > 0: figs.append("course"); csvs.append("healing.csv")
print(",".join(figs), ",".join(csvs) or "-")
PY
)
figures=${figures//,/ }
csvs=${csvs_joined//,/ }
[ "$csvs" = "-" ] && csvs=""
check "the default run has every stage's figure" test "$figures" = "cross_section channel_map absorbed dose profiles field_t1 field_t2 field_t3 field_t4 course"
check "the default run has every stage's CSV" test "$csvs" = "channels.csv absorption.csv profiles.csv healing.csv"
for f in $figures; do
  check "$f.png is a PNG" is_png "$OUT/$f.png"
  check "$f.svg parses" xmllint --noout "$OUT/$f.svg"
done
for c in $csvs; do
  check "$c has a header and rows" test "$(wc -l <"$OUT/$c")" -gt 1
done
check "no figure beyond the stages'" test "$(ls "$OUT"/*.png | wc -l)" -eq "$(echo $figures | wc -w)"

check "report.html is self-contained" self_contained "$OUT/report.html"
check "report.html parses as XML" xmllint --noout "$OUT/report.html"
n_img=$(grep -o '<img ' "$OUT/report.html" | wc -l)
check "report.html embeds every figure" test "$n_img" -eq "$(ls "$OUT"/*.png | wc -l)"
check "report.html shows where the dose went" grep -q 'Where the dose went' "$OUT/report.html"

# Where the dose went: summary.json's compartments at the end (each skin sums to 100 %), the
# SCENARIO.md fields equal to them, the SC used, and the hydration weight over the curve, which
# absorption.csv's last column repeats row by row.
check "summary.json and absorption.csv say where the dose went" $PY - "$OUT/summary.json" "$OUT/absorption.csv" <<'PY'
import csv, json, math, sys
a = json.load(open(sys.argv[1]))["absorption"]
names = ["vehicle", "deposit", "evaporated", "washed", "stratum_corneum", "viable_epidermis",
         "dermis", "absorbed"]
for skin, pre in (("treated", ""), ("intact", "intact_")):
    c = a["compartments_percent"][skin]
    assert list(c) == names, list(c)
    assert abs(sum(c.values()) - 100) < 1e-9, (skin, sum(c.values()))
    assert a[pre + "in_stratum_corneum_percent"] == c["stratum_corneum"]
    assert a[pre + "deposit_percent"] == c["deposit"]
    assert a[pre + "evaporated_percent"] == c["evaporated"]
    assert a[pre + "absorbed_percent"] == c["absorbed"]
# the default serum is a water film: the SC is fully hydrated until it dries, then relaxes
assert a["hydration_state"] == "full_then_partial", a["hydration_state"]
assert math.isclose(a["hydration_full_until_h"], a["dry_time_h"], rel_tol=1e-12)
assert math.isclose(a["hydration_relax_h"], 0.2, rel_tol=1e-12)  # 12 min
for k in ("sc_partition", "sc_diffusivity_cm2_s", "sc_kp_cm_h", "sc_thickness_um"):
    assert a[k] > 0, k
assert math.isclose(a["sc_kp_cm_h"],
                    a["sc_partition"] * a["sc_diffusivity_cm2_s"] / (a["sc_thickness_um"] * 1e-4)
                    * 3600, rel_tol=1e-12)
assert 0 < a["channel_hindrance"] <= 1
assert a["unionised_fraction_sc"] == 1 and a["unionised_fraction_body"] == 1  # caffeine
w = a["sc_hydration"]
assert len(w) == len(a["time_h"]) and w[0] == 1 and all(0 <= x <= 1 for x in w)
assert all(x >= y for x, y in zip(w, w[1:])) and w[-1] < 1e-6
rows = list(csv.reader(open(sys.argv[2])))
assert rows[0][-1] == "sc_hydration", rows[0][-1]
for skin in ("treated", "intact"):
    col = [float(r[-1]) for r in rows[1:] if r[0] == skin]
    assert len(col) == len(w) and all(math.isclose(x, y, rel_tol=1e-15) for x, y in zip(col, w)), skin
PY

# summary.json: version, seed, the full scenario; the scenario block runs to the same summary.
check "summary has version, seed and scenario" $PY - "$OUT/summary.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
assert s["mnsim_version"] and s["seed"] == 42
sc = s["scenario"]
assert sc["skin"]["site"] == "cheek" and sc["seed"] == 42 and sc["device"]["needle_length_mm"] == 1.5
assert s["absorption"]["profile_times_h"] == [0.25, 1, 4, 24]  # the default times, resolved
PY
$PY -c 'import json,sys; json.dump(json.load(open(sys.argv[1]))["scenario"], open(sys.argv[2], "w"), indent=1)' \
  "$OUT/summary.json" "$TMP/again.json"
"$MNSIM" run --json --quiet >"$TMP/a.json" 2>/dev/null
"$MNSIM" run "$TMP/again.json" --json --quiet >"$TMP/b.json" 2>"$TMP/again.err"
check "the scenario block is a loadable scenario" test $? -eq 0
check "the scenario block repeats the run exactly" cmp -s "$TMP/a.json" "$TMP/b.json"

# Same input, same bytes.
"$MNSIM" run -o "$TMP/out2" --fields --quiet >/dev/null 2>&1
for f in summary.json report.html concentration.h5 concentration.xdmf cross_section.png $(for f in $figures; do echo $f.png $f.svg; done) $csvs; do
  check "$f is the same twice" cmp -s "$OUT/$f" "$TMP/out2/$f"
done

# Usage and failures.
"$MNSIM" run --fields --quiet >/dev/null 2>"$TMP/fields.err"
check "--fields without -o is a usage error" test $? -eq 2
check "--fields message names -o" grep -q -- "-o" "$TMP/fields.err"
"$MNSIM" run -o "$TMP/fields1d" --fields --quiet --set simulation.model=1d >/dev/null 2>"$TMP/fields1d.err"
check "--fields on a 1d run succeeds" test $? -eq 0
check "--fields on a 1d run says there is no field" grep -q "no concentration field" "$TMP/fields1d.err"
check "--fields on a 1d run writes no HDF5" bash -c "! ls '$TMP/fields1d' | grep -q '\.h5$'"
check "a 1d run draws its profiles" is_png "$TMP/fields1d/profiles.png"
check "a 1d run draws no heat map" bash -c "! ls '$TMP/fields1d' | grep -q '^field_'"

# --fields on the default run (axisymmetric, the first run above): the HDF5 file has the
# documented datasets, the four default profile times and the units; the XDMF file parses and
# refers to it by name.
H5=$OUT/concentration.h5
h5dump -H "$H5" >"$TMP/h5.txt" 2>&1
check "concentration.h5 opens with h5dump" test $? -eq 0
for d in /grid/r_edges_m /grid/z_edges_m /time_s /fields/step_0000 /fields/step_0003; do
  check "concentration.h5 has $d" grep -q "DATASET \"${d##*/}\"" "$TMP/h5.txt"
done
check "concentration.h5 has 4 steps" test "$(grep -c 'DATASET "step_' "$TMP/h5.txt")" -eq 4
check "concentration.h5 carries units" grep -q 'ATTRIBUTE "units"' "$TMP/h5.txt"
h5dump -d /time_s -y -w 0 "$H5" >"$TMP/time.txt" 2>&1
check "the steps are the default profile times (15 min, 1 h, 4 h, 24 h)" \
  grep -Eq '900, 3600, 14400, 86400' "$TMP/time.txt"
h5dump -a /fields/step_0000/units "$H5" >"$TMP/units.txt" 2>&1
check "the field's unit is kg/m^3" grep -q 'kg/m^3' "$TMP/units.txt"
check "concentration.xdmf parses" xmllint --noout "$OUT/concentration.xdmf"
check "concentration.xdmf refers to the .h5 by its bare name" \
  grep -q '>concentration.h5:/fields/step_0000<' "$OUT/concentration.xdmf"
# Times the user chooses: the profiles, the heat maps and the HDF5 steps follow them.
"$MNSIM" run -o "$TMP/chosen" --fields --quiet --set course.sessions=0 \
  --set simulation.profile_times_h=0.5,2 >/dev/null 2>&1
check "chosen profile times: run exits 0" test $? -eq 0
check "profiles.csv holds the chosen times" test \
  "$(cut -d, -f1,2 "$TMP/chosen/profiles.csv" | sed 1d | sort -u | tr '\n' ' ')" = \
  "intact,0.5 intact,2 treated,0.5 treated,2 "
check "summary.json gives the chosen profile times" $PY -c \
  'import json,sys; assert json.load(open(sys.argv[1]))["absorption"]["profile_times_h"] == [0.5, 2]' \
  "$TMP/chosen/summary.json"
check "one heat map per chosen time" test "$(ls "$TMP/chosen" | grep -c '^field_t.\.png$')" -eq 2
h5dump -d /time_s -y -w 0 "$TMP/chosen/concentration.h5" >"$TMP/time2.txt" 2>&1
check "the HDF5 steps are the chosen times" grep -Eq '1800, 7200' "$TMP/time2.txt"
touch "$TMP/a_file"
"$MNSIM" run -o "$TMP/a_file/sub" --quiet >/dev/null 2>"$TMP/unwritable.err"
check "an unwritable OUTDIR fails" test $? -ne 0
check "the message names the directory" grep -q "a_file" "$TMP/unwritable.err"

# Progress: on a terminal (script gives one), not with --quiet, never into a file (quick runs).
FAST="--set simulation.model=1d --set course.sessions=0"
if command -v script >/dev/null; then
  MNSIM_PROGRESS_DELAY_S=0 script -qec "'$MNSIM' run -o '$TMP/p1' $FAST >/dev/null" /dev/null >"$TMP/tty.txt" 2>&1
  check "a terminal shows the progress bar" grep -q "left" "$TMP/tty.txt"
  MNSIM_PROGRESS_DELAY_S=0 script -qec "'$MNSIM' run -o '$TMP/p2' $FAST --quiet >/dev/null" /dev/null >"$TMP/tty_q.txt" 2>&1
  check "--quiet silences it" bash -c "! grep -q left '$TMP/tty_q.txt'"
fi
MNSIM_PROGRESS_DELAY_S=0 "$MNSIM" run $FAST >/dev/null 2>"$TMP/notty.err"
check "no bar when stderr is a file" bash -c "! grep -q left '$TMP/notty.err'"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
