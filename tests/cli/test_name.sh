#!/usr/bin/env bash
# The scenario's name follows what runs (issue 17): a name the user did not write is built from
# the resolved site, device and product, so --set changes the title of the terminal report,
# summary.json and report.html; a name the user writes is kept. Usage: test_name.sh path/to/mnsim
set -u
MNSIM=${1:?usage: test_name.sh path/to/mnsim}
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
. "$(dirname "$0")/check.sh"

FAST="--quiet --set simulation.model=1d --set course.sessions=1"
json_name() { $PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["name"])' "$1"; }

# the default keeps its old title, now built from what runs
"$MNSIM" run $FAST >"$TMP/default.txt" 2>/dev/null
check "default title" grep -q '^mnsim [^ ]*: cheek, 1\.5 mm roller, caffeine serum (seed 42)$' "$TMP/default.txt"

# the issue's eyelid pen: terminal, summary.json and report.html all follow --set
"$MNSIM" run $FAST --set skin.site=periorbital --set device.type=pen \
  --set device.needle_length_mm=2.5 -o "$TMP/eyelid" >"$TMP/eyelid.txt" 2>/dev/null
check "eyelid run exits 0" test $? -eq 0
want="periorbital, 2.5 mm pen, caffeine serum"
check "terminal title follows --set" grep -qF "0: $want (seed 42)" "$TMP/eyelid.txt"
check "no old title on the terminal" test -z "$(grep -v '^name:' "$TMP/eyelid.txt" | grep -F 'cheek, 1.5 mm roller')"
check "summary.json name follows --set" test "$(json_name "$TMP/eyelid/summary.json")" = "$want"
check "report title follows --set" grep -qF "<title>mnsim: $want</title>" "$TMP/eyelid/report.html"
check "report has no old title" test -z "$(grep -F 'cheek, 1.5 mm roller' "$TMP/eyelid/report.html" | grep -v 'free text naming the scenario')"
# the resolved scenario printed names the run as it ran
check "resolved scenario carries the name" grep -qF "name: \"$want\"" "$TMP/eyelid.txt"

# --json: the same name
"$MNSIM" run $FAST --json --set formulation.compound=niacinamide --set device.model=pen_12 \
  >"$TMP/pen.json" 2>/dev/null
check "json name: model and product" \
  test "$(json_name "$TMP/pen.json")" = "cheek, 1.5 mm pen (pen_12), niacinamide serum"

# a laser is named by its line
"$MNSIM" run $FAST --set device.type=fractional_laser --set device.laser=er_yag \
  --set formulation.vehicle=ethanol >"$TMP/laser.txt" 2>/dev/null
check "laser title" grep -qF ": cheek, er_yag fractional laser, caffeine in ethanol (seed 42)" \
  "$TMP/laser.txt"

# a name the user writes is kept, by --set or in the file
"$MNSIM" run $FAST --set name="my eyelid test" --set skin.site=periorbital >"$TMP/mine.txt" 2>/dev/null
check "--set name is kept" grep -q '^mnsim [^ ]*: my eyelid test (seed 42)$' "$TMP/mine.txt"
printf 'name: forehead trial\nskin: {site: forehead}\n' >"$TMP/named.yaml"
"$MNSIM" run $FAST "$TMP/named.yaml" --set device.needle_length_mm=1.0 >"$TMP/named.txt" 2>/dev/null
check "file name is kept" grep -q '^mnsim [^ ]*: forehead trial (seed 42)$' "$TMP/named.txt"
# a file without a name is named after what it runs
printf 'skin: {site: forehead}\ndevice: {needle_length_mm: 0.5}\n' >"$TMP/unnamed.yaml"
"$MNSIM" run $FAST "$TMP/unnamed.yaml" >"$TMP/unnamed.txt" 2>/dev/null
check "file without a name" grep -q '^mnsim [^ ]*: forehead, 0\.5 mm roller, caffeine serum (seed 42)$' \
  "$TMP/unnamed.txt"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
