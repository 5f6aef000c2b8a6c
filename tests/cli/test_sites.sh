#!/usr/bin/env bash
# mnsim sites: the table for people, --json (valid JSON, every site with four thicknesses, CVs
# and sources), --help, and a bad argument. Usage: test_sites.sh path/to/mnsim
set -u
MNSIM=${1:?usage: test_sites.sh path/to/mnsim}
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
. "$(dirname "$0")/check.sh"

SITES="forehead temple periorbital cheek nose upper_lip chin neck chest upper_back abdomen
upper_arm forearm hand buttock thigh lower_leg"

# the table for people
"$MNSIM" sites >"$TMP/table.txt" 2>"$TMP/table.err"
check "sites exits 0" test $? -eq 0
check "sites writes nothing on stderr" test ! -s "$TMP/table.err"
check "table has a header" grep -q '^name .*label .*SC µm .*VE µm .*dermis µm .*subcutis mm' "$TMP/table.txt"
for s in $SITES; do
  check "table lists $s" grep -q "^$s " "$TMP/table.txt"
done
# the cheek row: 17 µm SC, 50 µm VE, 2150 µm dermis (50 MHz ultrasound, E+D 1.90-2.53 mm),
# 5.0 mm subcutis (physics reference 1a, 1b)
check "cheek row values" grep -Eq '^cheek .* 17 +50 +2150 +5\.0$' "$TMP/table.txt"

# --names: the names alone, one a line, in the table's order
"$MNSIM" sites --names >"$TMP/names.txt" 2>"$TMP/names.err"
check "sites --names exits 0" test $? -eq 0
for s in $SITES; do
  check "sites --names lists $s" grep -qx "$s" "$TMP/names.txt"
done
check "sites --names: the table's names, nothing else" \
  test "$(cat "$TMP/names.txt")" = "$("$MNSIM" sites | sed -n 's/^\([a-z_]*\) .*/\1/p' | grep -v '^name$')"

# --json: one valid JSON document on stdout, nothing else there
"$MNSIM" sites --json >"$TMP/sites.json" 2>"$TMP/json.err"
check "sites --json exits 0" test $? -eq 0
check "sites --json is valid JSON" $PY -m json.tool "$TMP/sites.json" >/dev/null
check "sites --json: every site complete" $PY - "$TMP/sites.json" $SITES <<'PY'
import json, sys
sites = json.load(open(sys.argv[1]))
want = sys.argv[2:]
by_name = {s["name"]: s for s in sites}
ok = True
for name in want:
    s = by_name.get(name)
    if s is None:
        print("missing site", name); ok = False; continue
    for key in ("label", "region", "over_bone", "stratum_corneum_um", "viable_epidermis_um",
                "dermis_um", "subcutis_mm", "cv", "sources"):
        if key not in s:
            print(name, "lacks", key); ok = False
    if not ok:
        continue
    t = [s["stratum_corneum_um"], s["viable_epidermis_um"], s["dermis_um"], s["subcutis_mm"]]
    if not all(isinstance(v, (int, float)) and v > 0 for v in t):
        print(name, "bad thicknesses", t); ok = False
    if not (t[0] < t[1] < t[2]):
        print(name, "layers out of order", t); ok = False
    layers = ("stratum_corneum", "viable_epidermis", "dermis", "subcutis")
    if sorted(s["cv"]) != sorted(layers) or sorted(s["sources"]) != sorted(layers):
        print(name, "cv/sources must have one entry per layer"); ok = False
    elif not all(0 < s["cv"][l] < 1 and len(s["sources"][l]) > 20 for l in layers):
        print(name, "bad cv or source"); ok = False
    if s["region"] not in ("face", "neck", "trunk", "limb"):
        print(name, "bad region", s["region"]); ok = False
cheek = by_name.get("cheek", {})
if cheek.get("stratum_corneum_um") != 17 or cheek.get("subcutis_mm") != 5:
    print("cheek values not tidy:", cheek.get("stratum_corneum_um"), cheek.get("subcutis_mm"))
    ok = False
sys.exit(0 if ok else 1)
PY

# --help and bad usage
"$MNSIM" sites --help >"$TMP/help.txt"
check "sites --help exits 0" test $? -eq 0
check "sites --help shows usage" grep -q 'usage: mnsim sites \[--json | --names\]' "$TMP/help.txt"
"$MNSIM" --help | grep -q '^  sites '
check "mnsim --help lists sites" test $? -eq 0
"$MNSIM" sites --bogus >"$TMP/bad.out" 2>"$TMP/bad.err"
check "bad argument exits 2" test $? -eq 2
check "bad argument is named on stderr" grep -q "mnsim: error: .*'--bogus'" "$TMP/bad.err"
check "bad argument prints nothing on stdout" test ! -s "$TMP/bad.out"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
