#!/usr/bin/env bash
# mnsim compare: the planner's microneedling protocol against a fractional laser (the table,
# --json with both arms, -o with each arm's files, the pair figure and the page), two scenario
# files, and bad input (exit 2, the value named).
# Usage: test_compare.sh path/to/mnsim
set -u
MNSIM=${1:?usage: test_compare.sh path/to/mnsim}
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
. "$(dirname "$0")/check.sh"

ARGS="--indication acne_scars_moderate --site cheek --fitzpatrick 4"
"$MNSIM" compare $ARGS >"$TMP/table.txt" 2>"$TMP/table.err"
check "compare exits 0" test $? -eq 0
for row in "depth of the zone" "serum uptake" "new collagen" "Goodman-Baron" "redness per session" \
  "PIH over the course" "pain (literature)" "sessions" "evidence"; do
  check "table has the row '$row'" grep -q "$row" "$TMP/table.txt"
done
check "the laser arm is the default 1,550 nm scanner" grep -q "er_glass_1550 laser (fraxel_1550)" "$TMP/table.txt"

"$MNSIM" compare $ARGS --laser co2 --json >"$TMP/c.json" 2>/dev/null
check "compare --json exits 0" test $? -eq 0
check "--json has both arms, every row with its evidence" $PY - "$TMP/c.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
arms = {a["arm"]: a["summary"] for a in d["arms"]}
ok = set(arms) == {"microneedling", "laser"}
mn, la = arms["microneedling"], arms["laser"]
ok = ok and mn["puncture"]["device_type"] in ("roller", "pen", "stamp")
ok = ok and la["puncture"]["device_type"] == "fractional_laser" and la["puncture"]["laser"] == "co2"
ok = ok and la["puncture"]["ablation_depth_um"] > 0 and la["absorption"]["enhancement_ratio"] > 1
ok = ok and "pih_risk_percent" in la["healing"] and "outcome" in la and "outcome" in mn
ok = ok and all(r["evidence"] and r["microneedling"] and r["laser"] for r in d["rows"])
sys.exit(0 if ok else 1)
PY

"$MNSIM" compare $ARGS -o "$TMP/out" >/dev/null 2>"$TMP/o.err"
check "compare -o exits 0" test $? -eq 0
for f in compare.html compare.json compare_sections.png compare_sections.svg \
  microneedling/summary.json microneedling/report.html laser/summary.json laser/report.html; do
  check "-o writes $f" test -s "$TMP/out/$f"
done
check "the page embeds the pair figure" grep -q 'data:image/png;base64' "$TMP/out/compare.html"
check "stderr says where the page is" grep -q "compare.html" "$TMP/o.err"

# two scenarios
printf 'device:\n  type: pen\n  needle_length_mm: 1.0\n' >"$TMP/a.yaml"
printf 'device:\n  type: fractional_laser\n  laser: er_yag\n' >"$TMP/b.yaml"
"$MNSIM" compare "$TMP/a.yaml" "$TMP/b.yaml" >"$TMP/ab.txt" 2>/dev/null
check "two scenarios exit 0" test $? -eq 0
check "two scenarios: the laser arm" grep -q "er_yag laser" "$TMP/ab.txt"

# bad input
"$MNSIM" compare $ARGS --laser ruby >/dev/null 2>"$TMP/bad1.err"
check "unknown laser exits 2" test $? -eq 2
check "unknown laser is named" grep -q "'ruby'" "$TMP/bad1.err"
"$MNSIM" compare "$TMP/a.yaml" >/dev/null 2>"$TMP/bad2.err"
check "one scenario exits 2" test $? -eq 2
"$MNSIM" compare --indication nonsense --site cheek >/dev/null 2>"$TMP/bad3.err"
check "unknown indication exits 2" test $? -eq 2
printf 'device:\n  laser: ruby\n' >"$TMP/bad.yaml"
"$MNSIM" compare "$TMP/a.yaml" "$TMP/bad.yaml" >/dev/null 2>"$TMP/bad4.err"
check "a bad scenario exits 2" test $? -eq 2
check "a bad scenario names file:line" grep -q "bad.yaml:2" "$TMP/bad4.err"
"$MNSIM" --help | grep -q '^  compare '
check "mnsim --help lists compare" test $? -eq 0

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
