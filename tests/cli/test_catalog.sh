#!/usr/bin/env bash
# The user's own catalogues (issue 17): --catalog on the commands, MNSIM_CATALOG_PATH, a
# scenario's `catalogs:` relative to its folder; a bad entry, a taken built-in name and a
# missing file are bad input (exit 2) with the file, line and column; listings name the origin.
# Also issue 18 items 10 and 11: the checks across keys name the key's place in the file, and a
# device model decides the device type. Usage: test_catalog.sh path/to/mnsim
set -u
MNSIM=${1:?usage: test_catalog.sh path/to/mnsim}
case $MNSIM in /*) ;; *) MNSIM=$PWD/$MNSIM ;; esac # the scenario test runs elsewhere
DATA=$(cd "$(dirname "$0")/../data/catalogs" && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
. "$(dirname "$0")/check.sh"
unset MNSIM_CATALOG_PATH
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
SHORT=(--set simulation.duration_h=1 --set course.sessions=0)

# A compound only the user's catalogue has: unknown without it, runs with it.
"$MNSIM" run --set formulation.compound=my_serum "${SHORT[@]}" >/dev/null 2>"$TMP/none.err"
check "my_serum unknown without the catalogue (exit 2)" test $? -eq 2
"$MNSIM" run --catalog "$DATA/my_compounds.yaml" --set formulation.compound=my_serum "${SHORT[@]}" \
  --json >"$TMP/run.json" 2>"$TMP/run.err"
check "my_serum runs with --catalog" test $? -eq 0
check "the summary names my_serum" grep -q '"compound":[[:space:]]*"my_serum"' "$TMP/run.json"
"$MNSIM" run --catalog="$DATA/my_compounds.yaml" --set device.model=my_pen "${SHORT[@]}" --json \
  >"$TMP/pen.json" 2>/dev/null
check "a user's device runs (--catalog=FILE)" test $? -eq 0
check "the user's pen ran as a pen" grep -q '"device_type":[[:space:]]*"pen"' "$TMP/pen.json"

# MNSIM_CATALOG_PATH: files separated by ':'.
MNSIM_CATALOG_PATH="/nonexistent-not-used-first:$DATA/my_compounds.yaml" "$MNSIM" compounds --names \
  >/dev/null 2>"$TMP/env_missing.err"
check "a missing file in MNSIM_CATALOG_PATH exits 2" test $? -eq 2
check "the missing file is named" grep -q 'nonexistent-not-used-first: cannot open the catalogue' "$TMP/env_missing.err"
MNSIM_CATALOG_PATH=":$DATA/my_compounds.yaml:" "$MNSIM" run --set formulation.compound=my_serum \
  "${SHORT[@]}" >/dev/null 2>&1
check "MNSIM_CATALOG_PATH adds my_serum" test $? -eq 0

# A bad entry: exit 2, file:line:column, the entry and key, the value, what was expected.
"$MNSIM" run --catalog "$DATA/bad_entry.yaml" >/dev/null 2>"$TMP/bad.err"
check "a bad entry exits 2" test $? -eq 2
check "a bad entry: file:line:column, key, value, expected" \
  grep -q "bad_entry.yaml:5:14: bad_serum.log_kow: expected a number, got 'high'" "$TMP/bad.err"
"$MNSIM" compounds --catalog "$DATA/bad_entry.yaml" >/dev/null 2>&1
check "a bad entry fails the listing too (exit 2)" test $? -eq 2

# A built-in name: refused without override: true, naming both origins; taken with it.
"$MNSIM" compounds --catalog "$DATA/takes_caffeine.yaml" >/dev/null 2>"$TMP/take.err"
check "a built-in name without override exits 2" test $? -eq 2
check "the refusal names both origins" \
  grep -q "takes_caffeine.yaml:3:11: compounds\[0\].name = 'caffeine': a compound of that name comes from data/compounds.yaml (built in); expected 'override: true'" "$TMP/take.err"
"$MNSIM" compounds --json --catalog "$DATA/overrides_caffeine.yaml" >"$TMP/over.json" 2>&1
check "override: true replaces caffeine" $PY -c '
import json, sys
d = {c["name"]: c for c in json.load(open(sys.argv[1]))}
c = d["caffeine"]
sys.exit(0 if c["log_kow"] == 0.5 and c["origin"].endswith("overrides_caffeine.yaml") and len(d) >= 16 else 1)' "$TMP/over.json"

# Listings name the origin: a column in the table, a field in --json.
"$MNSIM" compounds --catalog "$DATA/my_compounds.yaml" >"$TMP/list.txt"
check "table: origin column" grep -q '^name .* origin$' "$TMP/list.txt"
check "table: my_serum from the file" grep -q "^my_serum .*my_compounds.yaml$" "$TMP/list.txt"
check "table: caffeine built-in" grep -q "^caffeine .*built-in$" "$TMP/list.txt"
"$MNSIM" devices --json --catalog "$DATA/my_compounds.yaml" >"$TMP/dev.json"
check "devices --json: origin of each" $PY -c '
import json, sys
d = {x["name"]: x["origin"] for x in json.load(open(sys.argv[1]))}
sys.exit(0 if d["my_pen"].endswith("my_compounds.yaml") and d["pen_12"] == "built-in" else 1)' "$TMP/dev.json"
"$MNSIM" compounds >"$TMP/plain.txt"
check "no origin column without user catalogues" grep -q 'pKa$' "$TMP/plain.txt"

# A scenario's catalogs, relative to its folder, from another working directory.
(cd "$TMP" && "$MNSIM" run "$DATA/scenario/uses_catalog.yaml" --json >"$TMP/scn.json" 2>"$TMP/scn.err")
check "catalogs: relative to the scenario's folder" test $? -eq 0
check "the scenario ran my_serum" grep -q '"compound":[[:space:]]*"my_serum"' "$TMP/scn.json"
printf 'catalogs: [nope.yaml]\n' >"$TMP/names_nope.yaml"
"$MNSIM" run "$TMP/names_nope.yaml" >/dev/null 2>"$TMP/nope.err"
check "a missing catalogue of a scenario exits 2" test $? -eq 2
check "named with the scenario's line and column" grep -q "names_nope.yaml:1:12: catalogs\[0\] = '$TMP/nope.yaml': .*cannot open the catalogue" "$TMP/nope.err"
printf 'catalogs: [%s]\n' "$DATA/bad_entry.yaml" >"$TMP/bad_scn.yaml"
"$MNSIM" run "$TMP/bad_scn.yaml" >/dev/null 2>"$TMP/bad_scn.err"
check "a scenario's bad catalogue exits 2" test $? -eq 2
check "with the catalogue's line and column" grep -q 'bad_entry.yaml:5:14: bad_serum.log_kow' "$TMP/bad_scn.err"

# The resolved scenario names the catalogues it needs (absolute), so it runs from anywhere.
"$MNSIM" run --catalog "$DATA/my_compounds.yaml" --set formulation.compound=my_serum "${SHORT[@]}" \
  2>/dev/null | sed -n '/^resolved scenario/,$p' | tail -n +3 >"$TMP/resolved.yaml"
check "the resolved scenario names its catalogue" grep -q "^catalogs: \[\"$DATA/my_compounds.yaml\"\]" "$TMP/resolved.yaml"
mkdir -p "$TMP/elsewhere"
(cd "$TMP/elsewhere" && "$MNSIM" run ../resolved.yaml --json >/dev/null 2>&1)
check "the resolved scenario runs again from another folder" test $? -eq 0

# Not a regular file (a FIFO without a writer would block): refused at once.
mkfifo "$TMP/fifo.yaml"
timeout 20 "$MNSIM" compounds --catalog "$TMP/fifo.yaml" >/dev/null 2>"$TMP/fifo.err"
check "a FIFO as catalogue exits 2 at once" test $? -eq 2
check "a FIFO is named as not a regular file" grep -q 'fifo.yaml: not a regular file' "$TMP/fifo.err"

# --catalog needs a file.
"$MNSIM" compounds --catalog >/dev/null 2>"$TMP/arg.err"
check "--catalog without a file exits 2" test $? -eq 2
check "--catalog without a file is named" grep -q -- '--catalog needs a file' "$TMP/arg.err"

# Issue 18 item 10: a check across keys names the key's place in the file.
printf 'skin: {site: cheek}\nformulation:\n  compound: ""\n' >"$TMP/own.yaml"
"$MNSIM" run "$TMP/own.yaml" >/dev/null 2>"$TMP/own.err"
check "compound \"\" without properties exits 2" test $? -eq 2
check "... at own.yaml:3:14" grep -q 'own.yaml:3:14: formulation.compound is empty' "$TMP/own.err"
printf 'simulation:\n  duration_h: 2\n  profile_times_h: [1, 5]\n' >"$TMP/times.yaml"
"$MNSIM" run "$TMP/times.yaml" >/dev/null 2>"$TMP/times.err"
check "profile time after the end: at times.yaml:3:21" grep -q 'times.yaml:3:21: simulation.profile_times_h' "$TMP/times.err"
printf 'device:\n  model: nosuch\n' >"$TMP/model.yaml"
"$MNSIM" run "$TMP/model.yaml" >/dev/null 2>"$TMP/model.err"
check "unknown device.model at model.yaml:2:10" grep -q "model.yaml:2:10: device.model = 'nosuch'" "$TMP/model.err"

# Issue 18 item 11: type roller with model pen_12 runs the pen, and the resolved scenario says so.
printf 'device:\n  type: roller\n  model: pen_12\nsimulation: {duration_h: 1}\ncourse: {sessions: 0}\n' \
  >"$TMP/mix.yaml"
"$MNSIM" run "$TMP/mix.yaml" --json >"$TMP/mix.json" 2>"$TMP/mix.err"
check "roller + pen_12 runs" test $? -eq 0
check "the resolved scenario says pen" $PY -c '
import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if d["puncture"]["device_type"] == "pen" and "pen" in d["name"] else 1)' "$TMP/mix.json"
check "the mismatch is reported naming both keys and the place" \
  grep -q 'mix.yaml:2:9: device.type = roller does not match device.model = pen_12, a pen' "$TMP/mix.err"
"$MNSIM" run "$TMP/mix.yaml" -o "$TMP/mix_out" >/dev/null 2>&1
check "the resolved scenario in the report says pen" grep -q 'type: pen' "$TMP/mix_out/report.html"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
