#!/usr/bin/env bash
# A fractional laser through every stage (issue 15): the command of the issue writes every
# output, the summary describes the zones, a non-ablative laser opens no channel, and bad laser
# input is refused with the key and value named (exit 2).
# Usage: test_laser.sh path/to/mnsim
set -u
MNSIM=${1:?usage: test_laser.sh path/to/mnsim}
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
. "$(dirname "$0")/check.sh"

"$MNSIM" run --set device.type=fractional_laser --set device.laser=co2 \
  --set device.pulse_energy_mj=20 -o "$TMP/co2" >"$TMP/co2.txt" 2>"$TMP/co2.err"
check "the laser run exits 0" test $? -eq 0
for f in summary.json report.html channels.csv absorption.csv healing.csv profiles.csv \
  cross_section.png channel_map.png absorbed.png course.png; do
  check "the laser run writes $f" test -s "$TMP/co2/$f"
done
check "the terminal shows the zone and the crater" grep -q "crater .* um deep" "$TMP/co2.txt"
check "no nan anywhere" bash -c "! grep -qi 'nan' '$TMP/co2.txt' '$TMP/co2/summary.json'"
check "summary.json describes the zone" $PY - "$TMP/co2/summary.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
p = d["puncture"]
ok = p["device_type"] == "fractional_laser" and p["laser"] == "co2" and p["ablative"]
ok = ok and p["pulse_energy_mj"] == 20 and 0 < p["ablation_depth_um"] <= p["coagulation_depth_um"]
ok = ok and p["mean_depth_um"] == p["coagulation_depth_um"] and 0 < p["area_fraction"] < p["zone_area_fraction"]
ok = ok and p["needle_length_mm"] is None and abs(p["zone_energy_balance"]) < 1e-9
ok = ok and d["absorption"]["enhancement_ratio"] > 10 and d["healing"]["collagen_change_percent"] > 0
ok = ok and 0 < d["healing"]["pih_risk_percent"] < 100
sys.exit(0 if ok else 1)
PY

"$MNSIM" run --set device.model=fraxel_1550 --set simulation.duration_h=2 --set course.sessions=1 \
  --json >"$TMP/nafl.json" 2>/dev/null
check "a non-ablative run exits 0" test $? -eq 0
check "a non-ablative laser opens no channel" $PY - "$TMP/nafl.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
p = d["puncture"]
ok = not p["ablative"] and p["ablation_depth_um"] == 0 and p["area_fraction"] == 0
a = d["absorption"]
ok = ok and p["zone_area_fraction"] > 0 and a["absorbed_percent"] == a["intact_absorbed_percent"]
sys.exit(0 if ok else 1)
PY

"$MNSIM" run --set device.laser=ruby >/dev/null 2>"$TMP/bad1.err"
check "an unknown laser line exits 2" test $? -eq 2
check "the key and value are named" grep -q "device.laser.*ruby" "$TMP/bad1.err"
printf 'device:\n  type: fractional_laser\n  pulse_energy_mj: -3\n' >"$TMP/bad.yaml"
"$MNSIM" run "$TMP/bad.yaml" >/dev/null 2>"$TMP/bad2.err"
check "a negative energy exits 2" test $? -eq 2
check "it is named with file:line:column" grep -q "bad.yaml:3:[0-9]*: .*device.pulse_energy_mj" "$TMP/bad2.err"
"$MNSIM" run --set device.type=fractional_laser --set device.needle_base_diameter_um=200 \
  --set simulation.duration_h=1 --set course.sessions=0 >/dev/null 2>"$TMP/warn.err"
check "a needle key on a laser is warned about" grep -q "needle_base_diameter_um is ignored" "$TMP/warn.err"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
